/**
 * The catalogue rules beside the cell graph (catalogue CATALOGUE_RULES), each with a case where it
 * holds, one where it fails, and one rounding case within tolerance (for rules that compare
 * amounts; for code, text and date rules the "tolerance" case is what they deliberately accept).
 *
 * Documents: a small generated editor document (exact, clean) and the same document as published
 * (printed precision 1 元, every derived cell printed with its value): see relations.test.ts.
 */
import { produce, type Draft } from 'immer';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../compute/buildGraph';
import { evaluate } from '../compute/evaluate';
import { NodeKind } from '../compute/graph';
import type { DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import { generateLargeBudget } from '../../tests/fixtures/largeBudget';
import { runAudit } from './audit';
import { CATALOGUE_RULES, RULES_HELD_BY_THE_MODEL } from './catalogue';
import type { Finding } from './finding';

const P = 100;
const exact = generateLargeBudget({ units: 4, projectsPerUnit: 2, subItemsPerProject: 2, seed: 11 });
const built = buildGraph(exact);
const { graph, cells } = built;
const computed = evaluate(graph, exact).computed;
const printed: DepartmentBudget = produce(exact, (d) => {
  d.printedPrecisionFen = P;
  for (let i = 0; i < graph.size; i++) if (graph.kind[i] !== NodeKind.Input) d.reported[graph.keyOf(i)] = computed[i]! as Fen;
});
const U1 = 'u0001';
const U2 = 'u0002'; // has a 严控类项目 with 公务接待 / 公务用车运行 sub-items
const unit = (u: string) => cells.units.find((x) => x.unitId === u)!;
const key = (n: number) => graph.keyOf(n);
const value = (n: number) => computed[n]!;

const edit = (doc: DepartmentBudget, recipe: (d: Draft<DepartmentBudget>) => void) => produce(doc, recipe);
/** Set printed values (undefined: unprint). */
const print = (doc: DepartmentBudget, changes: Record<string, number | undefined>) =>
  edit(doc, (d) => {
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete d.reported[k];
      else d.reported[k] = v as Fen;
    }
  });
const find = (doc: DepartmentBudget, id: string): Finding | undefined => runAudit(doc).find((f) => f.id === id);
const none = (doc: DepartmentBudget, rule: string) => expect(runAudit(doc).filter((f) => f.rule === rule)).toEqual([]);

it('every catalogue rule is tested here', () => {
  const tested = new Set(Object.keys(TESTED));
  expect(CATALOGUE_RULES.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  expect(RULES_HELD_BY_THE_MODEL.length).toBe(2);
});

const TESTED: Record<string, true> = {};
function rule(id: string, body: () => void) {
  TESTED[id] = true;
  describe(id, body);
}

rule('T1-income-eq-expenditure', () => {
  const id = 'T1-income-eq-expenditure|dept';
  it('holds', () => none(exact, 'T1-income-eq-expenditure'));
  it('fails when 结转下年 is added on the expenditure side only', () => {
    const f = find(edit(exact, (d) => void (d.otherExpenditure[U1]!.carryOverOut = 50_000 as Fen)), id);
    expect(f?.severity).toBe('error');
    expect(f?.differenceFen).toBe(-50_000);
  });
  it('rounding: printed 本年支出合计 one unit off, 支出总计 an unprinted total of 4 printed rows', () => {
    const cur = cells.t1.out.get('currentYearExpenditure')!;
    const doc = print(printed, { [key(cur)]: value(cur) + P, [key(cells.t1.out.get('expenditureTotal')!)]: undefined });
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('T6-income-eq-expenditure', () => {
  const id = 'T6-income-eq-expenditure|dept';
  it('holds', () => none(exact, 'T6-income-eq-expenditure'));
  it('fails when fiscal spending by 功能分类 does not match fiscal income', () => {
    const line = exact.functionalLines.order.find((l) => exact.functionalLines.byId[l]!.fund === 'generalPublicBudget' && exact.functionalLines.byId[l]!.basicExpenditure !== null)!;
    const f = find(edit(exact, (d) => void (d.functionalLines.byId[line]!.basicExpenditure = (d.functionalLines.byId[line]!.basicExpenditure! + 700) as Fen)), id);
    expect(f?.severity).toBe('error');
    expect(f?.differenceFen).toBe(-700);
  });
  it('a misprinted 本年支出合计 is reported once, at itself, not again as an imbalance', () => {
    const cur = cells.t6.out.get('currentYearExpenditure')!;
    const doc = print(printed, { [key(cur)]: value(cur) + 100 * P });
    expect(find(doc, `T6-expenditure-sum|${key(cur)}`)?.severity).toBe('error');
    expect(find(doc, id)).toBeUndefined();
  });
  it('rounding: 本年支出合计 one unit off within its own tolerance, 支出总计 unprinted', () => {
    const cur = cells.t6.out.get('currentYearExpenditure')!;
    const doc = print(printed, { [key(cur)]: value(cur) + P, [key(cells.t6.out.get('expenditureTotal')!)]: undefined, [key(cells.t6.income.get('incomeTotal')!)]: undefined });
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('T2-eq-T3', () => {
  const id = `T2-eq-T3|u:${U1}`;
  it('holds', () => none(exact, 'T2-eq-T3'));
  it('fails when income is entered that no expenditure uses', () => {
    const f = find(edit(exact, (d) => void (d.incomes[U1]!.otherIncome = 1_000 as Fen)), id);
    expect(f?.severity).toBe('error');
    expect(f?.cells.map((c) => `${c.table}|${c.row}|${c.column}`)).toEqual([`T2|u:${U1}|incomeTotal`, `T3|u:${U1}|total`]);
    expect(f?.message).toContain('表2 “市测试局本级”行“收入总计”列');
  });
  it('rounding: printed 收入总计 one unit off, 支出总计 the unprinted sum of two printed figures', () => {
    const u = unit(U1);
    const doc = print(printed, { [key(u.t2.total)]: value(u.t2.total) + P, [key(u.t3.total)]: undefined });
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('T1-eq-T3', () => {
  const id = 'T1-eq-T3|dept';
  it('holds', () => none(exact, 'T1-eq-T3'));
  it('fails when a 功能分类 line is changed alone', () => {
    const line = exact.functionalLines.order.find((l) => exact.functionalLines.byId[l]!.fund === 'generalPublicBudget' && exact.functionalLines.byId[l]!.basicExpenditure !== null)!;
    const f = find(edit(exact, (d) => void (d.functionalLines.byId[line]!.basicExpenditure = (d.functionalLines.byId[line]!.basicExpenditure! + 700) as Fen)), id);
    expect(f?.severity).toBe('error');
    expect(f?.differenceFen).toBe(700);
  });
  it('rounding: 本年支出合计 one unit off, 表3 支出总计 unprinted', () => {
    const cur = cells.t1.out.get('currentYearExpenditure')!;
    const doc = print(printed, { [key(cur)]: value(cur) + P, [key(cells.dept.t3.total)]: undefined });
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('T2-source-eq-T4-T5', () => {
  const id = `T2-source-eq-T4-T5|u:${U1}|generalFunding`;
  it('holds', () => none(exact, 'T2-source-eq-T4-T5'));
  it('fails when 表2 一般性经费拨款 differs from 表4 + 表5', () => {
    const f = find(edit(exact, (d) => void (d.incomes[U1]!.generalFunding = (d.incomes[U1]!.generalFunding! + 300) as Fen)), id);
    expect(f?.severity).toBe('error');
    expect(f?.differenceFen).toBe(300);
    expect(f?.message).toContain('收入应当等于基本支出与项目支出之和');
  });
  it('rounding: printed income one unit above two printed parts', () => {
    const doc = edit(printed, (d) => void (d.incomes[U1]!.generalFunding = (d.incomes[U1]!.generalFunding! + P) as Fen));
    const f = find(doc, id);
    expect(f?.severity).toBe('info');
    expect(f?.toleranceFen).toBe(P);
  });
});

rule('T6-eq-T1-fiscal', () => {
  const id = 'T6-eq-T1-fiscal|out:currentYearExpenditure';
  const cur6 = cells.t6.out.get('currentYearExpenditure')!;
  const cur1 = cells.t1.out.get('currentYearExpenditure')!;
  it('holds (including non-fiscal lines that 表1 shows and 表6 does not)', () => {
    expect(exact.functionalLines.order.some((l) => exact.functionalLines.byId[l]!.fund === 'nonFiscal')).toBe(true);
    none(exact, 'T6-eq-T1-fiscal');
    none(printed, 'T6-eq-T1-fiscal');
  });
  it('fails when the printed 表6 本年支出合计 drifts from 表1 beyond rounding', () => {
    // Within its own tolerance (Σ of several printed 类) but 表1's 本年支出合计 minus the printed
    // non-fiscal lines is a handful of figures only.
    const categories = [...cells.t6.out.entries()].filter(([k]) => /^\d{3}$/.test(k)).length;
    const drift = Math.floor(categories / 2) * P;
    const nonFiscal = exact.functionalLines.order.filter((l) => exact.functionalLines.byId[l]!.fund === 'nonFiscal').length;
    expect(drift).toBeGreaterThan(((1 + nonFiscal) * P) / 2);
    const f = find(print(printed, { [key(cur6)]: value(cur6) + drift }), id);
    expect(f?.severity).toBe('error');
  });
  it('rounding: one unit against an unprinted 表1 total', () => {
    const f = find(print(printed, { [key(cur6)]: value(cur6) + P, [key(cur1)]: undefined }), id);
    expect(f?.severity).toBe('info');
  });
});

rule('T7-eq-T4-T5', () => {
  const id = `T7-eq-T4-T5|u:${U1}|basic`;
  it('holds', () => none(exact, 'T7-eq-T4-T5'));
  it('fails when a 表7 line changes without 表4', () => {
    const line = exact.functionalLines.order.find((l) => exact.functionalLines.byId[l]!.unitId === U1 && exact.functionalLines.byId[l]!.fund === 'generalPublicBudget' && exact.functionalLines.byId[l]!.basicExpenditure !== null)!;
    const f = find(edit(exact, (d) => void (d.functionalLines.byId[line]!.basicExpenditure = (d.functionalLines.byId[line]!.basicExpenditure! - 500) as Fen)), id);
    expect(f?.severity).toBe('error');
    expect(f?.differenceFen).toBe(-500);
  });
  it('rounding: 表7 基本支出 one unit off against an unprinted 表4 一般公共预算拨款 (3 printed figures)', () => {
    const u = unit(U1);
    const f = find(print(printed, { [key(u.t7.basic)]: value(u.t7.basic) + P, [key(u.t4.generalPublicBudget)]: undefined }), id);
    expect(f?.severity).toBe('info');
  });
});

rule('T8-eq-T2', () => {
  const id = `T8-eq-T2|u:${U1}`;
  it('holds (u0001 has 政府性基金 spending)', () => {
    expect(value(unit(U1).t8.total)).toBeGreaterThan(0);
    none(exact, 'T8-eq-T2');
  });
  it('fails when 表2 政府性基金预算拨款 is not what 表8 spends', () => {
    const f = find(edit(exact, (d) => void (d.incomes[U1]!.governmentFund = (d.incomes[U1]!.governmentFund! + 900) as Fen)), id);
    expect(f?.severity).toBe('error');
  });
  it('rounding: printed income one unit off, 表8 支出总计 unprinted (基本 + 项目)', () => {
    const doc = print(
      edit(printed, (d) => void (d.incomes[U1]!.governmentFund = (d.incomes[U1]!.governmentFund! + P) as Fen)),
      { [key(unit(U1).t8.total)]: undefined },
    );
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('T9-eq-T2', () => {
  const id = `T9-eq-T2|u:${U1}`;
  it('holds (no 国有资本经营 income, no 表9 lines)', () => none(exact, 'T9-eq-T2'));
  it('fails when 国有资本经营 income has no 表9 spending', () => {
    const f = find(edit(exact, (d) => void (d.incomes[U1]!.stateCapitalBudget = 1_200 as Fen)), id);
    expect(f?.severity).toBe('error');
    expect(f?.differenceFen).toBe(-1_200);
  });
  it('rounding: one printed unit against an unprinted 表9 total', () => {
    const doc = print(
      edit(printed, (d) => void (d.incomes[U1]!.stateCapitalBudget = P as Fen)),
      { [key(unit(U1).t9.total)]: undefined },
    );
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('empty-table-note', () => {
  it('holds: empty 表9 and 表10 carry their notes', () => {
    expect(exact.notes.T9).toBeTruthy();
    none(exact, 'empty-table-note');
  });
  it('fails when an empty table has no note', () => {
    const f = find(edit(exact, (d) => void delete d.notes.T10), 'empty-table-note|T10');
    expect(f?.severity).toBe('error');
    expect(f?.message).toBe('表10“上级专项转移支付支出预算表”没有数据，应在表下注明原因（如“注：本部门无上级专项转移支付预算支出。”）。');
  });
  it('boundary: a table with an amount entered (even 0) is not empty and needs no note', () => {
    const doc = edit(exact, (d) => {
      delete d.notes.T9;
      d.functionalLines.byId['f-x'] = { id: 'f-x', unitId: U1, code: '2010308', fund: 'stateCapitalBudget', basicExpenditure: 0 as Fen, projectExpenditure: null };
      d.functionalLines.order.push('f-x');
    });
    expect(find(doc, 'empty-table-note|T9')).toBeUndefined();
  });
});

rule('functional-code', () => {
  const line = exact.functionalLines.order[0]!;
  const id = `functional-code|f:${line}`;
  it('holds', () => none(exact, 'functional-code'));
  it('fails for a code not in the year’s list, or a wrong printed name', () => {
    expect(find(edit(exact, (d) => void (d.functionalLines.byId[line]!.code = '2010398')), id)?.message).toContain('编码 2010398 不在2020年支出功能分类科目中');
    const f = find(edit(exact, (d) => void (d.functionalLines.byId[line]!.name = '不存在的科目')), id);
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('科目名称“不存在的科目”与编码');
  });
  it('accepts a printed name that is a known alias of the code (2010305 专项业务活动)', () => {
    const doc = edit(exact, (d) => {
      d.functionalLines.byId[line]!.code = '2010305';
      d.functionalLines.byId[line]!.name = '专项业务活动';
    });
    expect(find(doc, id)).toBeUndefined();
    expect(find(edit(doc, (d) => void (d.functionalLines.byId[line]!.name = '专项业务')), id)?.severity).toBe('error');
  });
});

rule('economic-code', () => {
  const line = exact.economicLines.order.find((l) => exact.economicLines.byId[l]!.code === '30112')!;
  const id = `economic-code|e:${line}`;
  it('holds', () => none(exact, 'economic-code'));
  it('warns for an unknown 款 code', () => {
    const f = find(edit(exact, (d) => void (d.economicLines.byId[line]!.code = '30198')), id);
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('编码 30198 不在2020年部门预算支出经济分类科目中');
  });
  it('accepts a printed alias (表4 prints 其他社会保险缴费 for 30112 其他社会保障缴费)', () => {
    expect(find(edit(exact, (d) => void (d.economicLines.byId[line]!.name = '其他社会保险缴费')), id)).toBeUndefined();
    expect(find(edit(exact, (d) => void (d.economicLines.byId[line]!.name = '奖金')), id)?.severity).toBe('warning');
  });
});

rule('custom-code', () => {
  const fLine = exact.functionalLines.order[0]!;
  const item = exact.procurementItems.order.find((i) => exact.procurementItems.byId[i]!.code === 'C1000')!;
  it('holds', () => none(exact, 'custom-code'));
  it('a code the year’s list lacks, added with its own name, is a warning to confirm (not the error of an unknown code)', () => {
    const doc = edit(exact, (d) => {
      d.functionalLines.byId[fLine]!.code = '2010398';
      d.functionalLines.byId[fLine]!.name = '新设信访事项';
      d.procurementItems.byId[item]!.code = 'C9901';
      d.procurementItems.byId[item]!.name = '网格化服务';
    });
    const f = find(doc, `custom-code|f:${fLine}`);
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('自定义编码 2010398“新设信访事项”不在2020年支出功能分类科目中');
    expect(find(doc, `functional-code|f:${fLine}`)).toBeUndefined();
    expect(find(doc, `custom-code|pi:${item}`)?.message).toContain('自定义编码 C9901“网格化服务”不在2020年政府采购品目目录中');
  });
  it('a 表10 transfer line under a custom 项 is the same warning', () => {
    const doc = edit(exact, (d) => {
      d.transferLines.byId.tc = { id: 'tc', unitId: d.units.order[0]!, code: '2010398', name: '新设信访事项', projectName: '信访专项', amount: null };
      d.transferLines.order.push('tc');
    });
    const f = find(doc, 'custom-code|t:tc');
    expect(f?.severity).toBe('warning');
    expect(f?.cells[0]?.table).toBe('T10');
    expect(f?.message).toContain('自定义编码 2010398“新设信访事项”不在2020年支出功能分类科目中');
    expect(find(doc, 'functional-code|t:tc')).toBeUndefined();
  });
  it('a known code with a name is no custom code (the name is checked by the code rules)', () => {
    expect(find(edit(exact, (d) => void (d.functionalLines.byId[fLine]!.name = '不存在的科目')), `custom-code|f:${fLine}`)).toBeUndefined();
  });
});

rule('procurement-code', () => {
  const item = exact.procurementItems.order.find((i) => exact.procurementItems.byId[i]!.code === 'C1000')!;
  const id = `procurement-code|pi:${item}`;
  it('holds', () => none(exact, 'procurement-code'));
  it('warns for an unknown 品目', () => {
    expect(find(edit(exact, (d) => void (d.procurementItems.byId[item]!.code = 'C1099')), id)?.severity).toBe('warning');
  });
  it('accepts a known alias of the 品目 name', () => {
    expect(find(edit(exact, (d) => void (d.procurementItems.byId[item]!.name = '物业管理服务')), id)).toBeUndefined();
  });
});

rule('T3-procurement-order', () => {
  const id = `T3-procurement-order|u:${U1}|micro`;
  it('holds', () => none(exact, 'T3-procurement-order'));
  it('fails when 面向小型微型企业 exceeds 面向中小企业', () => {
    const doc = edit(exact, (d) => void (d.unitProcurement[U1]!.microReserved = (d.unitProcurement[U1]!.smeReserved! + 100) as Fen));
    const f = find(doc, id);
    expect(f?.severity).toBe('error');
    expect(f?.differenceFen).toBe(100);
    expect(find(edit(exact, (d) => void (d.unitProcurement[U1]!.smeReserved = 10_000_000_000 as Fen)), `T3-procurement-order|u:${U1}|sme`)?.severity).toBe('error');
  });
  it('printed figures one unit apart are certainly in the wrong order; a printed figure against an unprinted total is 尾差', () => {
    const u = unit(U1);
    // Two printed figures: 81 > 80 means the exact amounts are in the wrong order too.
    const doc = edit(printed, (d) => void (d.unitProcurement[U1]!.microReserved = (d.unitProcurement[U1]!.smeReserved! + P) as Fen));
    expect(find(doc, id)?.severity).toBe('error');
    // 本年政府采购 unprinted (Σ of the 表11 items): 中小企业 one unit above it may still be within it.
    const proc = value(u.t3.procurement);
    const doc2 = print(
      edit(printed, (d) => void (d.unitProcurement[U1]!.smeReserved = (proc + P) as Fen)),
      { [key(u.t3.procurement)]: undefined, [key(u.t11)]: undefined, ...Object.fromEntries([...cells.procurementGroups].filter(([k]) => k.startsWith(`${U1}:`)).map(([, n]) => [key(n), undefined])) },
    );
    expect(find(doc2, `T3-procurement-order|u:${U1}|sme`)?.severity).toBe('info');
  });
});

rule('T3-sme-share', () => {
  const id = `T3-sme-share|u:${U1}`;
  const setShares = (doc: DepartmentBudget, procurementYuan: number, smeYuan: number) =>
    edit(doc, (d) => {
      // one item carries the whole 本年政府采购
      const items = d.procurementItems.order.filter((i) => d.procurementItems.byId[i]!.unitId === U1);
      items.forEach((i, k) => (d.procurementItems.byId[i]!.amount = (k === 0 ? procurementYuan * 100 : 0) as Fen));
      d.unitProcurement[U1]!.smeReserved = (smeYuan * 100) as Fen;
      d.unitProcurement[U1]!.microReserved = (Math.ceil(smeYuan * 0.6) * 100) as Fen;
    });
  it('holds at exactly 30 %', () => expect(find(setShares(exact, 1000, 300), id)).toBeUndefined());
  it('warns below 30 %', () => {
    const f = find(setShares(exact, 1000, 299), id);
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('低于');
  });
  it('rounding: printed 300 against 30 % of printed 1,001 (300.3) is within ±0.65', () => {
    const doc = setShares(edit(exact, (d) => void (d.printedPrecisionFen = P)), 1001, 300);
    expect(find(doc, id)?.severity).toBe('info');
    expect(find(setShares(edit(exact, (d) => void (d.printedPrecisionFen = P)), 1001, 299), id)?.severity).toBe('warning');
  });
});

rule('T3-micro-share', () => {
  const id = `T3-micro-share|u:${U1}`;
  const set = (doc: DepartmentBudget, smeYuan: number, microYuan: number) =>
    edit(doc, (d) => {
      const items = d.procurementItems.order.filter((i) => d.procurementItems.byId[i]!.unitId === U1);
      items.forEach((i, k) => (d.procurementItems.byId[i]!.amount = (k === 0 ? 10_000 * 100 : 0) as Fen));
      d.unitProcurement[U1]!.smeReserved = (smeYuan * 100) as Fen;
      d.unitProcurement[U1]!.microReserved = (microYuan * 100) as Fen;
    });
  it('holds at 60 %', () => expect(find(set(exact, 5000, 3000), id)).toBeUndefined());
  it('warns below 60 %', () => expect(find(set(exact, 5000, 2999), id)?.severity).toBe('warning'));
  it('rounding: printed 600 against 60 % of printed 1,001 (600.6) is within ±0.8', () => {
    const asPrinted = edit(exact, (d) => void (d.printedPrecisionFen = P));
    expect(find(set(asPrinted, 1001, 600), id)?.severity).toBe('info');
  });
});

rule('T12-reception-eq-T4-T5', () => {
  const id = `T12-reception-eq-T4-T5|u:${U2}`;
  it('holds: 表12 公务接待费 = 表4 30217 + 表5 公务接待', () => {
    expect(exact.subItems.order.some((s) => exact.subItems.byId[s]!.name === '公务接待')).toBe(true);
    none(exact, 'T12-reception-eq-T4-T5');
  });
  it('warns when they differ', () => {
    const f = find(edit(exact, (d) => void (d.threePublicExpenses[U2]!.currentYear.officialReception = (d.threePublicExpenses[U2]!.currentYear.officialReception! + 100) as Fen)), id);
    expect(f?.severity).toBe('warning');
    expect(f?.cells.length).toBe(3);
  });
  it('rounding: 12 against 1 + 10 (two printed figures) is 尾差, as in the 2020 publication', () => {
    const doc = edit(printed, (d) => void (d.threePublicExpenses[U2]!.currentYear.officialReception = (d.threePublicExpenses[U2]!.currentYear.officialReception! + P) as Fen));
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('T12-vehicle-eq-T4-T5', () => {
  const id = `T12-vehicle-eq-T4-T5|u:${U2}`;
  it('holds', () => none(exact, 'T12-vehicle-eq-T4-T5'));
  it('warns when 表12 公务用车 differs from 表4 30231 + 表5 公务用车', () => {
    expect(find(edit(exact, (d) => void (d.threePublicExpenses[U2]!.currentYear.vehiclePurchase = 10_000 as Fen)), id)?.severity).toBe('warning');
  });
  it('rounding: one unit between two sums of two printed figures', () => {
    const doc = edit(printed, (d) => void (d.threePublicExpenses[U2]!.currentYear.vehicleOperation = (d.threePublicExpenses[U2]!.currentYear.vehicleOperation! + P) as Fen));
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('T13-project-listed', () => {
  const p = exact.projects.order[0]!;
  it('holds', () => none(exact, 'T13-project-listed'));
  it('warns for a 表5 project left out of 表13', () => {
    const f = find(edit(exact, (d) => void (d.projects.byId[p]!.performanceManaged = false)), `T13-project-listed|p:${p}`);
    expect(f?.severity).toBe('warning');
    expect(f?.message).toBe(`表5 市测试局本级的项目“${exact.projects.byId[p]!.name}”未列入表13 部门预算绩效管理项目情况表。`);
  });
  it('a listed project is never reported, whatever its amounts (no amount comparison here)', () => {
    none(edit(exact, (d) => void (d.subItems.byId[d.subItems.order[0]!]!.amounts.generalFunding = 1 as Fen)), 'T13-project-listed');
  });
});

rule('T14-indicators', () => {
  it('holds', () => none(exact, 'T14-indicators'));
  it('fails when 效益指标 has no 三级指标', () => {
    const doc = edit(exact, (d) => void (d.performance.indicators = d.performance.indicators.filter((i) => !i.level1.includes('效益'))));
    expect(find(doc, 'T14-indicators|效益')?.severity).toBe('error');
    expect(find(doc, 'T14-indicators|产出')).toBeUndefined();
  });
  it('an indicator with an empty 三级指标 name does not count', () => {
    const doc = edit(exact, (d) => {
      for (const i of d.performance.indicators) if (i.level1.includes('产出')) i.name = '  ';
    });
    expect(find(doc, 'T14-indicators|产出')?.severity).toBe('error');
  });
});

rule('T15-total-ge-current', () => {
  const p = exact.projects.order[0]!;
  const id = `T15-total-ge-current|p:${p}`;
  const current = value(cells.t15.get(p)!.currentYear);
  it('holds', () => none(exact, 'T15-total-ge-current'));
  it('fails when 项目总金额 is below 本年度项目金额 (or blank)', () => {
    expect(find(edit(exact, (d) => void (d.projects.byId[p]!.totalAmount = (current - 100) as Fen)), id)?.differenceFen).toBe(100);
    expect(find(edit(exact, (d) => void (d.projects.byId[p]!.totalAmount = null)), id)?.severity).toBe('error');
  });
  it('rounding: one unit below an unprinted 本年度 total of several printed figures', () => {
    const t5 = cells.project(p)!.total;
    const doc = print(
      edit(printed, (d) => void (d.projects.byId[p]!.totalAmount = (current - P) as Fen)),
      { [key(cells.t15.get(p)!.currentYear)]: undefined, [key(t5)]: undefined },
    );
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('T15-dates', () => {
  const p = exact.projects.order[1]!;
  const id = `T15-dates|p:${p}`;
  it('holds', () => none(exact, 'T15-dates'));
  it('fails when the dates are reversed or missing', () => {
    expect(find(edit(exact, (d) => void (d.projects.byId[p]!.startDate = '2021-01-01')), id)?.message).toContain('计划开始日期 2021-01-01 晚于计划完成日期 2020-12-31');
    expect(find(edit(exact, (d) => void (d.projects.byId[p]!.endDate = null)), id)?.message).toContain('计划完成日期未填写');
  });
  it('a project of one day (start = end) is in order', () => {
    expect(find(edit(exact, (d) => void (d.projects.byId[p]!.startDate = '2020-12-31')), id)).toBeUndefined();
  });
});

rule('T15-asset-le-T11', () => {
  const id = `T15-asset-le-T11|u:${U1}`;
  const goods = cells.procurementGroups.get(`${U1}:A`)!;
  const project = exact.projects.order.find((q) => exact.projects.byId[q]!.unitId === U1 && exact.projects.byId[q]!.assetPurchaseAmount !== null)!;
  const others = exact.projects.order.filter((q) => q !== project && exact.projects.byId[q]!.unitId === U1 && exact.projects.byId[q]!.assetPurchaseAmount !== null);
  it('holds', () => none(exact, 'T15-asset-le-T11'));
  it('fails when the asset plan exceeds 表11 货物类', () => {
    const f = find(edit(exact, (d) => void (d.projects.byId[project]!.assetPurchaseAmount = (value(goods) + 1_000) as Fen)), id);
    expect(f?.severity).toBe('error');
    expect(f?.differenceFen).toBe(1_000);
  });
  it('rounding: one unit above, with several printed figures on the asset side', () => {
    expect(others).toEqual([]);
    const doc = edit(printed, (d) => void (d.projects.byId[project]!.assetPurchaseAmount = (value(goods) + P) as Fen));
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('econ-functional-pair', () => {
  const id = `econ-functional-pair|u:${U1}|30108`;
  const line = exact.economicLines.order.find((l) => exact.economicLines.byId[l]!.unitId === U1 && exact.economicLines.byId[l]!.code === '30108')!;
  const fline = exact.functionalLines.order.find((l) => exact.functionalLines.byId[l]!.unitId === U1 && exact.functionalLines.byId[l]!.code === '2080505')!;
  it('holds: 30108 = 2080505, 30109 = 2080506, 30110 = 2101101, 30113 = 2210201', () => none(exact, 'econ-functional-pair'));
  it('warns when 基本养老保险缴费 and its 功能分类 differ', () => {
    const f = find(edit(exact, (d) => void (d.economicLines.byId[line]!.amounts.generalFunding = (d.economicLines.byId[line]!.amounts.generalFunding! + 800) as Fen)), id);
    expect(f?.severity).toBe('warning');
    expect(f?.differenceFen).toBe(800);
  });
  it('rounding: one unit against an unprinted 表4 line total of several printed columns', () => {
    const total = cells.economicLine(line)!.total;
    const doc = print(
      edit(printed, (d) => void (d.functionalLines.byId[fline]!.basicExpenditure = (d.functionalLines.byId[fline]!.basicExpenditure! + P) as Fen)),
      { [key(total)]: undefined },
    );
    expect(find(doc, id)?.severity).toBe('info');
  });
});

rule('year-change', () => {
  const k = `T3|u:${U1}|total`;
  const total = value(unit(U1).t3.total);
  const id = `year-change|${k}`;
  it('holds within 10 % (and for 表12 years printed equal)', () => {
    expect(exact.previousYear[k]).toBeDefined();
    none(exact, 'year-change');
  });
  it('warns for a change of 10 % or more, naming the direction and share', () => {
    const f = find(edit(exact, (d) => void (d.previousYear[k] = Math.round(total / 1.25) as Fen)), id);
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('增加');
    expect(f?.message).toContain('请说明原因');
    const t12 = find(edit(exact, (d) => void (d.threePublicExpenses[U2]!.previousYear.officialReception = 1 as Fen)), `year-change|T12|u:${U2}`);
    expect(t12?.severity).toBe('warning');
  });
  it('waits until the row has this year\'s amount: a rolled-forward budget opens without 「减少100%」', () => {
    // Last year's amounts kept, this year's not typed yet (as 从上年导入 leaves a document).
    const rolled = edit(exact, (d) => {
      d.threePublicExpenses[U2]!.previousYear.officialReception = 500_000 as Fen;
      d.threePublicExpenses[U2]!.currentYear = { officialTravelAbroad: null, officialReception: null, vehiclePurchase: null, vehicleOperation: null };
    });
    expect(find(rolled, `year-change|T12|u:${U2}`)).toBeUndefined();
    const blank = edit(exact, (d) => {
      for (const key of Object.keys(d.incomes[U1] ?? {})) (d.incomes[U1] as Record<string, unknown>)[key] = null;
      for (const l of Object.values(d.economicLines.byId)) if (l.unitId === U1) l.amounts = {};
      for (const s of Object.values(d.subItems.byId)) if (d.projects.byId[s.projectId]?.unitId === U1) s.amounts = {};
    });
    expect(find(blank, id)).toBeUndefined();
    // Once typed, a real change is reported again.
    const typed = edit(rolled, (d) => void (d.threePublicExpenses[U2]!.currentYear.officialReception = 1 as Fen));
    expect(find(typed, `year-change|T12|u:${U2}`)?.message).toContain('减少');
  });
  it('rounding: printed 10 → 11 is a 10 % change only by rounding (10.4 → 10.5 is 1 %)', () => {
    // 表12 of one unit printed with 总额 上年 10 and 本年 11 (公务接待费 only): two printed figures.
    const setYears = (prev: number, cur: number) =>
      edit(printed, (d) => {
        const row = (v: number) => ({ officialTravelAbroad: null, officialReception: (v * P) as Fen, vehiclePurchase: null, vehicleOperation: null });
        d.threePublicExpenses[U1] = { previousYear: row(prev), currentYear: row(cur) };
        for (const [y, v] of [['prev', prev], ['cur', cur]] as const) {
          d.reported[`T12|u:${U1}:${y}|total`] = (v * P) as Fen;
          d.reported[`T12|u:${U1}:${y}|vehicleSubtotal`] = 0 as Fen;
        }
      });
    const id12 = `year-change|T12|u:${U1}`;
    expect(find(setYears(10, 11), id12)?.severity).toBe('info');
    expect(find(setYears(10, 12), id12)?.severity).toBe('warning');
    expect(find(setYears(10, 10), id12)).toBeUndefined();
  });
});
