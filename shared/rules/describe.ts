/**
 * Cells and amounts in the clerk's words, for audit messages:
 * `表4 市信访局本级“工资福利支出”行“总计”列`, `表1“本年支出合计”`, `表15-3“本年度项目金额”`,
 * `3,380 万元`. Row names come from the document and the year's code lists (as the tables print
 * them, shared/tables/project.ts); column names from the table catalogue's header texts.
 */
import { columnsOf, getCatalogue, hasCatalogue, type Catalogue } from '../catalogue';
import { UNIT_LABELS } from '../money/format';
import { getCodeLists, type CodeListSet } from '../codes/registry';
import { parseCellKey, type TableId } from '../model/cellKey';
import type { DepartmentBudget, DisplayUnit } from '../model/document';
import { FUNCTIONAL_FUND_LABELS, FUNDING_LABELS, type FundingNode } from '../model/funding';
import { formatFen } from '../money/format';
import type { Fen } from '../money/fen';

export interface Describer {
  /** 表4 市信访局本级“工资福利支出”行“总计”列 */
  cell(table: TableId | string, row: string, column: string): string;
  cellOfKey(key: string): string;
  /** 表N (表15-N for a project's form; 辅助表 for T0). */
  tableLabel(table: TableId | string, row?: string): string;
  /** Name of a unit, project … as printed. */
  unitName(unitId: string): string;
  projectName(projectId: string, table?: 'T5' | 'T13' | 'T14' | 'T15'): string;
  /** An amount with its unit: 3,380 万元 / 1,234.56 元. */
  amount(fen: number): string;
  /** A rounding tolerance (may be half a printed unit): ±2.5 万元. */
  tolerance(fen: number): string;
}

const FORM_COLUMNS: Record<string, Record<string, string>> = {
  T14: { total: '总额', fiscal: '财政拨款', other: '其他资金' },
  T15: { totalAmount: '项目总金额', currentYear: '本年度项目金额', fiscal: '财政拨款资金', other: '其他资金', assetPurchase: '固定资产采购金额', startDate: '计划开始日期', endDate: '计划完成日期' },
  T0: { subsidyToAffiliates: '对附属单位补助支出', remittanceToSuperior: '上缴上级支出', carryOverOut: '结转下年', basic: '基本支出', project: '项目支出', total: '支出总计' },
};

const OVERVIEW_ROWS: Record<string, string> = {
  currentYearIncome: '本年收入合计',
  incomeTotal: '收入总计',
  currentYearExpenditure: '本年支出合计',
  expenditureTotal: '支出总计',
  subsidyToAffiliates: '对附属单位补助支出',
  remittanceToSuperior: '上缴上级支出',
  carryOverOut: '结转下年',
};

/** `unit`: the unit amounts are written in (the editor's display unit; default the document's). */
export function createDescriber(doc: DepartmentBudget, codes: CodeListSet = getCodeLists(doc.department.fiscalYear), unit: DisplayUnit = doc.department.displayUnit): Describer {
  const catalogue: Catalogue | null = hasCatalogue(doc.catalogueId) ? getCatalogue(doc.catalogueId) : null;
  const year = doc.department.fiscalYear;
  const columnLabels = new Map<string, Map<string, string>>();
  const columnLabel = (table: string, column: string): string => {
    const fixed = FORM_COLUMNS[table]?.[column];
    if (fixed) return fixed;
    let labels = columnLabels.get(table);
    if (!labels) {
      labels = new Map();
      const def = catalogue?.tables.find((t) => t.id === table);
      if (def) {
        for (const c of columnsOf(def, year)) {
          const path = c.headerPath.filter((t) => t !== '其中：');
          const leaf = path[path.length - 1] ?? c.key;
          labels.set(c.key, leaf === '小计' && path.length > 1 ? `${path[path.length - 2]}小计` : leaf);
        }
      }
      columnLabels.set(table, labels);
    }
    return labels.get(column) ?? (FUNDING_LABELS as Record<string, string>)[column] ?? column;
  };

  let formIndex: Map<string, number> | null = null;
  const formNumber = (projectId: string): number => {
    if (!formIndex) {
      formIndex = new Map();
      const order = new Map(doc.units.order.map((u, i) => [u, i]));
      const projects = doc.projects.order.map((id) => doc.projects.byId[id]!).filter((p) => order.has(p.unitId));
      // Same order as the cell graph and the forms: units in unit order, projects in document order.
      projects.sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)!);
      projects.forEach((p, i) => formIndex!.set(p.id, i + 1));
    }
    return formIndex.get(projectId) ?? 0;
  };

  const unitName = (unitId: string) => doc.units.byId[unitId]?.name ?? unitId;
  const projectName = (projectId: string, table: 'T5' | 'T13' | 'T14' | 'T15' = 'T5') => {
    const p = doc.projects.byId[projectId];
    if (!p) return projectId;
    if (table === 'T13') return p.tableNames.table13 ?? p.name;
    if (table === 'T14') return p.tableNames.table14 ?? p.name;
    if (table === 'T15') return p.tableNames.table15 ?? p.name;
    return p.name;
  };
  const economicName = (code: string, printed?: string) => printed ?? codes.economic.get(code)?.name ?? code;
  const functionalName = (code: string, printed?: string) => printed ?? codes.functional.get(code)?.name ?? code;
  const procurementName = (code: string, printed?: string) => printed ?? codes.procurement.get(code)?.name ?? code;

  const tableLabel = (table: string, row?: string): string => {
    if (table === 'T0') return '辅助表';
    if (table === 'T15' && row?.startsWith('p:')) return `表15-${formNumber(row.slice(2))}`;
    return `表${table.slice(1)}`;
  };

  /** [context before the quoted name, quoted row name] */
  const rowParts = (table: string, row: string): [string, string] => {
    if (row === 'dept') return ['', doc.department.shortName];
    if (table === 'T14' && row === 'basic') return ['', '基本支出事项'];
    if (table === 'T14' && row === 'total') return ['', '合计'];
    const colon = row.indexOf(':');
    const kind = row.slice(0, colon);
    const rest = row.slice(colon + 1);
    switch (kind) {
      case 'dept':
        return ['', `${doc.department.shortName} ${rest === 'prev' ? year - 1 : year}年`];
      case 'u': {
        const [unitId, y] = rest.split(':') as [string, string | undefined];
        return ['', y ? `${unitName(unitId)} ${y === 'prev' ? year - 1 : year}年` : unitName(unitId)];
      }
      case 'ec': {
        const [unitId, code] = rest.split(':') as [string, string];
        return [unitName(unitId), economicName(code)];
      }
      case 'e': {
        const line = doc.economicLines.byId[rest];
        return line ? [unitName(line.unitId), economicName(line.code, line.name)] : ['', rest];
      }
      case 'p': {
        const p = doc.projects.byId[rest];
        const t = table === 'T13' || table === 'T14' || table === 'T15' ? table : 'T5';
        return [p && t === 'T5' ? unitName(p.unitId) : '', projectName(rest, t)];
      }
      case 's': {
        const s = doc.subItems.byId[rest];
        const p = s ? doc.projects.byId[s.projectId] : undefined;
        return s ? [p ? `${unitName(p.unitId)}“${p.name}”项目下` : '', s.name] : ['', rest];
      }
      case 'f': {
        const line = doc.functionalLines.byId[rest];
        if (!line) return ['', rest];
        const fund = table === 'T0' ? `（${FUNCTIONAL_FUND_LABELS[line.fund]}）` : '';
        return [unitName(line.unitId), `${line.code} ${functionalName(line.code, line.name)}${fund}`];
      }
      case 't': {
        const line = doc.transferLines.byId[rest];
        return line ? [unitName(line.unitId), `${line.code} ${line.projectName}`] : ['', rest];
      }
      case 'pg': {
        const [unitId, group] = rest.split(':') as [string, string];
        return [unitName(unitId), `${group} ${procurementName(group)}`];
      }
      case 'pi': {
        const item = doc.procurementItems.byId[rest];
        return item ? [unitName(item.unitId), `${item.code} ${procurementName(item.code, item.name)}`] : ['', rest];
      }
      case 'in':
        return ['', OVERVIEW_ROWS[rest] ?? FUNDING_LABELS[rest as FundingNode] ?? rest];
      case 'out':
        return ['', OVERVIEW_ROWS[rest] ?? (/^\d+$/.test(rest) ? `${rest} ${functionalName(rest)}` : rest)];
      default:
        return ['', row];
    }
  };

  const cell = (table: string, row: string, column: string): string => {
    const t = tableLabel(table, row);
    if (table === 'T1' || table === 'T6') return `${t}“${rowParts(table, row)[1]}”`;
    if (table === 'T15') return `${t}“${projectName(row.slice(2), 'T15')}”的“${columnLabel(table, column)}”`;
    if (table === 'T14') return `${t}“${rowParts(table, row)[1]}”的“${columnLabel(table, column)}”`;
    if (table === 'T0' && row.startsWith('u:')) return `${unitName(row.slice(2))}的“${columnLabel(table, column)}”`;
    const [context, name] = rowParts(table, row);
    const col = table === 'T10' || table === 'T11' ? '' : `“${columnLabel(table, column)}”列`;
    return `${t} ${context}“${name}”行${col}`;
  };

  const scale = unit === 'wan' ? 1_000_000 : 100;
  const precision = doc.printedPrecisionFen;
  const amount = (fen: number): string => {
    const rounded = Math.round(fen);
    let decimals: number;
    if (precision !== null && precision <= scale) decimals = Math.round(Math.log10(scale / precision));
    else if (precision !== null) decimals = 0;
    else decimals = unit === 'wan' ? 6 : 2;
    let text = formatFen(rounded as Fen, { unit, decimals });
    // Exact amounts in 万元: drop trailing zeros of the 6 decimals (keep what 分 need).
    if (precision === null && unit === 'wan' && text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
    return `${text} ${UNIT_LABELS[unit]}`;
  };

  const tolerance = (fen: number): string => {
    if (precision === null) return amount(fen);
    const units = fen / precision; // a multiple of ½ printed unit
    if (Number.isInteger(units)) return amount(fen);
    const decimals = precision <= scale ? Math.round(Math.log10(scale / precision)) : 0;
    const base = formatFen((Math.floor(units) * precision) as Fen, { unit, decimals });
    return `${base}${base.includes('.') ? '5' : '.5'} ${UNIT_LABELS[unit]}`;
  };

  return {
    cell,
    tolerance,
    cellOfKey: (key) => {
      const ref = parseCellKey(key);
      return cell(ref.table, ref.row, ref.column);
    },
    tableLabel,
    unitName,
    projectName,
    amount,
  };
}
