/**
 * The Electron main process: thin wiring of the plain modules in electron/main/ and electron/files/.
 * One window, locked down (security.ts), serving the renderer bundle from `app://bundle/` with a
 * path-traversal guard (protocolHandler.ts); every IPC call goes through the router (sender check,
 * zod parsing, structured Chinese errors); menus are data (menu.ts); the handlers, the document
 * session (autosave, recovery, the close question) and the router are composed in hostServices.ts,
 * which the Chromium bridge test uses too.
 *
 * Bundled by electron/build/buildMain.ts into dist/electron/main.cjs.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session as electronSession,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
} from 'electron';
import * as path from 'node:path';
import { PRODUCT_NAME } from './main/documentSession';
import type { DialogPort } from './main/fileHandlers';
import { createHostServices } from './main/hostServices';
import type { IpcSender } from './main/ipcRouter';
import { createOpenRequestQueue, findDocumentArg } from './main/launchArgs';
import { buildMenuTemplate, GUIDE_TEXT, type MenuAction, type MenuItemSpec } from './main/menu';
import { createAppProtocolHandler } from './main/protocolHandler';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  isNavigationAllowed,
  isPermissionAllowed,
  secureWebPreferences,
  windowOpenDecision,
} from './main/security';

export const APP_USER_MODEL_ID = 'cn.budgettables.editor';

/** Registered before 'ready' (Electron requires it). */
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
app.setName(PRODUCT_NAME);
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

const openRequests = createOpenRequestQueue();
// macOS hands documents over with 'open-file', possibly before 'ready'.
app.on('open-file', (event, filePath) => {
  event.preventDefault();
  openRequests.push(filePath);
});

if (!app.requestSingleInstanceLock()) {
  // The first instance gets 'second-instance' with our argv and opens the file.
  app.quit();
} else {
  const launchPath = findDocumentArg(process.argv, { cwd: process.cwd() });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow();
    const filePath = findDocumentArg(argv, { cwd: workingDirectory });
    if (filePath) openRequests.push(filePath);
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => windowOpenDecision());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => {
      if (!isNavigationAllowed(event.url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isNavigationAllowed(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isNavigationAllowed(event.url)) event.preventDefault();
    });
  });
  app.whenReady().then(
    () => start(launchPath),
    (err: unknown) => fatal(err),
  );
}

let mainWindow: BrowserWindow | null = null;

function focusWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function fatal(err: unknown): void {
  dialog.showErrorBox(PRODUCT_NAME, `启动失败：${err instanceof Error ? err.message : String(err)}`);
  app.exit(1);
}

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  let frameUrl: string | null = null;
  let isMainFrame = false;
  try {
    const frame = event.senderFrame;
    if (frame) {
      frameUrl = frame.url;
      isMainFrame = frame.parent === null;
    }
  } catch {
    // The frame was destroyed while the call was in flight: refused below.
  }
  return { webContentsId: event.sender.id, frameUrl, isMainFrame };
}

async function start(launchPath: string | null): Promise<void> {
  const resourcesRoot = app.isPackaged ? process.resourcesPath : path.resolve(__dirname, '../../resources');
  const rendererDir = path.resolve(__dirname, '../renderer');

  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const serveApp = createAppProtocolHandler({ rootDir: rendererDir });
  protocol.handle(APP_SCHEME, (request) => serveApp({ url: request.url, method: request.method }));

  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs'), { devTools: !app.isPackaged }),
  });
  mainWindow = win;
  const isOurs = () => !win.isDestroyed();

  const dialogs: DialogPort = {
    showOpenDialog: (o) => dialog.showOpenDialog(win, o),
    showSaveDialog: (o) => dialog.showSaveDialog(win, o),
    showMessageBox: (o) => dialog.showMessageBox(win, o),
  };
  const host = createHostServices({
    userDataDir: app.getPath('userData'),
    samplesDir: path.join(resourcesRoot, 'samples'),
    documentsDir: () => app.getPath('documents'),
    launchPath,
    dialogs,
    window: {
      setTitle: (t) => isOurs() && win.setTitle(t),
      setDocumentEdited: (edited) => process.platform === 'darwin' && isOurs() && win.setDocumentEdited(edited),
      setRepresentedFilename: (p) => process.platform === 'darwin' && isOurs() && win.setRepresentedFilename(p),
    },
    sendToRenderer: (channel, payload) => {
      if (!isOurs() || win.webContents.isCrashed()) return false;
      win.webContents.send(channel, payload);
      return true;
    },
    closeWindow: () => isOurs() && win.close(),
    isOwnWebContents: (id) => isOurs() && win.webContents.id === id,
    onRecentChanged: (entries) => setMenu(entries),
  });
  for (const channel of host.router.channels) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => host.router.dispatch(channel, senderOf(event), args));
  }
  // Temp files of saves killed last time (recovery folder, the recent files' folders); never blocks the start.
  void host.removeStaleTempFiles().catch(() => undefined);

  const openFromOs = (filePath: string) => {
    focusWindow();
    return host.openFromOs(filePath);
  };
  const runAction = async (action: MenuAction) => {
    switch (action.type) {
      case 'openRecent':
        return openFromOs(action.path);
      case 'clearRecent':
        await host.recent.clear();
        return setMenu([]);
      case 'quit':
        return app.quit();
      case 'about':
        await dialogs.showMessageBox({
          type: 'info',
          title: `关于 ${PRODUCT_NAME}`,
          message: `${PRODUCT_NAME} ${app.getVersion()}`,
          detail: `离线编制部门预算的桌面程序。\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
          buttons: ['确定'],
          defaultId: 0,
          noLink: true,
        });
        return;
      case 'guide':
        await dialogs.showMessageBox({ type: 'info', title: '使用说明', message: '使用说明', detail: GUIDE_TEXT, buttons: ['确定'], defaultId: 0, noLink: true });
        return;
    }
  };
  const toElectron = (item: MenuItemSpec): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: item.label, ...(item.role ? { role: item.role } : {}), submenu: item.items.map(toElectron) };
      case 'role':
        return { label: item.label, role: item.role, ...(item.accelerator ? { accelerator: item.accelerator } : {}) };
      case 'command':
        return { label: item.label, accelerator: item.accelerator, click: () => host.sendCommand(item.command) };
      case 'action':
        return {
          label: item.label,
          accelerator: item.accelerator,
          enabled: item.enabled ?? true,
          click: () => void runAction(item.action).catch((err: unknown) => console.error(err)),
        };
    }
  };
  function setMenu(recentFiles: ReadonlyArray<{ path: string; name: string }>): void {
    const template = buildMenuTemplate({ platform: process.platform, recentFiles, developer: !app.isPackaged });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template.map(toElectron)));
  }
  setMenu(await host.recent.list());

  win.on('close', (event) => {
    if (!host.session.onCloseEvent()) event.preventDefault();
  });
  win.on('blur', () => void host.session.onBlur());
  // Windows log-off / shutdown: keep the autosaved copy, the close question cannot be answered.
  win.on('session-end', () => void host.session.shutdown({ keepRecovery: true }));
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-finish-load', () => {
    host.session.rendererRestored();
    openRequests.attach((p) => void openFromOs(p));
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    openRequests.detach();
    host.rendererGone();
    if (details.reason === 'clean-exit' || !isOurs()) return;
    void dialogs
      .showMessageBox({
        type: 'error',
        title: PRODUCT_NAME,
        message: '编辑器页面意外终止。',
        detail: '最近一次自动保存的内容已保留：重新加载后可以恢复，下次启动时也会提示恢复。',
        buttons: ['重新加载', '关闭窗口'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
      .then(({ response }) => {
        if (!isOurs()) return;
        if (response === 0) win.reload();
        else win.close();
      });
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  app.on('window-all-closed', () => {
    void host.session.shutdown().finally(() => app.quit());
  });

  host.session.startAutosave();
  await win.loadURL(APP_ENTRY_URL);
}
