/**
 * Undo/redo over edits: a stack of applied edits and a stack of undone ones. Undo applies an edit's
 * inverse patches to the current document, redo its patches again, so history never holds whole
 * documents and a redone edit is exactly the original (ids of added rows included).
 */
import { applyPatches } from 'immer';
import type { DepartmentBudget } from '../model/document';
import type { Edit, EditEffect } from './edit';

export interface History {
  readonly past: readonly Edit[];
  readonly future: readonly Edit[];
  /** Oldest edits are dropped beyond this many. */
  readonly limit: number;
}

export const DEFAULT_HISTORY_LIMIT = 500;

export function emptyHistory(limit = DEFAULT_HISTORY_LIMIT): History {
  return { past: [], future: [], limit };
}

/** Record a new edit: it becomes the last undoable step and clears the redo stack. */
export function record(history: History, edit: Edit): History {
  const past = [...history.past, edit];
  if (past.length > history.limit) past.splice(0, past.length - history.limit);
  return { past, future: [], limit: history.limit };
}

/** A step of undo or redo as applied: the new document, the patches that produced it and the effect. */
export interface Replay {
  doc: DepartmentBudget;
  history: History;
  /** The patches applied to reach `doc` (inverse patches for an undo). */
  patches: Edit['patches'];
  effect: EditEffect;
  label: string;
}

export function canUndo(history: History): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History): boolean {
  return history.future.length > 0;
}

/** How a step's patches are applied: immutably (immer), or as the editor's working copy does. */
type ApplyPatches = (doc: DepartmentBudget, patches: Edit['patches'], effect: EditEffect) => DepartmentBudget;

const immutably: ApplyPatches = (doc, patches) => applyPatches(doc, patches);

export function undo(history: History, doc: DepartmentBudget, apply = immutably): Replay | null {
  const edit = history.past[history.past.length - 1];
  if (!edit) return null;
  return {
    doc: apply(doc, edit.inversePatches, edit.effect),
    history: { past: history.past.slice(0, -1), future: [edit, ...history.future], limit: history.limit },
    patches: edit.inversePatches,
    effect: edit.effect,
    label: edit.label,
  };
}

export function redo(history: History, doc: DepartmentBudget, apply = immutably): Replay | null {
  const edit = history.future[0];
  if (!edit) return null;
  return {
    doc: apply(doc, edit.patches, edit.effect),
    history: { past: [...history.past, edit], future: history.future.slice(1), limit: history.limit },
    patches: edit.patches,
    effect: edit.effect,
    label: edit.label,
  };
}
