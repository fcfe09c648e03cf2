/**
 * Importing into the open document (导入Excel / 从上年导入) replaces it as one undoable step: a single
 * root `replace` patch whose inverse restores the document as it was.
 */
import { produceWithPatches } from 'immer';
import type { DepartmentBudget } from '../model/document';
import type { EditOutcome } from './edit';

export function replaceDocument(doc: DepartmentBudget, next: DepartmentBudget, label: string): EditOutcome {
  if (next === doc) return { ok: true, result: null };
  const [result, patches, inversePatches] = produceWithPatches(doc, () => next);
  return { ok: true, result: { doc: result, edit: { label, patches, inversePatches, effect: { kind: 'document' } } } };
}
