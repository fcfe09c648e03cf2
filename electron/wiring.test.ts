/**
 * The thin Electron files, loaded with a fake 'electron' module: main registers a handler for every
 * contract channel (and nothing else), builds the locked-down window, serves app:// with the guard,
 * denies navigation and popups, checks IPC senders, hands a second instance's file to the editor and
 * asks the editor before closing with unsaved changes. The preload bundle exposes exactly the contract.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_BEFORE_CLOSE_CHANNEL, HOST_EVENT_CHANNEL, HOST_GLOBAL, hostMethods } from '../shared/host/contract';
import { HOST_BEFORE_CLOSE_REPLY_CHANNEL, HOST_SNAPSHOT_REPLY_CHANNEL, LISTEN_CHANNELS } from './bridge/channels';
import { APP_ENTRY_URL, secureWebPreferences } from './main/security';

interface FakeWebContents extends EventEmitter {
  id: number;
  sent: Array<[string, unknown]>;
  send(channel: string, payload: unknown): void;
  isCrashed(): boolean;
  setWindowOpenHandler(fn: () => unknown): void;
  windowOpenHandler?: () => unknown;
}

const fake = vi.hoisted(() => {
  const state = {
    lock: true,
    userData: '',
    windows: [] as Array<{ options: Record<string, unknown>; win: unknown }>,
    ipc: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    protocolHandlers: new Map<string, (req: { url: string; method: string }) => Promise<Response>>(),
    privileged: [] as unknown[],
    menus: [] as unknown[],
    quit: 0,
    messageBoxes: [] as unknown[],
  };
  return { state };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    setName: vi.fn(),
    setAppUserModelId: vi.fn(),
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => fake.state.lock,
    whenReady: () => Promise.resolve(),
    quit: vi.fn(() => {
      fake.state.quit += 1;
    }),
    exit: vi.fn(),
    getPath: (name: string) => (name === 'userData' ? fake.state.userData : path.join(fake.state.userData, name)),
  });
  let nextId = 1;
  class BrowserWindow extends Emitter {
    webContents: FakeWebContents;
    title = '';
    destroyed = false;
    closeCalls = 0;
    loadedUrl = '';
    constructor(options: Record<string, unknown>) {
      super();
      const wc = Object.assign(new Emitter(), {
        id: nextId++,
        sent: [] as Array<[string, unknown]>,
        send(channel: string, payload: unknown) {
          wc.sent.push([channel, payload]);
        },
        isCrashed: () => false,
        setWindowOpenHandler(fn: () => unknown) {
          wc.windowOpenHandler = fn;
        },
      }) as FakeWebContents;
      this.webContents = wc;
      fake.state.windows.push({ options, win: this });
      app.emit('web-contents-created', {}, wc);
    }
    isDestroyed() {
      return this.destroyed;
    }
    setTitle(t: string) {
      this.title = t;
    }
    setDocumentEdited() {}
    setRepresentedFilename() {}
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus() {}
    close() {
      this.closeCalls += 1;
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) this.destroyed = true;
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
  }
  return {
    app,
    BrowserWindow,
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true })),
      showMessageBox: vi.fn(async (_win: unknown, o: unknown) => {
        fake.state.messageBoxes.push(o);
        return { response: 0 };
      }),
      showErrorBox: vi.fn(),
    },
    ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => fake.state.ipc.set(channel, fn) },
    Menu: {
      buildFromTemplate: (t: unknown) => ({ template: t }),
      setApplicationMenu: (m: unknown) => fake.state.menus.push(m),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => fake.state.privileged.push(...s),
      handle: (scheme: string, fn: (req: { url: string; method: string }) => Promise<Response>) => fake.state.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: Object.assign(new Emitter(), {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      }),
    },
  };
});

type FakeWindow = EventEmitter & { webContents: FakeWebContents; title: string; closeCalls: number; destroyed: boolean; loadedUrl: string };

let tmp: string;
beforeEach(async () => {
  vi.resetModules();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'wiring-'));
  Object.assign(fake.state, { lock: true, userData: path.join(tmp, 'userData'), windows: [], privileged: [], menus: [], quit: 0, messageBoxes: [] });
  fake.state.ipc.clear();
  fake.state.protocolHandlers.clear();
});
afterEach(async () => {
  const { app } = await import('electron');
  app.removeAllListeners();
  await fs.rm(tmp, { recursive: true, force: true });
});

async function startMain(): Promise<FakeWindow> {
  await import('./main');
  await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
  const win = fake.state.windows[0]!.win as FakeWindow;
  await vi.waitFor(() => expect(win.loadedUrl).toBe(APP_ENTRY_URL));
  return win;
}

function ipcEvent(win: FakeWindow, frameUrl = APP_ENTRY_URL) {
  return { sender: win.webContents, senderFrame: { url: frameUrl, parent: null } };
}

describe('main process wiring', () => {
  it('registers exactly the contract channels and the reply channels', async () => {
    await startMain();
    expect([...fake.state.ipc.keys()].sort()).toEqual(
      [...Object.keys(hostMethods).map((m) => `budgetHost:${m}`), HOST_BEFORE_CLOSE_REPLY_CHANNEL, HOST_SNAPSHOT_REPLY_CHANNEL].sort(),
    );
  });

  it('creates one locked-down window on app://, with a Chinese menu', async () => {
    const win = await startMain();
    const prefs = fake.state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toEqual(secureWebPreferences(prefs.preload as string, { devTools: true }));
    expect(path.basename(prefs.preload as string)).toBe('preload.cjs');
    expect(fake.state.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const menu = fake.state.menus.at(-1) as { template: Array<{ label: string }> };
    expect(menu.template.map((m) => m.label).slice(-4)).toEqual(
      process.platform === 'darwin' ? ['编辑', '视图', '窗口', '帮助'] : ['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)'],
    );
    expect(win.title).toBe('');

    const serve = fake.state.protocolHandlers.get('app')!;
    expect((await serve({ url: 'app://bundle/../../etc/passwd', method: 'GET' })).status).toBe(403);
  });

  it('denies navigation away from the app and every new window', async () => {
    const win = await startMain();
    const preventDefault = vi.fn();
    win.webContents.emit('will-navigate', { url: 'https://example.com/', preventDefault });
    win.webContents.emit('will-redirect', { url: 'file:///etc/passwd', preventDefault });
    expect(preventDefault).toHaveBeenCalledTimes(2);
    const allowed = vi.fn();
    win.webContents.emit('will-navigate', { url: 'app://bundle/index.html', preventDefault: allowed });
    expect(allowed).not.toHaveBeenCalled();
    expect(win.webContents.windowOpenHandler?.()).toEqual({ action: 'deny' });
    const attach = vi.fn();
    win.webContents.emit('will-attach-webview', { preventDefault: attach });
    expect(attach).toHaveBeenCalled();
  });

  it('checks the sender of IPC calls and applies title and dirty state', async () => {
    const win = await startMain();
    const setTitle = fake.state.ipc.get('budgetHost:setTitle')!;
    expect(await setTitle(ipcEvent(win, 'https://evil.example/'), 'x')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await setTitle({ sender: { id: 999 }, senderFrame: { url: APP_ENTRY_URL, parent: null } }, 'x')).toMatchObject({ ok: false });
    expect(await setTitle(ipcEvent(win), 42)).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await setTitle(ipcEvent(win), '预算')).toEqual({ ok: true, value: undefined });
    expect(await fake.state.ipc.get('budgetHost:setDirty')!(ipcEvent(win), true)).toEqual({ ok: true, value: undefined });
    expect(win.title).toBe('• 预算 — 部门预算编制器');
  });

  it('asks the editor before closing with unsaved changes and closes when it agrees', async () => {
    const win = await startMain();
    await fake.state.ipc.get('budgetHost:setDirty')!(ipcEvent(win), true);
    const preventDefault = vi.fn();
    win.emit('close', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    const ask = win.webContents.sent.find(([c]) => c === HOST_BEFORE_CLOSE_CHANNEL);
    expect(ask).toEqual([HOST_BEFORE_CLOSE_CHANNEL, { requestId: expect.any(Number) }]);
    const { requestId } = ask![1] as { requestId: number };
    await fake.state.ipc.get(HOST_BEFORE_CLOSE_REPLY_CHANNEL)!(ipcEvent(win), requestId, true);
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
  });

  it('at start removes temp files that killed autosaves left in the recovery folder', async () => {
    const recoveryDir = path.join(tmp, 'userData', 'recovery');
    await fs.mkdir(recoveryDir, { recursive: true });
    await fs.writeFile(path.join(recoveryDir, 'recovery-abc.json.保存中-2147480000-abcdefabcdef.tmp'), 'killed autosave');
    await startMain();
    await vi.waitFor(async () => expect(await fs.readdir(recoveryDir)).toEqual([]));
  });

  it('a second launch hands its file to the editor of the first', async () => {
    const file = path.join(tmp, '第二个.budget');
    await fs.writeFile(file, '{"second":true}');
    const win = await startMain();
    const { app } = await import('electron');
    app.emit('second-instance', {}, ['/opt/budget-tables/budget-tables', '--flag', '第二个.budget'], tmp);
    await new Promise((r) => setTimeout(r, 20));
    expect(win.webContents.sent.filter(([c]) => c === HOST_EVENT_CHANNEL)).toEqual([]); // page not loaded yet: queued
    win.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(win.webContents.sent.some(([c]) => c === HOST_EVENT_CHANNEL)).toBe(true));
    const [, event] = win.webContents.sent.find(([c]) => c === HOST_EVENT_CHANNEL)!;
    expect(event).toMatchObject({ type: 'openFile', file: { name: '第二个.budget', path: file } });
    expect(new TextDecoder().decode((event as { file: { bytes: Uint8Array } }).file.bytes)).toBe('{"second":true}');
  });

  it('a second instance quits at once and registers nothing', async () => {
    fake.state.lock = false;
    await import('./main');
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.state.quit).toBe(1);
    expect(fake.state.windows).toEqual([]);
    expect(fake.state.ipc.size).toBe(0);
  });
});

describe('preload (the shipped bundle)', () => {
  /**
   * The preload is bundled exactly as `npm run build:main` does and run as CommonJS with a fake
   * `require('electron')`: what the sandbox loads, not the source.
   */
  async function loadPreloadBundle() {
    const { build } = await import('esbuild');
    const { bundleOptions } = await import('./build/buildMain');
    const out = await build({ ...bundleOptions(path.resolve(__dirname, '..')).preload, write: false, sourcemap: false });
    const code = out.outputFiles.find((f) => f.path.endsWith('.cjs'))!.text;
    const exposed: Array<[string, Record<string, unknown>]> = [];
    const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
    const invoked: unknown[][] = [];
    const required: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push([name, api]) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: [] }),
        on: (channel: string, fn: (event: unknown, payload: unknown) => void) => listeners.set(channel, fn),
      },
    };
    const fakeRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
    return { exposed, listeners, invoked, required };
  }

  it(`exposes exactly the contract's methods as window.${HOST_GLOBAL} and listens only to its channels`, async () => {
    const { exposed, listeners, invoked, required } = await loadPreloadBundle();
    expect(required).toEqual(['electron']);
    expect(exposed).toHaveLength(1);
    const [name, api] = exposed[0]!;
    expect(name).toBe(HOST_GLOBAL);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(hostMethods), 'kind', 'onEvent', 'onBeforeClose', 'onSnapshotRequest'].sort());
    expect(api.kind).toBe('desktop');
    expect([...listeners.keys()].sort()).toEqual([...LISTEN_CHANNELS].sort());

    await expect((api.recentFiles as () => Promise<unknown>)()).resolves.toEqual([]);
    expect(invoked).toEqual([['budgetHost:recentFiles']]);

    // the page never receives the IPC event object
    const seen: unknown[] = [];
    (api.onEvent as (l: (e: unknown) => void) => void)((e) => seen.push(e));
    listeners.get(HOST_EVENT_CHANNEL)!({ sender: 'the ipcRenderer' }, { type: 'command', command: 'save' });
    expect(seen).toEqual([{ type: 'command', command: 'save' }]);
  });
});

describe('main (the shipped bundle)', () => {
  it('loads as CommonJS, registers the app scheme before ready and quits as a second instance', async () => {
    const { build } = await import('esbuild');
    const { createRequire } = await import('node:module');
    const { bundleOptions } = await import('./build/buildMain');
    const out = await build({ ...bundleOptions(path.resolve(__dirname, '..')).main, write: false, sourcemap: false });
    const code = out.outputFiles.find((f) => f.path.endsWith('.cjs'))!.text;
    const calls: unknown[][] = [];
    const { EventEmitter: Emitter } = await import('node:events');
    const electron = {
      app: Object.assign(new Emitter(), {
        isPackaged: true,
        setName: (n: string) => calls.push(['setName', n]),
        setAppUserModelId: () => undefined,
        requestSingleInstanceLock: () => false,
        whenReady: () => new Promise(() => undefined),
        quit: () => calls.push(['quit']),
      }),
      protocol: { registerSchemesAsPrivileged: (schemes: unknown) => calls.push(['schemes', schemes]) },
    };
    const nodeRequire = createRequire(import.meta.url);
    const fakeRequire = (id: string) => (id === 'electron' ? electron : nodeRequire(id));
    const module = { exports: {} };
    new Function('require', 'module', 'exports', '__dirname', '__filename', code)(fakeRequire, module, module.exports, '/opt/app/dist/electron', '/opt/app/dist/electron/main.cjs');
    expect(calls).toEqual([['schemes', [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]], ['setName', '部门预算编制器'], ['quit']]);
  });
});
