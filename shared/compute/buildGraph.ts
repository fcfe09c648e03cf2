/**
 * Builds the cell graph of a document: inputs bound to document paths, and every total,
 * subtotal and derived table (表1, 表3, 表6, 表13, 表14, 表15 amounts) as sums or copies.
 * Relation ids name the rule each derived cell stands for (see shared/rules).
 */
import { cellKey as key, rowKeys as R, type TableId } from '../model/cellKey';
import type { DepartmentBudget } from '../model/document';
import { FISCAL_FUNCTIONAL_FUNDS, type FundingLeaf } from '../model/funding';
import { GraphBuilder, type Graph } from './graph';
import { GROUP_COLUMNS, LEAF_COLUMNS, NON_FISCAL_LEAVES, NON_GENERAL_PUBLIC_LEAVES, TOTAL_TERMS, groupTerms } from './fundingColumns';
import { buildStructure, functionalTableOf, type BudgetStructure } from './structure';

export const T3_COLUMNS = ['total', 'basic', 'project', 'procurement', 'smeReserved', 'microReserved', 'priorYearProcurementPayable'] as const;
export const T3_INPUT_COLUMNS = ['smeReserved', 'microReserved', 'priorYearProcurementPayable'] as const;
export const T12_LEAF_COLUMNS = ['officialTravelAbroad', 'officialReception', 'vehiclePurchase', 'vehicleOperation'] as const;
export const T12_COLUMNS = ['total', 'officialTravelAbroad', 'officialReception', 'vehicleSubtotal', 'vehiclePurchase', 'vehicleOperation'] as const;
export const OTHER_EXPENDITURE_FIELDS = ['subsidyToAffiliates', 'remittanceToSuperior', 'carryOverOut'] as const;

export interface BuiltGraph {
  graph: Graph;
  structure: BudgetStructure;
}

export function buildGraph(doc: DepartmentBudget): BuiltGraph {
  const structure = buildStructure(doc);
  const g = new GraphBuilder();
  const unitIds = doc.units.order;

  /** Row-wise group/total columns of a funding row (表2/4/5). */
  const fundingRowGroups = (table: TableId, row: string, totalCol: 'incomeTotal' | 'total', relation: string) => {
    for (const grp of GROUP_COLUMNS) g.sum(key(table, row, grp), groupTerms(grp).map((c) => key(table, row, c)), relation);
    g.sum(key(table, row, totalCol), TOTAL_TERMS.map((c) => key(table, row, c)), relation);
  };
  const fundingInputRow = (table: TableId, row: string, totalCol: 'incomeTotal' | 'total', path: string[], relation: string) => {
    for (const leaf of LEAF_COLUMNS) g.input(key(table, row, leaf), [...path, leaf]);
    fundingRowGroups(table, row, totalCol, relation);
  };
  /** Aggregate row: leaves are column sums of child rows, groups row-wise, and groups also checked column-wise. */
  const fundingAggregateRow = (table: TableId, row: string, children: string[], totalCol: 'incomeTotal' | 'total', colRelation: string, rowRelation: string) => {
    for (const leaf of LEAF_COLUMNS) g.sum(key(table, row, leaf), children.map((c) => key(table, c, leaf)), colRelation);
    fundingRowGroups(table, row, totalCol, rowRelation);
    for (const col of [...GROUP_COLUMNS, totalCol]) g.check(key(table, row, col), children.map((c) => key(table, c, col)), colRelation);
  };

  // 表2 部门收入预算总表
  for (const u of unitIds) fundingInputRow('T2', R.unit(u), 'incomeTotal', ['incomes', u], 'T2-row-total');
  fundingAggregateRow('T2', R.dept, unitIds.map(R.unit), 'incomeTotal', 'T2-dept-sum', 'T2-row-total');

  // 表4 基本支出预算表
  for (const us of structure.units) {
    const catRows: string[] = [];
    for (const cat of us.economicCategories) {
      const lineRows = cat.lines.map((l) => R.econLine(l.id));
      cat.lines.forEach((l) => fundingInputRow('T4', R.econLine(l.id), 'total', ['economicLines', 'byId', l.id, 'amounts'], 'T4-row-total'));
      const catRow = R.econCategory(us.unitId, cat.code);
      fundingAggregateRow('T4', catRow, lineRows, 'total', 'T4-category-sum', 'T4-row-total');
      catRows.push(catRow);
    }
    fundingAggregateRow('T4', R.unit(us.unitId), catRows, 'total', 'T4-unit-sum', 'T4-row-total');
  }
  fundingAggregateRow('T4', R.dept, unitIds.map(R.unit), 'total', 'T4-dept-sum', 'T4-row-total');

  // 表5 项目支出预算表
  for (const us of structure.units) {
    const projectRows: string[] = [];
    for (const { project, subItems } of us.projects) {
      subItems.forEach((s) => fundingInputRow('T5', R.subItem(s.id), 'total', ['subItems', 'byId', s.id, 'amounts'], 'T5-row-total'));
      fundingAggregateRow('T5', R.project(project.id), subItems.map((s) => R.subItem(s.id)), 'total', 'T5-project-sum', 'T5-row-total');
      projectRows.push(R.project(project.id));
    }
    fundingAggregateRow('T5', R.unit(us.unitId), projectRows, 'total', 'T5-unit-sum', 'T5-row-total');
  }
  fundingAggregateRow('T5', R.dept, unitIds.map(R.unit), 'total', 'T5-dept-sum', 'T5-row-total');

  // 表11 政府采购项目支出预算表 (before 表3, which copies its totals)
  for (const us of structure.units) {
    const groupRows: string[] = [];
    for (const grp of us.procurementGroups) {
      grp.items.forEach((it) => g.input(key('T11', R.procurementItem(it.id), 'amount'), ['procurementItems', 'byId', it.id, 'amount']));
      const row = R.procurementGroup(us.unitId, grp.group);
      g.sum(key('T11', row, 'amount'), grp.items.map((it) => key('T11', R.procurementItem(it.id), 'amount')), 'T11-group-sum');
      groupRows.push(row);
    }
    g.sum(key('T11', R.unit(us.unitId), 'amount'), groupRows.map((r) => key('T11', r, 'amount')), 'T11-unit-sum');
  }
  g.sum(key('T11', R.dept, 'amount'), unitIds.map((u) => key('T11', R.unit(u), 'amount')), 'T11-dept-sum');

  // 表3 部门支出预算总表
  for (const u of unitIds) {
    const row = R.unit(u);
    g.copy(key('T3', row, 'basic'), key('T4', row, 'total'), 'T3-basic-eq-T4');
    g.copy(key('T3', row, 'project'), key('T5', row, 'total'), 'T3-project-eq-T5');
    g.sum(key('T3', row, 'total'), [key('T3', row, 'basic'), key('T3', row, 'project')], 'T3-row-total');
    g.copy(key('T3', row, 'procurement'), key('T11', row, 'amount'), 'T3-procurement-eq-T11');
    for (const col of T3_INPUT_COLUMNS) g.input(key('T3', row, col), ['unitProcurement', u, col]);
  }
  for (const col of ['basic', 'project', 'procurement', ...T3_INPUT_COLUMNS] as const) {
    g.sum(key('T3', R.dept, col), unitIds.map((u) => key('T3', R.unit(u), col)), 'T3-dept-sum');
  }
  g.sum(key('T3', R.dept, 'total'), [key('T3', R.dept, 'basic'), key('T3', R.dept, 'project')], 'T3-row-total');
  g.check(key('T3', R.dept, 'total'), unitIds.map((u) => key('T3', R.unit(u), 'total')), 'T3-dept-sum');

  // 表7/8/9 功能分类 lines by fund, and the auxiliary sheet T0 for other funds
  const functionalTotals = new Map<string, { fund: string; totalKey: string }[]>(); // 项 code → line totals
  for (const us of structure.units) {
    const rowsByTable = new Map<TableId, string[]>();
    for (const line of us.functionalLines) {
      const table = functionalTableOf(line.fund);
      const row = R.functionalLine(line.id);
      g.input(key(table, row, 'basic'), ['functionalLines', 'byId', line.id, 'basic']);
      g.input(key(table, row, 'project'), ['functionalLines', 'byId', line.id, 'project']);
      g.sum(key(table, row, 'total'), [key(table, row, 'basic'), key(table, row, 'project')], `${table}-row-total`);
      const list = rowsByTable.get(table) ?? [];
      list.push(row);
      rowsByTable.set(table, list);
      const totals = functionalTotals.get(line.code) ?? [];
      totals.push({ fund: line.fund, totalKey: key(table, row, 'total') });
      functionalTotals.set(line.code, totals);
    }
    for (const table of ['T7', 'T8', 'T9'] as const) {
      const rows = rowsByTable.get(table) ?? [];
      for (const col of ['basic', 'project'] as const) g.sum(key(table, R.unit(us.unitId), col), rows.map((r) => key(table, r, col)), `${table}-unit-sum`);
      g.sum(key(table, R.unit(us.unitId), 'total'), ['basic', 'project'].map((c) => key(table, R.unit(us.unitId), c)), `${table}-row-total`);
      g.check(key(table, R.unit(us.unitId), 'total'), rows.map((r) => key(table, r, 'total')), `${table}-unit-sum`);
    }
  }
  for (const table of ['T7', 'T8', 'T9'] as const) {
    for (const col of ['basic', 'project', 'total'] as const) {
      g.sum(key(table, R.dept, col), unitIds.map((u) => key(table, R.unit(u), col)), `${table}-dept-sum`);
    }
  }

  // 表10 上级专项转移支付
  for (const us of structure.units) {
    us.transferLines.forEach((l) => g.input(key('T10', R.transferLine(l.id), 'amount'), ['transferLines', 'byId', l.id, 'amount']));
    g.sum(key('T10', R.unit(us.unitId), 'amount'), us.transferLines.map((l) => key('T10', R.transferLine(l.id), 'amount')), 'T10-unit-sum');
  }
  g.sum(key('T10', R.dept, 'amount'), unitIds.map((u) => key('T10', R.unit(u), 'amount')), 'T10-dept-sum');

  // 表12 “三公”经费
  for (const year of ['prev', 'cur'] as const) {
    const field = year === 'prev' ? 'previousYear' : 'currentYear';
    const rows = unitIds.map((u) => R.threePublic(u, year));
    unitIds.forEach((u, i) => {
      const row = rows[i]!;
      for (const col of T12_LEAF_COLUMNS) g.input(key('T12', row, col), ['threePublic', u, field, col]);
    });
    const deptRow = R.threePublic(null, year);
    for (const col of T12_LEAF_COLUMNS) g.sum(key('T12', deptRow, col), rows.map((r) => key('T12', r, col)), 'T12-dept-sum');
    for (const row of [...rows, deptRow]) {
      g.sum(key('T12', row, 'vehicleSubtotal'), [key('T12', row, 'vehiclePurchase'), key('T12', row, 'vehicleOperation')], 'T12-vehicle-subtotal');
      g.sum(key('T12', row, 'total'), ['officialTravelAbroad', 'officialReception', 'vehicleSubtotal'].map((c) => key('T12', row, c)), 'T12-total');
    }
    for (const col of ['vehicleSubtotal', 'total'] as const) g.check(key('T12', deptRow, col), rows.map((r) => key('T12', r, col)), 'T12-dept-sum');
  }

  // Auxiliary inputs (T0): 表1 expenditure rows outside the functional classification, per unit
  for (const u of unitIds) {
    for (const f of OTHER_EXPENDITURE_FIELDS) g.input(key('T0', R.unit(u), f), ['otherExpenditure', u, f]);
  }

  // 表1 部门收支预算总表 and 表6 财政拨款收支总体情况表
  buildOverview(g, 'T1', unitIds, functionalTotals, null);
  buildOverview(g, 'T6', unitIds, functionalTotals, FISCAL_FUNCTIONAL_FUNDS as readonly string[]);

  // 表13 部门预算绩效管理项目情况表
  for (const p of structure.projects) {
    if (!p.performanceManaged) continue;
    const src = (c: string) => key('T5', R.project(p.id), c);
    const row = R.project(p.id);
    g.copy(key('T13', row, 'total'), src('total'), 'T13-eq-T5');
    g.copy(key('T13', row, 'generalPublicBudget'), src('generalPublicBudget'), 'T13-eq-T5');
    g.sum(key('T13', row, 'other'), NON_GENERAL_PUBLIC_LEAVES.map(src), 'T13-eq-T5');
    g.check(key('T13', row, 'total'), [key('T13', row, 'generalPublicBudget'), key('T13', row, 'other')], 'T13-row-total');
  }

  // 表14 部门整体支出绩效目标表: 基本支出事项, each project, 合计
  const taskRows: string[] = ['basic'];
  g.copy(key('T14', 'basic', 'total'), key('T3', R.dept, 'basic'), 'T14-basic-eq-T3');
  g.copy(key('T14', 'basic', 'fiscal'), key('T4', R.dept, 'fiscalAppropriation'), 'T14-basic-eq-T3');
  g.sum(key('T14', 'basic', 'other'), NON_FISCAL_LEAVES.map((c) => key('T4', R.dept, c)), 'T14-basic-eq-T3');
  for (const p of structure.projects) {
    const row = R.project(p.id);
    const src = (c: string) => key('T5', row, c);
    g.copy(key('T14', row, 'total'), src('total'), 'T14-project-eq-T5');
    g.copy(key('T14', row, 'fiscal'), src('fiscalAppropriation'), 'T14-project-eq-T5');
    g.sum(key('T14', row, 'other'), NON_FISCAL_LEAVES.map(src), 'T14-project-eq-T5');
    taskRows.push(row);
  }
  for (const row of taskRows) g.check(key('T14', row, 'total'), [key('T14', row, 'fiscal'), key('T14', row, 'other')], 'T14-task-total');
  for (const col of ['total', 'fiscal', 'other'] as const) g.sum(key('T14', 'total', col), taskRows.map((r) => key('T14', r, col)), 'T14-total-sum');
  g.check(key('T14', 'total', 'total'), [key('T1', R.expenditure('currentYearExpenditure'), 'amount')], 'T14-total-eq-T1');

  // 表15 项目支出绩效目标表 (one per project)
  for (const p of structure.projects) {
    const row = R.project(p.id);
    const src = (c: string) => key('T5', row, c);
    g.input(key('T15', row, 'totalAmount'), ['projects', 'byId', p.id, 'totalAmount']);
    g.input(key('T15', row, 'assetPurchase'), ['projects', 'byId', p.id, 'assetPurchaseAmount']);
    g.copy(key('T15', row, 'currentYear'), src('total'), 'T15-eq-T5');
    g.copy(key('T15', row, 'fiscal'), src('fiscalAppropriation'), 'T15-eq-T5');
    g.sum(key('T15', row, 'other'), NON_FISCAL_LEAVES.map(src), 'T15-eq-T5');
    g.check(key('T15', row, 'currentYear'), [key('T15', row, 'fiscal'), key('T15', row, 'other')], 'T15-amount-split');
  }

  return { graph: g.build(), structure };
}

/** 表1 (all funds) or 表6 (财政拨款 only): income side copied from 表2's department row, expenditure side by 功能分类. */
function buildOverview(
  g: GraphBuilder,
  table: 'T1' | 'T6',
  unitIds: string[],
  functionalTotals: Map<string, { fund: string; totalKey: string }[]>,
  funds: readonly string[] | null,
): void {
  const out = (row: string) => key(table, R.expenditure(row), 'amount');
  const inc = (row: string) => key(table, R.income(row), 'amount');
  const t2 = (col: string) => key('T2', R.dept, col);
  const copied: FundingLeaf[] | string[] =
    table === 'T1'
      ? ['fiscalAppropriation', 'generalPublicBudget', 'generalFunding', 'specialFunding', 'investmentFunding', 'governmentFund', 'stateCapitalBudget', 'specialAccountFunding', 'institutionRevenue', 'businessRevenue', 'otherIncome', 'superiorSubsidy', 'affiliateRemittance', 'institutionFundDrawdown', 'carryOverIn']
      : ['generalPublicBudget', 'generalFunding', 'specialFunding', 'investmentFunding', 'governmentFund', 'stateCapitalBudget', 'specialAccountFunding'];
  for (const c of copied) g.copy(inc(c), t2(c), `${table}-income-eq-T2`);
  if (table === 'T1') {
    g.sum(inc('currentYearIncome'), ['fiscalAppropriation', 'institutionRevenue', 'businessRevenue', 'otherIncome'].map(inc), 'T1-current-income');
    g.sum(inc('incomeTotal'), ['currentYearIncome', 'superiorSubsidy', 'affiliateRemittance', 'institutionFundDrawdown', 'carryOverIn'].map(inc), 'T1-income-total');
    g.check(inc('incomeTotal'), [t2('incomeTotal')], 'T1-income-eq-T2');
  } else {
    g.sum(inc('currentYearIncome'), ['generalPublicBudget', 'governmentFund', 'stateCapitalBudget', 'specialAccountFunding'].map(inc), 'T6-current-income');
    g.sum(inc('incomeTotal'), [inc('currentYearIncome')], 'T6-income-total');
  }

  // Expenditure by 功能分类: 项 = Σ lines of the funds shown; 款 = Σ 项; 类 = Σ 款.
  const items = [...functionalTotals.entries()]
    .map(([code, lines]) => [code, lines.filter((l) => funds === null || funds.includes(l.fund))] as const)
    .filter(([, lines]) => lines.length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  const sections = new Map<string, string[]>();
  for (const [code, lines] of items) {
    g.sum(out(code), lines.map((l) => l.totalKey), `${table}-item-sum`);
    const s = code.slice(0, 5);
    sections.set(s, [...(sections.get(s) ?? []), code]);
  }
  const categories = new Map<string, string[]>();
  for (const [s, codes] of sections) {
    g.sum(out(s), codes.map(out), `${table}-section-sum`);
    const c = s.slice(0, 3);
    categories.set(c, [...(categories.get(c) ?? []), s]);
  }
  for (const [c, secs] of categories) g.sum(out(c), secs.map(out), `${table}-category-sum`);
  g.sum(out('currentYearExpenditure'), [...categories.keys()].map(out), `${table}-expenditure-sum`);
  if (table === 'T1') {
    for (const f of OTHER_EXPENDITURE_FIELDS) g.sum(out(f), unitIds.map((u) => key('T0', R.unit(u), f)), 'T1-other-expenditure');
    g.sum(out('expenditureTotal'), ['currentYearExpenditure', ...OTHER_EXPENDITURE_FIELDS].map(out), 'T1-expenditure-total');
  } else {
    g.sum(out('expenditureTotal'), [out('currentYearExpenditure')], 'T6-expenditure-total');
  }
}
