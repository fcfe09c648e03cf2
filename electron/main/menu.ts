/**
 * The application menu as pure data: Chinese labels, accelerators and what each item does —
 * a host command for the editor (`command`), an Electron role (`role`: clipboard, zoom, full screen…)
 * or an action main handles itself (`action`: recent files, about, quit). main.ts turns the template
 * into an Electron Menu. Menus: 文件 / 编辑 / 视图 / 帮助 (plus the application menu on macOS).
 *
 * Undo/redo are editor commands, not Electron roles: the editor keeps its own history (shared/edit).
 * Cut/copy/paste/select-all are roles, so they act on whatever has focus and raise the DOM clipboard
 * events the grid listens to.
 *
 * Plain Node module: no 'electron' import.
 */
import type { HostCommand } from '../../shared/host/contract';
import { PRODUCT_NAME } from './documentSession';

export type MenuRole =
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'delete'
  | 'zoomIn'
  | 'zoomOut'
  | 'resetZoom'
  | 'togglefullscreen'
  | 'reload'
  | 'toggleDevTools'
  | 'minimize'
  | 'close'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'services'
  | 'window'
  | 'front'
  | 'quit';

export type MenuAction =
  | { type: 'openRecent'; path: string }
  | { type: 'clearRecent' }
  | { type: 'about' }
  | { type: 'guide' }
  | { type: 'quit' };

export type MenuItemSpec =
  | { kind: 'command'; label: string; command: HostCommand; accelerator?: string }
  | { kind: 'role'; label: string; role: MenuRole; accelerator?: string }
  | { kind: 'action'; label: string; action: MenuAction; accelerator?: string; enabled?: boolean }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; items: MenuItemSpec[]; role?: 'services' | 'window' | 'help' };

export interface MenuRecentFile {
  path: string;
  name: string;
}

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  recentFiles: readonly MenuRecentFile[];
  /** Development build: adds 重新加载 and 开发者工具. */
  developer: boolean;
}

const separator: MenuItemSpec = { kind: 'separator' };

/** Windows and Linux show access keys as "文件(F)"; macOS menus have none. */
function topLabel(label: string, key: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? label : `${label}(&${key})`;
}

/** "&" marks an access key on Windows/Linux; a file name containing "&" must show it literally. */
function literal(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replace(/&/g, '&&');
}

export function buildMenuTemplate(opts: MenuTemplateOptions): MenuItemSpec[] {
  const mac = opts.platform === 'darwin';
  const recentItems: MenuItemSpec[] =
    opts.recentFiles.length === 0
      ? [{ kind: 'action', label: '（无）', action: { type: 'clearRecent' }, enabled: false }]
      : [
          ...opts.recentFiles.slice(0, 10).map(
            (f, i): MenuItemSpec => ({
              kind: 'action',
              label: `${i < 9 && !mac ? `&${i + 1} ` : ''}${literal(f.name, opts.platform)}`,
              action: { type: 'openRecent', path: f.path },
            }),
          ),
          separator,
          { kind: 'action', label: '清除最近打开的文件', action: { type: 'clearRecent' } },
        ];

  const file: MenuItemSpec = {
    kind: 'submenu',
    label: topLabel('文件', 'F', opts.platform),
    items: [
      { kind: 'command', label: '新建', command: 'new', accelerator: 'CmdOrCtrl+N' },
      { kind: 'command', label: '打开…', command: 'open', accelerator: 'CmdOrCtrl+O' },
      { kind: 'submenu', label: '最近打开的文件', items: recentItems },
      separator,
      { kind: 'command', label: '保存', command: 'save', accelerator: 'CmdOrCtrl+S' },
      { kind: 'command', label: '另存为…', command: 'saveAs', accelerator: 'CmdOrCtrl+Shift+S' },
      separator,
      { kind: 'command', label: '导入 Excel…', command: 'importExcel', accelerator: 'CmdOrCtrl+I' },
      { kind: 'command', label: '从上年导入…', command: 'importPreviousYear' },
      { kind: 'command', label: '导入代码表…', command: 'importCodeList' },
      { kind: 'command', label: '导出 Excel…', command: 'exportExcel', accelerator: 'CmdOrCtrl+E' },
      ...(mac
        ? [separator, { kind: 'role', label: '关闭窗口', role: 'close', accelerator: 'Cmd+W' } as MenuItemSpec]
        : [
            separator,
            { kind: 'action', label: '退出', action: { type: 'quit' }, accelerator: opts.platform === 'win32' ? 'Alt+F4' : 'Ctrl+Q' } as MenuItemSpec,
          ]),
    ],
  };

  const edit: MenuItemSpec = {
    kind: 'submenu',
    label: topLabel('编辑', 'E', opts.platform),
    items: [
      { kind: 'command', label: '撤销', command: 'undo', accelerator: 'CmdOrCtrl+Z' },
      { kind: 'command', label: '重做', command: 'redo', accelerator: mac ? 'Shift+Cmd+Z' : 'Ctrl+Y' },
      separator,
      { kind: 'role', label: '剪切', role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { kind: 'role', label: '复制', role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { kind: 'role', label: '粘贴', role: 'paste', accelerator: 'CmdOrCtrl+V' },
      { kind: 'role', label: '全选', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      separator,
      { kind: 'command', label: '查找…', command: 'find', accelerator: 'CmdOrCtrl+F' },
    ],
  };

  const view: MenuItemSpec = {
    kind: 'submenu',
    label: topLabel('视图', 'V', opts.platform),
    items: [
      { kind: 'role', label: '放大', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
      { kind: 'role', label: '缩小', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      { kind: 'role', label: '实际大小', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      separator,
      { kind: 'role', label: '全屏', role: 'togglefullscreen', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
      ...(opts.developer
        ? [
            separator,
            { kind: 'role', label: '重新加载', role: 'reload', accelerator: 'CmdOrCtrl+R' } as MenuItemSpec,
            { kind: 'role', label: '开发者工具', role: 'toggleDevTools', accelerator: mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' } as MenuItemSpec,
          ]
        : []),
    ],
  };

  const help: MenuItemSpec = {
    kind: 'submenu',
    label: topLabel('帮助', 'H', opts.platform),
    role: 'help',
    items: [
      { kind: 'command', label: '快捷键', command: 'keys', accelerator: 'F1' },
      { kind: 'action', label: '使用说明', action: { type: 'guide' } },
      ...(mac ? [] : [separator, { kind: 'action', label: `关于 ${PRODUCT_NAME}`, action: { type: 'about' } } as MenuItemSpec]),
    ],
  };

  if (!mac) return [file, edit, view, help];

  const appMenu: MenuItemSpec = {
    kind: 'submenu',
    label: PRODUCT_NAME,
    items: [
      { kind: 'action', label: `关于 ${PRODUCT_NAME}`, action: { type: 'about' } },
      separator,
      { kind: 'submenu', label: '服务', role: 'services', items: [] },
      separator,
      { kind: 'role', label: `隐藏 ${PRODUCT_NAME}`, role: 'hide', accelerator: 'Cmd+H' },
      { kind: 'role', label: '隐藏其他', role: 'hideOthers', accelerator: 'Alt+Cmd+H' },
      { kind: 'role', label: '全部显示', role: 'unhide' },
      separator,
      { kind: 'action', label: `退出 ${PRODUCT_NAME}`, action: { type: 'quit' }, accelerator: 'Cmd+Q' },
    ],
  };
  const windowMenu: MenuItemSpec = {
    kind: 'submenu',
    label: '窗口',
    role: 'window',
    items: [
      { kind: 'role', label: '最小化', role: 'minimize', accelerator: 'Cmd+M' },
      { kind: 'role', label: '前置全部窗口', role: 'front' },
    ],
  };
  return [appMenu, file, edit, view, windowMenu, help];
}

/** Every item of a template, depth first (tests and main use it to check and index the menu). */
export function flattenMenu(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => (item.kind === 'submenu' ? [item, ...flattenMenu(item.items)] : [item]));
}

export const GUIDE_TEXT = [
  '1. 用“文件 → 打开”打开 .budget 预算文件，或用“导入 Excel”读入已填好的报表。',
  '2. 在表格中直接输入数字；合计、小计和派生表会自动计算。',
  '3. 审核结果列出强制性错误和提示性问题，点击可定位到单元格。',
  '4. 用“保存”(Ctrl+S) 保存；程序每 30 秒自动保存一份恢复副本，异常退出后再次启动时可以恢复。',
  '5. 用“导出 Excel”生成报送用的工作簿。',
].join('\n');
