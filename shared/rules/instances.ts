/**
 * Rule instances: the catalogue rules (catalogue.ts, CATALOGUE_RULES) applied to one document —
 * one instance per unit, department row, project, line … Each instance declares the cells (graph
 * nodes) and document paths it reads, so the engine can index them (cell → instances) and
 * re-evaluate only what an edit touches. Relations of the cell graph (printed values of derived
 * cells, checks) are not listed here: the engine evaluates them straight from the graph.
 *
 * Most instances are plain comparisons (data, no closures: a large department has ~15,000 of
 * them); the few that read texts, dates or notes carry an `evaluate` function.
 */
import type { BuiltGraph, RowsOfUnit } from '../compute/buildGraph';
import type { CodeListSet } from '../codes/registry';
import { rowKeys as R } from '../model/cellKey';
import type { DepartmentBudget } from '../model/document';
import { FISCAL_FUNCTIONAL_FUNDS, FUNDING_LEAVES } from '../model/funding';
import { getCatalogue, hasCatalogue } from '../catalogue';
import { ruleById, type RuleDef } from './catalogue';

export type CompareOp = 'eq' | 'le' | 'ge' | 'change';

/** A comparison of two sums of cells: Σ coef·cell on each side (coefficients default to 1). */
export interface Comparison {
  /** eq: Σleft = Σright; le: Σleft ≤ Σright; ge: Σleft ≥ Σright; change: |left − right| < 10 % of right. */
  op: CompareOp;
  left: readonly number[];
  right: readonly number[];
  rightCoefs?: readonly number[];
  /** Constant added to the right side (last year's amount), one rounded figure in printed documents. */
  rightConstant?: number;
  /** Side descriptions ({a}/{b}) and extra message parameters when not the cells themselves; only called for a finding. */
  labels?: Labels;
}

export type Labels = (view: EvalView, amount: (fen: number) => string) => { a?: string; b?: string; extra?: Record<string, string> };

/** What a custom instance produces when evaluated (the engine turns it into a Finding). */
export type Outcome = null | ({ kind: 'compare' } & Comparison) | { kind: 'message'; params: Record<string, string>; cells: { table: string; row: string; column: string; node?: number }[] };

export interface EvalView {
  doc: DepartmentBudget;
  /** Effective value of a node (what comparisons use). */
  value(node: number): number;
  /** Whether a cell shows anything (empty = blank). */
  nonEmpty(node: number): boolean;
}

interface InstanceBase {
  /** Stable finding id: rule + place. */
  id: string;
  rule: RuleDef;
}
export interface CompareInstance extends InstanceBase, Comparison {
  kind: 'compare';
}
export interface CustomInstance extends InstanceBase {
  kind: 'custom';
  /** Graph nodes read (for the reverse index). */
  reads: readonly number[];
  /** Document paths read besides amount cells (joined with '/'), for edits of texts/dates/notes. */
  paths?: readonly string[];
  evaluate(view: EvalView): Outcome;
}
export type RuleInstance = CompareInstance | CustomInstance;

/** Nodes an instance reads. */
export function readsOf(inst: RuleInstance): readonly number[] {
  return inst.kind === 'custom' ? inst.reads : inst.left.concat(inst.right);
}

export interface InstanceContext {
  built: BuiltGraph;
  codes: CodeListSet;
  /** Node of a cell key (structured lookups first; undefined when the cell does not exist). */
  nodeOfKey(key: string): number | undefined;
  describeNode(node: number): string;
}

function compare(rule: RuleDef, id: string, op: CompareOp, left: readonly number[], right: readonly number[], labels?: Labels): CompareInstance {
  return labels ? { kind: 'compare', id, rule, op, left, right, labels } : { kind: 'compare', id, rule, op, left, right };
}

export function buildInstances(doc: DepartmentBudget, ctx: InstanceContext): RuleInstance[] {
  const { built, codes } = ctx;
  const { cells, structure } = built;
  const out: RuleInstance[] = [];
  const d = (n: number) => ctx.describeNode(n);
  const rows: { place: string; cells: Omit<RowsOfUnit, 'unitId'> }[] = [{ place: R.dept, cells: cells.dept }, ...cells.units.map((u) => ({ place: R.unit(u.unitId), cells: u }))];

  // 表1 / 表6 收支平衡
  for (const [ruleId, ov] of [
    ['T1-income-eq-expenditure', cells.t1],
    ['T6-income-eq-expenditure', cells.t6],
  ] as const) {
    const inc = ov.income.get('incomeTotal');
    const exp = ov.out.get('expenditureTotal');
    if (inc !== undefined && exp !== undefined) out.push(compare(ruleById(ruleId), `${ruleId}|dept`, 'eq', [inc], [exp]));
  }

  // 表2 收入总计 = 表3 支出总计; 表2 each source = 表4 + 表5; 表7 = 表4/表5 一般公共预算; 表8/表9 = 表2
  {
    const eq23 = ruleById('T2-eq-T3');
    const src = ruleById('T2-source-eq-T4-T5');
    const t7 = ruleById('T7-eq-T4-T5');
    const t8 = ruleById('T8-eq-T2');
    const t9 = ruleById('T9-eq-T2');
    for (const { place, cells: c } of rows) {
      out.push(compare(eq23, `T2-eq-T3|${place}`, 'eq', [c.t2.total], [c.t3.total]));
      for (const leaf of FUNDING_LEAVES) out.push(compare(src, `T2-source-eq-T4-T5|${place}|${leaf}`, 'eq', [c.t2[leaf]], [c.t4[leaf], c.t5[leaf]]));
      out.push(compare(t7, `T7-eq-T4-T5|${place}|basic`, 'eq', [c.t7.basic], [c.t4.generalPublicBudget]));
      out.push(compare(t7, `T7-eq-T4-T5|${place}|project`, 'eq', [c.t7.project], [c.t5.generalPublicBudget]));
      out.push(compare(t8, `T8-eq-T2|${place}`, 'eq', [c.t8.total], [c.t2.governmentFund]));
      out.push(compare(t9, `T9-eq-T2|${place}`, 'eq', [c.t9.total], [c.t2.stateCapitalBudget]));
    }
  }

  // 表1 本年支出合计 = 表3 支出总计
  out.push(compare(ruleById('T1-eq-T3'), 'T1-eq-T3|dept', 'eq', [cells.t1.out.get('currentYearExpenditure')!], [cells.dept.t3.total]));

  // 表6 = 财政拨款 part of 表1
  {
    const rule = ruleById('T6-eq-T1-fiscal');
    const t1 = cells.t1;
    const t6 = cells.t6;
    for (const [row6, row1] of [
      ['generalPublicBudget', 'generalPublicBudget'],
      ['generalFunding', 'generalFunding'],
      ['specialFunding', 'specialFunding'],
      ['investmentFunding', 'investmentFunding'],
      ['governmentFund', 'governmentFund'],
      ['stateCapitalBudget', 'stateCapitalBudget'],
      ['specialAccountFunding', 'specialAccountFunding'],
      ['currentYearIncome', 'fiscalAppropriation'],
    ] as const) {
      const a = t6.income.get(row6);
      const b = t1.income.get(row1);
      if (a !== undefined && b !== undefined) out.push(compare(rule, `T6-eq-T1-fiscal|in:${row6}`, 'eq', [a], [b]));
    }
    // Functional lines outside 财政拨款 (shown in 表1, not in 表6), by code.
    const nonFiscal: { code: string; total: number }[] = [];
    for (const us of structure.units) {
      for (const line of us.functionalLines) if (!(FISCAL_FUNCTIONAL_FUNDS as readonly string[]).includes(line.fund)) nonFiscal.push({ code: line.code, total: cells.functionalLines.get(line.id)!.total });
    }
    for (const [row, a] of t6.out) {
      if (row === 'expenditureTotal') continue;
      const b = t1.out.get(row);
      if (b === undefined) continue;
      const prefix = row === 'currentYearExpenditure' ? '' : row;
      const minus = nonFiscal.filter((l) => l.code.startsWith(prefix)).map((l) => l.total);
      out.push({
        kind: 'compare',
        id: `T6-eq-T1-fiscal|out:${row}`,
        rule,
        op: 'eq',
        left: [a],
        right: [b, ...minus],
        ...(minus.length ? { rightCoefs: [1, ...minus.map(() => -1)], labels: () => ({ b: `${d(b)}减去财政拨款以外资金的同类支出` }) } : {}),
      });
    }
  }

  // 表7–表10 无数据须注明
  {
    const rule = ruleById('empty-table-note');
    const catalogue = hasCatalogue(doc.catalogueId) ? getCatalogue(doc.catalogueId) : null;
    const totals: [string, number][] = [
      ['T7', cells.dept.t7.total],
      ['T8', cells.dept.t8.total],
      ['T9', cells.dept.t9.total],
      ['T10', cells.dept.t10],
    ];
    for (const [table, node] of totals) {
      const def = catalogue?.tables.find((t) => t.id === table);
      const suggestion = def?.emptyNote ?? '注：本部门无此项支出。';
      out.push({
        kind: 'custom',
        id: `empty-table-note|${table}`,
        rule,
        reads: [node],
        paths: [`notes/${table}`],
        evaluate: (v) => {
          if (v.nonEmpty(node)) return null;
          const note = v.doc.notes[table];
          if (note !== undefined && note.trim() !== '') return null;
          return { kind: 'message', params: { table: `表${table.slice(1)}“${def?.title ?? ''}”`, suggestion }, cells: [{ table, row: 'note', column: 'note' }] };
        },
      });
    }
  }

  // Codes: 表7–表10 功能分类 (项), 表4 经济分类 (款), 表11 采购品目. Codes and names are structure:
  // an edit of one rebuilds, so these are decided here once.
  {
    const message = (rule: RuleDef, id: string, table: string, row: string, column: string, problem: string): CustomInstance => ({
      kind: 'custom',
      id,
      rule,
      reads: [],
      evaluate: () => ({ kind: 'message', params: { a: describeRow(ctx, table, row), problem }, cells: [{ table, row, column }] }),
    });
    const check = (list: CodeListSet['functional'], code: string, level: number, levelName: string, printedName: string | undefined, listName: string): string | null => {
      const entry = list.get(code);
      if (!entry) return `编码 ${code} 不在${list.year}年${listName}中`;
      if (entry.level !== level) return `编码 ${code}（${entry.name}）不是“${levelName}”级科目`;
      if (printedName !== undefined && printedName.trim() !== '' && !list.nameMatches(code, printedName)) return `科目名称“${printedName}”与编码 ${code} 的名称“${entry.name}”不符`;
      return null;
    };
    const fn = ruleById('functional-code');
    const ec = ruleById('economic-code');
    const pc = ruleById('procurement-code');
    const cc = ruleById('custom-code');
    /** A code the clerk added with its own name although the year's list lacks it: a warning to confirm, not an error. */
    const custom = (list: CodeListSet['functional'], code: string, name: string | undefined, listName: string): string | null =>
      list.has(code) || name === undefined || name.trim() === '' ? null : `自定义编码 ${code}“${name.trim()}”不在${list.year}年${listName}中，请确认编码和名称无误`;
    const tableOfFund = (fund: string) => (fund === 'generalPublicBudget' ? 'T7' : fund === 'governmentFund' ? 'T8' : fund === 'stateCapitalBudget' ? 'T9' : 'T0');
    for (const us of structure.units) {
      for (const line of us.functionalLines) {
        const row = R.functionalLine(line.id);
        const own = custom(codes.functional, line.code, line.name, '支出功能分类科目');
        if (own) {
          out.push(message(cc, `custom-code|${row}`, tableOfFund(line.fund), row, 'code', own));
          continue;
        }
        const problem = check(codes.functional, line.code, 3, '项', line.name, '支出功能分类科目');
        if (problem) out.push(message(fn, `functional-code|${row}`, tableOfFund(line.fund), row, 'code', problem));
      }
      for (const line of us.transferLines) {
        const row = R.transferLine(line.id);
        const own = custom(codes.functional, line.code, line.name, '支出功能分类科目');
        if (own) {
          out.push(message(cc, `custom-code|${row}`, 'T10', row, 'code', own));
          continue;
        }
        const problem = check(codes.functional, line.code, 3, '项', line.name, '支出功能分类科目');
        if (problem) out.push(message(fn, `functional-code|${row}`, 'T10', row, 'code', problem));
      }
      for (const cat of us.economicCategories) {
        for (const line of cat.lines) {
          const row = R.econLine(line.id);
          const own = custom(codes.economic, line.code, line.name, '部门预算支出经济分类科目');
          if (own) {
            out.push(message(cc, `custom-code|${row}`, 'T4', row, 'name', own));
            continue;
          }
          const problem = check(codes.economic, line.code, 2, '款', line.name, '部门预算支出经济分类科目');
          if (problem) out.push(message(ec, `economic-code|${row}`, 'T4', row, 'name', problem));
        }
      }
      for (const grp of us.procurementGroups) {
        for (const item of grp.items) {
          const ownRow = R.procurementItem(item.id);
          const own = custom(codes.procurement, item.code, item.name, '政府采购品目目录');
          if (own) {
            out.push(message(cc, `custom-code|${ownRow}`, 'T11', ownRow, 'code', own));
            continue;
          }
          const entry = codes.procurement.get(item.code);
          let problem: string | null = null;
          if (!entry) problem = `编号 ${item.code} 不在${codes.procurement.year}年政府采购品目目录中`;
          else if (item.name !== undefined && item.name.trim() !== '' && !codes.procurement.nameMatches(item.code, item.name)) problem = `品目名称“${item.name}”与编号 ${item.code} 的名称“${entry.name}”不符`;
          const row = R.procurementItem(item.id);
          if (problem) out.push(message(pc, `procurement-code|${row}`, 'T11', row, 'code', problem));
        }
      }
    }
  }

  // 表3 采购: 小微 ≤ 中小 ≤ 本年采购 (H); 中小 ≥ 30 % 采购, 小微 ≥ 60 % 中小 (W)
  {
    const order = ruleById('T3-procurement-order');
    const sme = ruleById('T3-sme-share');
    const micro = ruleById('T3-micro-share');
    const share = (rule: RuleDef, id: string, part: number, whole: number, k: number): CompareInstance => ({
      kind: 'compare',
      id,
      rule,
      op: 'ge',
      left: [part],
      right: [whole],
      rightCoefs: [k],
      labels: (v, amount) => ({ b: d(whole), extra: { total: amount(v.value(whole)) } }),
    });
    for (const { place, cells: c } of rows) {
      const t3 = c.t3;
      out.push(compare(order, `T3-procurement-order|${place}|micro`, 'le', [t3.microReserved], [t3.smeReserved]));
      out.push(compare(order, `T3-procurement-order|${place}|sme`, 'le', [t3.smeReserved], [t3.procurement]));
      out.push(share(sme, `T3-sme-share|${place}`, t3.smeReserved, t3.procurement, 0.3));
      out.push(share(micro, `T3-micro-share|${place}`, t3.microReserved, t3.smeReserved, 0.6));
    }
  }

  // 表12 公务接待费 / 公务用车 ≈ 表4 + 表5 matching lines (财政拨款)
  {
    const reception = ruleById('T12-reception-eq-T4-T5');
    const vehicle = ruleById('T12-vehicle-eq-T4-T5');
    const deptReception: number[] = [];
    const deptVehicle: number[] = [];
    const add = (place: string, t12: RowsOfUnit['t12']['cur'], rec: number[], veh: number[]) => {
      out.push(compare(reception, `T12-reception-eq-T4-T5|${place}`, 'eq', [t12.officialReception], rec, rec.length ? undefined : () => ({ b: '表4、表5 中的公务接待费（无）' })));
      out.push(compare(vehicle, `T12-vehicle-eq-T4-T5|${place}`, 'eq', [t12.vehiclePurchase, t12.vehicleOperation], veh, veh.length ? undefined : () => ({ b: '表4、表5 中的公务用车费用（无）' })));
    };
    // Lines and sub-items by position (structure order, as the graph was built): no id lookups.
    let lineIndex = 0;
    let subIndex = 0;
    structure.units.forEach((us, i) => {
      const rec: number[] = [];
      const veh: number[] = [];
      for (const cat of us.economicCategories) {
        for (const line of cat.lines) {
          if (line.code === '30217') rec.push(cells.economicLineAt(lineIndex)!.fiscalAppropriation);
          else if (line.code === '30231') veh.push(cells.economicLineAt(lineIndex)!.fiscalAppropriation);
          lineIndex++;
        }
      }
      for (const { subItems } of us.projects) {
        for (const s of subItems) {
          if (s.name.includes('公务接待')) rec.push(cells.subItemAt(subIndex)!.fiscalAppropriation);
          else if (s.name.includes('公务用车')) veh.push(cells.subItemAt(subIndex)!.fiscalAppropriation);
          subIndex++;
        }
      }
      for (const n of rec) deptReception.push(n);
      for (const n of veh) deptVehicle.push(n);
      add(R.unit(us.unitId), cells.units[i]!.t12.cur, rec, veh);
    });
    add(R.dept, cells.dept.t12.cur, deptReception, deptVehicle);
  }

  // 表13 lists every 表5 project
  {
    const rule = ruleById('T13-project-listed');
    for (const p of structure.projects) {
      if (p.performanceManaged) continue;
      const node = cells.project(p.id)!.total;
      out.push({
        kind: 'custom',
        id: `T13-project-listed|${R.project(p.id)}`,
        rule,
        reads: [node], // the finding shows the project's total: re-evaluated when it changes
        evaluate: (v) => ({ kind: 'message', params: { unit: v.doc.units.byId[p.unitId]?.name ?? '', project: p.name }, cells: [{ table: 'T5', row: R.project(p.id), column: 'total', node }] }),
      });
    }
  }

  // 表14 indicators under 产出 and 效益
  {
    const rule = ruleById('T14-indicators');
    for (const level of ['产出指标', '效益指标'] as const) {
      const needle = level.slice(0, 2);
      out.push({
        kind: 'custom',
        id: `T14-indicators|${needle}`,
        rule,
        reads: [],
        paths: ['performance/indicators'],
        evaluate: (v) => (v.doc.performance.indicators.some((i) => i.level1.includes(needle) && i.name.trim() !== '') ? null : { kind: 'message', params: { level1: level }, cells: [{ table: 'T14', row: 'indicators', column: level }] }),
      });
    }
  }

  // 表15 per project: 总金额 ≥ 本年度; dates
  {
    const ge = ruleById('T15-total-ge-current');
    const dates = ruleById('T15-dates');
    const totalLabel = () => ({ b: '“项目总金额”' });
    for (const p of structure.projects) {
      const t15 = cells.t15.get(p.id)!;
      const row = R.project(p.id);
      out.push(compare(ge, `T15-total-ge-current|${row}`, 'le', [t15.currentYear], [t15.totalAmount], totalLabel));
      out.push({
        kind: 'custom',
        id: `T15-dates|${row}`,
        rule: dates,
        reads: [],
        paths: [`projects/byId/${p.id}/startDate`, `projects/byId/${p.id}/endDate`],
        evaluate: (v) => {
          const cur = v.doc.projects.byId[p.id];
          if (!cur) return null;
          let problem: string | null = null;
          if (!cur.startDate && !cur.endDate) problem = '计划开始日期和计划完成日期未填写。';
          else if (!cur.startDate) problem = '计划开始日期未填写。';
          else if (!cur.endDate) problem = '计划完成日期未填写。';
          else if (cur.startDate > cur.endDate) problem = `计划开始日期 ${cur.startDate} 晚于计划完成日期 ${cur.endDate}。`;
          if (!problem) return null;
          return { kind: 'message', params: { form: ctx.describeNode(t15.currentYear).replace(/“[^”]*”的“[^”]*”$/, `“${cur.tableNames.table15 ?? cur.name}”`), problem }, cells: [{ table: 'T15', row, column: 'startDate' }, { table: 'T15', row, column: 'endDate' }] };
        },
      });
    }
  }

  // 表15 资产采购计划 ≤ 表11 货物类, per unit
  {
    const rule = ruleById('T15-asset-le-T11');
    for (const us of structure.units) {
      if (us.projects.length === 0) continue;
      const left = us.projects.map(({ project }) => cells.t15.get(project.id)!.assetPurchase);
      const goods = cells.procurementGroups.get(`${us.unitId}:A`);
      const unit = us.unitId;
      out.push(
        compare(rule, `T15-asset-le-T11|${R.unit(unit)}`, 'le', left, goods === undefined ? [] : [goods], (v) => ({
          a: `表15 ${v.doc.units.byId[unit]?.name ?? unit}各项目“固定资产采购金额”之和`,
          b: goods === undefined ? `表11 ${v.doc.units.byId[unit]?.name ?? unit}货物类采购（无）` : d(goods),
        })),
      );
    }
  }

  // 经济分类 ↔ 功能分类 pairs (basic expenditure)
  {
    const rule = ruleById('econ-functional-pair');
    const PAIRS: [string, string][] = [
      ['30108', '2080505'],
      ['30109', '2080506'],
      ['30110', '2101101'],
      ['30113', '2210201'],
    ];
    const dept = new Map<string, { econ: number[]; fn: number[] }>(PAIRS.map(([e]) => [e, { econ: [], fn: [] }]));
    const add = (place: string, econCode: string, fnCode: string, econ: number[], fn: number[]) => {
      if (econ.length === 0 && fn.length === 0) return;
      const labels: Labels | undefined = econ.length && fn.length ? undefined : () => ({ ...(econ.length ? {} : { a: `表4 经济分类 ${econCode}（无）` }), ...(fn.length ? {} : { b: `功能分类 ${fnCode} 基本支出（无）` }) });
      out.push(compare(rule, `econ-functional-pair|${place}|${econCode}`, 'eq', econ, fn, labels));
    };
    let lineIndex = 0;
    for (const us of structure.units) {
      const econ = new Map<string, number[]>(PAIRS.map(([e]) => [e, []]));
      for (const cat of us.economicCategories) {
        for (const line of cat.lines) {
          econ.get(line.code)?.push(cells.economicLineAt(lineIndex)!.total);
          lineIndex++;
        }
      }
      for (const [econCode, fnCode] of PAIRS) {
        const e = econ.get(econCode)!;
        const fn: number[] = [];
        for (const line of us.functionalLines) if (line.code === fnCode) fn.push(cells.functionalLines.get(line.id)!.basic);
        const acc = dept.get(econCode)!;
        for (const n of e) acc.econ.push(n);
        for (const n of fn) acc.fn.push(n);
        add(R.unit(us.unitId), econCode, fnCode, e, fn);
      }
    }
    if (structure.units.length > 1) for (const [econCode, fnCode] of PAIRS) add(R.dept, econCode, fnCode, dept.get(econCode)!.econ, dept.get(econCode)!.fn);
  }

  // 与上年相比增减 ≥ 10 %: saved last-year amounts, and 表12 上年/本年 总额
  {
    const rule = ruleById('year-change');
    const lastYear = () => ({ b: '上年数' });
    for (const [key, prev] of Object.entries(doc.previousYear)) {
      const node = ctx.nodeOfKey(key);
      if (node === undefined || prev === null) continue;
      out.push({
        kind: 'custom',
        id: `year-change|${key}`,
        rule,
        reads: [node],
        paths: [`previousYear/${key}`],
        evaluate: (v) => {
          const p = v.doc.previousYear[key];
          // Until this year's amount is typed there is nothing to compare (a rolled-forward budget
          // would otherwise open with a 「减少100%」 warning on every row that had an amount last year).
          if (p === null || p === undefined || !v.nonEmpty(node)) return null;
          return { kind: 'compare', op: 'change', left: [node], right: [], rightConstant: p, labels: lastYear };
        },
      });
    }
    for (const { place, cells: c } of rows) {
      const [cur, prev] = [c.t12.cur.total, c.t12.prev.total];
      out.push({
        kind: 'custom',
        id: `year-change|T12|${place}`,
        rule,
        reads: [cur, prev],
        evaluate: (v) => (v.nonEmpty(cur) ? { kind: 'compare', op: 'change', left: [cur], right: [prev] } : null),
      });
    }
  }

  return out;
}

/** A row in the clerk's words (a cell description without its column). */
function describeRow(ctx: InstanceContext, table: string, row: string): string {
  const column = table === 'T10' || table === 'T11' ? 'amount' : 'total';
  const node = ctx.nodeOfKey(`${table}|${row}|${column}`);
  return node === undefined ? `${table} ${row}` : ctx.describeNode(node).replace(/“[^”]*”列$/, '');
}
