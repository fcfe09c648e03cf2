/**
 * The check Web Worker: the audit runs here so that a large department never blocks the editor.
 * Thin: validates each message (shared/rules/workerProtocol), keeps the document and an
 * incremental audit session (shared/rules/engine), posts progress and findings deltas.
 */
import { applyPatches, enablePatches, setAutoFreeze, type Patch } from 'immer';
import type { DepartmentBudget } from '../../shared/model/document';
import { applyAmountPatches } from '../../shared/edit/amountPatches';
import { installImportedCodeLists } from '../../shared/codes/registry';
import { createAuditSession, type AuditSession, type FindingChanges } from '../../shared/rules/engine';
import { checkWorkerRequestSchema, describeBadCheckRequest, type CheckWorkerResponse } from '../../shared/rules/workerProtocol';

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

export type Post = (message: CheckWorkerResponse) => void;

export interface WorkerScopeLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Handle one message; never throws (every failure is posted as `failed`). */
export function createCheckHandler(post: Post): (data: unknown) => void {
  let session: AuditSession | null = null;
  let lastSeq = 0;
  return (data) => {
    const id = typeof data === 'object' && data !== null && typeof (data as { id?: unknown }).id === 'string' ? (data as { id: string }).id : '';
    const parsed = checkWorkerRequestSchema.safeParse(data);
    if (!parsed.success) {
      post({ id, type: 'failed', code: 'badRequest', message: describeBadCheckRequest(parsed.error) });
      return;
    }
    const req = parsed.data;
    const started = performance.now();
    try {
      if (req.type === 'open') {
        // The same lists as the editor's (imported ones included), before anything reads a code.
        installImportedCodeLists(req.codeLists ?? []);
        session = createAuditSession(req.doc, {
          ...(req.unit ? { unit: req.unit } : {}), onProgress: (stage, done, total) => post({ id: req.id, type: 'progress', stage, done, total }) });
        lastSeq = 0;
        const findings = session.findings();
        post({ id: req.id, type: 'findings', seq: 0, delta: { full: true, added: findings, changed: [], removed: [] }, elapsedMs: performance.now() - started });
        // While the clerk reads the findings: build the indexes the first edit would otherwise wait for.
        session.prepareIncremental();
        return;
      }
      if (req.type === 'preview') {
        // Only on top of the last applied edit; a preview never changes what the session holds.
        const delta = session && req.seq === lastSeq ? previewInputPatches(session, req.patches as Patch[]) : null;
        post({ id: req.id, type: 'preview', seq: req.seq, delta: delta && { full: false, ...delta }, elapsedMs: performance.now() - started });
        return;
      }
      if (!session) {
        post({ id: req.id, type: 'failed', code: 'noDocument', message: '审核组件尚未收到预算文档，请先打开文档。' });
        return;
      }
      if (req.seq !== lastSeq + 1) {
        post({ id: req.id, type: 'failed', code: 'outOfOrder', message: `修改的顺序号不连续（应为 ${lastSeq + 1}，收到 ${req.seq}），请重新打开文档进行审核。` });
        return;
      }
      let next: DepartmentBudget;
      try {
        next = applyInputPatchesInPlace(session, req.patches as Patch[]) ? session.doc : applyPatches(session.doc, req.patches as Patch[]);
      } catch (e) {
        session = null; // the editor's document and ours no longer match: it must open again
        post({ id: req.id, type: 'failed', code: 'badPatch', message: `无法在审核组件中应用这次修改，请重新打开文档进行审核：${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      const delta = session.applyPatches(next, req.patches as Patch[]);
      lastSeq = req.seq;
      post({ id: req.id, type: 'findings', seq: req.seq, delta: { full: false, ...delta }, elapsedMs: performance.now() - started });
    } catch (e) {
      session = null;
      post({ id: req.id, type: 'failed', code: 'internal', message: `审核时程序出错：${e instanceof Error ? e.message : String(e)}` });
    }
  };
}

export function installCheckWorker(scope: WorkerScopeLike): void {
  const handle = createCheckHandler((message) => scope.postMessage(message));
  scope.addEventListener('message', (event) => handle(event.data));
}

declare const self: unknown;
if (typeof self !== 'undefined' && self !== null && typeof (self as WorkerScopeLike).postMessage === 'function' && typeof (self as WorkerScopeLike).addEventListener === 'function') {
  installCheckWorker(self as WorkerScopeLike);
}
