/**
 * The cell graph: every amount cell of every official table is a node. Inputs are bound to a
 * path in the document; every other node is a sum of other nodes or a copy of one node (the
 * same quantity shown in another table). Because every derived figure is linear, an edit is
 * propagated as a delta along reverse edges, with early cut-off when nothing changed.
 *
 * Storage is flat (typed arrays indexed by node id, CSR term lists) so that a document with
 * hundreds of thousands of cells builds and evaluates quickly.
 */
import type { TableId } from '../model/cellKey';

export const enum NodeKind {
  Input = 0,
  Sum = 1,
  Copy = 2,
}

/** A rule id naming the relation a derived node (or a check) stands for, e.g. `T4-row-total`. */
export type RelationId = string;

/** An extra equality a node must satisfy besides its defining formula (e.g. column-wise vs row-wise). */
export interface CheckDef {
  node: number;
  terms: number[];
  relation: RelationId;
}

export interface Graph {
  readonly size: number;
  readonly keys: string[];
  readonly kind: Uint8Array;
  /** Terms of node i are termList[termStart[i] .. termStart[i+1]). */
  readonly termStart: Int32Array;
  readonly termList: Int32Array;
  /** Relation that defines node i (empty for inputs). */
  readonly relation: RelationId[];
  /** Reverse edges: parents of node i are parentList[parentStart[i] .. parentStart[i+1]). */
  readonly parentStart: Int32Array;
  readonly parentList: Int32Array;
  /** Document path of each input node (undefined for derived nodes). */
  readonly inputPath: (readonly string[] | undefined)[];
  readonly checks: CheckDef[];
  /** Checks that involve node i (as the checked node or as a term). */
  readonly checksByNode: Map<number, number[]>;
  idOf(key: string): number | undefined;
  /** Node id of the input bound to a document path (joined with '/'), if any. */
  inputAtPath(path: readonly (string | number)[]): number | undefined;
}

export class GraphBuilder {
  private keys: string[] = [];
  private kinds: number[] = [];
  private terms: number[][] = [];
  private relations: RelationId[] = [];
  private paths: (readonly string[] | undefined)[] = [];
  private checks: CheckDef[] = [];
  private index = new Map<string, number>();

  has(key: string): boolean {
    return this.index.has(key);
  }

  id(key: string): number {
    const id = this.index.get(key);
    if (id === undefined) throw new Error(`unknown cell ${key}`);
    return id;
  }

  private add(key: string, kind: NodeKind, terms: number[], relation: RelationId, path?: readonly string[]): number {
    if (this.index.has(key)) throw new Error(`duplicate cell ${key}`);
    const id = this.keys.length;
    this.keys.push(key);
    this.kinds.push(kind);
    this.terms.push(terms);
    this.relations.push(relation);
    this.paths.push(path);
    this.index.set(key, id);
    return id;
  }

  input(key: string, path: readonly string[]): number {
    return this.add(key, NodeKind.Input, [], '', path);
  }

  sum(key: string, termKeys: readonly string[], relation: RelationId): number {
    return this.add(key, NodeKind.Sum, termKeys.map((k) => this.id(k)), relation);
  }

  copy(key: string, sourceKey: string, relation: RelationId): number {
    return this.add(key, NodeKind.Copy, [this.id(sourceKey)], relation);
  }

  check(key: string, termKeys: readonly string[], relation: RelationId): void {
    this.checks.push({ node: this.id(key), terms: termKeys.map((k) => this.id(k)), relation });
  }

  build(): Graph {
    const size = this.keys.length;
    const termStart = new Int32Array(size + 1);
    let total = 0;
    for (let i = 0; i < size; i++) {
      termStart[i] = total;
      total += this.terms[i]!.length;
    }
    termStart[size] = total;
    const termList = new Int32Array(total);
    const parentCount = new Int32Array(size + 1);
    for (let i = 0, p = 0; i < size; i++) {
      for (const t of this.terms[i]!) {
        termList[p++] = t;
        parentCount[t]!++;
      }
    }
    const parentStart = new Int32Array(size + 1);
    for (let i = 0, acc = 0; i <= size; i++) {
      parentStart[i] = acc;
      acc += parentCount[i] ?? 0;
    }
    const fill = parentStart.slice();
    const parentList = new Int32Array(total);
    for (let i = 0; i < size; i++) {
      for (let p = termStart[i]!; p < termStart[i + 1]!; p++) parentList[fill[termList[p]!]!++] = i;
    }
    const checksByNode = new Map<number, number[]>();
    this.checks.forEach((c, ci) => {
      for (const n of new Set([c.node, ...c.terms])) {
        const list = checksByNode.get(n);
        if (list) list.push(ci);
        else checksByNode.set(n, [ci]);
      }
    });
    const pathIndex = new Map<string, number>();
    this.paths.forEach((p, i) => {
      if (p) pathIndex.set(p.join('/'), i);
    });
    const index = this.index;
    return {
      size,
      keys: this.keys,
      kind: Uint8Array.from(this.kinds),
      termStart,
      termList,
      relation: this.relations,
      parentStart,
      parentList,
      inputPath: this.paths,
      checks: this.checks,
      checksByNode,
      idOf: (key) => index.get(key),
      inputAtPath: (path) => pathIndex.get(path.join('/')),
    };
  }
}

export function tableOfKey(key: string): TableId {
  return key.slice(0, key.indexOf('|')) as TableId;
}
