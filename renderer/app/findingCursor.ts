/**
 * F8 / Shift+F8: the next or previous audit finding (强制性 first, then 提示性, in the panel's
 * order), revealed in its table and marked in the panel, its message in the status bar.
 */
import { cellKey, type TableId } from '../../shared/model/cellKey';
import type { EditorStore } from './editorStore';

/** How many findings of a group the panel lists. */
export const FINDINGS_SHOWN = 200;

export function stepFinding(store: EditorStore, step: 1 | -1): void {
  const list = store.findings
    .groups(store.accepted, FINDINGS_SHOWN)
    .filter((g) => g.key === 'error' || g.key === 'warning')
    .flatMap((g) => g.items);
  if (list.length === 0) {
    store.showMessage(store.progress ? '正在审核，请稍候再试。' : '没有需要处理的审核问题。', 'info');
    return;
  }
  const at = list.findIndex((f) => f.id === store.currentFinding);
  const next = at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length;
  const f = list[next]!;
  store.setCurrentFinding(f.id);
  const first = f.cells[0];
  if (first) store.reveal(cellKey(first.table as TableId, first.row, first.column));
  store.showMessage(`审核问题 ${next + 1}/${list.length}：${f.message}`, f.severity === 'error' ? 'error' : 'info');
}
