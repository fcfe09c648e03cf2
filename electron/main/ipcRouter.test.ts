/**
 * The router with the real contract routes: unknown channels and foreign senders are refused,
 * malformed payloads (fuzzed) never reach a handler, handler failures come back as Chinese errors.
 */
import { describe, expect, it, vi } from 'vitest';
import * as fc from 'fast-check';
import { hostMethods, MAX_FILE_BYTES, type HostMethodName } from '../../shared/host/contract';
import { HOST_BEFORE_CLOSE_REPLY_CHANNEL, HOST_METHOD_NAMES, HOST_SNAPSHOT_REPLY_CHANNEL, hostChannel } from '../bridge/channels';
import { FileSaveError } from '../files/atomicWrite';
import { hostRoutes, type HostHandlers } from './hostRoutes';
import { createIpcRouter, type IpcSender } from './ipcRouter';

const OWN_ID = 7;
const goodSender: IpcSender = { webContentsId: OWN_ID, frameUrl: 'app://bundle/index.html', isMainFrame: true };

function validArgs(name: HostMethodName): unknown[] {
  const bytes = new Uint8Array([123, 125]);
  switch (name) {
    case 'saveDocument':
    case 'saveDocumentAs':
      return [{ bytes, suggestedName: '预算.budget', path: '/home/clerk/预算.budget' }];
    case 'importFile':
      return [{ kind: 'excel' }];
    case 'exportFile':
      return [{ bytes, suggestedName: '预算.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }];
    case 'openRecent':
      return ['/home/clerk/预算.budget'];
    case 'setTitle':
      return ['深圳市信访局2020年部门预算'];
    case 'setDirty':
      return [true];
    case 'storeCodeList':
      return [{ kind: 'procurement', year: 2022, title: '2022年品目', source: '', entries: [{ code: 'A', name: '货物', aliases: [] }] }];
    default:
      return [];
  }
}

function validResult(name: HostMethodName): unknown {
  switch (name) {
    case 'initialFile':
      return null;
    case 'openDocument':
    case 'importFile':
    case 'openRecent':
      return { cancelled: true };
    case 'saveDocument':
    case 'saveDocumentAs':
    case 'exportFile':
      return { cancelled: false, name: '预算.budget', path: '/home/clerk/预算.budget' };
    case 'recentFiles':
    case 'codeLists':
      return [];
    default:
      return undefined;
  }
}

function setup() {
  const calls: Array<{ name: string; args: unknown[] }> = [];
  const handlers = Object.fromEntries(
    HOST_METHOD_NAMES.map((name) => [
      name,
      vi.fn(async (...args: unknown[]) => {
        calls.push({ name, args });
        return validResult(name);
      }),
    ]),
  ) as unknown as HostHandlers;
  const replies: Array<[string, number, unknown]> = [];
  const onInternalError = vi.fn();
  const router = createIpcRouter({
    routes: hostRoutes({
      handlers,
      onBeforeCloseReply: (id, answer) => replies.push(['close', id, answer]),
      onSnapshotReply: (id, snap) => replies.push(['snapshot', id, snap]),
    }),
    isOwnWebContents: (id) => id === OWN_ID,
    onInternalError,
  });
  return { router, handlers, calls, replies, onInternalError };
}

describe('IPC router with the host contract', () => {
  it('registers exactly one channel per contract method plus the two reply channels', () => {
    const { router } = setup();
    expect([...router.channels].sort()).toEqual(
      [...Object.keys(hostMethods).map((m) => `budgetHost:${m}`), HOST_BEFORE_CLOSE_REPLY_CHANNEL, HOST_SNAPSHOT_REPLY_CHANNEL].sort(),
    );
  });

  it('passes valid calls to the handler and returns its result', async () => {
    const { router, calls } = setup();
    for (const name of HOST_METHOD_NAMES) {
      const reply = await router.dispatch(hostChannel(name), goodSender, validArgs(name));
      expect(reply, name).toEqual({ ok: true, value: validResult(name) });
    }
    expect(calls.map((c) => c.name)).toEqual(HOST_METHOD_NAMES);
    expect(calls.find((c) => c.name === 'setTitle')?.args).toEqual(['深圳市信访局2020年部门预算']);
  });

  it('refuses unknown channels', async () => {
    const { router, calls } = setup();
    for (const channel of ['budgetHost:writeAnyFile', 'budgetHost:', 'budgetHost:__proto__', 'budgetHost:constructor', 'toString', '']) {
      const reply = await router.dispatch(channel, goodSender, []);
      expect(reply.ok).toBe(false);
      expect(!reply.ok && reply.error.code, channel).toBe('unknownChannel');
    }
    expect(calls).toEqual([]);
  });

  it('refuses calls from other windows, iframes, and pages that are not the app', async () => {
    const { router, calls } = setup();
    const senders: IpcSender[] = [
      { ...goodSender, webContentsId: 8 },
      { ...goodSender, isMainFrame: false },
      { ...goodSender, frameUrl: null },
      { ...goodSender, frameUrl: 'https://evil.example/' },
      { ...goodSender, frameUrl: 'file:///C:/Users/clerk/Downloads/x.html' },
      { ...goodSender, frameUrl: 'app://other/index.html' },
    ];
    for (const sender of senders) {
      const reply = await router.dispatch(hostChannel('saveDocument'), sender, validArgs('saveDocument'));
      expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: '拒绝来自未知页面的请求' } });
    }
    expect(calls).toEqual([]);
  });

  it('never calls a handler with a payload the schema rejects (fuzzed payloads)', async () => {
    const { router, calls } = setup();
    const channels = [...router.channels];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channels),
        fc.array(fc.anything({ withTypedArray: true, withMap: true, withSet: true, withDate: true, withBigInt: true, withNullPrototype: true }), { maxLength: 3 }),
        async (channel, args) => {
          calls.length = 0;
          const reply = await router.dispatch(channel, goodSender, args);
          const name = channel.slice('budgetHost:'.length) as HostMethodName;
          const spec = hostMethods[name];
          if (spec && !spec.request.safeParse(args).success) {
            expect(reply.ok).toBe(false);
            expect(!reply.ok && reply.error.code).toBe('invalidRequest');
            expect(calls).toEqual([]);
          }
          if (reply.ok === false && reply.error.code !== 'invalidRequest') throw new Error(`unexpected ${reply.error.code}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('rejects valid payloads with one field broken (fuzzed mutations)', async () => {
    const { router, calls } = setup();
    const badValue = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer(),
      fc.string(),
      fc.array(fc.integer({ min: 0, max: 255 })), // bytes as a plain array is not a Uint8Array
      fc.constant({ length: 2, 0: 1, 1: 2 }),
      fc.string({ minLength: 5000, maxLength: 6000 }), // longer than any path or name allows
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('saveDocument', 'saveDocumentAs', 'exportFile', 'importFile') as fc.Arbitrary<HostMethodName>, fc.constantFrom('bytes', 'suggestedName', 'kind', 'mimeType'), badValue, async (name, field, value) => {
        const [req] = validArgs(name) as [Record<string, unknown>];
        if (!(field in req)) return;
        const mutated = { ...req, [field]: value };
        if (hostMethods[name].request.safeParse([mutated]).success) return; // e.g. a string that happens to be a valid name
        calls.length = 0;
        const reply = await router.dispatch(hostChannel(name), goodSender, [mutated]);
        expect(!reply.ok && reply.error.code).toBe('invalidRequest');
        expect(!reply.ok && reply.error.message).toMatch(/^请求“budgetHost:\w+”的内容不正确/);
        expect(calls).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // extra or missing arguments
    expect((await router.dispatch(hostChannel('setDirty'), goodSender, [true, 'extra'])).ok).toBe(false);
    expect((await router.dispatch(hostChannel('setDirty'), goodSender, [])).ok).toBe(false);
    expect((await router.dispatch(hostChannel('setDirty'), goodSender, ['true'])).ok).toBe(false);
    expect((await router.dispatch(hostChannel('importFile'), goodSender, [{ kind: 'pdf' }])).ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('routes before-close and snapshot replies only when well-formed', async () => {
    const { router, replies } = setup();
    expect(await router.dispatch(HOST_BEFORE_CLOSE_REPLY_CHANNEL, goodSender, [3, true])).toEqual({ ok: true, value: undefined });
    expect(await router.dispatch(HOST_BEFORE_CLOSE_REPLY_CHANNEL, goodSender, [4, null])).toEqual({ ok: true, value: undefined });
    expect((await router.dispatch(HOST_BEFORE_CLOSE_REPLY_CHANNEL, goodSender, [-1, true])).ok).toBe(false);
    expect((await router.dispatch(HOST_BEFORE_CLOSE_REPLY_CHANNEL, goodSender, [1.5, true])).ok).toBe(false);
    expect((await router.dispatch(HOST_SNAPSHOT_REPLY_CHANNEL, goodSender, [5, { bytes: 'not bytes', suggestedName: 'a' }])).ok).toBe(false);
    const snap = { bytes: new Uint8Array([1]), suggestedName: 'a.budget' };
    expect((await router.dispatch(HOST_SNAPSHOT_REPLY_CHANNEL, goodSender, [6, snap])).ok).toBe(true);
    expect(replies).toEqual([
      ['close', 3, true],
      ['close', 4, null],
      ['snapshot', 6, snap],
    ]);
  });

  it('refuses file contents above the size cap on every channel that carries bytes, before any handler', async () => {
    const { router, calls, replies } = setup();
    // Zero-filled and never touched: the pages stay unallocated.
    const tooBig = new Uint8Array(MAX_FILE_BYTES + 1);
    const atCap = tooBig.subarray(0, MAX_FILE_BYTES);
    const message = `第 0.bytes 项不正确：文件内容过大，最大支持 200 MB`;
    for (const name of ['saveDocument', 'saveDocumentAs', 'exportFile'] as const) {
      const [req] = validArgs(name) as [Record<string, unknown>];
      expect(await router.dispatch(hostChannel(name), goodSender, [{ ...req, bytes: tooBig }])).toEqual({
        ok: false,
        error: { code: 'invalidRequest', message: `请求“${hostChannel(name)}”的内容不正确：${message}` },
      });
    }
    const snapshot = { bytes: tooBig, suggestedName: 'a.budget' };
    expect(await router.dispatch(HOST_SNAPSHOT_REPLY_CHANNEL, goodSender, [1, snapshot])).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(calls).toEqual([]);
    expect(replies).toEqual([]);
    // exactly at the cap is accepted
    expect((await router.dispatch(hostChannel('saveDocument'), goodSender, [{ ...(validArgs('saveDocument')[0] as object), bytes: atCap }])).ok).toBe(true);
    expect(calls.map((c) => c.name)).toEqual(['saveDocument']);
  });

  it('returns a handler failure as a Chinese message with its classified reason', async () => {
    const { router, handlers, onInternalError } = setup();
    vi.mocked(handlers.saveDocument).mockRejectedValueOnce(
      new FileSaveError('locked', '/x/预算.budget', 'rename', '无法保存“预算.budget”：文件正被其他程序（如 Excel、WPS）占用，请关闭后重试'),
    );
    expect(await router.dispatch(hostChannel('saveDocument'), goodSender, validArgs('saveDocument'))).toEqual({
      ok: false,
      error: { code: 'failed', reason: 'locked', message: '无法保存“预算.budget”：文件正被其他程序（如 Excel、WPS）占用，请关闭后重试' },
    });
    expect(onInternalError).not.toHaveBeenCalled();

    vi.mocked(handlers.recentFiles).mockRejectedValueOnce(new TypeError('boom'));
    const reply = await router.dispatch(hostChannel('recentFiles'), goodSender, []);
    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: '内部错误：boom' } });
    expect(onInternalError).toHaveBeenCalledTimes(1);
  });

  it('refuses a handler result that does not match the contract', async () => {
    const { router, handlers } = setup();
    vi.mocked(handlers.openDocument).mockResolvedValueOnce({ cancelled: false } as never);
    const reply = await router.dispatch(hostChannel('openDocument'), goodSender, []);
    expect(!reply.ok && reply.error.code).toBe('invalidResponse');
  });
});
