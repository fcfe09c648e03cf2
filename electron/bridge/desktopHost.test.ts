import { describe, expect, it } from 'vitest';
import { HOST_BEFORE_CLOSE_CHANNEL, HOST_EVENT_CHANNEL, hostMethods, type HostEvent } from '../../shared/host/contract';
import { HOST_BEFORE_CLOSE_REPLY_CHANNEL, HOST_SNAPSHOT_REPLY_CHANNEL, HOST_SNAPSHOT_REQUEST_CHANNEL, INVOKE_CHANNELS, LISTEN_CHANNELS } from './channels';
import { HostError } from '../../shared/host/hostError';
import { createDesktopHost } from './desktopHost';

function fakeTransport(reply: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: undefined })) {
  const invoked: Array<[string, unknown[]]> = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  return {
    invoked,
    emit: (channel: string, payload: unknown) => listeners.get(channel)?.(payload),
    listened: () => [...listeners.keys()],
    transport: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push([channel, args]);
        return reply(channel, args);
      },
      on: (channel: string, listener: (payload: unknown) => void) => void listeners.set(channel, listener),
    },
  };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('desktop host (what the preload exposes)', () => {
  it('implements every contract method on its budgetHost:<method> channel', async () => {
    const t = fakeTransport((channel) => ({ ok: true, value: channel === 'budgetHost:recentFiles' ? [] : null }));
    const host = createDesktopHost(t.transport);
    expect(host.kind).toBe('desktop');
    expect(Object.keys(host).sort()).toEqual([...Object.keys(hostMethods), 'kind', 'onBeforeClose', 'onEvent', 'onSnapshotRequest'].sort());
    const req = { bytes: new Uint8Array([1]), suggestedName: 'a.budget' };
    await host.saveDocument(req);
    await host.setDirty(true);
    await host.openRecent('/x/a.budget');
    expect(await host.recentFiles()).toEqual([]);
    expect(t.invoked).toEqual([
      ['budgetHost:saveDocument', [req]],
      ['budgetHost:setDirty', [true]],
      ['budgetHost:openRecent', ['/x/a.budget']],
      ['budgetHost:recentFiles', []],
    ]);
    expect(t.invoked.every(([c]) => INVOKE_CHANNELS.includes(c))).toBe(true);
    expect(t.listened().sort()).toEqual([...LISTEN_CHANNELS].sort());
  });

  it("turns main's refusals and failures into errors with main's Chinese message", async () => {
    const t = fakeTransport(() => ({ ok: false, error: { code: 'failed', reason: 'diskFull', message: '无法保存“a.budget”：磁盘空间不足' } }));
    const host = createDesktopHost(t.transport);
    const err = await host.saveDocument({ bytes: new Uint8Array(), suggestedName: 'a.budget' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: 'diskFull', message: '无法保存“a.budget”：磁盘空间不足' });
    const garbage = createDesktopHost(fakeTransport(() => 'not an envelope').transport);
    await expect(garbage.openDocument()).rejects.toThrow('应答格式不正确');
  });

  it('buffers events until the editor subscribes and drops malformed ones', () => {
    const t = fakeTransport();
    const host = createDesktopHost(t.transport);
    const openFile: HostEvent = { type: 'openFile', file: { name: 'a.budget', path: '/x/a.budget', bytes: new Uint8Array([123]) } };
    t.emit(HOST_EVENT_CHANNEL, openFile); // second launch while the editor loads
    t.emit(HOST_EVENT_CHANNEL, { type: 'command', command: 'formatDisk' });
    t.emit(HOST_EVENT_CHANNEL, { type: 'openFile', file: { name: 'a.budget', bytes: 'not bytes' } });
    const seen: HostEvent[] = [];
    const off = host.onEvent((e) => seen.push(e));
    expect(seen).toEqual([openFile]);
    t.emit(HOST_EVENT_CHANNEL, { type: 'command', command: 'save' });
    expect(seen.at(-1)).toEqual({ type: 'command', command: 'save' });
    off();
    t.emit(HOST_EVENT_CHANNEL, { type: 'command', command: 'undo' });
    expect(seen).toHaveLength(2);
  });

  it("answers before-close with the editor's handler, or null without one", async () => {
    const t = fakeTransport();
    const host = createDesktopHost(t.transport);
    t.emit(HOST_BEFORE_CLOSE_CHANNEL, { requestId: 1 });
    await flush();
    expect(t.invoked.at(-1)).toEqual([HOST_BEFORE_CLOSE_REPLY_CHANNEL, [1, null]]);
    const off = host.onBeforeClose(async () => false);
    t.emit(HOST_BEFORE_CLOSE_CHANNEL, { requestId: 2 });
    await flush();
    expect(t.invoked.at(-1)).toEqual([HOST_BEFORE_CLOSE_REPLY_CHANNEL, [2, false]]);
    host.onBeforeClose(async () => {
      throw new Error('editor bug');
    });
    t.emit(HOST_BEFORE_CLOSE_CHANNEL, { requestId: 3 });
    await flush();
    expect(t.invoked.at(-1)).toEqual([HOST_BEFORE_CLOSE_REPLY_CHANNEL, [3, false]]); // stay open on doubt
    off(); // an old registration's unsubscribe does not remove the newer handler
    host.onBeforeClose(async () => true);
    t.emit(HOST_BEFORE_CLOSE_CHANNEL, { requestId: 4 });
    t.emit(HOST_BEFORE_CLOSE_CHANNEL, { requestId: 'x' });
    await flush();
    expect(t.invoked.filter(([c]) => c === HOST_BEFORE_CLOSE_REPLY_CHANNEL).map(([, a]) => a)).toEqual([
      [1, null],
      [2, false],
      [3, false],
      [4, true],
    ]);
  });

  it("answers autosave snapshot requests with the editor's snapshot, or null", async () => {
    const t = fakeTransport();
    const host = createDesktopHost(t.transport);
    const replies = () => t.invoked.filter(([c]) => c === HOST_SNAPSHOT_REPLY_CHANNEL).map(([, a]) => a);
    t.emit(HOST_SNAPSHOT_REQUEST_CHANNEL, { requestId: 1 }); // no provider yet
    await flush();
    const snapshot = { bytes: new TextEncoder().encode('{"v":1}'), suggestedName: '预算.budget', path: '/docs/预算.budget' };
    let answer: unknown = snapshot;
    const off = host.onSnapshotRequest(async () => answer as never);
    t.emit(HOST_SNAPSHOT_REQUEST_CHANNEL, { requestId: 2 });
    await flush();
    answer = null; // nothing new since the last snapshot
    t.emit(HOST_SNAPSHOT_REQUEST_CHANNEL, { requestId: 3 });
    await flush();
    answer = { bytes: 'not bytes', suggestedName: '预算.budget' }; // malformed: never sent to main
    t.emit(HOST_SNAPSHOT_REQUEST_CHANNEL, { requestId: 4 });
    await flush();
    const old = off;
    host.onSnapshotRequest(async () => {
      throw new Error('editor bug');
    });
    old(); // an old registration's unsubscribe does not remove the newer provider
    t.emit(HOST_SNAPSHOT_REQUEST_CHANNEL, { requestId: 5 });
    t.emit(HOST_SNAPSHOT_REQUEST_CHANNEL, { requestId: 'x' });
    await flush();
    expect(replies()).toEqual([[1, null], [2, snapshot], [3, null], [4, null], [5, null]]);
    expect(t.invoked.every(([c]) => INVOKE_CHANNELS.includes(c))).toBe(true);
  });
});
