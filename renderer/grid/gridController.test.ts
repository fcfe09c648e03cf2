import { describe, expect, it } from 'vitest';
import type { GridApi } from 'ag-grid-community';
import type { EditorStore } from '../app/editorStore';
import type { ProjectedRow } from '../../shared/tables/project';
import { GridController } from './gridController';

/** A grid API that records which cells the controller redraws (rows 0–49 rendered). */
function recordingApi(refreshed: { rows: number[]; columns: string[] }[]): GridApi<ProjectedRow> {
  const api = {
    getFirstDisplayedRowIndex: () => 0,
    getLastDisplayedRowIndex: () => 49,
    getDisplayedRowAtIndex: (i: number) => ({ rowIndex: i }),
    refreshCells: (p: { rowNodes: { rowIndex: number }[]; columns: string[] }) => refreshed.push({ rows: p.rowNodes.map((n) => n.rowIndex), columns: p.columns }),
  };
  return api as unknown as GridApi<ProjectedRow>;
}

function controller() {
  const c = new GridController({ table: () => null } as unknown as EditorStore, 'T4');
  c.setColumns(['name', 'a', 'b', 'c']);
  const refreshed: { rows: number[]; columns: string[] }[] = [];
  c.api = recordingApi(refreshed);
  let notified = 0;
  c.onSelection(() => notified++);
  return { c, refreshed, notified: () => notified };
}

describe('GridController selection highlight', () => {
  it('moving the focus from cell to cell redraws no cells (a single cell shows only the focus border)', () => {
    const { c, refreshed, notified } = controller();
    c.onCellFocused(3, 'a');
    c.onCellFocused(4, 'a');
    c.onCellFocused(4, 'b');
    expect(refreshed).toEqual([]);
    expect(c.hasRange()).toBe(false);
    expect(c.inRange(4, 'b')).toBe(false);
    expect(notified()).toBe(3);
  });

  it('extending to a range redraws the range; collapsing it redraws the cells that lose the highlight', () => {
    const { c, refreshed } = controller();
    c.onCellFocused(3, 'a');
    c.noteKeyDown({ key: 'ArrowDown', shiftKey: true } as KeyboardEvent);
    c.onCellFocused(5, 'b');
    expect(c.hasRange()).toBe(true);
    expect(c.inRange(4, 'a')).toBe(true);
    expect(refreshed).toEqual([{ rows: [3, 4, 5], columns: ['a', 'b'] }]);

    c.onCellFocused(9, 'c'); // a plain move collapses the range
    expect(c.hasRange()).toBe(false);
    expect(refreshed[1]).toEqual({ rows: [3, 4, 5], columns: ['a', 'b'] });
  });

  it('extends by the input that moved the focus, also when the focus events arrive after the next key', () => {
    const { c } = controller();
    c.onCellFocused(3, 'a');
    const shiftDown = { key: 'ArrowDown', shiftKey: true, ctrlKey: false, metaKey: false, altKey: false } as KeyboardEvent;
    // Two shift-arrows pressed before the grid reports either focus move.
    c.noteKeyDown(shiftDown);
    c.noteKeyDown(shiftDown);
    c.onCellFocused(4, 'a', shiftDown);
    c.onCellFocused(5, 'a', shiftDown);
    expect(c.range).toEqual({ anchor: { row: 3, col: 1 }, focus: { row: 5, col: 1 } });
    // A plain arrow (or click) collapses, whatever was noted before.
    c.noteKeyDown(shiftDown);
    c.onCellFocused(6, 'a', { key: 'ArrowDown', shiftKey: false } as KeyboardEvent);
    expect(c.range).toEqual({ anchor: { row: 6, col: 1 }, focus: { row: 6, col: 1 } });
  });
  it('follows the browser focus at once; the grid’s late reports (click, then two quick shift-arrows) change nothing', () => {
    const { c } = controller();
    // The grid's focused cell, as the controller reads it synchronously.
    let focused = { rowIndex: 0, colId: 'a' };
    (c.api as unknown as { getFocusedCell: () => unknown }).getFocusedCell = () => ({ rowIndex: focused.rowIndex, column: { getColId: () => focused.colId } });
    /** The browser focus entering a cell, as the grid's DOM has it. */
    const focusIn = (rowIndex: number, colId: string) => {
      focused = { rowIndex, colId };
      const row = { getAttribute: (n: string) => (n === 'row-index' ? String(rowIndex) : null) };
      const cell = { closest: (sel: string) => (sel.includes('row-index') ? row : cell), getAttribute: (n: string) => (n === 'col-id' ? colId : null) };
      c.onFocusIn(cell as unknown as EventTarget);
    };
    const shiftDown = { key: 'ArrowDown', shiftKey: true, ctrlKey: false, metaKey: false, altKey: false } as KeyboardEvent;
    // A previous range rows 0–1 is selected.
    focusIn(0, 'a');
    c.noteKeyDown(shiftDown);
    focusIn(1, 'b');
    expect(c.range).toEqual({ anchor: { row: 0, col: 1 }, focus: { row: 1, col: 2 } });
    // A click on row 3: the selection is that cell before any report.
    const click = { shiftKey: false, button: 0 } as MouseEvent;
    c.noteMouseDown(click);
    focusIn(3, 'a');
    c.noteMouseUp();
    expect(c.range).toEqual({ anchor: { row: 3, col: 1 }, focus: { row: 3, col: 1 } });
    c.noteKeyDown(shiftDown);
    focusIn(4, 'a');
    c.noteKeyDown(shiftDown);
    focusIn(5, 'a');
    expect(c.range).toEqual({ anchor: { row: 3, col: 1 }, focus: { row: 5, col: 1 } });
    // The reports, in order and late: the click carries its mouse event; keyboard moves carry none.
    c.onCellFocused(0, 'a');
    c.onCellFocused(1, 'b');
    c.onCellFocused(3, 'a', click);
    c.onCellFocused(4, 'a');
    c.onCellFocused(5, 'a');
    expect(c.range).toEqual({ anchor: { row: 3, col: 1 }, focus: { row: 5, col: 1 } });
    // A plain arrow afterwards collapses.
    c.noteKeyDown({ key: 'ArrowDown', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false } as KeyboardEvent);
    focusIn(6, 'a');
    expect(c.range).toEqual({ anchor: { row: 6, col: 1 }, focus: { row: 6, col: 1 } });
  });

  it('acts on the grid’s focused cell when the focus moved out of the range unseen', () => {
    const { c } = controller();
    let focused = { rowIndex: 2, colId: 'a' };
    (c.api as unknown as { getFocusedCell: () => unknown }).getFocusedCell = () => ({ rowIndex: focused.rowIndex, column: { getColId: () => focused.colId } });
    c.onCellFocused(2, 'a');
    c.noteKeyDown({ key: 'ArrowDown', shiftKey: true } as KeyboardEvent);
    focused = { rowIndex: 4, colId: 'a' };
    c.onCellFocused(4, 'a');
    expect(c.hasRange()).toBe(true);
    focused = { rowIndex: 9, colId: 'c' }; // moved, not reported yet
    expect(c.copyText()).not.toBeNull();
    expect(c.range).toEqual({ anchor: { row: 9, col: 3 }, focus: { row: 9, col: 3 } });
  });
});
