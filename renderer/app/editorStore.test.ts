import { describe, expect, it } from 'vitest';
import type { Patch } from 'immer';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { addUnit, setCells, acceptWarning, removeRow } from '../../shared/edit';
import { cellKey } from '../../shared/model/cellKey';
import type { DepartmentBudget } from '../../shared/model/document';
import type { Fen } from '../../shared/money/fen';
import type { Finding } from '../../shared/rules/finding';
import { Emitter } from '../../shared/events/emitter';
import { type AuditClient, type AuditEvent, type FindingsDelta } from '../audit/auditClient';
import { EditorStore } from './editorStore';
import { loadSample } from '../../tests/xlsx/helpers';
import { runAudit } from '../../shared/rules/audit';
import { buildGraph } from '../../shared/compute/buildGraph';
import { evaluate, shownValueOf } from '../../shared/compute/evaluate';

/** Records what the store sends to the audit worker and lets the test answer. */
class RecordingAuditClient implements AuditClient {
  loads: DepartmentBudget[] = [];
  updates: { patches: readonly Patch[]; doc: DepartmentBudget }[] = [];
  private listeners = new Emitter<AuditEvent>();
  load(doc: DepartmentBudget): void {
    this.loads.push(doc);
  }
  previews: (readonly Patch[] | null)[] = [];
  /** What the next update answers at once (a previewed delta), if anything. */
  known: FindingsDelta | null = null;
  update(patches: readonly Patch[], doc: DepartmentBudget): FindingsDelta | null {
    this.updates.push({ patches, doc });
    const known = this.known;
    this.known = null;
    return known;
  }
  preview(patches: readonly Patch[] | null): void {
    this.previews.push(patches);
  }
  subscribe(l: (e: AuditEvent) => void): () => void {
    return this.listeners.event(l);
  }
  emit(e: AuditEvent): void {
    this.listeners.fire(e);
  }
  dispose(): void {}
}

const finding = (id: string, severity: Finding['severity'], cells: [string, string, string][]): Finding => ({
  id,
  rule: 'T4-category-sum',
  severity,
  message: `测试${id}`,
  cells: cells.map(([table, row, column]) => ({ table, row, column, valueFen: 1 })),
  differenceFen: 1,
});

/** Views are notified in a microtask (after the grid's own event handling). */
const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function openStore() {
  const check = new RecordingAuditClient();
  const store = new EditorStore(check);
  store.open(smallBudget(), { name: 'small.budget' });
  return { store, check };
}

describe('EditorStore', () => {
  it('opens with a full check and a clean state', () => {
    const { store, check } = openStore();
    expect(check.loads).toHaveLength(1);
    expect(store.dirty).toBe(false);
    expect(store.progress).not.toBeNull();
    expect(store.cellValue(cellKey('T4', 'u:a', 'total'))).toBe(56_000);
  });

  it('a typed value updates the computed cells incrementally, reports exactly the changed cells and sends the patches', async () => {
    const { store, check } = openStore();
    const changed: string[][] = [];
    store.onValues((keys) => changed.push(keys));
    const key = cellKey('T4', 'e:a1', 'generalFunding');
    const before = store.doc;
    expect(store.setCells([{ key, value: 50_000 as Fen }], { label: '输入' })).toBe(true);
    expect(store.doc).not.toBe(before);
    expect(store.doc.economicLines.byId.a1!.amounts.generalFunding).toBe(50_000);
    await flush();
    expect(store.cellValue(cellKey('T4', 'u:a', 'total'))).toBe(66_000);
    expect(store.cellValue(cellKey('T3', 'dept', 'basic'))).toBe(66_000 + 22_000);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain(key);
    expect(changed[0]).toContain(cellKey('T3', 'u:a', 'total'));
    expect(changed[0]).not.toContain(cellKey('T5', 'u:a', 'total'));
    expect(check.updates).toHaveLength(1);
    expect(check.updates[0]!.patches).toEqual([{ op: 'replace', path: ['economicLines', 'byId', 'a1', 'amounts', 'generalFunding'], value: 50_000 }]);
    expect(store.dirty).toBe(true);
    // The working copy equals what the pure command produces.
    const pure = setCells(smallBudget(), store.built.graph, [{ key, value: 50_000 as Fen }], { label: '输入' });
    expect(pure.ok && pure.result?.doc).toEqual(store.doc);
    store.undo();
    expect(store.doc).toEqual(smallBudget());
    expect(store.cellValue(cellKey('T4', 'u:a', 'total'))).toBe(56_000);
    expect(check.updates[1]!.patches[0]!.value).toBe(40_000);
    expect(store.dirty).toBe(false);
    store.redo();
    expect(store.cellValue(cellKey('T4', 'u:a', 'total'))).toBe(66_000);
  });

  it('previews the value being typed with the very patches its commit sends, and shows a known delta with the new value', async () => {
    const { store, check } = openStore();
    const key = cellKey('T4', 'e:a1', 'generalFunding');
    store.previewCells([{ key, value: 50_000 as Fen }]);
    store.previewCells([{ key, value: 40_000 as Fen }]); // the current value: nothing to try out
    store.previewCells([{ key: cellKey('T4', 'u:a', 'total'), value: 1 as Fen }]); // a total: cannot be set
    store.previewCells(null);
    expect(check.previews[0]).toEqual([{ op: 'replace', path: ['economicLines', 'byId', 'a1', 'amounts', 'generalFunding'], value: 50_000 }]);
    expect(check.previews.slice(1)).toEqual([null, null, null]);
    expect(store.doc).toEqual(smallBudget()); // a preview changes nothing
    expect(check.updates).toHaveLength(0);

    const marks: Set<string>[] = [];
    store.onMarks((k) => marks.push(k));
    const values: string[][] = [];
    store.onValues((k) => values.push(k));
    check.known = { full: false, added: [finding('E9', 'error', [['T4', 'u:a', 'total']])], changed: [], removed: [] };
    store.setCells([{ key, value: 50_000 as Fen }], { label: '输入' });
    expect(check.updates[0]!.patches).toEqual(check.previews[0]);
    expect(store.findings.get('E9')).toBeUndefined(); // shown once the grid has the new values
    await flush();
    expect(values).toHaveLength(1);
    expect(store.findings.get('E9')?.message).toBe('测试E9');
    expect(marks[0]).toContain(cellKey('T4', 'u:a', 'total'));
  });

  it('with several units, 表1’s 结转下年 is entered per unit behind the total', async () => {
    const { store } = openStore();
    const total = cellKey('T1', 'out:carryOverOut', 'amount');
    expect(store.isInput(total)).toBe(false);
    const parts = store.breakdownOf(total)!;
    expect(parts.map((p) => p.unitName)).toEqual(['市测试局本级', '市测试中心']);
    expect(parts.map((p) => p.key)).toEqual([cellKey('T0', 'u:a', 'carryOverOut'), cellKey('T0', 'u:b', 'carryOverOut')]);
    expect(store.breakdownOf(cellKey('T1', 'out:expenditureTotal', 'amount'))).toBeNull(); // a total of other totals
    expect(store.breakdownOf(cellKey('T4', 'dept', 'total'))).toBeNull();
    const before = store.cellValue(cellKey('T1', 'out:expenditureTotal', 'amount'))!;
    const initial = store.cellValue(total);
    store.setCells(parts.map((p, i) => ({ key: p.key, value: ((i + 1) * 1_000) as Fen })), { label: '按单位填写结转下年' });
    await flush();
    expect(store.cellValue(total)).toBe(3_000);
    expect(store.cellValue(cellKey('T1', 'out:expenditureTotal', 'amount'))).toBe(before + 3_000);
    store.undo();
    expect(store.cellValue(total)).toBe(initial);
  });

  it('with one unit, 表1’s 结转下年 is the unit’s own input (no per-unit form)', () => {
    const check = new RecordingAuditClient();
    const store = new EditorStore(check);
    const out = removeRow(smallBudget(), { kind: 'unit', id: 'b' });
    if (!out.ok || !out.result) throw new Error('remove refused');
    store.open(out.result.doc, null);
    expect(store.breakdownOf(cellKey('T1', 'out:carryOverOut', 'amount'))).toBeNull();
    expect(store.isInput(cellKey('T1', 'out:carryOverOut', 'amount'))).toBe(true);
  });

  it('opening another document gives the open grid its rows', () => {
    const { store } = openStore();
    store.setView('T1');
    const before = store.table()!.rows.length;
    let rowsChanged = 0;
    store.onRows(() => rowsChanged++);
    store.open(loadSample(), null);
    expect(rowsChanged).toBe(1);
    expect(store.table()!.rows.length).not.toBe(before);
  });

  it('a refused command shows its message and changes nothing', () => {
    const { store, check } = openStore();
    const before = store.doc;
    expect(store.apply(setCells(store.doc, store.built.graph, [{ key: cellKey('T4', 'u:a', 'total'), value: 1 as Fen }], { label: '输入' }))).toBe(false);
    expect(store.doc).toBe(before);
    expect(store.message?.tone).toBe('error');
    expect(check.updates).toHaveLength(0);
    expect(store.canUndo).toBe(false);
  });

  it('a structural edit rebuilds the graph and re-projects the rows', async () => {
    const { store } = openStore();
    store.setView('T3');
    let rowsChanged = 0;
    store.onRows(() => rowsChanged++);
    const out = addUnit(store.doc, { name: '市测试所' });
    store.apply(out);
    await flush();
    expect(rowsChanged).toBe(1);
    expect(store.table()!.rows.map((r) => r.cells.unit?.text)).toContain('市测试所');
    expect(store.isInput(cellKey('T3', `u:${out.id}`, 'smeReserved'))).toBe(true);
  });

  it('findings from the worker mark cells, count per table and group for the panel', async () => {
    const { store, check } = openStore();
    const marks: Set<string>[] = [];
    store.onMarks((k) => marks.push(k));
    check.emit({ type: 'findings', delta: { full: true, added: [finding('E1', 'error', [['T4', 'ec:a:301', 'total'], ['T3', 'u:a', 'basic']]), finding('W1', 'warning', [['T4', 'e:a1', 'total']])], changed: [], removed: [] } });
    expect(store.progress).toBeNull();
    expect(store.findings.markAt(cellKey('T4', 'ec:a:301', 'total'), store.accepted)).toBe('error');
    expect(store.findings.countsByView(store.accepted).get('T3')).toEqual({ errors: 1, warnings: 0 });
    expect(store.findings.countsByView(store.accepted).get('T4')).toEqual({ errors: 1, warnings: 1 });
    expect(marks[0]).toContain(cellKey('T3', 'u:a', 'basic'));
    // Accepting the warning (an undoable edit) removes its mark and moves it to the accepted group.
    store.apply(acceptWarning(store.doc, 'W1', '一次性支出', '2021-01-01T00:00:00Z'));
    await flush();
    expect(store.findings.markAt(cellKey('T4', 'e:a1', 'total'), store.accepted)).toBeNull();
    expect(store.findings.groups(store.accepted, 10).find((g) => g.key === 'accepted')!.total).toBe(1);
    expect(marks[marks.length - 1]).toContain(cellKey('T4', 'e:a1', 'total'));
    store.undo();
    await flush();
    expect(store.findings.markAt(cellKey('T4', 'e:a1', 'total'), store.accepted)).toBe('warning');
    check.emit({ type: 'findings', delta: { full: false, added: [], changed: [], removed: ['E1'] } });
    expect(store.findings.markAt(cellKey('T4', 'ec:a:301', 'total'), store.accepted)).toBeNull();
    expect(store.findings.countsByView(store.accepted).get('T3')).toBeUndefined();
  });

  it('the panel lists the newest findings first and keeps large groups bounded', () => {
    const { store, check } = openStore();
    const many = Array.from({ length: 500 }, (_, i) => finding(`E${i}`, 'error', [['T4', `e:x${i}`, 'total']]));
    check.emit({ type: 'findings', delta: { full: true, added: many, changed: [], removed: [] } });
    check.emit({ type: 'findings', delta: { full: false, added: [finding('NEW', 'error', [['T3', 'u:a', 'total']])], changed: [], removed: [] } });
    const errors = store.findings.groups(store.accepted, 200).find((g) => g.key === 'error')!;
    expect(errors.total).toBe(501);
    expect(errors.items).toHaveLength(200);
    expect(errors.items[0]!.id).toBe('NEW');
    expect(errors.items[1]!.id).toBe('E499');
  });

  it('reveal switches to the table of the cell', () => {
    const { store } = openStore();
    store.reveal(cellKey('T15', 'p:p1', 'totalAmount'));
    expect(store.view).toBe('T15:p1');
    expect(store.pendingReveal).toEqual({ key: cellKey('T15', 'p:p1', 'totalAmount') });
    store.reveal(cellKey('T5', 's:s1', 'generalFunding'));
    expect(store.view).toBe('T5');
  });
});

describe('EditorStore with one unit', () => {
  it('edits 表1 结转下年 through the unit’s own input', async () => {
    const check = new RecordingAuditClient();
    const store = new EditorStore(check);
    const doc = smallBudget();
    store.open({ ...doc, units: { byId: { a: doc.units.byId.a! }, order: ['a'] }, economicLines: { byId: { a1: doc.economicLines.byId.a1! }, order: ['a1'] }, projects: { byId: {}, order: [] }, subItems: { byId: {}, order: [] }, functionalLines: { byId: { fa1: doc.functionalLines.byId.fa1! }, order: ['fa1'] }, procurementItems: { byId: {}, order: [] }, incomes: { a: doc.incomes.a! }, unitProcurement: { a: doc.unitProcurement.a! }, threePublicExpenses: { a: doc.threePublicExpenses.a! }, otherExpenditure: {} }, null);
    const key = cellKey('T1', 'out:carryOverOut', 'amount');
    expect(store.isInput(key)).toBe(true);
    expect(store.setCells([{ key, value: 12_300 as Fen }], { label: '输入' })).toBe(true);
    expect(store.doc.otherExpenditure.a?.carryOverOut).toBe(12_300);
    expect(store.cellValue(key)).toBe(12_300);
    expect(store.cellValue(cellKey('T1', 'out:expenditureTotal', 'amount'))).toBe(105_000 + 12_300);
  });
});

describe('EditorStore with a document read from a published workbook (the sample)', () => {
  const W = 1_000_000; // 分 per 万元
  const WAGES = cellKey('T4', 'e:e-30101', 'generalFunding');
  const open = () => {
    const store = new EditorStore(new RecordingAuditClient());
    store.open(loadSample(), null);
    return store;
  };
  /** Every cell a finding names shows in the grid the value its message quotes. */
  const expectFindingsAgreeWithGrid = (store: EditorStore) => {
    const findings = runAudit(store.doc);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) for (const c of f.cells) expect(store.cellValue(`${c.table}|${c.row}|${c.column}`), `${f.id}: ${c.table}|${c.row}|${c.column}`).toBe(c.valueFen);
  };
  /** The incrementally updated values equal a fresh evaluation of the document. */
  const expectSameAsFresh = (store: EditorStore) => {
    const { graph } = buildGraph(store.doc);
    const ev = evaluate(graph, store.doc);
    for (let i = 0; i < graph.size; i++) expect(store.cellValue(graph.keyOf(i)), graph.keyOf(i)).toBe(shownValueOf(ev, i));
  };

  it('shows the printed totals, as the workbook prints them and as the audit messages quote them', () => {
    const store = open();
    // The published 表4 prints 工资福利支出 1,681 (its 款 add up to 1,682) and 本年支出合计 3,380 (类 add up to 3,381).
    expect(store.cellValue(cellKey('T4', 'ec:u-bj:301', 'total'))).toBe(1_681 * W);
    expect(store.cellValue(cellKey('T1', 'out:currentYearExpenditure', 'amount'))).toBe(3_380 * W);
    // 表12 prints 公务用车购置及运行维护费 小计 blank: the grid shows it blank.
    expect(store.cellValue(cellKey('T12', 'u:u-bj:cur', 'vehicleSubtotal'))).toBeNull();
    expect(store.isPrintedTotal(cellKey('T4', 'ec:u-bj:301', 'total'))).toBe(true);
    expectFindingsAgreeWithGrid(store);
  });

  it('an edit turns the totals above it into computed ones, and only those; undo brings the printed ones back', async () => {
    const store = open();
    const changed: string[][] = [];
    store.onValues((keys) => changed.push(keys));
    expect(store.setCells([{ key: WAGES, value: (1_111 * W) as Fen }], { label: '输入' })).toBe(true);
    await flush();
    // 工资福利支出 = Σ its 款 as shown (1,682 + 100); 商品和服务支出 (not above the edit) stays printed 163.
    expect(store.cellValue(cellKey('T4', 'ec:u-bj:301', 'total'))).toBe(1_782 * W);
    expect(store.isPrintedTotal(cellKey('T4', 'ec:u-bj:301', 'total'))).toBe(false);
    expect(store.cellValue(cellKey('T4', 'ec:u-bj:302', 'total'))).toBe(163 * W);
    // The unit row adds the classes as shown: 1,782 + 163 + 121.
    expect(store.cellValue(cellKey('T4', 'u:u-bj', 'total'))).toBe(2_066 * W);
    expect(store.cellValue(cellKey('T1', 'out:currentYearExpenditure', 'amount'))).toBe(3_380 * W);
    expect(changed[0]).toContain(cellKey('T4', 'ec:u-bj:301', 'total'));
    expect(changed[0]).toContain(cellKey('T3', 'dept', 'total'));
    expectSameAsFresh(store);
    expectFindingsAgreeWithGrid(store);
    store.undo();
    await flush();
    expect(store.doc).toEqual(loadSample());
    expect(store.cellValue(cellKey('T4', 'ec:u-bj:301', 'total'))).toBe(1_681 * W);
    expectSameAsFresh(store);
    store.redo();
    expect(store.cellValue(cellKey('T4', 'u:u-bj', 'total'))).toBe(2_066 * W);
    expectSameAsFresh(store);
  });
});
