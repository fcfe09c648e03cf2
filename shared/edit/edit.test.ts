import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { evaluate } from '../compute/evaluate';
import { graphOf } from '../compute/inputCells';
import { parseBudgetFile, checkReferences } from '../io/budgetFile';
import { cellKey } from '../model/cellKey';
import { departmentBudgetSchema, type DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import { projectTable } from '../tables/project';
import { nameLookupForYear } from '../tables/names';
import { getCatalogue } from '../catalogue';
import {
  acceptWarning,
  addEconomicLine,
  addFunctionalLine,
  addIndicator,
  addProcurementItem,
  addTransferLine,
  addProject,
  addSubItem,
  addUnit,
  amountsHeldBy,
  createEmptyBudget,
  emptyHistory,
  moveRow,
  record,
  redo,
  removeRow,
  rowExists,
  rowTitle,
  replaceDocument,
  setCells,
  setProjectFields,
  undo,
  type EditOutcome,
} from './index';

const f = (n: number) => n as Fen;

function applied(out: EditOutcome): { doc: DepartmentBudget; edit: NonNullable<Extract<EditOutcome, { ok: true }>['result']>['edit'] } {
  if (!out.ok) throw new Error(`refused: ${out.message}`);
  if (!out.result) throw new Error('no-op');
  return out.result;
}

function valueOf(doc: DepartmentBudget, key: string): number {
  const { graph } = graphOf(doc);
  const ev = evaluate(graph, doc);
  return ev.computed[graph.idOf(key)!]!;
}

const sample = (): DepartmentBudget => {
  const text = readFileSync(fileURLToPath(new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url)), 'utf8');
  const r = parseBudgetFile(text, 'sample');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
};

describe('setCells', () => {
  it('sets inputs and the totals follow; undo restores the exact document', () => {
    const doc = smallBudget();
    const { graph } = graphOf(doc);
    const key = cellKey('T4', 'e:a1', 'generalFunding');
    const before = valueOf(doc, cellKey('T4', 'u:a', 'total'));
    const { doc: next, edit } = applied(setCells(doc, graph, [{ key, value: f(50_000) }], { label: '输入' }));
    expect(next.economicLines.byId.a1!.amounts.generalFunding).toBe(50_000);
    expect(valueOf(next, cellKey('T4', 'u:a', 'total'))).toBe(before - 40_000 + 50_000);
    expect(edit.effect).toEqual({ kind: 'values', keys: [key] });
    const h = record(emptyHistory(), edit);
    const back = undo(h, next)!;
    expect(back.doc).toEqual(doc);
    expect(redo(back.history, back.doc)!.doc).toEqual(next);
  });

  it('refuses computed cells and leaves the document alone', () => {
    const doc = smallBudget();
    const { graph } = graphOf(doc);
    const out = setCells(doc, graph, [{ key: cellKey('T4', 'e:a1', 'generalFunding'), value: f(1) }, { key: cellKey('T4', 'u:a', 'total'), value: f(2) }], { label: '粘贴' });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toContain('表4');
    expect(doc.economicLines.byId.a1!.amounts.generalFunding).toBe(40_000);
  });

  it('skips computed cells when asked (paste over a block with totals)', () => {
    const doc = smallBudget();
    const { graph } = graphOf(doc);
    const { doc: next, edit } = applied(
      setCells(doc, graph, [{ key: cellKey('T4', 'e:a1', 'generalFunding'), value: f(7) }, { key: cellKey('T4', 'u:a', 'total'), value: f(2) }], { label: '粘贴', skipComputed: true }),
    );
    expect(next.economicLines.byId.a1!.amounts.generalFunding).toBe(7);
    expect(edit.effect).toEqual({ kind: 'values', keys: [cellKey('T4', 'e:a1', 'generalFunding')] });
  });

  it('refuses non-integer 分 and unknown cells', () => {
    const doc = smallBudget();
    const { graph } = graphOf(doc);
    expect(setCells(doc, graph, [{ key: cellKey('T4', 'e:a1', 'generalFunding'), value: 1.5 as Fen }], { label: '输入' }).ok).toBe(false);
    expect(setCells(doc, graph, [{ key: cellKey('T4', 'e:zz', 'generalFunding'), value: f(1) }], { label: '输入' }).ok).toBe(false);
  });

  it('clearing removes the key from amount records but keeps explicit nulls elsewhere', () => {
    const doc = smallBudget();
    const { graph } = graphOf(doc);
    const { doc: next } = applied(
      setCells(doc, graph, [{ key: cellKey('T4', 'e:a1', 'generalFunding'), value: null }, { key: cellKey('T7', 'f:fa1', 'basic'), value: null }], { label: '清除' }),
    );
    expect('generalFunding' in next.economicLines.byId.a1!.amounts).toBe(false);
    expect(next.functionalLines.byId.fa1!.basicExpenditure).toBeNull();
    expect(departmentBudgetSchema.safeParse(next).success).toBe(true);
  });

  it('setting the same value is a no-op, not an undo step', () => {
    const doc = smallBudget();
    const { graph } = graphOf(doc);
    const out = setCells(doc, graph, [{ key: cellKey('T4', 'e:a1', 'generalFunding'), value: f(40_000) }], { label: '输入' });
    expect(out).toEqual({ ok: true, result: null });
  });

  it('creates a missing income record of a unit when a value is typed', () => {
    const doc = createEmptyBudget({ name: '测试局', fiscalYear: 2021 });
    const withoutIncome = { ...doc, incomes: {} };
    const { graph } = graphOf(withoutIncome);
    const { doc: next } = applied(setCells(withoutIncome, graph, [{ key: cellKey('T2', 'u:u-1', 'generalFunding'), value: f(100) }], { label: '输入' }));
    expect(next.incomes['u-1']).toEqual({ generalFunding: 100 });
  });
});

describe('structural commands', () => {
  it('adds a unit with all its per-unit records, visible in 表2 and 表3', () => {
    const doc = smallBudget();
    const out = addUnit(doc, { name: '市测试所' });
    const { doc: next } = applied(out);
    const id = (out as { id: string }).id;
    expect(next.units.order).toEqual(['a', 'b', id]);
    expect(next.unitProcurement[id]).toBeDefined();
    expect(next.threePublicExpenses[id]!.currentYear.officialReception).toBeNull();
    expect(checkReferences(next)).toBeNull();
    const t3 = projectTable(next, getCatalogue(next.catalogueId), 'T3', nameLookupForYear(2021));
    expect(t3.rows.map((r) => r.cells.unit?.text)).toContain('市测试所');
    expect(addUnit(next, { name: '市测试所' }).ok).toBe(false);
  });

  it('removing a unit removes everything under it and its printed values; undo restores all', () => {
    const doc = { ...sampleWithSecondUnit() };
    const u = doc.units.order[1]!;
    expect(amountsHeldBy(doc, { kind: 'unit', id: u })).toBeGreaterThan(0);
    const { doc: next, edit } = applied(removeRow(doc, { kind: 'unit', id: u }));
    expect(next.units.order).not.toContain(u);
    expect(Object.values(next.projects.byId).some((p) => p.unitId === u)).toBe(false);
    expect(Object.keys(next.reported).some((k) => k.includes(`u:${u}`))).toBe(false);
    expect(checkReferences(next)).toBeNull();
    expect(undo(record(emptyHistory(), edit), next)!.doc).toEqual(doc);
  });

  it('a deleted row is named in words, never by its internal id, and is no longer a row that exists', () => {
    const doc = sampleWithSecondUnit();
    const project = doc.projects.order[0]!;
    const { doc: next } = applied(removeRow(doc, { kind: 'project', id: project }));
    expect(rowExists(doc, { kind: 'project', id: project })).toBe(true);
    expect(rowExists(next, { kind: 'project', id: project })).toBe(false);
    expect(rowTitle(next, { kind: 'project', id: project })).toBe('（已删除的行）');
    expect(rowExists(next, { kind: 'project', id: 'toString' })).toBe(false);
  });

  it('refuses to remove the last unit', () => {
    const doc = createEmptyBudget({ name: '测试局', fiscalYear: 2020 });
    expect(removeRow(doc, { kind: 'unit', id: 'u-1' }).ok).toBe(false);
  });

  it('adds projects and sub-items in the unit’s block, and the sub-item amounts sum into 表5', () => {
    const doc = smallBudget();
    const p = addProject(doc, { unitId: 'a', name: '新项目' });
    const d1 = applied(p).doc;
    expect(d1.projects.order).toEqual(['p1', 'p2', p.id, 'p3']);
    const s = addSubItem(d1, { projectId: p.id!, name: '子项一' });
    const d2 = applied(s).doc;
    const { graph } = graphOf(d2);
    const d3 = applied(setCells(d2, graph, [{ key: cellKey('T5', `s:${s.id}`, 'generalFunding'), value: f(12_300) }], { label: '输入' })).doc;
    expect(valueOf(d3, cellKey('T5', `p:${p.id}`, 'total'))).toBe(12_300);
    expect(valueOf(d3, cellKey('T15', `p:${p.id}`, 'currentYear'))).toBe(12_300);
  });

  it('adds coded lines only with valid codes from the year’s lists, sorted by code', () => {
    const doc = smallBudget();
    expect(addEconomicLine(doc, { unitId: 'a', code: '3010' }).ok).toBe(false);
    expect(addEconomicLine(doc, { unitId: 'a', code: '39998' }).ok).toBe(false);
    expect(addEconomicLine(doc, { unitId: 'a', code: '30101' }).ok).toBe(false); // duplicate in the unit
    const out = addEconomicLine(doc, { unitId: 'a', code: '30103' });
    const next = applied(out).doc;
    expect(next.economicLines.order).toEqual(['a1', 'a2', out.id, 'a3', 'b1']);
    const fl = addFunctionalLine(doc, { unitId: 'a', code: '2010308', fund: 'generalPublicBudget' });
    expect(applied(fl).doc.functionalLines.byId[fl.id!]!.code).toBe('2010308');
    expect(addFunctionalLine(doc, { unitId: 'a', code: '201', fund: 'generalPublicBudget' }).ok).toBe(false);
    const pi = addProcurementItem(doc, { unitId: 'a', code: 'a03' });
    expect(pi.ok).toBe(false); // duplicate A03 in unit a
    const pi2 = addProcurementItem(doc, { unitId: 'b', code: 'A03' });
    expect(applied(pi2).doc.procurementItems.order).toEqual(['i1', 'i2', pi2.id, 'i3']);
  });

  it('adds a custom code (one the year’s list lacks) only with the clerk’s name, kept on the line', () => {
    const doc = smallBudget();
    const refused = addEconomicLine(doc, { unitId: 'a', code: '39998' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('请作为自定义编码添加并填写名称');
    const e = addEconomicLine(doc, { unitId: 'a', code: '39998', name: ' 新设支出 ' });
    expect(applied(e).doc.economicLines.byId[e.id!]).toMatchObject({ code: '39998', name: '新设支出' });
    const fl = addFunctionalLine(doc, { unitId: 'a', code: '2010398', fund: 'generalPublicBudget', name: '新设信访事项' });
    expect(applied(fl).doc.functionalLines.byId[fl.id!]).toMatchObject({ code: '2010398', name: '新设信访事项' });
    const pi = addProcurementItem(doc, { unitId: 'a', code: 'C9901', name: '网格化服务' });
    expect(applied(pi).doc.procurementItems.byId[pi.id!]).toMatchObject({ code: 'C9901', name: '网格化服务' });
    // 表10 too: a transfer payment under a 项 the list lacks.
    const noName = addTransferLine(doc, { unitId: 'a', code: '2010398', projectName: '信访专项' });
    expect(noName.ok || noName.message).toContain('请作为自定义编码添加并填写名称');
    const tl = addTransferLine(doc, { unitId: 'a', code: '2010398', projectName: '信访专项', name: '新设信访事项' });
    expect(applied(tl).doc.transferLines.byId[tl.id!]).toMatchObject({ code: '2010398', name: '新设信访事项', projectName: '信访专项' });
    // The shape still has to be right, and a listed code takes no custom name.
    expect(addEconomicLine(doc, { unitId: 'a', code: '3999', name: 'x' }).ok).toBe(false);
    const listed = addEconomicLine(doc, { unitId: 'a', code: '30103', name: '别名' });
    expect(applied(listed).doc.economicLines.byId[listed.id!]!.name).toBeUndefined();
  });

  it('moves rows among their peers only', () => {
    const doc = smallBudget();
    const down = applied(moveRow(doc, { kind: 'economicLine', id: 'a1' }, 1)).doc;
    expect(down.economicLines.order).toEqual(['a2', 'a1', 'a3', 'b1']);
    // a2 is the last 301 line of unit a: it cannot move down into 302
    expect(moveRow(down, { kind: 'economicLine', id: 'a1' }, 1)).toEqual({ ok: true, result: null });
    const proj = applied(moveRow(doc, { kind: 'project', id: 'p2' }, -1)).doc;
    expect(proj.projects.order).toEqual(['p2', 'p1', 'p3']);
    expect(moveRow(doc, { kind: 'project', id: 'p3' }, -1)).toEqual({ ok: true, result: null });
    const units = applied(moveRow(doc, { kind: 'unit', id: 'b' }, -1)).doc;
    expect(units.units.order).toEqual(['b', 'a']);
  });
});

describe('label commands', () => {
  it('edits project fields with validation', () => {
    const doc = smallBudget();
    expect(setProjectFields(doc, 'p1', { startDate: '2021-13-45' }).ok).toBe(false);
    const next = applied(setProjectFields(doc, 'p1', { type: 'special', fundUses: ['equipment', 'business'], table15Name: '信息化运维项目', texts: { overview: '概况' } })).doc;
    expect(next.projects.byId.p1!.type).toBe('special');
    expect(next.projects.byId.p1!.fundUses).toEqual(['business', 'equipment']);
    expect(next.projects.byId.p1!.tableNames.table15).toBe('信息化运维项目');
    expect(next.projects.byId.p1!.texts.overview).toBe('概况');
  });

  it('accepting a warning needs a reason', () => {
    const doc = smallBudget();
    expect(acceptWarning(doc, 'W1', '  ', '2021-01-01T00:00:00Z').ok).toBe(false);
    const next = applied(acceptWarning(doc, 'W1', '上年有一次性支出', '2021-01-01T00:00:00Z')).doc;
    expect(next.acceptedWarnings.W1).toEqual({ reason: '上年有一次性支出', acceptedAt: '2021-01-01T00:00:00Z' });
  });

  it('adds indicators after a given row, copying the levels above', () => {
    const doc = smallBudget();
    const a = addIndicator(doc, 'overall', { level1: '产出指标', level2: '数量指标', name: '办件量', value: '≥100' });
    const d1 = applied(a).doc;
    const b = addIndicator(d1, 'overall');
    const d2 = applied(b).doc;
    expect(d2.performance.indicators.map((i) => [i.level1, i.level2])).toEqual([
      ['产出指标', '数量指标'],
      ['产出指标', '数量指标'],
    ]);
    expect(a.id).not.toBe(b.id);
  });
});

describe('replaceDocument', () => {
  it('is one undo step', () => {
    const doc = smallBudget();
    const other = createEmptyBudget({ name: '别的局', fiscalYear: 2021 });
    const { doc: next, edit } = applied(replaceDocument(doc, other, '导入Excel'));
    expect(next).toEqual(other);
    expect(edit.effect.kind).toBe('document');
    expect(undo(record(emptyHistory(), edit), next)!.doc).toEqual(doc);
  });
});

function sampleWithSecondUnit(): DepartmentBudget {
  let doc = sample();
  const u = addUnit(doc, { name: '市信访服务中心' });
  doc = applied(u).doc;
  const p = addProject(doc, { unitId: u.id!, name: '中心运行' });
  doc = applied(p).doc;
  const s = addSubItem(doc, { projectId: p.id!, name: '物业' });
  doc = applied(s).doc;
  const { graph } = graphOf(doc);
  doc = applied(setCells(doc, graph, [{ key: cellKey('T5', `s:${s.id}`, 'generalFunding'), value: f(5_000_000) }], { label: '输入' })).doc;
  return { ...doc, reported: { ...doc.reported, [cellKey('T2', `u:${u.id}`, 'incomeTotal')]: f(5_000_000) } };
}
