/**
 * The whole live-audit chain — EditorStore → WorkerAuditClient → audit worker handler and back —
 * with previews, commits, undo and redo in random order and messages delivered late in random
 * batches (as a busy UI thread receives them). Whenever everything has been delivered, the findings
 * the editor shows must be exactly those of a full audit of its document, and the worker must never
 * have been asked to check from scratch (a preview and its commit never disagreed).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeKind } from '../../shared/compute/graph';
import { graphOf } from '../../shared/compute/inputCells';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import type { Fen } from '../../shared/money/fen';
import { runAudit } from '../../shared/rules/audit';
import { EditorStore } from '../app/editorStore';
import { createAuditHandler } from '../workers/auditWorker';
import type { WorkerLike } from '../../shared/protocol/workerServer';
import { WorkerAuditClient } from './workerAuditClient';

const SAMPLE = new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url);
const parsed = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample');
if (!parsed.ok) throw new Error(parsed.error.message);
const sample = parsed.doc;

/** A worker whose messages wait in two queues until the test lets them through. */
class QueuedWorker implements WorkerLike {
  private toWorker: unknown[] = [];
  private toMain: unknown[] = [];
  private listener: ((e: { data: unknown }) => void) | null = null;
  private handle = createAuditHandler((m) => this.toMain.push(structuredClone(m)));
  opens = 0;
  postMessage(m: unknown): void {
    if ((m as { type?: string }).type === 'open') this.opens++;
    this.toWorker.push(structuredClone(m));
  }
  addEventListener(type: 'message' | 'error', l: (e: never) => void): void {
    if (type === 'message') this.listener = l as (e: { data: unknown }) => void;
  }
  terminate(): void {}
  /** Let the worker handle up to n requests and the UI receive up to m answers. */
  step(n: number, m: number): void {
    for (let i = 0; i < n && this.toWorker.length; i++) this.handle(this.toWorker.shift());
    for (let i = 0; i < m && this.toMain.length; i++) this.listener!({ data: this.toMain.shift() });
  }
  drain(): void {
    while (this.toWorker.length || this.toMain.length) this.step(1_000, 1_000);
  }
}

const { graph } = graphOf(sample);
const inputKeys: string[] = [];
for (let i = 0; i < graph.size; i++) if (graph.kind[i] === NodeKind.Input && graph.tableOf(i) !== 'T0') inputKeys.push(graph.keyOf(i));

const cellArb = fc.tuple(fc.nat(), fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2_000 }).map((v) => v * 1_000_000))).map(([i, v]) => ({ key: inputKeys[i % inputKeys.length]!, value: v as Fen | null }));
const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('type' as const), cell: cellArb, pause: fc.boolean(), commit: fc.boolean(), forget: fc.boolean() }) },
  // Paste, fill down, Delete: commits that were never previewed.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('paste' as const), cells: fc.array(cellArb, { minLength: 1, maxLength: 3 }), again: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), n: fc.nat(4), m: fc.nat(4) }) },
);

const microtasks = () => new Promise<void>((r) => setTimeout(r, 0));

function shown(store: EditorStore): Map<string, string> {
  return new Map([...store.findings.all()].map((f) => [f.id, f.message]));
}

describe('live audit with previews (store, client and worker together)', () => {
  it('always ends with the findings of a full audit, and never needs a check from scratch', async () => {
    let earlyShown = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const worker = new QueuedWorker();
        const client = new WorkerAuditClient(worker);
        const store = new EditorStore(client);
        store.open(sample, { name: 'sample.budget' });
        worker.drain();
        await microtasks();
        let lastTyped: { key: string; value: Fen | null } | null = null;
        for (const o of ops) {
          if (o.kind === 'type') {
            lastTyped = o.cell;
            // Typing: the value is previewed; Enter commits it (or Esc leaves it).
            store.previewCells([o.cell]);
            if (o.pause) worker.drain(); // the clerk is slower than the worker
            if (o.commit) {
              const before = store.findings.version;
              store.setCells([o.cell], { label: '输入' });
              await microtasks();
              if (store.findings.version !== before) earlyShown++;
            } else if (o.forget) store.previewCells(null); // Esc; otherwise the preview is left behind
          } else if (o.kind === 'paste') store.setCells(o.again && lastTyped ? [lastTyped] : o.cells, { label: '粘贴' }); // the same value again, later
          else if (o.kind === 'undo') store.undo();
          else if (o.kind === 'redo') store.redo();
          else worker.step(o.n, o.m);
          await microtasks();
        }
        worker.drain();
        await microtasks();
        expect(worker.opens).toBe(1);
        const full = new Map(runAudit(store.doc).map((f) => [f.id, f.message]));
        expect(shown(store)).toEqual(full);
      }),
      { numRuns: 40, seed: 1130 },
    );
    // Some commits found their preview answered and showed its findings before the worker's answer.
    expect(earlyShown).toBeGreaterThan(5);
  });
});
