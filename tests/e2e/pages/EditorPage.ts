/**
 * Page objects of the editor: the table list, the grid, the problems panel, the status bar and the
 * toolbar, addressed the way a clerk sees them (table labels, row ids of the grid, Chinese texts).
 */
import type { Download, Locator, Page } from 'playwright-core';

export class TableListPane {
  constructor(private readonly page: Page) {}
  entry(label: string): Locator {
    return this.page.locator('.table-entry', { has: this.page.locator('.table-label', { hasText: new RegExp(`^${label}$`) }) });
  }
  async open(label: string): Promise<void> {
    await this.entry(label).click();
  }
  /** Error and warning badge texts of a table ('' when none). */
  async badges(label: string): Promise<{ errors: string; warnings: string }> {
    const e = this.entry(label);
    const text = async (l: Locator) => ((await l.count()) ? await l.innerText() : '');
    return { errors: await text(e.locator('.badge-error')), warnings: await text(e.locator('.badge-warning')) };
  }
}

export class GridPane {
  constructor(private readonly page: Page) {}
  get root(): Locator {
    return this.page.locator('.grid-wrapper');
  }
  async tableId(): Promise<string | null> {
    return this.root.getAttribute('data-table');
  }
  cell(rowId: string, colId: string): Locator {
    return this.page.locator(`.grid-wrapper [row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);
  }
  async text(rowId: string, colId: string): Promise<string> {
    return (await this.cell(rowId, colId).innerText()).trim();
  }
  /** Scroll the grid (as with the mouse wheel) until the row is rendered. */
  async scrollTo(rowId: string): Promise<void> {
    const row = this.page.locator(`.grid-wrapper [row-id="${rowId}"]`).first();
    if ((await row.count()) > 0) return;
    const viewport = '.grid-wrapper .ag-body-viewport';
    await this.page.evaluate((v) => document.querySelector(v)!.scrollTo({ top: 0 }), viewport);
    for (let i = 0; i < 200 && (await row.count()) === 0; i++) {
      const more = await this.page.evaluate((v) => {
        const el = document.querySelector(v)!;
        const before = el.scrollTop;
        el.scrollTop = before + el.clientHeight * 0.8;
        return el.scrollTop > before;
      }, viewport);
      await this.page.waitForTimeout(50);
      if (!more) break;
    }
  }
  async select(rowId: string, colId: string): Promise<void> {
    await this.scrollTo(rowId);
    await this.cell(rowId, colId).click();
  }
  /** Type into a cell as a clerk does: select, type (replaces), Enter. */
  async type(rowId: string, colId: string, text: string): Promise<void> {
    await this.select(rowId, colId);
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }
  async selectRange(from: [string, string], to: [string, string]): Promise<void> {
    await this.select(...from);
    await this.scrollTo(to[0]);
    await this.cell(...to).click({ modifiers: ['Shift'] });
  }
  /** Distinct rendered row ids starting with a prefix (e.g. `p:` for 表5 projects). */
  async rowIds(prefix: string): Promise<string[]> {
    return this.page.evaluate((p) => [...new Set([...document.querySelectorAll(`.grid-wrapper [row-id^="${p}"]`)].map((e) => e.getAttribute('row-id')!))], prefix);
  }
  /** Label text of a row's first column. */
  async label(rowId: string, colId = 'name'): Promise<string> {
    return this.text(rowId, colId);
  }
  async isComputed(rowId: string, colId: string): Promise<boolean> {
    return (await this.cell(rowId, colId).getAttribute('class'))?.includes('cell-computed') ?? false;
  }
  /** The tooltip a cell shows when the mouse rests on it. */
  async tooltip(rowId: string, colId: string): Promise<string> {
    await this.scrollTo(rowId);
    await this.cell(rowId, colId).hover();
    const tip = this.page.locator('.ag-tooltip');
    await tip.waitFor({ timeout: 5_000 });
    const text = (await tip.innerText()).trim();
    await this.page.mouse.move(0, 0);
    await tip.waitFor({ state: 'detached', timeout: 5_000 });
    return text;
  }
  async mark(rowId: string, colId: string): Promise<'error' | 'warning' | null> {
    const cls = (await this.cell(rowId, colId).getAttribute('class')) ?? '';
    return cls.includes('cell-error') ? 'error' : cls.includes('cell-warning') ? 'warning' : null;
  }
  /** Put text on the system clipboard and press Ctrl+V. */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('Control+V');
  }
  async copy(): Promise<string> {
    await this.page.bringToFront(); // the clipboard API answers only the focused page
    await this.page.keyboard.press('Control+C');
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}

export class ProblemsPane {
  constructor(private readonly page: Page) {}
  get root(): Locator {
    return this.page.locator('.problems');
  }
  findings(severity?: 'error' | 'warning' | 'info'): Locator {
    return this.page.locator(severity ? `.problems .finding-${severity}` : '.problems .finding');
  }
  finding(text: string | RegExp): Locator {
    return this.page.locator('.problems .finding', { hasText: text });
  }
  async counts(): Promise<{ errors: number; warnings: number }> {
    const n = async (sel: string) => Number((await this.page.locator(`.problems-header ${sel}`).innerText()).replace(/\D+/g, ''));
    return { errors: await n('.count-error'), warnings: await n('.count-warning') };
  }
  async expand(group: '强制性' | '提示性' | '已接受' | '尾差'): Promise<void> {
    const title = this.page.locator('.problems .group-title', { hasText: group });
    if ((await title.getAttribute('aria-expanded')) === 'false') await title.click();
  }
  async waitChecked(): Promise<void> {
    await this.page.waitForFunction(() => !document.querySelector('.check-progress') && !!window.__budgetApp && window.__budgetApp.store.progress === null, undefined, { timeout: 60_000 });
  }
}

export class Toolbar {
  constructor(private readonly page: Page) {}
  button(text: string): Locator {
    return this.page.locator('.toolbar button', { hasText: new RegExp(`^${text}$`) });
  }
  async click(text: string): Promise<void> {
    await this.button(text).click();
  }
  /** Click a toolbar button that produces a download (保存 / 导出Excel in the browser). */
  async download(text: string): Promise<Download> {
    const [d] = await Promise.all([this.page.waitForEvent('download', { timeout: 60_000 }), this.click(text)]);
    return d;
  }
  /** Click a toolbar button that opens a file picker and choose the file. */
  async chooseFile(text: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.click(text)]);
    await chooser.setFiles(file);
  }
}

export class Dialog {
  constructor(private readonly page: Page) {}
  get root(): Locator {
    return this.page.locator('.dialog');
  }
  async fill(label: string, text: string): Promise<void> {
    await this.root.locator('.dialog-field', { hasText: label }).locator('input, textarea').fill(text);
  }
  async press(button: string): Promise<void> {
    await this.root.locator('button', { hasText: new RegExp(`^${button}$`) }).click();
  }
}

export class EditorPage {
  readonly tables: TableListPane;
  readonly grid: GridPane;
  readonly problems: ProblemsPane;
  readonly toolbar: Toolbar;
  readonly dialog: Dialog;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.tables = new TableListPane(page);
    this.grid = new GridPane(page);
    this.problems = new ProblemsPane(page);
    this.toolbar = new Toolbar(page);
    this.dialog = new Dialog(page);
  }

  async open(query = ''): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(this.baseUrl).origin });
    await this.page.goto(`${this.baseUrl}${query}`);
    await this.page.waitForFunction(() => !!document.querySelector('.grid-wrapper .ag-row, .form-page'), undefined, { timeout: 30_000 });
  }

  async statusMessage(): Promise<string> {
    return (await this.page.locator('.status-message').innerText()).trim();
  }

  async selectionSummary(): Promise<string> {
    return (await this.page.locator('[data-testid=selection-summary]').innerText()).trim();
  }

  async saveState(): Promise<string> {
    return (await this.page.locator('[data-testid=save-state]').innerText()).trim();
  }

  async undo(): Promise<void> {
    await this.page.keyboard.press('Control+Z');
  }

  async redo(): Promise<void> {
    await this.page.keyboard.press('Control+Y');
  }
}
