/**
 * End-to-end: Excel through the xlsx worker — export the sample (a download that is a valid
 * workbook), import that workbook into the open document (one undo step) and see the same totals;
 * the same with a legacy .xls (tests/xlsx/fixtures/budget-2020.xls).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import type { Fen } from '../../shared/money/fen';
import { smallBudget } from '../xlsx/helpers';
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
        // Unit and decimals: the document's own (万元, 0 decimals) are preset.
        expect(await page.locator('.dialog-field', { hasText: '金额单位' }).locator('select').inputValue()).toBe('wan');
        expect(await page.locator('.dialog-field', { hasText: '小数位数' }).locator('select').inputValue()).toBe('0');
        await editor.dialog.press('导出');
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
    await expect.poll(() => editor.grid.text('dept', 'total')).toBe('2,955'); // 1,682 − 1,011 + 2,000 + 163 + 121 printed
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
    await expect.poll(() => editor.grid.text('dept', 'total')).toBe('2,955');
    await page.close();
  }, 180_000);

  it('a workbook in 万元 with 2 decimals shows 2 decimals in the grid, and 导出Excel offers 2', async () => {
    const doc = smallBudget();
    doc.department.displayUnit = 'wan';
    doc.economicLines.byId.a1!.amounts.generalFunding = 123_455_000 as Fen; // 123.455 万元
    doc.economicLines.byId.a2!.amounts.generalFunding = 22_225_000 as Fen; // 22.225 万元
    const published = await exportWorkbook(doc, { audit: false, metadata: false, decimals: 2 });
    if (!published.ok) throw new Error('export refused');
    const page = await session.newPage();
    const editor = new EditorPage(page, session.server.url);
    await editor.open('?table=T4');
    await editor.toolbar.chooseFile('导入Excel', { name: '两位小数.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(published.bytes) });
    const cells = page.locator('.grid-wrapper .ag-cell[col-id="generalFunding"]');
    await expect.poll(() => cells.filter({ hasText: /^123\.46$/ }).count(), { timeout: 60_000 }).toBe(1);
    // 工资福利支出 as printed: 145.68 (its parts print 123.46 + 22.23 = 145.69).
    const wages = await page.locator('.grid-wrapper .ag-row', { hasText: '工资福利支出' }).first().getAttribute('row-id');
    expect(await editor.grid.text(wages!, 'generalFunding')).toBe('145.68');
    await session.screenshot(page, 'two-decimals');
    await editor.toolbar.click('导出Excel');
    expect(await page.locator('.dialog-field', { hasText: '小数位数' }).locator('select').inputValue()).toBe('2');
    await editor.dialog.press('取消');
    await page.close();
  }, 180_000);

  it('imports a legacy .xls through the worker (the BIFF library loaded on demand) with the same totals', async () => {
    const page = await session.newPage();
    const editor = new EditorPage(page, session.server.url);
    await editor.open('?table=T4');
    await editor.grid.type('e:e-30101', 'generalFunding', '2000');
    await expect.poll(() => editor.grid.text('dept', 'total')).toBe('2,955'); // 1,682 − 1,011 + 2,000 + 163 + 121 printed
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
