/**
 * The audit engine: a full check of a document, and an incremental session that re-checks only
 * what an edit touches.
 *
 * What is checked
 * - Printed values of derived cells against their formula (relations of the cell graph), and the
 *   graph's checks (alternative sums) — all named by relation ids with catalogue entries.
 * - The catalogue rules (instances.ts): across tables, inequalities, codes, texts, dates.
 * Comparisons use effective values (effective.ts) and the rounding tolerance (tolerance.ts).
 *
 * Incremental session
 * - Each rule instance reads graph nodes (and a few document paths); a reverse index maps a node
 *   to the checks and instances that read it. Printed derived cells are their own instances.
 * - An edit arrives as immer patches. A patch on an input cell (or on an object holding inputs,
 *   e.g. a line's `amounts`) updates the evaluation by delta propagation with early cut-off
 *   (compute/evaluate.ts applyInput), then the effective values, then re-evaluates the instances
 *   reading any changed node. A patch on texts/dates/notes re-runs the instances reading that path.
 *   Accepting a warning only re-decorates that finding. A printed total set or dropped (`reported`:
 *   an amount edit drops those above it) is pushed through the evaluation like an amount. Anything
 *   structural (rows added, removed, reordered, codes, names) rebuilds the whole state and diffs the findings.
 * - Results go out as changes: added / changed / removed findings.
 */
import type { Patch } from 'immer';
import { buildGraph, type BuiltGraph, type FundingRowCells } from '../compute/buildGraph';
import { applyInput, evaluate, readPath, setReported, shownValueOf, type Evaluation } from '../compute/evaluate';
import { NodeKind, type Graph } from '../compute/graph';
import { getCodeLists, type CodeListSet } from '../codes/registry';
import { parseCellKey } from '../model/cellKey';
import { INPUT_HOLDERS, PROJECT_FIELD_ROLES, type DepartmentBudget, type DisplayUnit } from '../model/document';
import { ALL_RULES, CHECK_RULE_ALIASES, hasRule, ruleById, type RuleDef } from './catalogue';
import { createDescriber, type Describer } from './describe';
import { computeEffective, isPrintedFigure, propagateEffective, roundingCountOf, Status, type Effective } from './effective';
import type { Finding, FindingCell, FindingChanges, Severity } from './finding';
import { buildInstances, readsOf, type Comparison, type EvalView, type Outcome, type RuleInstance } from './instances';
import { judgeAtMost, judgeEquality, sideCount, toleranceFen, type Verdict } from './tolerance';

export type { FindingChanges };

export interface AuditOptions {
  /** Code lists to check codes against (default: the bundled lists of the budget year). */
  codes?: CodeListSet;
  /** The unit amounts in messages are written in (the editor's display unit); default the document's. */
  unit?: DisplayUnit;
  /** Called between the stages of a full check (the worker reports it to the editor). */
  onProgress?: (stage: AuditStage, done: number, total: number) => void;
}

export type AuditStage = 'graph' | 'evaluate' | 'relations' | 'rules';
const STAGES: AuditStage[] = ['graph', 'evaluate', 'relations', 'rules'];

export interface AuditSession {
  /** The document the findings describe. */
  readonly doc: DepartmentBudget;
  /** Current findings, ordered: errors, warnings, rounding gaps; then by rule and place. */
  findings(): Finding[];
  /** Move to `nextDoc`, reached from the session's document by `patches`; returns what changed. */
  applyPatches(nextDoc: DepartmentBudget, patches: readonly Patch[]): FindingChanges;
  /** The evaluation of the current document (computed/shown values), for the editor. */
  readonly evaluation: Evaluation;
  /**
   * Build what incremental re-checks need (reverse edges, cell → rule index, path index) now
   * rather than on the first edit; the worker calls it right after sending the full findings.
   */
  prepareIncremental(): void;
  readonly built: BuiltGraph;
}

// ---------------------------------------------------------------------------------------------
// State of one document
// ---------------------------------------------------------------------------------------------

interface Indexes {
  /** node → checks reading it (CSR). */
  checkStart: Int32Array;
  checkList: Int32Array;
  /** node → instances reading it (CSR). */
  instStart: Int32Array;
  instList: Int32Array;
  /** joined document path → instances reading it. */
  paths: Map<string, number[]>;
}

class State {
  readonly graph: Graph;
  readonly ev: Evaluation;
  readonly eff: Effective;
  readonly describer: Describer;
  readonly instances: RuleInstance[];
  readonly findings = new Map<string, Finding>();
  /** Finding id currently produced by each printed derived node / check / instance. */
  readonly defIds = new Map<number, string>();
  readonly checkIds: (string | undefined)[];
  readonly instIds: (string | undefined)[];
  private indexes: Indexes | undefined;
  private unitRows: Map<string, BuiltGraph['cells']['units'][number]> | undefined;
  private readonly checkRules: (RuleDef | undefined)[];

  constructor(
    public doc: DepartmentBudget,
    readonly built: BuiltGraph,
    readonly codes: CodeListSet,
    onProgress?: (stage: AuditStage) => void,
    unit?: DisplayUnit,
  ) {
    this.graph = built.graph;
    this.ev = evaluate(this.graph, doc);
    this.eff = computeEffective(this.ev);
    onProgress?.('evaluate');
    this.describer = createDescriber(doc, codes, unit);
    const g = this.graph;
    this.checkRules = Array.from({ length: g.relationNames.length }, (_, r) => {
      const name = g.relationNames[r]!;
      const id = CHECK_RULE_ALIASES[name] ?? name;
      return hasRule(id) ? ruleById(id) : undefined;
    });
    this.checkIds = new Array(g.checkCount);
    // Printed derived cells and checks.
    const { hasReported } = this.ev;
    for (let i = 0; i < g.size; i++) if (hasReported[i] === 1 && g.kind[i] !== NodeKind.Input) this.setDef(i);
    for (let c = 0; c < g.checkCount; c++) this.setCheck(c);
    onProgress?.('relations');
    // Catalogue rules.
    this.instances = buildInstances(doc, {
      built,
      codes,
      nodeOfKey: (key) => this.nodeOfKey(key),
      describeNode: (n) => this.describeNode(n),
    });
    this.instIds = new Array(this.instances.length);
    for (let k = 0; k < this.instances.length; k++) this.setInstance(k);
    onProgress?.('rules');
  }

  // --- lookups and descriptions ---------------------------------------------------------------

  nodeOfKey(key: string): number | undefined {
    // Unit and department rows through the structured ids (no key index needed on large documents).
    const ref = parseCellKey(key);
    const { cells } = this.built;
    this.unitRows ??= new Map(cells.units.map((u) => [u.unitId, u]));
    const row = ref.row === 'dept' ? cells.dept : ref.row.startsWith('u:') && !ref.row.slice(2).includes(':') ? this.unitRows.get(ref.row.slice(2)) : undefined;
    if (row) {
      const col = ref.column;
      const pick = (r: Record<string, number> | undefined) => (r && col in r ? r[col] : undefined);
      switch (ref.table) {
        case 'T2':
          return pick(row.t2 as FundingRowCells & Record<string, number>) ?? (col === 'incomeTotal' ? row.t2.total : undefined);
        case 'T3':
          return pick(row.t3);
        case 'T4':
          return pick(row.t4);
        case 'T5':
          return pick(row.t5);
        case 'T7':
          return pick(row.t7 as unknown as Record<string, number>);
        case 'T8':
          return pick(row.t8 as unknown as Record<string, number>);
        case 'T9':
          return pick(row.t9 as unknown as Record<string, number>);
        default:
          break;
      }
    }
    return this.graph.idOf(key);
  }

  /** Cell descriptions are fixed for a state (names change only through a rebuild): remembered. */
  private descriptions = new Map<number, string>();
  describeNode(n: number): string {
    let d = this.descriptions.get(n);
    if (d === undefined) {
      d = this.describer.cell(this.graph.tableOf(n), this.graph.rowOf(n), this.graph.columnOf(n));
      this.descriptions.set(n, d);
    }
    return d;
  }

  /** The value a cell shows: its printed value (null when printed blank), else its computed value (null when empty). */
  shownValue(n: number): number | null {
    const v = shownValueOf(this.ev, n);
    return v === null ? null : Math.round(v);
  }

  cellOf(n: number): FindingCell {
    const g = this.graph;
    return { table: g.tableOf(n), row: g.rowOf(n), column: g.columnOf(n), valueFen: this.shownValue(n) };
  }

  amount = (fen: number): string => this.describer.amount(fen);

  private printed = (n: number) => isPrintedFigure(this.ev, this.eff, n);
  private rounding = (n: number) => roundingCountOf(this.eff, n);

  /** Note for terms whose printed value contradicts their own parts (they count with their parts' sum). */
  private substitutionNote(nodes: Iterable<number>): string {
    if (this.eff.trivial) return '';
    const notes: string[] = [];
    for (const t of nodes) {
      if (this.ev.hasReported[t] === 1 && this.eff.status[t] === Status.Differs) notes.push(`${this.describeNode(t)}印为 ${this.amount(this.ev.reported[t]!)}，与其组成部分不符，按 ${this.amount(this.eff.eff[t]!)} 计算`);
    }
    return notes.length ? `（其中${notes.join('；')}）` : '';
  }

  // --- findings ----------------------------------------------------------------------------------

  private finding(rule: RuleDef, id: string, verdict: Verdict, params: Record<string, string>, cells: FindingCell[], left: number | null, right: number | null, count: number, note = ''): Finding | null {
    if (verdict === 'equal') return null;
    const severity: Severity = verdict === 'roundingGap' ? 'info' : rule.severity;
    let message = render(rule.message, params).replaceAll('为 空白', '为空白');
    if (note) message = message.replace(/。$/, `${note}。`);
    const tol = toleranceFen(count, this.ev.printedPrecisionFen);
    if (severity === 'info') message = `尾差：${message.replace(/。$/, '')}；${count} 个分别四舍五入的数字相加，允许相差 ±${this.describer.tolerance(tol)}。`;
    const f: Finding = {
      id,
      rule: rule.id,
      severity,
      message,
      cells,
      differenceFen: left === null || right === null ? null : Math.round(left - right),
      leftFen: left === null ? null : Math.round(left),
      rightFen: right === null ? null : Math.round(right),
      toleranceFen: tol,
    };
    return this.decorate(f);
  }

  decorate(f: Finding): Finding {
    const accepted = f.severity === 'warning' ? this.doc.acceptedWarnings[f.id] : undefined;
    if (accepted) return f.acceptedReason === accepted.reason ? f : { ...f, acceptedReason: accepted.reason };
    if (f.acceptedReason === undefined) return f;
    const { acceptedReason: _drop, ...rest } = f;
    return rest;
  }

  /** Definitional comparison of a printed derived cell. */
  private defFinding(i: number): Finding | null {
    const { eff, ev, graph: g } = this;
    const status = eff.status[i]!;
    if (status === Status.Equal) return null;
    const relation = g.relationNames[g.relationIndex[i]!]!;
    if (!hasRule(relation)) return null;
    const rule = ruleById(relation);
    const terms: number[] = [];
    for (let p = g.termStart[i]!, end = g.termStart[i + 1]!; p < end; p++) terms.push(g.termList[p]!);
    const reported = ev.reported[i]!;
    const fe = eff.fe[i]!;
    const other = g.kind[i] === NodeKind.Copy && rule.comparison === 'copy' ? this.describeNode(terms[0]!) : (rule.termsLabel ?? '各组成部分之和');
    const params = { a: this.describeNode(i), aValue: this.shownValue(i) === null ? '空白' : this.amount(reported), b: other, bValue: this.amount(fe), diff: this.amount(reported - fe) };
    const verdict: Verdict = status === Status.RoundingGap ? 'roundingGap' : 'differs';
    return this.finding(rule, `${relation}|${g.keyOf(i)}`, verdict, params, [this.cellOf(i), ...terms.map((t) => this.cellOf(t))], reported, fe, eff.tc[i]!, this.substitutionNote(terms));
  }

  private checkFinding(c: number): Finding | null {
    const g = this.graph;
    const rule = this.checkRules[g.checkRelation[c]!];
    if (!rule) return null;
    const eff = this.eff.eff;
    const node = g.checkNode[c]!;
    const start = g.checkTermStart[c]!;
    const end = g.checkTermStart[c + 1]!;
    const L = eff[node]!;
    let R = 0;
    for (let p = start; p < end; p++) R += eff[g.checkTermList[p]!]!;
    if (Math.abs(L - R) < 0.5 && this.ev.printedPrecisionFen === null) return null;
    const right = Array.from(g.checkTermList.subarray(start, end));
    const count = sideCount([node], undefined, this.rounding, this.printed) + sideCount(right, undefined, this.rounding, this.printed);
    const verdict = judgeEquality(L - R, count, this.ev.printedPrecisionFen);
    if (verdict === 'equal') return null;
    const b = right.length === 1 ? this.describeNode(right[0]!) : (rule.termsLabel ?? '各组成部分之和');
    const params = { a: this.describeNode(node), aValue: this.amount(L), b, bValue: this.amount(R), diff: this.amount(L - R) };
    const relation = g.relationNames[g.checkRelation[c]!]!;
    let id = `${rule.id}|${g.keyOf(node)}`;
    if (rule.id === relation && g.relationIndex[node] === g.checkRelation[c]) id += '#check';
    return this.finding(rule, id, verdict, params, [this.cellOf(node), ...right.map((t) => this.cellOf(t))], L, R, count, this.substitutionNote([node, ...right]));
  }

  /** What instances see: the current document and effective values (one object per state). */
  private readonly evalView: EvalView = makeView(this);

  private instanceFinding(k: number): Finding | null {
    const inst = this.instances[k]!;
    const view = this.evalView;
    let cmp: Comparison;
    if (inst.kind === 'compare') cmp = inst;
    else {
      const outcome: Outcome = inst.evaluate(view);
      if (!outcome) return null;
      if (outcome.kind === 'message') {
        const cells = outcome.cells.map((c) => (c.node !== undefined ? this.cellOf(c.node) : { table: c.table, row: c.row, column: c.column, valueFen: null }));
        return this.finding(inst.rule, inst.id, 'differs', outcome.params, cells, null, null, 0);
      }
      cmp = outcome;
    }
    const p = this.ev.printedPrecisionFen;
    const eff = this.eff.eff;
    const { op, left, right, rightCoefs } = cmp;
    let L = 0;
    for (let i = 0; i < left.length; i++) L += eff[left[i]!]!;
    let R = cmp.rightConstant ?? 0;
    for (let i = 0; i < right.length; i++) R += (rightCoefs ? rightCoefs[i]! : 1) * eff[right[i]!]!;
    const diff = op === 'ge' ? R - L : L - R;
    // Fast exit for exact documents: nothing to report when the comparison holds exactly.
    if (p === null) {
      if (op === 'eq' && Math.abs(diff) < 0.5) return null;
      if ((op === 'le' || op === 'ge') && diff < 0.5) return null;
    }
    const constantCount = cmp.rightConstant !== undefined && p !== null ? 1 : 0;
    const inequality = op !== 'eq';
    const count = sideCount(left, undefined, this.rounding, this.printed, inequality) + sideCount(right, rightCoefs, this.rounding, this.printed, inequality) + constantCount;
    let verdict: Verdict;
    const extra: Record<string, string> = {};
    switch (op) {
      case 'eq':
        verdict = judgeEquality(diff, count, p);
        break;
      case 'le':
      case 'ge':
        verdict = judgeAtMost(diff, count, p);
        break;
      case 'change': {
        const threshold = 0.1 * Math.abs(R);
        const tol = toleranceFen(count, p);
        if (Math.abs(diff) < 0.5 || (R !== 0 && Math.abs(diff) < threshold)) verdict = 'equal';
        else verdict = Math.abs(diff) - tol < threshold || (R === 0 && Math.abs(L) <= tol) ? 'roundingGap' : 'differs';
        extra.direction = diff > 0 ? '增加' : '减少';
        extra.percent = R === 0 ? '上年为零' : `${((Math.abs(diff) / Math.abs(R)) * 100).toFixed(1)}%`;
        break;
      }
    }
    if (verdict === 'equal') return null;
    const labels = cmp.labels?.(view, this.amount) ?? {};
    const params = {
      ...labels.extra,
      ...extra,
      a: labels.a ?? this.describeSide(left),
      b: labels.b ?? this.describeSide(right),
      aValue: this.amount(L),
      bValue: this.amount(R),
      diff: this.amount(op === 'change' ? Math.abs(diff) : diff),
    };
    const nodes = left.concat(right);
    return this.finding(inst.rule, inst.id, verdict, params, nodes.map((n) => this.cellOf(n)), L, R, count, this.substitutionNote(nodes));
  }

  /** The cells of a side in the clerk's words (long sides by their first cells). */
  describeSide(nodes: readonly number[]): string {
    if (nodes.length === 0) return '（无）';
    if (nodes.length === 1) return this.describeNode(nodes[0]!);
    const shown = nodes.length > 4 ? `${nodes.slice(0, 2).map((n) => this.describeNode(n)).join('、')}等 ${nodes.length} 个单元格` : nodes.map((n) => this.describeNode(n)).join('、');
    return `${shown}之和`;
  }

  // --- bookkeeping -----------------------------------------------------------------------------

  private put(old: string | undefined, f: Finding | null, changes?: Changes): string | undefined {
    if (old !== undefined && (!f || f.id !== old)) {
      changes?.touch(old);
      this.findings.delete(old);
    }
    if (!f) return undefined;
    changes?.touch(f.id);
    this.findings.set(f.id, f);
    return f.id;
  }

  setDef(i: number, changes?: Changes): void {
    const id = this.put(this.defIds.get(i), this.defFinding(i), changes);
    if (id === undefined) this.defIds.delete(i);
    else this.defIds.set(i, id);
  }
  setCheck(c: number, changes?: Changes): void {
    this.checkIds[c] = this.put(this.checkIds[c], this.checkFinding(c), changes);
  }
  setInstance(k: number, changes?: Changes): void {
    this.instIds[k] = this.put(this.instIds[k], this.instanceFinding(k), changes);
  }

  ensureIndexes(): Indexes {
    if (this.indexes) return this.indexes;
    const g = this.graph;
    const n = g.size;
    // node → checks
    const checkStart = new Int32Array(n + 1);
    for (let c = 0; c < g.checkCount; c++) {
      checkStart[g.checkNode[c]! + 1]!++;
      for (let p = g.checkTermStart[c]!, end = g.checkTermStart[c + 1]!; p < end; p++) checkStart[g.checkTermList[p]! + 1]!++;
    }
    for (let i = 0; i < n; i++) checkStart[i + 1]! += checkStart[i]!;
    const checkList = new Int32Array(checkStart[n]!);
    const fill = checkStart.slice(0, n);
    for (let c = 0; c < g.checkCount; c++) {
      checkList[fill[g.checkNode[c]!]!++] = c;
      for (let p = g.checkTermStart[c]!, end = g.checkTermStart[c + 1]!; p < end; p++) checkList[fill[g.checkTermList[p]!]!++] = c;
    }
    // node → instances
    const instStart = new Int32Array(n + 1);
    const reads = this.instances.map(readsOf);
    for (const rs of reads) for (const r of rs) instStart[r + 1]!++;
    for (let i = 0; i < n; i++) instStart[i + 1]! += instStart[i]!;
    const instList = new Int32Array(instStart[n]!);
    const fill2 = instStart.slice(0, n);
    reads.forEach((rs, k) => {
      for (const r of rs) instList[fill2[r]!++] = k;
    });
    const paths = new Map<string, number[]>();
    this.instances.forEach((inst, k) => {
      for (const p of (inst.kind === 'custom' ? inst.paths : undefined) ?? []) {
        const list = paths.get(p);
        if (list) list.push(k);
        else paths.set(p, [k]);
      }
    });
    this.indexes = { checkStart, checkList, instStart, instList, paths };
    return this.indexes;
  }

  /** Re-evaluate everything that reads the given nodes / paths. */
  recheck(nodes: Iterable<number>, pathInstances: Iterable<number>, changes: Changes): void {
    const ix = this.ensureIndexes();
    const defs = new Set<number>();
    const checks = new Set<number>();
    const insts = new Set<number>(pathInstances);
    const { hasReported } = this.ev;
    const { parentStart, parentList } = this.graph;
    for (const n of nodes) {
      if (hasReported[n] === 1) defs.add(n);
      // A printed parent lists this cell (and its value) among its terms.
      if (!this.eff.trivial) {
        for (let p = parentStart[n]!, end = parentStart[n + 1]!; p < end; p++) if (hasReported[parentList[p]!] === 1) defs.add(parentList[p]!);
      }
      for (let p = ix.checkStart[n]!, end = ix.checkStart[n + 1]!; p < end; p++) checks.add(ix.checkList[p]!);
      for (let p = ix.instStart[n]!, end = ix.instStart[n + 1]!; p < end; p++) insts.add(ix.instList[p]!);
    }
    for (const i of defs) this.setDef(i, changes);
    for (const c of checks) this.setCheck(c, changes);
    for (const k of insts) this.setInstance(k, changes);
  }

  instancesForPath(path: string): number[] {
    const ix = this.ensureIndexes();
    const out: number[] = [];
    for (const [p, list] of ix.paths) if (p === path || p.startsWith(`${path}/`) || path.startsWith(`${p}/`)) out.push(...list);
    return out;
  }
}

/** Collects finding changes: remembers each touched finding as it was before the batch. */
class Changes {
  private before = new Map<string, Finding | undefined>();
  constructor(private readonly current: Map<string, Finding>) {}
  /** Call before a finding is set or deleted. */
  touch(id: string): void {
    if (!this.before.has(id)) this.before.set(id, this.current.get(id));
  }
  result(): FindingChanges {
    const out: FindingChanges = { added: [], changed: [], removed: [] };
    for (const [id, old] of this.before) {
      const now = this.current.get(id);
      if (!old && now) out.added.push(now);
      else if (old && !now) out.removed.push(id);
      else if (old && now && !sameFinding(old, now)) out.changed.push(now);
    }
    return out;
  }
}

export function sameFinding(a: Finding, b: Finding): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.rule !== b.rule || a.severity !== b.severity || a.message !== b.message || a.differenceFen !== b.differenceFen) return false;
  if (a.leftFen !== b.leftFen || a.rightFen !== b.rightFen || a.toleranceFen !== b.toleranceFen || a.acceptedReason !== b.acceptedReason) return false;
  if (a.cells.length !== b.cells.length) return false;
  for (let i = 0; i < a.cells.length; i++) {
    const x = a.cells[i]!;
    const y = b.cells[i]!;
    if (x.table !== y.table || x.row !== y.row || x.column !== y.column || x.valueFen !== y.valueFen) return false;
  }
  return true;
}

function makeView(state: State): EvalView {
  return {
    get doc() {
      return state.doc;
    },
    value: (n) => state.eff.eff[n]!,
    nonEmpty: (n) => state.ev.nonEmpty[n] === 1,
  };
}

function render(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const RULE_RANK = new Map(ALL_RULES.map((r, i) => [r.id, i]));

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (RULE_RANK.get(a.rule) ?? 0) - (RULE_RANK.get(b.rule) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function buildState(doc: DepartmentBudget, options: AuditOptions): State {
  const report = options.onProgress;
  const progress = report ? (stage: AuditStage) => report(stage, STAGES.indexOf(stage) + 1, STAGES.length) : undefined;
  const built = buildGraph(doc);
  progress?.('graph');
  return new State(doc, built, options.codes ?? getCodeLists(doc.department.fiscalYear), progress, options.unit);
}

// ---------------------------------------------------------------------------------------------
// Patch classification
// ---------------------------------------------------------------------------------------------

type PatchClass =
  | { kind: 'inputs'; nodes: number[] }
  | { kind: 'printed'; node: number }
  | { kind: 'paths'; path: string }
  | { kind: 'accept'; id: string | null }
  | { kind: 'ignore' }
  | { kind: 'rebuild' };

/** Records of the document that hold only inputs (INPUT_HOLDERS): a patch on one re-reads every input under it. */
const INPUTS_ONLY = Object.values(INPUT_HOLDERS).flatMap((h) => ('inputsOnlyAt' in h ? [{ path: [...h.prefix, null, ...h.suffix], at: h.inputsOnlyAt }] : []));

function isInputHolder(path: readonly (string | number)[]): boolean {
  return INPUTS_ONLY.some((h) => path.length >= h.at && path.length <= h.path.length && path.every((p, i) => h.path[i] === null || h.path[i] === p));
}

function classify(state: State, patch: Patch): PatchClass {
  const path = patch.path;
  const head = path[0];
  if (head === 'acceptedWarnings') return { kind: 'accept', id: path.length >= 2 ? String(path[1]) : null };
  // A printed total set or dropped (an amount edit drops those above it; undo puts them back).
  if (head === 'reported' && path.length === 2 && !state.eff.trivial) {
    const node = state.graph.idOf(String(path[1]));
    if (node === undefined) return { kind: 'ignore' }; // a printed value of no cell is never read
    return state.graph.kind[node] === NodeKind.Input ? { kind: 'ignore' } : { kind: 'printed', node };
  }
  const input = state.graph.inputAtPath(path);
  if (input !== undefined) return { kind: 'inputs', nodes: [input] };
  if (isInputHolder(path)) {
    // A holder of a unit/line the graph does not know is structural (e.g. a new unit's incomes).
    const nodes = state.graph.inputsUnder(path);
    return nodes.length > 0 ? { kind: 'inputs', nodes } : { kind: 'rebuild' };
  }
  if (head === 'projects' && path[1] === 'byId' && path.length >= 4) {
    const field = String(path[3]);
    const role = Object.hasOwn(PROJECT_FIELD_ROLES, field) ? PROJECT_FIELD_ROLES[field as keyof typeof PROJECT_FIELD_ROLES] : 'row';
    if (role === 'description') return { kind: 'ignore' };
    if (role === 'date') return { kind: 'paths', path: path.slice(0, 4).join('/') };
    return { kind: 'rebuild' };
  }
  if (head === 'performance') {
    if (path[1] === 'overallGoal' || path[1] === 'basicTaskContent') return { kind: 'ignore' };
    return { kind: 'paths', path: 'performance/indicators' };
  }
  if (head === 'notes') return { kind: 'paths', path: path.join('/') };
  if (head === 'previousYear' && path.length === 2 && patch.op === 'replace' && state.instancesForPath(path.join('/')).length > 0) return { kind: 'paths', path: path.join('/') };
  if (head === 'department' && (path[1] === 'competentDepartment' || path[1] === 'name')) return { kind: 'ignore' };
  if (head === 'units' && path[1] === 'byId' && (path[3] === 'fullName' || path[3] === 'kind')) return { kind: 'ignore' };
  return { kind: 'rebuild' };
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

export function createAuditSession(doc: DepartmentBudget, options: AuditOptions = {}): AuditSession {
  let state = buildState(doc, options);

  const applyPatches = (nextDoc: DepartmentBudget, patches: readonly Patch[]): FindingChanges => {
    if (nextDoc === state.doc && patches.length === 0) return { added: [], changed: [], removed: [] };
    const inputs = new Set<number>();
    const printed = new Set<number>();
    const paths = new Set<string>();
    const accepted = new Set<string>();
    let acceptAll = false;
    let rebuild = false;
    for (const patch of patches) {
      const c = classify(state, patch);
      if (c.kind === 'rebuild') {
        rebuild = true;
        break;
      }
      if (c.kind === 'inputs') for (const n of c.nodes) inputs.add(n);
      else if (c.kind === 'printed') printed.add(c.node);
      else if (c.kind === 'paths') paths.add(c.path);
      else if (c.kind === 'accept') {
        if (c.id === null) acceptAll = true;
        else accepted.add(c.id);
      }
    }
    if (rebuild || nextDoc.printedPrecisionFen !== state.doc.printedPrecisionFen) {
      const before = state.findings;
      state = buildState(nextDoc, { ...options, onProgress: undefined });
      return diffFindings(before, state.findings);
    }

    const changes = new Changes(state.findings);
    state.doc = nextDoc;
    // Amounts, then printed totals: delta propagation, effective values, then the instances reading changed cells.
    if (inputs.size > 0 || printed.size > 0) {
      const { graph, ev } = state;
      const changedNodes: number[] = [];
      for (const id of inputs) {
        const v = readPath(nextDoc, graph.inputPathOf(id)!);
        for (const n of applyInput(ev, id, v)) changedNodes.push(n);
      }
      if (printed.size > 0) {
        const updates = new Map<number, number | null | undefined>();
        for (const id of printed) {
          const key = graph.keyOf(id);
          updates.set(id, Object.prototype.hasOwnProperty.call(nextDoc.reported, key) ? nextDoc.reported[key] : undefined);
        }
        for (const n of setReported(ev, updates)) changedNodes.push(n);
        for (const id of printed) changedNodes.push(id);
      }
      const touched = new Set<number>(changedNodes);
      propagateEffective(ev, state.eff, changedNodes, (n) => touched.add(n));
      // A cell no longer printed has no comparison of its own left.
      for (const id of printed) if (ev.hasReported[id] !== 1) state.setDef(id, changes);
      state.recheck(touched, [], changes);
    }
    // Texts, dates, notes, last year's amounts.
    if (paths.size > 0) {
      const ks = new Set<number>();
      for (const p of paths) for (const k of state.instancesForPath(p)) ks.add(k);
      state.recheck([], ks, changes);
    }
    // Accepted warnings: re-decorate.
    const redecorate = acceptAll ? [...state.findings.keys()] : [...accepted];
    for (const id of redecorate) {
      const f = state.findings.get(id);
      if (!f) continue;
      const d = state.decorate(f);
      if (d !== f) {
        changes.touch(id);
        state.findings.set(id, d);
      }
    }
    return changes.result();
  };

  return {
    get doc() {
      return state.doc;
    },
    get evaluation() {
      return state.ev;
    },
    get built() {
      return state.built;
    },
    findings: () => sortFindings([...state.findings.values()]),
    applyPatches,
    prepareIncremental: () => {
      void state.graph.parentStart;
      state.graph.inputAtPath(['incomes']);
      state.ensureIndexes();
    },
  };
}

export function diffFindings(before: Map<string, Finding>, after: Map<string, Finding>): FindingChanges {
  const added: Finding[] = [];
  const changed: Finding[] = [];
  const removed: string[] = [];
  for (const [id, f] of after) {
    const old = before.get(id);
    if (!old) added.push(f);
    else if (!sameFinding(old, f)) changed.push(f);
  }
  for (const id of before.keys()) if (!after.has(id)) removed.push(id);
  return { added, changed, removed };
}

/** All findings of a document (a full check). */
export function checkDocument(doc: DepartmentBudget, options: AuditOptions = {}): Finding[] {
  return sortFindings([...buildState(doc, options).findings.values()]);
}
