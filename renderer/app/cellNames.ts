/** Human names of cells for the problems panel: 表4 · 市信访局本级 · 总计. */
import { columnsOf, type Catalogue } from '../../shared/catalogue';
import type { DepartmentBudget } from '../../shared/model/document';
import { FUNDING_LABELS, type FundingNode } from '../../shared/model/funding';
import type { NameLookup } from '../../shared/tables/names';

const EXTRA_COLUMN_LABELS: Record<string, string> = {
  amount: '金额',
  totalAmount: '项目总金额',
  currentYear: '本年度金额',
  fiscal: '财政拨款',
  other: '其他资金',
  assetPurchase: '固定资产采购金额',
  total: '合计',
  subsidyToAffiliates: '对附属单位补助支出',
  remittanceToSuperior: '上缴上级支出',
  carryOverOut: '结转下年',
  code: '编码',
  name: '名称',
  startDate: '计划开始日期',
  endDate: '计划完成日期',
};

/** Cells that hold text, not an amount (the problems panel shows no value for them). */
const TEXT_COLUMNS = new Set(['note', 'code', 'name', 'startDate', 'endDate']);
const TEXT_ROWS = new Set(['note', 'indicators']);

export function isTextCell(cell: { row: string; column: string }): boolean {
  return TEXT_COLUMNS.has(cell.column) || TEXT_ROWS.has(cell.row);
}

const OUT_LABELS: Record<string, string> = {
  currentYearExpenditure: '本年支出合计',
  expenditureTotal: '支出总计',
  subsidyToAffiliates: '对附属单位补助支出',
  remittanceToSuperior: '上缴上级支出',
  carryOverOut: '结转下年',
};
const IN_LABELS: Record<string, string> = { currentYearIncome: '本年收入合计', incomeTotal: '收入总计' };

export function tableName(table: string, row: string, doc: DepartmentBudget): string {
  if (table === 'T0') return '辅助表';
  if (table === 'T15' && row.startsWith('p:')) {
    const i = doc.projects.order.indexOf(row.slice(2));
    return i >= 0 ? `表15-${projectNumber(doc, row.slice(2))}` : '表15';
  }
  return `表${table.slice(1)}`;
}

/** Project numbers for one units/projects pair of the document (rebuilt when either changes). */
let numbering: { units: DepartmentBudget['units']; projects: DepartmentBudget['projects']; byId: Map<string, number> } | null = null;

/** 表15-N number of a project: its place in unit order (as the table list shows). */
function projectNumber(doc: DepartmentBudget, projectId: string): number {
  if (numbering?.units !== doc.units || numbering.projects !== doc.projects) {
    const byUnit = new Map<string, string[]>();
    for (const p of doc.projects.order) {
      const u = doc.projects.byId[p]!.unitId;
      let list = byUnit.get(u);
      if (!list) byUnit.set(u, (list = []));
      list.push(p);
    }
    const byId = new Map<string, number>();
    for (const u of doc.units.order) for (const p of byUnit.get(u) ?? []) byId.set(p, byId.size + 1);
    numbering = { units: doc.units, projects: doc.projects, byId };
  }
  return numbering.byId.get(projectId) ?? numbering.byId.size;
}

/** What a row that no longer exists (deleted since the finding was made) is called. */
const GONE = '（已删除的行）';

export function rowName(doc: DepartmentBudget, names: NameLookup, row: string): string {
  const parts = row.split(':');
  const [prefix, id, extra] = parts;
  const unit = (u: string | undefined) => (u ? (doc.units.byId[u]?.name ?? GONE) : '');
  switch (prefix) {
    case 'dept':
      return id === 'prev' || id === 'cur' ? `${doc.department.shortName}（${id === 'prev' ? '上年' : '本年'}）` : doc.department.shortName;
    case 'u':
      return extra ? `${unit(id)}（${extra === 'prev' ? '上年' : '本年'}）` : unit(id);
    case 'ec':
      return `${unit(id)} ${extra ?? ''} ${names.economic(extra ?? '') ?? ''}`.trim();
    case 'e': {
      const l = doc.economicLines.byId[id ?? ''];
      return l ? `${unit(l.unitId)} ${l.code} ${l.name ?? names.economic(l.code) ?? ''}`.trim() : GONE;
    }
    case 'p':
      return doc.projects.byId[id ?? '']?.name ?? GONE;
    case 's':
      return doc.subItems.byId[id ?? '']?.name ?? GONE;
    case 'f': {
      const l = doc.functionalLines.byId[id ?? ''];
      return l ? `${unit(l.unitId)} ${l.code} ${l.name ?? names.functional(l.code) ?? ''}`.trim() : GONE;
    }
    case 't':
      return doc.transferLines.byId[id ?? '']?.projectName ?? GONE;
    case 'pg':
      return `${unit(id)} ${extra ?? ''} ${names.procurement(extra ?? '') ?? ''}`.trim();
    case 'pi': {
      const i = doc.procurementItems.byId[id ?? ''];
      return i ? `${unit(i.unitId)} ${i.code} ${i.name ?? names.procurement(i.code) ?? ''}`.trim() : GONE;
    }
    case 'in':
      return IN_LABELS[id ?? ''] ?? FUNDING_LABELS[id as FundingNode] ?? row;
    case 'out':
      return OUT_LABELS[id ?? ''] ?? (id && /^\d+$/.test(id) ? `${id} ${names.functional(id) ?? ''}`.trim() : row);
    case 'basic':
      return '基本支出事项';
    case 'note':
      return '表下注释';
    case 'indicators':
      return '绩效指标';
    case 'total':
      return '合计';
    default:
      return row;
  }
}

/** Column names per catalogue: the header walk is the same for every finding of a column. */
const columnNames = new WeakMap<Catalogue, Map<string, string>>();

export function columnName(catalogue: Catalogue, table: string, column: string, year: number): string {
  let names = columnNames.get(catalogue);
  if (!names) columnNames.set(catalogue, (names = new Map()));
  const key = `${table}|${column}|${year}`;
  let name = names.get(key);
  if (name === undefined) names.set(key, (name = computeColumnName(catalogue, table, column, year)));
  return name;
}

function computeColumnName(catalogue: Catalogue, table: string, column: string, year: number): string {
  const def = catalogue.tables.find((t) => t.id === table);
  if (def && def.header.length > 0) {
    const col = columnsOf(def, year).find((c) => c.key === column);
    if (col) {
      const path = col.headerPath.filter((p) => p !== '小计');
      return path[path.length - 1] === col.headerPath[col.headerPath.length - 1] ? path.join('/') : col.headerPath.join('/');
    }
  }
  return EXTRA_COLUMN_LABELS[column] ?? FUNDING_LABELS[column as FundingNode] ?? column;
}

export function describeCell(doc: DepartmentBudget, catalogue: Catalogue, names: NameLookup, cell: { table: string; row: string; column: string }): string {
  const table = tableName(cell.table, cell.row, doc);
  // A table's note is one text under the table: no row, no column.
  if (cell.row === 'note') return `${table} · ${rowName(doc, names, cell.row)}`;
  // 表14's indicator findings name the indicator level (产出指标 / 效益指标) in the column.
  if (cell.row === 'indicators') return `${table} · ${rowName(doc, names, cell.row)} · ${cell.column}`;
  return `${table} · ${rowName(doc, names, cell.row)} · ${columnName(catalogue, cell.table, cell.column, doc.department.fiscalYear)}`;
}
