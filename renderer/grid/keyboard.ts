/**
 * Keys the editor handles itself rather than the grid (Excel/WPS habits). The grid keeps arrows,
 * Enter (down), Tab (right), F2, type-to-replace and Esc; these are ours because Community has no
 * clipboard, range selection or fill, and undo must go through the document history.
 */
export type GridKeyAction = 'undo' | 'redo' | 'fillDown' | 'find' | 'clear' | 'selectAll' | 'copy' | 'paste' | 'cut';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function gridKeyAction(e: KeyLike, editing: boolean): GridKeyAction | null {
  const mod = (e.ctrlKey || e.metaKey) && !e.altKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    if (editing) return null; // inside the cell editor, Ctrl+Z/C/V act on the text being typed
    switch (key) {
      case 'z':
        return e.shiftKey ? 'redo' : 'undo';
      case 'y':
        return 'redo';
      case 'd':
        return 'fillDown';
      case 'f':
        return 'find';
      case 'a':
        return 'selectAll';
      case 'c':
        return 'copy';
      case 'v':
        return 'paste';
      case 'x':
        return 'cut';
      default:
        return null;
    }
  }
  if (!editing && key === 'Delete' && !e.altKey) return 'clear';
  return null;
}

/** Whether a key press (or click) should extend the selection instead of moving it. */
export function extendsSelection(e: { shiftKey: boolean; key?: string }): boolean {
  if (!e.shiftKey) return false;
  if (e.key === undefined) return true; // shift-click
  return e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End' || e.key === 'PageUp' || e.key === 'PageDown';
}
