/** Where the amounts of a computed cell are typed (the hint on typing into a total: 转到填写处). */
import { NodeKind, type Graph } from './graph';

/**
 * The first input cell a cell is worked out from (a total's first detail, a copied amount's
 * source), searched breadth-first through its terms; an input is its own source. 辅助表 (T0) only
 * when no official table holds one. Undefined for a cell the graph does not have.
 */
export function inputSourceOf(graph: Graph, key: string): string | undefined {
  const start = graph.idOf(key);
  if (start === undefined) return undefined;
  const queue = [start];
  const seen = new Set(queue);
  let auxiliary: string | undefined;
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    const id = queue[i]!;
    if (graph.kind[id] === NodeKind.Input) {
      if (graph.tableOf(id) !== 'T0') return graph.keyOf(id);
      auxiliary ??= graph.keyOf(id);
      continue;
    }
    for (let p = graph.termStart[id]!, end = graph.termStart[id + 1]!; p < end; p++) {
      const t = graph.termList[p]!;
      if (!seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    }
  }
  return auxiliary;
}
