import { describe, expect, it } from 'vitest';
import type { Patch } from 'immer';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import type { AuditEvent } from './auditClient';
import type { WorkerLike } from '../../shared/protocol/workerServer';
import { WorkerAuditClient } from './workerAuditClient';

class FakeWorker implements WorkerLike {
  sent: { id: string; type: string; seq?: number }[] = [];
  private onMessage: ((e: { data: unknown }) => void) | null = null;
  postMessage(m: unknown): void {
    this.sent.push(m as { id: string; type: string; seq?: number });
  }
  addEventListener(type: 'message' | 'error', l: (e: never) => void): void {
    if (type === 'message') this.onMessage = l as (e: { data: unknown }) => void;
  }
  reply(data: unknown): void {
    this.onMessage!({ data });
  }
  terminate(): void {}
}

const delta = (added: string[] = []) => ({
  full: false,
  added: added.map((id) => ({ id, rule: 'r', severity: 'error', message: 'm', cells: [], differenceFen: null })),
  changed: [],
  removed: [],
});
const patch: Patch = { op: 'replace', path: ['department', 'name'], value: 'x' };

/** A client over a fake worker with a document open, recording what it emits. */
function setup() {
  const w = new FakeWorker();
  const client = new WorkerAuditClient(w);
  const events: AuditEvent[] = [];
  client.subscribe((e) => events.push(e));
  const doc = smallBudget();
  client.load(doc);
  return { w, client, events, doc, last: () => w.sent[w.sent.length - 1]! };
}

describe('WorkerAuditClient', () => {
  it('numbers patches per open and forwards findings and progress', () => {
    const { w, client, events, doc } = setup();
    client.update([patch], doc);
    client.update([patch], doc);
    expect(w.sent.map((m) => [m.type, m.seq])).toEqual([
      ['open', undefined],
      ['patches', 1],
      ['patches', 2],
    ]);
    w.reply({ id: w.sent[0]!.id, type: 'progress', stage: 'relations', done: 1, total: 2 });
    w.reply({ id: w.sent[1]!.id, type: 'findings', seq: 1, delta: delta(['A']), elapsedMs: 1 });
    expect(events[0]).toEqual({ type: 'progress', done: 5, total: 8 });
    expect(events[1]).toMatchObject({ type: 'findings', delta: { added: [{ id: 'A' }] } });
  });

  it('drops answers about a document that is no longer open', () => {
    const { w, client, events, doc } = setup();
    const oldId = w.sent[0]!.id;
    client.load(doc);
    w.reply({ id: oldId, type: 'findings', seq: 0, delta: { ...delta(['OLD']), full: true }, elapsedMs: 1 });
    expect(events).toEqual([]);
  });

  it('re-opens the latest document when the worker lost track, then gives up with a message', () => {
    const { w, client, events, doc } = setup();
    client.update([patch], doc);
    for (let i = 0; i < 4; i++) {
      const last = w.sent[w.sent.length - 1]!;
      w.reply({ id: last.id, type: 'failed', code: 'outOfOrder', message: '顺序不对' });
    }
    expect(w.sent.filter((m) => m.type === 'open')).toHaveLength(4);
    expect(events).toEqual([{ type: 'error', message: '顺序不对' }]);
  });

  it('reports a malformed answer', () => {
    const { w, events } = setup();
    w.reply({ id: w.sent[0]!.id, type: 'findings' });
    expect(events[0]!.type).toBe('error');
  });

  describe('previews', () => {
    const amountPatch: Patch = { op: 'replace', path: ['economicLines', 'byId', 'a1', 'amounts', 'generalFunding'], value: 50_000 };
    const other: Patch = { ...amountPatch, value: 60_000 };
    const opened = () => setup();

    it('a committed edit that was previewed and answered gets its delta at once, and the worker’s equal answer is not shown twice', () => {
      const { w, client, events, doc, last } = opened();
      client.preview([amountPatch]);
      expect(last()).toMatchObject({ type: 'preview', seq: 0 });
      w.reply({ id: last().id, type: 'preview', seq: 0, delta: delta(['A']), elapsedMs: 1 });
      const known = client.update([{ ...amountPatch }], doc);
      expect(known?.added.map((f) => f.id)).toEqual(['A']);
      expect(last()).toMatchObject({ type: 'patches', seq: 1 });
      w.reply({ id: last().id, type: 'findings', seq: 1, delta: delta(['A']), elapsedMs: 1 });
      expect(events).toEqual([]);
      // The next edit is not previewed: its answer is shown as usual.
      expect(client.update([other], doc)).toBeNull();
      w.reply({ id: last().id, type: 'findings', seq: 2, delta: delta(['B']), elapsedMs: 1 });
      expect(events).toHaveLength(1);
    });

    it('no delta at once for another value, an unanswered or empty preview, or a preview on top of an older edit', () => {
      const { w, client, doc, last } = opened();
      client.preview([amountPatch]);
      w.reply({ id: last().id, type: 'preview', seq: 0, delta: delta(['A']), elapsedMs: 1 });
      expect(client.update([other], doc)).toBeNull(); // typed 50,000, committed 60,000

      client.preview([amountPatch]); // not answered yet when committed
      const unanswered = last();
      expect(client.update([amountPatch], doc)).toBeNull();
      w.reply({ id: unanswered.id, type: 'preview', seq: 1, delta: delta(['A']), elapsedMs: 1 }); // too late: ignored
      expect(client.update([amountPatch], doc)).toBeNull();

      client.preview([amountPatch]);
      w.reply({ id: last().id, type: 'preview', seq: 3, delta: null, elapsedMs: 1 }); // not a plain amount edit
      expect(client.update([amountPatch], doc)).toBeNull();

      client.preview([amountPatch]);
      const answer = { id: last().id, type: 'preview', seq: 4, delta: delta(['A']), elapsedMs: 1 };
      client.preview(null); // the editor was cancelled
      w.reply(answer);
      expect(client.update([amountPatch], doc)).toBeNull();

      client.preview([amountPatch]);
      const older = { id: last().id, type: 'preview', seq: 5, delta: delta(['A']), elapsedMs: 1 };
      client.preview([other]); // typed on: only the latest preview counts
      w.reply(older);
      expect(client.update([amountPatch], doc)).toBeNull();
    });

    it('an answered preview is spent by any commit: the same patches committed after another edit wait for the worker', () => {
      const { w, client, doc, last } = opened();
      client.preview([amountPatch]);
      w.reply({ id: last().id, type: 'preview', seq: 0, delta: delta(['A']), elapsedMs: 1 });
      expect(client.update([other], doc)).toBeNull(); // e.g. a paste elsewhere
      expect(client.update([amountPatch], doc)).toBeNull(); // the preview was worked out before that edit
    });

    it('checks from scratch when the worker’s answer differs from the preview it already showed', () => {
      const { w, client, events, doc, last } = opened();
      client.preview([amountPatch]);
      w.reply({ id: last().id, type: 'preview', seq: 0, delta: delta(['A']), elapsedMs: 1 });
      client.update([amountPatch], doc);
      w.reply({ id: last().id, type: 'findings', seq: 1, delta: delta(['A', 'B']), elapsedMs: 1 });
      expect(last()).toMatchObject({ type: 'open' });
      expect(events).toEqual([]);
      // Order inside the lists does not matter.
      client.preview([amountPatch]);
      w.reply({ id: last().id, type: 'preview', seq: 0, delta: delta(['A', 'B']), elapsedMs: 1 });
      client.update([amountPatch], doc);
      w.reply({ id: last().id, type: 'findings', seq: 1, delta: delta(['B', 'A']), elapsedMs: 1 });
      expect(w.sent.filter((m) => m.type === 'open')).toHaveLength(2);
    });
  });
});
