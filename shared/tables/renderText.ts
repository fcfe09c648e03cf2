/**
 * Plain-text rendering of a projected table (CLI `show`): title, 单位名称/单位 line, the merged
 * header and aligned rows, CJK characters counted as two columns.
 */
import type { DisplayUnit } from '../model/document';
import { UNIT_LABELS } from '../money/format';
import { formatFen } from '../money/format';
import type { Fen } from '../money/fen';
import type { ProjectedTable } from './project';

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x201c && c <= 0x201d) ? 2 : 1;
  }
  return w;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

export interface ValueSource {
  /** Value in 分 and whether the cell is empty. */
  value(key: string): { fen: Fen; empty: boolean } | undefined;
}

export interface TextRenderOptions {
  departmentName: string;
  unit: DisplayUnit;
  decimals: number;
}

export function renderTableText(table: ProjectedTable, values: ValueSource, opts: TextRenderOptions): string {
  const cols = table.columns;
  const cellText = (row: ProjectedTable['rows'][number], colKey: string): string => {
    const cell = row.cells[colKey];
    if (!cell) return '';
    if (cell.key) {
      const v = values.value(cell.key);
      if (!v || v.empty) return '';
      return formatFen(v.fen, { unit: opts.unit, decimals: opts.decimals });
    }
    const indent = cell.indent ?? (colKey === cols[0]?.key ? row.level : 0);
    return '  '.repeat(indent) + (cell.text ?? '');
  };
  const body = table.rows.map((r) => cols.map((c) => cellText(r, c.key)));
  const depth = table.header.rows.length;
  const widths = cols.map((c, i) => {
    let w = displayWidth(table.header.rows[depth - 1]?.[i] ?? '');
    for (let r = 0; r < depth; r++) {
      // A leaf spanning down from a higher level carries its text on that level.
      const isLeafAbove = table.header.merges.some((m) => m.left === i && m.right === i && m.top === r && m.bottom === depth - 1);
      if (isLeafAbove) w = Math.max(w, displayWidth(table.header.rows[r]![i]!));
    }
    for (const row of body) w = Math.max(w, displayWidth(row[i]!));
    return Math.max(w, c.kind === 'amount' ? 6 : 4);
  });

  const lines: string[] = [];
  lines.push(`${table.label}  ${table.title}`);
  lines.push(`单位名称：${opts.departmentName}    单位：${UNIT_LABELS[opts.unit]}`);
  const sep = (ch: string) => widths.map((w) => ch.repeat(w)).join('-+-');
  lines.push(sep('-'));
  for (let r = 0; r < depth; r++) {
    const parts: string[] = [];
    let i = 0;
    while (i < cols.length) {
      const merge = table.header.merges.find((m) => m.top === r && m.left === i && m.right > i);
      const span = merge ? merge.right - merge.left + 1 : 1;
      const width = widths.slice(i, i + span).reduce((a, b) => a + b, 0) + 3 * (span - 1);
      parts.push(padEnd(table.header.rows[r]![i] ?? '', width));
      i += span;
    }
    lines.push(parts.join(' | ').trimEnd());
  }
  lines.push(sep('-'));
  for (const row of body) {
    lines.push(row.map((t, i) => (cols[i]!.kind === 'amount' ? padStart(t, widths[i]!) : padEnd(t, widths[i]!))).join(' | ').trimEnd());
  }
  if (table.note) lines.push('', table.note);
  return lines.join('\n');
}
