/**
 * End-to-end: files the host hands the editor, in Chromium, through a host installed as
 * `window.budgetHost` before the editor starts (the way the Electron preload does).
 *
 * - An Excel workbook from the command line (initialFile) or the 打开 dialog opens through the Excel
 *   import as an unsaved document with the workbook's totals; 保存 asks where (另存为) and writes a .budget.
 * - A save the host refuses (the file is open in Excel/WPS) is shown to the clerk and the document
 *   stays unsaved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { EditorPage } from './pages/EditorPage';
import { REPO } from './support/build';
import { startSession, type E2eSession } from './support/session';

const SAMPLE_TEXT = readFileSync(join(REPO, 'resources/samples/shenzhen-xinfang-2020.budget'), 'utf8');
const WAGES = 'e:e-30101'; // 基本工资, 1,011 万元 in the sample
const WORKBOOK_NAME = '深圳市信访局2020年部门预算.xlsx';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LOCKED = '无法保存“深圳市信访局2020年部门预算.budget”：文件正被其他程序（如 Excel、WPS）打开，请关闭后重试';

let session: E2eSession;
/** The sample with 基本工资 raised to 1,100 万元, exported as the official workbook. */
let workbook: Buffer;

beforeAll(async () => {
  const parsed = parseBudgetFile(SAMPLE_TEXT, 'sample.budget');
  if (!parsed.ok) throw new Error(parsed.error.message);
  const doc = structuredClone(parsed.doc);
  doc.economicLines.byId['e-30101']!.amounts.generalFunding = 1_100_000_000 as never; // 分
  const exported = await exportWorkbook(doc, { force: true });
  if (!exported.ok) throw new Error(exported.error.message);
  workbook = Buffer.from(exported.bytes);
  session = await startSession();
}, 240_000);

afterAll(async () => {
  await session?.close();
});

interface HostSpec {
  kind: 'browser' | 'desktop';
  initial: { url: string; name: string; path?: string } | null;
  /** saveDocument / saveDocumentAs reject with this message. */
  saveError: string | null;
}

interface RecordedSave {
  method: 'saveDocument' | 'saveDocumentAs';
  suggestedName: string;
  path?: string;
  text: string;
}

/** Installs a host before the editor's scripts; saves are recorded in `window.__saves`. */
async function installHost(page: Page, spec: HostSpec): Promise<void> {
  await page.addInitScript((s: HostSpec) => {
    const w = window as unknown as { budgetHost: unknown; __saves: unknown[] };
    w.__saves = [];
    const cancelled = async () => ({ cancelled: true });
    const save = (method: string) => async (req: { bytes: Uint8Array; suggestedName: string; path?: string }) => {
      w.__saves.push({ method, suggestedName: req.suggestedName, path: req.path, text: new TextDecoder().decode(req.bytes) });
      if (s.saveError) throw new Error(s.saveError);
      const path = req.path ?? `/docs/${req.suggestedName}`;
      return { cancelled: false, name: path.split('/').pop(), path };
    };
    w.budgetHost = {
      kind: s.kind,
      initialFile: async () => {
        if (!s.initial) return null;
        const res = await fetch(s.initial.url);
        return { name: s.initial.name, ...(s.initial.path ? { path: s.initial.path } : {}), bytes: new Uint8Array(await res.arrayBuffer()) };
      },
      openDocument: cancelled,
      saveDocument: save('saveDocument'),
      saveDocumentAs: save('saveDocumentAs'),
      importFile: cancelled,
      exportFile: cancelled,
      recentFiles: async () => [],
      codeLists: async () => [],
      storeCodeList: async () => undefined,
      openRecent: cancelled,
      setTitle: async (t: string) => {
        document.title = t;
      },
      setDirty: async () => undefined,
      onEvent: () => () => undefined,
      onBeforeClose: () => () => undefined,
      onSnapshotRequest: () => () => undefined,
    };
  }, spec);
}

async function serve(page: Page, urlPath: string, body: Buffer | string, contentType: string): Promise<string> {
  const url = new URL(urlPath, session.server.url).toString();
  await page.route(url, (route) => route.fulfill({ status: 200, body, contentType }));
  return url;
}

const recordedSaves = (page: Page) => page.evaluate(() => (window as unknown as { __saves: RecordedSave[] }).__saves);

describe('files from the host (Chromium)', () => {
  it('opens an Excel workbook from the command line as an unsaved document; 保存 asks where and writes a .budget', async () => {
    const page = await session.newPage();
    const url = await serve(page, '/__e2e/workbook.xlsx', workbook, XLSX_MIME);
    await installHost(page, { kind: 'desktop', initial: { url, name: WORKBOOK_NAME, path: `/docs/${WORKBOOK_NAME}` }, saveError: null });
    const editor = new EditorPage(page, session.server.url);
    // The workbook is read by the xlsx worker before the editor shows it (slow on a loaded machine).
    await page.goto(`${session.server.url}?table=T4`);
    await page.waitForFunction(() => !!document.querySelector('.grid-wrapper .ag-row'), undefined, { timeout: 90_000 });

    // The workbook's figures, not the bundled sample's (基本工资 1,011 → 1,100, total 1,964 → 2,053).
    expect(await editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    expect(await editor.grid.text('dept', 'total')).toBe('2,053');
    expect(await editor.saveState()).toBe('有未保存的修改');
    expect(await page.title()).toBe(`${WORKBOOK_NAME} * — 部门预算编制器`);
    expect(await editor.statusMessage()).toContain(`已打开 Excel 工作簿“${WORKBOOK_NAME}”`);
    expect(await page.evaluate(() => window.__budgetApp!.store.file)).toEqual({ name: WORKBOOK_NAME }); // never the workbook's path

    // 保存: there is no .budget file yet, so the desktop host is asked to 另存为, with a .budget name.
    await editor.toolbar.click('保存');
    await expect.poll(() => editor.saveState()).toBe('已保存');
    const saves = await recordedSaves(page);
    expect(saves.map((s) => [s.method, s.suggestedName, s.path])).toEqual([['saveDocumentAs', '深圳市信访局2020年部门预算.budget', undefined]]);
    const saved = parseBudgetFile(saves[0]!.text, 'saved.budget');
    expect(saved.ok && saved.doc.economicLines.byId['e-30101']!.amounts.generalFunding).toBe(1_100_000_000);
    expect(await page.title()).toBe('深圳市信访局2020年部门预算.budget — 部门预算编制器');
    await page.close();
  }, 120_000);

  it('opens an Excel workbook picked in the 打开 dialog (browser host)', async () => {
    const page = await session.newPage();
    const editor = new EditorPage(page, session.server.url);
    await editor.open('?table=T4');
    expect(await editor.grid.text('dept', 'total')).toBe('1,964'); // the bundled sample
    await editor.toolbar.chooseFile('打开', { name: WORKBOOK_NAME, mimeType: XLSX_MIME, buffer: workbook });
    await expect.poll(() => editor.grid.text('dept', 'total'), { timeout: 60_000 }).toBe('2,053');
    expect(await editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    expect(await editor.saveState()).toBe('有未保存的修改');
    await editor.tables.open('表1');
    const incomeTotal = page.locator('.grid-wrapper .ag-row', { hasText: '收 入 总 计' }).first().locator('.ag-cell[col-id="inAmount"]');
    expect(await incomeTotal.innerText()).toBe('3,380');
    await page.close();
  }, 120_000);

  it('shows a refused save to the clerk and keeps the document unsaved', async () => {
    const page = await session.newPage();
    const url = await serve(page, '/__e2e/doc.budget', SAMPLE_TEXT, 'application/json');
    const docPath = '/docs/深圳市信访局2020年部门预算.budget';
    await installHost(page, { kind: 'desktop', initial: { url, name: '深圳市信访局2020年部门预算.budget', path: docPath }, saveError: LOCKED });
    const editor = new EditorPage(page, session.server.url);
    await editor.open('?table=T4');
    await editor.grid.type(WAGES, 'generalFunding', '1200');
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,200');
    expect(await editor.saveState()).toBe('有未保存的修改');

    await page.keyboard.press('Control+S');
    const dialog = page.locator('.dialog[aria-label="保存失败"]');
    await dialog.waitFor();
    expect(await dialog.locator('.dialog-message').innerText()).toContain(LOCKED);
    expect(await editor.statusMessage()).toBe(LOCKED);
    expect(await page.locator('.status-message').getAttribute('role')).toBe('alert');
    expect(await editor.saveState()).toBe('有未保存的修改');
    expect(await page.title()).toBe('深圳市信访局2020年部门预算.budget * — 部门预算编制器');
    const saves = await recordedSaves(page);
    expect(saves.map((s) => [s.method, s.path])).toEqual([['saveDocument', docPath]]); // in place, as the file has a path

    await editor.dialog.press('确定');
    await dialog.waitFor({ state: 'detached' });
    expect(await editor.saveState()).toBe('有未保存的修改');
    await page.close();
  }, 120_000);

  it('logged no console errors', () => {
    expect(session.errors).toEqual([]);
  });
});
