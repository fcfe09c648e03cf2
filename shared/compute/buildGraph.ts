/**
 * Builds the cell graph of a document: inputs bound to document paths, and every total,
 * subtotal and derived table (表1, 表3, 表6, 表13, 表14, 表15 amounts) as sums or copies.
 * Relation ids name the rule each derived cell stands for (see shared/rules).
 *
 * Built with integer node ids (no per-cell key strings or maps): a department with 300 units
 * has about 470,000 cells. Node ids are topological (a node's terms have smaller ids); the
 * incremental = full evaluation property (buildGraph.test.ts) guards the behaviour.
 */
import { rowKeys as R, type TableId } from '../model/cellKey';
import { INPUT_HOLDERS, type DepartmentBudget } from '../model/document';
import { FISCAL_FUNCTIONAL_FUNDS, type FundingNode } from '../model/funding';
import { GraphBuilder, type Graph } from './graph';
import { GROUP_COLUMNS, LEAF_COLUMNS, NON_FISCAL_LEAVES, NON_GENERAL_PUBLIC_LEAVES, TOTAL_TERMS, groupTerms } from './fundingColumns';
import { buildStructure, functionalTableOf, type BudgetStructure } from './structure';

/** Column ids, kept in files' cell keys (see catalogue/shenzhen2020.ts): `basic` / `project` are 表3's columns, not document fields. */
export const T3_COLUMNS = ['total', 'basic', 'project', 'procurement', 'smeReserved', 'microReserved', 'priorYearProcurementPayable'] as const;
export const T3_INPUT_COLUMNS = INPUT_HOLDERS.unitProcurement.fields;
export const T12_LEAF_COLUMNS = INPUT_HOLDERS.threePublicExpensesCurrent.fields;
export const T12_COLUMNS = ['total', 'officialTravelAbroad', 'officialReception', 'vehicleSubtotal', 'vehiclePurchase', 'vehicleOperation'] as const;
export const OTHER_EXPENDITURE_FIELDS = INPUT_HOLDERS.otherExpenditure.fields;

/** Node ids of a funding row (表2/4/5) by column: leaves, 一般公共预算拨款, 财政预算拨款, and the total (表2: 收入总计). */
export type FundingRowCells = Record<FundingNode | 'total', number>;
export type T3Cells = Record<(typeof T3_COLUMNS)[number], number>;
export type T12RowCells = Record<(typeof T12_COLUMNS)[number], number>;
export interface FunctionalRowCells {
  basic: number;
  project: number;
  total: number;
}
export interface OverviewCells {
  /** 表1/表6 income rows by funding node or build-up row (currentYearIncome, incomeTotal). */
  income: Map<string, number>;
  /** Expenditure rows by 功能分类 code (类/款/项) or build-up row (currentYearExpenditure, expenditureTotal …). */
  out: Map<string, number>;
}
export interface RowsOfUnit {
  unitId: string;
  t2: FundingRowCells;
  t3: T3Cells;
  t4: FundingRowCells;
  t5: FundingRowCells;
  t7: FunctionalRowCells;
  t8: FunctionalRowCells;
  t9: FunctionalRowCells;
  t10: number;
  t11: number;
  t12: { prev: T12RowCells; cur: T12RowCells };
}
type UnitCells = RowsOfUnit;
/**
 * Node ids of the cells the audit rules read, by structure (so nothing has to look cells up by key).
 * `dept` is the department row of each table; `units` follows doc.units.order.
 */
export interface GraphCells {
  dept: Omit<RowsOfUnit, 'unitId'>;
  units: RowsOfUnit[];
  economicLine(lineId: string): FundingRowCells | undefined;
  economicCategory(unitId: string, categoryCode: string): FundingRowCells | undefined;
  project(projectId: string): FundingRowCells | undefined;
  subItem(subItemId: string): FundingRowCells | undefined;
  /** By position in structure order (units, then 类, then lines / projects, then sub-items): no lookup by id. */
  economicLineAt(index: number): FundingRowCells | undefined;
  subItemAt(index: number): FundingRowCells | undefined;
  functionalLines: Map<string, FunctionalRowCells>;
  /** 表11 品目 group totals, key `${unitId}:${group}`. */
  procurementGroups: Map<string, number>;
  t1: OverviewCells;
  t6: OverviewCells;
  t13: Map<string, { total: number; generalPublicBudget: number; other: number }>;
  t14: { projects: Map<string, { total: number; fiscal: number; other: number }>; basic: { total: number; fiscal: number; other: number }; total: { total: number; fiscal: number; other: number } };
  t15: Map<string, { totalAmount: number; assetPurchase: number; currentYear: number; fiscal: number; other: number }>;
}

export interface BuiltGraph {
  graph: Graph;
  structure: BudgetStructure;
  /** Node ids by structure, for code that reads particular cells (the audit rules). */
  cells: GraphCells;
}

/** Slots of a funding row's node ids: the 13 leaves, then 一般公共预算拨款, 财政预算拨款, then the total column. */
const LEAF_COUNT = LEAF_COLUMNS.length;
const SLOT_OF = new Map<string, number>(LEAF_COLUMNS.map((c, i) => [c, i]));
GROUP_COLUMNS.forEach((c, i) => SLOT_OF.set(c, LEAF_COUNT + i));
const TOTAL_SLOT = LEAF_COUNT + GROUP_COLUMNS.length;
const ROW_SLOTS = TOTAL_SLOT + 1;
const slotOf = (c: FundingNode | 'total' | 'incomeTotal'): number => (c === 'total' || c === 'incomeTotal' ? TOTAL_SLOT : SLOT_OF.get(c)!);
const GROUP_TERM_SLOTS = GROUP_COLUMNS.map((grp) => groupTerms(grp).map(slotOf));
const TOTAL_TERM_SLOTS = TOTAL_TERMS.map(slotOf);
/** Slots checked column-wise on aggregate rows: the groups, then the total. */
const CHECKED_SLOTS = [...GROUP_COLUMNS.map(slotOf), TOTAL_SLOT];

/** A funding row's node ids live in a shared pool: `pool[row + slot]` (no array per row). */
type RowIds = number;

/** id → row, recorded as two arrays and indexed only when first looked up (most checks never look up). */
function lazyIndex() {
  const ids: string[] = [];
  const rows: number[] = [];
  let map: Map<string, number> | undefined;
  return {
    add(id: string, row: number) {
      ids.push(id);
      rows.push(row);
    },
    at(i: number): number | undefined {
      return rows[i];
    },
    get(id: string): number | undefined {
      if (!map) {
        map = new Map();
        for (let i = 0; i < ids.length; i++) map.set(ids[i]!, rows[i]!);
      }
      return map.get(id);
    },
  };
}

export function buildGraph(doc: DepartmentBudget): BuiltGraph {
  const structure = buildStructure(doc);
  // Capacity hint: 16 cells per funding row, a few per other row.
  const fundingRows = 2 * doc.units.order.length + doc.economicLines.order.length + doc.subItems.order.length + 2 * doc.projects.order.length + 4 * doc.units.order.length + 8;
  const expected = 16 * fundingRows + 8 * doc.projects.order.length + 3 * doc.functionalLines.order.length + 2 * doc.procurementItems.order.length + 40 * doc.units.order.length + 256;
  const g = new GraphBuilder(expected, 2 * expected);
  const C = (name: string) => g.columnId(name);
  /** The holder shape of inputs kept as the document schema says (INPUT_HOLDERS). */
  const shapeOf = (h: { prefix: readonly string[]; suffix: readonly string[] }) => g.baseShape(h.prefix, h.suffix);
  const Rel = (name: string) => g.relationId(name);
  const unitIds = doc.units.order;
  let pool = new Int32Array(ROW_SLOTS * (doc.economicLines.order.length + doc.subItems.order.length + 2 * doc.projects.order.length + 8 * doc.units.order.length + 16));
  let poolTop = 0;
  const newRowIds = (): RowIds => {
    if (poolTop + ROW_SLOTS > pool.length) {
      const bigger = new Int32Array(pool.length * 2 + ROW_SLOTS);
      bigger.set(pool);
      pool = bigger;
    }
    const o = poolTop;
    poolTop += ROW_SLOTS;
    return o;
  };
  /** Node id in slot `slot` of funding row `o`. */
  const P = (o: RowIds, slot: number): number => pool[o + slot]!;
  // Interned columns/leaves of funding rows, by slot.
  const leafCols = LEAF_COLUMNS.map((c) => C(c));
  const leafProps = LEAF_COLUMNS.map((c) => g.leafId(c));
  const groupCols = GROUP_COLUMNS.map((c) => C(c));
  const totalCols = { total: C('total'), incomeTotal: C('incomeTotal') };

  /** Row-wise group/total columns of a funding row (表2/4/5). */
  const fundingRowGroups = (row: number, o: RowIds, totalCol: 'incomeTotal' | 'total', relation: number) => {
    for (let i = 0; i < GROUP_COLUMNS.length; i++) pool[o + LEAF_COUNT + i] = g.sumGather(row, groupCols[i]!, pool, GROUP_TERM_SLOTS[i]!, o, relation);
    pool[o + TOTAL_SLOT] = g.sumGather(row, totalCols[totalCol], pool, TOTAL_TERM_SLOTS, o, relation);
  };
  const fundingInputRow = (table: TableId, prefix: number, id: string, totalCol: 'incomeTotal' | 'total', shape: number, relation: number): RowIds => {
    const row = g.newRowOf(table, prefix, id);
    const base = g.baseAt(shape, id);
    const o = newRowIds();
    g.inputRow(row, leafCols, base, leafProps, pool, o);
    fundingRowGroups(row, o, totalCol, relation);
    return o;
  };
  /** Aggregate row: leaves are column sums of child rows, groups row-wise, and groups also checked column-wise. */
  const fundingAggregateRow = (table: TableId, rowKey: string, children: readonly RowIds[], totalCol: 'incomeTotal' | 'total', colRelation: string, rowRelation: string): RowIds => {
    const row = g.newRow(table, rowKey);
    const o = newRowIds();
    const colRel = Rel(colRelation);
    for (let i = 0; i < LEAF_COUNT; i++) pool[o + i] = g.sumGather(row, leafCols[i]!, pool, children, i, colRel);
    fundingRowGroups(row, o, totalCol, Rel(rowRelation));
    for (const slot of CHECKED_SLOTS) g.checkGather(pool[o + slot]!, pool, children, slot, colRel);
    return o;
  };

  // 表2 部门收入预算总表
  const t2Rel = Rel('T2-row-total');
  const unitPrefix = g.rowPrefixId(R.unit(''));
  const incomeShape = shapeOf(INPUT_HOLDERS.income);
  const t2Units = unitIds.map((u) => fundingInputRow('T2', unitPrefix, u, 'incomeTotal', incomeShape, t2Rel));
  const t2Dept = fundingAggregateRow('T2', R.dept, t2Units, 'incomeTotal', 'T2-dept-sum', 'T2-row-total');

  // 表4 基本支出预算表
  const t4Rel = Rel('T4-row-total');
  const econPrefix = g.rowPrefixId(R.econLine(''));
  const econShape = shapeOf(INPUT_HOLDERS.economicLine);
  const t4Units: RowIds[] = [];
  const t4Lines = lazyIndex();
  const t4Categories = new Map<string, RowIds>();
  for (const us of structure.units) {
    const catRows: RowIds[] = [];
    for (const cat of us.economicCategories) {
      const lineRows = cat.lines.map((l) => {
        const ids = fundingInputRow('T4', econPrefix, l.id, 'total', econShape, t4Rel);
        t4Lines.add(l.id, ids);
        return ids;
      });
      const ids = fundingAggregateRow('T4', R.econCategory(us.unitId, cat.code), lineRows, 'total', 'T4-category-sum', 'T4-row-total');
      t4Categories.set(`${us.unitId}:${cat.code}`, ids);
      catRows.push(ids);
    }
    t4Units.push(fundingAggregateRow('T4', R.unit(us.unitId), catRows, 'total', 'T4-unit-sum', 'T4-row-total'));
  }
  const t4Dept = fundingAggregateRow('T4', R.dept, t4Units, 'total', 'T4-dept-sum', 'T4-row-total');

  // 表5 项目支出预算表
  const t5Rel = Rel('T5-row-total');
  const subPrefix = g.rowPrefixId(R.subItem(''));
  const projectPrefix = g.rowPrefixId(R.project(''));
  const subShape = shapeOf(INPUT_HOLDERS.subItem);
  const t5Units: RowIds[] = [];
  const t5Projects = new Map<string, RowIds>();
  const t5SubItems = lazyIndex();
  for (const us of structure.units) {
    const projectRows: RowIds[] = [];
    for (const { project, subItems } of us.projects) {
      const subRows = subItems.map((s) => {
        const ids = fundingInputRow('T5', subPrefix, s.id, 'total', subShape, t5Rel);
        t5SubItems.add(s.id, ids);
        return ids;
      });
      const ids = fundingAggregateRow('T5', R.project(project.id), subRows, 'total', 'T5-project-sum', 'T5-row-total');
      t5Projects.set(project.id, ids);
      projectRows.push(ids);
    }
    t5Units.push(fundingAggregateRow('T5', R.unit(us.unitId), projectRows, 'total', 'T5-unit-sum', 'T5-row-total'));
  }
  const t5Dept = fundingAggregateRow('T5', R.dept, t5Units, 'total', 'T5-dept-sum', 'T5-row-total');

  // 表11 政府采购项目支出预算表 (before 表3, which copies its totals)
  const amount = C('amount');
  const amountProp = g.leafId(INPUT_HOLDERS.procurementItem.fields[0]);
  const t11Group = Rel('T11-group-sum');
  const t11Unit = Rel('T11-unit-sum');
  const itemPrefix = g.rowPrefixId(R.procurementItem(''));
  const itemShape = shapeOf(INPUT_HOLDERS.procurementItem);
  const t11Units: number[] = [];
  const t11Groups = new Map<string, number>();
  for (const us of structure.units) {
    const groupIds: number[] = [];
    for (const grp of us.procurementGroups) {
      const itemIds = grp.items.map((it) => g.inputAt(g.newRowOf('T11', itemPrefix, it.id), amount, g.baseAt(itemShape, it.id), amountProp));
      const id = g.sumIds(g.newRow('T11', R.procurementGroup(us.unitId, grp.group)), amount, itemIds, t11Group);
      t11Groups.set(`${us.unitId}:${grp.group}`, id);
      groupIds.push(id);
    }
    t11Units.push(g.sumIds(g.newRowOf('T11', unitPrefix, us.unitId), amount, groupIds, t11Unit));
  }
  const t11Dept = g.sumIds(g.newRow('T11', R.dept), amount, t11Units, Rel('T11-dept-sum'));

  // 表3 部门支出预算总表
  const t3Names = ['basic', 'project', 'total', 'procurement', ...T3_INPUT_COLUMNS] as const;
  const t3Units = new Map<string, number[]>(t3Names.map((c) => [c, []]));
  const t3Unit = (col: string) => t3Units.get(col)!;
  {
    const [basicRel, projectRel, totalRel, procRel] = ['T3-basic-eq-T4', 'T3-project-eq-T5', 'T3-row-total', 'T3-procurement-eq-T11'].map(Rel) as [number, number, number, number];
    const inputCols = T3_INPUT_COLUMNS.map((c) => [C(c), g.leafId(c)] as const);
    const [basicC, projectC, totalC, procC] = [C('basic'), C('project'), C('total'), C('procurement')];
    const shape = shapeOf(INPUT_HOLDERS.unitProcurement);
    const pair: number[] = [0, 0];
    unitIds.forEach((u, i) => {
      const row = g.newRowOf('T3', unitPrefix, u);
      const basic = g.copyId(row, basicC, P(t4Units[i]!, TOTAL_SLOT), basicRel);
      const project = g.copyId(row, projectC, P(t5Units[i]!, TOTAL_SLOT), projectRel);
      t3Unit('basic').push(basic);
      t3Unit('project').push(project);
      pair[0] = basic;
      pair[1] = project;
      t3Unit('total').push(g.sumIds(row, totalC, pair, totalRel));
      t3Unit('procurement').push(g.copyId(row, procC, t11Units[i]!, procRel));
      const base = g.baseAt(shape, u);
      T3_INPUT_COLUMNS.forEach((col, k) => t3Unit(col).push(g.inputAt(row, inputCols[k]![0], base, inputCols[k]![1])));
    });
  }
  const t3DeptRow = g.newRow('T3', R.dept);
  const t3Dept = new Map<string, number>();
  const t3DeptRel = Rel('T3-dept-sum');
  for (const col of ['basic', 'project', 'procurement', ...T3_INPUT_COLUMNS] as const) t3Dept.set(col, g.sumIds(t3DeptRow, C(col), t3Unit(col), t3DeptRel));
  t3Dept.set('total', g.sumIds(t3DeptRow, C('total'), [t3Dept.get('basic')!, t3Dept.get('project')!], Rel('T3-row-total')));
  g.checkIds(t3Dept.get('total')!, t3Unit('total'), t3DeptRel);

  // 表7/8/9 功能分类 lines by fund, and the auxiliary sheet T0 for other funds
  const functionalTotals = new Map<string, { fund: string; total: number }[]>(); // 项 code → line totals
  type FnCols = { basic: number[]; project: number[]; total: number[] };
  const fnUnits = new Map<'T7' | 'T8' | 'T9', FnCols & { units: Map<string, { basic: number; project: number; total: number }> }>(
    (['T7', 'T8', 'T9'] as const).map((t) => [t, { basic: [], project: [], total: [], units: new Map() }]),
  );
  const fnLines = new Map<string, { basic: number; project: number; total: number }>();
  const [basicCol, projectCol, totalCol] = [C('basic'), C('project'), C('total')];
  const [basicProp, projectProp] = INPUT_HOLDERS.functionalLine.fields.map((f) => g.leafId(f)) as [number, number];
  const fnPrefix = g.rowPrefixId(R.functionalLine(''));
  const fnShape = shapeOf(INPUT_HOLDERS.functionalLine);
  const fnRowRel = new Map<string, number>(['T0', 'T7', 'T8', 'T9'].map((t) => [t, Rel(`${t}-row-total`)]));
  for (const us of structure.units) {
    const rowsByTable = new Map<TableId, FnCols>();
    for (const line of us.functionalLines) {
      const table = functionalTableOf(line.fund);
      const row = g.newRowOf(table, fnPrefix, line.id);
      const base = g.baseAt(fnShape, line.id);
      const basic = g.inputAt(row, basicCol, base, basicProp);
      const project = g.inputAt(row, projectCol, base, projectProp);
      const total = g.sumIds(row, totalCol, [basic, project], fnRowRel.get(table)!);
      fnLines.set(line.id, { basic, project, total });
      let rows = rowsByTable.get(table);
      if (!rows) rowsByTable.set(table, (rows = { basic: [], project: [], total: [] }));
      rows.basic.push(basic);
      rows.project.push(project);
      rows.total.push(total);
      const totals = functionalTotals.get(line.code);
      if (totals) totals.push({ fund: line.fund, total });
      else functionalTotals.set(line.code, [{ fund: line.fund, total }]);
    }
    for (const table of ['T7', 'T8', 'T9'] as const) {
      const rows = rowsByTable.get(table) ?? { basic: [], project: [], total: [] };
      const row = g.newRowOf(table, unitPrefix, us.unitId);
      const unitSum = Rel(`${table}-unit-sum`);
      const basic = g.sumIds(row, basicCol, rows.basic, unitSum);
      const project = g.sumIds(row, projectCol, rows.project, unitSum);
      const total = g.sumIds(row, totalCol, [basic, project], fnRowRel.get(table)!);
      g.checkIds(total, rows.total, unitSum);
      const acc = fnUnits.get(table)!;
      acc.basic.push(basic);
      acc.project.push(project);
      acc.total.push(total);
      acc.units.set(us.unitId, { basic, project, total });
    }
  }
  const fnDept = new Map<'T7' | 'T8' | 'T9', { basic: number; project: number; total: number }>();
  for (const table of ['T7', 'T8', 'T9'] as const) {
    const row = g.newRow(table, R.dept);
    const acc = fnUnits.get(table)!;
    const rel = Rel(`${table}-dept-sum`);
    fnDept.set(table, { basic: g.sumIds(row, basicCol, acc.basic, rel), project: g.sumIds(row, projectCol, acc.project, rel), total: g.sumIds(row, totalCol, acc.total, rel) });
  }

  // 表10 上级专项转移支付
  const t10Units: number[] = [];
  const t10Unit = Rel('T10-unit-sum');
  const transferPrefix = g.rowPrefixId(R.transferLine(''));
  const transferShape = shapeOf(INPUT_HOLDERS.transferLine);
  const transferProp = g.leafId(INPUT_HOLDERS.transferLine.fields[0]);
  for (const us of structure.units) {
    const lineIds = us.transferLines.map((l) => g.inputAt(g.newRowOf('T10', transferPrefix, l.id), amount, g.baseAt(transferShape, l.id), transferProp));
    t10Units.push(g.sumIds(g.newRowOf('T10', unitPrefix, us.unitId), amount, lineIds, t10Unit));
  }
  const t10Dept = g.sumIds(g.newRow('T10', R.dept), amount, t10Units, Rel('T10-dept-sum'));

  // 表12 “三公”经费
  const t12Rows = new Map<string, Record<(typeof T12_COLUMNS)[number], number>>(); // row key → cells
  {
    const leafCol = T12_LEAF_COLUMNS.map((c) => [C(c), g.leafId(c)] as const);
    const [deptSum, subtotalRel, totalRel] = ['T12-dept-sum', 'T12-vehicle-subtotal', 'T12-total'].map(Rel) as [number, number, number];
    const [subtotalCol, t12TotalCol] = [C('vehicleSubtotal'), C('total')];
    for (const year of ['prev', 'cur'] as const) {
      const shape = shapeOf(year === 'prev' ? INPUT_HOLDERS.threePublicExpensesPrevious : INPUT_HOLDERS.threePublicExpensesCurrent);
      const rowKeys = unitIds.map((u) => R.threePublic(u, year));
      const rows = rowKeys.map((rk) => g.newRow('T12', rk));
      const leaves: number[][] = T12_LEAF_COLUMNS.map(() => []);
      const rowLeaves: number[][] = [];
      unitIds.forEach((u, i) => {
        const base = g.baseAt(shape, u);
        const own = leafCol.map(([col, prop], k) => {
          const id = g.inputAt(rows[i]!, col, base, prop);
          leaves[k]!.push(id);
          return id;
        });
        rowLeaves.push(own);
      });
      const deptKey = R.threePublic(null, year);
      const deptRow = g.newRow('T12', deptKey);
      rowLeaves.push(leafCol.map(([col], k) => g.sumIds(deptRow, col, leaves[k]!, deptSum)));
      const subtotals: number[] = [];
      const totals: number[] = [];
      [...rows, deptRow].forEach((row, i) => {
        const [travel, reception, purchase, operation] = rowLeaves[i]! as [number, number, number, number];
        const subtotal = g.sumIds(row, subtotalCol, [purchase, operation], subtotalRel);
        const total = g.sumIds(row, t12TotalCol, [travel, reception, subtotal], totalRel);
        subtotals.push(subtotal);
        totals.push(total);
        t12Rows.set(i < rows.length ? rowKeys[i]! : deptKey, { total, officialTravelAbroad: travel, officialReception: reception, vehicleSubtotal: subtotal, vehiclePurchase: purchase, vehicleOperation: operation });
      });
      const deptSubtotal = subtotals.pop()!;
      const deptTotal = totals.pop()!;
      g.checkIds(deptSubtotal, subtotals, deptSum);
      g.checkIds(deptTotal, totals, deptSum);
    }
  }

  // Auxiliary inputs (T0): 表1 expenditure rows outside the functional classification, per unit
  const otherExpenditure = new Map<string, number[]>(OTHER_EXPENDITURE_FIELDS.map((f) => [f, []]));
  {
    const cols = OTHER_EXPENDITURE_FIELDS.map((f) => [C(f), g.leafId(f)] as const);
    const shape = shapeOf(INPUT_HOLDERS.otherExpenditure);
    for (const u of unitIds) {
      const row = g.newRowOf('T0', unitPrefix, u);
      const base = g.baseAt(shape, u);
      OTHER_EXPENDITURE_FIELDS.forEach((f, k) => otherExpenditure.get(f)!.push(g.inputAt(row, cols[k]![0], base, cols[k]![1])));
    }
  }

  // 表1 部门收支预算总表 and 表6 财政拨款收支总体情况表
  const t1 = buildOverview(g, 'T1', (slot) => P(t2Dept, slot), functionalTotals, otherExpenditure, null);
  const t6 = buildOverview(g, 'T6', (slot) => P(t2Dept, slot), functionalTotals, otherExpenditure, FISCAL_FUNCTIONAL_FUNDS as readonly string[]);

  // 表13 部门预算绩效管理项目情况表
  const t13Projects = new Map<string, { total: number; generalPublicBudget: number; other: number }>();
  {
    const rel = Rel('T13-eq-T5');
    const checkRel = Rel('T13-row-total');
    const [tc, gc, oc] = [C('total'), C('generalPublicBudget'), C('other')];
    for (const p of structure.projects) {
      if (!p.performanceManaged) continue;
      const src = t5Projects.get(p.id)!;
      const row = g.newRowOf('T13', projectPrefix, p.id);
      const total = g.copyId(row, tc, P(src, TOTAL_SLOT), rel);
      const gpb = g.copyId(row, gc, P(src, slotOf('generalPublicBudget')), rel);
      const other = g.sumIds(row, oc, NON_GENERAL_PUBLIC_LEAVES.map((c) => P(src, slotOf(c))), rel);
      g.checkIds(total, [gpb, other], checkRel);
      t13Projects.set(p.id, { total, generalPublicBudget: gpb, other });
    }
  }

  // 表14 部门整体支出绩效目标表: 基本支出事项, each project, 合计
  const [fiscalCol, otherCol] = [C('fiscal'), C('other')];
  const tasks: { total: number; fiscal: number; other: number }[] = [];
  const t14Projects = new Map<string, { total: number; fiscal: number; other: number }>();
  {
    const row = g.newRow('T14', 'basic');
    const rel = Rel('T14-basic-eq-T3');
    tasks.push({
      total: g.copyId(row, C('total'), t3Dept.get('basic')!, rel),
      fiscal: g.copyId(row, fiscalCol, P(t4Dept, slotOf('fiscalAppropriation')), rel),
      other: g.sumIds(row, otherCol, NON_FISCAL_LEAVES.map((c) => P(t4Dept, slotOf(c))), rel),
    });
  }
  {
    const rel = Rel('T14-project-eq-T5');
    for (const p of structure.projects) {
      const row = g.newRowOf('T14', projectPrefix, p.id);
      const src = t5Projects.get(p.id)!;
      const task = {
        total: g.copyId(row, C('total'), P(src, TOTAL_SLOT), rel),
        fiscal: g.copyId(row, fiscalCol, P(src, slotOf('fiscalAppropriation')), rel),
        other: g.sumIds(row, otherCol, NON_FISCAL_LEAVES.map((c) => P(src, slotOf(c))), rel),
      };
      tasks.push(task);
      t14Projects.set(p.id, task);
    }
  }
  const taskRel = Rel('T14-task-total');
  for (const t of tasks) g.checkIds(t.total, [t.fiscal, t.other], taskRel);
  const t14TotalRow = g.newRow('T14', 'total');
  const t14Rel = Rel('T14-total-sum');
  const t14Total = {
    total: g.sumIds(t14TotalRow, C('total'), tasks.map((t) => t.total), t14Rel),
    fiscal: g.sumIds(t14TotalRow, fiscalCol, tasks.map((t) => t.fiscal), t14Rel),
    other: g.sumIds(t14TotalRow, otherCol, tasks.map((t) => t.other), t14Rel),
  };
  g.checkIds(t14Total.total, [t1.out.get('currentYearExpenditure')!], Rel('T14-total-eq-T1'));

  // 表15 项目支出绩效目标表 (one per project)
  const t15Projects = new Map<string, { totalAmount: number; assetPurchase: number; currentYear: number; fiscal: number; other: number }>();
  {
    const rel = Rel('T15-eq-T5');
    const splitRel = Rel('T15-amount-split');
    const shape = shapeOf(INPUT_HOLDERS.project);
    const [totalAmountCol, assetCol, currentCol] = [C('totalAmount'), C('assetPurchase'), C('currentYear')];
    const [totalAmountProp, assetProp] = INPUT_HOLDERS.project.fields.map((f) => g.leafId(f)) as [number, number];
    for (const p of structure.projects) {
      const row = g.newRowOf('T15', projectPrefix, p.id);
      const src = t5Projects.get(p.id)!;
      const base = g.baseAt(shape, p.id);
      const totalAmount = g.inputAt(row, totalAmountCol, base, totalAmountProp);
      const assetPurchase = g.inputAt(row, assetCol, base, assetProp);
      const currentYear = g.copyId(row, currentCol, P(src, TOTAL_SLOT), rel);
      const fiscal = g.copyId(row, fiscalCol, P(src, slotOf('fiscalAppropriation')), rel);
      const other = g.sumIds(row, otherCol, NON_FISCAL_LEAVES.map((c) => P(src, slotOf(c))), rel);
      g.checkIds(currentYear, [fiscal, other], splitRel);
      t15Projects.set(p.id, { totalAmount, assetPurchase, currentYear, fiscal, other });
    }
  }

  const fundingRow = (o: RowIds): FundingRowCells => {
    const out = {} as FundingRowCells;
    LEAF_COLUMNS.forEach((c, i) => (out[c] = P(o, i)));
    GROUP_COLUMNS.forEach((c, i) => (out[c] = P(o, LEAF_COUNT + i)));
    out.total = P(o, TOTAL_SLOT);
    return out;
  };
  const wrap = (o: RowIds | undefined) => (o === undefined ? undefined : fundingRow(o));
  const unitCells: UnitCells[] = structure.units.map((us, i) => ({
    unitId: us.unitId,
    t2: fundingRow(t2Units[i]!),
    t3: Object.fromEntries(t3Names.map((c) => [c, t3Unit(c)[i]!])) as T3Cells,
    t4: fundingRow(t4Units[i]!),
    t5: fundingRow(t5Units[i]!),
    t7: fnUnits.get('T7')!.units.get(us.unitId)!,
    t8: fnUnits.get('T8')!.units.get(us.unitId)!,
    t9: fnUnits.get('T9')!.units.get(us.unitId)!,
    t10: t10Units[i]!,
    t11: t11Units[i]!,
    t12: { prev: t12Rows.get(R.threePublic(us.unitId, 'prev'))!, cur: t12Rows.get(R.threePublic(us.unitId, 'cur'))! },
  }));
  const cells: GraphCells = {
    dept: {
      t2: fundingRow(t2Dept),
      t3: Object.fromEntries([...t3Dept.entries()]) as T3Cells,
      t4: fundingRow(t4Dept),
      t5: fundingRow(t5Dept),
      t7: fnDept.get('T7')!,
      t8: fnDept.get('T8')!,
      t9: fnDept.get('T9')!,
      t10: t10Dept,
      t11: t11Dept,
      t12: { prev: t12Rows.get(R.threePublic(null, 'prev'))!, cur: t12Rows.get(R.threePublic(null, 'cur'))! },
    },
    units: unitCells,
    economicLine: (id) => wrap(t4Lines.get(id)),
    economicLineAt: (i) => wrap(t4Lines.at(i)),
    subItemAt: (i) => wrap(t5SubItems.at(i)),
    economicCategory: (unitId, code) => wrap(t4Categories.get(`${unitId}:${code}`)),
    project: (id) => wrap(t5Projects.get(id)),
    subItem: (id) => wrap(t5SubItems.get(id)),
    functionalLines: fnLines,
    procurementGroups: t11Groups,
    t1,
    t6,
    t13: t13Projects,
    t14: { projects: t14Projects, basic: tasks[0]!, total: t14Total },
    t15: t15Projects,
  };

  return { graph: g.build(), structure, cells };
}

/**
 * 表1 (all funds) or 表6 (财政拨款 only): income side copied from 表2's department row, expenditure
 * side by 功能分类.
 */
function buildOverview(
  g: GraphBuilder,
  table: 'T1' | 'T6',
  t2Dept: (slot: number) => number,
  functionalTotals: Map<string, { fund: string; total: number }[]>,
  otherExpenditure: Map<string, number[]>,
  funds: readonly string[] | null,
): OverviewCells {
  const amount = g.columnId('amount');
  const outRow = (row: string) => g.newRow(table, R.expenditure(row));
  const inc = new Map<string, number>();
  const out = new Map<string, number>();
  const copied: FundingNode[] =
    table === 'T1'
      ? ['fiscalAppropriation', 'generalPublicBudget', 'generalFunding', 'specialFunding', 'investmentFunding', 'governmentFund', 'stateCapitalBudget', 'specialAccountFunding', 'institutionRevenue', 'businessRevenue', 'otherIncome', 'superiorSubsidy', 'affiliateRemittance', 'institutionFundDrawdown', 'carryOverIn']
      : ['generalPublicBudget', 'generalFunding', 'specialFunding', 'investmentFunding', 'governmentFund', 'stateCapitalBudget', 'specialAccountFunding'];
  const copyRel = g.relationId(`${table}-income-eq-T2`);
  for (const c of copied) inc.set(c, g.copyId(g.newRow(table, R.income(c)), amount, t2Dept(slotOf(c)), copyRel));
  const incSum = (row: string, terms: string[], relation: string) => {
    const id = g.sumIds(g.newRow(table, R.income(row)), amount, terms.map((t) => inc.get(t)!), g.relationId(relation));
    inc.set(row, id);
    return id;
  };
  if (table === 'T1') {
    incSum('currentYearIncome', ['fiscalAppropriation', 'institutionRevenue', 'businessRevenue', 'otherIncome'], 'T1-current-income');
    const total = incSum('incomeTotal', ['currentYearIncome', 'superiorSubsidy', 'affiliateRemittance', 'institutionFundDrawdown', 'carryOverIn'], 'T1-income-total');
    g.checkIds(total, [t2Dept(TOTAL_SLOT)], g.relationId('T1-income-eq-T2'));
  } else {
    incSum('currentYearIncome', ['generalPublicBudget', 'governmentFund', 'stateCapitalBudget', 'specialAccountFunding'], 'T6-current-income');
    incSum('incomeTotal', ['currentYearIncome'], 'T6-income-total');
  }

  // Expenditure by 功能分类: 项 = Σ lines of the funds shown; 款 = Σ 项; 类 = Σ 款.
  const items = [...functionalTotals.entries()]
    .map(([code, lines]) => [code, lines.filter((l) => funds === null || funds.includes(l.fund))] as const)
    .filter(([, lines]) => lines.length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  const sections = new Map<string, number[]>();
  const itemRel = g.relationId(`${table}-item-sum`);
  for (const [code, lines] of items) {
    const id = g.sumIds(outRow(code), amount, lines.map((l) => l.total), itemRel);
    out.set(code, id);
    const s = code.slice(0, 5);
    const list = sections.get(s);
    if (list) list.push(id);
    else sections.set(s, [id]);
  }
  const categories = new Map<string, number[]>();
  const sectionRel = g.relationId(`${table}-section-sum`);
  for (const [s, codes] of sections) {
    const id = g.sumIds(outRow(s), amount, codes, sectionRel);
    out.set(s, id);
    const c = s.slice(0, 3);
    const list = categories.get(c);
    if (list) list.push(id);
    else categories.set(c, [id]);
  }
  const categoryIds: number[] = [];
  const categoryRel = g.relationId(`${table}-category-sum`);
  for (const [c, secs] of categories) {
    const id = g.sumIds(outRow(c), amount, secs, categoryRel);
    out.set(c, id);
    categoryIds.push(id);
  }
  const current = g.sumIds(outRow('currentYearExpenditure'), amount, categoryIds, g.relationId(`${table}-expenditure-sum`));
  out.set('currentYearExpenditure', current);
  if (table === 'T1') {
    const rel = g.relationId('T1-other-expenditure');
    const others = OTHER_EXPENDITURE_FIELDS.map((f) => {
      const id = g.sumIds(outRow(f), amount, otherExpenditure.get(f)!, rel);
      out.set(f, id);
      return id;
    });
    out.set('expenditureTotal', g.sumIds(outRow('expenditureTotal'), amount, [current, ...others], g.relationId('T1-expenditure-total')));
  } else {
    out.set('expenditureTotal', g.sumIds(outRow('expenditureTotal'), amount, [current], g.relationId('T6-expenditure-total')));
  }
  return { income: inc, out };
}
