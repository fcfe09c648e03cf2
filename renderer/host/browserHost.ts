/**
 * The host in a plain browser (`npm run web`, end-to-end tests): files are picked with an
 * <input type=file>, saved and exported as downloads, recent files kept in localStorage (with their
 * content when small enough to reopen), the title is the page title, and closing with unsaved
 * changes asks through the browser's own leave-page prompt.
 *
 * Autosave: every 30 s and when the page is hidden, while there are unsaved changes, the editor's
 * snapshot is kept as a recent file named 「（自动保存）name」, so after a crash or a closed tab the
 * clerk reopens it from 最近.
 */
import { withStoredCodeList } from '../../shared/codes/registry';
import { Slot } from '../../shared/events/emitter';
import {
  takeSnapshot,
  type BeforeCloseHandler,
  type BudgetHost,
  type ExportRequest,
  type HostEvent,
  type ImportRequest,
  type OpenResult,
  type PickedFile,
  type RecentFile,
  type SaveRequest,
  type SaveResult,
  type SnapshotProvider,
} from '../../shared/host/contract';

const RECENT_KEY = 'budget-tables:recent';
const RECENT_CONTENT_PREFIX = 'budget-tables:recent-file:';
const RECENT_LIMIT = 8;
/** Content kept for reopening only below this size (localStorage holds a few MB in all). */
const RECENT_CONTENT_MAX_CHARS = 1_500_000;
export const AUTOSAVE_INTERVAL_MS = 30_000;
/** Name prefix of the autosaved copy in the recent list. */
export const AUTOSAVE_PREFIX = '（自动保存）';

const ACCEPT: Record<'document' | ImportRequest['kind'], string> = {
  document: '.budget,.json,.xlsx,.xls',
  excel: '.xlsx,.xls',
  previousYear: '.budget,.json,.xlsx,.xls',
  codeList: '.xlsx,.csv',
};

/** Imported code lists (one JSON array), kept like the recent files. */
const CODE_LISTS_KEY = 'budget-tables:code-lists';

function readCodeLists(storage: Storage): unknown[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(CODE_LISTS_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function pickFile(accept: string): Promise<OpenResult> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    let settled = false;
    const done = (r: OpenResult) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(r);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return done({ cancelled: true });
      file.arrayBuffer().then(
        (buf) => done({ cancelled: false, file: { name: file.name, bytes: new Uint8Array(buf) } }),
        () => done({ cancelled: true }),
      );
    });
    input.addEventListener('cancel', () => done({ cancelled: true }));
    document.body.appendChild(input);
    input.click();
  });
}

export function download(bytes: Uint8Array, name: string, mimeType: string): void {
  const blob = new Blob([bytes as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function readRecent(storage: Storage): RecentFile[] {
  try {
    const raw = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? (raw as RecentFile[]).filter((r) => r && typeof r.id === 'string' && typeof r.name === 'string') : [];
  } catch {
    return [];
  }
}

/** Marks content kept as base64 (an Excel workbook is not text); never the start of a .budget file. */
const BINARY_MARK = '\u0000base64:';

/** localStorage keeps strings: UTF-8 text as it is (a .budget file), anything else as base64. */
function encodeContent(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return BINARY_MARK + btoa(binary);
  }
}

function decodeContent(text: string): Uint8Array {
  if (!text.startsWith(BINARY_MARK)) return new TextEncoder().encode(text);
  const binary = atob(text.slice(BINARY_MARK.length));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Remember a file as recently used (newest first, same name replaces the older entry). */
export function rememberRecent(storage: Storage, file: { name: string; bytes: Uint8Array }, now = new Date()): RecentFile[] {
  const id = `recent:${file.name}`;
  let text: string | null = null;
  if (file.bytes.length <= RECENT_CONTENT_MAX_CHARS) text = encodeContent(file.bytes);
  if (text !== null && text.length > RECENT_CONTENT_MAX_CHARS * 1.4) text = null;
  let available = false;
  try {
    if (text !== null) {
      storage.setItem(RECENT_CONTENT_PREFIX + id, text);
      available = true;
    } else storage.removeItem(RECENT_CONTENT_PREFIX + id);
  } catch {
    available = false; // quota exceeded: keep the name only
  }
  const list = [{ id, name: file.name, openedAt: now.toISOString(), available }, ...readRecent(storage).filter((r) => r.id !== id)];
  for (const dropped of list.splice(RECENT_LIMIT)) storage.removeItem(RECENT_CONTENT_PREFIX + dropped.id);
  storage.setItem(RECENT_KEY, JSON.stringify(list));
  return list;
}

export function recentContent(storage: Storage, id: string): Uint8Array | null {
  const text = storage.getItem(RECENT_CONTENT_PREFIX + id);
  return text === null ? null : decodeContent(text);
}

export function createBrowserHost(win: Window = window): BudgetHost {
  const storage = win.localStorage;
  let dirty = false;
  const beforeClose = new Slot<BeforeCloseHandler>();
  win.addEventListener('beforeunload', (e) => {
    if (!dirty) return;
    e.preventDefault();
    // Chrome needs returnValue set to show its leave-page prompt.
    e.returnValue = '';
  });

  const snapshotProvider = new Slot<SnapshotProvider>();
  /** Keeps the editor's snapshot (if any: unsaved changes since the last one) as a recent file. */
  const autosave = async (): Promise<void> => {
    if (!dirty) return;
    const snapshot = await takeSnapshot(snapshotProvider.current, (err) => console.error('自动保存失败', err));
    if (!snapshot) return;
    const name = snapshot.suggestedName.startsWith(AUTOSAVE_PREFIX) ? snapshot.suggestedName : `${AUTOSAVE_PREFIX}${snapshot.suggestedName}`;
    rememberRecent(storage, { name, bytes: snapshot.bytes });
  };
  setInterval(() => void autosave(), AUTOSAVE_INTERVAL_MS);
  win.document.addEventListener('visibilitychange', () => {
    if (win.document.visibilityState === 'hidden') void autosave();
  });

  const save = async (req: SaveRequest): Promise<SaveResult> => {
    download(req.bytes, req.suggestedName, 'application/json');
    rememberRecent(storage, { name: req.suggestedName, bytes: req.bytes });
    return { cancelled: false, name: req.suggestedName };
  };

  return {
    kind: 'browser',
    initialFile: async (): Promise<PickedFile | null> => null,
    openDocument: async () => {
      const r = await pickFile(ACCEPT.document);
      if (!r.cancelled) rememberRecent(storage, r.file);
      return r;
    },
    saveDocument: save,
    saveDocumentAs: save,
    importFile: (req: ImportRequest) => pickFile(ACCEPT[req.kind]),
    exportFile: async (req: ExportRequest) => {
      download(req.bytes, req.suggestedName, req.mimeType);
      return { cancelled: false, name: req.suggestedName };
    },
    recentFiles: async () => readRecent(storage),
    codeLists: async () => readCodeLists(storage),
    storeCodeList: async (file) => {
      try {
        storage.setItem(CODE_LISTS_KEY, JSON.stringify(withStoredCodeList(readCodeLists(storage), file)));
      } catch {
        throw new Error('浏览器的本地存储空间不足，代码表未能保存（本次仍可使用）。');
      }
    },
    openRecent: async (id: string) => {
      const entry = readRecent(storage).find((r) => r.id === id);
      const bytes = recentContent(storage, id);
      if (!entry || !bytes) return { cancelled: true };
      rememberRecent(storage, { name: entry.name, bytes });
      return { cancelled: false, file: { name: entry.name, bytes } };
    },
    setTitle: async (title: string) => {
      win.document.title = title;
    },
    setDirty: async (d: boolean) => {
      dirty = d;
    },
    onEvent: (_listener: (event: HostEvent) => void) => () => undefined,
    onBeforeClose: beforeClose.register,
    onSnapshotRequest: snapshotProvider.register,
  };
}
