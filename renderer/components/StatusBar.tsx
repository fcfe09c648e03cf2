/** The status bar: the last message, the selection (count and sum, like Excel), findings and the save state. */
import { useEffect, useState } from 'react';
import { UNIT_LABELS } from '../../shared/money/format';
import type { EditorStore } from '../app/editorStore';
import { useChannels, useStoreValue } from '../app/useChannel';
import type { GridController } from '../grid/gridController';
import { formatExactAmount } from '../grid/amountText';

export function StatusBar({ store, controller }: { store: EditorStore; controller: GridController | null }) {
  useChannels(store, 'findings', 'message', 'progress', 'view');
  // Of the document the bar shows only the save state: typing does not re-render it.
  useStoreValue(store, ['doc'], () => `${store.dirty}|${store.file ? 1 : 0}`);
  const [, setTick] = useState(0);
  // The count and sum show only for a range of several cells: moving the focus from cell to cell,
  // or typing with a single cell selected, does not re-render the bar.
  useEffect(() => {
    if (!controller) return;
    let shown = controller.hasRange();
    const offSelection = controller.onSelection(() => {
      const now = controller.hasRange();
      if (now || shown) setTick((t) => t + 1);
      shown = now;
    });
    const offValues = store.onValues(() => {
      if (controller.hasRange()) setTick((t) => t + 1);
    });
    return () => {
      offSelection();
      offValues();
    };
  }, [store, controller]);
  const totals = store.findings.totals(store.accepted);
  const sel = controller?.summary();
  const msg = store.message;
  return (
    <footer className="status-bar">
      <span title={msg?.text} className={`status-message ${msg?.tone === 'error' ? 'status-error' : ''}`} role={msg?.tone === 'error' ? 'alert' : 'status'} aria-live="polite">
        {msg?.text ?? '就绪'}
      </span>
      {msg?.action && (
        <button className="status-action" onClick={msg.action.run}>
          {msg.action.label}
        </button>
      )}
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
      <span className="legend" aria-label="单元格颜色说明">
        <span className="legend-item legend-input">白色：填写</span>
        <span className="legend-item legend-computed">灰色：自动计算</span>
        <span className="legend-item legend-error">红色：强制性问题</span>
        <span className="legend-item legend-warning">黄色：提示性问题</span>
      </span>
      <span className="status-unit">单位：{UNIT_LABELS[store.unit]}</span>
    </footer>
  );
}
