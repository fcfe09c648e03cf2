/**
 * The regions F6 cycles through, in screen order: the table list, the table (grid or form), the
 * audit panel and the toolbar. Each takes the keyboard at its natural place.
 */
import type { GridController } from '../grid/gridController';

const REGIONS = ['.table-list', '.table-area', '.problems', '.toolbar'] as const;

function regionOf(el: Element | null): number {
  return REGIONS.findIndex((sel) => !!el?.closest(sel));
}

function focusFirst(root: Element | null, selectors: string): boolean {
  const el = root?.querySelector<HTMLElement>(selectors);
  if (!el) return false;
  el.focus();
  return true;
}

/** Focus a region: true when something in it took the focus. */
export function focusRegion(index: number, grid: GridController | null): boolean {
  const root = document.querySelector(REGIONS[index]!);
  if (!root) return false;
  switch (REGIONS[index]) {
    case '.table-list':
      return focusFirst(root, '.table-entry.active') || focusFirst(root, '.table-entry');
    case '.table-area':
      return (grid?.focusCurrent() ?? false) || focusFirst(root, 'input, textarea, select, button');
    case '.problems':
      return focusFirst(root, '.finding-current .finding-message') || focusFirst(root, '.finding-message, .group-title, button');
    default:
      return focusFirst(root, 'button:not([disabled])');
  }
}

/** F6 (step 1) / Shift+F6 (step -1): the next region that can take the focus. */
export function cycleRegion(step: 1 | -1, grid: GridController | null): void {
  const n = REGIONS.length;
  const from = regionOf(document.activeElement);
  for (let i = 1; i <= n; i++) {
    const next = (((from < 0 ? (step > 0 ? -1 : 0) : from) + step * i) % n + n) % n;
    if (focusRegion(next, grid)) return;
  }
}

export const TABLE_AREA = 1;
