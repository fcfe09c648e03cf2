/**
 * CheckClient over the check Web Worker (shared/rules/workerProtocol.ts). Each open starts a new
 * generation; answers to an older generation are dropped. Patches are numbered 1, 2, 3 … per
 * generation; if the worker loses track (out of order, bad patch, internal error) the client opens
 * the latest document again, which is a full check.
 */
import type { Patch } from 'immer';
import type { DepartmentBudget } from '../../shared/model/document';
import { checkWorkerResponseSchema, type CheckWorkerRequest } from '../../shared/rules/workerProtocol';
import { CheckListeners, type CheckClient, type CheckEvent } from './checkClient';

export interface CheckWorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (e: { message?: string }) => void): void;
  terminate(): void;
}

type PatchesRequest = Extract<CheckWorkerRequest, { type: 'patches' }>;

const STAGES = ['graph', 'evaluate', 'relations', 'rules'] as const;

export class WorkerCheckClient implements CheckClient {
  private listeners = new CheckListeners();
  private generation = 0;
  private seq = 0;
  private latest: DepartmentBudget | null = null;
  private recoveries = 0;

  constructor(private readonly worker: CheckWorkerLike) {
    worker.addEventListener('message', (e) => this.onMessage(e.data));
    worker.addEventListener('error', (e) => this.listeners.emit({ type: 'error', message: e.message ?? '审核组件无法运行' }));
  }

  private send(req: CheckWorkerRequest): void {
    this.worker.postMessage(req);
  }

  load(doc: DepartmentBudget): void {
    this.generation++;
    this.seq = 0;
    this.latest = doc;
    this.send({ id: `g${this.generation}:open`, type: 'open', doc });
  }

  update(patches: readonly Patch[], doc: DepartmentBudget): void {
    this.latest = doc;
    if (this.generation === 0) return this.load(doc);
    this.seq++;
    this.send({ id: `g${this.generation}:p${this.seq}`, type: 'patches', seq: this.seq, patches: patches as PatchesRequest['patches'] });
  }

  subscribe(listener: (event: CheckEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  dispose(): void {
    this.worker.terminate();
  }

  private onMessage(data: unknown): void {
    const parsed = checkWorkerResponseSchema.safeParse(data);
    if (!parsed.success) {
      this.listeners.emit({ type: 'error', message: '审核组件返回了无法识别的消息' });
      return;
    }
    const msg = parsed.data;
    if (!msg.id.startsWith(`g${this.generation}:`)) return; // an answer about a document no longer open
    switch (msg.type) {
      case 'progress': {
        const stage = Math.max(0, STAGES.indexOf(msg.stage));
        this.listeners.emit({ type: 'progress', done: stage * msg.total + msg.done, total: STAGES.length * msg.total });
        return;
      }
      case 'findings':
        if (msg.delta.full) this.recoveries = 0;
        this.listeners.emit({ type: 'findings', delta: msg.delta });
        return;
      case 'failed':
        if (msg.code !== 'badRequest' && this.latest && this.recoveries < 3) {
          // The worker's copy is out of step with ours: check the latest document from scratch.
          this.recoveries++;
          this.load(this.latest);
          return;
        }
        this.listeners.emit({ type: 'error', message: msg.message });
    }
  }
}
