import { readFileSync } from 'node:fs';
import { enablePatches, produceWithPatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import type { Fen } from '../../shared/money/fen';
import { runAudit } from '../../shared/rules/audit';
import { auditWorkerResponseSchema, type AuditWorkerResponse } from '../../shared/rules/workerProtocol';
import type { WorkerScopeLike } from '../../shared/protocol/workerServer';
import { installAuditWorker } from './auditWorker';

enablePatches();

const SAMPLE = new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url);
const parsed = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample');
if (!parsed.ok) throw new Error(parsed.error.message);
const doc = parsed.doc;

/** A stand-in for the worker's `self`: records what the worker posts. */
function fakeSelf() {
  const posted: AuditWorkerResponse[] = [];
  let listener: ((event: { data: unknown }) => void) | null = null;
  const scope: WorkerScopeLike = {
    postMessage: (m) => posted.push(auditWorkerResponseSchema.parse(m)),
    addEventListener: (_type, l) => (listener = l),
  };
  installAuditWorker(scope);
  return { posted, send: (data: unknown) => listener!({ data }) };
}

describe('audit worker', () => {
  it('opens a document: progress, then every finding', () => {
    const w = fakeSelf();
    w.send({ id: 'open-1', type: 'open', doc });
    expect(w.posted.filter((m) => m.type === 'progress').map((m) => m.type === 'progress' && m.stage)).toEqual(['graph', 'evaluate', 'relations', 'rules']);
    const last = w.posted[w.posted.length - 1]!;
    expect(last.type).toBe('findings');
    if (last.type !== 'findings') return;
    expect(last.delta.full).toBe(true);
    expect(last.delta.added.map((f) => f.id)).toEqual(runAudit(doc).map((f) => f.id));
  });

  it('writes amounts in the unit the editor shows, and checks codes against the imported lists it is sent', () => {
    const w = fakeSelf();
    const procurement2020 = { kind: 'procurement', year: 2020, title: '2020年品目（导入）', entries: [{ code: 'A', name: '货物' }, { code: 'A03', name: '一般设备' }] };
    w.send({ id: 'o', type: 'open', doc, unit: 'yuan', codeLists: [procurement2020] });
    const last = w.posted[w.posted.length - 1]!;
    if (last.type !== 'findings') throw new Error(last.type);
    const messages = last.delta.added.map((f) => f.message);
    expect(messages.some((m) => m.includes('2,510,000 元'))).toBe(true);
    expect(messages.filter((m) => m.includes('万元'))).toEqual([]);
    // C1000 物业管理 (Shenzhen's 2020 printing) is not in the imported 2020 list.
    expect(messages.some((m) => m.includes('编号 C1000 不在2020年政府采购品目目录中'))).toBe(true);
    w.send({ id: 'o2', type: 'open', doc });
    const again = w.posted[w.posted.length - 1]!;
    if (again.type !== 'findings') throw new Error(again.type);
    expect(again.delta.added.some((f) => f.message.includes('C1000'))).toBe(false);
  });

  it('answers each edit with the changes only', () => {
    const w = fakeSelf();
    w.send({ id: 'o', type: 'open', doc });
    // Print 表14 待支付以前年度采购项目 as 252, as 表5 does: its two errors go away.
    const [next, patches] = produceWithPatches(doc, (d) => {
      d.reported['T14|p:p-daizhifu|total'] = 252_000_000 as Fen;
      d.reported['T14|p:p-daizhifu|fiscal'] = 252_000_000 as Fen;
    });
    w.send({ id: 'e1', type: 'patches', seq: 1, patches });
    const reply = w.posted[w.posted.length - 1]!;
    expect(reply).toMatchObject({ id: 'e1', type: 'findings', seq: 1 });
    if (reply.type !== 'findings') return;
    expect(reply.delta.full).toBe(false);
    expect(reply.delta.removed.sort()).toEqual(['T14-project-eq-T5|T14|p:p-daizhifu|fiscal', 'T14-project-eq-T5|T14|p:p-daizhifu|total']);
    // 表14 合计 3,380 against tasks that now add up to 3,379 is still 尾差, with a new message.
    expect(reply.delta.changed.map((f) => f.id).sort()).toEqual(['T14-total-sum|T14|total|fiscal', 'T14-total-sum|T14|total|total']);
    expect(new Set(runAudit(next).map((f) => f.id)).size).toBe(runAudit(doc).length - 2);
  });

  it('rejects malformed messages with a clear error instead of crashing', () => {
    const w = fakeSelf();
    w.send({ id: 'x', type: 'open', doc: { format: 'nope' } });
    w.send('hello');
    w.send({ id: 'p', type: 'patches', seq: 1, patches: [] });
    expect(w.posted.map((m) => m.type === 'failed' && m.code)).toEqual(['badRequest', 'badRequest', 'noDocument']);
    const first = w.posted[0]!;
    expect(first.type === 'failed' && first.id).toBe('x');
    expect(first.type === 'failed' && first.message).toMatch(/^无效的审核请求（doc/);
  });

  it('refuses edits out of order and patches that do not apply', () => {
    const w = fakeSelf();
    w.send({ id: 'o', type: 'open', doc });
    w.send({ id: 'late', type: 'patches', seq: 2, patches: [] });
    w.send({ id: 'bad', type: 'patches', seq: 1, patches: [{ op: 'replace', path: ['units', 'byId', 'nope', 'name', 'x'], value: 'y' }] });
    w.send({ id: 'after', type: 'patches', seq: 2, patches: [] });
    expect(w.posted.slice(-3).map((m) => m.type === 'failed' && m.code)).toEqual(['outOfOrder', 'badPatch', 'noDocument']);
  });
});

describe('audit worker, adopting the computed totals', () => {
  it('re-checks the whole document exactly: the delta leads to the findings of a full audit', async () => {
    const { adoptComputedTotals } = await import('../../shared/edit');
    const out = adoptComputedTotals(doc);
    if (!out.ok || !out.result) throw new Error('refused');
    const w = fakeSelf();
    w.send({ id: 'o', type: 'open', doc });
    const live = new Map<string, string>();
    for (const f of runAudit(doc)) live.set(f.id, f.message);
    w.send({ id: 'a', type: 'patches', seq: 1, patches: out.result.edit.patches });
    const reply = w.posted[w.posted.length - 1]!;
    expect(reply.type).toBe('findings');
    if (reply.type !== 'findings') return;
    for (const id of reply.delta.removed) live.delete(id);
    for (const f of [...reply.delta.added, ...reply.delta.changed]) live.set(f.id, f.message);
    const full = runAudit(out.result.doc);
    expect([...live.keys()].sort()).toEqual(full.map((f) => f.id).sort());
    for (const f of full) expect(live.get(f.id)).toBe(f.message);
  });
});

describe('audit worker, amount edits applied in place', () => {
  it('gives the same findings as a full audit of the edited document, across value and structural edits', () => {
    const w = fakeSelf();
    w.send({ id: 'o', type: 'open', doc });
    let current = doc;
    const steps: ((d: typeof doc) => void)[] = [
      (d) => void (d.economicLines.byId['e-30101']!.amounts.generalFunding = 1_020_000_000 as Fen),
      (d) => void (d.incomes['u-bj']!.specialFunding = 5_000_000 as Fen),
      (d) => void (d.subItems.order.length > 0 && (d.subItems.byId[d.subItems.order[0]!]!.amounts.generalFunding = null)),
      // structural: remove a sub-item (goes through immer, then value edits continue in place)
      (d) => {
        const id = d.subItems.order[1]!;
        d.subItems.order.splice(1, 1);
        delete d.subItems.byId[id];
      },
      (d) => void (d.economicLines.byId['e-30201']!.amounts.generalFunding = 0 as Fen),
      (d) => void delete d.incomes['u-bj']!.specialFunding,
    ];
    const live = new Map<string, string>();
    for (const f of runAudit(doc)) live.set(f.id, f.message);
    steps.forEach((step, i) => {
      const [next, patches] = produceWithPatches(current, step);
      current = next;
      w.send({ id: `e${i}`, type: 'patches', seq: i + 1, patches });
      const reply = w.posted[w.posted.length - 1]!;
      expect(reply.type).toBe('findings');
      if (reply.type !== 'findings') return;
      for (const id of reply.delta.removed) live.delete(id);
      for (const f of [...reply.delta.added, ...reply.delta.changed]) live.set(f.id, f.message);
      const full = runAudit(current);
      expect([...live.keys()].sort()).toEqual(full.map((f) => f.id).sort());
      for (const f of full) expect(live.get(f.id)).toBe(f.message);
    });
    // the caller's document was never touched by the worker's in-place updates
    expect(doc.economicLines.byId['e-30101']!.amounts.generalFunding).toBe(1_011_000_000);
  });
});

describe('applyInputPatchesInPlace', () => {
  it('takes value edits of inputs and leaves everything else to immer', async () => {
    const { createAuditSession } = await import('../../shared/rules/engine');
    const { applyInputPatchesInPlace } = await import('./auditWorker');
    const own = structuredClone(doc);
    const session = createAuditSession(own);
    const path = ['economicLines', 'byId', 'e-30101', 'amounts', 'generalFunding'];
    expect(applyInputPatchesInPlace(session, [{ op: 'replace', path, value: 7 }])).toBe(true);
    expect(own.economicLines.byId['e-30101']!.amounts.generalFunding).toBe(7);
    // a name, a non-integer, a structural change, or a path that is not an input: refused, nothing written
    expect(applyInputPatchesInPlace(session, [{ op: 'replace', path: ['units', 'byId', 'u-bj', 'name'], value: 'x' }])).toBe(false);
    expect(applyInputPatchesInPlace(session, [{ op: 'replace', path, value: 1.5 }, { op: 'replace', path, value: 9 }])).toBe(false);
    expect(applyInputPatchesInPlace(session, [{ op: 'replace', path, value: 9 }, { op: 'remove', path: ['subItems', 'order', 0] }])).toBe(false);
    expect(own.economicLines.byId['e-30101']!.amounts.generalFunding).toBe(7);
    expect(own.units.byId['u-bj']!.name).toBe('市信访局本级');
  });
});
