/**
 * File and Excel commands of the toolbar and the host's menus: 新建 / 打开 / 保存 / 另存为 /
 * 导入Excel / 从上年导入 / 导出Excel, asking to save unsaved changes first, and the window title.
 * Also the document snapshot the host autosaves for crash recovery.
 *
 * Opening an Excel workbook (打开, command line, file association) reads it through the xlsx worker
 * and opens the result as an unsaved document: 保存 then asks where to save it as a `.budget` file.
 * A failed save (file locked by Excel/WPS, read-only, disk full) is shown to the clerk and the
 * document stays unsaved.
 */
import { CODE_LIST_KIND_LABELS, CODE_LIST_KINDS, type CodeListKind } from '../../shared/codes/codeList';
import { guessYear } from '../../shared/codes/importCodeList';
import { availableCodeListYears, fallbackNote, getCodeLists, importedCodeLists, installImportedCodeLists, withStoredCodeList } from '../../shared/codes/registry';
import { readCodeListFile } from '../../shared/xlsx/codeListWorkbook';
import type { BudgetHost, HostCommand, PickedFile, SaveRequest, SaveResult } from '../../shared/host/contract';
import { createEmptyBudget, replaceDocument } from '../../shared/edit';
import { parseBudgetBytes, serializeBudget } from '../../shared/io/budgetFile';
import { amountDecimals, MAX_DECIMALS } from '../../shared/catalogue';
import { displayUnitSchema, type DepartmentBudget, type DisplayUnit } from '../../shared/model/document';
import { UNIT_LABELS } from '../../shared/money/format';
import type { DialogService } from '../components/dialogs';
import { isOleFile } from '../../shared/xlsx/xls/oleFile';
import type { XlsxClient } from '../xlsx/xlsxClient';
import type { EditorStore } from './editorStore';
import { keyListText } from './shortcuts';

const DISPLAY_UNITS = displayUnitSchema.options;

export const APP_NAME = '部门预算编制器';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An Excel workbook rather than a `.budget` file: by its name, or by its content (a zip, "PK\x03\x04", or a legacy .xls's OLE file). */
export function isWorkbookFile(file: { name: string; bytes: Uint8Array }): boolean {
  if (/\.xlsx?$/i.test(file.name)) return true;
  const b = file.bytes;
  return (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) || isOleFile(b);
}

export class AppActions {
  private busy = false;
  /** The document revision of the last autosave snapshot handed out. */
  private snapshotRevision: number | null = null;

  constructor(
    private readonly store: EditorStore,
    private readonly host: BudgetHost,
    private readonly dialogs: DialogService,
    private readonly xlsx: XlsxClient | null,
  ) {}

  suggestedName(ext: '.budget' | '.xlsx'): string {
    const d = this.store.doc.department;
    const name = this.store.file?.name;
    if (ext === '.budget' && name?.endsWith('.budget')) return name;
    // A workbook opened as a document is saved next to it under the same name: 预算.xlsx (or .xls) → 预算.budget.
    if (ext === '.budget' && name && /.\.xlsx?$/i.test(name)) return `${name.replace(/\.xlsx?$/i, '')}.budget`;
    return `${d.name}${d.fiscalYear}年部门预算${ext}`;
  }

  private shownTitle: string | null = null;
  private shownDirty: boolean | null = null;

  /** Tell the host the window title and save state when they changed (not on every keystroke). */
  updateTitle(): void {
    const name = this.store.file?.name ?? '未命名';
    const title = `${name}${this.store.dirty ? ' *' : ''} — ${APP_NAME}`;
    if (title !== this.shownTitle) {
      this.shownTitle = title;
      void this.host.setTitle(title);
    }
    if (this.store.dirty !== this.shownDirty) {
      this.shownDirty = this.store.dirty;
      void this.host.setDirty(this.store.dirty);
    }
  }

  /** When there are unsaved changes: 保存 / 不保存 / 取消. True to go on. */
  async confirmDiscard(): Promise<boolean> {
    if (!this.store.dirty) return true;
    const answer = await this.dialogs.confirm({
      title: '保存修改',
      message: `“${this.store.file?.name ?? '未命名'}”有未保存的修改，是否先保存？`,
      buttons: [
        { label: '保存', value: 'save', tone: 'primary' },
        { label: '不保存', value: 'discard', tone: 'danger' },
      ],
    });
    if (answer === 'save') return this.save();
    return answer === 'discard';
  }

  async run(command: HostCommand): Promise<void> {
    switch (command) {
      case 'new':
        return this.newDocument();
      case 'open':
        return this.open();
      case 'save':
        await this.save();
        return;
      case 'saveAs':
        await this.saveAs();
        return;
      case 'importExcel':
        return this.importExcel();
      case 'importPreviousYear':
        return this.importPreviousYear();
      case 'importCodeList':
        return this.importCodeList();
      case 'exportExcel':
        return this.exportExcel();
      case 'undo':
        return this.store.undo();
      case 'redo':
        return this.store.redo();
      case 'find':
        return this.store.openFind();
      case 'keys':
        return this.showHelp();
    }
  }

  /** F1 / 帮助: the key list. */
  showHelp(): void {
    void this.dialogs.alert('快捷键（F1）', keyListText());
  }

  async newDocument(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    const year = new Date().getFullYear() + 1;
    const v = await this.dialogs.form({
      title: '新建部门预算',
      message: `已有代码表的年度：${availableCodeListYears().join('、')}。没有自己代码表的年度使用最近的较早年度的代码表（可用“导入代码表”导入当年的）。`,
      fields: [
        { name: 'name', label: '部门名称（单位名称）', placeholder: '如 深圳市信访局' },
        { name: 'shortName', label: '部门简称（表中部门行显示）', placeholder: '如 市信访局' },
        { name: 'year', label: '预算年度', initial: String(year) },
      ],
      validate: (x) => (!x.name!.trim() ? '请填写部门名称' : /^\d{4}$/.test(x.year!.trim()) ? null : '预算年度应为四位数字'),
    });
    if (!v) return;
    const doc = createEmptyBudget({ name: v.name!, shortName: v.shortName, fiscalYear: Number(v.year) });
    this.store.open(doc, null);
    // A year without its own code lists works with the nearest earlier year's: say so.
    const note = fallbackNote(getCodeLists(doc.department.fiscalYear));
    this.store.showMessage(note ? `已新建${doc.department.fiscalYear}年部门预算。${note}。` : `已新建${doc.department.fiscalYear}年部门预算。`, 'info');
    this.updateTitle();
  }

  async open(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    const r = await this.host.openDocument();
    if (!r.cancelled) await this.openPicked(r.file);
  }

  /** 最近打开: pick one of the host's recent files. */
  async openRecent(): Promise<void> {
    const recent = (await this.host.recentFiles()).filter((r) => r.available);
    if (recent.length === 0) {
      await this.dialogs.alert('最近打开', '没有可以重新打开的最近文件。');
      return;
    }
    const id = await this.dialogs.confirm({
      title: '最近打开',
      message: '选择要打开的文件：',
      buttons: recent.map((r) => ({ label: `${r.name}（${r.openedAt.slice(0, 10)}）`, value: r.id })),
    });
    if (!id || !(await this.confirmDiscard())) return;
    const r = await this.host.openRecent(id);
    if (!r.cancelled) await this.openPicked(r.file);
    else this.store.showMessage('这个文件已无法打开。', 'error');
  }

  /** Open a picked file (dialog, OS, recent list, command line): a `.budget` file or an Excel workbook. */
  async openPicked(file: PickedFile): Promise<boolean> {
    if (isWorkbookFile(file)) return this.openWorkbook(file);
    const parsed = parseBudgetBytes(file.bytes, file.name);
    if (!parsed.ok) {
      void this.dialogs.alert('无法打开文件', parsed.error.message);
      return false;
    }
    this.store.open(parsed.doc, { name: file.name, path: file.path });
    this.store.showMessage(`已打开“${file.name}”。`, 'info');
    this.updateTitle();
    return true;
  }

  /**
   * A workbook opened as a document (not imported into the open one): read by the xlsx worker, then
   * opened unsaved and without a path, so 保存 asks where to save the `.budget` file.
   */
  private async openWorkbook(file: PickedFile): Promise<boolean> {
    if (this.noExcel()) return false;
    let opened = false;
    const label = `正在打开“${file.name}”…`;
    await this.withBusy(label, async () => {
      const result = await this.xlsx!.importWorkbook(file.bytes, file.name, this.progress(label));
      if (!result.ok) {
        // Not awaited: at start-up the dialog layer is not rendered yet.
        void this.dialogs.alert('无法打开文件', result.message);
        this.store.showMessage(`无法打开“${file.name}”：${result.message}`, 'error');
        return;
      }
      this.store.open(result.doc, { name: file.name }, { unsaved: true });
      const notes = result.notes.length ? `${result.notes.join('；')}。` : '';
      this.store.showMessage(`已打开 Excel 工作簿“${file.name}”，尚未保存为预算文件（保存时选择位置）。${notes}`, 'info');
      this.warnMisreadStructure(file.name, result.notes);
      this.updateTitle();
      opened = true;
    });
    return opened;
  }

  openDocument(doc: DepartmentBudget, name: string): void {
    this.store.open(doc, { name });
    this.updateTitle();
  }

  private bytes(): Uint8Array {
    return new TextEncoder().encode(serializeBudget(this.store.doc));
  }

  /**
   * The autosave snapshot (BudgetHost.onSnapshotRequest): the document as `.budget` bytes when it has
   * unsaved changes made since the last snapshot, else null (nothing new to keep).
   */
  async snapshot(): Promise<SaveRequest | null> {
    if (!this.store.dirty || this.store.revision === this.snapshotRevision) return null;
    const revision = this.store.revision;
    const path = this.store.file?.path;
    const snapshot: SaveRequest = { bytes: this.bytes(), suggestedName: this.suggestedName('.budget'), ...(path ? { path } : {}) };
    this.snapshotRevision = revision;
    return snapshot;
  }

  async save(): Promise<boolean> {
    if (!this.store.file?.path && this.host.kind === 'desktop') return this.saveAs();
    const req = { bytes: this.bytes(), suggestedName: this.suggestedName('.budget'), path: this.store.file?.path };
    return this.saving(() => this.host.saveDocument(req));
  }

  async saveAs(): Promise<boolean> {
    const req = { bytes: this.bytes(), suggestedName: this.suggestedName('.budget') };
    return this.saving(() => this.host.saveDocumentAs(req));
  }

  /** Runs a save; a failure is shown (status bar and a dialog) and the document stays unsaved. */
  private async saving(run: () => Promise<SaveResult>): Promise<boolean> {
    let r: SaveResult;
    try {
      r = await run();
    } catch (e) {
      this.saveFailed(e);
      return false;
    }
    return this.afterSave(r);
  }

  private saveFailed(e: unknown): void {
    const reason = e instanceof Error ? e.message : String(e);
    // The host's messages already say what failed (无法保存“预算.budget”：文件正被其他程序打开……).
    const text = /保存/.test(reason) ? reason : `保存失败：${reason}`;
    this.store.showMessage(text, 'error');
    // Not awaited: a save may run inside another question (the close flow's 保存).
    void this.dialogs.alert('保存失败', `${text}\n\n修改尚未保存。如果文件正在 Excel 或 WPS 中打开，请先关闭它再保存，或者用“另存为”保存到其他位置。`);
    this.updateTitle();
  }

  private afterSave(r: SaveResult): boolean {
    if (r.cancelled) return false;
    this.store.markSaved({ name: r.name, path: r.path });
    this.store.showMessage(this.host.kind === 'browser' ? `已保存（下载为“${r.name}”）。` : `已保存到“${r.path ?? r.name}”。`, 'info');
    this.updateTitle();
    return true;
  }

  private async withBusy(label: string, work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.store.showMessage(label, 'info');
    try {
      await work();
    } catch (e) {
      this.store.showMessage(`${label.replace(/…$/, '')}失败：${e instanceof Error ? e.message : String(e)}`, 'error');
    } finally {
      this.busy = false;
      // 「正在导入… 40%」 must not outlive the import (a refused workbook ends in a dialog).
      if (this.store.message?.text.startsWith(label)) this.store.clearMessage();
    }
  }

  private noExcel(): boolean {
    if (this.xlsx) return false;
    void this.dialogs.alert('Excel 功能不可用', 'Excel 导入导出组件没有加载，请重新启动程序后再试。');
    return true;
  }

  private progress(label: string): (fraction: number) => void {
    let last = -1;
    return (f) => {
      const pct = Math.round(f * 100);
      if (pct === last) return;
      last = pct;
      this.store.showMessage(`${label} ${pct}%`, 'info');
    };
  }

  /**
   * The import's structure check (its first notes) also as a dialog when it warns that a table's
   * structure may have been misread: such a document must not pass unnoticed. Not awaited.
   */
  private warnMisreadStructure(fileName: string, notes: string[]): void {
    const warnings = notes.filter((n) => n.startsWith('警告：'));
    if (!warnings.length) return;
    const check = notes.find((n) => n.startsWith('结构核对：'));
    void this.dialogs.alert('导入结构核对', `“${fileName}”${check ? `\n${check}` : ''}\n\n${warnings.map((w) => w.slice('警告：'.length)).join('\n\n')}`);
  }

  async importExcel(): Promise<void> {
    if (this.noExcel()) return;
    const r = await this.host.importFile({ kind: 'excel' });
    if (r.cancelled) return;
    await this.withBusy(`正在导入“${r.file.name}”…`, async () => {
      const result = await this.xlsx!.importWorkbook(r.file.bytes, r.file.name, this.progress(`正在导入“${r.file.name}”…`));
      if (!result.ok) {
        await this.dialogs.alert('导入失败', result.message);
        return;
      }
      // Into the open document as one undo step; a full check with progress follows.
      this.store.apply(replaceDocument(this.store.doc, result.doc, `导入Excel“${r.file.name}”`));
      this.store.showMessage(`已导入“${r.file.name}”（可撤销）${result.notes.length ? `：${result.notes.join('；')}` : '。'}`, 'info');
      this.warnMisreadStructure(r.file.name, result.notes);
      this.updateTitle();
    });
  }

  /** 从上年导入: last year's structure and texts as this year's budget, or last year's figures for comparison. */
  async importPreviousYear(): Promise<void> {
    if (this.noExcel()) return;
    const mode = await this.dialogs.confirm({
      title: '从上年导入',
      message:
        '请选择导入方式：\n· 按上年结构编制本年预算（拷入上年库）：复制上年的预算单位、科目、项目、文字和绩效指标，本年金额留空，上年金额留作上年数；\n· 只导入上年数：当前文档不变，上年金额用于“比上年增减 10% 以上须说明”的审核。',
      buttons: [
        { label: '按上年结构编制本年预算', value: 'rollForward', tone: 'primary' },
        { label: '只导入上年数', value: 'previousYear' },
      ],
    });
    if (!mode) return;
    // This year's budget is a new document: the open one (last year's file) is put away first.
    if (mode === 'rollForward' && !(await this.confirmDiscard())) return;
    const r = await this.host.importFile({ kind: 'previousYear' });
    if (r.cancelled) return;
    await this.withBusy(`正在从上年导入“${r.file.name}”…`, async () => {
      const onProgress = this.progress(`正在从上年导入“${r.file.name}”…`);
      const result =
        mode === 'rollForward'
          ? await this.xlsx!.rollForward(r.file.bytes, r.file.name, onProgress)
          : await this.xlsx!.importPreviousYear(r.file.bytes, r.file.name, this.store.doc, onProgress);
      if (!result.ok) {
        await this.dialogs.alert('从上年导入失败', result.message);
        return;
      }
      const notes = result.notes.length ? `：${result.notes.join('；')}` : '。';
      if (mode === 'rollForward') {
        // Untitled until the clerk saves it: 保存 asks for a name (with the new year) and can never
        // write over last year's file.
        this.store.open(result.doc, null);
        this.store.showMessage(`已按上年结构编制${result.doc.department.fiscalYear}年预算（尚未保存，保存时选择文件名）${notes}`, 'info');
      } else {
        this.store.apply(replaceDocument(this.store.doc, result.doc, `导入上年数“${r.file.name}”`));
        this.store.showMessage(`已从上年导入“${r.file.name}”（可撤销）${notes}`, 'info');
      }
      this.warnMisreadStructure(r.file.name, result.notes);
      this.updateTitle();
    });
  }

  /** 导出Excel asks for the unit and decimals of the amounts, preset to the document's own. Null: cancelled. */
  private async askExportFormat(): Promise<{ unit: DisplayUnit; decimals: number } | null> {
    const { doc, catalogue } = this.store;
    const unit = doc.department.displayUnit;
    const v = await this.dialogs.form({
      title: '导出Excel',
      message: '金额的单位和小数位数（已按本文档读入时的格式填好）。',
      fields: [
        { name: 'unit', label: '金额单位', initial: unit, options: DISPLAY_UNITS.map((u) => ({ value: u, label: UNIT_LABELS[u] })) },
        { name: 'decimals', label: '小数位数', initial: String(amountDecimals(catalogue, doc.department, unit)), options: Array.from({ length: MAX_DECIMALS + 1 }, (_, n) => ({ value: String(n), label: String(n) })) },
      ],
      submitLabel: '导出',
    });
    if (!v) return null;
    return { unit: v.unit === 'yuan' ? 'yuan' : 'wan', decimals: Number(v.decimals) };
  }

  /** At start: the code lists imported earlier, kept by the host, join the bundled ones. */
  async loadCodeLists(): Promise<void> {
    let stored: unknown[];
    try {
      stored = await this.host.codeLists();
    } catch {
      stored = [];
    }
    const problems = installImportedCodeLists(stored);
    if (problems.length > 0) this.store.showMessage(`有导入的代码表无法使用，已跳过：${problems.slice(0, 3).join('；')}`, 'error');
  }

  /**
   * 导入代码表: a code list from a workbook or CSV (code, name, optional parent and level, recognised by
   * the header text), for a year and kind the clerk confirms; kept by the host with the program's data
   * and offered in the pickers of every budget of that year (and of later years without their own).
   */
  async importCodeList(): Promise<void> {
    const r = await this.host.importFile({ kind: 'codeList' });
    if (r.cancelled) return;
    const { name, bytes } = r.file;
    const v = await this.dialogs.form({
      title: `导入代码表“${name}”`,
      message: '代码表应有“编码”（或“代码”）和“名称”两列，可另有“上级编码”和“级次”列；同一年度同一种类的代码表会被新导入的替换。',
      fields: [
        { name: 'kind', label: '种类', options: [{ value: 'auto', label: '按编码判断' }, ...CODE_LIST_KINDS.map((k) => ({ value: k, label: CODE_LIST_KIND_LABELS[k] }))] },
        { name: 'year', label: '年度', initial: String(guessYear(name) ?? this.store.doc.department.fiscalYear) },
      ],
      submitLabel: '导入',
      validate: (x) => (/^\d{4}$/.test(x.year!.trim()) ? null : '年度应为四位数字'),
    });
    if (!v) return;
    await this.withBusy(`正在读取代码表“${name}”…`, async () => {
      const kind = v.kind === 'auto' ? undefined : (v.kind as CodeListKind);
      const result = await readCodeListFile(bytes, { fileName: name, year: Number(v.year!.trim()), ...(kind ? { kind } : {}) });
      if (!result.ok) {
        this.store.showMessage(`代码表“${name}”未导入：${result.problems[0]}`, 'error');
        await this.dialogs.alert('代码表未导入', result.problems.join('\n'));
        return;
      }
      let kept = '保存在本机，以后打开的预算也可使用';
      try {
        await this.host.storeCodeList(result.file);
      } catch (e) {
        kept = `但未能保存（${e instanceof Error ? e.message : String(e)}），只在本次使用`;
      }
      installImportedCodeLists(withStoredCodeList(importedCodeLists(), result.file));
      this.store.codeListsChanged();
      const label = `${result.year}年${CODE_LIST_KIND_LABELS[result.kind]}`;
      const docYear = this.store.doc.department.fiscalYear;
      const serves = getCodeLists(docYear)[result.kind].year === result.year ? '' : `（当前预算为${docYear}年，仍使用${getCodeLists(docYear)[result.kind].year}年的${CODE_LIST_KIND_LABELS[result.kind]}）`;
      this.store.showMessage(`已导入${label}代码表“${name}”，共 ${result.file.entries.length} 项，${kept}${serves}。`, 'info');
    });
  }

  async exportExcel(): Promise<void> {
    if (this.noExcel()) return;
    const format = await this.askExportFormat();
    if (!format) return;
    await this.withBusy('正在导出Excel…', async () => {
      const onProgress = this.progress('正在导出Excel…');
      let result = await this.xlsx!.exportWorkbook(this.store.doc, { ...format, force: false }, onProgress);
      if (!result.ok && result.refused) {
        // 强制性 errors: such a submission is not exported unless the clerk insists.
        const answer = await this.dialogs.confirm({
          title: '仍有强制性审核错误',
          message: `${result.message}\n\n有强制性审核错误的报表不能报送。如确需导出（例如先交给同事核对），请点“仍要导出”；点“取消”则不导出。`,
          buttons: [{ label: '仍要导出', value: 'export', tone: 'danger' }],
        });
        if (answer !== 'export') {
          this.store.showMessage('已取消导出。', 'info');
          return;
        }
        result = await this.xlsx!.exportWorkbook(this.store.doc, { ...format, force: true }, onProgress);
      }
      if (!result.ok) {
        await this.dialogs.alert('导出失败', result.message);
        return;
      }
      const saved = await this.host.exportFile({ bytes: result.bytes, suggestedName: this.suggestedName('.xlsx'), mimeType: XLSX_MIME });
      if (!saved.cancelled) this.store.showMessage(`已导出“${saved.name}”${result.notes.length ? `（${result.notes.join('；')}）` : '。'}`, 'info');
      else this.store.showMessage('已取消导出。', 'info');
    });
  }
}
