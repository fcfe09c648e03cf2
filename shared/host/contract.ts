/**
 * The host contract: everything the editor (renderer) asks of the platform it runs on — files,
 * dialogs, window title, menus — as one typed API object with a zod schema for every payload.
 *
 * Two implementations: the browser host (renderer/host/browserHost.ts: file picker, downloads,
 * localStorage) and the Electron host (preload exposing `window.budgetHost`, main process doing the
 * dialogs and atomic writes). End-to-end tests may inject their own `window.budgetHost`.
 * Whoever receives a payload across a process boundary parses it with the schema below
 * (`hostMethods[name].request/reply`, `hostEventSchema`, `snapshotSchema`).
 */
import { z } from 'zod';
import { codeListFileSchema } from '../codes/codeList';
import { createClient } from '../protocol/methods';

/**
 * The largest file content that crosses between the editor and its host (IPC on the desktop): far above
 * any department budget or its workbook (a few MB), low enough that a runaway or hostile page cannot make
 * the host write gigabytes. The desktop reads no larger file either (MAX_DOCUMENT_BYTES).
 */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
const bytes = z
  .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: '文件内容必须是字节数组（Uint8Array）' })
  .refine((v) => v.byteLength <= MAX_FILE_BYTES, { message: `文件内容过大，最大支持 ${MAX_FILE_BYTES / (1024 * 1024)} MB` });
const fileName = z.string().min(1).max(260);

/** A file the user picked or the OS handed over. `path` is absent in the browser. */
export const pickedFileSchema = z.object({
  name: fileName,
  path: z.string().max(4096).optional(),
  bytes,
});
export type PickedFile = z.infer<typeof pickedFileSchema>;

export const cancelledSchema = z.object({ cancelled: z.literal(true) });

export const openResultSchema = z.union([cancelledSchema, z.object({ cancelled: z.literal(false), file: pickedFileSchema })]);
export type OpenResult = z.infer<typeof openResultSchema>;

export const saveRequestSchema = z.object({
  bytes,
  /** File name offered in the dialog / used for the download, e.g. 深圳市信访局2020年部门预算.budget. */
  suggestedName: fileName,
  /** Where the document was opened from or last saved (desktop): save writes there without asking. */
  path: z.string().max(4096).optional(),
});
export type SaveRequest = z.infer<typeof saveRequestSchema>;

export const saveResultSchema = z.union([cancelledSchema, z.object({ cancelled: z.literal(false), name: fileName, path: z.string().max(4096).optional() })]);
export type SaveResult = z.infer<typeof saveResultSchema>;

export const IMPORT_KINDS = ['excel', 'previousYear', 'codeList'] as const;
export const importRequestSchema = z.object({
  /**
   * excel: a workbook of this year (导入Excel); previousYear: last year's .budget or workbook (从上年导入);
   * codeList: a code list as a workbook or CSV (导入代码表).
   */
  kind: z.enum(IMPORT_KINDS),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const exportRequestSchema = z.object({
  bytes,
  suggestedName: fileName,
  mimeType: z.string().max(200),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

export const recentFileSchema = z.object({
  /** Opaque id for openRecent (the path on desktop, a storage key in the browser). */
  id: z.string().min(1).max(4096),
  name: fileName,
  /** ISO time of the last open or save. */
  openedAt: z.string(),
  /** False when the host can no longer open it (browser: content too large to keep). */
  available: z.boolean(),
});
export type RecentFile = z.infer<typeof recentFileSchema>;

/**
 * Code lists the clerk imported, kept by the host with the program's data (desktop: the user data
 * folder; browser: localStorage), one per year and kind: a new one of the same year and kind replaces
 * the old. What the host hands back is parsed again by the editor (installImportedCodeLists).
 */
export const MAX_STORED_CODE_LISTS = 100;
export const storedCodeListsSchema = z.array(z.unknown()).max(MAX_STORED_CODE_LISTS);
export const storeCodeListRequestSchema = codeListFileSchema;

export const titleSchema = z.string().max(500);
export const dirtySchema = z.boolean();

/** Commands the host's menus (or the OS) send to the editor. */
export const HOST_COMMANDS = ['new', 'open', 'save', 'saveAs', 'importExcel', 'importPreviousYear', 'importCodeList', 'exportExcel', 'undo', 'redo', 'find', 'keys'] as const;
export type HostCommand = (typeof HOST_COMMANDS)[number];

/** Events host → editor. */
export const hostEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('command'), command: z.enum(HOST_COMMANDS) }),
  /** A file opened from the OS (double-click, drag onto the icon, 最近打开 menu). */
  z.object({ type: z.literal('openFile'), file: pickedFileSchema }),
]);
export type HostEvent = z.infer<typeof hostEventSchema>;

/**
 * Asked before the window closes. The editor answers `true` to let it close — after saving or the
 * clerk choosing not to save — or `false` to keep it open.
 */
export type BeforeCloseHandler = () => Promise<boolean>;

/**
 * The current document for autosave (crash recovery), asked for by the host: every 30 s and when the
 * window loses focus on the desktop. `null` when there is nothing new to keep (no unsaved changes, or
 * none since the last snapshot). Same shape as a save request: the `.budget` bytes, the name, and the
 * path the document was opened from or saved to (if any; the desktop's main process records its own
 * document path in the recovery file rather than trusting this one).
 */
export const snapshotSchema = saveRequestSchema.nullable();
export type SnapshotProvider = () => Promise<SaveRequest | null>;

export interface BudgetHost {
  /** 'browser' or 'desktop' (labels and a few behaviours differ: downloads vs files). */
  readonly kind: 'browser' | 'desktop';
  /** The document to open at start (command-line file, test injection), or null for the bundled sample. */
  initialFile(): Promise<PickedFile | null>;
  openDocument(): Promise<OpenResult>;
  saveDocument(req: SaveRequest): Promise<SaveResult>;
  saveDocumentAs(req: SaveRequest): Promise<SaveResult>;
  importFile(req: ImportRequest): Promise<OpenResult>;
  exportFile(req: ExportRequest): Promise<SaveResult>;
  recentFiles(): Promise<RecentFile[]>;
  openRecent(id: string): Promise<OpenResult>;
  /** The code lists imported so far (code-list files, unparsed). */
  codeLists(): Promise<unknown[]>;
  /** Keep an imported code list (replacing the one of the same year and kind). */
  storeCodeList(file: z.input<typeof storeCodeListRequestSchema>): Promise<void>;
  setTitle(title: string): Promise<void>;
  setDirty(dirty: boolean): Promise<void>;
  /** Subscribe to host events; returns the unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void;
  /** Register the editor's answer to a close request (one handler; a new one replaces it). */
  onBeforeClose(handler: BeforeCloseHandler): () => void;
  /**
   * Register the editor's snapshot provider for autosave (one provider; a new one replaces it).
   * The host parses what it returns with `snapshotSchema`; a provider that throws or returns a
   * malformed snapshot counts as "nothing to autosave".
   */
  onSnapshotRequest(provider: SnapshotProvider): () => void;
}

const voidSchema = z.undefined();

/** Request and response schemas of every host method (the IPC channel is `budgetHost:<method>`). */
export const hostMethods = {
  initialFile: { request: z.tuple([]), reply: pickedFileSchema.nullable() },
  openDocument: { request: z.tuple([]), reply: openResultSchema },
  saveDocument: { request: z.tuple([saveRequestSchema]), reply: saveResultSchema },
  saveDocumentAs: { request: z.tuple([saveRequestSchema]), reply: saveResultSchema },
  importFile: { request: z.tuple([importRequestSchema]), reply: openResultSchema },
  exportFile: { request: z.tuple([exportRequestSchema]), reply: saveResultSchema },
  recentFiles: { request: z.tuple([]), reply: z.array(recentFileSchema) },
  openRecent: { request: z.tuple([z.string().min(1).max(4096)]), reply: openResultSchema },
  codeLists: { request: z.tuple([]), reply: storedCodeListsSchema },
  storeCodeList: { request: z.tuple([storeCodeListRequestSchema]), reply: voidSchema },
  setTitle: { request: z.tuple([titleSchema]), reply: voidSchema },
  setDirty: { request: z.tuple([dirtySchema]), reply: voidSchema },
} as const;
export type HostMethodName = keyof typeof hostMethods;

export const HOST_CHANNEL_PREFIX = 'budgetHost:';
export const HOST_EVENT_CHANNEL = 'budgetHost:event';
export const HOST_BEFORE_CLOSE_CHANNEL = 'budgetHost:beforeClose';

/** The contract's methods over one function that makes a call (a method's arguments as one array). */
export function hostMethodsOver(call: (method: HostMethodName, args: unknown[]) => Promise<unknown>): Pick<BudgetHost, HostMethodName> {
  const names = Object.keys(hostMethods) as HostMethodName[];
  return Object.fromEntries(names.map((name) => [name, (...args: unknown[]) => call(name, args)])) as unknown as Pick<BudgetHost, HostMethodName>;
}

/** The global under which a preload script (or a test) installs its host. */
export const HOST_GLOBAL = 'budgetHost';

/**
 * Ask a provider for a snapshot and parse it: a provider that throws or answers something that is
 * not a snapshot gives null (autosave must never break the editor or the host).
 */
export async function takeSnapshot(provider: SnapshotProvider | null, onError?: (error: unknown) => void): Promise<SaveRequest | null> {
  if (!provider) return null;
  try {
    return snapshotSchema.parse(await provider());
  } catch (err) {
    onError?.(err);
    return null;
  }
}

/**
 * Wrap a host so that every response is parsed with its schema (a host installed by another process
 * or a test is untrusted input). Requests are parsed too, so a bad call fails in the caller.
 */
export function checkedHost(host: BudgetHost): BudgetHost {
  const client = createClient(hostMethods, (name, args) => (host[name] as (...a: unknown[]) => Promise<unknown>).apply(host, args as unknown[]), { checkRequest: true });
  return {
    kind: host.kind,
    ...hostMethodsOver((name, args) => client[name](args as never)),
    onEvent: (listener) =>
      host.onEvent((event) => {
        const parsed = hostEventSchema.safeParse(event);
        if (parsed.success) listener(parsed.data);
      }),
    onBeforeClose: (handler) => host.onBeforeClose(handler),
    // A host installed by an older preload or a test may not take a provider: then nothing is autosaved.
    onSnapshotRequest: (provider) =>
      typeof host.onSnapshotRequest === 'function' ? host.onSnapshotRequest(async () => snapshotSchema.parse(await provider())) : () => undefined,
  };
}
