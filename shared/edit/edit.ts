/**
 * Edits of the document as immer patches. Every user command (typing, paste, fill, a structural
 * change, an import into the open document) produces one `Edit`: the patches that turn the old
 * document into the new one, their inverse, and what kind of change it is — so the same patches can
 * feed undo/redo, the audit worker and autosave, and the editor knows how much to recompute.
 */
import { enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import type { DepartmentBudget } from '../model/document';

enablePatches();

/**
 * What an edit changed, for the editor's incremental work:
 * - `values`: only input amounts (the listed cell keys); the cell graph's shape is unchanged.
 * - `labels`: texts or metadata (names, form texts, accepted warnings); the graph is unchanged.
 * - `structure`: rows were added, removed or reordered; the graph must be rebuilt.
 * - `document`: the whole document was replaced (import into the open document).
 */
export type EditEffect = { kind: 'values'; keys: string[] } | { kind: 'labels' } | { kind: 'structure' } | { kind: 'document' };

export interface Edit {
  /** Chinese description shown in the undo/redo tooltips, e.g. 粘贴 6 个单元格. */
  label: string;
  patches: Patch[];
  inversePatches: Patch[];
  effect: EditEffect;
}

/** An applied edit: the new document and how it was reached. */
export interface EditResult {
  doc: DepartmentBudget;
  edit: Edit;
}

/**
 * The outcome of a command: refused with a Chinese message (nothing changed), a no-op (ok, edit null),
 * or an applied edit.
 */
export type EditOutcome = { ok: true; result: EditResult | null } | { ok: false; message: string };

export const refuse = (message: string): EditOutcome => ({ ok: false, message });

/** Run a recipe on the document and package its patches; an empty patch list is a no-op. */
export function edit(doc: DepartmentBudget, label: string, effect: EditEffect, recipe: (draft: Draft<DepartmentBudget>) => void): EditOutcome {
  const [next, patches, inversePatches] = produceWithPatches(doc, recipe);
  if (patches.length === 0) return { ok: true, result: null };
  return { ok: true, result: { doc: next, edit: { label, patches, inversePatches, effect } } };
}
