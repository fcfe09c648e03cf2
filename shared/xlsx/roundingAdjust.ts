/**
 * Printed values of every cell at the printed precision, optionally with 尾差调整.
 *
 * Plain (default): every cell is its exact value rounded half away from zero.
 *
 * 尾差调整: every printed sum adds up at the printed precision. Printed inputs are chosen first,
 * and every derived cell (row totals, group columns, copies into other tables) is then the sum of
 * the printed values of its terms, so all sums add up by construction. The inputs are chosen by
 * largest-remainder rounding, top-down along the column-wise totals of each table (department →
 * unit → category → line, one tree per column): the top of each tree is its exact total rounded,
 * and every level is split among its parts so the parts add up to it, each part staying within one
 * printed unit of its exact value.
 */
import { NodeKind, type Graph } from '../compute/graph';
import { roundFen } from '../money/rounding';
import type { Fen } from '../money/fen';

export interface PrintedValues {
  /** Printed value (分, a multiple of the step) per node. */
  printed: Float64Array;
  /** Nodes whose printed value differs from their plainly rounded exact value. */
  adjusted: number[];
}

function floorToStep(v: number, step: number): number {
  const r = v % step;
  return r === 0 ? v : r > 0 ? v - r : v - r - step;
}

/**
 * Round parts so they add up to `target` (a multiple of `step` within one step of the exact sum):
 * start from each part rounded down, then give one step to the parts with the largest remainders.
 */
export function roundPartsToTarget(parts: readonly number[], step: number, target: number): number[] {
  const floors = parts.map((p) => floorToStep(p, step));
  let missing = Math.round((target - floors.reduce((a, b) => a + b, 0)) / step);
  if (missing <= 0) return floors;
  const order = parts
    .map((p, i) => ({ i, rem: p - floors[i]!, mag: Math.abs(p) }))
    .sort((a, b) => b.rem - a.rem || b.mag - a.mag || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i] = floors[i]! + step;
    missing--;
  }
  return floors;
}

function tableAndRow(key: string): string {
  return key.slice(0, key.lastIndexOf('|'));
}

function tableAndColumn(key: string): string {
  return key.slice(0, key.indexOf('|')) + key.slice(key.lastIndexOf('|'));
}

export function printedValues(graph: Graph, computed: Float64Array, step: number, adjust: boolean): PrintedValues {
  const n = graph.size;
  const { kind, termStart, termList, keys } = graph;
  const printed = new Float64Array(n);
  const plain = (i: number) => roundFen(computed[i]! as Fen, step);
  if (!adjust || step <= 1) {
    for (let i = 0; i < n; i++) printed[i] = plain(i);
    return { printed, adjusted: [] };
  }

  // Column-wise tree nodes: sums whose terms are inputs or tree nodes of the same table and column.
  const tree = new Uint8Array(n);
  const claimed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (kind[i] !== NodeKind.Sum) continue;
    const start = termStart[i]!;
    const end = termStart[i + 1]!;
    if (end === start) continue;
    const tc = tableAndColumn(keys[i]!);
    let ok = true;
    for (let p = start; p < end && ok; p++) {
      const t = termList[p]!;
      if ((kind[t] !== NodeKind.Input && tree[t] !== 1) || claimed[t] === 1 || tableAndColumn(keys[t]!) !== tc) ok = false;
    }
    if (!ok) continue;
    tree[i] = 1;
    for (let p = start; p < end; p++) claimed[termList[p]!] = 1;
  }
  // Row-wise trees over the tops of column trees (the department row: 总计 = Σ sources …), so
  // that a table's grand total is its exact total rounded too.
  const rowTree = new Uint8Array(n);
  const rowClaimed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (kind[i] !== NodeKind.Sum || tree[i] === 1) continue;
    const start = termStart[i]!;
    const end = termStart[i + 1]!;
    if (end === start) continue;
    const tr = tableAndRow(keys[i]!);
    let ok = true;
    for (let p = start; p < end && ok; p++) {
      const t = termList[p]!;
      const top = (tree[t] === 1 && claimed[t] !== 1) || rowTree[t] === 1;
      if (!top || rowClaimed[t] === 1 || tableAndRow(keys[t]!) !== tr) ok = false;
    }
    if (!ok) continue;
    rowTree[i] = 1;
    for (let p = start; p < end; p++) rowClaimed[termList[p]!] = 1;
  }
  // Top-down: the top of each tree gets its rounded exact total; every tree node splits its printed value.
  const fixed = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (tree[i] !== 1 && rowTree[i] !== 1) continue;
    if (claimed[i] !== 1 && rowClaimed[i] !== 1) {
      printed[i] = plain(i);
      fixed[i] = 1;
    }
    const start = termStart[i]!;
    const end = termStart[i + 1]!;
    const terms: number[] = [];
    const exact: number[] = [];
    for (let p = start; p < end; p++) {
      terms.push(termList[p]!);
      exact.push(computed[termList[p]!]!);
    }
    const parts = roundPartsToTarget(exact, step, printed[i]!);
    terms.forEach((t, k) => {
      printed[t] = parts[k]!;
      fixed[t] = 1;
    });
  }
  // Everything else: inputs rounded plainly, derived cells summed from printed terms.
  for (let i = 0; i < n; i++) {
    if (fixed[i] === 1) continue;
    if (kind[i] === NodeKind.Input) {
      printed[i] = plain(i);
      continue;
    }
    let s = 0;
    for (let p = termStart[i]!, end = termStart[i + 1]!; p < end; p++) s += printed[termList[p]!]!;
    printed[i] = s;
  }
  const adjusted: number[] = [];
  for (let i = 0; i < n; i++) if (printed[i] !== plain(i)) adjusted.push(i);
  return { printed, adjusted };
}
