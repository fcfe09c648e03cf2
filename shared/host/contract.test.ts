import { describe, expect, it } from 'vitest';
import { checkedHost, hostEventSchema, hostMethods, type BudgetHost } from './contract';

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
    openRecent: async () => ({ cancelled: true }),
    setTitle: async () => undefined,
    setDirty: async () => undefined,
    onEvent: () => () => undefined,
    onBeforeClose: () => () => undefined,
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
    const methods = Object.keys(fakeHost()).filter((k) => k !== 'kind' && k !== 'onEvent' && k !== 'onBeforeClose').sort();
    expect(Object.keys(hostMethods).sort()).toEqual(methods);
  });
});
