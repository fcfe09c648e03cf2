/**
 * Form fields bound to the document through edit commands: text committed on blur (or Enter for a
 * single line) as one undo step; amounts shown in the display unit — read-only when computed,
 * editable (parsed like the grid) for the few form inputs (项目总金额, 固定资产采购金额).
 */
import { useEffect, useState } from 'react';
import { parseAmount } from '../../shared/money/parse';
import { SEVERITY_LABELS } from '../../shared/rules/finding';
import type { EditorStore } from '../app/editorStore';
import { exactAmountText, formatAmount } from '../grid/amountText';
import { parseDateText } from './dateText';

export function TextField({ value, onCommit, multiline, label, className, rows }: { value: string; onCommit: (v: string) => void; multiline?: boolean; label: string; className?: string; rows?: number }) {
  const [draft, setDraft] = useState(value);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);
  const commit = () => {
    setEditing(false);
    if (draft !== value) onCommit(draft);
  };
  const common = {
    'aria-label': label,
    className: `form-text ${className ?? ''}`,
    value: draft,
    onFocus: () => setEditing(true),
    onBlur: commit,
  };
  return multiline ? (
    <textarea {...common} rows={rows ?? 3} onChange={(e) => setDraft(e.target.value)} />
  ) : (
    <input
      {...common}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        else if (e.key === 'Escape') {
          setDraft(value);
          setEditing(false);
        }
      }}
    />
  );
}

function markClass(store: EditorStore, key: string): string {
  const mark = store.findings.markAt(key, store.accepted);
  return mark ? `cell-${mark}` : '';
}

function markTitle(store: EditorStore, key: string, fallback: string): string {
  const found = store.findings.atCell(key);
  return found.length ? found.map((f) => `【${SEVERITY_LABELS[f.severity]}】${f.message}`).join('\n') : fallback;
}

/** A computed amount of a form (read-only). */
export function AmountCell({ store, cellKey, label }: { store: EditorStore; cellKey: string; label: string }) {
  return (
    <span className={`form-amount cell-computed ${markClass(store, cellKey)}`} data-cell-key={cellKey} aria-label={label} title={markTitle(store, cellKey, '计算得到（来自表5/表3），不能直接修改')} tabIndex={-1}>
      {formatAmount(store.cellValue(cellKey), store.unit, store.decimals)}
    </span>
  );
}

/** An amount input of a form (项目总金额, 固定资产采购金额). */
export function AmountInput({ store, cellKey, label }: { store: EditorStore; cellKey: string; label: string }) {
  const value = store.cellValue(cellKey);
  const shown = formatAmount(value, store.unit, store.decimals);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const text = draft;
    setDraft(null);
    // The store's value now, not this render's: an undo may have changed it since.
    if (text === exactAmountText(store.cellValue(cellKey), store.unit)) return;
    const parsed = parseAmount(text, store.unit);
    if (!parsed.ok) {
      store.showMessage(`输入无效：${parsed.message}，未做修改。`, 'error');
      return;
    }
    store.setCells([{ key: cellKey, value: parsed.value }], { label: `输入${label}` });
  };
  return (
    <input
      className={`form-amount cell-input ${markClass(store, cellKey)}`}
      data-cell-key={cellKey}
      aria-label={label}
      title={markTitle(store, cellKey, '')}
      value={draft ?? shown}
      inputMode="decimal"
      onFocus={() => setDraft(exactAmountText(store.cellValue(cellKey), store.unit))}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        else if (e.key === 'Escape') {
          setDraft(null);
          (e.target as HTMLInputElement).blur();
        }
      }}
    />
  );
}

/** A date (项目开始日期 …) as 2020-01-01 text in every locale; committed on blur or Enter. */
export function DateField({ store, value, label, onCommit }: { store: EditorStore; value: string | null; label: string; onCommit: (iso: string | null) => void }) {
  return (
    <TextField
      label={label}
      value={value ?? ''}
      onCommit={(text) => {
        const parsed = parseDateText(text);
        if (!parsed.ok) store.showMessage(`${label}：${parsed.message}，未做修改。`, 'error');
        else if (parsed.iso !== value) onCommit(parsed.iso);
      }}
    />
  );
}
