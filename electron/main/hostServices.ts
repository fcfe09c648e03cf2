/**
 * Everything main registers for the editor, composed in one place so main.ts and the Chromium bridge
 * test use the very same objects: the file handlers, the document session (title, dirty state,
 * autosave, recovery, close flow), the recent-files list, the renderer request channels
 * (before-close, autosave snapshot) and the IPC router over all of them.
 *
 * Electron only supplies the edges: dialogs bound to the window, the window itself, a way to send to
 * the page, and which webContents is ours. Plain Node module: no 'electron' import.
 */
import * as path from 'node:path';
import { HOST_BEFORE_CLOSE_CHANNEL, HOST_EVENT_CHANNEL, type HostCommand, type HostEvent, type PickedFile, type SaveRequest } from '../../shared/host/contract';
import { HOST_SNAPSHOT_REQUEST_CHANNEL } from '../bridge/channels';
import { removeStaleTempFilesIn } from '../files/atomicWrite';
import { createRecoveryStore } from '../files/recovery';
import { createDocumentSession, type DocumentSession, type SessionWindow } from './documentSession';
import { createFileHandlers, type DialogPort, type FileHandlers } from './fileHandlers';
import { hostRoutes, type HostHandlers } from './hostRoutes';
import { createIpcRouter, type IpcRouter } from './ipcRouter';
import { createCodeListStore } from './codeListStore';
import { createRecentFilesStore, type RecentEntry, type RecentFilesStore } from './recentFiles';
import { createRendererRequests, type RendererRequests } from './rendererRequests';

export const SNAPSHOT_TIMEOUT_MS = 10_000;

export interface HostServicesOptions {
  /** app.getPath('userData'): recent-files.json and recovery/ live here. */
  userDataDir: string;
  /** The bundled samples: opened as templates (保存 asks where). */
  samplesDir: string;
  /** app.getPath('documents'): where dialogs start. */
  documentsDir: () => string;
  /** A `.budget`/`.xlsx`/`.xls` from the command line or file association. */
  launchPath: string | null;
  dialogs: DialogPort;
  window: SessionWindow;
  /** webContents.send; false when there is no live page to send to. */
  sendToRenderer(channel: string, payload: unknown): boolean;
  closeWindow(): void;
  isOwnWebContents(webContentsId: number): boolean;
  /** The recent list changed (main rebuilds the menu). */
  onRecentChanged?(entries: RecentEntry[]): void;
  autosaveIntervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface HostServices {
  router: IpcRouter;
  session: DocumentSession;
  files: FileHandlers;
  recent: RecentFilesStore;
  handlers: HostHandlers;
  beforeClose: RendererRequests<boolean>;
  snapshots: RendererRequests<SaveRequest>;
  sendEvent(event: HostEvent): void;
  sendCommand(command: HostCommand): void;
  /** A file handed over by the OS (second launch, macOS open-file, recent menu) → the editor; errors are shown. */
  openFromOs(filePath: string): Promise<void>;
  showError(message: string): Promise<void>;
  /** The page crashed or is gone: pending questions resolve, closing no longer asks it. */
  rendererGone(): void;
  /**
   * At start: removes the temp files of saves that were killed, in the recovery folder and in the
   * folders of the recent files (the clerk's folders). Returns the removed paths; never throws.
   */
  removeStaleTempFiles(): Promise<string[]>;
}

export function createHostServices(opts: HostServicesOptions): HostServices {
  const log = opts.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const sendEvent = (event: HostEvent) => void opts.sendToRenderer(HOST_EVENT_CHANNEL, event);
  const sendCommand = (command: HostCommand) => sendEvent({ type: 'command', command });
  const showError = async (message: string) => {
    await opts.dialogs.showMessageBox({ type: 'error', title: '部门预算编制器', message, buttons: ['确定'], defaultId: 0, noLink: true });
  };
  const beforeClose = createRendererRequests<boolean>({ send: (requestId) => opts.sendToRenderer(HOST_BEFORE_CLOSE_CHANNEL, { requestId }) });
  const snapshots = createRendererRequests<SaveRequest>({ send: (requestId) => opts.sendToRenderer(HOST_SNAPSHOT_REQUEST_CHANNEL, { requestId }) });
  const recent = createRecentFilesStore(path.join(opts.userDataDir, 'recent-files.json'));
  const recentChanged = () => {
    if (opts.onRecentChanged) void recent.list().then(opts.onRecentChanged, (err: unknown) => log('最近打开的文件列表读取失败', err));
  };

  const recoveryDir = path.join(opts.userDataDir, 'recovery');
  const session = createDocumentSession({
    window: opts.window,
    dialogs: opts.dialogs,
    recovery: createRecoveryStore(recoveryDir),
    requestSnapshot: async () => {
      const snapshot = await snapshots.request(SNAPSHOT_TIMEOUT_MS);
      // The path is main's own (the session's document path): a path named by the page is not trusted,
      // since a restored recovery file gets save access to its path.
      return snapshot ? { bytes: snapshot.bytes, name: snapshot.suggestedName } : null;
    },
    sendCommand,
    askRenderer: () => beforeClose.request(),
    closeWindow: opts.closeWindow,
    autosaveIntervalMs: opts.autosaveIntervalMs,
    onError: (err) => log('自动保存或恢复失败', err),
  });

  let launchPending = opts.launchPath;
  const files: FileHandlers = createFileHandlers({
    dialogs: opts.dialogs,
    recent,
    defaultDirectory: opts.documentsDir,
    readOnlyDirs: [opts.samplesDir],
    onSaveOutcome: (outcome) => {
      session.saveOutcome(outcome);
      if (outcome.kind === 'saved') recentChanged();
    },
    onDocumentPath: (p) => {
      session.documentPathChanged(p);
      recentChanged();
    },
    initialFile: async (): Promise<PickedFile | null> => {
      const restored = await session.offerRecovery().catch((err: unknown) => {
        log('读取恢复文件失败', err);
        return null;
      });
      if (restored) {
        launchPending = null; // the clerk chose the restored work
        return files.adoptFile(restored);
      }
      const launch = launchPending;
      launchPending = null;
      if (!launch) return null;
      try {
        return await files.readDocument(launch);
      } catch (err) {
        await showError(err instanceof Error ? err.message : String(err));
        return null;
      }
    },
  });

  const { readDocument: _readDocument, adoptFile: _adoptFile, ...fileMethods } = files;
  const codeListStore = createCodeListStore(path.join(opts.userDataDir, 'code-lists'), log);
  const handlers: HostHandlers = { ...fileMethods, ...codeListStore, setTitle: session.setTitle, setDirty: session.setDirty };
  const router = createIpcRouter({
    routes: hostRoutes({
      handlers,
      onBeforeCloseReply: (id, answer) => beforeClose.reply(id, answer),
      onSnapshotReply: (id, snapshot) => snapshots.reply(id, snapshot),
    }),
    isOwnWebContents: opts.isOwnWebContents,
    onInternalError: (channel, err) => log(`IPC ${channel}`, err),
  });

  return {
    router,
    session,
    files,
    recent,
    handlers,
    beforeClose,
    snapshots,
    sendEvent,
    sendCommand,
    showError,
    async openFromOs(filePath) {
      try {
        sendEvent({ type: 'openFile', file: await files.readDocument(filePath) });
      } catch (err) {
        await showError(err instanceof Error ? err.message : String(err));
      }
    },
    rendererGone() {
      session.rendererLost();
      beforeClose.cancelAll();
      snapshots.cancelAll();
    },
    async removeStaleTempFiles() {
      // The recovery folder is ours alone (one instance at a time): no need to wait for a writer elsewhere.
      const removed = await removeStaleTempFilesIn(recoveryDir, { minAgeMs: 0 });
      const entries = await recent.list().catch(() => []);
      for (const dir of new Set(entries.map((e) => path.dirname(e.path)))) removed.push(...(await removeStaleTempFilesIn(dir)));
      return removed;
    },
  };
}
