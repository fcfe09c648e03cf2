/**
 * Cell-level access to a document: is a cell an input, what does it hold, which document path
 * does it edit. The graph is cached per document object (documents are immutable; an edit makes
 * a new object via immer).
 */
import type { DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import { buildGraph, type BuiltGraph } from './buildGraph';
import { NodeKind } from './graph';
import { readPath } from './evaluate';

const cache = new WeakMap<DepartmentBudget, BuiltGraph>();

export function graphOf(doc: DepartmentBudget): BuiltGraph {
  let built = cache.get(doc);
  if (!built) {
    built = buildGraph(doc);
    cache.set(doc, built);
  }
  return built;
}

export type InputCell = { input: true; value: Fen | null; path: readonly string[] } | { input: false; exists: boolean };

export function readInputCell(doc: DepartmentBudget, key: string): InputCell {
  const { graph } = graphOf(doc);
  const id = graph.idOf(key);
  if (id === undefined) return { input: false, exists: false };
  if (graph.kind[id] !== NodeKind.Input) return { input: false, exists: true };
  const path = graph.inputPath[id]!;
  return { input: true, value: readPath(doc, path) as Fen | null, path };
}
