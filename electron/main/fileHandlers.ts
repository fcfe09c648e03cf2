/**
 * The file side of the host contract as main registers it: open / save / save as / import / export
 * with native dialogs (injected, so tests pass fakes that return temp paths), reads with readFileSafe,
 * writes with writeFileAtomic (temp file + fsync + rename, previous version kept as `.bak`), and the
 * recent-files list.
 *
 * Trust: the renderer only names files main handed to it. `saveDocument` writes to `req.path` without
 * asking only if that path is the current document: the `.budget` file last opened or saved through
 * main. Any other path (a file opened earlier in the session, a compromised page, an imported
 * workbook, the bundled sample) goes through the save dialog.
 * `openRecent` only opens paths on the recent list.
 *
 * Plain Node module: no 'electron' import.
 */
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { MAX_FILE_BYTES, type PickedFile, type SaveResult } from '../../shared/host/contract';
import { removeStaleTempFiles, writeFileAtomic } from '../files/atomicWrite';
import { readFileSafe } from '../files/readFile';
import type { HostHandlers } from './hostRoutes';
import { HostError } from '../../shared/host/hostError';
import type { RecentFilesStore } from './recentFiles';

/** The parts of Electron's `dialog` used here, already bound to the window (main passes `(o) => dialog.x(win, o)`). */
export interface FileFilter {
  name: string;
  extensions: string[];
}
export interface DialogPort {
  showOpenDialog(options: {
    title: string;
    defaultPath?: string;
    buttonLabel?: string;
    filters: FileFilter[];
    properties: Array<'openFile'>;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    buttonLabel?: string;
    filters: FileFilter[];
    properties?: Array<'showOverwriteConfirmation' | 'createDirectory'>;
  }): Promise<{ canceled: boolean; filePath?: string }>;
  showMessageBox(options: {
    type: 'none' | 'info' | 'error' | 'question' | 'warning';
    title?: string;
    message: string;
    detail?: string;
    buttons: string[];
    defaultId?: number;
    cancelId?: number;
    noLink?: boolean;
  }): Promise<{ response: number }>;
}

export type SaveOutcome = { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

export interface FileHandlersOptions {
  dialogs: DialogPort;
  recent: RecentFilesStore;
  /** Folder the dialogs start in when there is no current file (the user's Documents folder). */
  defaultDirectory: () => string;
  /** Folders of templates (the bundled sample): opened without a path, so 保存 asks where to save. */
  readOnlyDirs?: readonly string[];
  /** What `initialFile` returns (main decides: a restored recovery file, the launch argument, or null). */
  initialFile?: () => Promise<PickedFile | null>;
  maxBytes?: number;
  /** Told about every document save, so the session can update the title, recovery file and close flow. */
  onSaveOutcome?: (outcome: SaveOutcome) => void;
  /** Told when the document now lives at a path (opened or saved), or has none (`null`: new from a template). */
  onDocumentPath?: (filePath: string | null) => void;
  fs?: Pick<typeof nodeFs, 'stat'>;
}

export const DOCUMENT_EXTENSION = '.budget';
/** The largest file main opens: the same bound as any file content crossing IPC. */
export const MAX_DOCUMENT_BYTES = MAX_FILE_BYTES;

const BUDGET_FILTER: FileFilter = { name: '预算文件', extensions: ['budget'] };
const XLSX_FILTER: FileFilter = { name: 'Excel 工作簿', extensions: ['xlsx', 'xls'] };

export type FileHandlers = Omit<HostHandlers, 'setTitle' | 'setDirty' | 'codeLists' | 'storeCodeList'> & {
  /** Reads a file for the current document (launch argument, second instance, recent menu), granting save access to `.budget` files. */
  readDocument(filePath: string): Promise<PickedFile>;
  /** Makes already-read bytes the current document (a restored recovery file keeps its original path). */
  adoptFile(file: PickedFile): Promise<PickedFile>;
};

/** Characters Windows forbids in names, path separators and control characters become "_". */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/^[. ]+|[. ]+$/g, '');
  return cleaned.length > 0 ? cleaned.slice(0, 200) : '未命名';
}

function withExtension(name: string, ext: string): string {
  return path.extname(name).toLowerCase() === ext ? name : `${name}${ext}`;
}

function exportFilter(suggestedName: string): FileFilter[] {
  const ext = path.extname(suggestedName).toLowerCase().slice(1);
  const known: Record<string, string> = { xlsx: 'Excel 工作簿', pdf: 'PDF 文件', csv: 'CSV 文件', budget: '预算文件' };
  return ext && known[ext] ? [{ name: known[ext], extensions: [ext] }] : [{ name: '所有文件', extensions: ['*'] }];
}

export function createFileHandlers(opts: FileHandlersOptions): FileHandlers {
  const fs = opts.fs ?? nodeFs;
  const maxBytes = opts.maxBytes ?? MAX_DOCUMENT_BYTES;
  const platformKey = (p: string) => (process.platform === 'linux' ? path.resolve(p) : path.resolve(p).toLowerCase());
  /** The one path 保存 may write without asking: the current document's (platformKey), or null. */
  let writablePath: string | null = null;
  const isWritable = (p: string) => writablePath !== null && platformKey(p) === writablePath;
  let lastDirectory: string | null = null;

  const isReadOnly = (p: string) =>
    (opts.readOnlyDirs ?? []).some((dir) => {
      const rel = path.relative(path.resolve(dir), path.resolve(p));
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  const isDocumentFile = (p: string) => path.extname(p).toLowerCase() === DOCUMENT_EXTENSION;

  async function readPicked(filePath: string): Promise<PickedFile> {
    const full = path.resolve(filePath);
    const bytes = await readFileSafe(full, { maxBytes });
    void removeStaleTempFiles(full).catch(() => undefined);
    return { name: path.basename(full), path: full, bytes };
  }

  /** The file becomes the current document: remembered for 保存 when it is a writable .budget file. */
  async function adopt(file: PickedFile): Promise<PickedFile> {
    const full = file.path!;
    lastDirectory = path.dirname(full);
    if (isReadOnly(full)) {
      writablePath = null;
      opts.onDocumentPath?.(null);
      return { name: file.name, bytes: file.bytes };
    }
    // A workbook opened as the document is a new, unsaved document: nothing may be written without asking.
    writablePath = isDocumentFile(full) ? platformKey(full) : null;
    opts.onDocumentPath?.(isDocumentFile(full) ? full : null);
    await opts.recent.add(full).catch(() => undefined);
    return file;
  }

  async function pickOne(title: string, filters: FileFilter[]): Promise<string | null> {
    const result = await opts.dialogs.showOpenDialog({
      title,
      defaultPath: lastDirectory ?? opts.defaultDirectory(),
      filters,
      properties: ['openFile'],
    });
    const chosen = result.filePaths[0];
    return result.canceled || !chosen ? null : chosen;
  }

  async function exists(p: string): Promise<boolean> {
    return fs.stat(p).then(
      (st) => st.isFile(),
      () => false,
    );
  }

  /** Writes and reports; a failure leaves the old file intact and throws its Chinese message. */
  async function writeDocument(target: string, bytes: Uint8Array): Promise<SaveResult> {
    try {
      await writeFileAtomic(target, bytes, { keepBackup: true });
    } catch (err) {
      opts.onSaveOutcome?.({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      throw err;
    }
    writablePath = platformKey(target);
    lastDirectory = path.dirname(target);
    await opts.recent.add(target).catch(() => undefined);
    opts.onDocumentPath?.(target);
    opts.onSaveOutcome?.({ kind: 'saved', path: target });
    return { cancelled: false, name: path.basename(target), path: target };
  }

  async function chooseSaveTarget(title: string, suggestedName: string, currentPath: string | undefined, ext: string, filters: FileFilter[]): Promise<string | null> {
    const startDir = currentPath && path.isAbsolute(currentPath) ? path.dirname(currentPath) : (lastDirectory ?? opts.defaultDirectory());
    const result = await opts.dialogs.showSaveDialog({
      title,
      defaultPath: path.join(startDir, withExtension(safeFileName(suggestedName), ext)),
      filters,
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    if (result.canceled || !result.filePath) return null;
    const chosen = path.resolve(result.filePath);
    if (ext === '' || path.extname(chosen).toLowerCase() === ext) return chosen;
    // Some Linux dialogs do not add the extension; the name we add was not covered by the dialog's overwrite question.
    const completed = `${chosen}${ext}`;
    if (await exists(completed)) {
      const { response } = await opts.dialogs.showMessageBox({
        type: 'warning',
        title: '文件已存在',
        message: `“${path.basename(completed)}”已存在，要替换它吗？`,
        buttons: ['替换', '取消'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      if (response !== 0) return null;
    }
    return completed;
  }

  const saveAs: HostHandlers['saveDocumentAs'] = async (req) => {
    const target = await chooseSaveTarget('另存为', req.suggestedName, req.path, DOCUMENT_EXTENSION, [BUDGET_FILTER]);
    if (!target) {
      opts.onSaveOutcome?.({ kind: 'cancelled' });
      return { cancelled: true };
    }
    return writeDocument(target, req.bytes);
  };

  return {
    async initialFile() {
      return (await opts.initialFile?.()) ?? null;
    },

    async openDocument() {
      const chosen = await pickOne('打开', [{ name: '预算文件和 Excel 工作簿', extensions: ['budget', 'xlsx', 'xls'] }, BUDGET_FILTER, XLSX_FILTER]);
      if (!chosen) return { cancelled: true };
      return { cancelled: false, file: await adopt(await readPicked(chosen)) };
    },

    async saveDocument(req) {
      if (req.path && isWritable(req.path) && isDocumentFile(req.path)) {
        return writeDocument(path.resolve(req.path), req.bytes);
      }
      return saveAs(req);
    },

    saveDocumentAs: saveAs,

    async importFile(req) {
      const chosen =
        req.kind === 'excel'
          ? await pickOne('导入 Excel', [XLSX_FILTER])
          : req.kind === 'codeList'
            ? await pickOne('导入代码表', [{ name: '代码表（Excel 工作簿或 CSV）', extensions: ['xlsx', 'csv'] }, XLSX_FILTER, { name: 'CSV 文件', extensions: ['csv'] }])
            : await pickOne('从上年导入', [{ name: '预算文件和 Excel 工作簿', extensions: ['budget', 'xlsx', 'xls'] }, BUDGET_FILTER, XLSX_FILTER]);
      if (!chosen) return { cancelled: true };
      // An imported file is a source, not the document: no save access, not on the recent list.
      return { cancelled: false, file: await readPicked(chosen) };
    },

    async exportFile(req) {
      const ext = path.extname(req.suggestedName).toLowerCase();
      const target = await chooseSaveTarget('导出', req.suggestedName, undefined, ext, exportFilter(req.suggestedName));
      if (!target) return { cancelled: true };
      if (isWritable(target)) {
        throw new HostError('conflict', `不能导出到“${path.basename(target)}”：这是正在编辑的预算文件，请换一个文件名`);
      }
      await writeFileAtomic(target, req.bytes, { keepBackup: false });
      lastDirectory = path.dirname(target);
      return { cancelled: false, name: path.basename(target), path: target };
    },

    async recentFiles() {
      const entries = await opts.recent.list();
      return Promise.all(entries.map(async (e) => ({ id: e.path, name: e.name, openedAt: e.openedAt, available: await exists(e.path) })));
    },

    async openRecent(id) {
      const entry = await opts.recent.find(id);
      if (!entry) throw new HostError('notRecent', '该文件不在最近打开的文件列表中');
      return { cancelled: false, file: await adopt(await readPicked(entry.path)) };
    },

    async readDocument(filePath) {
      return adopt(await readPicked(filePath));
    },

    adoptFile(file) {
      return file.path ? adopt({ ...file, path: path.resolve(file.path) }) : Promise.resolve(file);
    },
  };
}
