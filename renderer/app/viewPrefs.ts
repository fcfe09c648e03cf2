/**
 * What the clerk set up on screen, remembered between sessions (localStorage, validated on read):
 * the audit panel's height and whether it is folded, and the zoom.
 */
import { z } from 'zod';

const KEY = 'budget.viewPrefs';

export const ZOOM_STEPS = [0.8, 0.9, 1, 1.1, 1.25, 1.4, 1.6] as const;

const prefsSchema = z.object({
  problemsHeight: z.number().int().min(60).max(2000),
  problemsCollapsed: z.boolean(),
  zoom: z.number().min(Math.min(...ZOOM_STEPS)).max(Math.max(...ZOOM_STEPS)),
});

export type ViewPrefs = z.infer<typeof prefsSchema>;

export const DEFAULT_PREFS: ViewPrefs = { problemsHeight: 150, problemsCollapsed: false, zoom: 1 };

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage switched off: nothing is remembered
  }
}

export function loadPrefs(): ViewPrefs {
  const raw = storage()?.getItem(KEY);
  if (!raw) return { ...DEFAULT_PREFS };
  try {
    const parsed = prefsSchema.partial().safeParse(JSON.parse(raw));
    return parsed.success ? { ...DEFAULT_PREFS, ...parsed.data } : { ...DEFAULT_PREFS };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

export function savePrefs(change: Partial<ViewPrefs>): ViewPrefs {
  const next = { ...loadPrefs(), ...change };
  try {
    storage()?.setItem(KEY, JSON.stringify(next));
  } catch {
    // full or switched off: the setting holds for this session only
  }
  return next;
}

/** The next zoom step (Ctrl+= / Ctrl+-), or 1 (Ctrl+0). */
export function stepZoom(current: number, step: 1 | -1 | 0): number {
  if (step === 0) return 1;
  const at = ZOOM_STEPS.findIndex((z) => z >= current - 1e-9);
  const i = Math.max(0, Math.min(ZOOM_STEPS.length - 1, (at < 0 ? ZOOM_STEPS.length - 1 : at) + step));
  return ZOOM_STEPS[i]!;
}

export function applyZoom(zoom: number): void {
  document.documentElement.style.setProperty('zoom', zoom === 1 ? '' : String(zoom));
}
