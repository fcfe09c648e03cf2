/**
 * Effective values: what the rules compare.
 *
 * For a document read from a published workbook, a derived cell may carry a printed (reported)
 * value R. The cell's own relation compares R with its formula over the effective values of its
 * terms (fe). When they agree (exactly, or within the rounding tolerance) the printed figure is
 * what the document says, so it is the effective value; when they really disagree, the cell is
 * reported once (by its own relation) and every other comparison that uses the cell uses fe
 * instead — one misprint gives one error, not a cascade (e.g. 表12 小计 printed blank although
 * 运行维护费 is 6: the 小计 is wrong, the 总额 18 = 12 + 6 is right).
 *
 * Alongside each effective value we keep its rounding count (how many independently rounded
 * printed figures it adds up; see tolerance.ts).
 *
 * Without any printed value of a derived cell (every editor document) the effective values are
 * exactly `shown` and nothing here runs per edit.
 */
import { NodeKind } from '../compute/graph';
import type { Evaluation } from '../compute/evaluate';
import { judgeEquality } from './tolerance';

export const enum Status {
  Equal = 0,
  RoundingGap = 1,
  Differs = 2,
}

export interface Effective {
  /** Value used in comparisons (=== ev.shown when `trivial`). */
  eff: Float64Array;
  /** Rounding count of eff. */
  rc: Int32Array;
  /** Printed derived cells: formula over effective terms, its rounding count, and the verdict. */
  fe: Float64Array;
  fc: Int32Array;
  /** Tolerance count of the cell's own comparison (printed derived cells). */
  tc: Int32Array;
  status: Uint8Array;
  /** No printed derived cell: eff is ev.shown, rc is static, status all Equal. */
  trivial: boolean;
}

export function hasAnyReported(ev: Evaluation): boolean {
  const r = ev.hasReported;
  for (let i = 0; i < r.length; i++) if (r[i] === 1) return true;
  return false;
}

/** Whether node n is a printed figure that agrees with its parts (or a printed input). */
export function isPrintedFigure(ev: Evaluation, e: Effective, n: number): boolean {
  if (ev.hasReported[n] === 1) return e.status[n] !== Status.Differs; // (never in a trivial state)
  return ev.printedPrecisionFen !== null && ev.graph.kind[n] === NodeKind.Input;
}

/** Rounding count of a node (0 everywhere in an exact document, whose arrays are left empty). */
export function roundingCountOf(e: Effective, n: number): number {
  return e.rc.length === 0 ? 0 : e.rc[n]!;
}

export function computeEffective(ev: Evaluation): Effective {
  const { graph } = ev;
  const n = graph.size;
  const trivial = !hasAnyReported(ev);
  // An exact editor document has no printed figures: every count is 0 and every verdict "equal",
  // so those arrays are not even allocated (a large department would need megabytes for zeros).
  const exact = trivial && ev.printedPrecisionFen === null;
  const rc = new Int32Array(exact ? 0 : n);
  const e: Effective = {
    eff: trivial ? ev.shown : new Float64Array(n),
    rc,
    fe: trivial ? ev.shown : new Float64Array(n),
    fc: trivial ? rc : new Int32Array(n),
    tc: trivial ? rc : new Int32Array(n),
    status: new Uint8Array(trivial ? 0 : n),
    trivial,
  };
  if (trivial) {
    if (ev.printedPrecisionFen !== null) {
      const { kind, termStart, termList } = graph;
      for (let i = 0; i < n; i++) {
        if (kind[i] === NodeKind.Input) rc[i] = 1;
        else {
          let c = 0;
          for (let p = termStart[i]!, end = termStart[i + 1]!; p < end; p++) c += rc[termList[p]!]!;
          rc[i] = c;
        }
      }
    }
    return e;
  }
  for (let i = 0; i < n; i++) recompute(ev, e, i);
  return e;
}

/** Recompute one node from its terms; returns whether eff, rc or status changed (and fe/fc for printed cells). */
export function recompute(ev: Evaluation, e: Effective, i: number): boolean {
  const { graph } = ev;
  const p = ev.printedPrecisionFen;
  if (graph.kind[i] === NodeKind.Input) {
    const v = ev.shown[i]!;
    const r = p !== null ? 1 : 0;
    const changed = e.eff[i] !== v || e.rc[i] !== r;
    e.eff[i] = v;
    e.rc[i] = r;
    return changed;
  }
  let fe = 0;
  let fc = 0;
  const { termStart, termList } = graph;
  for (let q = termStart[i]!, end = termStart[i + 1]!; q < end; q++) {
    const t = termList[q]!;
    fe += e.eff[t]!;
    fc += e.rc[t]!;
  }
  let eff: number;
  let rc: number;
  let status: Status;
  let tc = 0;
  if (ev.hasReported[i] !== 1) {
    eff = fe;
    rc = fc;
    status = Status.Equal;
  } else {
    const reported = ev.reported[i]!;
    if (graph.kind[i] === NodeKind.Copy) {
      const src = termList[termStart[i]!]!;
      tc = isPrintedFigure(ev, e, src) ? 0 : fc; // the same quantity printed twice: exact
    } else tc = fc;
    const verdict = judgeEquality(reported - fe, tc, p);
    status = verdict === 'equal' ? Status.Equal : verdict === 'roundingGap' ? Status.RoundingGap : Status.Differs;
    if (status === Status.Differs) {
      eff = fe;
      rc = fc;
    } else {
      eff = reported;
      rc = p !== null ? 1 : 0;
    }
  }
  const changed = e.eff[i] !== eff || e.rc[i] !== rc || e.status[i] !== status || e.fe[i] !== fe || e.fc[i] !== fc || e.tc[i] !== tc;
  e.eff[i] = eff;
  e.rc[i] = rc;
  e.status[i] = status;
  e.fe[i] = fe;
  e.fc[i] = fc;
  e.tc[i] = tc;
  return changed;
}

/** A small binary min-heap of node ids (topological order = id order). */
export class IdHeap {
  private a: number[] = [];
  private inHeap = new Set<number>();
  get size(): number {
    return this.a.length;
  }
  push(x: number): void {
    if (this.inHeap.has(x)) return;
    this.inHeap.add(x);
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= x) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      const n = a.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    this.inHeap.delete(top);
    return top;
  }
}

/**
 * After inputs changed (seeds: every node whose computed/shown value changed), recompute the
 * effective values in topological order with early cut-off. Calls `touched` for every node whose
 * effective value, rounding count, verdict or formula value changed.
 */
export function propagateEffective(ev: Evaluation, e: Effective, seeds: Iterable<number>, touched: (node: number) => void): void {
  if (e.trivial) {
    for (const s of seeds) touched(s);
    return;
  }
  const heap = new IdHeap();
  for (const s of seeds) heap.push(s);
  const { parentStart, parentList } = ev.graph;
  while (heap.size > 0) {
    const i = heap.pop();
    if (recompute(ev, e, i)) {
      touched(i);
      for (let p = parentStart[i]!, end = parentStart[i + 1]!; p < end; p++) heap.push(parentList[p]!);
    }
  }
}
