/**
 * A clerk's first day (issue 15), in Chromium at 1366×768, a common office laptop: no lost
 * keystrokes, no lost files, the keyboard all the way, a screen that fits. Steps pause as a person
 * does: several of these bugs showed only with time between the steps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { EditorPage } from './pages/EditorPage';
import { REPO } from './support/build';
import { installHost, recordedSaves, serve } from './support/recordingHost';
import { startSession, type E2eSession } from './support/session';

const SAMPLE_TEXT = readFileSync(join(REPO, 'resources/samples/shenzhen-xinfang-2020.budget'), 'utf8');
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LAST_YEAR_FILE = '/docs/深圳市信访局2020年部门预算.budget';

let session: E2eSession;
/** Last year's (2020) budget as the official workbook, for 从上年导入. */
let lastYearWorkbook: Buffer;

beforeAll(async () => {
  const parsed = parseBudgetFile(SAMPLE_TEXT, 'sample.budget');
  if (!parsed.ok) throw new Error(parsed.error.message);
  const exported = await exportWorkbook(parsed.doc, { force: true });
  if (!exported.ok) throw new Error(exported.error.message);
  lastYearWorkbook = Buffer.from(exported.bytes);
  session = await startSession({ width: 1366, height: 768 });
}, 240_000);

afterAll(async () => {
  await session?.close();
});

const openEditor = (query = '?table=T4'): Promise<EditorPage> => session.openEditor(query);

// Rows of the sample's 表4 (深圳市信访局 2020).
const OFFICE = 'e:e-30201'; // 办公费 32
const PRINTING = 'e:e-30202'; // 印刷费 10
const POST = 'e:e-30207'; // 邮电费 10
const WAGES = 'e:e-30101'; // 基本工资 1,011
const CAT_301 = 'ec:u-bj:301'; // 工资福利支出, a subtotal

/** Row and column of the cell that has the browser focus. */
const activeCell = (editor: EditorPage) =>
  editor.page.evaluate(() => {
    const cell = document.activeElement?.closest('.ag-cell');
    return cell ? [cell.closest('[row-id]')?.getAttribute('row-id'), cell.getAttribute('col-id')] : null;
  });

/**
 * Where the grid shows rows in full: below its header, above its bottom edge and the horizontal
 * scrollbar that lies over the rows. Each rectangle is [top, bottom] in page pixels; `rows` are the
 * distinct rendered rows, `focused` the cell with the browser focus.
 */
const gridBand = (editor: EditorPage) =>
  editor.page.evaluate(() => {
    const header = document.querySelector('.grid-wrapper .ag-header')!.getBoundingClientRect();
    const grid = document.querySelector('.grid-wrapper')!.getBoundingClientRect();
    const scrollbar = document.querySelector('.grid-wrapper .ag-body-horizontal-scroll')?.getBoundingClientRect();
    const bottom = scrollbar && scrollbar.height > 0 ? Math.min(grid.bottom, scrollbar.top) : grid.bottom;
    const rows = new Map<string, [number, number]>();
    for (const r of document.querySelectorAll('.grid-wrapper .ag-row[row-index]')) {
      const b = r.getBoundingClientRect();
      if (b.height > 0) rows.set(r.getAttribute('row-index')!, [b.top, b.bottom]);
    }
    const cell = document.activeElement?.closest('.ag-cell')?.getBoundingClientRect();
    return { top: header.bottom, bottom, rows: [...rows.values()], focused: cell ? ([cell.top, cell.bottom] as [number, number]) : null };
  });
const inBand = (band: { top: number; bottom: number }, [top, bottom]: [number, number]) => top >= band.top - 1 && bottom <= band.bottom + 1;

describe('a clerk’s first day (Chromium, 1366×768)', { timeout: 120_000 }, () => {
  it('Delete clears the cell the clerk clicked, not the block selected before, with pauses between steps', async () => {
    const editor = await openEditor();
    const page = editor.page;
    // On a loaded machine the grid's own focus report (a timer) comes after the next key: make it late.
    await page.evaluate(() => {
      const w = window as unknown as { __lateGridReports: boolean };
      w.__lateGridReports = false;
      const setTimeoutOrig = window.setTimeout.bind(window);
      window.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) =>
        setTimeoutOrig(fn, typeof fn === 'function' && fn.name === 'bound flushAsyncQueue' && w.__lateGridReports ? 700 : ms, ...rest)) as typeof window.setTimeout;
    });
    await editor.grid.select(OFFICE, 'specialFunding');
    await editor.grid.paste('1\r\n2\r\n3\r\n4\r\n5\r\n');
    await expect.poll(() => editor.statusMessage()).toContain('已粘贴 5 个单元格');
    await page.waitForTimeout(800);
    await editor.grid.select(OFFICE, 'specialFunding');
    for (let i = 0; i < 4; i++) {
      await page.waitForTimeout(300);
      await page.keyboard.press('Shift+ArrowDown');
    }
    await expect.poll(() => editor.selectionSummary()).toContain('已选 5 个单元格');
    await page.waitForTimeout(700);
    await page.keyboard.press('Control+D');
    await expect.poll(() => editor.grid.text(POST, 'specialFunding')).toBe('1');
    await page.waitForTimeout(1500);
    await page.evaluate(() => ((window as unknown as { __lateGridReports: boolean }).__lateGridReports = true));
    await editor.grid.select(WAGES, 'generalFunding');
    await page.keyboard.press('Delete');
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('');
    await page.waitForTimeout(1000);
    for (const row of [OFFICE, PRINTING, POST]) expect(await editor.grid.text(row, 'specialFunding')).toBe('1');
    expect(await editor.grid.text(WAGES, 'generalFunding')).toBe('');
    await page.close();
  });

  it('从上年导入 makes an untitled 2021 budget: 保存 asks for a name with the new year and never writes last year’s file', async () => {
    const page = await session.newPage();
    const initial = await serve(page, session.server.url, '/__e2e/last-year.budget', SAMPLE_TEXT, 'application/json');
    const imported = await serve(page, session.server.url, '/__e2e/last-year.xlsx', lastYearWorkbook, XLSX_MIME);
    await installHost(page, {
      kind: 'desktop',
      initial: { url: initial, name: '深圳市信访局2020年部门预算.budget', path: LAST_YEAR_FILE },
      importFile: { url: imported, name: '深圳市信访局2020年部门预算.xlsx' },
      saveError: null,
    });
    const editor = new EditorPage(page, session.server.url);
    await editor.open('?table=T4');
    await editor.toolbar.click('从上年导入');
    await editor.dialog.press('按上年结构编制本年预算');
    await expect.poll(() => page.evaluate(() => window.__budgetApp!.store.doc.department.fiscalYear), { timeout: 60_000 }).toBe(2021);
    expect(await page.locator('.toolbar .doc-name').innerText()).toContain('未保存的新文档');
    expect(await page.title()).toMatch(/^未命名 \*/);
    expect(await editor.saveState()).toBe('有未保存的修改');

    await page.keyboard.press('Control+S');
    await expect.poll(() => editor.saveState()).toBe('已保存');
    const saves = await recordedSaves(page);
    expect(saves.map((s) => [s.method, s.suggestedName, s.path])).toEqual([['saveDocumentAs', '深圳市信访局2021年部门预算.budget', undefined]]);
    await page.close();
  });

  it('deleting a project says that its 表15 goes too and that the later 表15 numbers shift', async () => {
    const editor = await openEditor('?table=T5');
    await editor.grid.select('p:p-dating', 'name');
    await editor.page.locator('.structure-bar button', { hasText: '删除项目' }).click();
    const message = editor.dialog.root.locator('.dialog-message');
    await expect.poll(() => message.innerText()).toContain('表15-1项目支出绩效目标表');
    expect(await message.innerText()).toContain('表15-2至表15-7将依次前移一号');
    await editor.dialog.press('删除');
    await expect.poll(() => editor.tables.entry('表15-7').count()).toBe(0);
    await editor.page.close();
  });

  it('typing on a total says why and where to type, and jumps there', async () => {
    const editor = await openEditor();
    await editor.grid.select(CAT_301, 'generalFunding');
    await editor.page.keyboard.type('5');
    await expect.poll(() => editor.statusMessage()).toContain('合计由明细自动计算，请在');
    expect(await editor.statusMessage()).toContain('基本工资');
    // Nothing was typed into the total: it still shows the workbook's printed 1,681.
    expect(await editor.grid.text(CAT_301, 'generalFunding')).toBe('1,681');
    await editor.page.locator('.status-bar button', { hasText: '转到填写处' }).click();
    await expect.poll(() => activeCell(editor)).toEqual([WAGES, 'generalFunding']);

    // 表1 is computed throughout: the place to type is in another table.
    await editor.tables.open('表1');
    await editor.page.locator('.grid-wrapper .ag-row', { hasText: '收 入 总 计' }).first().locator('.ag-cell[col-id="inAmount"]').click();
    await editor.page.keyboard.type('9');
    await expect.poll(() => editor.statusMessage()).toMatch(/合计由明细自动计算，请在“表\d+ · /);
    await editor.page.locator('.status-bar button', { hasText: '转到填写处' }).click();
    await expect.poll(() => editor.grid.tableId()).not.toBe('T1');
    await editor.page.close();
  });

  it('a refused value keeps the cursor on its cell', async () => {
    const editor = await openEditor();
    await editor.grid.type(OFFICE, 'generalFunding', 'abc');
    await expect.poll(() => editor.statusMessage()).toContain('不是有效的金额');
    expect(await activeCell(editor)).toEqual([OFFICE, 'generalFunding']);
    expect(await editor.grid.text(OFFICE, 'generalFunding')).toBe('32');
    // The clerk types the right value at once, in the same cell.
    await editor.page.keyboard.type('40');
    await editor.page.keyboard.press('Enter');
    await expect.poll(() => editor.grid.text(OFFICE, 'generalFunding')).toBe('40');
    await editor.page.close();
  });

  it('full-width digits from an input method on a selected cell are taken as typed, as after F2', async () => {
    const editor = await openEditor();
    const page = editor.page;
    const cdp = await page.context().newCDPSession(page);
    /** What a Chinese IME sends: a 229 "Process" key, then the composed text. */
    const imeType = async (text: string) => {
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'Digit1', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await cdp.send('Input.insertText', { text });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Process', code: 'Digit1', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    };
    await editor.grid.select(OFFICE, 'generalFunding');
    await imeType('１２３');
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.grid.text(OFFICE, 'generalFunding')).toBe('123');
    // After F2 the same text is taken too.
    await editor.grid.select(PRINTING, 'generalFunding');
    // F2, then at once Ctrl+A and the input method: the keys belong to the editor from the moment F2 opened it.
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+A');
    await imeType('４５');
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.grid.text(PRINTING, 'generalFunding')).toBe('45');
    await cdp.detach();
    await page.close();
  });

  it('undo and redo move the cursor to the cell they changed, in its table', async () => {
    const editor = await openEditor();
    await editor.grid.type(WAGES, 'generalFunding', '1100');
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    await editor.tables.open('表1');
    await editor.page.locator('.grid-wrapper .ag-row', { hasText: '收 入 总 计' }).first().locator('.ag-cell[col-id="inAmount"]').click();
    await editor.undo();
    await expect.poll(() => editor.grid.tableId()).toBe('T4');
    await expect.poll(() => activeCell(editor)).toEqual([WAGES, 'generalFunding']);
    expect(await editor.grid.text(WAGES, 'generalFunding')).toBe('1,011');
    await editor.grid.select(OFFICE, 'generalFunding');
    await editor.redo();
    await expect.poll(() => activeCell(editor)).toEqual([WAGES, 'generalFunding']);
    expect(await editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    await editor.page.close();
  });

  it('status-bar messages belong to their action: 已保存 goes with the next edit, a failed import leaves no progress', async () => {
    const editor = await openEditor();
    await editor.grid.type(WAGES, 'generalFunding', '1000');
    await editor.toolbar.download('保存');
    await expect.poll(() => editor.statusMessage()).toContain('已保存');
    await editor.grid.type(OFFICE, 'generalFunding', '40');
    await expect.poll(() => editor.saveState()).toBe('有未保存的修改');
    expect(await editor.statusMessage()).not.toContain('已保存');

    await editor.toolbar.chooseFile('导入Excel', { name: '坏文件.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from('PK\x03\x04 not a workbook') });
    await editor.dialog.root.waitFor({ timeout: 60_000 });
    await editor.dialog.press('确定');
    expect(await editor.statusMessage()).not.toContain('正在导入');
    await editor.page.close();
  });

  it('the keyboard all the way: key list, regions, table list, cells, findings, tables, export', async () => {
    const editor = await openEditor('?table=T1');
    const page = editor.page;
    const key = (k: string) => page.keyboard.press(k);
    const focusedIn = () => page.evaluate(() => ['.table-list', '.grid-wrapper', '.problems', '.toolbar'].find((sel) => document.activeElement?.closest(sel)) ?? document.activeElement?.tagName);

    // F1: the key list.
    await key('F1');
    await expect.poll(() => editor.dialog.root.innerText()).toContain('Ctrl+PgDn');
    expect(await editor.dialog.root.innerText()).toContain('F8');
    await key('Enter');
    await editor.dialog.root.waitFor({ state: 'detached' });

    // F6 → the table list; arrows move in it, Enter opens 表4.
    await key('F6');
    await expect.poll(focusedIn).toBe('.table-list');
    for (let i = 0; i < 3; i++) await key('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.querySelector('.table-label')?.textContent)).toBe('表4');
    await key('Enter');
    await expect.poll(() => editor.grid.tableId()).toBe('T4');

    // F6 → the grid, at the top-left amount; arrows to 基本工资 / 一般性经费拨款; the header is no stop.
    await key('F6');
    await expect.poll(focusedIn).toBe('.grid-wrapper');
    const topLeft = await page.evaluate(() => window.__budgetApp!.store.table()!.rows[0]!.id);
    await expect.poll(() => activeCell(editor).then((c) => c?.[0])).toBe(topLeft);
    // At a clerk's full speed: ArrowUp on the top row goes nowhere (the header is no stop), the arrows after it
    // each move the cursor.
    for (const k of ['ArrowUp', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight']) await key(k);
    await expect.poll(() => activeCell(editor)).toEqual([WAGES, 'generalFunding']);
    expect(await focusedIn()).toBe('.grid-wrapper');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.ag-header'))).toBe(false);
    await page.keyboard.type('1100');
    await key('Enter');
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    await editor.problems.waitChecked();

    // F8 / Shift+F8 walk the findings: each is revealed and marked in the panel.
    await key('F8');
    await expect.poll(() => editor.statusMessage()).toMatch(/^审核问题 1\/\d+：/);
    const total = Number(/1\/(\d+)/.exec(await editor.statusMessage())![1]);
    await expect.poll(() => page.locator('.problems .finding-current').count()).toBe(1);
    await expect.poll(focusedIn).toBe('.grid-wrapper');
    await key('F8');
    await expect.poll(() => editor.statusMessage()).toContain(`审核问题 ${Math.min(2, total)}/${total}`);
    await key('Shift+F8');
    await key('Shift+F8');
    await expect.poll(() => editor.statusMessage()).toContain(`审核问题 ${total}/${total}`);

    // Ctrl+PgDn / Ctrl+PgUp switch tables, and the new table has the keyboard.
    await editor.tables.open('表4');
    await key('Control+PageDown');
    await expect.poll(() => editor.grid.tableId()).toBe('T5');
    await expect.poll(focusedIn).toBe('.grid-wrapper');
    await key('Control+PageUp');
    await expect.poll(() => editor.grid.tableId()).toBe('T4');

    // F6 from the grid: the audit panel, the toolbar, the table list.
    await expect.poll(focusedIn).toBe('.grid-wrapper');
    await key('F6');
    expect(await focusedIn()).toBe('.problems');
    await key('F6');
    expect(await focusedIn()).toBe('.toolbar');
    await key('F6');
    expect(await focusedIn()).toBe('.table-list');
    await key('Shift+F6');
    expect(await focusedIn()).toBe('.toolbar');

    // Ctrl+E exports: Enter takes the unit and decimals offered; there are 强制性 errors, so the editor asks and
    // Enter insists.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      (async () => {
        await key('Control+E');
        await editor.dialog.root.locator('select').first().waitFor({ timeout: 60_000 });
        await key('Enter');
        await editor.dialog.root.locator('button', { hasText: '仍要导出' }).waitFor({ timeout: 60_000 });
        await key('Enter');
      })(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.close();
  });

  it('keys pressed while frames are slow are all kept: arrows after F6 into a table just opened, Ctrl+A after F2, Tab out after a reveal', async () => {
    const editor = await openEditor('?table=T1');
    const page = editor.page;
    // A loaded machine: every animation frame and every zero-delay timer comes 100 ms late.
    await page.evaluate(() => {
      const raf = window.requestAnimationFrame.bind(window);
      const timeout = window.setTimeout.bind(window);
      window.requestAnimationFrame = (cb) => raf(() => timeout(() => raf(cb), 100));
      window.setTimeout = ((cb: () => void, ms?: number, ...args: unknown[]) => timeout(cb, ms ? ms : 100, ...args)) as typeof window.setTimeout;
    });
    await page.keyboard.press('F6');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.table-list'))).toBe(true);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.grid.tableId()).toBe('T4');
    await page.keyboard.press('F6');
    const topLeft = await page.evaluate(() => window.__budgetApp!.store.table()!.rows[0]!.id);
    await expect.poll(() => activeCell(editor).then((c) => c?.[0])).toBe(topLeft);
    for (const k of ['ArrowUp', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(k);
    // Past the late frames too: the cursor stays where the keys took it.
    await page.waitForTimeout(500);
    expect(await activeCell(editor)).toEqual([WAGES, 'generalFunding']);
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1100');
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    // The last cell revealed (as a finding or undo does), then Tab out of the grid before the late frame:
    // the focus stays where Tab took it.
    const lastRow = await page.evaluate(() => window.__budgetApp!.store.table()!.rows.at(-1)!.id);
    const lastCol = await page.evaluate(() => {
      type Node = { column?: string; children?: Node[] };
      const leaves = (nodes: readonly Node[]): string[] => nodes.flatMap((n) => (n.children ? leaves(n.children) : n.column ? [n.column] : []));
      return leaves(window.__budgetApp!.store.table()!.def.header as Node[]).at(-1)!;
    });
    await page.evaluate(([rowId, colId]) => window.__budgetApp!.store.revealAt('T4', { rowId: rowId!, colId: colId! }), [lastRow, lastCol]);
    await expect.poll(() => activeCell(editor)).toEqual([lastRow, lastCol]);
    await page.keyboard.press('Tab');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => !document.activeElement?.closest('.grid-wrapper'))).toBe(true);
    await page.close();
  });

  it('Tab at the grid’s last cell leaves the grid, also while typing into it', async () => {
    const editor = await openEditor('?table=T4');
    const page = editor.page;
    const lastRow = await page.evaluate(() => window.__budgetApp!.store.table()!.rows.at(-1)!.id);
    const lastCol = await page.evaluate(() => {
      type Node = { column?: string; children?: Node[] };
      const leaves = (nodes: readonly Node[]): string[] => nodes.flatMap((n) => (n.children ? leaves(n.children) : n.column ? [n.column] : []));
      return leaves(window.__budgetApp!.store.table()!.def.header as Node[]).at(-1)!;
    });
    const goToLast = async () => {
      await page.evaluate(([rowId, colId]) => window.__budgetApp!.store.revealAt('T4', { rowId: rowId!, colId: colId! }), [lastRow, lastCol]);
      await expect.poll(() => activeCell(editor)).toEqual([lastRow, lastCol]);
    };
    await goToLast();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => !document.activeElement?.closest('.grid-wrapper'))).toBe(true);
    await goToLast();
    await page.keyboard.type('7');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => !document.activeElement?.closest('.grid-wrapper'))).toBe(true);
    await page.close();
  });

  it('a screen that fits: 15 rows of 表4, a folding and resizable audit panel that is remembered, a legend', async () => {
    const editor = await openEditor();
    const page = editor.page;
    /** Data rows of the grid shown in full. */
    const fullRows = async () => {
      const band = await gridBand(editor);
      return band.rows.filter((r) => inBand(band, r)).length;
    };
    expect(await fullRows()).toBeGreaterThanOrEqual(15);
    await session.screenshot(page, 'first-day-T4-1366x768');

    // Folding the panel gives the grid more rows; the fold is remembered after a reload.
    await page.locator('.problems-toggle').click();
    await expect.poll(fullRows).toBeGreaterThanOrEqual(19);
    await page.reload();
    await page.waitForSelector('.grid-wrapper .ag-row');
    expect(await page.locator('.problems-toggle').getAttribute('aria-expanded')).toBe('false');
    await page.locator('.problems-toggle').click();

    // Resizing by keyboard on the handle (dragging does the same), remembered too.
    const height = () => page.evaluate(() => document.querySelector('.problems')!.getBoundingClientRect().height);
    const before = await height();
    await page.locator('.problems-resize').focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(height).toBeGreaterThan(before + 40);
    const resized = await height();
    await page.reload();
    await page.waitForSelector('.grid-wrapper .ag-row');
    expect(Math.abs((await height()) - resized)).toBeLessThan(2);

    // What the colours mean.
    const legend = await page.locator('.legend').innerText();
    for (const word of ['白色', '灰色', '红色', '黄色']) expect(legend).toContain(word);
    await page.evaluate(() => localStorage.removeItem('budget.viewPrefs'));
    await page.close();
  });

  it('Enter after typing, and a new row, are shown in full, also past the bottom of the screen', async () => {
    const editor = await openEditor();
    const page = editor.page;
    /** The focused cell is shown in full. */
    const focusedInFull = async () => {
      const band = await gridBand(editor);
      return !!band.focused && inBand(band, band.focused);
    };
    await editor.grid.select(OFFICE, 'specialFunding');
    for (let i = 0; i < 16; i++) {
      await page.keyboard.type('1');
      await page.keyboard.press('Enter');
      await expect.poll(focusedInFull, { timeout: 5_000 }).toBe(true);
    }
    // A new row is shown in full, with the cursor on it.
    await editor.tables.open('表5');
    await page.locator('.structure-bar button', { hasText: '添加项目' }).click();
    await editor.dialog.fill('项目名称', '信访宣传');
    await editor.dialog.press('确定');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-row')?.textContent ?? '')).toContain('信访宣传');
    await expect.poll(focusedInFull).toBe(true);
    await page.close();
  });

  it('zooms with Ctrl+= / Ctrl+- / Ctrl+0 and remembers the zoom', async () => {
    const editor = await openEditor();
    const page = editor.page;
    const zoom = () => page.evaluate(() => getComputedStyle(document.documentElement).zoom);
    expect(await zoom()).toBe('1');
    await page.locator('.status-bar').click();
    await page.keyboard.press('Control+Equal');
    await page.keyboard.press('Control+Equal');
    await expect.poll(zoom).toBe('1.25');
    expect(await editor.statusMessage()).toContain('125%');
    await page.reload();
    await page.waitForSelector('.grid-wrapper .ag-row');
    expect(await zoom()).toBe('1.25');
    await page.keyboard.press('Control+Minus');
    await expect.poll(zoom).toBe('1.1');
    await page.keyboard.press('Control+0');
    await expect.poll(zoom).toBe('1');
    await page.close();
  });

  it('a newly opened document starts at the top-left; dates show as 2020-01-01', async () => {
    const editor = await openEditor();
    const page = editor.page;
    const lastRow = await page.evaluate(() => window.__budgetApp!.store.table()!.rows.at(-1)!.id);
    await page.evaluate((rowId) => window.__budgetApp!.store.revealAt('T4', { rowId, colId: 'specialAccountFunding' }), lastRow);
    await expect.poll(() => activeCell(editor)).toEqual([lastRow, 'specialAccountFunding']);
    await editor.toolbar.click('新建');
    await editor.dialog.fill('部门名称', '测试局');
    await editor.dialog.press('确定');
    await expect.poll(() => page.evaluate(() => window.__budgetApp!.store.doc.department.name)).toBe('测试局');
    const firstRowAtTop = () =>
      page.evaluate(() => {
        const header = document.querySelector('.grid-wrapper .ag-header')!.getBoundingClientRect();
        const first = document.querySelector('.grid-wrapper .ag-row[row-index="0"]')?.getBoundingClientRect();
        const firstAmount = document.querySelector('.grid-wrapper .ag-header-cell[aria-colindex="2"]')?.getBoundingClientRect();
        return !!first && Math.abs(first.top - header.bottom) < 2 && !!firstAmount && firstAmount.left < 600;
      });
    await expect.poll(firstRowAtTop).toBe(true);

    // Dates: text in the clerk's format, whatever the locale; typed as 2021/3/5 they become 2021-03-05.
    await page.evaluate(() => window.__budgetApp!.store.setView('T1'));
    const editor2 = await openEditor('?table=T14');
    await editor2.tables.open('表15-1');
    const start = editor2.page.locator('input[aria-label="项目开始日期"]');
    expect(await start.getAttribute('type')).not.toBe('date');
    await start.fill('2021/3/5');
    await start.press('Enter');
    await expect.poll(() => start.inputValue()).toBe('2021-03-05');
    await page.close();
    await editor2.page.close();
  });

  it('logged no console errors', () => {
    expect(session.errors).toEqual([]);
  });
});
