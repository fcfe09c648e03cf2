/**
 * The desktop bridge in Debian Chromium: the built editor, served with the headers of main's app://
 * protocol handler (strict CSP included), gets `window.budgetHost` from the preload's own code
 * (electron/bridge/desktopHost.ts via electron/testing/bridgeInit.ts), whose IPC calls are Playwright
 * bindings answered by the same router, file handlers and document session main registers
 * (electron/main/hostServices.ts). Only the native dialogs are fakes returning temp paths.
 *
 * Open the sample from disk (a temp copy passed as the launch file), edit a cell, autosave (the
 * recovery file holds the edit), save through the 文件 → 保存 menu command, reload, reopen through
 * 文件 → 打开, and the edit is there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { buildGraph } from '../../shared/compute/buildGraph';
import { readPath } from '../../shared/compute/evaluate';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import { createRecoveryStore } from '../../electron/files/recovery';
import { RECOVERY_DOC_ID } from '../../electron/main/documentSession';
import type { DialogPort } from '../../electron/main/fileHandlers';
import { createHostServices, type HostServices } from '../../electron/main/hostServices';
import type { IpcSender } from '../../electron/main/ipcRouter';
import { createAppProtocolHandler } from '../../electron/main/protocolHandler';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { launchChromium, type LaunchedBrowser } from './support/browser';
import { DIST, REPO, ensureBuilt } from './support/build';

const WEB_CONTENTS_ID = 1;
const SAMPLE = path.join(REPO, 'resources/samples/shenzhen-xinfang-2020.budget');

/** An http server answering exactly as main's app:// handler does (same module, same headers). */
async function startAppServer(rootDir: string): Promise<{ origin: string; server: Server }> {
  const handle = createAppProtocolHandler({ rootDir });
  const server = createServer((req, res) => {
    void handle({ url: `${APP_ORIGIN}${req.url ?? '/'}`, method: req.method ?? 'GET' }).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

interface FakeDialogs extends DialogPort {
  openAnswers: string[];
  saveAnswers: string[];
  log: string[];
}

function fakeDialogs(): FakeDialogs {
  const d: FakeDialogs = {
    openAnswers: [],
    saveAnswers: [],
    log: [],
    async showOpenDialog(o) {
      d.log.push(`open:${o.title}`);
      const p = d.openAnswers.shift();
      return p ? { canceled: false, filePaths: [p] } : { canceled: true, filePaths: [] };
    },
    async showSaveDialog(o) {
      d.log.push(`save:${o.title}`);
      const p = d.saveAnswers.shift();
      return p ? { canceled: false, filePath: p } : { canceled: true };
    },
    async showMessageBox(o) {
      d.log.push(`message:${o.message}`);
      return { response: o.cancelId ?? 0 };
    },
  };
  return d;
}

let tmp: string;
let docPath: string;
let browser: LaunchedBrowser;
let app: { origin: string; server: Server };
let initScript: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  const bundled = await build({
    entryPoints: [path.join(REPO, 'electron/testing/bridgeInit.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  });
  initScript = bundled.outputFiles[0]!.text;
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bridge-'));
  await fs.mkdir(path.join(tmp, 'docs'));
  docPath = path.join(tmp, 'docs', '深圳市信访局2020年部门预算.budget');
  await fs.copyFile(SAMPLE, docPath);
  app = await startAppServer(DIST);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => app?.server.close(r));
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

/** Mirrors main's senderOf(event): the frame's URL as the app:// URL it would have in Electron. */
function senderOf(page: Page, frame: Frame): IpcSender {
  const url = frame.url();
  return {
    webContentsId: WEB_CONTENTS_ID,
    isMainFrame: frame === page.mainFrame(),
    frameUrl: url.startsWith(app.origin) ? `${APP_ORIGIN}${url.slice(app.origin.length)}` : url,
  };
}

async function openEditor(services: HostServices, page: Page): Promise<void> {
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    // zod probes `new Function` once and falls back when the CSP forbids eval; that refusal is expected.
    if (m.type() === 'error' && !/unsafe-eval|Evaluating a string as JavaScript/.test(m.text())) pageErrors.push(m.text());
  });
  await page.exposeBinding('__budgetBridgeInvoke', (source: { page: Page; frame: Frame }, channel: string, args: unknown[]) =>
    services.router.dispatch(channel, senderOf(source.page, source.frame), args),
  );
  await page.addInitScript({ content: initScript });
}

interface EditTarget {
  rowId: string;
  colId: string;
  key: string;
  before: number | null;
}

describe('desktop bridge in Chromium', () => {
  it('opens the sample from disk, edits, saves, reopens, and the edit is there', async () => {
    const dialogs = fakeDialogs();
    const titles: string[] = [];
    const page = await browser.context.newPage();
    const services = createHostServices({
      userDataDir: path.join(tmp, 'userData'),
      samplesDir: path.join(REPO, 'resources/samples'),
      documentsDir: () => path.join(tmp, 'docs'),
      launchPath: docPath,
      dialogs,
      window: { setTitle: (t) => titles.push(t) },
      sendToRenderer: (channel, payload) => {
        void page.evaluate(([c, p]) => (window as unknown as { __budgetBridgeEmit(c: string, p: unknown): void }).__budgetBridgeEmit(c, p), [channel, payload] as const);
        return true;
      },
      closeWindow: () => undefined,
      isOwnWebContents: (id) => id === WEB_CONTENTS_ID,
      log: (message, err) => pageErrors.push(`main: ${message} ${String(err)}`),
    });
    services.session.startAutosave(); // as main.ts does
    await openEditor(services, page);
    const response = await page.goto(`${app.origin}/index.html?table=T4`);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    // 1. The launch file is opened from disk, with its path (so 保存 writes there).
    await page.waitForFunction((p) => window.__budgetApp?.store.file?.path === p, docPath);
    await expect.poll(() => titles.at(-1)).toBe('深圳市信访局2020年部门预算.budget — 部门预算编制器');
    await page.locator('.ag-row .ag-cell').first().waitFor();

    // 2. Edit the first input cell of 表4 in the grid: type-to-replace, Enter.
    const target = await page.evaluate((): EditTarget | null => {
      const { store } = window.__budgetApp!;
      for (const row of store.table()!.rows) {
        for (const [colId, cell] of Object.entries(row.cells)) {
          if (cell.key && store.isInput(cell.key)) return { rowId: row.id, colId, key: cell.key, before: store.cellValue(cell.key) };
        }
      }
      return null;
    });
    expect(target).not.toBeNull();
    const { rowId, colId, key, before } = target!;
    const cell = page.locator(`.ag-row[row-id="${rowId.replace(/"/g, '\\"')}"] .ag-cell[col-id="${colId.replace(/"/g, '\\"')}"]`).first();
    await cell.click();
    await page.keyboard.type('123');
    await page.keyboard.press('Enter');
    const unit = await page.evaluate(() => window.__budgetApp!.store.unit);
    const edited = 123 * (unit === 'wan' ? 1_000_000 : 100);
    expect(edited).not.toBe(before);
    await page.waitForFunction(([k, v]) => window.__budgetApp!.store.cellValue(k) === v, [key, edited] as const);
    await expect.poll(() => titles.at(-1)).toBe('• 深圳市信访局2020年部门预算.budget — 部门预算编制器');

    // 2b. Autosave (every 30 s / on blur): main asks the editor for its document over the bridge, and
    // the recovery file holds the edit, with the file's path for restoring.
    const recovery = createRecoveryStore(path.join(tmp, 'userData', 'recovery'));
    expect(await recovery.load(RECOVERY_DOC_ID)).toBeNull();
    await services.session.onBlur();
    const autosaved = await recovery.load(RECOVERY_DOC_ID);
    expect(autosaved?.sourcePath).toBe(docPath);
    const recovered = parseBudgetFile(autosaved!.content, 'recovery');
    if (!recovered.ok) throw new Error(recovered.error.message);
    const { graph } = buildGraph(recovered.doc);
    expect(readPath(recovered.doc, graph.inputPath[graph.idOf(key)!]!)).toBe(edited);

    // 3. 文件 → 保存 (the menu sends the command): written in place, old version kept as .bak.
    const original = await fs.readFile(SAMPLE, 'utf8');
    services.sendCommand('save');
    await expect.poll(() => titles.at(-1), { timeout: 15_000 }).toBe('深圳市信访局2020年部门预算.budget — 部门预算编制器');
    expect(dialogs.log).toEqual([]); // no dialog: the path was handed out by main
    const saved = await fs.readFile(docPath, 'utf8');
    expect(saved).not.toBe(original);
    expect(parseBudgetFile(saved, 'saved').ok).toBe(true);
    expect(await fs.readFile(`${docPath}.bak`, 'utf8')).toBe(original);
    expect((await fs.readdir(path.dirname(docPath))).sort()).toEqual([path.basename(docPath), `${path.basename(docPath)}.bak`]);
    // The work is in the file now: the recovery copy is gone.
    await expect.poll(() => recovery.load(RECOVERY_DOC_ID)).toBeNull();

    // 4. Reload: the editor starts over with the bundled sample (the launch file was handed out once)…
    await page.reload();
    // (`file` is null until a document is open: wait for the sample's, which has a name and no path.)
    await page.waitForFunction(() => !!window.__budgetApp?.store.file && !window.__budgetApp.store.file.path);
    expect(await page.evaluate((k) => window.__budgetApp!.store.cellValue(k), key)).toBe(before);

    // …then 文件 → 打开 picks the saved file from disk, and the edit is there.
    dialogs.openAnswers.push(docPath);
    services.sendCommand('open');
    await page.waitForFunction((p) => window.__budgetApp?.store.file?.path === p, docPath);
    expect(dialogs.log).toEqual(['open:打开']);
    expect(await page.evaluate((k) => window.__budgetApp!.store.cellValue(k), key)).toBe(edited);
    await expect.poll(() => cell.textContent()).toMatch(/123/);
    expect((await services.handlers.recentFiles()).map((r) => r.id)).toContain(docPath);

    // 5. A failed save reaches the page as main's Chinese message, and the file stays as it was.
    await fs.chmod(docPath, 0o444);
    const failure = await page.evaluate(async (p) => {
      const host = (window as unknown as { budgetHost: { saveDocument(r: unknown): Promise<unknown> } }).budgetHost;
      try {
        await host.saveDocument({ bytes: new TextEncoder().encode('{}'), suggestedName: 'x.budget', path: p });
        return 'saved';
      } catch (e) {
        return (e as Error).message;
      }
    }, docPath);
    expect(failure).toBe('无法保存“深圳市信访局2020年部门预算.budget”：文件已设为只读');
    expect(await fs.readFile(docPath, 'utf8')).toBe(saved);

    // 6. Calls the router refuses: unknown channel, malformed payload.
    const refused = await page.evaluate(async () => {
      const w = window as unknown as { __budgetBridgeInvoke(c: string, a: unknown[]): Promise<{ ok: boolean; error?: { code: string } }> };
      return [(await w.__budgetBridgeInvoke('budgetHost:deleteEverything', [])).error?.code, (await w.__budgetBridgeInvoke('budgetHost:setDirty', ['yes'])).error?.code];
    });
    expect(refused).toEqual(['unknownChannel', 'invalidRequest']);

    expect(pageErrors).toEqual([]);
    await services.session.shutdown();
    await page.close();
  }, 120_000);
});
