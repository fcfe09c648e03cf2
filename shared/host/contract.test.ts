import { describe, expect, it } from 'vitest';
import { checkedHost, hostEventSchema, hostMethods, takeSnapshot, type BudgetHost, type SnapshotProvider } from './contract';

function fakeHost(overrides: Partial<Record<keyof BudgetHost, unknown>> = {}): BudgetHost {
  const base: BudgetHost = {
    kind: 'desktop',
    initialFile: async () => null,
    openDocument: async () => ({ cancelled: false, file: { name: 'a.budget', path: '/tmp/a.budget', bytes: new Uint8Array([123, 125]) } }),
    saveDocument: async (req) => ({ cancelled: false, name: req.suggestedName, path: req.path ?? '/tmp/x.budget' }),
    saveDocumentAs: async () => ({ cancelled: true }),
    importFile: async () => ({ cancelled: true }),
    exportFile: async (req) => ({ cancelled: false, name: req.suggestedName }),
    recentFiles: async () => [{ id: '/tmp/a.budget', name: 'a.budget', openedAt: '2021-01-01T00:00:00Z', available: true }],
    codeLists: async () => [],
    storeCodeList: async () => undefined,
    openRecent: async () => ({ cancelled: true }),
    setTitle: async () => undefined,
    setDirty: async () => undefined,
    onEvent: () => () => undefined,
    onBeforeClose: () => () => undefined,
    onSnapshotRequest: () => () => undefined,
  };
  return { ...base, ...overrides } as BudgetHost;
}

describe('host contract', () => {
  it('passes well-formed answers through', async () => {
    const host = checkedHost(fakeHost());
    const opened = await host.openDocument();
    expect(opened.cancelled).toBe(false);
    if (!opened.cancelled) expect(opened.file.bytes).toEqual(new Uint8Array([123, 125]));
    expect(await host.saveDocument({ bytes: new Uint8Array(), suggestedName: '预算.budget', path: '/p/预算.budget' })).toEqual({ cancelled: false, name: '预算.budget', path: '/p/预算.budget' });
    expect(await host.recentFiles()).toHaveLength(1);
  });

  it('rejects malformed answers from an untrusted host', async () => {
    const host = checkedHost(fakeHost({ openDocument: async () => ({ cancelled: false, file: { name: 'a', bytes: 'not bytes' } }) }));
    await expect(host.openDocument()).rejects.toThrow();
    const host2 = checkedHost(fakeHost({ recentFiles: async () => [{ id: '', name: 'x' }] }));
    await expect(host2.recentFiles()).rejects.toThrow();
  });

  it('rejects malformed requests before they reach the host', async () => {
    let called = false;
    const host = checkedHost(
      fakeHost({
        exportFile: async () => {
          called = true;
          return { cancelled: true };
        },
      }),
    );
    await expect(host.exportFile({ bytes: new Uint8Array(), suggestedName: '', mimeType: 'x' })).rejects.toThrow();
    expect(called).toBe(false);
  });

  it('drops unknown host events', () => {
    let deliver: ((e: unknown) => void) | null = null;
    const host = checkedHost(
      fakeHost({
        onEvent: (l: (e: unknown) => void) => {
          deliver = l;
          return () => undefined;
        },
      }),
    );
    const got: unknown[] = [];
    host.onEvent((e) => got.push(e));
    deliver!({ type: 'command', command: 'save' });
    deliver!({ type: 'command', command: 'format-disk' });
    deliver!({ type: 'openFile', file: { name: 'b.budget', bytes: new Uint8Array([1]) } });
    expect(got).toEqual([
      { type: 'command', command: 'save' },
      { type: 'openFile', file: { name: 'b.budget', bytes: new Uint8Array([1]) } },
    ]);
    expect(hostEventSchema.safeParse({ type: 'command', command: 'undo' }).success).toBe(true);
  });

  it('describes every host method with request and response schemas', () => {
    const methods = Object.keys(fakeHost()).filter((k) => k !== 'kind' && !k.startsWith('on')).sort();
    expect(Object.keys(hostMethods).sort()).toEqual(methods);
  });

  it("parses the editor's autosave snapshot before the host gets it", async () => {
    let registered: SnapshotProvider | null = null;
    const host = checkedHost(
      fakeHost({
        onSnapshotRequest: (p: SnapshotProvider) => {
          registered = p;
          return () => undefined;
        },
      }),
    );
    let answer: unknown = { bytes: new Uint8Array([123, 125]), suggestedName: '预算.budget' };
    host.onSnapshotRequest(async () => answer as never);
    expect(await registered!()).toEqual({ bytes: new Uint8Array([123, 125]), suggestedName: '预算.budget' });
    answer = null;
    expect(await registered!()).toBeNull();
    answer = { bytes: 'not bytes', suggestedName: '预算.budget' };
    await expect(registered!()).rejects.toThrow();
    // takeSnapshot (what hosts call): a malformed or failing provider means "nothing to autosave".
    const errors: unknown[] = [];
    expect(await takeSnapshot(registered, (e) => errors.push(e))).toBeNull();
    expect(await takeSnapshot(async () => Promise.reject(new Error('editor bug')), (e) => errors.push(e))).toBeNull();
    expect(errors).toHaveLength(2);
    expect(await takeSnapshot(null)).toBeNull();
  });

  it('tolerates an installed host that takes no snapshot provider', () => {
    const { onSnapshotRequest: _omitted, ...old } = fakeHost();
    const off = checkedHost(old as BudgetHost).onSnapshotRequest(async () => null);
    expect(off).toBeTypeOf('function');
    off();
  });
});
