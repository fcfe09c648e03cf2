import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import type { BudgetHost, SaveRequest, SaveResult } from '../../shared/host/contract';
import { parseBudgetFile, serializeBudget } from '../../shared/io/budgetFile';
import { cellKey } from '../../shared/model/cellKey';
import type { Fen } from '../../shared/money/fen';
import { Emitter } from '../../shared/events/emitter';
import { type AuditClient, type AuditEvent } from '../audit/auditClient';
import { DialogService } from '../components/dialogs';
import type { XlsxClient, XlsxImportResult } from '../xlsx/xlsxClient';
import { AppActions, isWorkbookFile } from './appActions';
import { EditorStore } from './editorStore';

class NullAuditClient implements AuditClient {
  private listeners = new Emitter<AuditEvent>();
  load(): void {}
  update(): null {
    return null;
  }
  preview(): void {}
  subscribe(l: (e: AuditEvent) => void): () => void {
    return this.listeners.event(l);
  }
  dispose(): void {}
}

const enc = (s: string) => new TextEncoder().encode(s);
const WAGES = cellKey('T4', 'e:a1', 'generalFunding');

function fakeHost(kind: 'browser' | 'desktop', save: (req: SaveRequest) => Promise<SaveResult>): BudgetHost {
  const cancelled = async () => ({ cancelled: true as const });
  return {
    kind,
    initialFile: async () => null,
    openDocument: cancelled,
    saveDocument: save,
    saveDocumentAs: save,
    importFile: cancelled,
    exportFile: cancelled,
    recentFiles: async () => [],
    codeLists: async () => [],
    storeCodeList: async () => undefined,
    openRecent: cancelled,
    setTitle: async () => undefined,
    setDirty: async () => undefined,
    onEvent: () => () => undefined,
    onBeforeClose: () => () => undefined,
    onSnapshotRequest: () => () => undefined,
  };
}

function fakeXlsx(result: XlsxImportResult, calls: string[]): XlsxClient {
  const refused = async () => ({ ok: false as const, message: 'unused' });
  return {
    exportWorkbook: async () => ({ ok: false, refused: false, message: 'unused' }),
    importWorkbook: async (_bytes, fileName) => (calls.push(fileName), result),
    rollForward: refused,
    importPreviousYear: refused,
    dispose: () => undefined,
  };
}

function setup(opts: { kind?: 'browser' | 'desktop'; save?: (req: SaveRequest) => Promise<SaveResult>; xlsx?: XlsxClient | null } = {}) {
  const store = new EditorStore(new NullAuditClient());
  const dialogs = new DialogService();
  const saves: SaveRequest[] = [];
  const save = opts.save ?? (async (req: SaveRequest) => (saves.push(req), { cancelled: false as const, name: req.suggestedName, path: req.path ?? '/docs/new.budget' }));
  const host = fakeHost(opts.kind ?? 'desktop', save);
  const actions = new AppActions(store, host, dialogs, opts.xlsx ?? null);
  return { store, dialogs, actions, saves, host };
}

describe('AppActions', () => {
  it('tells the host the title and the unsaved state when they change, not on every keystroke', () => {
    const { store, actions, host } = setup();
    const titles: string[] = [];
    const dirty: boolean[] = [];
    host.setTitle = async (t) => void titles.push(t);
    host.setDirty = async (d) => void dirty.push(d);
    store.open(smallBudget(), { name: 'small.budget', path: '/docs/small.budget' });
    actions.updateTitle();
    for (const v of [100, 200, 300]) {
      store.setCells([{ key: WAGES, value: v as Fen }], { label: '输入' });
      actions.updateTitle();
    }
    expect(titles).toEqual(['small.budget — 部门预算编制器', 'small.budget * — 部门预算编制器']);
    expect(dirty).toEqual([false, true]);
  });

  it('hands autosave a snapshot only for unsaved changes made since the last one', async () => {
    const { store, actions } = setup();
    store.open(smallBudget(), { name: 'small.budget', path: '/docs/small.budget' });
    expect(await actions.snapshot()).toBeNull(); // nothing unsaved

    store.setCells([{ key: WAGES, value: 123_400 as Fen }], { label: '输入' });
    const first = await actions.snapshot();
    expect(first).toMatchObject({ suggestedName: 'small.budget', path: '/docs/small.budget' });
    const parsed = parseBudgetFile(new TextDecoder().decode(first!.bytes), 'snapshot');
    expect(parsed.ok && parsed.doc.economicLines.byId.a1!.amounts.generalFunding).toBe(123_400);
    expect(await actions.snapshot()).toBeNull(); // unchanged since

    store.setCells([{ key: WAGES, value: 5_600 as Fen }], { label: '输入' });
    const second = await actions.snapshot();
    expect(new TextDecoder().decode(second!.bytes)).toBe(serializeBudget(store.doc));

    await actions.save();
    store.undo();
    store.redo();
    expect(store.dirty).toBe(false);
    expect(await actions.snapshot()).toBeNull(); // saved: the file has it
  });

  it('a failed save is shown and the document stays unsaved', async () => {
    const message = '无法保存“small.budget”：文件正被其他程序（如 Excel、WPS）打开，请关闭后重试';
    const { store, dialogs, actions } = setup({
      save: async () => {
        throw new Error(message);
      },
    });
    store.open(smallBudget(), { name: 'small.budget', path: '/docs/small.budget' });
    store.setCells([{ key: WAGES, value: 123_400 as Fen }], { label: '输入' });
    expect(await actions.save()).toBe(false);
    expect(store.dirty).toBe(true);
    expect(store.message).toMatchObject({ text: message, tone: 'error' });
    expect(dialogs.open).toMatchObject({ kind: 'confirm', spec: { title: '保存失败' } });
    expect(dialogs.open?.kind === 'confirm' && dialogs.open.spec.message).toContain(message);
    // The close question's 保存 gets "not saved", so the window stays open.
    dialogs.open!.resolve(null as never);
    expect(await actions.saveAs()).toBe(false);
    expect(store.file).toEqual({ name: 'small.budget', path: '/docs/small.budget' });
  });

  it('opens an Excel workbook through the Excel import, as an unsaved document saved as .budget', async () => {
    const calls: string[] = [];
    const imported = smallBudget();
    const { store, actions, saves, dialogs } = setup({ xlsx: fakeXlsx({ ok: true, doc: imported, notes: ['单位：万元'] }, calls) });
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    expect(await actions.openPicked({ name: '预算.xlsx', path: '/docs/预算.xlsx', bytes })).toBe(true);
    expect(calls).toEqual(['预算.xlsx']);
    expect(store.doc.department.name).toBe(imported.department.name);
    expect(store.file).toEqual({ name: '预算.xlsx' }); // the workbook's path is never the document's
    expect(store.dirty).toBe(true);
    expect(store.message?.text).toContain('单位：万元');
    expect((await actions.snapshot())?.suggestedName).toBe('预算.budget');

    // 保存 on the desktop asks where (another dialog than 保存 in place), as a .budget file.
    expect(await actions.save()).toBe(true);
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({ suggestedName: '预算.budget' });
    expect(saves[0]!.path).toBeUndefined();
    expect(store.dirty).toBe(false);
    expect(dialogs.open).toBeNull();
  });

  it('shows the structure check after opening a workbook, and asks the clerk to look when it warns', async () => {
    const notes = ['结构核对：40 个合计与明细一致（其中 0 个尾差），9 个不一致', '警告：表5（工作表“表5”）第 9、12 行打印的合计与读入的明细不一致', '单位：万元'];
    const { store, actions, dialogs } = setup({ xlsx: fakeXlsx({ ok: true, doc: smallBudget(), notes }, []) });
    expect(await actions.openPicked({ name: '预算.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]) })).toBe(true);
    expect(store.message?.text).toContain('结构核对：40 个合计与明细一致（其中 0 个尾差），9 个不一致');
    expect(dialogs.open).toMatchObject({ kind: 'confirm', spec: { title: '导入结构核对' } });
    expect((dialogs.open as unknown as { spec: { message: string } }).spec.message).toContain('表5（工作表“表5”）第 9、12 行');
  });

  it('opens a workbook whose structure check finds nothing to warn about without a dialog', async () => {
    const notes = ['结构核对：40 个合计与明细一致（其中 2 个尾差），0 个不一致'];
    const { store, actions, dialogs } = setup({ xlsx: fakeXlsx({ ok: true, doc: smallBudget(), notes }, []) });
    expect(await actions.openPicked({ name: '预算.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]) })).toBe(true);
    expect(store.message?.text).toContain(notes[0]);
    expect(dialogs.open).toBeNull();
  });

  it('says why a workbook cannot be opened and keeps the open document', async () => {
    const { store, actions, dialogs } = setup({ xlsx: fakeXlsx({ ok: false, message: '“坏.xlsx”不是 Excel 文件' }, []) });
    store.open(smallBudget(), { name: 'small.budget' });
    const before = store.doc;
    expect(await actions.openPicked({ name: '坏.xlsx', bytes: enc('not a zip') })).toBe(false);
    expect(store.doc).toBe(before);
    expect(dialogs.open).toMatchObject({ kind: 'confirm', spec: { title: '无法打开文件', message: '“坏.xlsx”不是 Excel 文件' } });
  });

  it('opens a legacy .xls through the Excel import too, saved next to it as .budget', async () => {
    const calls: string[] = [];
    const { store, actions } = setup({ xlsx: fakeXlsx({ ok: true, doc: smallBudget(), notes: [] }, calls) });
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await actions.openPicked({ name: '2019年预算.xls', path: '/docs/2019年预算.xls', bytes: ole })).toBe(true);
    expect(calls).toEqual(['2019年预算.xls']);
    expect(store.file).toEqual({ name: '2019年预算.xls' });
    expect((await actions.snapshot())?.suggestedName).toBe('2019年预算.budget');
  });

  it('refuses a .budget file that is not UTF-8, naming the byte, and keeps what is open', async () => {
    const { store, actions, dialogs } = setup();
    store.open(smallBudget(), { name: 'small.budget' });
    const before = store.doc;
    const bytes = enc(serializeBudget(smallBudget()));
    const at = bytes.indexOf(0xe5); // the first byte of the first CJK character
    bytes[at + 1] = 0x41;
    expect(await actions.openPicked({ name: '坏.budget', bytes })).toBe(false);
    expect(store.doc).toBe(before);
    expect(dialogs.open).toMatchObject({ kind: 'confirm', spec: { title: '无法打开文件' } });
    expect((dialogs.open as { spec: { message: string } }).spec.message).toContain(`第 ${at} 字节处（从 0 起算）不是有效的 UTF-8 编码`);
  });

  it('opens a .budget file of the previous version (as a recovery copy or a recent file is handed over) and saves it in today’s names', async () => {
    const { store, actions, saves } = setup();
    // The bundled sample is kept as version 1 wrote it (threePublic, a functional line's basic / project).
    const text = readFileSync(new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url), 'utf8');
    const old = JSON.parse(text) as { version: number; threePublic: unknown };
    expect(old.version).toBe(1);
    expect(await actions.openPicked({ name: '恢复.budget', path: '/docs/恢复.budget', bytes: enc(text) })).toBe(true);
    expect(store.doc.threePublicExpenses).toEqual(old.threePublic);
    expect(await actions.save()).toBe(true);
    const saved = JSON.parse(new TextDecoder().decode(saves[0]!.bytes)) as Record<string, unknown>;
    expect(saved.version).toBe(2);
    expect(Object.hasOwn(saved, 'threePublic')).toBe(false);
    expect(saved.threePublicExpenses).toEqual(old.threePublic);
  });

  it('tells workbooks from .budget files by name or content', () => {
    expect(isWorkbookFile({ name: 'A.XLSX', bytes: enc('') })).toBe(true);
    expect(isWorkbookFile({ name: '上年.xls', bytes: enc('') })).toBe(true);
    expect(isWorkbookFile({ name: '上年', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) })).toBe(true);
    expect(isWorkbookFile({ name: 'a.budget', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04]) })).toBe(true);
    expect(isWorkbookFile({ name: 'a.budget', bytes: enc('{"format":"budget-tables/department-budget"}') })).toBe(false);
  });

  it('导出Excel asks for unit and decimals, preset to the document’s own, and exports with the answer', async () => {
    const exports: { unit: string; decimals?: number; force: boolean }[] = [];
    const xlsx: XlsxClient = {
      ...fakeXlsx({ ok: false, message: 'unused' }, []),
      exportWorkbook: async (_doc, options) => (exports.push(options), { ok: false, refused: false, message: '测试' }),
    };
    const { store, dialogs, actions } = setup({ xlsx });
    const doc = smallBudget();
    doc.department.displayUnit = 'wan';
    doc.department.displayDecimals = 2; // read from a workbook in 万元 with 2 decimals
    store.open(doc, { name: 'small.budget' });
    const answer = async (values: Record<string, string> | null) => {
      const pending = actions.exportExcel();
      await new Promise((r) => setTimeout(r, 0));
      const open = dialogs.open;
      if (open?.kind !== 'form') throw new Error('no export dialog');
      const fields = Object.fromEntries(open.spec.fields.map((f) => [f.name, f]));
      open.resolve(values);
      await new Promise((r) => setTimeout(r, 0));
      if (dialogs.open?.kind === 'confirm') dialogs.open.resolve('ok'); // the failure notice
      await pending;
      return fields;
    };
    const fields = await answer({ unit: 'wan', decimals: '2' });
    expect(fields.unit).toMatchObject({ label: '金额单位', initial: 'wan', options: [{ value: 'wan', label: '万元' }, { value: 'yuan', label: '元' }] });
    expect(fields.decimals).toMatchObject({ label: '小数位数', initial: '2' });
    expect(exports).toEqual([{ unit: 'wan', decimals: 2, force: false }]);
    await answer({ unit: 'yuan', decimals: '0' });
    expect(exports[1]).toEqual({ unit: 'yuan', decimals: 0, force: false });
    await answer(null); // 取消: nothing exported
    expect(exports).toHaveLength(2);
  });
});

