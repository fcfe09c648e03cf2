import type { TableId } from '../../shared/model/cellKey';

/** Accepts 表4, T4, 4, 表15 (all project forms) or 表15-2. */
export function parseTableArg(arg: string): { table: TableId; index?: number } | null {
  const m = /^(?:表|T|t)?\s*(\d{1,2})(?:-(\d+))?$/.exec(arg.trim());
  if (!m) return null;
  const n = Number(m[1]);
  if (n < 1 || n > 15) return null;
  return { table: `T${n}` as TableId, ...(m[2] ? { index: Number(m[2]) } : {}) };
}
