/**
 * Cell keys name one cell of one official table: `T4|u:unit-1|generalFunding`.
 * The same keys are used by the computation graph, `reported` (printed values), findings,
 * the grid, and the Excel mapping, so a finding can point at the cell a clerk sees.
 *
 * Row keys (by table):
 * - `dept`                     department row (表2–5, 7–9, 11, 12 with `:prev`/`:cur`)
 * - `u:<unitId>`               unit row (表2–5, 7–11); 表12: `u:<unitId>:prev`, `u:<unitId>:cur`
 * - `ec:<unitId>:<301>`        表4 经济分类 类 row of a unit; `e:<lineId>` its 款 lines
 * - `p:<projectId>`            project row (表5, 表13, 表14, 表15); `s:<subItemId>` 表5 sub-item
 * - `f:<lineId>`               表7/8/9 功能分类 项 line; `t:<lineId>` 表10 line
 * - `pg:<unitId>:<A>`          表11 品目 group of a unit; `pi:<itemId>` its items
 * - `in:<node>`                表1/表6 income side (funding node or build-up row)
 * - `out:<code>` / `out:<name>` 表1/表6 expenditure side (类/款/项 code or build-up row)
 * - `basic`, `total`           表14 基本支出事项 and 合计
 */
export type TableId = `T${number}`;

export interface CellRef {
  table: TableId;
  row: string;
  column: string;
}

export function cellKey(table: TableId, row: string, column: string): string {
  return `${table}|${row}|${column}`;
}

/** A cell key without its column: the table and row (`T5|p:x`). */
export function tableRowKey(table: TableId, row: string): string {
  return `${table}|${row}`;
}

export function parseCellKey(key: string): CellRef {
  const first = key.indexOf('|');
  const last = key.lastIndexOf('|');
  if (first <= 0 || last === first) throw new Error(`bad cell key: ${key}`);
  return { table: key.slice(0, first) as TableId, row: key.slice(first + 1, last), column: key.slice(last + 1) };
}

export const rowKeys = {
  dept: 'dept',
  unit: (unitId: string) => `u:${unitId}`,
  econCategory: (unitId: string, code: string) => `ec:${unitId}:${code}`,
  econLine: (lineId: string) => `e:${lineId}`,
  project: (projectId: string) => `p:${projectId}`,
  subItem: (subItemId: string) => `s:${subItemId}`,
  functionalLine: (lineId: string) => `f:${lineId}`,
  transferLine: (lineId: string) => `t:${lineId}`,
  procurementGroup: (unitId: string, group: string) => `pg:${unitId}:${group}`,
  procurementItem: (itemId: string) => `pi:${itemId}`,
  threePublic: (unitId: string | null, year: 'prev' | 'cur') => (unitId === null ? `dept:${year}` : `u:${unitId}:${year}`),
  income: (node: string) => `in:${node}`,
  expenditure: (codeOrName: string) => `out:${codeOrName}`,
} as const;
