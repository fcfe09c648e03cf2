/**
 * The editor's state outside React: the open document (immutable, immer) and its history, the cell
 * graph and an incremental evaluation of it (the UI computes values; it never runs the rules), the
 * findings reported by the audit worker, the current view and display unit.
 *
 * Every user command goes through `apply`: one recorded edit, one undo step. The edit's effect says
 * how much to recompute: `values` pushes the changed inputs through the graph (applyInput) and the
 * grid refreshes exactly the changed cells; other edits re-project the rows (and rebuild the graph
 * when the structure changed). The same patches go to the audit worker.
 */
import { amountDecimals, getCatalogue, type Catalogue } from '../../shared/catalogue';
import { buildGraph, type BuiltGraph } from '../../shared/compute/buildGraph';
import { applyInput, evaluate, readPath, setReported, shownValueOf, type Evaluation } from '../../shared/compute/evaluate';
import { NodeKind } from '../../shared/compute/graph';
import { inputSourceOf } from '../../shared/compute/inputSource';
import { editedCellOf, perUnitPartsOf, shownCellOf, type PerUnitPart } from '../../shared/compute/perUnitTotals';
import { emptyHistory, hasPrintedTotals, planSetCells, record, redo, setCells, undo, canRedo, canUndo, type CellValue, type Edit, type EditEffect, type EditOutcome, type History, type Replay, type SetCellsOptions } from '../../shared/edit';
import { applyPatches } from 'immer';
import { applyToWorkingCopy } from './workingCopy';
import { parseCellKey, type TableId } from '../../shared/model/cellKey';
import type { DepartmentBudget, DisplayUnit } from '../../shared/model/document';
import { nameLookupForYear, type NameLookup } from '../../shared/tables/names';
import { projectTable, type ProjectedTable } from '../../shared/tables/project';
import type { Patch } from 'immer';
import { freeze } from 'immer';
import type { AuditClient, AuditEvent, FindingsDelta } from '../audit/auditClient';
import { FindingsStore } from '../audit/findingsStore';
import { Emitter } from '../../shared/events/emitter';
import { Channels, type Channel } from './emitter';
import { isGridView, viewEntries, viewOfKey, type ViewEntry, type ViewId } from './views';

export interface OpenFileInfo {
  name: string;
  path?: string;
}

export type RevealTarget = { key: string } | { rowId: string; colId: string };

export interface StatusMessage {
  text: string;
  tone: 'error' | 'info';
  at: number;
  /** A button beside the message (e.g. 转到 the cell to type into instead). */
  action?: { label: string; run: () => void };
}

/** The projected table of the current grid view with an index from cell key to its place. */
export interface GridTable extends ProjectedTable {
  /** cell key → row id and column key. */
  cellIndex: Map<string, { rowId: string; colId: string; rowIndex: number }>;
  rowIndexById: Map<string, number>;
}

export class EditorStore {
  readonly emitter = new Channels();
  readonly findings = new FindingsStore();
  doc!: DepartmentBudget;
  built!: BuiltGraph;
  ev!: Evaluation;
  history: History = emptyHistory();
  file: OpenFileInfo | null = null;
  view: ViewId = 'T1';
  unit: DisplayUnit = 'wan';
  message: StatusMessage | null = null;
  progress: { done: number; total: number } | null = null;
  auditError: string | null = null;
  /** The find panel is open. */
  findOpen = false;
  /** Row id of the focused grid row (structure commands act on it). */
  focusedRowId: string | null = null;
  /** A place to reveal once its view has rendered: a cell key, or a row and column (label cells). */
  pendingReveal: RevealTarget | null = null;
  /** Counts the documents opened: a grid that stays mounted starts the new one at the top-left. */
  opened = 0;
  /** The finding F8 / Shift+F8 last went to (marked in the panel). */
  currentFinding: string | null = null;
  /** Counts every change of the document (open, edit, undo, redo): autosave asks "changed since?". */
  revision = 0;
  /** Last edit at the time of saving (undefined: never saved). dirty = top of history ≠ this. */
  private savedMarker: Edit | null | undefined = null;
  private gridTable: GridTable | null = null;
  private namesCache: { year: number; names: NameLookup } | null = null;
  /** Cell values changed (the keys of the cells). */
  private readonly valueChanges = new Emitter<string[]>();
  /** Rows were added, removed or relabelled. */
  private readonly rowChanges = new Emitter();
  /** Finding marks may have changed (the keys of the cells). */
  private readonly markChanges = new Emitter<Set<string>>();
  /** A place to reveal is pending (pendingReveal). */
  private readonly revealRequests = new Emitter();
  private unsubscribeAudit: () => void;

  constructor(readonly audit: AuditClient) {
    this.unsubscribeAudit = audit.subscribe((e) => this.onAuditEvent(e));
  }

  dispose(): void {
    this.unsubscribeAudit();
    this.audit.dispose();
  }

  // ------------------------------------------------------------------ subscriptions

  on(channel: Channel, listener: () => void): () => void {
    return this.emitter.on(channel, listener);
  }
  readonly onValues = this.valueChanges.event;
  readonly onRows = this.rowChanges.event;
  readonly onMarks = this.markChanges.event;
  readonly onReveal = this.revealRequests.event;

  // ------------------------------------------------------------------ derived state

  get catalogue(): Catalogue {
    return getCatalogue(this.doc.catalogueId);
  }

  get names(): NameLookup {
    const year = this.doc.department.fiscalYear;
    if (this.namesCache?.year !== year) this.namesCache = { year, names: nameLookupForYear(year) };
    return this.namesCache.names;
  }

  get decimals(): number {
    return amountDecimals(this.catalogue, this.doc.department, this.unit);
  }

  get dirty(): boolean {
    return (this.history.past[this.history.past.length - 1] ?? null) !== this.savedMarker;
  }

  get canUndo(): boolean {
    return canUndo(this.history);
  }
  get canRedo(): boolean {
    return canRedo(this.history);
  }

  views(): ViewEntry[] {
    return viewEntries(this.doc, this.catalogue, this.built.structure);
  }

  /** The current grid view's rows (cached until the rows change). */
  table(): GridTable | null {
    if (!isGridView(this.view)) return null;
    if (this.gridTable && this.gridTable.def.id === this.view) return this.gridTable;
    const projected = projectTable(this.doc, this.catalogue, this.view as TableId, this.names, this.built.structure);
    const cellIndex = new Map<string, { rowId: string; colId: string; rowIndex: number }>();
    const rowIndexById = new Map<string, number>();
    projected.rows.forEach((row, rowIndex) => {
      rowIndexById.set(row.id, rowIndex);
      for (const [colId, cell] of Object.entries(row.cells)) if (cell.key) cellIndex.set(cell.key, { rowId: row.id, colId, rowIndex });
    });
    this.gridTable = { ...projected, cellIndex, rowIndexById };
    return this.gridTable;
  }

  /** Node id by cell key: the grid asks for the same few hundred cells over and over. */
  private nodeIds = new Map<string, number>();

  nodeOf(key: string): number | undefined {
    let id = this.nodeIds.get(key);
    if (id === undefined) {
      id = this.built.graph.idOf(key);
      if (id !== undefined) this.nodeIds.set(key, id);
    }
    return id;
  }

  /** The value a cell shows in 分 (a printed total as printed), or null when blank / unknown. */
  cellValue(key: string | undefined): number | null {
    if (key === undefined) return null;
    const id = this.nodeOf(key);
    return id === undefined ? null : shownValueOf(this.ev, id);
  }

  /** Whether a computed cell shows the total printed in the workbook it was read from. */
  isPrintedTotal(key: string | undefined): boolean {
    const id = key === undefined ? undefined : this.nodeOf(key);
    return id !== undefined && this.ev.hasReported[id] === 1;
  }

  /** The input a cell edits (shared/compute/perUnitTotals.ts: with a single unit, 表1's per-unit totals). */
  editTarget(key: string): string {
    return editedCellOf(this.doc, key);
  }

  /** 按单位填写: the per-unit inputs a 表1 total adds up (null for any other cell, or with a single unit). */
  breakdownOf(key: string | undefined): PerUnitPart[] | null {
    return key === undefined ? null : perUnitPartsOf(this.doc, key);
  }

  /** Where the amounts of a computed cell are typed (shared/compute/inputSource.ts). */
  inputSourceOf(key: string): string | undefined {
    return inputSourceOf(this.built.graph, key);
  }

  isInput(key: string | undefined): boolean {
    if (key === undefined) return false;
    const id = this.nodeOf(this.editTarget(key));
    return id !== undefined && this.built.graph.kind[id] === NodeKind.Input;
  }

  // ------------------------------------------------------------------ document lifecycle

  /**
   * Open a document (new, opened, or the sample): fresh history, full audit with progress.
   * Without a file, or with `unsaved` (a workbook opened as a document), it starts with unsaved changes.
   */
  open(doc: DepartmentBudget, file: OpenFileInfo | null, options: { unsaved?: boolean } = {}): void {
    // Freeze once up front so later immer edits never walk the whole tree to freeze it.
    this.doc = freeze(doc, true);
    this.opened++;
    this.currentFinding = null;
    this.file = file;
    this.history = emptyHistory();
    this.printedHintShown = false;
    this.savedMarker = file && !options.unsaved ? null : undefined;
    this.revision++;
    this.unit = doc.department.displayUnit;
    this.rebuild();
    const views = this.views();
    if (!views.some((v) => v.id === this.view)) this.view = 'T1';
    this.auditAgain();
    this.emitter.emit('doc');
    this.emitter.emit('structure');
    this.emitter.emit('view');
    this.emitter.emit('findings');
    this.emitter.emit('progress');
  }

  /** The imported code lists changed (installImportedCodeLists): code names and the audit follow them. */
  codeListsChanged(): void {
    this.namesCache = null;
    this.auditAgain();
    this.emitter.emit('structure');
    this.emitter.emit('findings');
    this.emitter.emit('progress');
  }

  /**
   * A full audit of the current document from scratch. The grid of the current view stays mounted:
   * it takes the rows again (new document, or code names changed).
   */
  private auditAgain(): void {
    this.findings.apply({ full: true, added: [], changed: [], removed: [] });
    this.progress = { done: 0, total: 1 };
    this.audit.load(this.doc, this.unit);
    this.rowChanges.fire();
  }

  markSaved(file: OpenFileInfo): void {
    this.file = file;
    this.savedMarker = this.history.past[this.history.past.length - 1] ?? null;
    this.emitter.emit('doc');
  }

  /** Run a command's outcome: refused → message; applied → one undo step. Returns whether it applied. */
  apply(outcome: EditOutcome): boolean {
    if (!outcome.ok) {
      this.showMessage(outcome.message, 'error');
      return false;
    }
    if (!outcome.result) return true;
    const { doc, edit } = outcome.result;
    this.history = record(this.history, edit);
    this.commit(doc, edit.patches, edit.effect);
    return true;
  }

  /** The cells to set: the one input of a single unit's 表1 total is the cell set. */
  private targetsOf(cells: readonly CellValue[]): readonly CellValue[] {
    return this.doc.units.order.length === 1 ? cells.map((c) => ({ key: this.editTarget(c.key), value: c.value })) : cells;
  }

  /** Amount edits go to the working copy without copying the big records; other edits through immer. */
  private readonly applyToDoc = (doc: DepartmentBudget, patches: Edit['patches'], effect: EditEffect): DepartmentBudget =>
    effect.kind === 'values' ? applyToWorkingCopy(doc, patches, this.built.graph) : applyPatches(doc, patches);

  /** Typing, paste, fill, clear: set input cells as one undo step. */
  setCells(cells: readonly CellValue[], options: SetCellsOptions): boolean {
    const outcome = setCells(this.doc, this.built.graph, this.targetsOf(cells), options, (doc, patches) => applyToWorkingCopy(doc, patches, this.built.graph));
    const applied = this.apply(outcome);
    if (outcome.ok && outcome.result) this.hintPrintedTotals();
    return applied;
  }

  private printedHintShown = false;

  /** The first changed amount of a document that keeps printed totals: say how to make them follow the detail. */
  private hintPrintedTotals(): void {
    if (this.printedHintShown || !hasPrintedTotals(this.doc)) return;
    this.printedHintShown = true;
    this.showMessage('提示：此文档保留了从 Excel 读入的原表合计数。修改过的金额之上的各级合计已改按明细计算，其余合计仍按原表；要让所有合计以明细为准，请点击审核结果栏的“按明细重算合计”。', 'info');
  }

  /**
   * The value being typed into a cell, not committed yet: the audit worker tries it out, so that
   * committing exactly this value shows its findings at once. `null` (or a value that would change
   * nothing, or cannot be set) forgets the preview.
   */
  previewCells(cells: readonly CellValue[] | null): void {
    const plan = cells && planSetCells(this.doc, this.built.graph, this.targetsOf(cells), { label: '' });
    this.audit.preview(plan?.ok && plan.edit ? plan.edit.patches : null);
  }

  undo(): void {
    this.replay(undo(this.history, this.doc, this.applyToDoc), '已撤销');
  }

  redo(): void {
    this.replay(redo(this.history, this.doc, this.applyToDoc), '已重做');
  }

  private replay(step: Replay | null, done: string): void {
    if (!step) return;
    this.history = step.history;
    this.commit(step.doc, step.patches, step.effect);
    this.showMessage(`${done}：${step.label}`, 'info');
    this.revealChanged(step.effect);
  }

  /** Undo and redo put the cursor on the (first) cell they changed, in its table. */
  private revealChanged(effect: EditEffect): void {
    if (effect.kind !== 'values') return;
    const first = effect.keys.find((k) => this.nodeOf(k) !== undefined);
    if (first === undefined) return;
    // The input behind 表1's per-unit totals is shown through 表1 (see reveal).
    this.reveal(first, { quiet: true });
  }

  private commit(doc: DepartmentBudget, patches: readonly Patch[], effect: EditEffect): void {
    this.doc = doc;
    this.revision++;
    // A message belongs to the action that made it: the next change of the document replaces it.
    this.clearMessage();
    // The worker first, so the audit runs while this thread updates the view.
    let known: FindingsDelta | null = null;
    if (effect.kind === 'document') {
      this.unit = doc.department.displayUnit;
      this.progress = { done: 0, total: 1 };
      this.audit.load(doc, this.unit);
    } else known = this.audit.update(patches, doc);

    let notify: () => void;
    if (effect.kind === 'values') {
      const { graph } = this.built;
      const changed = new Set<number>();
      for (const key of effect.keys) {
        const id = graph.idOf(key);
        if (id === undefined) continue;
        const value = readPath(doc, graph.inputPath[id]!);
        for (const n of applyInput(this.ev, id, value)) changed.add(n);
      }
      // Printed totals the edit makes stale (or, undone, brings back).
      const printed = new Map<number, number | null | undefined>();
      for (const p of patches) {
        if (p.path[0] !== 'reported' || p.path.length !== 2) continue;
        const id = graph.idOf(String(p.path[1]));
        if (id !== undefined) printed.set(id, p.op === 'remove' ? undefined : (p.value as number | null));
      }
      if (printed.size > 0) for (const n of setReported(this.ev, printed)) changed.add(n);
      const keys = [...changed].map((n) => graph.keyOf(n));
      notify = () => {
        this.valueChanges.fire(keys);
      };
    } else {
      if (effect.kind === 'structure' || effect.kind === 'document') this.rebuild();
      this.gridTable = null;
      if (!this.views().some((v) => v.id === this.view)) {
        this.view = 'T1';
        this.emitter.emit('view');
      }
      notify = () => {
        this.rowChanges.fire();
        this.emitter.emit('structure');
      };
    }
    if (effect.kind === 'document') {
      this.emitter.emit('progress');
      this.emitter.emit('view');
    }
    let touched: Set<string> | null = null;
    if (patches.some((p) => p.path.length === 0 || p.path[0] === 'acceptedWarnings')) {
      // Accepting a warning changes its marks and its group in the panel without new findings.
      touched = new Set<string>();
      for (const p of patches) {
        const f = p.path.length > 1 ? this.findings.get(String(p.path[1])) : undefined;
        for (const c of f?.cells ?? []) touched.add(`${c.table}|${c.row}|${c.column}`);
      }
    }
    // Views refresh once the current event is over: the grid may still be closing its editor.
    queueMicrotask(() => {
      notify();
      // Findings already worked out while the value was typed: shown with the new value.
      if (known) this.onAuditEvent({ type: 'findings', delta: known });
      if (touched) {
        this.markChanges.fire(touched);
        this.emitter.emit('findings');
      }
      this.emitter.emit('doc');
    });
  }

  private rebuild(): void {
    this.nodeIds = new Map();
    this.built = buildGraph(this.doc);
    this.ev = evaluate(this.built.graph, this.doc);
    this.gridTable = null;
  }


  // ------------------------------------------------------------------ view

  setView(view: ViewId): void {
    if (view === this.view) return;
    this.view = view;
    this.focusedRowId = null;
    this.gridTable = null;
    this.emitter.emit('view');
  }

  setUnit(unit: DisplayUnit): void {
    if (unit === this.unit) return;
    this.unit = unit;
    // The messages write amounts in the display unit: the check writes them again in the new one.
    this.progress = { done: 0, total: 1 };
    this.audit.load(this.doc, unit);
    this.emitter.emit('view');
    this.emitter.emit('progress');
  }

  openFind(): void {
    this.findOpen = true;
    this.emitter.emit('dialog');
  }

  closeFind(): void {
    this.findOpen = false;
    this.emitter.emit('dialog');
  }

  setFocusedRow(rowId: string | null): void {
    if (rowId === this.focusedRowId) return;
    this.focusedRowId = rowId;
    this.emitSoon('selection');
  }

  private soon = new Set<Channel>();
  /** Emit at the next frame (several changes in one frame coalesce): for chrome that may lag a frame. */
  emitSoon(channel: Channel): void {
    if (this.soon.has(channel)) return;
    this.soon.add(channel);
    const run = () => {
      this.soon.delete(channel);
      this.emitter.emit(channel);
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    else queueMicrotask(run);
  }

  setCurrentFinding(id: string | null): void {
    if (id === this.currentFinding) return;
    this.currentFinding = id;
    this.emitter.emit('findings');
  }

  showMessage(text: string, tone: StatusMessage['tone'], action?: StatusMessage['action']): void {
    this.message = { text, tone, at: Date.now(), ...(action ? { action } : {}) };
    this.emitter.emit('message');
  }

  /** Take the status-bar message away (when `text` is given: only that message). */
  clearMessage(text?: string): void {
    if (!this.message || (text !== undefined && this.message.text !== text)) return;
    this.message = null;
    this.emitter.emit('message');
  }

  /** Show a cell: switch to its table, select it and flash it (the grid or form does the rest). */
  reveal(key: string, options: { quiet?: boolean } = {}): void {
    key = shownCellOf(key);
    const ref = parseCellKey(key);
    const view = viewOfKey(ref.table, ref.row);
    const known = this.views().some((v) => v.id === view);
    if (!known) {
      if (options.quiet) return;
      this.showMessage(`${ref.table === 'T0' ? '该单元格不在任何表中显示' : '找不到该单元格所在的表'}`, 'info');
      return;
    }
    this.revealAt(view, { key });
  }

  /** Show a place of a view (find results, problems panel). */
  revealAt(view: ViewId, target: RevealTarget): void {
    this.pendingReveal = target;
    this.setView(view);
    this.revealRequests.fire();
  }

  // ------------------------------------------------------------------ findings

  private onAuditEvent(e: AuditEvent): void {
    if (e.type === 'progress') {
      this.progress = e.done >= e.total ? null : { done: e.done, total: e.total };
      this.emitter.emit('progress');
    } else if (e.type === 'findings') {
      if (e.delta.full) this.progress = null;
      const touched = this.findings.apply(e.delta);
      this.auditError = null;
      this.markChanges.fire(touched);
      this.emitter.emit('findings');
      if (e.delta.full) this.emitter.emit('progress');
    } else {
      this.auditError = e.message;
      this.progress = null;
      this.emitter.emit('progress');
      this.showMessage(`审核出错：${e.message}`, 'error');
    }
  }

  /** Accepted warnings of the document (finding id → reason). */
  get accepted(): DepartmentBudget['acceptedWarnings'] {
    return this.doc.acceptedWarnings;
  }
}
