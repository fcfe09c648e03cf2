/**
 * State shared while a document is assembled from the tables read: ids (original ones from the
 * hidden metadata when a row matches, fresh ones otherwise), units and their name matching,
 * amounts read with their precision, printed values of computed cells, and the report.
 */
import { NodeKind, type Graph } from '../compute/graph';
import { normalizeName } from './norm';
import type { CodeListSet } from '../codes/registry';
import type { BudgetUnit, DepartmentBudget, DisplayUnit } from '../model/document';
import { printedPrecisionFen } from '../money/format';
import type { Fen } from '../money/fen';
import { amountOf, decimalsOf, formatDecimals, textDecimals } from './cellValues';
import type { WorkbookMetadata } from './metadata';
import type { ImportReport } from './report';
import type { SheetView } from './sheetView';
import { sheetRef } from './layout';
import type { Verdict } from '../rules/tolerance';

/** What the department's names give the name matching, with the names it was worked out from. */
interface DepartmentNames {
  raw: string;
  name: string;
  short: string | null | undefined;
  shortName: string | undefined;
  prefixes: string[];
  bare: string[];
  city: string | null;
}

/** Pick ids from the metadata by identity (each id used once, in order), else make fresh ones. */
export class IdPool {
  private used = new Set<string>();
  private next = new Map<string, number>();
  private byIdentity = new Map<string, string[]>();
  private metaIds = new Set<string>();

  constructor(meta: WorkbookMetadata | null) {
    if (!meta) return;
    const add = (identity: string, id: string) => {
      this.metaIds.add(id);
      const list = this.byIdentity.get(identity);
      if (list) list.push(id);
      else this.byIdentity.set(identity, [id]);
    };
    for (const u of meta.units) add(`u|${normalizeName(u.name)}`, u.id);
    for (const l of meta.economicLines) add(`e|${l.unitId}|${l.code}`, l.id);
    for (const p of meta.projects) add(`p|${p.unitId}|${normalizeName(p.name)}`, p.id);
    for (const s of meta.subItems) add(`s|${s.projectId}|${normalizeName(s.name)}`, s.id);
    for (const l of meta.functionalLines) add(`f|${l.unitId}|${l.fund}|${l.code}`, l.id);
    for (const l of meta.transferLines) add(`t|${l.unitId}|${l.code}|${normalizeName(l.projectName)}`, l.id);
    for (const l of meta.procurementItems) add(`pi|${l.unitId}|${l.code}`, l.id);
    meta.indicatorIds.performance.forEach((id, i) => add(`i|perf|${i}`, id));
    for (const [pid, ids] of Object.entries(meta.indicatorIds.projects)) ids.forEach((id, i) => add(`i|${pid}|${i}`, id));
    for (const l of meta.aux.functionalLines) this.used.add(l.id);
  }

  /** The metadata id of an identity not used yet, else a fresh `<prefix>-<n>`. */
  take(identity: string, prefix: string): string {
    const list = this.byIdentity.get(identity);
    while (list && list.length) {
      const id = list.shift()!;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
    return this.fresh(prefix);
  }

  fresh(prefix: string): string {
    let n = this.next.get(prefix) ?? 1;
    let id = `${prefix}-${n}`;
    while (this.used.has(id) || this.reserved(id)) id = `${prefix}-${++n}`;
    this.next.set(prefix, n + 1);
    this.used.add(id);
    return id;
  }

  private reserved(id: string): boolean {
    return this.metaIds.has(id);
  }
}

/**
 * Printed values of amount cells as read, in reading order: parallel arrays instead of a map of
 * objects (the large workbook prints ~120,000 of them). A cell is its row (`T5|p:x`, one string
 * shared by the row's cells) and its column; the full cell key and the A1 reference are made only
 * when needed. A cell printed twice counts by its last value, as in a map.
 */
export class PrintedLog {
  readonly rows: string[] = [];
  readonly columns: string[] = [];
  readonly fens: (Fen | null)[] = [];
  /** Sheet names, not the sheets: the log outlives the parsed sheets (they are freed once read). */
  readonly sheets: string[] = [];
  /** Row × 16,384 + column of each cell. */
  readonly cells: number[] = [];
  private index: Map<string, number> | null = null;

  /** `row`: the table and row of the cell key (tableRowKey). */
  add(row: string, column: string, fen: Fen | null, sheet: SheetView, r: number, c: number): void {
    this.rows.push(row);
    this.columns.push(column);
    this.fens.push(fen);
    this.sheets.push(sheet.name);
    this.cells.push(r * 16_384 + c);
    this.index?.set(this.keyAt(this.rows.length - 1), this.rows.length - 1);
  }

  get size(): number {
    return this.rows.length;
  }

  /** The cell key of entry i. */
  keyAt(i: number): string {
    return `${this.rows[i]!}|${this.columns[i]!}`;
  }

  /** Table id (T5) of entry i. */
  tableAt(i: number): string {
    const row = this.rows[i]!;
    return row.slice(0, row.indexOf('|'));
  }

  ref(i: number): string {
    const cell = this.cells[i]!;
    return sheetRef(this.sheets[i]!, Math.floor(cell / 16_384), cell % 16_384);
  }

  /**
   * Per computed node of `graph`, the index of its last printed entry (-1: none; the last printed
   * value of a key decides); and the entries with a value whose key is no node of the graph.
   * A row is looked up once for its run of cells (entries of one row share its string).
   */
  lastByNode(graph: Graph): { lastEntry: Int32Array; orphans: number[] } {
    const lastEntry = new Int32Array(graph.size).fill(-1);
    const orphans: number[] = [];
    let row: string | undefined;
    let rowIndex: number | undefined;
    for (let i = 0; i < this.rows.length; i++) {
      if (this.rows[i] !== row) {
        row = this.rows[i]!;
        rowIndex = graph.rowIndexOf(row);
      }
      const id = rowIndex === undefined ? undefined : graph.nodeIn(rowIndex, this.columns[i]!);
      if (id === undefined) {
        const fen = this.fens[i];
        if (fen !== null && fen !== 0) orphans.push(i);
      } else if (graph.kind[id] !== NodeKind.Input) lastEntry[id] = i;
    }
    return { lastEntry, orphans };
  }

  /** The last printed value of a cell key (undefined when never printed). */
  fenOf(key: string): Fen | null | undefined {
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.rows.length; i++) this.index.set(this.keyAt(i), i);
    }
    const i = this.index.get(key);
    return i === undefined ? undefined : this.fens[i];
  }
}

export interface LocalTotal {
  /** Table id (T13). */
  table: string;
  /** Sheet name. */
  sheet: string;
  row: number;
  verdict: Verdict;
}

export class ImportContext {
  readonly units: BudgetUnit[] = [];
  readonly printed = new PrintedLog();
  /** Max decimals seen per sheet, with the sheet's unit. */
  private readonly precision = new Map<string, { unit: DisplayUnit; decimals: number }>();
  /** Amount cells by the step (分) of their last printed digit. */
  private readonly steps = new Map<number, number>();
  deptShortName: string | null = null;
  /** Printed totals rows that are no cell of the document (表13's 合计 and 小计), checked against their rows. */
  readonly localTotals: LocalTotal[] = [];

  constructor(
    readonly doc: DepartmentBudget,
    readonly lists: CodeListSet,
    readonly ids: IdPool,
    readonly meta: WorkbookMetadata | null,
    readonly report: ImportReport,
    readonly fiscalYear: number,
  ) {}

  skip(ref: string | undefined, message: string): void {
    this.report.skipped.push(ref ? { ref, message } : { message });
  }

  cellIssue(ref: string, message: string): void {
    this.report.cells.push({ ref, message });
  }

  note(message: string, ref?: string): void {
    this.report.notes.push(ref ? { ref, message } : { message });
  }

  /** Read an amount cell; records unreadable cells and the printed precision. undefined = unreadable. */
  amount(sheet: SheetView, unit: DisplayUnit, raw: unknown, r: number, c: number): Fen | null | undefined {
    const read = amountOf(raw, unit);
    if (!read.ok) {
      this.cellIssue(sheet.ref(r, c), `无法读取金额：${read.message}`);
      return undefined;
    }
    if (read.value !== null) {
      const fmt = formatDecimals(sheet.numFmt(r, c));
      const d = Math.max(fmt ?? 0, textDecimals(raw, unit) ?? 0, decimalsOf(read.value, unit));
      const p = this.precision.get(sheet.name);
      if (!p || d > p.decimals) this.precision.set(sheet.name, { unit, decimals: Math.max(d, p?.decimals ?? 0) });
      const step = printedPrecisionFen(unit, d);
      this.steps.set(step, (this.steps.get(step) ?? 0) + 1);
    }
    return read.value;
  }

  /** An amount's value without recording anything (null when empty or unreadable). */
  amountQuiet(raw: unknown, unit: DisplayUnit): number | null {
    const read = amountOf(raw, unit);
    return read.ok ? read.value : null;
  }

  /** Record the printed value of a cell (computed cells become `reported`); `row`: tableRowKey. */
  print(row: string, column: string, fen: Fen | null | undefined, sheet: SheetView, r: number, c: number): void {
    if (fen === undefined) return;
    this.printed.add(row, column, fen, sheet, r, c);
  }

  /**
   * The workbook's printed precision: the coarsest step (分 per last printed digit) that at most 5%
   * of the amounts are finer than — a few cells formatted 0.00 in a table of whole 万元 do not make
   * the whole workbook "2 decimals". null when amounts carry full 分.
   */
  printedPrecision(): number | null {
    let total = 0;
    for (const n of this.steps.values()) total += n;
    if (total === 0) return null;
    const candidates = [...this.steps.keys()].sort((a, b) => b - a);
    for (const step of candidates) {
      let finer = 0;
      for (const [s, n] of this.steps) if (s < step) finer += n;
      if (finer <= 0.05 * total) return step <= 1 ? null : step;
    }
    return null;
  }

  /** Step (分) of one sheet's last printed digit so far. */
  sheetStep(sheet: string, unit: DisplayUnit): number {
    return printedPrecisionFen(unit, this.precision.get(sheet)?.decimals ?? 0);
  }

  // ----- units -------------------------------------------------------------------------------

  private unitIndex = new Map<string, BudgetUnit>();
  private metaUnits: Map<string, BudgetUnit> | null = null;
  private suffixIndex: Map<string, BudgetUnit> | null = null;

  private indexUnit(u: BudgetUnit): void {
    this.nameMemo.clear();
    for (const n of [u.name, u.fullName]) if (n) this.unitIndex.set(normalizeName(n), u);
    this.suffixIndex = null;
    if (this.coreIndex) this.addCores(this.coreIndex, u);
  }

  setFullName(u: BudgetUnit, fullName: string): void {
    u.fullName = fullName;
    this.indexUnit(u);
  }

  /** What the department's names give, worked out once per set of names (every row's name is compared with it). */
  private prefixCache: DepartmentNames | null = null;

  private departmentNames(): DepartmentNames {
    const c = this.prefixCache;
    const { name, shortName } = this.doc.department;
    if (c && c.name === name && c.short === this.deptShortName && c.shortName === shortName) return c;
    const names = [name, this.deptShortName ?? '', shortName];
    // Longest first; `bare` without any city part (深圳市信访局 → 信访局); `city` of the department's name.
    const prefixes = names.filter(Boolean).map(normalizeName).sort((a, b) => b.length - a.length);
    const m = /^(.{1,8}?)市(.+)$/.exec(normalizeName(name));
    const bare = prefixes.map((p) => p.replace(/^.{0,8}?市/, ''));
    return (this.prefixCache = { raw: names.join('\u0000'), name, short: this.deptShortName, shortName, prefixes, bare, city: m ? m[1]! : null });
  }

  /** The department's normalised names, longest first. */
  private departmentPrefixes(): string[] {
    return this.departmentNames().prefixes;
  }

  private stripDepartment(s: string): string | null {
    for (const p of this.departmentPrefixes()) {
      if (s.startsWith(p) && s.length > p.length) return s.slice(p.length);
    }
    return null;
  }

  /** The unit a printed name stands for (name, full name, department-prefix variants, or any form of it: 深圳市X, 市X, X). */
  unitByName(text: string): BudgetUnit | undefined {
    // Every row of every table asks: answers are kept until a unit or the department's names change.
    const raw = this.departmentNames().raw;
    if (this.nameMemoFor !== raw) {
      this.nameMemo.clear();
      this.nameMemoFor = raw;
    }
    if (this.nameMemo.has(text)) return this.nameMemo.get(text);
    const found = this.findUnitByName(text);
    this.nameMemo.set(text, found);
    return found;
  }

  private nameMemo = new Map<string, BudgetUnit | undefined>();
  private nameMemoFor = '';

  private findUnitByName(text: string): BudgetUnit | undefined {
    const key = normalizeName(text);
    if (!key) return undefined;
    const direct = this.unitIndex.get(key);
    if (direct) return direct;
    const suffix = this.stripDepartment(key);
    if (!suffix) return this.unitByCore(key);
    if (!this.suffixIndex) {
      this.suffixIndex = new Map();
      for (const u of this.units) {
        const s = this.stripDepartment(normalizeName(u.name));
        if (s && !this.suffixIndex.has(s)) this.suffixIndex.set(s, u);
      }
    }
    return this.suffixIndex.get(suffix) ?? this.unitByCore(key);
  }

  /** Units by the core of their name and full name (null: more than one). */
  private coreIndex: Map<string, BudgetUnit | null> | null = null;
  private coreIndexFor = '';

  /** The one unit whose name or full name has the same core as `key` (none when two have). */
  private unitByCore(key: string): BudgetUnit | undefined {
    // Cores depend on the department's names too: rebuilt when they change.
    const raw = this.departmentNames().raw;
    if (this.coreIndexFor !== raw) this.coreIndex = null;
    if (!this.coreIndex) {
      this.coreIndexFor = raw;
      this.coreIndex = new Map();
      for (const u of this.units) this.addCores(this.coreIndex, u);
    }
    return this.coreIndex.get(this.core(key)) ?? undefined;
  }

  private addCores(index: Map<string, BudgetUnit | null>, u: BudgetUnit): void {
    for (const n of [u.name, u.fullName]) {
      const core = n ? this.core(n) : '';
      if (core) index.set(core, index.has(core) && index.get(core) !== u ? null : u);
    }
  }

  /** The city part of the department's name (深圳 of 深圳市信访局), or null. */
  private city(): string | null {
    return this.departmentNames().city;
  }

  /** A name without its city (深圳市X → 市X), for names printed in full; null when it has none. */
  private withoutCity(name: string): string | null {
    const city = this.city();
    const key = normalizeName(name);
    if (!city || !key.startsWith(`${city}市`) || key.length <= city.length + 1) return null;
    const printed = name.trim();
    return printed.length === key.length ? printed.slice(city.length) : key.slice(city.length);
  }

  /** Core of a name: without city, leading 市 and the department's own name (深圳市信访局本级, 市信访局本级, 信访局本级 → 本级). */
  private core(name: string): string {
    let k = this.withoutCity(name) ?? normalizeName(name);
    k = k.replace(/^市/, '');
    for (const bare of this.departmentNames().bare) {
      if (bare && k.startsWith(bare) && k.length > bare.length) return k.slice(bare.length);
    }
    return k;
  }

  /** Add a unit read from a table (metadata id and kind when the name matches). */
  addUnit(name: string, fullName?: string): BudgetUnit {
    const existing = this.unitByName(name);
    if (existing) return existing;
    this.metaUnits ??= new Map((this.meta?.units ?? []).map((u) => [normalizeName(u.name), u]));
    const metaUnit = this.metaUnits.get(normalizeName(name));
    // A name printed in full (深圳市X) is kept as the full name; the unit is called 市X like the department.
    const short = !metaUnit && !fullName ? this.withoutCity(name) : null;
    if (short) {
      fullName = name;
      name = short;
    }
    const id = this.ids.take(`u|${normalizeName(name)}`, 'u');
    const unit: BudgetUnit = {
      id,
      name,
      kind: metaUnit?.kind ?? (name.includes('本级') ? 'ownOffice' : 'subordinateUnit'),
      ...(metaUnit?.fullName !== undefined ? { fullName: metaUnit.fullName } : fullName ? { fullName } : {}),
    };
    this.units.push(unit);
    this.indexUnit(unit);
    return unit;
  }

  isDepartmentName(text: string): boolean {
    const names = `${this.doc.department.name}\u0000${this.deptShortName ?? ''}`;
    if (this.deptNamesFor !== names) {
      this.deptNamesFor = names;
      this.deptNames = new Set([this.doc.department.name, this.deptShortName ?? ''].filter(Boolean).map(normalizeName));
    }
    return this.deptNames.has(normalizeName(text));
  }

  private deptNames = new Set<string>();
  private deptNamesFor: string | null = null;
}
