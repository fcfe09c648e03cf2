/**
 * End-to-end: Excel through the xlsx worker — export the sample (a download that is a valid
 * workbook), import that workbook into the open document (one undo step) and see the same totals;
 * the same with a legacy .xls (tests/xlsx/fixtures/budget-2020.xls).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { EditorPage } from './pages/EditorPage';
import { startSession, type E2eSession } from './support/session';

let session: E2eSession;

beforeAll(async () => {
  session = await startSession();
}, 240_000);

afterAll(async () => {
  await session?.close();
});

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('Excel (Chromium)', () => {
  it('exports a valid workbook and imports it back with the same totals', async () => {
    const page = await session.newPage();
    const editor = new EditorPage(page, session.server.url);
    await editor.open('?table=T1');
    const incomeTotal = () => page.locator('.grid-wrapper .ag-row', { hasText: '收 入 总 计' }).first().locator('.ag-cell[col-id="inAmount"]').innerText();
    expect(await incomeTotal()).toBe('3,380');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      (async () => {
        await editor.toolbar.click('导出Excel');
        // The sample may carry 强制性 findings: then the editor asks, and we insist.
        const insist = page.locator('.dialog button', { hasText: '仍要导出' });
        await insist.waitFor({ timeout: 60_000 }).then(() => insist.click(), () => undefined);
      })(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const readBack = await importWorkbook(new Uint8Array(bytes), { fileName: download.suggestedFilename() });
    expect(readBack.ok).toBe(true);
    if (readBack.ok) expect(readBack.doc.department.name).toBe('深圳市信访局');

    // Change something, then import the exported workbook into the open document: totals come back.
    await editor.tables.open('表4');
    await editor.grid.type('e:e-30101', 'generalFunding', '2000');
    await expect.poll(() => editor.grid.text('dept', 'total')).toBe('2,953');
    await editor.toolbar.chooseFile('导入Excel', { name: download.suggestedFilename(), mimeType: XLSX_MIME, buffer: bytes });
    await expect.poll(() => editor.grid.text('dept', 'total'), { timeout: 60_000 }).toBe('1,964');
    expect(await editor.grid.text('e:e-30101', 'generalFunding')).not.toBe('2,000');
    await editor.tables.open('表1');
    expect(await incomeTotal()).toBe('3,380');
    await session.screenshot(page, 'excel-imported');
    // The import is one undo step.
    await page.locator('body').click({ position: { x: 5, y: 990 } });
    await editor.undo();
    await editor.tables.open('表4');
    await expect.poll(() => editor.grid.text('dept', 'total')).toBe('2,953');
    await page.close();
  }, 180_000);

  it('imports a legacy .xls through the worker (the BIFF library loaded on demand) with the same totals', async () => {
    const page = await session.newPage();
    const editor = new EditorPage(page, session.server.url);
    await editor.open('?table=T4');
    await editor.grid.type('e:e-30101', 'generalFunding', '2000');
    await expect.poll(() => editor.grid.text('dept', 'total')).toBe('2,953');
    const xls = readFileSync(fileURLToPath(new URL('../xlsx/fixtures/budget-2020.xls', import.meta.url)));
    await editor.toolbar.chooseFile('导入Excel', { name: '2020年预算.xls', mimeType: 'application/vnd.ms-excel', buffer: xls });
    await expect.poll(() => editor.grid.text('dept', 'total'), { timeout: 60_000 }).toBe('1,964');
    expect(await editor.grid.text('e:e-30101', 'generalFunding')).not.toBe('2,000');
    await page.close();
  }, 180_000);

  it('logged no console errors', () => {
    expect(session.errors).toEqual([]);
  });
});
