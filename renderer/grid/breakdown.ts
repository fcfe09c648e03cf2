/**
 * 按单位填写: a total that is entered per unit (shared/compute/perUnitTotals.ts) opens a small form with
 * one field per unit, in the display unit. Every value is checked before anything changes; the
 * whole form is one undo step.
 */
import { parseAmount } from '../../shared/money/parse';
import { UNIT_LABELS } from '../../shared/money/format';
import type { CellValue } from '../../shared/edit';
import type { EditorStore } from '../app/editorStore';
import type { DialogService } from '../components/dialogs';
import { exactAmountText } from './amountText';

/** Fill in the units' amounts behind a total; false when the cell is not such a total or nothing was applied. */
export async function editBreakdown(store: EditorStore, dialogs: DialogService, key: string, title: string): Promise<boolean> {
  const parts = store.breakdownOf(key);
  if (!parts) return false;
  const unitLabel = UNIT_LABELS[store.unit];
  const parse = (text: string) => parseAmount(text.trim(), store.unit);
  const values = await dialogs.form({
    title: `${title}（按单位填写）`,
    message: `有多个预算单位时，这一行是各单位之和。请按单位填写（单位：${unitLabel}），留空表示没有。`,
    fields: parts.map((p) => ({ name: p.key, label: p.unitName, initial: exactAmountText(store.cellValue(p.key), store.unit) })),
    submitLabel: '确定',
    validate: (v) => {
      for (const p of parts) {
        const r = parse(v[p.key] ?? '');
        if (!r.ok) return `${p.unitName}：${r.message}`;
      }
      return null;
    },
  });
  if (!values) return false;
  const cells: CellValue[] = [];
  for (const p of parts) {
    const r = parse(values[p.key] ?? '');
    if (r.ok) cells.push({ key: p.key, value: r.value });
  }
  return store.setCells(cells, { label: `按单位填写${title}` });
}
