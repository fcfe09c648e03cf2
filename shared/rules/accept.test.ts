import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { parseBudgetFile, serializeBudget } from '../io/budgetFile';
import type { DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import { generateLargeBudget } from '../../tests/fixtures/largeBudget';
import { acceptWarning, unacceptWarning } from './accept';
import { createAuditSession, runAudit } from './audit';

const base = generateLargeBudget({ units: 2, projectsPerUnit: 2, subItemsPerProject: 2, seed: 3 });
const pid = base.projects.order[0]!;
/** A document with one 提示性 finding (a project left out of 表13) and one 强制性 error (表2 ≠ 表3). */
const doc: DepartmentBudget = produce(base, (d) => {
  d.projects.byId[pid]!.performanceManaged = false;
  d.incomes[d.units.order[0]!]!.otherIncome = 500 as Fen;
});
const warningId = `T13-project-listed|p:${pid}`;
const NOW = '2020-03-01T08:00:00.000Z';

describe('accepting a 提示性 finding with a reason', () => {
  const warning = runAudit(doc).find((f) => f.id === warningId)!;
  const error = runAudit(doc).find((f) => f.severity === 'error')!;

  it('keeps the reason in the document and shows the finding as accepted', () => {
    expect(warning.severity).toBe('warning');
    expect(warning.acceptedReason).toBeUndefined();
    const r = acceptWarning(doc, warning, '  该项目为一次性支出，不纳入绩效管理。 ', NOW);
    if (!r.ok) throw new Error(r.message);
    expect(r.doc.acceptedWarnings[warningId]).toEqual({ reason: '该项目为一次性支出，不纳入绩效管理。', acceptedAt: NOW });
    const after = runAudit(r.doc).find((f) => f.id === warningId)!;
    expect(after.severity).toBe('warning');
    expect(after.acceptedReason).toBe('该项目为一次性支出，不纳入绩效管理。');
    // Saved with the document.
    const reread = parseBudgetFile(serializeBudget(r.doc), 'x.budget');
    if (!reread.ok) throw new Error(reread.error.message);
    expect(runAudit(reread.doc).find((f) => f.id === warningId)!.acceptedReason).toBe('该项目为一次性支出，不纳入绩效管理。');
  });

  it('refuses errors, rounding gaps and empty reasons', () => {
    expect(acceptWarning(doc, error, '理由', NOW)).toEqual({ ok: false, message: '强制性审核错误不能接受，必须修改数据使其通过审核。' });
    expect(acceptWarning(doc, { id: 'x', severity: 'info' }, '理由', NOW)).toEqual({ ok: false, message: '只有提示性审核结果可以说明理由后接受。' });
    expect(acceptWarning(doc, warning, '   ', NOW)).toEqual({ ok: false, message: '请填写接受这条提示的理由。' });
  });

  it('never marks an error as accepted, even when the document says so', () => {
    const forced = produce(doc, (d) => void (d.acceptedWarnings[error.id] = { reason: '强行接受', acceptedAt: NOW }));
    expect(runAudit(forced).find((f) => f.id === error.id)!.acceptedReason).toBeUndefined();
  });

  it('travels as patches: the session reports the finding changed, and back again', () => {
    const session = createAuditSession(doc);
    const r = acceptWarning(doc, warning, '已与财政局沟通。', NOW);
    if (!r.ok) throw new Error(r.message);
    const accepted = session.applyPatches(r.doc, r.patches);
    expect(accepted.added).toEqual([]);
    expect(accepted.removed).toEqual([]);
    expect(accepted.changed.map((f) => [f.id, f.acceptedReason])).toEqual([[warningId, '已与财政局沟通。']]);
    const u = unacceptWarning(r.doc, warningId);
    if (!u.ok) throw new Error(u.message);
    const back = session.applyPatches(u.doc, u.patches);
    expect(back.changed.map((f) => [f.id, f.acceptedReason])).toEqual([[warningId, undefined]]);
    expect(unacceptWarning(u.doc, warningId).ok).toBe(false);
  });

  it('keeps the acceptance while the warning stays, and drops the mark when it comes back after a fix', () => {
    const r = acceptWarning(doc, warning, '理由', NOW);
    if (!r.ok) throw new Error(r.message);
    const fixed = produce(r.doc, (d) => void (d.projects.byId[pid]!.performanceManaged = true));
    expect(runAudit(fixed).find((f) => f.id === warningId)).toBeUndefined();
    const again = produce(fixed, (d) => void (d.projects.byId[pid]!.performanceManaged = false));
    // The reason is still in the document, so the same finding shows as accepted again.
    expect(runAudit(again).find((f) => f.id === warningId)!.acceptedReason).toBe('理由');
  });
});
