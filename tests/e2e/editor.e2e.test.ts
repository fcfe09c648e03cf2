/**
 * End-to-end tests of the editor in headless Debian Chromium: the built app served locally, driven
 * through page objects as a clerk would (keys, clicks, clipboard), screenshots in test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBudgetFile, serializeBudget } from '../../shared/io/budgetFile';
import { smallBudget } from '../fixtures/smallBudget';
import type { DepartmentBudget } from '../../shared/model/document';
import { runAudit } from '../../shared/rules/audit';
import { EditorPage } from './pages/EditorPage';
import { startSession, type E2eSession } from './support/session';

let session: E2eSession;

beforeAll(async () => {
  session = await startSession();
}, 240_000);

afterAll(async () => {
  await session?.close();
});

const openEditor = (query = '?table=T4'): Promise<EditorPage> => session.openEditor(query);

// Row ids of the sample (深圳市信访局 2020): 表4 lines are e:<line id>, categories ec:<unit>:<code>.
const UNIT = 'u:u-bj';
const WAGES = 'e:e-30101'; // 基本工资 1,011 万元
const ALLOWANCES = 'e:e-30102'; // 津贴补贴 321
const OFFICE = 'e:e-30201'; // 办公费 32
const PRINTING = 'e:e-30202'; // 印刷费 10
const POST = 'e:e-30207'; // 邮电费 10
const CAT_301 = 'ec:u-bj:301';

describe('editor (Chromium)', { timeout: 90_000 }, () => {
  it('opens the bundled sample with the official tables', async () => {
    const editor = await openEditor('');
    expect(await editor.tables.entry('表1').getAttribute('aria-current')).toBe('page');
    expect(await editor.grid.tableId()).toBe('T1');
    expect(await editor.page.locator('.table-entry .table-label').allInnerTexts()).toEqual(
      expect.arrayContaining(['表1', '表13', '表14', '表15-1', '表15-7']),
    );
    const totalRow = editor.page.locator('.grid-wrapper .ag-row', { hasText: '收 入 总 计' }).first();
    await expect.poll(() => totalRow.locator('.ag-cell[col-id="inAmount"]').innerText()).toBe('3,380');
    await session.screenshot(editor.page, 'sample-T1');

    await editor.tables.open('表4');
    expect(await editor.grid.tableId()).toBe('T4');
    const headers = await editor.page.locator('.ag-header-group-cell').allInnerTexts();
    expect(headers.map((h) => h.trim())).toEqual(expect.arrayContaining(['财政预算拨款', '一般公共预算拨款']));
    expect(await editor.grid.text('dept', 'total')).toBe('1,964');
    expect(await editor.grid.isComputed(CAT_301, 'generalFunding')).toBe(true);
    expect(await editor.grid.isComputed(WAGES, 'generalFunding')).toBe(false);
    await session.screenshot(editor.page, 'sample-T4');
    await editor.page.close();
  });

  it('shows the totals the workbook prints, and the tooltip quotes the number the cell shows', async () => {
    const editor = await openEditor();
    // The published 表4 prints 工资福利支出 1,681 although its 款 add up to 1,682 (a rounding gap, 尾差).
    expect(await editor.grid.text(CAT_301, 'total')).toBe('1,681');
    expect(await editor.grid.text(UNIT, 'total')).toBe('1,964');
    const tip = await editor.grid.tooltip(CAT_301, 'total');
    expect(tip).toContain('尾差');
    expect(tip).toContain('1,681');
    expect(tip).toContain('1,682'); // the sum of its parts, named as such
    // Typing below it turns it (and the totals above) into the sum of what the parts show.
    await editor.grid.type(WAGES, 'generalFunding', '1100');
    await expect.poll(() => editor.grid.text(CAT_301, 'total')).toBe('1,771');
    expect(await editor.grid.text(UNIT, 'total')).toBe('2,055'); // 1,771 + 163 + 121 printed
    await editor.problems.waitChecked();
    await expect.poll(() => editor.grid.tooltip(CAT_301, 'total')).toContain('计算单元格');
    await editor.undo();
    await expect.poll(() => editor.grid.text(CAT_301, 'total')).toBe('1,681');
    await editor.page.close();
  });

  it('typing a number updates the totals, a non-number is refused, undo and redo restore', async () => {
    const editor = await openEditor();
    await editor.grid.type(WAGES, 'generalFunding', '1100');
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    expect(await editor.grid.text(CAT_301, 'generalFunding')).toBe('1,771');
    expect(await editor.grid.text('dept', 'total')).toBe('2,055');
    expect(await editor.saveState()).toBe('有未保存的修改');

    await editor.grid.type(ALLOWANCES, 'generalFunding', '3二1');
    await expect.poll(() => editor.statusMessage()).toContain('不是有效的金额');
    expect(await editor.grid.text(ALLOWANCES, 'generalFunding')).toBe('321');

    await editor.grid.select(OFFICE, 'generalFunding');
    await editor.undo();
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,011');
    expect(await editor.grid.text(CAT_301, 'generalFunding')).toBe('1,681'); // as printed again
    expect(await editor.saveState()).toBe('已保存');
    await editor.redo();
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');

    // Computed cells are read-only: typing on a total changes nothing.
    await editor.grid.type(CAT_301, 'generalFunding', '5');
    expect(await editor.grid.text(CAT_301, 'generalFunding')).toBe('1,771');
    await editor.page.close();
  });

  it('a typed number brings findings to the panel, to 表2 and to the grid; undo takes them away', async () => {
    const editor = await openEditor();
    await editor.problems.waitChecked();
    const before = await editor.problems.counts();
    expect(await editor.tables.badges('表2')).toEqual({ errors: '', warnings: '' });
    await editor.grid.type(WAGES, 'generalFunding', '1100');
    const t2Finding = editor.page.locator('.problems .finding[data-rule="T2-source-eq-T4-T5"]');
    await expect.poll(() => t2Finding.count()).toBeGreaterThan(0);
    expect(await t2Finding.first().innerText()).toContain('表2');
    expect((await editor.problems.counts()).errors).toBeGreaterThan(before.errors);
    expect((await editor.tables.badges('表2')).errors).not.toBe('');
    expect(await editor.grid.mark('dept', 'generalFunding')).toBe('error');
    await session.screenshot(editor.page, 'finding-after-typing');

    // Clicking the finding opens 表2 and selects the cell it names.
    await t2Finding.first().locator('.finding-message').click();
    await expect.poll(() => editor.grid.tableId()).toBe('T2');
    expect(await editor.grid.mark(UNIT, 'generalFunding')).toBe('error');
    await expect.poll(() => editor.page.evaluate(() => document.activeElement?.getAttribute('col-id'))).toBe('generalFunding');
    await session.screenshot(editor.page, 'finding-revealed-T2');

    await editor.undo();
    await expect.poll(() => t2Finding.count()).toBe(0);
    expect(await editor.problems.counts()).toEqual(before);
    expect(await editor.tables.badges('表2')).toEqual({ errors: '', warnings: '' });
    expect(await editor.grid.mark(UNIT, 'generalFunding')).toBeNull();
    await editor.page.close();
  });

  it('a typed value is committed once, whether Enter, Tab or a click elsewhere ends the edit', async () => {
    const editor = await openEditor();
    const page = editor.page;
    // Count the store's amount commits, its history entries and its document notifications. Tab moves
    // on in edit mode: the next cell's editor, left unchanged by the click that follows, commits nothing.
    await page.evaluate(() => {
      const w = window as unknown as { __commits: number; __budgetApp: { store: { setCells: (...a: unknown[]) => boolean } } };
      const store = w.__budgetApp.store;
      const setCells = store.setCells.bind(store);
      w.__commits = 0;
      store.setCells = (...a: unknown[]) => {
        w.__commits++;
        return setCells(...a);
      };
    });
    type Counts = { commits: number; history: number; docs: number };
    const counts = () =>
      page.evaluate((): Counts => {
        const w = window as unknown as { __commits: number; __budgetApp: { store: { history: { past: unknown[] }; emitter: { version(c: string): number } } } };
        const store = w.__budgetApp.store;
        return { commits: w.__commits, history: store.history.past.length, docs: store.emitter.version('doc') };
      });
    const ends: [string, () => Promise<void>, string][] = [
      ['Enter', () => page.keyboard.press('Enter'), '1,100'],
      ['Tab', () => page.keyboard.press('Tab'), '1,200'],
      ['click elsewhere', () => editor.grid.cell(OFFICE, 'generalFunding').click(), '1,300'],
    ];
    for (const [end, run, shown] of ends) {
      const before = await counts();
      await editor.grid.select(WAGES, 'generalFunding');
      await page.keyboard.type(shown.replace(',', ''));
      await run();
      await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe(shown);
      await page.waitForTimeout(200);
      const after = await counts();
      expect({ end, commits: after.commits - before.commits, history: after.history - before.history, docs: after.docs - before.docs }).toEqual({ end, commits: 1, history: 1, docs: 1 });
    }
    await editor.page.close();
  });

  it('findings of a value worked out while it is typed show with the Enter that commits it, and the worker agrees', async () => {
    const editor = await openEditor();
    await editor.problems.waitChecked();
    const page = editor.page;
    // Watch the worker's traffic (a peek behind the check client): previews answered, documents re-opened.
    await page.evaluate(() => {
      const w = window as unknown as { __previews: number; __opens: number; __budgetApp: { store: { audit: { worker: Worker } } } };
      w.__previews = 0;
      w.__opens = 0;
      const worker = w.__budgetApp.store.audit.worker;
      worker.addEventListener('message', (e: MessageEvent) => {
        if (e.data?.type === 'preview' && e.data.delta) w.__previews++;
      });
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (m: { type?: string }) => {
        if (m?.type === 'open') w.__opens++;
        post(m);
      };
    });
    await editor.grid.select(WAGES, 'generalFunding');
    await page.keyboard.type('1100', { delay: 20 });
    await page.waitForFunction(() => (window as unknown as { __previews: number }).__previews >= 4);
    // At the end of Enter's own event handling the finding is already in the panel: no waiting on the worker.
    await page.evaluate(() => {
      const w = window as unknown as { __shownWithEnter?: boolean };
      window.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') w.__shownWithEnter = !!document.querySelector('.problems .finding[data-rule="T2-source-eq-T4-T5"]');
      }, { once: true });
    });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { __shownWithEnter?: boolean }).__shownWithEnter)).toBe(true);
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    expect(await editor.grid.mark('dept', 'generalFunding')).toBe('error');
    // The worker's own answer to the commit matched: no check from scratch, and the same findings as
    // a fresh page that opens the edited document gets from a full check.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __opens: number }).__opens)).toBe(0);
    const shown = await editor.problems.counts();
    const edited = (await page.evaluate(() => (window as unknown as { __budgetApp: { store: { doc: unknown } } }).__budgetApp.store.doc)) as DepartmentBudget;
    const full = runAudit(edited);
    expect(shown).toEqual({
      errors: full.filter((f) => f.severity === 'error').length,
      warnings: full.filter((f) => f.severity === 'warning' && !(f.id in edited.acceptedWarnings)).length,
    });
    await editor.undo();
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,011');
    expect((await editor.problems.counts()).errors).toBeLessThan(shown.errors);
    await editor.page.close();
  });

  it('after an edit, the clerk adopts the computed totals: the printed totals and rounding gaps go, undo brings them back', async () => {
    const editor = await openEditor();
    await editor.problems.waitChecked();
    const page = editor.page;
    const rowTotal = page.locator('.problems .finding[data-rule="T4-row-total"]');
    const button = page.locator('.problems-header button', { hasText: '按明细重算合计' });
    await editor.problems.expand('尾差');
    const gaps = page.locator('.problems .finding[data-rule]').filter({ hasText: '尾差：' });
    expect(await gaps.count()).toBeGreaterThan(0);
    await editor.grid.type(WAGES, 'generalFunding', '1100');
    // The printed totals above 基本工资 follow it (none goes stale); the others stay as printed, and the
    // clerk is told how to make every total follow the detail.
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    await editor.problems.waitChecked();
    expect(await rowTotal.count()).toBe(0);
    expect(await editor.statusMessage()).toContain('按明细重算合计');

    await button.click();
    await expect.poll(() => page.locator('.dialog').innerText()).toContain('个合计数');
    await editor.dialog.press('按明细重算');
    await expect.poll(() => rowTotal.count()).toBe(0);
    await editor.problems.waitChecked();
    expect(await gaps.count()).toBe(0);
    expect(await button.count()).toBe(0);
    // What the edit really broke stays: 表2's income no longer equals 表4 + 表5.
    expect(await page.locator('.problems .finding[data-rule="T2-source-eq-T4-T5"]').count()).toBeGreaterThan(0);
    expect(await editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    await session.screenshot(page, 'adopted-computed-totals');

    await editor.grid.select(OFFICE, 'generalFunding');
    await editor.undo();
    await expect.poll(() => button.count()).toBe(1);
    await expect.poll(() => gaps.count()).toBeGreaterThan(0);
    expect(await editor.grid.text(WAGES, 'generalFunding')).toBe('1,100');
    await editor.page.close();
  });

  it('accepts a warning with a reason, as an undoable edit', async () => {
    const editor = await openEditor();
    await editor.problems.waitChecked();
    await editor.grid.type('e:e-30108', 'generalFunding', '120');
    const warning = editor.page.locator('.problems .finding-warning[data-rule="econ-functional-pair"]');
    await expect.poll(() => warning.count()).toBe(1);
    const warningsBefore = (await editor.problems.counts()).warnings;
    expect((await editor.tables.badges('表7')).warnings).toBe('1');
    await warning.locator('button', { hasText: '接受' }).click();
    await editor.dialog.fill('接受理由', '新增一名退休返聘人员，养老保险缴费按新口径计算');
    await editor.dialog.press('接受');
    await expect.poll(async () => (await editor.problems.counts()).warnings).toBe(warningsBefore - 1);
    await editor.problems.expand('已接受');
    const accepted = editor.page.locator('.problems .group-accepted .finding');
    await expect.poll(() => accepted.count()).toBe(1);
    expect(await accepted.innerText()).toContain('新增一名退休返聘人员');
    expect((await editor.tables.badges('表7')).warnings).toBe('');
    await session.screenshot(editor.page, 'warning-accepted');
    await editor.undo();
    await expect.poll(async () => (await editor.problems.counts()).warnings).toBe(warningsBefore);
    await editor.page.close();
  });

  it('pastes a 3×2 TSV block from Excel as one undo step, and refuses a block with text', async () => {
    const editor = await openEditor();
    await editor.grid.select(OFFICE, 'specialFunding');
    await editor.grid.paste('1\t2\r\n3\t4\r\n5\t6\r\n');
    await expect.poll(() => editor.grid.text(POST, 'investmentFunding')).toBe('6');
    expect(await editor.grid.text(OFFICE, 'specialFunding')).toBe('1');
    expect(await editor.grid.text(OFFICE, 'investmentFunding')).toBe('2');
    expect(await editor.grid.text(PRINTING, 'specialFunding')).toBe('3');
    expect(await editor.grid.text(OFFICE, 'total')).toBe('35');
    expect(await editor.statusMessage()).toContain('已粘贴 6 个单元格');
    await session.screenshot(editor.page, 'paste-3x2');

    await editor.undo();
    await expect.poll(() => editor.grid.text(POST, 'investmentFunding')).toBe('');
    expect(await editor.grid.text(OFFICE, 'specialFunding')).toBe('');
    expect(await editor.grid.text(OFFICE, 'total')).toBe('32');

    await editor.grid.select(OFFICE, 'specialFunding');
    await editor.grid.paste('7\t8\r\n9\t合计\r\n');
    await expect.poll(() => editor.statusMessage()).toContain('不是有效的金额');
    expect(await editor.grid.text(OFFICE, 'specialFunding')).toBe('');
    expect(await editor.page.locator('.toolbar button', { hasText: '撤销' }).isDisabled()).toBe(true);
    await editor.page.close();
  });

  it('selects ranges with shift-click and shift-arrows, sums them, copies them as TSV', async () => {
    const editor = await openEditor();
    await editor.grid.selectRange([WAGES, 'generalPublicBudget'], [ALLOWANCES, 'generalFunding']);
    await expect.poll(() => editor.selectionSummary()).toContain('已选 4 个单元格');
    expect(await editor.selectionSummary()).toContain('求和 2,664');
    expect(await editor.grid.copy()).toBe('1011\t1011\r\n321\t321\r\n');
    await editor.grid.select(OFFICE, 'generalFunding');
    await editor.page.keyboard.press('Shift+ArrowDown');
    await editor.page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => editor.selectionSummary()).toContain('已选 3 个单元格');
    expect(await editor.selectionSummary()).toContain('求和 52');
    await editor.page.close();
  });

  it('fills down with Ctrl+D as one undo step', async () => {
    const editor = await openEditor();
    await editor.grid.selectRange([OFFICE, 'generalFunding'], [POST, 'generalFunding']);
    await editor.page.keyboard.press('Control+D');
    await expect.poll(() => editor.grid.text(POST, 'generalFunding')).toBe('32');
    expect(await editor.grid.text(PRINTING, 'generalFunding')).toBe('32');
    await session.screenshot(editor.page, 'fill-down');
    await editor.undo();
    await expect.poll(() => editor.grid.text(POST, 'generalFunding')).toBe('10');
    expect(await editor.grid.text(PRINTING, 'generalFunding')).toBe('10');
    // Delete clears a range of inputs, also one step.
    await editor.grid.selectRange([OFFICE, 'generalFunding'], [PRINTING, 'generalFunding']);
    await editor.page.keyboard.press('Delete');
    await expect.poll(() => editor.grid.text(PRINTING, 'generalFunding')).toBe('');
    await editor.undo();
    await expect.poll(() => editor.grid.text(PRINTING, 'generalFunding')).toBe('10');
    await editor.page.close();
  });

  it('with several units, 表1’s 结转下年 is filled in per unit through its total (one undo step)', async () => {
    const editor = await openEditor('?table=T1');
    const page = editor.page;
    await editor.toolbar.chooseFile('打开', { name: 'small.budget', mimeType: 'application/json', buffer: Buffer.from(serializeBudget(smallBudget())) });
    // 表1's bottom rows: 对附属单位补助支出, 上缴上级支出, 结转下年 (bottom:0–2), then 支出总计 (total:0).
    const CARRY = 'bottom:2';
    const TOTAL = 'total:0';
    const amount = async (rowId: string) => Number((await editor.grid.text(rowId, 'outAmount')).replace(/,/g, '') || '0');
    await expect.poll(() => page.locator('.doc-name').innerText()).toContain('small.budget');
    await editor.grid.scrollTo(TOTAL);
    const carry = editor.grid.cell(CARRY, 'outAmount');
    expect(await page.locator(`.grid-wrapper [row-id="${CARRY}"]`).first().innerText()).toContain('结转下年');
    expect(await carry.getAttribute('class')).toContain('cell-breakdown');
    const totalBefore = await amount(TOTAL);
    const carryBefore = await amount(CARRY);

    // Enter on the total opens the form (not a move down); 取消 changes nothing.
    await carry.click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.dialog').count()).toBe(1);
    expect(await page.locator('.dialog .dialog-field label, .dialog .dialog-field').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('市测试局本级'), expect.stringContaining('市测试中心')]));
    await editor.dialog.press('取消');
    expect(await amount(CARRY)).toBe(carryBefore);

    // A value that is not a number keeps the form open with a message naming the unit.
    await carry.dblclick();
    await editor.dialog.fill('市测试局本级', '1000');
    await editor.dialog.fill('市测试中心', '五百');
    await editor.dialog.press('确定');
    await expect.poll(() => page.locator('.dialog').innerText()).toContain('市测试中心');
    await editor.dialog.fill('市测试中心', '500');
    await editor.dialog.press('确定');
    await expect.poll(() => amount(CARRY)).toBe(1_500);
    expect(await amount(TOTAL)).toBe(totalBefore - carryBefore + 1_500);
    await session.screenshot(page, 'breakdown-T1');

    await editor.undo();
    await expect.poll(() => amount(CARRY)).toBe(carryBefore);
    expect(await amount(TOTAL)).toBe(totalBefore);
    await editor.page.close();
  });

  it('辅助表: functional lines of the other funds are added and filled in, and reach 表1', async () => {
    const editor = await openEditor('?table=T1');
    const page = editor.page;
    const currentTotal = async () => Number((await editor.grid.text('subtotal:0', 'outAmount')).replace(/,/g, ''));
    const before = await currentTotal();
    expect(before).toBe(3380); // as printed; its 类 add up to 3,381
    await editor.tables.open('辅助表');
    expect(await editor.grid.tableId()).toBe('T0');
    await page.locator('.structure-bar button', { hasText: '添加功能分类科目' }).click();
    await page.locator('.dialog select').selectOption({ label: '非财政拨款资金' });
    await editor.dialog.press('选择科目…');
    await page.locator('.dialog .code-search').fill('2010350');
    await page.keyboard.press('Enter');
    const line = page.locator('.grid-wrapper .ag-row', { hasText: '非财政拨款资金' }).first();
    await expect.poll(() => line.count()).toBe(1);
    expect(await line.innerText()).toContain('2010350');
    const rowId = (await line.getAttribute('row-id'))!;
    await editor.grid.type(rowId, 'basic', '30');
    await expect.poll(() => editor.grid.text(rowId, 'total')).toBe('30');
    await session.screenshot(page, 'auxiliary-T0');
    await editor.tables.open('表1');
    // The edit turns the printed total into the sum of its parts: 3,381 + 30.
    await expect.poll(currentTotal).toBe(3381 + 30);
    await editor.undo(); // the cursor goes to the cell the undo changed, in 辅助表
    await expect.poll(() => editor.grid.tableId()).toBe('T0');
    await editor.tables.open('表1');
    await expect.poll(currentTotal).toBe(before);
    await editor.page.close();
  });

  it('switches the display unit between 万元 and 元', async () => {
    const editor = await openEditor();
    await editor.page.locator('.unit-toggle button', { hasText: /^元$/ }).click();
    await expect.poll(() => editor.grid.text(WAGES, 'generalFunding')).toBe('10,110,000.00');
    await editor.grid.type(OFFICE, 'generalFunding', '1,234.5');
    await expect.poll(() => editor.grid.text(OFFICE, 'generalFunding')).toBe('1,234.50');
    await editor.page.locator('.unit-toggle button', { hasText: /^万元$/ }).click();
    await expect.poll(() => editor.grid.text(OFFICE, 'generalFunding')).toBe('0');
    await editor.page.close();
  });

  it('adds and removes rows, asking before amounts are deleted, each undoable', async () => {
    const editor = await openEditor('?table=T5');
    const projectRows = async () => (await editor.grid.rowIds('p:')).length;
    const before = await projectRows();
    await editor.page.locator('.structure-bar button', { hasText: '添加项目' }).click();
    await editor.dialog.fill('项目名称', '信访宣传');
    await editor.dialog.press('确定');
    await expect.poll(projectRows).toBe(before + 1);
    await expect.poll(() => editor.tables.entry('表15-8').count()).toBe(1);
    await editor.page.locator('.structure-bar button', { hasText: '添加二级项目' }).click();
    await editor.dialog.fill('二级项目名称', '宣传册印制');
    await editor.dialog.press('确定');
    await expect.poll(() => editor.page.locator('.grid-wrapper .row-subItem', { hasText: '宣传册印制' }).count()).toBe(1);
    await session.screenshot(editor.page, 'structure-add-project');

    // Removing a project that holds amounts asks first; cancelling keeps it.
    await editor.grid.select('p:p-dating', 'name');
    await editor.page.locator('.structure-bar button', { hasText: '删除项目' }).click();
    await expect.poll(() => editor.dialog.root.innerText()).toContain('个金额');
    await editor.dialog.press('取消');
    expect(await projectRows()).toBe(before + 1);
    await editor.page.locator('.structure-bar button', { hasText: '删除项目' }).click();
    await editor.dialog.press('删除');
    await expect.poll(projectRows).toBe(before);
    await editor.undo();
    await expect.poll(projectRows).toBe(before + 1);
    await editor.page.close();
  });

  it('finds by name or code across tables', async () => {
    const editor = await openEditor('?table=T1');
    await editor.page.keyboard.press('Control+F');
    const input = editor.page.locator('.find-panel input');
    await input.fill('30207');
    await input.press('Enter');
    await expect.poll(() => editor.grid.tableId()).toBe('T4');
    expect(await editor.page.locator('.find-results li').count()).toBeGreaterThanOrEqual(1);
    await input.fill('信访专项');
    await input.press('Enter');
    const tables = await editor.page.locator('.find-results .find-table').allInnerTexts();
    expect(tables).toEqual(expect.arrayContaining(['表5', '表13', '表14']));
    await editor.page.close();
  });

  it('shows 表14 and 表15 as forms; a form input is an undoable edit', async () => {
    const editor = await openEditor('?table=T14');
    await expect.poll(() => editor.page.locator('.form-title').innerText()).toBe('部门（单位）整体支出绩效目标表');
    expect(await editor.page.locator('[aria-label="基本支出事项 总额"]').innerText()).toBe('1,964');
    await session.screenshot(editor.page, 'form-T14');
    await editor.tables.open('表15-1');
    const total = editor.page.locator('input[aria-label="项目总金额"]');
    await total.fill('500');
    await total.press('Enter');
    await expect.poll(() => total.inputValue()).toBe('500');
    await session.screenshot(editor.page, 'form-T15-1');
    await editor.page.locator('body').click({ position: { x: 5, y: 990 } });
    await editor.undo();
    await expect.poll(() => total.inputValue()).toBe('482');
    await editor.page.close();
  });

  it('saves the document as a valid .budget download', async () => {
    const editor = await openEditor();
    await editor.grid.type(WAGES, 'generalFunding', '1000');
    const download = await editor.toolbar.download('保存');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const parsed = parseBudgetFile(readFileSync(path, 'utf8'), download.suggestedFilename());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.doc.economicLines.byId['e-30101']!.amounts.generalFunding).toBe(1_000_000_000);
    await expect.poll(() => editor.saveState()).toBe('已保存');
    await editor.page.close();
  });

  it('logged no console errors', () => {
    expect(session.errors).toEqual([]);
  });
});
