/**
 * Accepting a 提示性 finding with a written reason (and taking it back). The reason is kept in the
 * document (`acceptedWarnings[findingId]`), so it is saved, exported and survives re-checks; the
 * finding then carries `acceptedReason`. 强制性 errors (and rounding gaps) cannot be accepted.
 * Both are ordinary edits: the patches go to undo/redo, autosave and the audit worker.
 */
import { enablePatches, produceWithPatches, type Patch } from 'immer';
import type { DepartmentBudget } from '../model/document';
import type { Finding } from './finding';

enablePatches();

export const MAX_REASON_LENGTH = 2000;

export type AcceptOutcome = { ok: true; doc: DepartmentBudget; patches: Patch[]; inversePatches: Patch[] } | { ok: false; message: string };

export function acceptWarning(doc: DepartmentBudget, finding: Pick<Finding, 'id' | 'severity'>, reason: string, acceptedAt: string): AcceptOutcome {
  if (finding.severity === 'error') return { ok: false, message: '强制性审核错误不能接受，必须修改数据使其通过审核。' };
  if (finding.severity !== 'warning') return { ok: false, message: '只有提示性审核结果可以说明理由后接受。' };
  const text = reason.trim();
  if (!text) return { ok: false, message: '请填写接受这条提示的理由。' };
  if (text.length > MAX_REASON_LENGTH) return { ok: false, message: `理由不能超过 ${MAX_REASON_LENGTH} 个字。` };
  const [next, patches, inversePatches] = produceWithPatches(doc, (d) => {
    d.acceptedWarnings[finding.id] = { reason: text, acceptedAt };
  });
  return { ok: true, doc: next, patches, inversePatches };
}

export function unacceptWarning(doc: DepartmentBudget, findingId: string): AcceptOutcome {
  if (!Object.hasOwn(doc.acceptedWarnings, findingId)) return { ok: false, message: '这条审核结果没有被接受过。' };
  const [next, patches, inversePatches] = produceWithPatches(doc, (d) => {
    delete d.acceptedWarnings[findingId];
  });
  return { ok: true, doc: next, patches, inversePatches };
}
