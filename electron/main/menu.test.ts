import { describe, expect, it } from 'vitest';
import { HOST_COMMANDS } from '../../shared/host/contract';
import { buildMenuTemplate, flattenMenu, type MenuItemSpec } from './menu';

const labels = (items: MenuItemSpec[]) => items.map((i) => (i.kind === 'separator' ? '—' : i.label));

describe('application menu', () => {
  const win = buildMenuTemplate({ platform: 'win32', recentFiles: [], developer: false });

  it('has 文件 / 编辑 / 视图 / 帮助 with access keys on Windows', () => {
    expect(labels(win)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const mac = buildMenuTemplate({ platform: 'darwin', recentFiles: [], developer: false });
    expect(labels(mac)).toEqual(['部门预算编制器', '文件', '编辑', '视图', '窗口', '帮助']);
  });

  it('sends every host command from some menu item, with the usual accelerators', () => {
    const items = flattenMenu(win);
    const commands = items.filter((i): i is Extract<MenuItemSpec, { kind: 'command' }> => i.kind === 'command');
    expect(new Set(commands.map((c) => c.command))).toEqual(new Set(HOST_COMMANDS));
    const acc = Object.fromEntries(commands.map((c) => [c.command, c.accelerator]));
    expect(acc).toMatchObject({ keys: 'F1', exportExcel: 'CmdOrCtrl+E', new: 'CmdOrCtrl+N', open: 'CmdOrCtrl+O', save: 'CmdOrCtrl+S', saveAs: 'CmdOrCtrl+Shift+S', undo: 'CmdOrCtrl+Z', redo: 'Ctrl+Y', find: 'CmdOrCtrl+F' });
    const roles = items.filter((i) => i.kind === 'role').map((i) => (i.kind === 'role' ? `${i.label}:${i.role}` : ''));
    expect(roles).toEqual(expect.arrayContaining(['剪切:cut', '复制:copy', '粘贴:paste', '全选:selectAll', '放大:zoomIn', '缩小:zoomOut', '实际大小:resetZoom', '全屏:togglefullscreen']));
    const file = win[0]!.kind === 'submenu' ? labels(win[0]!.items) : [];
    expect(file).toEqual(['新建', '打开…', '最近打开的文件', '—', '保存', '另存为…', '—', '导入 Excel…', '从上年导入…', '导入代码表…', '导出 Excel…', '—', '退出']);
  });

  it('has no duplicate accelerators', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const accels = flattenMenu(buildMenuTemplate({ platform, recentFiles: [], developer: true }))
        .map((i) => ('accelerator' in i ? i.accelerator : undefined))
        .filter((a): a is string => !!a)
        .map((a) => a.replace('CmdOrCtrl', platform === 'darwin' ? 'Cmd' : 'Ctrl').toLowerCase().split('+').sort().join('+'));
      expect(new Set(accels).size, platform).toBe(accels.length);
    }
  });

  it('lists recent files (escaping & on Windows) and offers to clear them', () => {
    const t = buildMenuTemplate({ platform: 'win32', recentFiles: [{ path: 'D:\\a&b.budget', name: 'a&b.budget' }, { path: 'D:\\c.budget', name: 'c.budget' }], developer: false });
    const recent = flattenMenu(t).find((i) => i.kind === 'submenu' && i.label === '最近打开的文件');
    expect(recent && recent.kind === 'submenu' && recent.items).toEqual([
      { kind: 'action', label: '&1 a&&b.budget', action: { type: 'openRecent', path: 'D:\\a&b.budget' } },
      { kind: 'action', label: '&2 c.budget', action: { type: 'openRecent', path: 'D:\\c.budget' } },
      { kind: 'separator' },
      { kind: 'action', label: '清除最近打开的文件', action: { type: 'clearRecent' } },
    ]);
    const empty = flattenMenu(win).find((i) => i.kind === 'action' && i.label === '（无）');
    expect(empty).toMatchObject({ enabled: false });
  });

  it('shows developer tools only in development builds', () => {
    const has = (developer: boolean) => flattenMenu(buildMenuTemplate({ platform: 'linux', recentFiles: [], developer })).some((i) => i.kind === 'role' && i.role === 'toggleDevTools');
    expect(has(false)).toBe(false);
    expect(has(true)).toBe(true);
  });
});
