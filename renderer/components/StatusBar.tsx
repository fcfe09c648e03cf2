/** The status bar: the last message, the selection (count and sum, like Excel), findings and the save state. */
import { useEffect, useState } from 'react';
import type { EditorStore } from '../app/editorStore';
import { useChannels } from '../app/useChannel';
import type { GridController } from '../grid/gridController';
import { formatExactAmount } from '../grid/amountText';

export function StatusBar({ store, controller }: { store: EditorStore; controller: GridController | null }) {
  useChannels(store, 'doc', 'findings', 'message', 'progress', 'view');
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!controller) return;
    return controller.onSelection(() => setTick((t) => t + 1));
  }, [controller]);
  useEffect(() => store.onValues(() => setTick((t) => t + 1)), [store]);
  const totals = store.findings.totals(store.accepted);
  const sel = controller?.summary();
  const msg = store.message;
  return (
    <footer className="status-bar">
      <span className={`status-message ${msg?.tone === 'error' ? 'status-error' : ''}`} role={msg?.tone === 'error' ? 'alert' : 'status'} aria-live="polite">
        {msg?.text ?? '就绪'}
      </span>
      {sel && sel.cells > 1 && (
        <span className="status-selection" data-testid="selection-summary">
          已选 {sel.cells} 个单元格　计数 {sel.numbers}　求和 {formatExactAmount(sel.sum, store.unit, store.decimals)}
        </span>
      )}
      <span className="status-findings">
        <span className="count-error">强制性 {totals.errors}</span>　<span className="count-warning">提示性 {totals.warnings}</span>
        {store.progress ? '　审核中…' : ''}
      </span>
      <span className="status-save" data-testid="save-state">
        {store.dirty ? '有未保存的修改' : store.file ? '已保存' : '未保存'}
      </span>
      <span className="status-unit">单位：{store.unit === 'wan' ? '万元' : '元'}</span>
    </footer>
  );
}
