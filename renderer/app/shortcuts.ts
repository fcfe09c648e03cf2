/**
 * The editor's keys outside the grid's own (Excel/WPS habits): switch tables with Ctrl+PgUp/PgDn,
 * move between the regions with F6, walk the audit findings with F8, export with Ctrl+E, the key
 * list on F1. The list shown on F1 (and in 帮助) is the one place the keys are written down.
 */
import type { KeyLike } from '../grid/keyboard';

export type AppKeyAction = 'nextTable' | 'prevTable' | 'nextRegion' | 'prevRegion' | 'nextFinding' | 'prevFinding' | 'export' | 'help' | 'zoomIn' | 'zoomOut' | 'zoomReset';

export function appKeyAction(e: KeyLike): AppKeyAction | null {
  const mod = (e.ctrlKey || e.metaKey) && !e.altKey;
  if (mod && !e.shiftKey && e.key === 'PageDown') return 'nextTable';
  if (mod && !e.shiftKey && e.key === 'PageUp') return 'prevTable';
  if (mod && !e.shiftKey && e.key.toLowerCase() === 'e') return 'export';
  if (mod && (e.key === '=' || e.key === '+')) return 'zoomIn';
  if (mod && (e.key === '-' || e.key === '_')) return 'zoomOut';
  if (mod && e.key === '0') return 'zoomReset';
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'F6') return e.shiftKey ? 'prevRegion' : 'nextRegion';
  if (e.key === 'F8') return e.shiftKey ? 'prevFinding' : 'nextFinding';
  if (e.key === 'F1' && !e.shiftKey) return 'help';
  return null;
}

/** The key list of F1 / 帮助, in the clerk's words. */
export const KEY_LIST: readonly (readonly [string, string])[] = [
  ['F1', '显示本快捷键列表'],
  ['F6 / Shift+F6', '在表格目录、表格、审核结果、工具栏之间切换'],
  ['Ctrl+PgDn / Ctrl+PgUp', '下一张表 / 上一张表'],
  ['↑ ↓（表格目录中）', '在表格之间移动，Enter 打开'],
  ['F8 / Shift+F8', '转到下一条 / 上一条审核问题'],
  ['方向键、Tab、Enter', '在单元格之间移动；直接输入数字即替换'],
  ['F2', '修改单元格（保留原数字）'],
  ['Shift+方向键', '选择区域'],
  ['Delete', '清除所选单元格'],
  ['Ctrl+C / Ctrl+X / Ctrl+V', '复制 / 剪切 / 粘贴（与 Excel、WPS 互通）'],
  ['Ctrl+D', '向下填充'],
  ['Ctrl+Z / Ctrl+Y', '撤销 / 重做'],
  ['Ctrl+F', '查找名称或编码'],
  ['Ctrl+S / Ctrl+Shift+S', '保存 / 另存为'],
  ['Ctrl+O', '打开'],
  ['Ctrl+E', '导出 Excel'],
  ['Ctrl+= / Ctrl+- / Ctrl+0', '放大 / 缩小 / 恢复字号'],
];

export function keyListText(): string {
  return KEY_LIST.map(([k, what]) => `${k}　　${what}`).join('\n');
}
