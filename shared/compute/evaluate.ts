/**
 * Evaluation of the cell graph.
 *
 * Two values per node:
 * - `computed`: from the inputs only — what the editor shows and the exporter writes.
 * - `shown`: the value as the document shows it — the printed (reported) value where the
 *   document came from a published workbook, else computed from the shown values of its terms.
 *   Rules compare shown values, so a printed total is checked against its printed parts.
 *
 * `looseness` counts how many independently rounded printed figures a node's formula adds up
 * (a copy of a printed figure adds none: the same quantity printed twice must match exactly).
 * With printed precision p (分 per unit of the last printed digit), a difference of up to
 * looseness × p / 2 is a rounding gap (尾差), never an error. Exact documents have p = null.
 *
 * Node ids are topologically ordered (a term always precedes the node using it), so a full
 * evaluation is one forward pass, and an edit is a delta pushed up the reverse edges.
 */
import type { DepartmentBudget } from '../model/document';
import { NodeKind, type Graph } from './graph';

export interface Evaluation {
  readonly graph: Graph;
  computed: Float64Array;
  shown: Float64Array;
  /** 1 when the cell is non-empty (an input with a value, or a derived cell with a non-empty term). */
  nonEmpty: Uint8Array;
  /** Non-empty terms per derived node (keeps `nonEmpty` incremental). */
  nonEmptyTerms: Int32Array;
  hasReported: Uint8Array;
  reported: Float64Array;
  /** 1 where the printed value is a blank cell (reported is then 0). */
  reportedBlank: Uint8Array;
  /** Printed-rounding count per node (see above; as evaluated — setReported does not revise it). */
  looseness: Int32Array;
  /** 分 per unit of the last printed digit; null for exact documents. */
  printedPrecisionFen: number | null;
}

export function readPath(doc: unknown, path: readonly string[]): number | null {
  let cur: unknown = doc;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string, unknown>)[p];
  }
  return typeof cur === 'number' ? cur : null;
}

export function evaluate(graph: Graph, doc: DepartmentBudget): Evaluation {
  const n = graph.size;
  const { kind, termStart, termList, inputBaseOf, inputLeafOf, leafNames } = graph;
  const hasReported = new Uint8Array(n);
  const reported = new Float64Array(n);
  const reportedBlank = new Uint8Array(n);
  let anyReported = false;
  for (const [k, v] of Object.entries(doc.reported)) {
    const id = graph.idOf(k);
    if (id === undefined || kind[id] === NodeKind.Input) continue;
    hasReported[id] = 1;
    reported[id] = v ?? 0;
    reportedBlank[id] = v === null ? 1 : 0;
    anyReported = true;
  }
  const computed = new Float64Array(n);
  // Without printed values of derived cells, shown is computed (one array; applyInput keeps them equal).
  const shown = anyReported ? new Float64Array(n) : computed;
  const nonEmpty = new Uint8Array(n);
  const nonEmptyTerms = new Int32Array(n);
  const looseness = new Int32Array(n);
  const inputsPrinted = doc.printedPrecisionFen !== null;
  // Inputs are read through the object holding them (a line's `amounts`, a unit's income …):
  // one path walk per object rather than per cell.
  const holders = graph.readInputHolders(doc);
  const simple = !anyReported && !inputsPrinted;
  for (let i = 0; i < n; i++) {
    if (kind[i] === NodeKind.Input) {
      const holder = holders[inputBaseOf[i]!];
      const raw = holder ? holder[leafNames[inputLeafOf[i]!]!] : undefined;
      const v = typeof raw === 'number' ? raw : null;
      computed[i] = v ?? 0;
      shown[i] = v ?? 0;
      nonEmpty[i] = v === null ? 0 : 1;
      continue;
    }
    const start = termStart[i]!;
    const end = termStart[i + 1]!;
    if (simple) {
      // Editor documents: no printed figures, so no looseness and shown = computed.
      let c = 0;
      let ne = 0;
      for (let p = start; p < end; p++) {
        const t = termList[p]!;
        c += computed[t]!;
        ne += nonEmpty[t]!;
      }
      computed[i] = c;
      nonEmptyTerms[i] = ne;
      nonEmpty[i] = ne > 0 ? 1 : 0;
      continue;
    }
    let c = 0;
    let s = 0;
    let ne = 0;
    let loose = 0;
    const copy = kind[i] === NodeKind.Copy;
    for (let p = start; p < end; p++) {
      const t = termList[p]!;
      c += computed[t]!;
      s += shown[t]!;
      ne += nonEmpty[t]!;
      const printed = hasReported[t] === 1 || (inputsPrinted && kind[t] === NodeKind.Input);
      loose += printed ? (copy ? 0 : 1) : looseness[t]!;
    }
    computed[i] = c;
    shown[i] = hasReported[i] ? reported[i]! : s;
    nonEmptyTerms[i] = ne;
    nonEmpty[i] = ne > 0 || (hasReported[i] === 1 && reported[i] !== 0) ? 1 : 0;
    looseness[i] = loose;
  }
  return { graph, computed, shown, nonEmpty, nonEmptyTerms, hasReported, reported, reportedBlank, looseness, printedPrecisionFen: doc.printedPrecisionFen };
}

/**
 * The value a cell shows, in 分 (null: a blank cell): its printed value as printed (a printed blank
 * stays blank), else the sum of the shown values of its terms. The grid, the tooltips, the audit
 * messages and the export all show this one number.
 */
export function shownValueOf(ev: Evaluation, node: number): number | null {
  if (ev.hasReported[node] === 1) return ev.reportedBlank[node] === 1 ? null : ev.reported[node]!;
  return ev.nonEmpty[node] === 1 ? ev.shown[node]! : null;
}

/**
 * Printed values set (a number, or null for a printed blank) or dropped (undefined) on derived
 * nodes, and their effect pushed up the graph. Returns every node whose shown value or emptiness
 * changed, in topological order.
 */
export function setReported(ev: Evaluation, updates: ReadonlyMap<number, number | null | undefined>): number[] {
  const { graph } = ev;
  if (ev.shown === ev.computed) ev.shown = Float64Array.from(ev.computed); // printed values from now on
  const queued = new Set<number>();
  for (const [node, value] of updates) {
    if (graph.kind[node] === NodeKind.Input) continue;
    ev.hasReported[node] = value === undefined ? 0 : 1;
    ev.reported[node] = value ?? 0;
    ev.reportedBlank[node] = value === null ? 1 : 0;
    queued.add(node);
  }
  const changed: number[] = [];
  const { parentStart, parentList } = graph;
  const pending = [...queued].sort((a, b) => a - b);
  // Nodes are processed in id (topological) order; parents have larger ids than their terms.
  while (pending.length > 0) {
    const i = pending.shift()!;
    const shown = ev.hasReported[i] === 1 ? ev.reported[i]! : formulaOverShown(ev, i);
    const ne = ev.nonEmptyTerms[i]! > 0 || (ev.hasReported[i] === 1 && ev.reported[i] !== 0) ? 1 : 0;
    const de = ne - ev.nonEmpty[i]!;
    const moved = shown !== ev.shown[i] || de !== 0;
    ev.shown[i] = shown;
    ev.nonEmpty[i] = ne;
    if (!moved && !updates.has(i)) continue;
    changed.push(i);
    if (!moved) continue;
    for (let p = parentStart[i]!, end = parentStart[i + 1]!; p < end; p++) {
      const parent = parentList[p]!;
      ev.nonEmptyTerms[parent] = ev.nonEmptyTerms[parent]! + de;
      if (queued.has(parent)) continue;
      queued.add(parent);
      let at = pending.length;
      while (at > 0 && pending[at - 1]! > parent) at--;
      pending.splice(at, 0, parent);
    }
  }
  return changed;
}

/** Value of a node's defining formula over the shown values of its terms. */
function formulaOverShown(ev: Evaluation, node: number): number {
  const { termStart, termList } = ev.graph;
  let s = 0;
  for (let p = termStart[node]!, end = termStart[node + 1]!; p < end; p++) s += ev.shown[termList[p]!]!;
  return s;
}

/**
 * Set an input and push the change up the graph. Returns the ids of every node whose computed,
 * shown or emptiness changed (the input first), in topological order.
 */
export function applyInput(ev: Evaluation, node: number, value: number | null): number[] {
  const { graph } = ev;
  if (graph.kind[node] !== NodeKind.Input) throw new Error(`not an input: ${graph.keyOf(node)}`);
  const newValue = value ?? 0;
  const newNonEmpty = value === null ? 0 : 1;
  const delta = newValue - ev.computed[node]!;
  const emptyFlip = newNonEmpty - ev.nonEmpty[node]!;
  if (delta === 0 && emptyFlip === 0) return [];
  ev.computed[node] = newValue;
  ev.shown[node] = newValue;
  ev.nonEmpty[node] = newNonEmpty;
  const changed = [node];
  // Per-node pending deltas; nodes are processed in id (topological) order.
  const pending = new Map<number, { dc: number; ds: number; de: number }>();
  const push = (from: number, dc: number, ds: number, de: number) => {
    const { parentStart, parentList } = graph;
    for (let p = parentStart[from]!, end = parentStart[from + 1]!; p < end; p++) {
      const parent = parentList[p]!;
      const acc = pending.get(parent);
      if (acc) {
        acc.dc += dc;
        acc.ds += ds;
        acc.de += de;
      } else pending.set(parent, { dc, ds, de });
    }
  };
  push(node, delta, delta, emptyFlip);
  while (pending.size > 0) {
    let next = Infinity;
    for (const k of pending.keys()) if (k < next) next = k;
    const d = pending.get(next)!;
    pending.delete(next);
    const oldShown = ev.shown[next]!;
    const oldNonEmpty = ev.nonEmpty[next]!;
    ev.computed[next] = ev.computed[next]! + d.dc;
    ev.nonEmptyTerms[next] = ev.nonEmptyTerms[next]! + d.de;
    if (!ev.hasReported[next]) ev.shown[next] = oldShown + d.ds;
    const ne = ev.nonEmptyTerms[next]! > 0 || (ev.hasReported[next] === 1 && ev.reported[next] !== 0) ? 1 : 0;
    ev.nonEmpty[next] = ne;
    const ds = ev.shown[next]! - oldShown;
    const de = ne - oldNonEmpty;
    if (d.dc !== 0 || ds !== 0 || de !== 0 || d.ds !== 0) changed.push(next);
    if (d.dc !== 0 || ds !== 0 || de !== 0) push(next, d.dc, ds, de);
  }
  return changed;
}
