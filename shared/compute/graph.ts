/**
 * The cell graph: every amount cell of every official table is a node. Inputs are bound to a
 * path in the document; every other node is a sum of other nodes or a copy of one node (the
 * same quantity shown in another table). Because every derived figure is linear, an edit is
 * propagated as a delta along reverse edges, with early cut-off when nothing changed.
 *
 * Storage is flat (typed arrays indexed by node id, CSR term lists) so that a document with
 * hundreds of thousands of cells builds and evaluates quickly. Nothing is stored per cell as a
 * string or object: a node records its row (table + row key, one entry per table row) and an
 * interned column, an input its holder object (a path shape + an id) and property. Cell keys,
 * document paths, reverse edges and the key → id index are produced on first use (`keys`,
 * `inputPath`, `parentStart`/`parentList`, `idOf`).
 */
import { parseCellKey, type TableId } from '../model/cellKey';
import { Interner } from '../strings/interner';

export const enum NodeKind {
  Input = 0,
  Sum = 1,
  Copy = 2,
}

/** A rule id naming the relation a derived node (or a check) stands for, e.g. `T4-row-total`. */
export type RelationId = string;

export interface Graph {
  readonly size: number;
  /** Cell key of each node (materialised on first access; prefer keyOf on large graphs). */
  readonly keys: string[];
  readonly kind: Uint8Array;
  /** Terms of node i are termList[termStart[i] .. termStart[i+1]). */
  readonly termStart: Int32Array;
  readonly termList: Int32Array;
  /** Reverse edges: parents of node i are parentList[parentStart[i] .. parentStart[i+1]) (built on first access). */
  readonly parentStart: Int32Array;
  readonly parentList: Int32Array;
  /** Document path of each input node (undefined for derived nodes; computed per access). */
  readonly inputPath: (readonly string[] | undefined)[];
  idOf(key: string): number | undefined;
  /** Index of a row (`T5|p:x`, a cell key without its column), for `nodeIn`; undefined when no node has it. */
  rowIndexOf(row: string): number | undefined;
  /** Node of row index `row` in column `column` (an id such as `total`), if any. */
  nodeIn(row: number, column: string): number | undefined;
  /** Node id of the input bound to a document path (joined with '/'), if any. */
  inputAtPath(path: readonly (string | number)[]): number | undefined;

  // Compact accessors for hot paths (additions; no per-node strings).
  keyOf(id: number): string;
  tableOf(id: number): TableId;
  /** Row key (`u:x`, `e:line` …) of one node. */
  rowOf(id: number): string;
  columnOf(id: number): string;
  inputPathOf(id: number): readonly string[] | undefined;
  /** Index into `relationNames` of node i's relation (0 = none). */
  readonly relationIndex: Uint16Array;
  readonly relationNames: readonly RelationId[];
  /** Checks as CSR: check c tests node checkNode[c] against the terms checkTermList[checkTermStart[c] .. checkTermStart[c+1]). */
  readonly checkCount: number;
  readonly checkNode: Int32Array;
  readonly checkRelation: Uint16Array;
  readonly checkTermStart: Int32Array;
  readonly checkTermList: Int32Array;
  /**
   * Inputs grouped by the document object holding them: input i reads property
   * `leafNames[inputLeafOf[i]]` of holder `inputBaseOf[i]` (-1 for derived nodes).
   */
  readonly inputBaseOf: Int32Array;
  readonly inputLeafOf: Int32Array;
  readonly leafNames: readonly string[];
  /** The holder objects of a document, by holder index (null where the path does not lead to an object). */
  readInputHolders(doc: unknown): (Record<string, unknown> | null)[];
  /** Input node ids under a document path (an input itself, a holder, or an object containing holders). */
  inputsUnder(path: readonly (string | number)[]): number[];
}

/** Copy into a larger array when `need` exceeds the capacity. */
function grown<T extends Int32Array | Uint8Array | Uint16Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let cap = Math.max(16, a.length * 2);
  while (cap < need) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

const TABLE_NUMBERS = new Map<string, number>();
function tableNumber(table: TableId): number {
  let n = TABLE_NUMBERS.get(table);
  if (n === undefined) TABLE_NUMBERS.set(table, (n = Number(table.slice(1))));
  return n;
}

interface BaseShape {
  prefix: readonly string[];
  suffix: readonly string[];
}

export class GraphBuilder {
  private n = 0;
  private kinds: Uint8Array;
  private rowOfNode: Int32Array;
  private colOfNode: Uint16Array;
  private relOfNode: Uint16Array;
  private baseOfNode: Int32Array;
  private leafOfNode: Int32Array;
  private termStartOf: Int32Array;
  private terms: Int32Array;
  private termCount = 0;
  // Rows: table number, key prefix (interned) + tail.
  private rowCount = 0;
  private rowTable = new Uint8Array(1024);
  private rowPrefix = new Uint16Array(1024);
  private rowTails: string[] = [];
  private prefixes = new Interner('');
  /** Table|row → row, only for rows made through the string API (rowFor). */
  private rowLookup = new Map<string, number>();
  private columns = new Interner();
  private relations = new Interner('');
  private leaves = new Interner();
  // Holders: shape (prefix + id + suffix) and id.
  private shapes: BaseShape[] = [];
  private baseCount = 0;
  private baseShapeOf = new Uint16Array(1024);
  private baseIds: string[] = [];
  // Checks (CSR).
  private checkCount = 0;
  private checkNode = new Int32Array(1024);
  private checkRel = new Uint16Array(1024);
  private checkTermStart = new Int32Array(1025);
  private checkTerms = new Int32Array(4096);
  private checkTermCount = 0;
  /** Key → id, only maintained for nodes added through the string API. */
  private keyIndex = new Map<string, number>();

  /** `expectedNodes`/`expectedTerms`: capacity hints (storage grows past them when needed). */
  constructor(expectedNodes = 4096, expectedTerms = 2 * expectedNodes) {
    const n = Math.max(16, expectedNodes);
    this.kinds = new Uint8Array(n);
    this.rowOfNode = new Int32Array(n);
    this.colOfNode = new Uint16Array(n);
    this.relOfNode = new Uint16Array(n);
    this.baseOfNode = new Int32Array(n);
    this.leafOfNode = new Int32Array(n);
    this.termStartOf = new Int32Array(n + 1);
    this.terms = new Int32Array(Math.max(16, expectedTerms));
  }

  get size(): number {
    return this.n;
  }

  /** Interned row-key prefix, e.g. `e:` for 表4 款 lines (row key = prefix + tail). */
  rowPrefixId(prefix: string): number {
    return this.prefixes.id(prefix);
  }

  /** A new table row whose key is `prefix + tail`; its cells refer to it by index. Each row is made once. */
  newRowOf(table: TableId, prefixId: number, tail: string): number {
    const r = this.rowCount;
    if (r === this.rowTable.length) {
      this.rowTable = grown(this.rowTable, r + 1);
      this.rowPrefix = grown(this.rowPrefix, r + 1);
    }
    this.rowTable[r] = tableNumber(table);
    this.rowPrefix[r] = prefixId;
    this.rowTails.push(tail);
    this.rowCount = r + 1;
    return r;
  }

  newRow(table: TableId, rowKey: string): number {
    return this.newRowOf(table, 0, rowKey);
  }

  /** The row for table + row key, made on first use (string API). */
  rowFor(table: TableId, rowKey: string): number {
    const k = `${table}|${rowKey}`;
    let r = this.rowLookup.get(k);
    if (r === undefined) {
      r = this.newRow(table, rowKey);
      this.rowLookup.set(k, r);
    }
    return r;
  }

  /** Interned column name. */
  columnId(name: string): number {
    return this.columns.id(name);
  }

  /** Interned relation id. */
  relationId(name: RelationId): number {
    return this.relations.id(name);
  }

  /** Interned property name an input reads. */
  leafId(name: string): number {
    return this.leaves.id(name);
  }

  /** A holder path shape `[...prefix, <id>, ...suffix]`, e.g. economicLines/byId/<id>/amounts. */
  baseShape(prefix: readonly string[], suffix: readonly string[] = []): number {
    this.shapes.push({ prefix, suffix });
    return this.shapes.length - 1;
  }

  /** The holder of shape `shape` for `id`. */
  baseAt(shape: number, id: string): number {
    const b = this.baseCount;
    if (b === this.baseShapeOf.length) this.baseShapeOf = grown(this.baseShapeOf, b + 1);
    this.baseShapeOf[b] = shape;
    this.baseIds.push(id);
    this.baseCount = b + 1;
    return b;
  }

  /** Register the path of a document object that holds inputs (e.g. a line's `amounts`). */
  base(path: readonly string[]): number {
    if (path.length === 0) return this.baseAt(this.baseShape([]), '');
    return this.baseAt(this.baseShape(path.slice(0, -1)), path[path.length - 1]!);
  }

  private addNode(row: number, column: number, kind: NodeKind, relation: number, base: number, leaf: number, termCount: number): number {
    const id = this.n;
    if (id === this.kinds.length) {
      const need = id + 1;
      this.kinds = grown(this.kinds, need);
      this.rowOfNode = grown(this.rowOfNode, need);
      this.colOfNode = grown(this.colOfNode, need);
      this.relOfNode = grown(this.relOfNode, need);
      this.baseOfNode = grown(this.baseOfNode, need);
      this.leafOfNode = grown(this.leafOfNode, need);
    }
    if (id + 1 >= this.termStartOf.length) this.termStartOf = grown(this.termStartOf, id + 2);
    this.kinds[id] = kind;
    this.rowOfNode[id] = row;
    this.colOfNode[id] = column;
    this.relOfNode[id] = relation;
    this.baseOfNode[id] = base;
    this.leafOfNode[id] = leaf;
    this.termStartOf[id] = this.termCount;
    if (this.termCount + termCount > this.terms.length) this.terms = grown(this.terms, this.termCount + termCount);
    this.n = id + 1;
    return id;
  }

  /**
   * Input cells of one row in one go: column `columns[k]` reads property `leaves[k]` of holder
   * `base`; their ids are written to `out[outOffset + k]`.
   */
  inputRow(row: number, columns: readonly number[], base: number, leaves: readonly number[], out: Int32Array, outOffset: number): void {
    const count = columns.length;
    const first = this.n;
    if (first + count > this.kinds.length) for (let k = 0; k < count; k++) out[outOffset + k] = this.inputAt(row, columns[k]!, base, leaves[k]!);
    else {
      if (first + count + 1 >= this.termStartOf.length) this.termStartOf = grown(this.termStartOf, first + count + 2);
      const tc = this.termCount;
      for (let k = 0; k < count; k++) {
        const id = first + k;
        this.kinds[id] = NodeKind.Input;
        this.rowOfNode[id] = row;
        this.colOfNode[id] = columns[k]!;
        this.relOfNode[id] = 0;
        this.baseOfNode[id] = base;
        this.leafOfNode[id] = leaves[k]!;
        this.termStartOf[id] = tc;
        out[outOffset + k] = id;
      }
      this.n = first + count;
    }
  }

  /** An input cell (interned column) reading interned property `leaf` of holder `base`. */
  inputAt(row: number, column: number, base: number, leaf: number): number {
    return this.addNode(row, column, NodeKind.Input, 0, base, leaf, 0);
  }

  sumIds(row: number, column: number, terms: ArrayLike<number>, relation: number): number {
    const count = terms.length;
    const id = this.addNode(row, column, NodeKind.Sum, relation, -1, -1, count);
    const t = this.terms;
    let p = this.termCount;
    for (let i = 0; i < count; i++) t[p++] = terms[i]!;
    this.termCount = p;
    return id;
  }

  /** A sum whose terms are `source[offsets[k] + add]` (gathered without building a term array). */
  sumGather(row: number, column: number, source: Int32Array, offsets: ArrayLike<number>, add: number, relation: number): number {
    const count = offsets.length;
    const id = this.addNode(row, column, NodeKind.Sum, relation, -1, -1, count);
    const t = this.terms;
    let p = this.termCount;
    for (let i = 0; i < count; i++) t[p++] = source[offsets[i]! + add]!;
    this.termCount = p;
    return id;
  }

  copyId(row: number, column: number, source: number, relation: number): number {
    const id = this.addNode(row, column, NodeKind.Copy, relation, -1, -1, 1);
    this.terms[this.termCount++] = source;
    return id;
  }

  /** Open check number `checkCount` with room for `count` terms; returns where its terms start. */
  private beginCheck(node: number, relation: number, count: number): number {
    const c = this.checkCount;
    if (c === this.checkNode.length) {
      this.checkNode = grown(this.checkNode, c + 1);
      this.checkRel = grown(this.checkRel, c + 1);
    }
    if (c + 1 >= this.checkTermStart.length) this.checkTermStart = grown(this.checkTermStart, c + 2);
    this.checkNode[c] = node;
    this.checkRel[c] = relation;
    this.checkTermStart[c] = this.checkTermCount;
    if (this.checkTermCount + count > this.checkTerms.length) this.checkTerms = grown(this.checkTerms, this.checkTermCount + count);
    return this.checkTermCount;
  }

  checkIds(node: number, terms: ArrayLike<number>, relation: number): void {
    const count = terms.length;
    let p = this.beginCheck(node, relation, count);
    const t = this.checkTerms;
    for (let i = 0; i < count; i++) t[p++] = terms[i]!;
    this.checkTermCount = p;
    this.checkCount++;
  }

  /** A check whose terms are `source[offsets[k] + add]`. */
  checkGather(node: number, source: Int32Array, offsets: ArrayLike<number>, add: number, relation: number): void {
    const count = offsets.length;
    let p = this.beginCheck(node, relation, count);
    const t = this.checkTerms;
    for (let i = 0; i < count; i++) t[p++] = source[offsets[i]! + add]!;
    this.checkTermCount = p;
    this.checkCount++;
  }

  // ------------------------------------------------------------------------------------------
  // String-keyed API (as originally written): convenient for small graphs and tests.
  // ------------------------------------------------------------------------------------------
  has(key: string): boolean {
    return this.keyIndex.has(key);
  }

  id(key: string): number {
    const id = this.keyIndex.get(key);
    if (id === undefined) throw new Error(`unknown cell ${key}`);
    return id;
  }

  private keyed(key: string, make: (row: number, column: number) => number): number {
    if (this.keyIndex.has(key)) throw new Error(`duplicate cell ${key}`);
    const ref = parseCellKey(key);
    const id = make(this.rowFor(ref.table, ref.row), this.columnId(ref.column));
    this.keyIndex.set(key, id);
    return id;
  }

  input(key: string, path: readonly string[]): number {
    return this.keyed(key, (row, column) => this.inputAt(row, column, this.base(path.slice(0, -1)), this.leafId(path[path.length - 1]!)));
  }

  sum(key: string, termKeys: readonly string[], relation: RelationId): number {
    const terms = termKeys.map((k) => this.id(k));
    return this.keyed(key, (row, column) => this.sumIds(row, column, terms, this.relationId(relation)));
  }

  copy(key: string, sourceKey: string, relation: RelationId): number {
    const source = this.id(sourceKey);
    return this.keyed(key, (row, column) => this.copyId(row, column, source, this.relationId(relation)));
  }

  check(key: string, termKeys: readonly string[], relation: RelationId): void {
    this.checkIds(this.id(key), termKeys.map((k) => this.id(k)), this.relationId(relation));
  }

  build(): Graph {
    const size = this.n;
    if (size + 1 > this.termStartOf.length) this.termStartOf = grown(this.termStartOf, size + 1);
    this.termStartOf[size] = this.termCount;
    const termStart = this.termStartOf.subarray(0, size + 1);
    const checkTermStart = new Int32Array(this.checkCount + 1);
    checkTermStart.set(this.checkTermStart.subarray(0, this.checkCount));
    checkTermStart[this.checkCount] = this.checkTermCount;
    // Views, not copies: the builder is discarded, and its capacity hint is close to the size.
    return new FlatGraph({
      size,
      kind: this.kinds.subarray(0, size),
      termStart,
      termList: this.terms.subarray(0, this.termCount),
      nodeRow: this.rowOfNode.subarray(0, size),
      nodeCol: this.colOfNode.subarray(0, size),
      relationIndex: this.relOfNode.subarray(0, size),
      relationNames: this.relations.names,
      rowCount: this.rowCount,
      rowTable: this.rowTable,
      rowPrefix: this.rowPrefix,
      rowTails: this.rowTails,
      prefixNames: this.prefixes.names,
      colNames: this.columns.names,
      colIndex: this.columns.index,
      shapes: this.shapes,
      baseCount: this.baseCount,
      baseShapeOf: this.baseShapeOf,
      baseIds: this.baseIds,
      inputBaseOf: this.baseOfNode.subarray(0, size),
      inputLeafOf: this.leafOfNode.subarray(0, size),
      leafNames: this.leaves.names,
      checkCount: this.checkCount,
      checkNode: this.checkNode.subarray(0, this.checkCount),
      checkRelation: this.checkRel.subarray(0, this.checkCount),
      checkTermStart,
      checkTermList: this.checkTerms.subarray(0, this.checkTermCount),
    });
  }
}

interface FlatParts {
  size: number;
  kind: Uint8Array;
  termStart: Int32Array;
  termList: Int32Array;
  nodeRow: Int32Array;
  nodeCol: Uint16Array;
  relationIndex: Uint16Array;
  relationNames: string[];
  rowCount: number;
  rowTable: Uint8Array;
  rowPrefix: Uint16Array;
  rowTails: string[];
  prefixNames: string[];
  colNames: string[];
  colIndex: Map<string, number>;
  shapes: BaseShape[];
  baseCount: number;
  baseShapeOf: Uint16Array;
  baseIds: string[];
  inputBaseOf: Int32Array;
  inputLeafOf: Int32Array;
  leafNames: string[];
  checkCount: number;
  checkNode: Int32Array;
  checkRelation: Uint16Array;
  checkTermStart: Int32Array;
  checkTermList: Int32Array;
}

class FlatGraph implements Graph {
  readonly size: number;
  readonly kind: Uint8Array;
  readonly termStart: Int32Array;
  readonly termList: Int32Array;
  readonly relationIndex: Uint16Array;
  readonly relationNames: readonly string[];
  readonly inputBaseOf: Int32Array;
  readonly inputLeafOf: Int32Array;
  readonly leafNames: readonly string[];
  readonly checkCount: number;
  readonly checkNode: Int32Array;
  readonly checkRelation: Uint16Array;
  readonly checkTermStart: Int32Array;
  readonly checkTermList: Int32Array;
  private readonly p: FlatParts;
  private keysCache: string[] | undefined;
  private inputPathView: (readonly string[] | undefined)[] | undefined;
  private parents: { start: Int32Array; list: Int32Array } | undefined;
  private rowIndex: Map<string, number> | undefined;
  private rowNodeStart: Int32Array | undefined;
  private rowNodeList: Int32Array | undefined;
  /** Joined holder path → holder indexes, and each holder's input nodes (CSR). */
  private baseIndex: Map<string, number[]> | undefined;
  private baseNodeStart: Int32Array | undefined;
  private baseNodeList: Int32Array | undefined;

  constructor(p: FlatParts) {
    this.p = p;
    this.size = p.size;
    this.kind = p.kind;
    this.termStart = p.termStart;
    this.termList = p.termList;
    this.relationIndex = p.relationIndex;
    this.relationNames = p.relationNames;
    this.inputBaseOf = p.inputBaseOf;
    this.inputLeafOf = p.inputLeafOf;
    this.leafNames = p.leafNames;
    this.checkCount = p.checkCount;
    this.checkNode = p.checkNode;
    this.checkRelation = p.checkRelation;
    this.checkTermStart = p.checkTermStart;
    this.checkTermList = p.checkTermList;
  }

  private rowKeyAt(r: number): string {
    const prefix = this.p.prefixNames[this.p.rowPrefix[r]!]!;
    return prefix === '' ? this.p.rowTails[r]! : prefix + this.p.rowTails[r]!;
  }

  keyOf(id: number): string {
    const r = this.p.nodeRow[id]!;
    return `T${this.p.rowTable[r]}|${this.rowKeyAt(r)}|${this.p.colNames[this.p.nodeCol[id]!]}`;
  }
  tableOf(id: number): TableId {
    return `T${this.p.rowTable[this.p.nodeRow[id]!]!}`;
  }
  rowOf(id: number): string {
    return this.rowKeyAt(this.p.nodeRow[id]!);
  }
  columnOf(id: number): string {
    return this.p.colNames[this.p.nodeCol[id]!]!;
  }

  get keys(): string[] {
    if (!this.keysCache) {
      const keys = new Array<string>(this.size);
      for (let i = 0; i < this.size; i++) keys[i] = this.keyOf(i);
      this.keysCache = keys;
    }
    return this.keysCache;
  }

  private basePath(b: number): string[] {
    const shape = this.p.shapes[this.p.baseShapeOf[b]!]!;
    return [...shape.prefix, this.p.baseIds[b]!, ...shape.suffix];
  }

  readInputHolders(doc: unknown): (Record<string, unknown> | null)[] {
    const { shapes, baseShapeOf, baseIds, baseCount } = this.p;
    const walk = (from: unknown, path: readonly string[]): unknown => {
      let cur = from;
      for (const k of path) {
        if (cur === null || typeof cur !== 'object') return null;
        cur = (cur as Record<string, unknown>)[k];
      }
      return cur;
    };
    // The prefix walk is shared by every holder of a shape.
    const prefixObjects = shapes.map((s) => walk(doc, s.prefix));
    const out = new Array<Record<string, unknown> | null>(baseCount);
    for (let b = 0; b < baseCount; b++) {
      const shape = shapes[baseShapeOf[b]!]!;
      const parent = prefixObjects[baseShapeOf[b]!];
      let cur: unknown = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[baseIds[b]!] : null;
      if (shape.suffix.length) cur = walk(cur, shape.suffix);
      out[b] = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>) : null;
    }
    return out;
  }

  inputPathOf(id: number): readonly string[] | undefined {
    const b = this.inputBaseOf[id]!;
    if (b < 0) return undefined;
    return [...this.basePath(b), this.leafNames[this.inputLeafOf[id]!]!];
  }

  get inputPath(): (readonly string[] | undefined)[] {
    if (!this.inputPathView) {
      // Computed per access: materialising ~300k small arrays for a large document is not worth it.
      const size = this.size;
      const pathOf = (i: number) => this.inputPathOf(i);
      const index = (prop: string | symbol): number => (typeof prop === 'string' && /^\d+$/.test(prop) ? Number(prop) : -1);
      this.inputPathView = new Proxy([] as (readonly string[] | undefined)[], {
        get(target, prop, receiver) {
          const i = index(prop);
          if (i >= 0) return i < size ? pathOf(i) : undefined;
          if (prop === 'length') return size;
          return Reflect.get(target, prop, receiver);
        },
        has(target, prop) {
          const i = index(prop);
          if (i >= 0) return i < size;
          return Reflect.has(target, prop);
        },
      });
    }
    return this.inputPathView;
  }

  private ensureParents(): { start: Int32Array; list: Int32Array } {
    if (!this.parents) {
      const { size, termStart, termList } = this;
      const total = termList.length;
      const start = new Int32Array(size + 1);
      for (let p = 0; p < total; p++) start[termList[p]! + 1]!++;
      for (let i = 0; i < size; i++) start[i + 1]! += start[i]!;
      const fill = start.slice(0, size);
      const list = new Int32Array(total);
      for (let i = 0; i < size; i++) {
        for (let p = termStart[i]!, end = termStart[i + 1]!; p < end; p++) list[fill[termList[p]!]!++] = i;
      }
      this.parents = { start, list };
    }
    return this.parents;
  }
  get parentStart(): Int32Array {
    return this.ensureParents().start;
  }
  get parentList(): Int32Array {
    return this.ensureParents().list;
  }

  private ensureRowNodes(): void {
    if (this.rowNodeStart) return;
    const rows = this.p.rowCount;
    const rowIndex = new Map<string, number>();
    for (let r = 0; r < rows; r++) rowIndex.set(`T${this.p.rowTable[r]}|${this.rowKeyAt(r)}`, r);
    const start = new Int32Array(rows + 1);
    const nodeRow = this.p.nodeRow;
    for (let i = 0; i < this.size; i++) start[nodeRow[i]! + 1]!++;
    for (let r = 0; r < rows; r++) start[r + 1]! += start[r]!;
    const fill = start.slice(0, rows);
    const list = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) list[fill[nodeRow[i]!]!++] = i;
    this.rowIndex = rowIndex;
    this.rowNodeStart = start;
    this.rowNodeList = list;
  }

  idOf(key: string): number | undefined {
    const first = key.indexOf('|');
    const last = key.lastIndexOf('|');
    if (first <= 0 || last === first) return undefined;
    const r = this.rowIndexOf(key.slice(0, last));
    return r === undefined ? undefined : this.nodeIn(r, key.slice(last + 1));
  }

  rowIndexOf(row: string): number | undefined {
    this.ensureRowNodes();
    return this.rowIndex!.get(row);
  }

  nodeIn(row: number, column: string): number | undefined {
    const c = this.p.colIndex.get(column);
    if (c === undefined) return undefined;
    this.ensureRowNodes();
    const list = this.rowNodeList!;
    for (let p = this.rowNodeStart![row]!, end = this.rowNodeStart![row + 1]!; p < end; p++) {
      const id = list[p]!;
      if (this.p.nodeCol[id] === c) return id;
    }
    return undefined;
  }

  private ensureBaseIndex(): void {
    if (this.baseIndex) return;
    const bases = this.p.baseCount;
    const index = new Map<string, number[]>();
    for (let b = 0; b < bases; b++) {
      const k = this.basePath(b).join('/');
      const list = index.get(k);
      if (list) list.push(b);
      else index.set(k, [b]);
    }
    const start = new Int32Array(bases + 1);
    for (let i = 0; i < this.size; i++) {
      const b = this.inputBaseOf[i]!;
      if (b >= 0) start[b + 1]!++;
    }
    for (let b = 0; b < bases; b++) start[b + 1]! += start[b]!;
    const fill = start.slice(0, bases);
    const list = new Int32Array(start[bases]!);
    for (let i = 0; i < this.size; i++) {
      const b = this.inputBaseOf[i]!;
      if (b >= 0) list[fill[b]!++] = i;
    }
    this.baseIndex = index;
    this.baseNodeStart = start;
    this.baseNodeList = list;
  }

  inputAtPath(path: readonly (string | number)[]): number | undefined {
    if (path.length < 1) return undefined;
    this.ensureBaseIndex();
    const bases = this.baseIndex!.get(path.slice(0, -1).join('/'));
    if (!bases) return undefined;
    const leaf = String(path[path.length - 1]);
    for (const b of bases) {
      for (let p = this.baseNodeStart![b]!, end = this.baseNodeStart![b + 1]!; p < end; p++) {
        const id = this.baseNodeList![p]!;
        if (this.leafNames[this.inputLeafOf[id]!] === leaf) return id;
      }
    }
    return undefined;
  }

  inputsUnder(path: readonly (string | number)[]): number[] {
    const single = this.inputAtPath(path);
    if (single !== undefined) return [single];
    const prefix = path.join('/');
    const out: number[] = [];
    const collect = (b: number) => {
      for (let p = this.baseNodeStart![b]!, end = this.baseNodeStart![b + 1]!; p < end; p++) out.push(this.baseNodeList![p]!);
    };
    for (const b of this.baseIndex!.get(prefix) ?? []) collect(b);
    // Holders deeper than the path (`threePublicExpenses/u` holds `threePublicExpenses/u/currentYear`).
    for (const [k, bs] of this.baseIndex!) if (k.length > prefix.length && k.startsWith(`${prefix}/`)) for (const b of bs) collect(b);
    return out;
  }
}
