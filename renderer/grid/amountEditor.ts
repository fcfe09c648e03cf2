/**
 * The amount cell editor (plain DOM, no React on the hot path). Typing a character starts with that
 * character (type to replace, as in Excel); Backspace starts empty; F2, Enter and double-click start
 * with the exact amount in the display unit (never the rounded display text, so confirming an
 * unchanged cell changes nothing), caret at the end.
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import { exactAmountText } from './amountText';
import type { ProjectedRow } from '../../shared/tables/project';
import { parseAmount } from '../../shared/money/parse';
import type { GridContext } from './gridContext';

/** The value an editor hands the grid when there is nothing left to commit (committed on its key, or unchanged). */
export const ALREADY_COMMITTED = Object.freeze({ alreadyCommitted: true });

/** Parse typed text in the display unit and set the cell (refused with a message when not a number). */
export function commitAmount(ctx: GridContext, key: string, text: string): boolean {
  const parsed = parseAmount(text, ctx.store.unit);
  if (!parsed.ok) {
    ctx.store.showMessage(`输入无效：${parsed.message}，未做修改。`, 'error');
    return false;
  }
  return ctx.store.setCells([{ key, value: parsed.value }], { label: '输入' });
}

/** Let the audit worker try out the text being typed (nothing when it is not a number). */
export function previewAmount(ctx: GridContext, key: string, text: string): void {
  const parsed = parseAmount(text, ctx.store.unit);
  ctx.store.previewCells(parsed.ok ? [{ key, value: parsed.value }] : null);
}

export class AmountEditor implements ICellEditorComp {
  private input!: HTMLInputElement;
  /** Committed on Enter or Tab: the grid's edit request that follows carries ALREADY_COMMITTED. */
  private committed = false;
  /** The amount the editor opened with (null: typing replaced it); left unchanged, nothing is committed. */
  private opened: string | null = null;
  private ctx: GridContext | null = null;

  init(params: ICellEditorParams): void {
    const ctx = params.context as GridContext;
    this.ctx = ctx;
    const key = (params.data as ProjectedRow | undefined)?.cells[params.column.getColId()]?.key;
    this.input = document.createElement('input');
    this.input.type = 'text';
    this.input.className = 'amount-editor';
    this.input.setAttribute('inputmode', 'decimal');
    this.input.setAttribute('aria-label', '金额');
    const eventKey = params.eventKey;
    if (eventKey === 'Backspace' || eventKey === 'Delete') {
      this.input.value = '';
    } else if (eventKey !== null && eventKey.length === 1) {
      this.input.value = eventKey;
    } else {
      this.input.value = exactAmountText(params.value as number | null, ctx.store.unit);
      this.opened = this.input.value;
    }
    // Commit on the key itself, before the grid closes the editor and moves on: the audit worker gets
    // the edit a frame earlier, and the grid's edit request that follows carries ALREADY_COMMITTED.
    // A refused value (not a number) keeps the cursor on the cell: the edit is cancelled, not moved on from.
    this.input.addEventListener('keydown', (e) => {
      if ((e.key !== 'Enter' && e.key !== 'Tab') || !key || e.isComposing || this.input.value === this.opened) return;
      this.committed = true;
      if (commitAmount(ctx, key, this.input.value)) return;
      e.preventDefault();
      e.stopPropagation();
      params.api.stopEditing(true);
    });
    // While typing, the worker already works out what the value would change: committing it then
    // shows the findings with the new value instead of a frame or two later.
    if (key) {
      this.input.addEventListener('input', () => previewAmount(ctx, key, this.input.value));
      if (this.opened === null) previewAmount(ctx, key, this.input.value);
    }
  }

  getGui(): HTMLElement {
    return this.input;
  }

  afterGuiAttached(): void {
    this.input.focus();
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
  }

  getValue(): unknown {
    return this.committed || this.input.value === this.opened ? ALREADY_COMMITTED : this.input.value;
  }

  isPopup(): boolean {
    return false;
  }

  destroy(): void {
    this.ctx?.store.previewCells(null); // cancelled (Esc) or committed: the preview is done with
    this.input.remove();
  }
}
