/**
 * The grid of one official table: a view over the store. Rows come from the table projection; values
 * from the incremental evaluation; edits go through commands (readOnlyEdit: the grid never writes).
 * Value edits refresh only the changed cells; finding marks only the touched cells.
 *
 * The grid is AG Grid's own DOM grid (createGrid), not the React wrapper: cells are plain DOM, so an
 * edit, a focus move or a mark does not go through React reconciliation and commits per cell.
 */
import { useEffect, useMemo, useRef } from 'react';
import { createGrid, type CellEditRequestEvent, type CellFocusedEvent, type CellMouseOverEvent, type GridOptions } from 'ag-grid-community';
import { renameSubItem, renameUnit, setProjectFields } from '../../shared/edit';
import type { ProjectedRow } from '../../shared/tables/project';
import type { EditorStore } from '../app/editorStore';
import { rowTargetOf } from '../app/rowTargets';
import { describeCell } from '../app/cellNames';
import { parseCellKey } from '../../shared/model/cellKey';
import { ALREADY_COMMITTED, commitAmount } from './amountEditor';
import { editBreakdown } from './breakdown';
import type { DialogService } from '../components/dialogs';
import { buildColumnDefs } from './columns';
import { GridController } from './gridController';
import type { GridContext } from './gridContext';
import { budgetTheme } from './gridSetup';

declare global {
  interface Window {
    /** Performance marks read by the benchmark and the end-to-end tests. */
    __budgetPerf?: { firstRenderMs?: number };
  }
}

/** The label of an amount cell's row, on its own side of a two-sided table (表1, 表6). */
function rowLabel(row: ProjectedRow, colId: string, labelColumns: readonly string[]): string {
  const side = colId.endsWith('Amount') ? row.cells[`${colId.slice(0, -'Amount'.length)}Label`]?.text : undefined;
  return (side ?? labelColumns.map((c) => row.cells[c]?.text).find((t) => t)) ?? '';
}

/**
 * The grid's horizontal scrollbar lies over its last visible row: a cell the keyboard moved to
 * (Enter after typing, arrows) may end up under it. Scroll it clear, so the cell shows in full.
 */
function keepClearOfScrollbar(wrapper: HTMLElement, target: EventTarget | null): void {
  const cell = (target as Partial<Element> | null)?.closest?.('.ag-cell');
  const bar = wrapper.querySelector('.ag-body-horizontal-scroll');
  const viewport = wrapper.querySelector('.ag-grid-viewport, .ag-body-viewport');
  if (!cell || !bar || !viewport) return;
  const barTop = bar.getBoundingClientRect();
  if (barTop.height === 0) return;
  const overlap = cell.getBoundingClientRect().bottom - barTop.top;
  if (overlap > 0) viewport.scrollTop += Math.ceil(overlap);
}

export function BudgetGrid({ store, dialogs, onController }: { store: EditorStore; dialogs: DialogService; onController?: (c: GridController | null) => void }) {
  const table = store.table()!;
  const controller = useMemo(() => new GridController(store, table.def.id), [store, table.def.id]);
  const ctx = useMemo<GridContext>(() => ({ store, controller }), [store, controller]);
  const year = store.doc.department.fiscalYear;
  const { defs, leafIds } = useMemo(() => buildColumnDefs(table.def, year, ctx), [table.def, year, ctx]);
  controller.setColumns(leafIds);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let openedShown = store.opened;
    onController?.(controller);
    const offs = [
      store.onValues((keys) => controller.refreshKeys(keys)),
      store.onMarks((keys) => controller.refreshKeys(keys)),
      store.onRows(() => {
        const t = store.table();
        if (!t || t.def.id !== controller.tableId) return;
        controller.api?.setGridOption('rowData', t.rows);
        // Another document opened in this grid: it starts at the top-left, nothing selected.
        if (store.opened !== openedShown) {
          openedShown = store.opened;
          controller.toTopLeft();
        }
      }),
      store.on('view', () => controller.api?.refreshCells({ force: true })),
      store.onReveal(() => tryReveal()),
    ];
    function tryReveal() {
      const target = store.pendingReveal;
      if (target && controller.reveal(target)) store.pendingReveal = null;
    }
    return () => {
      offs.forEach((off) => off());
      onController?.(null);
    };
  }, [store, controller, onController]);

  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const inGrid = () => el.contains(document.activeElement) && !controller.editing;
    const onCopy = (e: ClipboardEvent) => {
      if (!inGrid()) return;
      const text = controller.copyText();
      if (text === null) return;
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
    };
    const onCut = (e: ClipboardEvent) => {
      if (!inGrid()) return;
      onCopy(e);
      controller.clear('剪切');
    };
    const onPaste = (e: ClipboardEvent) => {
      if (!inGrid()) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      e.preventDefault();
      controller.paste(text);
    };
    // A total entered per unit (按单位填写): Enter, F2 or a digit opens its form instead of moving on.
    const keyCapture = (e: KeyboardEvent) => {
      controller.noteKeyDown(e);
      if (controller.editing || e.ctrlKey || e.metaKey || e.altKey) return;
      // An input method (拼音, full-width digits) composing on a selected cell: the grid would drop
      // the text; open the cell's editor empty, as typing does, so the composition lands in it.
      if (e.key === 'Process' || e.keyCode === 229) {
        const focused = controller.api?.getFocusedCell();
        const row = focused ? store.table()?.rows[focused.rowIndex] : undefined;
        const colId = focused?.column.getColId();
        if (focused && colId && store.isInput(row?.cells[colId]?.key)) controller.api?.startEditingCell({ rowIndex: focused.rowIndex, colKey: colId, key: 'Backspace' });
        return;
      }
      if (e.isComposing) return;
      const typing = e.key.length === 1 || e.key === 'F2' || e.key === 'Backspace';
      if (e.key !== 'Enter' && !typing) return;
      const focused = controller.api?.getFocusedCell();
      const row = focused ? store.table()?.rows[focused.rowIndex] : undefined;
      const colId = focused?.column.getColId();
      if (!row || !colId) return;
      if ((e.key === 'Enter' || e.key === 'F2' || /^[0-9.\-]$/.test(e.key)) && openBreakdown(row, colId)) {
        e.preventDefault();
        e.stopPropagation();
      } else if (typing) explainComputed(row.cells[colId]?.key);
    };
    const keyBubble = (e: KeyboardEvent) => {
      controller.handleKeyDown(e);
      // The grid has acted on Enter (commit, move down) by now; Enter has no default action here, and
      // cancelling it spares the browser the keypress it would dispatch next (a forced layout).
      if (e.key === 'Enter' && !e.isComposing && !e.defaultPrevented) e.preventDefault();
    };
    // pointerdown, not mousedown: the grid focuses the clicked cell on pointerdown.
    const mouseDown = (e: PointerEvent) => controller.noteMouseDown(e);
    const mouseUp = () => controller.noteMouseUp();
    const focusIn = (e: FocusEvent) => {
      controller.onFocusIn(e.target);
      // Also a frame later: the grid may still scroll the row to its own idea of "visible".
      keepClearOfScrollbar(el, e.target);
      requestAnimationFrame(() => keepClearOfScrollbar(el, e.target));
    };
    // One signal removes every listener when the grid goes away.
    const off = new AbortController();
    const signal = off.signal;
    document.addEventListener('copy', onCopy, { signal });
    document.addEventListener('cut', onCut, { signal });
    document.addEventListener('paste', onPaste, { signal });
    el.addEventListener('keydown', keyCapture, { capture: true, signal });
    el.addEventListener('keydown', keyBubble, { signal });
    el.addEventListener('pointerdown', mouseDown, { capture: true, signal });
    window.addEventListener('pointerup', mouseUp, { signal });
    el.addEventListener('focusin', focusIn, { signal });
    return () => off.abort();
  }, [controller]);

  // Applied at once (the audit worker gets the patches right away); the store refreshes the grid
  // after the grid has finished closing its editor.
  const onCellEditRequest = (e: CellEditRequestEvent<ProjectedRow>) => {
    if (e.newValue === ALREADY_COMMITTED) return;
    const colId = e.column.getColId();
    const row = e.data;
    const cell = row.cells[colId];
    const text = e.newValue === null || e.newValue === undefined ? '' : String(e.newValue);
    if (cell?.key) {
      commitAmount(ctx, cell.key, text);
      return;
    }
    const target = rowTargetOf(row.id);
    if (!target) return;
    if (target.kind === 'unit') store.apply(renameUnit(store.doc, target.id, text));
    else if (target.kind === 'project') store.apply(setProjectFields(store.doc, target.id, { name: text }));
    else if (target.kind === 'subItem') store.apply(renameSubItem(store.doc, target.id, text));
  };

  /** Typing on a total or computed cell: say why nothing happens and where to type, with a jump there. */
  const explainComputed = (key: string | undefined) => {
    if (key === undefined || store.isInput(key)) return;
    const source = store.inputSourceOf(key);
    if (source === undefined) {
      store.showMessage('这是计算单元格，由其他数字自动得出，不能直接填写。', 'error');
      return;
    }
    const ref = parseCellKey(source);
    const place = describeCell(store.doc, store.catalogue, store.names, ref);
    store.showMessage(`合计由明细自动计算，请在“${place}”等明细单元格填写。`, 'error', { label: '转到填写处', run: () => store.reveal(source) });
  };

  /** Open the per-unit form of a total entered per unit; false when the cell is not one. */
  const openBreakdown = (row: ProjectedRow, colId: string): boolean => {
    const key = row.cells[colId]?.key;
    if (!store.breakdownOf(key)) return false;
    void editBreakdown(store, dialogs, key!, rowLabel(row, colId, table.def.labelColumns)).then(() => controller.element?.querySelector<HTMLElement>('.ag-cell-focus')?.focus());
    return true;
  };

  const onCellFocused = (e: CellFocusedEvent<ProjectedRow>) => {
    const colId = e.column && typeof e.column === 'object' ? e.column.getColId() : null;
    controller.onCellFocused(e.rowIndex, colId, e.sourceEvent as KeyboardEvent | MouseEvent | undefined);
    store.setFocusedRow(e.rowIndex === null ? null : (store.table()?.rows[e.rowIndex]?.id ?? null));
  };

  const revealPending = () => {
    const target = store.pendingReveal;
    if (target && controller.reveal(target)) store.pendingReveal = null;
  };

  const gridHost = useRef<HTMLDivElement>(null);
  const initialDefs = useRef(defs);

  // One grid per mounted table (the component is keyed by the view); the handlers above only use
  // the store, the controller and their context, which stay the same for the grid's life.
  useEffect(() => {
    const host = gridHost.current;
    if (!host) return;
    const options: GridOptions<ProjectedRow> = {
      theme: budgetTheme,
      context: ctx,
      columnDefs: initialDefs.current,
      rowData: store.table()?.rows ?? [],
      getRowId: (p) => p.data.id,
      getRowClass: (p) => `row-${p.data?.kind ?? 'line'}`,
      readOnlyEdit: true,
      onCellEditRequest,
      enterNavigatesVertically: true,
      enterNavigatesVerticallyAfterEdit: true,
      stopEditingWhenCellsLoseFocus: true,
      suppressMovableColumns: true,
      // The header is not a stop of the keyboard: arrows and Tab stay in the cells.
      suppressHeaderFocus: true,
      suppressDragLeaveHidesColumns: true,
      animateRows: false,
      // Rows placed with top, not transform: a transformed row is a stacking context, and with the
      // pinned name column (position: sticky) every row then needed its own compositor layer.
      suppressRowTransform: true,
      tooltipShowDelay: 250,
      onGridReady: (e) => {
        controller.api = e.api;
      },
      onCellFocused,
      onCellDoubleClicked: (e) => {
        if (e.data) openBreakdown(e.data, e.column.getColId());
      },
      onCellMouseOver: (e: CellMouseOverEvent<ProjectedRow>) => controller.onCellMouseOver(e.rowIndex, e.column.getColId(), (e.event as MouseEvent | null)?.buttons ?? 0),
      onFirstDataRendered: () => {
        if (!window.__budgetPerf) window.__budgetPerf = {};
        if (window.__budgetPerf.firstRenderMs === undefined) window.__budgetPerf.firstRenderMs = performance.now();
        revealPending();
      },
      onRowDataUpdated: () => {
        controller.clampToTable();
        revealPending();
      },
    };
    const api = createGrid(host, options);
    controller.api = api;
    return () => {
      if (controller.api === api) controller.api = null;
      api.destroy();
    };
  }, [ctx, controller, store]);

  // Column definitions follow the fiscal year (header texts) and the table.
  useEffect(() => {
    if (initialDefs.current === defs) return;
    initialDefs.current = defs;
    controller.api?.setGridOption('columnDefs', defs);
  }, [defs, controller]);

  return (
    <div
      className="grid-wrapper"
      ref={(el) => {
        wrapper.current = el;
        controller.element = el;
      }}
      data-table={table.def.id}
    >
      <div className="grid-host" ref={gridHost} />
    </div>
  );
}
