/**
 * Table projection: the rows of one official grid table for a document, as the clerk sees them —
 * label texts and, for amount columns, the cell key whose value is shown. The grid, the CLI and
 * the Excel exporter all render this; none of them re-derive the row structure.
 */
import { columnsOf, fillYear, headerGrid, type Catalogue, type ColumnDef, type HeaderGrid, type TableDef } from '../catalogue';
import { cellKey, rowKeys as R, type TableId } from '../model/cellKey';
import type { DepartmentBudget } from '../model/document';
import { FISCAL_FUNCTIONAL_FUNDS, FUNCTIONAL_FUND_LABELS, FUNDING_LABELS } from '../model/funding';
import { buildStructure, functionalTableOf, type BudgetStructure } from '../compute/structure';
import { T12_COLUMNS, T3_COLUMNS } from '../compute/buildGraph';
import { FUNDING_COLUMNS } from '../compute/fundingColumns';
import type { NameLookup } from './names';
import { AUXILIARY_TABLE } from './auxiliary';

export type RowKind = 'department' | 'unit' | 'category' | 'line' | 'project' | 'subItem' | 'group' | 'item' | 'total' | 'blank';

export interface ProjectedCell {
  text?: string;
  /** Indentation of a label cell (two-sided tables indent each side on its own). */
  indent?: number;
  /** Cell key of the amount shown (computed or input). */
  key?: string;
}

export interface ProjectedRow {
  /** Stable row id (the row key; two-sided tables use their own ids). */
  id: string;
  kind: RowKind;
  /** Indentation level of the label (0 = department). */
  level: number;
  cells: Record<string, ProjectedCell>;
}

export interface ProjectedTable {
  def: TableDef;
  /** 表N */
  label: string;
  title: string;
  columns: ColumnDef[];
  header: HeaderGrid;
  rows: ProjectedRow[];
  /** Note printed under the table (document note, fixed note, or empty-table note). */
  note: string | null;
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一', '二十二', '二十三', '二十四', '二十五'];
export function chineseOrdinal(i: number): string {
  return `${CHINESE_NUMERALS[i] ?? String(i + 1)}、`;
}

export function projectTable(doc: DepartmentBudget, catalogue: Catalogue, tableId: TableId, names: NameLookup, structure: BudgetStructure = buildStructure(doc)): ProjectedTable {
  const def = tableId === AUXILIARY_TABLE.id ? AUXILIARY_TABLE : catalogue.tables.find((t) => t.id === tableId);
  if (!def) throw new Error(`表样目录中没有 ${tableId}`);
  const year = doc.department.fiscalYear;
  const ctx: Ctx = { doc, def, names, structure, year };
  const rows = buildRows(ctx);
  const hasAmounts = rows.some((r) => r.kind !== 'department' && r.kind !== 'unit' && r.kind !== 'blank');
  const docNote = doc.notes[tableId];
  const note = docNote ?? (def.note ? fillYear(def.note, year) : null) ?? (!hasAmounts && def.emptyNote ? def.emptyNote : null);
  return {
    def,
    label: def === AUXILIARY_TABLE ? AUXILIARY_TABLE.sheetName : `表${def.number}`,
    title: def.title,
    columns: columnsOf(def, year),
    header: headerGrid(def, year),
    rows,
    note: note ?? null,
  };
}

interface Ctx {
  doc: DepartmentBudget;
  def: TableDef;
  names: NameLookup;
  structure: BudgetStructure;
  year: number;
}

function amountCells(table: TableId, row: string, columns: readonly string[]): Record<string, ProjectedCell> {
  const cells: Record<string, ProjectedCell> = {};
  for (const c of columns) cells[c] = { key: cellKey(table, row, c) };
  return cells;
}

const FUNDING_TABLE_COLUMNS = ['total', ...FUNDING_COLUMNS];

function buildRows(ctx: Ctx): ProjectedRow[] {
  const { doc, def, structure, names } = ctx;
  const t = def.id;
  const dept = doc.department.shortName;
  const unitName = (id: string) => doc.units.byId[id]?.name ?? id;
  switch (def.layout) {
    case 'unitRows': {
      const cols = t === 'T2' ? ['incomeTotal', ...FUNDING_COLUMNS] : [...T3_COLUMNS];
      return [
        { id: R.dept, kind: 'department', level: 0, cells: { unit: { text: dept }, ...amountCells(t, R.dept, cols) } },
        ...doc.units.order.map((u): ProjectedRow => ({ id: R.unit(u), kind: 'unit', level: 1, cells: { unit: { text: unitName(u) }, ...amountCells(t, R.unit(u), cols) } })),
      ];
    }
    case 'economicLines': {
      const rows: ProjectedRow[] = [{ id: R.dept, kind: 'department', level: 0, cells: { name: { text: dept }, ...amountCells(t, R.dept, FUNDING_TABLE_COLUMNS) } }];
      for (const us of structure.units) {
        rows.push({ id: R.unit(us.unitId), kind: 'unit', level: 1, cells: { name: { text: unitName(us.unitId) }, ...amountCells(t, R.unit(us.unitId), FUNDING_TABLE_COLUMNS) } });
        for (const cat of us.economicCategories) {
          const catRow = R.econCategory(us.unitId, cat.code);
          rows.push({ id: catRow, kind: 'category', level: 2, cells: { name: { text: names.economic(cat.code) ?? cat.code }, ...amountCells(t, catRow, FUNDING_TABLE_COLUMNS) } });
          for (const line of cat.lines) {
            const row = R.econLine(line.id);
            rows.push({ id: row, kind: 'line', level: 3, cells: { name: { text: line.name ?? names.economic(line.code) ?? line.code }, ...amountCells(t, row, FUNDING_TABLE_COLUMNS) } });
          }
        }
      }
      return rows;
    }
    case 'projectLines': {
      const rows: ProjectedRow[] = [{ id: R.dept, kind: 'department', level: 0, cells: { name: { text: dept }, ...amountCells(t, R.dept, FUNDING_TABLE_COLUMNS) } }];
      for (const us of structure.units) {
        rows.push({ id: R.unit(us.unitId), kind: 'unit', level: 1, cells: { name: { text: unitName(us.unitId) }, ...amountCells(t, R.unit(us.unitId), FUNDING_TABLE_COLUMNS) } });
        for (const { project, subItems } of us.projects) {
          rows.push({ id: R.project(project.id), kind: 'project', level: 2, cells: { name: { text: project.name }, ...amountCells(t, R.project(project.id), FUNDING_TABLE_COLUMNS) } });
          for (const s of subItems) rows.push({ id: R.subItem(s.id), kind: 'subItem', level: 3, cells: { name: { text: s.name }, ...amountCells(t, R.subItem(s.id), FUNDING_TABLE_COLUMNS) } });
        }
      }
      return rows;
    }
    case 'functionalLines': {
      const cols = ['total', 'basic', 'project'];
      if (t === AUXILIARY_TABLE.id) return auxiliaryRows(ctx, cols);
      const rows: ProjectedRow[] = [{ id: R.dept, kind: 'department', level: 0, cells: { unit: { text: dept }, ...amountCells(t, R.dept, cols) } }];
      for (const us of structure.units) {
        rows.push({ id: R.unit(us.unitId), kind: 'unit', level: 1, cells: { unit: { text: unitName(us.unitId) }, ...amountCells(t, R.unit(us.unitId), cols) } });
        for (const line of us.functionalLines) {
          if (line.fund !== def.fund) continue;
          const row = R.functionalLine(line.id);
          rows.push({ id: row, kind: 'line', level: 2, cells: { code: { text: line.code }, name: { text: line.name ?? names.functional(line.code) ?? '' }, ...amountCells(t, row, cols) } });
        }
      }
      return rows;
    }
    case 'transferLines': {
      const rows: ProjectedRow[] = [{ id: R.dept, kind: 'department', level: 0, cells: { unit: { text: dept }, ...amountCells(t, R.dept, ['amount']) } }];
      for (const us of structure.units) {
        rows.push({ id: R.unit(us.unitId), kind: 'unit', level: 1, cells: { unit: { text: unitName(us.unitId) }, ...amountCells(t, R.unit(us.unitId), ['amount']) } });
        for (const l of us.transferLines) {
          const row = R.transferLine(l.id);
          rows.push({ id: row, kind: 'line', level: 2, cells: { code: { text: l.code }, name: { text: l.name ?? names.functional(l.code) ?? '' }, projectName: { text: l.projectName }, ...amountCells(t, row, ['amount']) } });
        }
      }
      return rows;
    }
    case 'procurementLines': {
      const rows: ProjectedRow[] = [{ id: R.dept, kind: 'department', level: 0, cells: { unit: { text: dept }, ...amountCells(t, R.dept, ['amount']) } }];
      for (const us of structure.units) {
        rows.push({ id: R.unit(us.unitId), kind: 'unit', level: 1, cells: { unit: { text: unitName(us.unitId) }, ...amountCells(t, R.unit(us.unitId), ['amount']) } });
        for (const grp of us.procurementGroups) {
          const gRow = R.procurementGroup(us.unitId, grp.group);
          rows.push({ id: gRow, kind: 'group', level: 2, cells: { code: { text: grp.group }, name: { text: names.procurement(grp.group) ?? grp.group }, ...amountCells(t, gRow, ['amount']) } });
          for (const it of grp.items) {
            const row = R.procurementItem(it.id);
            rows.push({ id: row, kind: 'item', level: 3, cells: { code: { text: it.code }, name: { text: it.name ?? names.procurement(it.code) ?? '' }, ...amountCells(t, row, ['amount']) } });
          }
        }
      }
      return rows;
    }
    case 'threePublicYears': {
      const rows: ProjectedRow[] = [];
      const yearText = (y: 'prev' | 'cur') => `${y === 'prev' ? ctx.year - 1 : ctx.year}年`;
      const pair = (unitId: string | null, label: string, kind: RowKind, level: number) => {
        for (const y of ['prev', 'cur'] as const) {
          const row = R.threePublic(unitId, y);
          rows.push({ id: row, kind, level, cells: { unit: { text: y === 'prev' ? label : '' }, year: { text: yearText(y) }, ...amountCells(t, row, T12_COLUMNS) } });
        }
      };
      pair(null, dept, 'department', 0);
      for (const u of doc.units.order) pair(u, unitName(u), 'unit', 1);
      return rows;
    }
    case 'performanceProjects': {
      return structure.projects
        .filter((p) => p.performanceManaged)
        .map((p): ProjectedRow => {
          const unit = doc.units.byId[p.unitId];
          return {
            id: R.project(p.id),
            kind: 'project',
            level: 0,
            cells: {
              unit: { text: unit?.fullName ?? unit?.name ?? '' },
              name: { text: p.tableNames.table13 ?? p.name },
              period: { text: formatPeriod(p.startDate, p.endDate) },
              ...amountCells(t, R.project(p.id), ['total', 'generalPublicBudget', 'other']),
            },
          };
        });
    }
    case 'overview':
    case 'fiscalOverview':
      return overviewRows(ctx);
    default:
      return [];
  }
}

/** 辅助表: per unit (a label row: the graph keeps no fund totals here), its lines of the other funds. */
function auxiliaryRows(ctx: Ctx, cols: string[]): ProjectedRow[] {
  const { doc, structure, names } = ctx;
  const rows: ProjectedRow[] = [{ id: R.dept, kind: 'department', level: 0, cells: { unit: { text: doc.department.shortName } } }];
  for (const us of structure.units) {
    rows.push({ id: R.unit(us.unitId), kind: 'unit', level: 1, cells: { unit: { text: doc.units.byId[us.unitId]?.name ?? us.unitId } } });
    for (const line of us.functionalLines) {
      if (functionalTableOf(line.fund) !== 'T0') continue;
      const row = R.functionalLine(line.id);
      rows.push({
        id: row,
        kind: 'line',
        level: 2,
        cells: { code: { text: line.code }, name: { text: line.name ?? names.functional(line.code) ?? '' }, fundName: { text: FUNCTIONAL_FUND_LABELS[line.fund] }, ...amountCells('T0', row, cols) },
      });
    }
  }
  return rows;
}

/** 2020-01-01, 2020-12-31 → 2020.1.1-2020.12.31 (as printed in 表13). */
export function formatPeriod(start: string | null, end: string | null): string {
  const f = (d: string | null) => (d ? d.split('-').map((p, i) => (i === 0 ? p : String(Number(p)))).join('.') : '');
  if (!start && !end) return '';
  return `${f(start)}-${f(end)}`;
}

interface SideRow {
  label: string;
  key?: string;
  level: number;
}

/** 表1 / 表6: income build-up on the left, expenditure by 功能分类 on the right, with aligned 合计 and 总计 rows. */
function overviewRows(ctx: Ctx): ProjectedRow[] {
  const { doc, def, names } = ctx;
  const t = def.id;
  const fiscalOnly = def.layout === 'fiscalOverview';
  const inc = (node: string, label: string, level: number): SideRow => ({ label, key: cellKey(t, R.income(node), 'amount'), level });
  const out = (row: string, label: string, level: number): SideRow => ({ label, key: cellKey(t, R.expenditure(row), 'amount'), level });
  const L = FUNDING_LABELS;

  const incomeTop: SideRow[] = fiscalOnly
    ? [
        inc('generalPublicBudget', `一、${L.generalPublicBudget}`, 0),
        inc('generalFunding', L.generalFunding, 1),
        inc('specialFunding', L.specialFunding, 1),
        inc('investmentFunding', L.investmentFunding, 1),
        inc('governmentFund', `二、${L.governmentFund}`, 0),
        inc('stateCapitalBudget', `三、${L.stateCapitalBudget}`, 0),
        inc('specialAccountFunding', `四、${L.specialAccountFunding}`, 0),
      ]
    : [
        inc('fiscalAppropriation', `一、${L.fiscalAppropriation}`, 0),
        inc('generalPublicBudget', L.generalPublicBudget, 1),
        inc('generalFunding', L.generalFunding, 2),
        inc('specialFunding', L.specialFunding, 2),
        inc('investmentFunding', L.investmentFunding, 2),
        inc('governmentFund', L.governmentFund, 1),
        inc('stateCapitalBudget', L.stateCapitalBudget, 1),
        inc('specialAccountFunding', L.specialAccountFunding, 1),
        inc('institutionRevenue', `二、${L.institutionRevenue}`, 0),
        inc('businessRevenue', `三、${L.businessRevenue}`, 0),
        inc('otherIncome', `四、${L.otherIncome}`, 0),
      ];

  const funds = fiscalOnly ? FISCAL_FUNCTIONAL_FUNDS : null;
  const codes = new Set<string>();
  for (const id of doc.functionalLines.order) {
    const line = doc.functionalLines.byId[id]!;
    if (funds === null || funds.includes(line.fund)) codes.add(line.code);
  }
  const items = [...codes].sort();
  const expenditureTop: SideRow[] = [];
  let category = '';
  let section = '';
  let categoryIndex = 0;
  for (const code of items) {
    if (code.slice(0, 3) !== category) {
      category = code.slice(0, 3);
      expenditureTop.push(out(category, `${chineseOrdinal(categoryIndex++)}${names.functional(category) ?? category}`, 0));
    }
    if (code.slice(0, 5) !== section) {
      section = code.slice(0, 5);
      expenditureTop.push(out(section, names.functional(section) ?? section, 1));
    }
    expenditureTop.push(out(code, names.functional(code) ?? code, 2));
  }

  const incomeBottom: SideRow[] = fiscalOnly
    ? [{ label: L.carryOverIn, level: 0 }]
    : [inc('superiorSubsidy', L.superiorSubsidy, 0), inc('affiliateRemittance', L.affiliateRemittance, 0), inc('institutionFundDrawdown', L.institutionFundDrawdown, 0), inc('carryOverIn', L.carryOverIn, 0)];
  const expenditureBottom: SideRow[] = fiscalOnly
    ? [{ label: '结转下年', level: 0 }]
    : [out('subsidyToAffiliates', '对附属单位补助支出', 0), out('remittanceToSuperior', '上缴上级支出', 0), out('carryOverOut', '结转下年', 0)];

  const rows: ProjectedRow[] = [];
  const pairUp = (left: SideRow[], right: SideRow[], prefix: string, kind: RowKind) => {
    const n = Math.max(left.length, right.length);
    for (let i = 0; i < n; i++) {
      const l = left[i];
      const r = right[i];
      const cells: Record<string, ProjectedCell> = {
        inLabel: { text: l?.label ?? '', indent: l?.level ?? 0 },
        outLabel: { text: r?.label ?? '', indent: r?.level ?? 0 },
      };
      if (l?.key) cells.inAmount = { key: l.key };
      if (r?.key) cells.outAmount = { key: r.key };
      rows.push({ id: `${prefix}${i}`, kind, level: Math.min(l?.level ?? 0, r?.level ?? 0), cells });
    }
  };
  pairUp(incomeTop, expenditureTop, 'top:', 'line');
  pairUp([inc('currentYearIncome', '本年收入合计', 0)], [out('currentYearExpenditure', '本年支出合计', 0)], 'subtotal:', 'total');
  pairUp(incomeBottom, expenditureBottom, 'bottom:', 'line');
  pairUp([inc('incomeTotal', '收 入 总 计', 0)], [out('expenditureTotal', '支 出 总 计', 0)], 'total:', 'total');
  return rows;
}
