/**
 * The check Web Worker: the audit runs here so that a large department never blocks the editor.
 * Thin: validates each message (shared/rules/workerProtocol), keeps the document and an
 * incremental audit session (shared/rules/engine), posts progress and findings deltas.
 */
import { applyPatches, enablePatches, type Patch } from 'immer';
import type { DepartmentBudget } from '../../shared/model/document';
import { createAuditSession, type AuditSession } from '../../shared/rules/engine';
import { checkWorkerRequestSchema, describeBadCheckRequest, type CheckWorkerResponse } from '../../shared/rules/workerProtocol';

enablePatches();

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
        session = createAuditSession(req.doc, { onProgress: (stage, done, total) => post({ id: req.id, type: 'progress', stage, done, total }) });
        lastSeq = 0;
        const findings = session.findings();
        post({ id: req.id, type: 'findings', seq: 0, delta: { full: true, added: findings, changed: [], removed: [] }, elapsedMs: performance.now() - started });
        // While the clerk reads the findings: build the indexes the first edit would otherwise wait for.
        session.prepareIncremental();
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
        next = applyPatches(session.doc, req.patches as Patch[]);
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
