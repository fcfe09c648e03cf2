/**
 * The open document as main sees it: title and dirty state, autosave to a recovery file, the
 * crash-recovery offer at start, and the close flow (保存 / 不保存 / 取消).
 *
 * - Title: 「name — 部门预算编制器」, with "• " in front while there are unsaved changes.
 * - Autosave: every 30 s and when the window loses focus, while the document is dirty, the current
 *   document is written to the recovery store (atomically). A successful save to the user's file and a
 *   clean exit remove the recovery file; after a crash it is still there, and the next start offers to
 *   restore it.
 * - Close: not dirty → close. Dirty → the editor's before-close handler decides (it asks the clerk and
 *   saves); if the editor has no handler (or its page is gone), main asks 保存 / 不保存 / 取消 itself,
 *   and 保存 sends the editor the `save` command and waits for the result.
 *
 * Effects (window, dialogs, renderer) are injected, so everything here is tested in Node.
 * Plain Node module: no 'electron' import.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { Emitter } from '../../shared/events/emitter';
import type { HostCommand, PickedFile } from '../../shared/host/contract';
import { createAutosaveScheduler, type AutosaveScheduler, type TimerHandle } from '../files/autosave';
import { fileStamp, type RecoveryStore } from '../files/recovery';
import type { DialogPort, SaveOutcome } from './fileHandlers';

export const PRODUCT_NAME = '部门预算编制器';
export const AUTOSAVE_INTERVAL_MS = 30_000;
/** One window, one document: one recovery slot. */
export const RECOVERY_DOC_ID = 'current-document';
const TITLE_SEPARATOR = ' — ';
const DIRTY_MARK = '• ';

/** 「name — 部门预算编制器」, "• " in front when dirty; tolerant of a title that already has either. */
export function formatWindowTitle(title: string, dirty: boolean): string {
  let name = title.trim();
  while (name.startsWith('•') || name.startsWith('*')) name = name.slice(1).trimStart();
  for (const suffix of [`${TITLE_SEPARATOR}${PRODUCT_NAME}`, ` - ${PRODUCT_NAME}`]) {
    if (name.endsWith(suffix)) name = name.slice(0, -suffix.length).trimEnd();
  }
  // The editor may mark unsaved changes itself ("预算.budget * — 部门预算编制器"): main shows one mark.
  while (name.endsWith('*') || name.endsWith('•')) name = name.slice(0, -1).trimEnd();
  if (name === PRODUCT_NAME) name = '';
  const base = name ? `${name}${TITLE_SEPARATOR}${PRODUCT_NAME}` : PRODUCT_NAME;
  return dirty ? `${DIRTY_MARK}${base}` : base;
}

// ---------------------------------------------------------------------------------------------
// Close flow: a small state machine. `onCloseEvent` answers the window's 'close' event
// synchronously (true = let it close); the decision then runs asynchronously and calls `close()`.

export type CloseChoice = 'save' | 'discard' | 'cancel';
/** none: nothing unsaved; renderer: ask the editor's handler; native: main asks (restored work the editor does not know is unsaved). */
export type ConfirmationKind = 'none' | 'renderer' | 'native';
export type CloseFlowState = 'idle' | 'deciding' | 'closing';

export interface CloseFlowDeps {
  confirmation(): ConfirmationKind;
  /** The editor's answer: true close, false stay, null no handler / page gone. */
  askRenderer(): Promise<boolean | null>;
  askUser(): Promise<CloseChoice>;
  /** Asks the editor to save; true once the document was saved, false when cancelled or failed. */
  saveViaRenderer(): Promise<boolean>;
  /** Closes the window for real (the next 'close' event is let through). */
  close(): void;
  onError?(error: unknown): void;
}

export interface CloseFlow {
  onCloseEvent(): boolean;
  readonly state: CloseFlowState;
  /** Lets the next close through without asking (the renderer is gone, or the app must quit). */
  forceAllow(): void;
}

export function createCloseFlow(deps: CloseFlowDeps): CloseFlow {
  let state: CloseFlowState = 'idle';

  async function decide(kind: ConfirmationKind): Promise<boolean> {
    if (kind === 'renderer') {
      const answer = await deps.askRenderer();
      if (answer !== null) return answer;
    }
    const choice = await deps.askUser();
    if (choice === 'discard') return true;
    if (choice === 'cancel') return false;
    return deps.saveViaRenderer();
  }

  return {
    onCloseEvent() {
      if (state === 'closing') return true;
      if (state === 'deciding') return false; // a second click while the question is open
      const kind = deps.confirmation();
      if (kind === 'none') {
        state = 'closing';
        return true;
      }
      state = 'deciding';
      decide(kind).then(
        (allow) => {
          state = allow ? 'closing' : 'idle';
          if (allow) deps.close();
        },
        (err: unknown) => {
          state = 'idle';
          deps.onError?.(err);
        },
      );
      return false;
    },
    get state() {
      return state;
    },
    forceAllow() {
      state = 'closing';
    },
  };
}

// ---------------------------------------------------------------------------------------------

export interface DocumentSnapshot {
  bytes: Uint8Array;
  name: string;
  path?: string;
}

export interface SessionWindow {
  setTitle(title: string): void;
  /** macOS: the dot in the close button. */
  setDocumentEdited?(edited: boolean): void;
  /** macOS: the proxy icon in the title bar. */
  setRepresentedFilename?(filePath: string): void;
}

export interface DocumentSessionOptions {
  window: SessionWindow;
  dialogs: Pick<DialogPort, 'showMessageBox'>;
  recovery: RecoveryStore;
  /** The current document for autosave, or null when the editor cannot give one. */
  requestSnapshot(): Promise<DocumentSnapshot | null>;
  /** Sends a host command to the editor (the close flow uses 'save'). */
  sendCommand(command: HostCommand): void;
  /** The editor's before-close answer (see CloseFlowDeps.askRenderer). */
  askRenderer(): Promise<boolean | null>;
  /** Really closes the window. */
  closeWindow(): void;
  autosaveIntervalMs?: number;
  /** How long 保存 in the close question waits for the editor's save. */
  saveTimeoutMs?: number;
  now?: () => Date;
  /** Identity of the clerk's file on disk (default: `fileStamp` from the recovery store). */
  stampFile?: (filePath: string) => Promise<string | null>;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  onError?: (error: unknown) => void;
}

export interface DocumentSession {
  setTitle(title: string): Promise<void>;
  setDirty(dirty: boolean): Promise<void>;
  readonly dirty: boolean;
  readonly title: string;
  /** From the file handlers. */
  documentPathChanged(filePath: string | null): void;
  saveOutcome(outcome: SaveOutcome): void;
  /** At start: offers to restore autosaved work left by a crash; the restored document or null. */
  offerRecovery(): Promise<PickedFile | null>;
  startAutosave(): void;
  /** Window lost focus. */
  onBlur(): Promise<void>;
  /** Autosave now (if dirty); resolves when written. */
  autosaveNow(): Promise<void>;
  /** The window's 'close' event: true lets it close. */
  onCloseEvent(): boolean;
  readonly closeFlow: CloseFlow;
  /** The editor's page crashed: closing no longer asks it, and exit keeps the recovery file. */
  rendererLost(): void;
  /** The page was reloaded after a crash. */
  rendererRestored(): void;
  /**
   * Exit: stops autosave (after a last one if dirty and `keepRecovery`) and, on a clean exit, removes
   * the recovery file. `keepRecovery` (the editor's page crashed, the OS session ends) keeps it so
   * the next start offers it.
   */
  shutdown(opts?: { keepRecovery?: boolean }): Promise<void>;
}

export function createDocumentSession(opts: DocumentSessionOptions): DocumentSession {
  const now = opts.now ?? (() => new Date());
  const onError = opts.onError ?? ((err: unknown) => console.error(err));
  let title = '';
  let dirty = false;
  let documentPath: string | null = null;
  /** Restored from a recovery file and not saved since: unsaved even if the editor says it is clean. */
  let restoredUnsaved = false;
  let lastAutosaveDigest: string | null = null;
  /** Whether a save the renderer was asked for succeeded (false: the page went away). */
  const saveOutcomes = new Emitter<boolean>();
  let rendererAvailable = true;
  const stampFile = opts.stampFile ?? fileStamp;
  /**
   * Counts successful saves to the clerk's file. An autosave whose snapshot was asked for before a
   * save finished holds work that is not newer than the file: it is not written.
   */
  let saveGeneration = 0;
  /** Recovery-file writes and removals run one after another, so a removal after a save cannot overtake a write still in flight. */
  let recoveryOps: Promise<unknown> = Promise.resolve();
  const queueRecovery = <T>(op: () => Promise<T>): Promise<T> => {
    const run = recoveryOps.then(op, op);
    recoveryOps = run.catch(() => undefined);
    return run;
  };

  const applyTitle = () => {
    opts.window.setTitle(formatWindowTitle(title, dirty || restoredUnsaved));
    opts.window.setDocumentEdited?.(dirty || restoredUnsaved);
  };

  const autosave: AutosaveScheduler = createAutosaveScheduler({
    intervalMs: opts.autosaveIntervalMs ?? AUTOSAVE_INTERVAL_MS,
    isDirty: () => dirty,
    setTimer: opts.setTimer,
    clearTimer: opts.clearTimer,
    onError: (err) => onError(err),
    save: async () => {
      // Taken before the snapshot is asked for: the snapshot is at least as new as this version of the file.
      const generation = saveGeneration;
      const stampedPath = documentPath;
      const stamp = stampedPath ? await stampFile(stampedPath) : null;
      const snapshot = await opts.requestSnapshot();
      if (!snapshot) return;
      const digest = createHash('sha256').update(snapshot.bytes).digest('hex');
      if (digest === lastAutosaveDigest) return;
      const sourcePath = snapshot.path ?? documentPath;
      await queueRecovery(async () => {
        if (generation !== saveGeneration) return; // a save finished meanwhile: this copy is not newer than the file
        await opts.recovery.save(RECOVERY_DOC_ID, {
          sourcePath,
          savedAt: now().toISOString(),
          content: new TextDecoder('utf-8').decode(snapshot.bytes),
          fileStamp: sourcePath !== null && sourcePath === stampedPath ? stamp : null,
        });
        lastAutosaveDigest = digest;
      });
    },
  });

  /** A copy that records the file's identity is older than the file when the file exists and is another version. */
  async function isOlderThanFile(entry: { sourcePath: string | null; fileStamp?: string | null }): Promise<boolean> {
    if (!entry.sourcePath || !entry.fileStamp) return false;
    const current = await stampFile(entry.sourcePath);
    return current !== null && current !== entry.fileStamp;
  }

  const saveViaRenderer = () =>
    new Promise<boolean>((resolve) => {
      let settled = false;
      const finish = (ok: boolean) => {
        if (settled) return;
        settled = true;
        stopWaiting();
        if (timer !== undefined) (opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(timer);
        resolve(ok);
      };
      const stopWaiting = saveOutcomes.event(finish);
      const timer = (opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms)))(() => finish(false), opts.saveTimeoutMs ?? 10 * 60_000);
      opts.sendCommand('save');
    });

  const askUser = async (): Promise<CloseChoice> => {
    const name = formatWindowTitle(title, false).replace(`${TITLE_SEPARATOR}${PRODUCT_NAME}`, '');
    const { response } = await opts.dialogs.showMessageBox({
      type: 'warning',
      title: PRODUCT_NAME,
      message: name && name !== PRODUCT_NAME ? `是否保存对“${name}”的修改？` : '是否保存对预算文件的修改？',
      detail: '如果不保存，所做的修改将会丢失。',
      buttons: ['保存', '不保存', '取消'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
  };

  const closeFlow = createCloseFlow({
    // Without a page nothing can be saved; the autosaved copy is kept for the next start instead.
    confirmation: () => (!rendererAvailable ? 'none' : dirty ? 'renderer' : restoredUnsaved ? 'native' : 'none'),
    askRenderer: opts.askRenderer,
    askUser,
    saveViaRenderer,
    close: opts.closeWindow,
    onError,
  });

  return {
    async setTitle(next) {
      title = next;
      applyTitle();
    },
    async setDirty(next) {
      dirty = next;
      applyTitle();
    },
    get dirty() {
      return dirty;
    },
    get title() {
      return formatWindowTitle(title, dirty || restoredUnsaved);
    },
    documentPathChanged(filePath) {
      documentPath = filePath;
      if (filePath) opts.window.setRepresentedFilename?.(filePath);
    },
    saveOutcome(outcome) {
      if (outcome.kind === 'saved') {
        restoredUnsaved = false;
        lastAutosaveDigest = null;
        saveGeneration += 1;
        // The file on disk now has the work; the recovery copy is no longer needed (removed after any write in flight).
        void queueRecovery(() => opts.recovery.remove(RECOVERY_DOC_ID)).catch(onError);
        applyTitle();
      }
      saveOutcomes.fire(outcome.kind === 'saved');
    },
    async offerRecovery() {
      const { entries, problems } = await opts.recovery.list();
      const newest = entries[0];
      if (!newest) {
        if (problems.length > 0) await opts.recovery.removeAll().catch(onError);
        return null;
      }
      const name = newest.sourcePath ? path.basename(newest.sourcePath) : '未保存的预算';
      const when = new Date(newest.savedAt).toLocaleString('zh-CN', { hour12: false });
      // The clerk's file changed after this copy was taken (a save the crash did not let us clean up after,
      // or another program): the copy is not newer than the file, so 不恢复 is the default.
      const olderThanFile = await isOlderThanFile(newest);
      const { response } = await opts.dialogs.showMessageBox(
        olderThanFile
          ? {
              type: 'warning',
              title: '恢复未保存的工作',
              message: `部门预算编制器上次没有正常退出，发现自动保存的内容，但“${name}”在这之后已经保存过。是否仍要恢复这份较早的内容？`,
              detail: `文件：${name}\n自动保存于：${when}\n\n恢复后如再保存，将用这份较早的内容覆盖文件中较新的内容。选择“不恢复”将删除这份自动保存的内容。`,
              buttons: ['恢复', '不恢复'],
              defaultId: 1,
              cancelId: 1,
              noLink: true,
            }
          : {
              type: 'question',
              title: '恢复未保存的工作',
              message: '部门预算编制器上次没有正常退出，发现自动保存的内容。是否恢复？',
              detail: `文件：${name}\n自动保存于：${when}\n\n选择“不恢复”将删除这份自动保存的内容。`,
              buttons: ['恢复', '不恢复'],
              defaultId: 0,
              cancelId: 0,
              noLink: true,
            },
      );
      if (response !== 0) {
        await opts.recovery.removeAll();
        return null;
      }
      const entry = await opts.recovery.load(newest.docId);
      if (!entry) return null;
      // Keep only the restored copy, in the current slot (older slots would be offered again).
      if (newest.docId !== RECOVERY_DOC_ID || entries.length > 1 || problems.length > 0) {
        await opts.recovery.removeAll();
        await opts.recovery.save(RECOVERY_DOC_ID, { sourcePath: entry.sourcePath, savedAt: entry.savedAt, content: entry.content, fileStamp: entry.fileStamp });
      }
      restoredUnsaved = true;
      documentPath = entry.sourcePath;
      applyTitle();
      const bytes = new TextEncoder().encode(entry.content);
      return entry.sourcePath ? { name, path: entry.sourcePath, bytes } : { name: `${name}.budget`, bytes };
    },
    startAutosave() {
      autosave.start();
    },
    onBlur() {
      return autosave.trigger();
    },
    autosaveNow() {
      return autosave.trigger();
    },
    onCloseEvent() {
      return closeFlow.onCloseEvent();
    },
    closeFlow,
    rendererLost() {
      rendererAvailable = false;
      saveOutcomes.fire(false);
    },
    rendererRestored() {
      rendererAvailable = true;
    },
    async shutdown(options) {
      if (options?.keepRecovery || !rendererAvailable) {
        if (rendererAvailable) await autosave.trigger(); // a last copy while the page can still give one
        await autosave.stop();
        return;
      }
      await autosave.stop();
      await queueRecovery(() => opts.recovery.remove(RECOVERY_DOC_ID));
    },
  };
}
