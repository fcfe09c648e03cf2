/**
 * End-to-end, in Chromium at 1366×768 (a common office laptop): the words the clerk reads and the
 * code lists a clerk can live with (issue 15).
 *
 * - Places are named in table/row/column words, never by internal ids (表9's note, 表14's indicators,
 *   a deleted project); the export-with-errors dialog speaks of its own button, not of `--force`;
 *   a rolled-forward budget opens without 「减少100%」 warnings.
 * - 新建 for a year without its own code lists says which year's it uses; 导入代码表 reads the 2022
 *   procurement catalogue (../shared/codes, 4,304 entries) from a CSV, keeps it with the program's
 *   data (the browser's localStorage: still there after a reload) and offers it in the picker, which
 *   says 「无匹配」, marks codes already in the table and gives examples of its own kind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { EditorPage } from './pages/EditorPage';
import { REPO } from './support/build';
import { startSession, type E2eSession } from './support/session';

const CATALOGUE = join(REPO, '../shared/codes/procurement-catalogue-2022.csv');
const SAMPLE = join(REPO, 'resources/samples/shenzhen-xinfang-2020.budget');

let session: E2eSession;
/** Last year's budget as its official workbook (the file 从上年导入 reads). */
let lastYearWorkbook: Buffer;

beforeAll(async () => {
  const parsed = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample.budget');
  if (!parsed.ok) throw new Error(parsed.error.message);
  const exported = await exportWorkbook(parsed.doc, { force: true });
  if (!exported.ok) throw new Error(exported.error.message);
  lastYearWorkbook = Buffer.from(exported.bytes);
  session = await startSession();
}, 240_000);

afterAll(async () => {
  await session?.close();
});

async function openEditor(query = ''): Promise<EditorPage> {
  const page = await session.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  const editor = new EditorPage(page, session.server.url);
  await editor.open(query);
  return editor;
}

/** 新建 a budget of `year` for 测试局. */
async function newBudget(editor: EditorPage, year: number): Promise<void> {
  await editor.toolbar.click('新建');
  const dialog = editor.page.locator('.dialog[aria-label="新建部门预算"]');
  await dialog.waitFor();
  // The sample is unchanged: no question about saving first.
  await editor.dialog.fill('部门名称', '测试局');
  await editor.dialog.fill('预算年度', String(year));
  await editor.dialog.press('确定');
  await dialog.waitFor({ state: 'detached' });
}

const problemsText = async (editor: EditorPage): Promise<string> => {
  for (const group of ['强制性', '提示性'] as const) {
    if ((await editor.page.locator('.problems .group-title', { hasText: group }).count()) > 0) await editor.problems.expand(group);
  }
  return editor.problems.root.innerText();
};

describe('words the clerk uses (Chromium, 1366×768)', () => {
  it('names 表9’s note and 表14’s indicators in words, never by internal ids', async () => {
    const editor = await openEditor();
    await newBudget(editor, 2020);
    await editor.problems.waitChecked();
    const text = await problemsText(editor);
    expect(text).toContain('表9 · 表下注释');
    expect(text).toContain('表14 · 绩效指标 · 效益指标');
    expect(text).not.toMatch(/\bnote\b|\bindicators\b|：空/);
    await editor.page.close();
  }, 120_000);

  it('after a project is deleted, the row bar does not show its internal id', async () => {
    const editor = await openEditor('?table=T5');
    await editor.grid.select('p:p-zhuanxiang', 'name');
    await expect.poll(() => editor.page.locator('.structure-target').innerText()).toBe('当前：信访专项');
    await editor.page.locator('.structure-bar button', { hasText: '删除项目' }).click();
    await editor.dialog.press('删除');
    await expect.poll(() => editor.grid.rowIds('p:p-zhuanxiang').then((ids) => ids.length)).toBe(0);
    const bar = await editor.page.locator('.structure-bar').innerText();
    expect(bar).not.toContain('p-zhuanxiang');
    await editor.page.close();
  }, 120_000);

  it('the export-with-errors dialog speaks of its own button, not of --force', async () => {
    const editor = await openEditor();
    await editor.problems.waitChecked();
    await editor.toolbar.click('导出Excel');
    await editor.dialog.press('导出'); // the unit and decimals, as offered
    const dialog = editor.page.locator('.dialog[aria-label="仍有强制性审核错误"]');
    await dialog.waitFor({ timeout: 60_000 });
    const message = await dialog.locator('.dialog-message').innerText();
    expect(message).toContain('强制性错误');
    expect(message).toContain('“仍要导出”');
    expect(message).not.toContain('--force');
    await editor.dialog.press('取消');
    await editor.page.close();
  }, 120_000);

  it('messages follow the display unit, one unit per message', async () => {
    const editor = await openEditor();
    await editor.problems.waitChecked();
    const daizhifu = editor.problems.finding('待支付以前年度采购项目').first();
    await editor.problems.expand('强制性');
    expect(await daizhifu.innerText()).toContain('251 万元');
    await editor.page.locator('.unit-toggle button', { hasText: /^元$/ }).click();
    await expect.poll(() => daizhifu.locator('.finding-message').innerText(), { timeout: 30_000 }).toContain('2,510,000 元');
    await editor.problems.waitChecked();
    const text = await problemsText(editor);
    expect(text).toContain('2,520,000.00 元');
    expect(text).not.toContain('万元');
    await editor.page.close();
  }, 120_000);

  it('a rolled-forward budget opens without 「减少100%」 warnings', async () => {
    const editor = await openEditor();
    await editor.toolbar.click('从上年导入');
    const [chooser] = await Promise.all([editor.page.waitForEvent('filechooser'), editor.dialog.press('按上年结构编制本年预算')]);
    await chooser.setFiles({ name: '深圳市信访局2020年部门预算.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: lastYearWorkbook });
    await expect.poll(() => editor.statusMessage(), { timeout: 60_000 }).toContain('已按上年结构编制2021年预算');
    await editor.problems.waitChecked();
    const text = await problemsText(editor);
    expect(text).not.toContain('减少');
    expect(text).not.toContain('100.0%');
    await editor.page.close();
  }, 120_000);
});

describe('custom codes (Chromium, 1366×768)', () => {
  it('a code the list lacks is added with its own name and a warning, and kept in the saved document', async () => {
    const editor = await openEditor('?table=T11');
    const page = editor.page;
    await editor.problems.waitChecked();
    await page.locator('.structure-bar button', { hasText: '添加采购品目' }).click();
    await page.locator('.dialog .code-search').fill('网格化');
    await expect.poll(() => page.locator('.dialog .code-list').innerText()).toBe('无匹配');
    await editor.dialog.press('自定义编码…');
    await editor.dialog.fill('编码', 'C1000');
    await editor.dialog.fill('名称', '网格化服务');
    await editor.dialog.press('确定');
    expect(await page.locator('.dialog .dialog-error').innerText()).toContain('在代码表中，请直接选择');
    await editor.dialog.fill('编码', 'C9901');
    await editor.dialog.press('确定');
    await expect.poll(() => page.locator('.grid-wrapper .ag-row', { hasText: 'C9901' }).count()).toBeGreaterThan(0);
    expect(await editor.statusMessage()).toContain('已添加自定义编码 C9901“网格化服务”');
    await editor.problems.waitChecked();
    const warning = editor.problems.finding('自定义编码 C9901“网格化服务”不在2020年政府采购品目目录中');
    await editor.problems.expand('提示性');
    await expect.poll(() => warning.count()).toBe(1);
    expect(await warning.getAttribute('class')).toContain('finding-warning');
    const download = await editor.toolbar.download('保存');
    const saved = readFileSync((await download.path())!, 'utf8');
    const parsed = parseBudgetFile(saved, 'saved.budget');
    expect(parsed.ok && Object.values(parsed.doc.procurementItems.byId).find((i) => i.code === 'C9901')?.name).toBe('网格化服务');
    await page.close();
  }, 120_000);

  it('表10 takes a custom 项 for a transfer payment too, with its warning', async () => {
    const editor = await openEditor('?table=T10');
    const page = editor.page;
    await editor.problems.waitChecked();
    await page.locator('.structure-bar button', { hasText: '添加转移支付项目' }).click();
    await page.locator('.dialog .code-search').fill('新设信访');
    await expect.poll(() => page.locator('.dialog .code-list').innerText()).toBe('无匹配');
    await editor.dialog.press('自定义编码…');
    await editor.dialog.fill('编码', '2010398');
    await editor.dialog.fill('名称', '新设信访事项');
    await editor.dialog.press('确定');
    await editor.dialog.fill('项目名称', '信访专项');
    await editor.dialog.press('确定');
    await expect.poll(() => page.locator('.grid-wrapper .ag-row', { hasText: '2010398' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.grid-wrapper .ag-row', { hasText: '2010398' }).first().innerText()).toContain('新设信访事项');
    expect(await editor.statusMessage()).toContain('已添加自定义编码 2010398“新设信访事项”');
    await editor.problems.waitChecked();
    await editor.problems.expand('提示性');
    await expect.poll(() => editor.problems.finding('自定义编码 2010398“新设信访事项”不在2020年支出功能分类科目中').count()).toBe(1);
    await page.close();
  }, 120_000);
});

describe.skipIf(!existsSync(CATALOGUE))('code lists a clerk can live with (Chromium, 1366×768)', () => {
  it('新建 for 2022 says which year’s lists it uses; the imported 2022 catalogue is kept and offered in the picker', async () => {
    const editor = await openEditor();
    const page = editor.page;
    await newBudget(editor, 2022);
    expect(await editor.statusMessage()).toContain('2022年没有自己的代码表，使用 2020 年的支出功能分类、部门预算支出经济分类、政府采购品目');

    // The functional picker gives functional examples.
    await editor.tables.open('表7');
    await page.locator('.structure-bar button', { hasText: '添加功能分类科目' }).click();
    expect(await page.locator('.dialog .code-search').getAttribute('placeholder')).toContain('2010301');
    await editor.dialog.press('取消');

    // Before the import: the 8 codes Shenzhen printed in 2020, and 「无匹配」 for a server.
    await editor.tables.open('表11');
    await page.locator('.structure-bar button', { hasText: '添加采购品目' }).click();
    expect(await page.locator('.dialog .code-list-source').innerText()).toContain('（8 项）');
    await page.locator('.dialog .code-search').fill('服务器');
    await expect.poll(() => page.locator('.dialog .code-list').innerText()).toBe('无匹配');
    await editor.dialog.press('取消');

    await editor.toolbar.chooseFile('导入代码表', { name: 'procurement-catalogue-2022.csv', mimeType: 'text/csv', buffer: readFileSync(CATALOGUE) });
    await page.locator('.dialog[aria-label="导入代码表“procurement-catalogue-2022.csv”"]').waitFor();
    expect(await page.locator('.dialog .dialog-field', { hasText: '年度' }).locator('input').inputValue()).toBe('2022');
    await editor.dialog.press('导入');
    await expect.poll(() => editor.statusMessage(), { timeout: 60_000 }).toContain('已导入2022年政府采购品目代码表“procurement-catalogue-2022.csv”，共 4304 项');

    const pick = async (query: string) => {
      await page.locator('.structure-bar button', { hasText: '添加采购品目' }).click();
      expect(await page.locator('.dialog .code-list-source').innerText()).toContain('（4304 项）');
      await page.locator('.dialog .code-search').fill(query);
    };
    await pick('服务器');
    const server = page.locator('.dialog .code-item', { hasText: 'A02010104' });
    await expect.poll(() => server.count()).toBe(1);
    await server.dblclick();
    await expect.poll(() => page.locator('.grid-wrapper .ag-row', { hasText: 'A02010104' }).count()).toBeGreaterThan(0);

    // Picked again: the code already in the table is marked.
    await pick('A020101');
    await expect.poll(() => server.innerText()).toContain('（已在表中）');
    expect(await page.locator('.dialog .code-item', { hasText: 'A02010105' }).innerText()).not.toContain('已在表中');
    await editor.dialog.press('取消');
    await page.close();

    // Kept with the program's data: a new page (same browser profile) offers it without importing again.
    const again = await openEditor();
    await newBudget(again, 2023);
    expect(await again.statusMessage()).toContain('2022 年的政府采购品目');
    await again.tables.open('表11');
    await again.page.locator('.structure-bar button', { hasText: '添加采购品目' }).click();
    expect(await again.page.locator('.dialog .code-list-source').innerText()).toContain('（4304 项）');
    await again.dialog.press('取消');
    await again.page.close();
  }, 180_000);
});

it('logged no console errors', () => {
  expect(session.errors).toEqual([]);
});
