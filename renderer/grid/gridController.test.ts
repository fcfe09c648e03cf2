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
  it('takes each late keyboard report’s decision from the key that moved the focus (click, then two quick shift-arrows)', () => {
    const { c } = controller();
    // The grid's focused cell, as the controller reads it synchronously around each key.
    let focused = { rowIndex: 0, colId: 'a' };
    (c.api as unknown as { getFocusedCell: () => unknown }).getFocusedCell = () => ({ rowIndex: focused.rowIndex, column: { getColId: () => focused.colId } });
    const shiftDown = { key: 'ArrowDown', shiftKey: true, ctrlKey: false, metaKey: false, altKey: false } as KeyboardEvent;
    const press = (e: KeyboardEvent, moveTo: number | null) => {
      c.noteKeyDown(e);
      if (moveTo !== null) focused = { rowIndex: moveTo, colId: 'a' };
      c.noteKeyHandled(e);
    };
    // A previous range is selected; a click on row 3, then two shift-arrows, all before any report.
    c.onCellFocused(0, 'a');
    c.noteKeyDown(shiftDown);
    c.onCellFocused(1, 'b');
    const click = { shiftKey: false, button: 0 } as MouseEvent;
    c.noteMouseDown(click);
    focused = { rowIndex: 3, colId: 'a' };
    press(shiftDown, 4);
    press(shiftDown, 5);
    press(shiftDown, null); // a key that does not move the focus queues nothing
    // The reports, in order: the click carries its mouse event; keyboard moves carry none in AG Grid.
    c.onCellFocused(3, 'a', click);
    c.onCellFocused(4, 'a');
    c.onCellFocused(5, 'a');
    expect(c.range).toEqual({ anchor: { row: 3, col: 1 }, focus: { row: 5, col: 1 } });
    // A plain arrow afterwards collapses.
    press({ key: 'ArrowDown', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false } as KeyboardEvent, 6);
    c.onCellFocused(6, 'a');
    expect(c.range).toEqual({ anchor: { row: 6, col: 1 }, focus: { row: 6, col: 1 } });
  });
});
