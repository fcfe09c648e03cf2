/**
 * AuditClient over the audit Web Worker (shared/rules/workerProtocol.ts). Each open starts a new
 * generation; answers to an older generation are dropped. Patches are numbered 1, 2, 3 … per
 * generation; if the worker loses track (out of order, bad patch, internal error) the client opens
 * the latest document again, which is a full audit.
 *
 * Previews: while the clerk types a value, the editor asks the worker what the edit would change
 * (`preview`, on top of the last numbered edit). When that very edit is then committed, `update`
 * hands back the previewed delta so the editor can show it at once, in the same frame as the grid
 * moving on; the worker's answer to the committed patches must then be the same delta, and if it
 * ever is not, the client checks the document from scratch.
 */
import { importedCodeLists } from '../../shared/codes/registry';
import type { Patch } from 'immer';
import type { DepartmentBudget, DisplayUnit } from '../../shared/model/document';
import { auditWorkerResponseSchema, type AuditWorkerRequest } from '../../shared/rules/workerProtocol';
import { Emitter } from '../../shared/events/emitter';
import type { WorkerLike } from '../../shared/protocol/workerServer';
import type { AuditClient, AuditEvent, FindingsDelta } from './auditClient';

type PatchesRequest = Extract<AuditWorkerRequest, { type: 'patches' }>;

const STAGES = ['graph', 'evaluate', 'relations', 'rules'] as const;

export class WorkerAuditClient implements AuditClient {
  private readonly events = new Emitter<AuditEvent>();
  readonly subscribe = this.events.event;
  private generation = 0;
  private seq = 0;
  private latest: DepartmentBudget | null = null;
  private recoveries = 0;
  private previews = 0;
  /** The latest preview asked for: on top of edit `seq`, of the patches `json`; `delta` once answered. */
  private pending: { n: number; seq: number; json: string; delta: FindingsDelta | null } | null = null;
  /** Deltas already shown from previews, by edit number, until the worker's answer confirms them. */
  private shown = new Map<number, FindingsDelta>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (e) => this.onMessage(e.data));
    worker.addEventListener('error', (e) => this.events.fire({ type: 'error', message: e.message ?? '审核组件无法运行' }));
  }

  private send(req: AuditWorkerRequest): void {
    this.worker.postMessage(req, []);
  }

  /** The unit the messages write amounts in (the editor's display unit), kept for later loads. */
  private unit: DisplayUnit | undefined;

  load(doc: DepartmentBudget, unit?: DisplayUnit): void {
    if (unit) this.unit = unit;
    this.generation++;
    this.seq = 0;
    this.latest = doc;
    this.pending = null;
    this.shown.clear();
    const codeLists = importedCodeLists();
    this.send({ id: `g${this.generation}:open`, type: 'open', doc, ...(codeLists.length > 0 ? { codeLists: [...codeLists] } : {}), ...(this.unit ? { unit: this.unit } : {}) });
  }

  update(patches: readonly Patch[], doc: DepartmentBudget): FindingsDelta | null {
    this.latest = doc;
    if (this.generation === 0) {
      this.load(doc);
      return null;
    }
    const p = this.pending;
    this.pending = null;
    const known = p && p.delta && p.seq === this.seq && p.json === JSON.stringify(patches) ? p.delta : null;
    this.seq++;
    this.send({ id: `g${this.generation}:p${this.seq}`, type: 'patches', seq: this.seq, patches: patches as PatchesRequest['patches'] });
    if (known) this.shown.set(this.seq, known);
    return known;
  }

  preview(patches: readonly Patch[] | null): void {
    this.pending = null;
    if (this.generation === 0 || !patches || patches.length === 0) return;
    const n = ++this.previews;
    this.pending = { n, seq: this.seq, json: JSON.stringify(patches), delta: null };
    this.send({ id: `g${this.generation}:v${n}`, type: 'preview', seq: this.seq, patches: patches as PatchesRequest['patches'] });
  }

  dispose(): void {
    this.worker.terminate();
  }

  private onMessage(data: unknown): void {
    const parsed = auditWorkerResponseSchema.safeParse(data);
    if (!parsed.success) {
      this.events.fire({ type: 'error', message: '审核组件返回了无法识别的消息' });
      return;
    }
    const msg = parsed.data;
    if (!msg.id.startsWith(`g${this.generation}:`)) return; // an answer about a document no longer open
    switch (msg.type) {
      case 'progress': {
        const stage = Math.max(0, STAGES.indexOf(msg.stage));
        this.events.fire({ type: 'progress', done: stage * msg.total + msg.done, total: STAGES.length * msg.total });
        return;
      }
      case 'preview': {
        const p = this.pending;
        if (p && msg.id === `g${this.generation}:v${p.n}` && msg.seq === p.seq) p.delta = msg.delta;
        return;
      }
      case 'findings': {
        if (msg.delta.full) this.recoveries = 0;
        const shown = this.shown.get(msg.seq);
        if (shown) {
          this.shown.delete(msg.seq);
          if (sameDelta(shown, msg.delta)) return; // already on screen
          // The preview and the edit disagree: never expected, so trust neither and audit afresh.
          if (this.latest) this.load(this.latest);
          return;
        }
        this.events.fire({ type: 'findings', delta: msg.delta });
        return;
      }
      case 'failed':
        if (msg.code !== 'badRequest' && this.latest && this.recoveries < 3) {
          // The worker's copy is out of step with ours: check the latest document from scratch.
          this.recoveries++;
          this.load(this.latest);
          return;
        }
        this.events.fire({ type: 'error', message: msg.message });
    }
  }
}

/** Whether two deltas say the same (order of the lists aside). */
export function sameDelta(a: FindingsDelta, b: FindingsDelta): boolean {
  if (a.full !== b.full || a.added.length !== b.added.length || a.changed.length !== b.changed.length || a.removed.length !== b.removed.length) return false;
  const text = (list: readonly unknown[]) => list.map((x) => JSON.stringify(x)).sort();
  const same = (x: string[], y: string[]) => x.every((v, i) => v === y[i]);
  return same(text(a.added), text(b.added)) && same(text(a.changed), text(b.changed)) && same([...a.removed].sort(), [...b.removed].sort());
}
