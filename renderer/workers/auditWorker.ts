/**
 * The audit Web Worker: the audit runs here so that a large department never blocks the editor.
 * Thin: validates each message (shared/rules/workerProtocol), keeps the document and an
 * incremental audit session (shared/rules/engine), posts progress and findings deltas.
 */
import { applyPatches, enablePatches, setAutoFreeze, type Patch } from 'immer';
import type { DepartmentBudget } from '../../shared/model/document';
import { applyAmountPatches } from '../../shared/edit/amountPatches';
import { installImportedCodeLists } from '../../shared/codes/registry';
import { createAuditSession, type AuditSession, type FindingChanges } from '../../shared/rules/engine';
import { createWorkerServer, installWorkerServer, workerSelf, type Post, type WorkerScopeLike } from '../../shared/protocol/workerServer';
import { auditMethods, describeBadAuditRequest, type AuditWorkerResponse } from '../../shared/rules/workerProtocol';

enablePatches();
// The worker owns its copy of the document (structured clone, then zod parse): it may update it in
// place, so results of applyPatches must not be frozen.
setAutoFreeze(false);

/** Amount edits are written into the worker's private document in place (false: not amount patches, nothing changed). */
export function applyInputPatchesInPlace(session: AuditSession, patches: readonly Patch[]): boolean {
  return applyAmountPatches(session.doc, patches, session.built.graph) !== null;
}

/** The findings delta an amount edit would cause (null: not an amount edit): written, re-checked, put back, re-checked. */
export function previewInputPatches(session: AuditSession, patches: readonly Patch[]): FindingChanges | null {
  const inverse = applyAmountPatches(session.doc, patches, session.built.graph);
  if (!inverse) return null;
  const delta = session.applyPatches(session.doc, patches);
  applyAmountPatches(session.doc, inverse, session.built.graph);
  session.applyPatches(session.doc, patches);
  return delta;
}

/** Handle one message; never throws (every failure is posted as `failed`). */
export function createAuditHandler(post: Post<AuditWorkerResponse>): (data: unknown) => void {
  let session: AuditSession | null = null;
  let lastSeq = 0;
  const elapsed = (started: number) => performance.now() - started;
  return createWorkerServer<typeof auditMethods, AuditWorkerResponse>(
    auditMethods,
    {
      open: (req) => {
        const started = performance.now();
        // The same lists as the editor's (imported ones included), before anything reads a code.
        installImportedCodeLists(req.codeLists ?? []);
        const opened = (session = createAuditSession(req.doc, {
          ...(req.unit ? { unit: req.unit } : {}), onProgress: (stage, done, total) => post({ id: req.id, type: 'progress', stage, done, total }) }));
        lastSeq = 0;
        // Once the findings are posted (before the next message), while the clerk reads them: build the
        // indexes the first edit would otherwise wait for.
        queueMicrotask(() => opened.prepareIncremental());
        return { id: req.id, type: 'findings', seq: 0, delta: { full: true, added: opened.findings(), changed: [], removed: [] }, elapsedMs: elapsed(started) };
      },
      preview: (req) => {
        const started = performance.now();
        // Only on top of the last applied edit; a preview never changes what the session holds.
        const delta = session && req.seq === lastSeq ? previewInputPatches(session, req.patches as Patch[]) : null;
        return { id: req.id, type: 'preview', seq: req.seq, delta: delta && { full: false, ...delta }, elapsedMs: elapsed(started) };
      },
      patches: (req) => {
        const started = performance.now();
        if (!session) return { id: req.id, type: 'failed', code: 'noDocument', message: '审核组件尚未收到预算文档，请先打开文档。' };
        if (req.seq !== lastSeq + 1) {
          return { id: req.id, type: 'failed', code: 'outOfOrder', message: `修改的顺序号不连续（应为 ${lastSeq + 1}，收到 ${req.seq}），请重新打开文档进行审核。` };
        }
        let next: DepartmentBudget;
        try {
          next = applyInputPatchesInPlace(session, req.patches as Patch[]) ? session.doc : applyPatches(session.doc, req.patches as Patch[]);
        } catch (e) {
          session = null; // the editor's document and ours no longer match: it must open again
          return { id: req.id, type: 'failed', code: 'badPatch', message: `无法在审核组件中应用这次修改，请重新打开文档进行审核：${e instanceof Error ? e.message : String(e)}` };
        }
        const delta = session.applyPatches(next, req.patches as Patch[]);
        lastSeq = req.seq;
        return { id: req.id, type: 'findings', seq: req.seq, delta: { full: false, ...delta }, elapsedMs: elapsed(started) };
      },
    },
    post,
    {
      refuse: (id, detail) => ({ id, type: 'failed', code: 'badRequest', message: describeBadAuditRequest(detail) }),
      internal: (id, e) => {
        session = null;
        return { id, type: 'failed', code: 'internal', message: `审核时程序出错：${e instanceof Error ? e.message : String(e)}` };
      },
    },
  ) as (data: unknown) => void;
}

export function installAuditWorker(scope: WorkerScopeLike): void {
  installWorkerServer(scope, (post) => createAuditHandler(post));
}

const scope = workerSelf();
if (scope) installAuditWorker(scope);
