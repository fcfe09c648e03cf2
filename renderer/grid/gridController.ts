/**
 * The grid's Excel-like hands, written here because AG Grid Community has no range selection,
 * clipboard or fill: the selected range (shift-click, shift-arrows, mouse drag, Ctrl+A), Ctrl+C /
 * Ctrl+X / Ctrl+V as TSV, Ctrl+D fill down, Delete, Ctrl+Z / Ctrl+Y through the document history,
 * and precise refreshes: only cells whose value, mark or highlight changed are redrawn.
 */
import type { GridApi, IRowNode } from 'ag-grid-community';
import { Emitter } from '../../shared/events/emitter';
import type { CellValue } from '../../shared/edit';
import type { ProjectedRow } from '../../shared/tables/project';
import { parseAmount } from '../../shared/money/parse';
import type { Fen } from '../../shared/money/fen';
import type { EditorStore, RevealTarget } from '../app/editorStore';
import { exactAmountText } from './amountText';
import { formatTsv, parseTsv, planPaste } from './clipboard';
import { planFillDown } from './fillDown';
import { extendsSelection, gridKeyAction } from './keyboard';
import { afterFocus, boundsOf, cellCount, clamp, contains, extendTo, isSingleCell, single, union, type Bounds, type CellRange } from './rangeSelection';

export interface SelectionSummary {
  cells: number;
  numbers: number;
  sum: number;
}

export class GridController {
  api: GridApi<ProjectedRow> | null = null;
  /** The grid's wrapper element (to give the revealed cell the browser focus). */
  element: HTMLElement | null = null;
  /** Leaf column keys in display order. */
  colIds: string[] = [];
  private colIndex = new Map<string, number>();
  range: CellRange | null = null;
  private bounds: Bounds | null = null;
  private extendNext = false;
  private dragging = false;
  private readonly selectionChanges = new Emitter();
  /** The selection changed. */
  readonly onSelection = this.selectionChanges.event;

  constructor(
    readonly store: EditorStore,
    /** The table this grid shows; while the store switches to another view, this grid does nothing. */
    readonly tableId: string,
  ) {}

  /** The projected table, if it is still the one this grid shows. */
  private table() {
    const t = this.store.table();
    return t && t.def.id === this.tableId ? t : null;
  }

  setColumns(colIds: string[]): void {
    this.colIds = colIds;
    this.colIndex = new Map(colIds.map((c, i) => [c, i]));
  }

  /** A range of several cells is selected (the status bar shows its count and sum). */
  hasRange(): boolean {
    return !!this.bounds && !isSingleCell(this.bounds);
  }

  inRange(rowIndex: number | null, colId: string): boolean {
    if (!this.bounds || rowIndex === null) return false;
    if (isSingleCell(this.bounds)) return false; // a single cell shows only the focus border
    return contains(this.bounds, rowIndex, this.colIndex.get(colId) ?? -1);
  }

  /**
   * A cell editor is open. Asked of the grid itself, not tracked from its editing events: those come a
   * timer after the key that opened the editor, and a key typed in between (Ctrl+A after F2) belongs
   * to the editor already.
   */
  get editing(): boolean {
    return (this.api?.getEditingCells().length ?? 0) > 0;
  }

  // ------------------------------------------------------------------ selection

  setRange(range: CellRange | null): void {
    const old = this.bounds;
    this.range = range;
    this.bounds = range ? boundsOf(range) : null;
    // Only multi-cell ranges are highlighted (a single cell shows the grid's focus border): moving
    // from one cell to another, the common case, redraws nothing.
    const oldShown = old && !isSingleCell(old) ? old : null;
    const newShown = this.bounds && !isSingleCell(this.bounds) ? this.bounds : null;
    const dirty = oldShown && newShown ? union(oldShown, newShown) : (oldShown ?? newShown);
    if (dirty) this.refreshBounds(dirty);
    this.selectionChanges.fire();
  }

  /** Note the modifier of the input that is about to move the focus (capture phase). */
  noteKeyDown(e: KeyboardEvent): void {
    this.extendNext = extendsSelection(e);
  }

  noteMouseDown(e: MouseEvent): void {
    this.extendNext = e.shiftKey;
    this.dragging = e.button === 0 && !e.shiftKey;
    this.mouseDown = true;
  }

  noteMouseUp(): void {
    this.dragging = false;
    this.mouseDown = false;
  }

  /** A mouse button is down in the grid (a click that focuses a cell collapses the range to it). */
  private mouseDown = false;

  /**
   * The browser focus entered a cell: synchronously with the click or key that moved it, so the
   * selection is the one the clerk sees before the next key (Delete, Ctrl+V) is handled. The grid's
   * own focus reports come a timer later — on a loaded machine after that next key.
   */
  onFocusIn(target: EventTarget | null): void {
    const cell = (target as Partial<Element> | null)?.closest?.('.ag-cell[col-id]');
    const row = cell?.closest('[row-index]');
    const rowIndex = Number(row?.getAttribute('row-index'));
    if (!cell || !Number.isInteger(rowIndex)) return;
    this.focusMoved(rowIndex, cell.getAttribute('col-id')!, this.extendNext, this.mouseDown);
  }

  /**
   * The grid's report that it focused a cell (a timer after the input). A report of a cell the grid
   * has since left is stale: the later move decides. The selection usually has it already from the
   * browser focus (onFocusIn); a report with its input event (a click) applies that input's decision.
   */
  onCellFocused(rowIndex: number | null, colId: string | null, source?: { shiftKey: boolean; key?: string } | null): void {
    if (rowIndex === null || colId === null) return;
    const now = this.api?.getFocusedCell?.();
    if (now && (now.rowIndex !== rowIndex || now.column.getColId() !== colId)) return;
    const fromInput = !!source && typeof source.shiftKey === 'boolean';
    this.focusMoved(rowIndex, colId, fromInput ? extendsSelection(source) : this.extendNext, fromInput);
  }

  /** The focus is on a cell: extend to it or collapse to it; `always` also when it is the range's focus already. */
  private focusMoved(rowIndex: number, colId: string, extend: boolean, always: boolean): void {
    const col = this.colIndex.get(colId);
    if (col === undefined) return;
    const r = this.range;
    if (!always && r && r.focus.row === rowIndex && r.focus.col === col) return;
    this.extendNext = false;
    this.setRange(afterFocus(r, { row: rowIndex, col }, extend));
  }

  /**
   * Before acting on the selection: if the grid's focused cell is outside it (a focus move not seen
   * yet), the selection is that cell — never cells the clerk has moved away from.
   */
  private catchUp(): void {
    const f = this.api?.getFocusedCell?.();
    const col = f ? this.colIndex.get(f.column.getColId()) : undefined;
    if (!f || col === undefined || (this.bounds && contains(this.bounds, f.rowIndex, col))) return;
    this.setRange(single({ row: f.rowIndex, col }));
  }

  onCellMouseOver(rowIndex: number | null, colId: string, buttons: number): void {
    if (!this.dragging || (buttons & 1) === 0 || rowIndex === null || !this.range) return;
    const col = this.colIndex.get(colId);
    if (col === undefined) return;
    if (this.range.focus.row === rowIndex && this.range.focus.col === col) return;
    this.setRange(extendTo(this.range, { row: rowIndex, col }));
  }

  selectAll(): void {
    const rows = this.rowCount();
    if (rows === 0) return;
    this.setRange({ anchor: { row: 0, col: 0 }, focus: { row: rows - 1, col: this.colIds.length - 1 } });
  }

  /** Keep the selection inside the table after its rows changed. */
  clampToTable(): void {
    if (this.range) this.setRange(clamp(this.range, this.rowCount(), this.colIds.length));
  }

  summary(): SelectionSummary {
    if (!this.bounds) return { cells: 0, numbers: 0, sum: 0 };
    const b = this.bounds;
    let numbers = 0;
    let sum = 0;
    for (let r = b.top; r <= b.bottom; r++) {
      const row = this.rowAt(r);
      if (!row) continue;
      for (let c = b.left; c <= b.right; c++) {
        const v = this.store.cellValue(row.cells[this.colIds[c]!]?.key);
        if (v !== null) {
          numbers++;
          sum += v;
        }
      }
    }
    return { cells: cellCount(b), numbers, sum };
  }

  // ------------------------------------------------------------------ keys and clipboard

  /** Keys the grid leaves to us (AG Grid's suppressKeyboardEvent). */
  suppressGridKey(e: KeyboardEvent, editing: boolean): boolean {
    return gridKeyAction(e, editing) !== null;
  }

  handleKeyDown(e: KeyboardEvent): void {
    const action = gridKeyAction(e, this.editing);
    if (!action || action === 'copy' || action === 'paste' || action === 'cut') return; // clipboard: via copy/paste events
    e.preventDefault();
    e.stopPropagation();
    switch (action) {
      case 'undo':
        this.store.undo();
        break;
      case 'redo':
        this.store.redo();
        break;
      case 'fillDown':
        this.fillDown();
        break;
      case 'clear':
        this.clear();
        break;
      case 'selectAll':
        this.selectAll();
        break;
      case 'find':
        this.store.openFind();
        break;
    }
  }

  copyText(): string | null {
    this.catchUp();
    if (!this.bounds) return null;
    const b = this.bounds;
    const out: string[][] = [];
    for (let r = b.top; r <= b.bottom; r++) {
      const row = this.rowAt(r);
      const line: string[] = [];
      for (let c = b.left; c <= b.right; c++) {
        const cell = row?.cells[this.colIds[c]!];
        if (!cell) line.push('');
        else if (cell.key) line.push(exactAmountText(this.store.cellValue(cell.key), this.store.unit));
        else line.push(cell.text ?? '');
      }
      out.push(line);
    }
    return formatTsv(out);
  }

  /** Paste TSV at the selection: one undo step; any non-number for an input cell refuses the whole paste. */
  paste(text: string): boolean {
    this.catchUp();
    if (!this.bounds) return false;
    const block = parseTsv(text);
    if (block.length === 0) return false;
    const b = this.bounds;
    const plan = planPaste(block, b, this.rowCount(), this.colIds.length);
    const cells: CellValue[] = [];
    let skipped = 0;
    let bottom = b.top;
    let right = b.left;
    for (const p of plan) {
      bottom = Math.max(bottom, p.row);
      right = Math.max(right, p.col);
      const key = this.rowAt(p.row)?.cells[this.colIds[p.col]!]?.key;
      if (!key || !this.store.isInput(key)) {
        skipped++;
        continue;
      }
      const parsed = parseAmount(p.text, this.store.unit);
      if (!parsed.ok) {
        this.store.showMessage(`粘贴未完成：第 ${p.row - b.top + 1} 行第 ${p.col - b.left + 1} 列的${parsed.message}，表格没有任何改动。`, 'error');
        return false;
      }
      cells.push({ key, value: parsed.value });
    }
    if (cells.length === 0) {
      this.store.showMessage('粘贴区域没有可输入的单元格（合计、小计和名称不能粘贴）。', 'error');
      return false;
    }
    const applied = this.store.setCells(cells, { label: `粘贴 ${cells.length} 个单元格` });
    if (applied) {
      this.setRange({ anchor: { row: b.top, col: b.left }, focus: { row: bottom, col: right } });
      this.store.showMessage(skipped > 0 ? `已粘贴 ${cells.length} 个单元格，跳过 ${skipped} 个合计或名称单元格。` : `已粘贴 ${cells.length} 个单元格。`, 'info');
    }
    return applied;
  }

  fillDown(): void {
    this.catchUp();
    if (!this.bounds) return;
    const plan = planFillDown(this.bounds);
    if (plan.length === 0) return;
    const cells: CellValue[] = [];
    for (const p of plan) {
      const col = this.colIds[p.col]!;
      const target = this.rowAt(p.row)?.cells[col]?.key;
      const source = this.rowAt(p.fromRow)?.cells[col];
      if (!target || !this.store.isInput(target) || !source?.key) continue;
      cells.push({ key: target, value: this.store.cellValue(source.key) as Fen | null });
    }
    if (cells.length === 0) {
      this.store.showMessage('所选区域没有可填充的输入单元格。', 'error');
      return;
    }
    this.store.setCells(cells, { label: '向下填充' });
  }

  clear(label = '清除'): void {
    this.catchUp();
    if (!this.bounds) return;
    const b = this.bounds;
    const cells: CellValue[] = [];
    for (let r = b.top; r <= b.bottom; r++) {
      const row = this.rowAt(r);
      for (let c = b.left; c <= b.right; c++) {
        const key = row?.cells[this.colIds[c]!]?.key;
        if (key && this.store.isInput(key) && this.store.cellValue(key) !== null) cells.push({ key, value: null });
      }
    }
    if (cells.length === 0) {
      if (!this.anyInput(b) && this.anyAmount(b)) this.store.showMessage('合计、小计是计算得到的，不能清除。', 'error');
      return;
    }
    this.store.setCells(cells, { label });
  }

  private anyAmount(b: Bounds): boolean {
    for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) if (this.rowAt(r)?.cells[this.colIds[c]!]?.key) return true;
    return false;
  }

  private anyInput(b: Bounds): boolean {
    for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) if (this.store.isInput(this.rowAt(r)?.cells[this.colIds[c]!]?.key)) return true;
    return false;
  }

  // ------------------------------------------------------------------ refresh and reveal

  rowCount(): number {
    return this.table()?.rows.length ?? 0;
  }

  rowAt(index: number): ProjectedRow | undefined {
    return this.table()?.rows[index];
  }

  /** Redraw exactly the given cells of the current table (values, marks, tooltips). */
  refreshKeys(keys: Iterable<string>): void {
    const api = this.api;
    const table = this.table();
    if (!api || !table) return;
    const nodes = new Map<string, IRowNode<ProjectedRow>>();
    const cols = new Set<string>();
    for (const key of keys) {
      const at = table.cellIndex.get(key);
      if (!at) continue;
      const node = api.getRowNode(at.rowId);
      if (!node) continue;
      nodes.set(at.rowId, node);
      cols.add(at.colId);
    }
    if (nodes.size === 0) return;
    api.refreshCells({ rowNodes: [...nodes.values()], columns: [...cols] });
  }

  private refreshBounds(b: Bounds): void {
    const api = this.api;
    if (!api) return;
    const rowNodes: IRowNode<ProjectedRow>[] = [];
    const firstRendered = api.getFirstDisplayedRowIndex();
    const lastRendered = api.getLastDisplayedRowIndex();
    for (let r = Math.max(b.top, firstRendered); r <= Math.min(b.bottom, lastRendered); r++) {
      const node = api.getDisplayedRowAtIndex(r);
      if (node) rowNodes.push(node);
    }
    if (rowNodes.length === 0) return;
    api.refreshCells({ rowNodes, columns: this.colIds.slice(b.left, b.right + 1) });
  }

  /** Select, scroll to and flash a cell; false when the cell is not in this table. */
  reveal(target: RevealTarget): boolean {
    const api = this.api;
    const table = this.table();
    if (!api || !table) return false;
    let at: { rowId: string; colId: string; rowIndex: number } | undefined;
    if ('key' in target) at = table.cellIndex.get(target.key);
    else {
      const rowIndex = table.rowIndexById.get(target.rowId);
      if (rowIndex !== undefined) at = { rowId: target.rowId, colId: target.colId, rowIndex };
    }
    // The grid may not have the new rows yet (a row just added): stay pending until it does.
    if (!at || !api.getRowNode(at.rowId) || at.rowIndex >= api.getDisplayedRowCount()) return false;
    this.focusAt(at.rowIndex, at.colId, at.rowId, 'middle');
    const node = api.getRowNode(at.rowId);
    if (node) api.flashCells({ rowNodes: [node], columns: [at.colId], flashDuration: 900, fadeDuration: 600 });
    return true;
  }

  /** Scroll to the first row and column and select nothing (a newly opened document). */
  toTopLeft(): void {
    const api = this.api;
    if (!api) return;
    api.clearFocusedCell();
    this.setRange(null);
    if (api.getDisplayedRowCount() > 0) api.ensureIndexVisible(0, 'top');
    for (const c of this.colIds.slice(0, 2)) api.ensureColumnVisible(c, 'start'); // the first may be pinned
  }

  /** Give the grid the keyboard (F6, switching tables): the selected cell, else the first amount of the first row. */
  focusCurrent(): boolean {
    const api = this.api;
    const table = this.table();
    if (!api || !table || table.rows.length === 0) return false;
    const f = api.getFocusedCell();
    const row = f ? f.rowIndex : (this.range?.focus.row ?? 0);
    const colId = f ? f.column.getColId() : (this.colIds[this.range?.focus.col ?? -1] ?? this.colIds.find((c) => table.rows[0]!.cells[c]?.key) ?? this.colIds[0]!);
    const rowId = table.rows[Math.min(row, table.rows.length - 1)]!.id;
    this.focusAt(Math.min(row, table.rows.length - 1), colId, rowId, null);
    return true;
  }

  /** Select a cell, scroll it into view and give it the browser focus. */
  private focusAt(rowIndex: number, colId: string, rowId: string, scroll: 'middle' | null): void {
    const api = this.api!;
    api.ensureIndexVisible(rowIndex, scroll);
    api.ensureColumnVisible(colId, scroll ?? 'auto');
    this.extendNext = false;
    api.setFocusedCell(rowIndex, colId);
    this.setRange(single({ row: rowIndex, col: this.colIndex.get(colId) ?? 0 }));
    // setFocusedCell marks the cell but may leave the browser focus where it was (the problems panel):
    // move it so the keys work on the cell at once. The cell may render a few frames later (a table
    // just switched, rows virtualised): retry briefly — but only while the focus is still where it was
    // when asked. Once it has moved (the grid gave it to the cell, or the clerk pressed an arrow or Tab
    // before a late frame), taking it back would undo the clerk's key.
    const cellOf = () => this.element?.querySelector<HTMLElement>(`[row-id="${CSS.escape(rowId)}"] .ag-cell[col-id="${CSS.escape(colId)}"]`);
    const asked = document.activeElement;
    if (cellOf()?.contains(asked)) return;
    const focusCell = (framesLeft: number) => {
      if (document.activeElement !== asked) return;
      const now = this.api?.getFocusedCell();
      if (!now || now.rowIndex !== rowIndex || now.column.getColId() !== colId) return;
      const el = cellOf();
      if (el) el.focus({ preventScroll: true });
      else if (framesLeft > 0) requestAnimationFrame(() => focusCell(framesLeft - 1));
    };
    requestAnimationFrame(() => focusCell(30));
  }
}
