/**
 * Import a workbook (bytes in) as a document: this year's official workbook, one exported by this
 * program (its hidden metadata restores ids), or one typed by a clerk in the official layout.
 *
 * Never throws and never touches an open document: the result is a new document with an import
 * report, or one classified XlsxImportError with a Chinese message.
 */
import { emptyDocument } from '../model/emptyDocument';
import { DEFAULT_CATALOGUE_ID, getCatalogue, hasCatalogue, type TableDef } from '../catalogue';
import { cachedCodeLists, normalizeName } from './norm';
import { getCodeLists } from '../codes/registry';
import { evaluate } from '../compute/evaluate';
import { buildGraph } from '../compute/buildGraph';
import { checkReferences, formatIssuePath } from '../io/budgetFile';
import { columnsOf, fillYear } from '../catalogue/headers';
import { departmentBudgetSchema, type DepartmentBudget, type DisplayUnit } from '../model/document';
import { amountVolume, documentVolume, rememberVolume, withinVolume } from '../model/amountVolume';
import { MAX_AMOUNT_VOLUME_FEN, VOLUME_BOUND_TEXT } from '../money/fen';
import type { TableId } from '../model/cellKey';
import { unitMaxDecimals } from '../money/format';
import { assembleOverallForm, assembleOverview, assembleProjectForms } from './assembleForms';
import {
  assembleEconomic,
  assembleFunctional,
  assemblePerformanceProjects,
  assembleProcurement,
  assembleThreePublic,
  assembleTransfers,
  assembleUnitRows,
  unitsFromThreePublic,
  unitsFromUnitColumn,
  unitsFromUnitRows,
  type TableResult,
} from './assembleTables';
import { assembleProjects } from './assembleProjects';
import { DEFAULT_IMPORT_LIMITS, XlsxImportError, fileLabel, type ImportLimits } from './errors';
import { headerKey, recogniseSheet } from './headerMatch';
import { IdPool, ImportContext } from './importContext';
import { readOverallForm, readProjectForm, type OverallFormRead, type ProjectFormRead } from './importForms';
import { readGridTable, type ReadTable } from './importTables';
import { META_SHEET, readMetadataSheet, type WorkbookMetadata } from './metadata';
import { emptyImportReport, type ImportReport, type ImportTableSummary } from './report';
import type { ParsedSheet } from './read/parsedSheet';
import type { SheetEntry } from './read/workbookParts';
import { SheetView } from './sheetView';
import { openWorkbook, type WorkbookSource } from './workbookSource';
import type { LoadXlsLibrary } from './xls/xlsLibrary';
import type { ZipPlatform } from './zip/platform';
import { numbering, totalsKind } from './rowEvidence';
import { checkStructure } from './structureCheck';

export interface ImportProgress {
  phase: 'check' | 'load' | 'read' | 'build';
  /** 0…1 over the whole import. */
  fraction: number;
}

export interface ImportOptions {
  /** File name for messages. */
  fileName?: string;
  /** Budget year when the workbook does not say it. */
  fiscalYear?: number;
  /** Table layout (default: the metadata's, else the default catalogue). */
  catalogueId?: string;
  limits?: Partial<ImportLimits>;
  onProgress?: (p: ImportProgress) => void;
  /** Checked between phases; an aborted import fails with code `cancelled`. */
  signal?: { readonly aborted: boolean };
  /** Native zip primitives of the host (the CLI passes Node's zlib); default: the platform's DecompressionStream. */
  zip?: ZipPlatform;
  /** The BIFF library for legacy .xls (the hosts load it on first use); without it a .xls is refused. */
  xls?: LoadXlsLibrary;
}

export type ImportResult = { ok: true; doc: DepartmentBudget; report: ImportReport } | { ok: false; error: XlsxImportError; report: ImportReport };

/** Parse one sheet; anything unexpected in its XML becomes a classified `corrupt` error naming the sheet. */
function parseSheet(wb: WorkbookSource, entry: SheetEntry, fileName?: string): ParsedSheet {
  try {
    return wb.parse(entry);
  } catch (cause) {
    if (cause instanceof XlsxImportError) throw cause;
    const text = cause instanceof Error ? cause.message : String(cause);
    throw new XlsxImportError('corrupt', `${fileLabel(fileName)}的工作表“${entry.name}”已损坏，无法读取（${text.slice(0, 120)}）。请用 Excel 或 WPS 打开检查，重新保存后再导入。`, { cause });
  }
}

function majority<T>(values: T[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestCount = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount || (n === bestCount && best !== null && best !== undefined && v > best)) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

interface Recognised {
  grid: Map<TableId, ReadTable>;
  overall: OverallFormRead | null;
  forms: ProjectFormRead[];
  summaries: ImportTableSummary[];
}

function recogniseSheets(wb: WorkbookSource, catalogueId: string, ctxReport: ImportReport, options: ImportOptions): Recognised {
  const fileName = options.fileName;
  const catalogue = getCatalogue(catalogueId);
  const grid = new Map<TableId, ReadTable>();
  let overall: OverallFormRead | null = null;
  const forms: ProjectFormRead[] = [];
  const summaries: ImportTableSummary[] = [];
  // Visible sheets first: a hidden copy of a table (last year's, a draft) yields to the one shown.
  const ordered = [...wb.sheets.entries()].sort((a, b) => Number(a[1].state !== 'visible') - Number(b[1].state !== 'visible') || a[0] - b[0]);
  for (const [index, entry] of ordered) {
    if (entry.name === META_SHEET) continue;
    if (index % 64 === 0) {
      check(options.signal, fileName);
      options.onProgress?.({ phase: 'read', fraction: 0.6 + (0.25 * index) / wb.sheets.length });
    }
    const sheet = new SheetView(parseSheet(wb, entry, fileName));
    const found = recogniseSheet(sheet, catalogue);
    if (!found) {
      if (sheet.rowCount > 0) ctxReport.skipped.push({ message: `工作表“${sheet.name}”不是预算表（没有找到表名或表号），已跳过` });
      continue;
    }
    const def: TableDef = found.def;
    const label = def.layout === 'projectPerformanceForm' ? `表15${found.form ? `-${found.form}` : ''}` : `表${def.number}`;
    if (def.layout === 'overallPerformanceForm') {
      if (overall) {
        ctxReport.skipped.push({ message: `工作表“${sheet.name}”与“${overall.sheet.name}”都是表14，只读取了前者` });
        continue;
      }
      overall = readOverallForm(sheet);
      continue;
    }
    if (def.layout === 'projectPerformanceForm') {
      forms.push(readProjectForm(sheet, found.form ?? null));
      continue;
    }
    if (grid.has(def.id)) {
      const kept = grid.get(def.id)!.sheet.name;
      ctxReport.skipped.push({ message: entry.state !== 'visible' ? `隐藏的工作表“${sheet.name}”与“${kept}”都是${label}，只读取了显示的“${kept}”` : `工作表“${sheet.name}”与“${kept}”都是${label}，只读取了前者` });
      continue;
    }
    const read = readGridTable(sheet, def, 2000);
    if (!read) {
      const first = def.header[0]?.text ?? '';
      summaries.push({ table: label, sheet: sheet.name, status: 'skipped', rows: 0, amounts: 0, message: `没有找到表头（如“${first.replace('{year}', '')}”），无法读取本表` });
      continue;
    }
    grid.set(def.id, read);
  }
  forms.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
  return { grid, overall, forms, summaries };
}

function detectYear(rec: Recognised, meta: WorkbookMetadata | null): number | null {
  if (meta) return meta.fiscalYear;
  const header: number[] = [];
  for (const t of rec.grid.values()) {
    if (t.def.id === 'T12') {
      const ys = t.rows.map((r) => /((?:19|20)\d{2})/.exec(r.labels.year ?? '')?.[1]).filter(Boolean).map(Number);
      if (ys.length) header.push(Math.max(...ys));
      continue;
    }
    header.push(...t.years);
  }
  if (rec.overall) header.push(...rec.overall.years);
  for (const f of rec.forms) header.push(...f.years);
  return majority(header);
}

/** Decimals of amounts printed in `unit` at a step of `step` 分 (null: full 分). */
function decimalsOfStep(unit: DisplayUnit, step: number | null): number {
  const max = unitMaxDecimals(unit);
  if (step === null) return max;
  return Math.max(0, Math.min(max, max - Math.round(Math.log10(step))));
}

function buildSkeleton(catalogueId: string, fiscalYear: number, unit: DisplayUnit): DepartmentBudget {
  return emptyDocument({ name: '', shortName: '', competentDepartment: '', fiscalYear, displayUnit: unit }, catalogueId);
}

function check(signal: ImportOptions['signal'], fileName?: string): void {
  if (signal?.aborted) throw new XlsxImportError('cancelled', `已取消导入${fileName ? `“${fileName}”` : ''}。`);
}

export async function importWorkbook(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const report = emptyImportReport(options.fileName);
  try {
    const doc = await importInner(bytes, options, report);
    return { ok: true, doc, report };
  } catch (e) {
    if (e instanceof XlsxImportError) return { ok: false, error: e, report };
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: new XlsxImportError('internal', `导入${fileLabel(options.fileName)}时程序出错（${detail.slice(0, 200)}）。请把该文件提供给技术支持。`, { cause: e }), report };
  }
}

async function importInner(bytes: Uint8Array, options: ImportOptions, report: ImportReport): Promise<DepartmentBudget> {
  const ctx = await assemble(bytes, options, report);
  // The workbook and its parsed sheets are out of reach here: only the document and the printed log live on.
  return finish(ctx.doc, ctx, options.fileName);
}

/** Read the workbook's tables into a document (not yet validated) and the log of its printed values. */
async function assemble(bytes: Uint8Array, options: ImportOptions, report: ImportReport): Promise<ImportContext> {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const progress = (phase: ImportProgress['phase'], fraction: number) => options.onProgress?.({ phase, fraction });
  const file = options.fileName;
  progress('check', 0);
  const wb = await openWorkbook(bytes, { fileName: file, limits, ...(options.zip ? { zip: options.zip } : {}), ...(options.xls ? { xls: options.xls } : {}), onProgress: (f) => progress('check', 0.5 * f) });
  check(options.signal, file);
  progress('load', 0.5);
  progress('read', 0.6);

  const metaEntry = wb.find(META_SHEET);
  const metaRead = readMetadataSheet(metaEntry ? new SheetView(parseSheet(wb, metaEntry, file)) : undefined);
  const meta = metaRead.status === 'used' ? metaRead.meta : null;
  report.metadata = metaRead.status;
  if (metaRead.status === 'ignored') report.notes.push({ message: `工作簿中的隐藏信息无法使用（${metaRead.reason}），已按表格内容识别` });
  const catalogueId = options.catalogueId ?? (meta && hasCatalogue(meta.catalogueId) ? meta.catalogueId : DEFAULT_CATALOGUE_ID);
  const rec = recogniseSheets(wb, catalogueId, report, options);
  if (rec.grid.size === 0 && !rec.overall && rec.forms.length === 0) {
    throw new XlsxImportError('noTables', `${fileLabel(file)}中没有找到任何预算表（工作表名应为“表1”…“表15-N”，或表头上方有“部门收支预算总表”等表名）。${rec.summaries.map((s) => `${s.table}：${s.message}`).join('；')}`);
  }
  const fiscalYear = options.fiscalYear ?? detectYear(rec, meta);
  if (fiscalYear === null || fiscalYear < 2000 || fiscalYear > 2100) {
    throw new XlsxImportError('noYear', `无法确定${fileLabel(file)}的预算年度：表头中没有“2020年预算数”这样的年度文字。请在导入时指定预算年度（命令行参数 --year）。`);
  }
  report.fiscalYear = fiscalYear;
  progress('build', 0.85);

  const units: DisplayUnit[] = [];
  for (const t of rec.grid.values()) if (t.unit) units.push(t.unit);
  if (rec.overall?.unit) units.push(rec.overall.unit);
  for (const f of rec.forms) if (f.unit) units.push(f.unit);
  const docUnit: DisplayUnit = majority(units) ?? 'wan';
  if (units.length === 0) report.notes.push({ message: '工作簿中没有找到“单位：万元”或“单位：元”，金额按万元读取' });
  report.unit = docUnit;

  const doc = buildSkeleton(catalogueId, fiscalYear, docUnit);
  const ctx = new ImportContext(doc, cachedCodeLists(getCodeLists(fiscalYear)), new IdPool(meta), meta, report, fiscalYear);
  const names = [...rec.grid.values()].map((t) => t.departmentName).filter((n): n is string => !!n);
  doc.department.name = (majority(names) ?? rec.overall?.departmentName ?? rec.forms.find((f) => f.implementingUnit)?.implementingUnit ?? '').slice(0, 200);
  if (!doc.department.name) {
    doc.department.name = '（未命名部门）';
    report.notes.push({ message: '没有找到“单位名称：…”，部门名称暂记为“（未命名部门）”' });
  }

  // Units first, from the tables that list them.
  const g = rec.grid;
  for (const id of ['T2', 'T3'] as const) {
    const t = g.get(id);
    if (t) unitsFromUnitRows(ctx, t, t.unit ?? docUnit);
  }
  if (g.get('T12')) unitsFromThreePublic(ctx, g.get('T12')!);
  for (const id of ['T7', 'T8', 'T9', 'T10', 'T11'] as const) {
    const t = g.get(id);
    if (t) unitsFromUnitColumn(ctx, t);
  }
  // Without a department row (合计 instead, or none), the office's unit says it: 市X局本级 → 市X局.
  const office = ctx.units.map((u) => u.name).find((n) => /.本级$/.test(n));
  doc.department.shortName = (ctx.deptShortName ?? office?.replace(/本级$/, '') ?? doc.department.name).slice(0, 200);

  const unitOf = (t: ReadTable): DisplayUnit => t.unit ?? docUnit;
  const results = new Map<string, TableResult>();
  const run = (id: TableId, fn: (t: ReadTable) => TableResult) => {
    const t = g.get(id);
    if (t) results.set(id, fn(t));
  };
  run('T2', (t) => assembleUnitRows(ctx, t, unitOf(t)));
  run('T3', (t) => assembleUnitRows(ctx, t, unitOf(t)));
  run('T4', (t) => assembleEconomic(ctx, t, unitOf(t)));
  const knownProjects = new Set<string>();
  for (const r of g.get('T13')?.rows ?? []) if (r.labels.name && !totalsKind(r.labels.name)) knownProjects.add(normalizeName(numbering(r.labels.name).rest));
  for (const t of rec.overall?.tasks ?? []) knownProjects.add(normalizeName(t.name));
  for (const f of rec.forms) if (f.projectName) knownProjects.add(normalizeName(f.projectName));
  for (const p of meta?.projects ?? []) knownProjects.add(normalizeName(p.name));
  run('T5', (t) => assembleProjects(ctx, t, unitOf(t), knownProjects));
  for (const id of ['T7', 'T8', 'T9'] as const) run(id, (t) => assembleFunctional(ctx, t, unitOf(t)));
  run('T10', (t) => assembleTransfers(ctx, t, unitOf(t)));
  run('T11', (t) => assembleProcurement(ctx, t, unitOf(t)));
  run('T12', (t) => assembleThreePublic(ctx, t, unitOf(t)));
  const projects = () => doc.projects.order.map((id) => doc.projects.byId[id]!);
  run('T13', (t) => assemblePerformanceProjects(ctx, t, unitOf(t), projects()));
  if (!g.has('T13') && doc.projects.order.length) report.notes.push({ message: '没有表13，所有项目按“纳入绩效管理”读取' });
  const formResults = assembleProjectForms(ctx, rec.forms, docUnit, projects());
  if (rec.overall) results.set('T14', assembleOverallForm(ctx, rec.overall, rec.overall.unit ?? docUnit, projects()));
  run('T1', (t) => assembleOverview(ctx, t, unitOf(t)));
  run('T6', (t) => assembleOverview(ctx, t, unitOf(t)));

  if (meta) {
    for (const line of meta.aux.functionalLines) {
      if (!ctx.units.some((u) => u.id === line.unitId) || doc.functionalLines.byId[line.id]) continue;
      doc.functionalLines.byId[line.id] = line;
      doc.functionalLines.order.push(line.id);
    }
    for (const [u, o] of Object.entries(meta.aux.otherExpenditure)) if (ctx.units.some((x) => x.id === u)) doc.otherExpenditure[u] = o;
    if (meta.fiscalYear === fiscalYear) {
      doc.previousYear = { ...meta.previousYear } as DepartmentBudget['previousYear'];
      doc.acceptedWarnings = { ...meta.acceptedWarnings };
    }
  }

  // Notes under tables: the catalogue's fixed notes (printed under the table anyway) are not stored, unless
  // printed otherwise (if only in spacing). A note saying the table is empty (注：本部门无政府性基金预算支出。, in
  // any wording) is the clerk's statement the empty-table rule asks for, so it is kept even in the standard wording.
  for (const t of g.values()) {
    if (!t.note) continue;
    const defaults = t.def.note ? [fillYear(t.def.note, fiscalYear)] : [];
    const metaNote = meta?.notes[t.def.id];
    if (metaNote !== undefined && headerKey(metaNote) === headerKey(t.note)) doc.notes[t.def.id] = metaNote;
    else if (!defaults.includes(t.note)) doc.notes[t.def.id] = t.note.slice(0, 2000);
  }

  for (const u of ctx.units) {
    doc.units.byId[u.id] = u;
    doc.units.order.push(u.id);
  }
  if (meta) restoreOrder(doc, meta);

  // Summaries per table.
  for (const s of rec.summaries) report.tables.push(s);
  for (const t of g.values()) {
    const r = results.get(t.def.id);
    const columnTexts = new Map(columnsOf(t.def, fiscalYear).map((c) => [c.key, c.headerPath.join('/')]));
    const missing = t.header.missing.map((c) => columnTexts.get(c.key) ?? c.key).join('、');
    const unknown = t.header.unknown.map((u) => `第 ${u.col} 列“${u.text}”`).join('、');
    for (const u of t.header.unknown) report.skipped.push({ ref: t.sheet.ref(t.header.bottom, u.col), message: `列“${u.text}”不是${t.def.sheetName}的列，已跳过` });
    const messages = [missing ? `缺少列：${missing}（按空白处理）` : '', unknown ? `无法识别的列：${unknown}` : ''].filter(Boolean);
    report.tables.push({ table: `表${t.def.number}`, sheet: t.sheet.name, status: missing ? 'partial' : 'read', rows: r?.rows ?? 0, amounts: r?.amounts ?? 0, ...(messages.length ? { message: messages.join('；') } : {}) });
  }
  if (rec.overall) {
    const r = results.get('T14');
    report.tables.push({ table: '表14', sheet: rec.overall.sheet.name, status: rec.overall.missing.length ? 'partial' : 'read', rows: r?.rows ?? 0, amounts: r?.amounts ?? 0, ...(rec.overall.missing.length ? { message: `没有找到：${rec.overall.missing.join('、')}` } : {}) });
  }
  formResults.forEach((f, i) => {
    report.tables.push({ table: `表15-${f.form.index ?? i + 1}`, sheet: f.form.sheet.name, status: f.message ? 'skipped' : 'read', rows: f.rows, amounts: f.amounts, ...(f.message ? { message: f.message } : {}) });
  });
  for (const id of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13'] as const) {
    if (!g.has(id) && !rec.summaries.some((s) => s.table === `表${id.slice(1)}`)) report.notes.push({ message: `工作簿中没有${getCatalogue(catalogueId).tables.find((t) => t.id === id)?.sheetName ?? id}` });
  }

  doc.printedPrecisionFen = ctx.printedPrecision();
  report.printedPrecisionFen = doc.printedPrecisionFen;
  // The document keeps the decimals it was read at (shown and exported so), where they are not the catalogue's.
  if (report.tables.some((t) => t.amounts > 0)) {
    const decimals = decimalsOfStep(docUnit, doc.printedPrecisionFen);
    if (decimals !== getCatalogue(catalogueId).decimals[docUnit]) doc.department.displayDecimals = decimals;
  }
  return ctx;
}

/** Collections in the document's own order (kept in the metadata); rows not in it stay last, in table order. */
function restoreOrder(doc: DepartmentBudget, meta: WorkbookMetadata): void {
  const sort = (c: { order: string[] }, ids: string[]) => {
    const rank = new Map(ids.map((id, i) => [id, i]));
    const at = new Map(c.order.map((id, i) => [id, i]));
    c.order.sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || at.get(a)! - at.get(b)!);
  };
  sort(doc.units, meta.units.map((x) => x.id));
  sort(doc.economicLines, meta.economicLines.map((x) => x.id));
  sort(doc.projects, meta.projects.map((x) => x.id));
  sort(doc.subItems, meta.subItems.map((x) => x.id));
  sort(doc.functionalLines, meta.functionalLines.map((x) => x.id));
  sort(doc.transferLines, meta.transferLines.map((x) => x.id));
  sort(doc.procurementItems, meta.procurementItems.map((x) => x.id));
}

/** Validate, then keep the printed values of computed cells as `reported`. */
function finish(raw: DepartmentBudget, ctx: ImportContext, fileName?: string): DepartmentBudget {
  // Each amount cell is already within its bound (parseAmount); the sum of all of them may not be.
  const volumeError = () => new XlsxImportError('amountRange', `${fileLabel(fileName)}中的${VOLUME_BOUND_TEXT}，超出了本程序可精确计算的范围，请检查金额的单位（元/万元）是否正确。`);
  const parsed = departmentBudgetSchema.safeParse(raw);
  if (!parsed.success) {
    if (!withinVolume(raw)) throw volumeError();
    const issue = parsed.error.issues[0]!;
    throw new XlsxImportError('internal', `导入${fileLabel(fileName)}得到的文档不完整（${formatIssuePath(issue.path)}：${issue.message}）。`);
  }
  const doc = parsed.data;
  const refError = checkReferences(doc);
  if (refError) throw new XlsxImportError('internal', `导入${fileLabel(fileName)}得到的文档有误（${refError}）。`);
  const { graph } = buildGraph(doc);
  const ev = evaluate(graph, doc);
  const reported: DepartmentBudget['reported'] = {};
  const exact = doc.printedPrecisionFen === null;
  const { lastEntry, orphans } = ctx.printed.lastByNode(graph);
  for (const i of orphans.slice(0, 50)) ctx.skip(ctx.printed.ref(i), '打印的合计数在读取的明细中没有对应的行（例如明细行未能识别），已忽略');
  if (orphans.length > 50) ctx.skip(undefined, `另有 ${orphans.length - 50} 个打印的合计数没有对应的行，已忽略`);
  for (let id = 0; id < graph.size; id++) {
    const i = lastEntry[id]!;
    if (i < 0) continue;
    const fen = ctx.printed.fens[i]!;
    // Nothing is recorded when the printed value says what the detail says anyway: a blank over a
    // zero total, or — in an exact workbook — the computed value itself (a rounded workbook keeps
    // every printed total: each counts as one rounded figure).
    const agrees = fen === null ? ev.computed[id] === 0 : exact && fen === ev.computed[id];
    // Each node is one cell key, met once here.
    if (!agrees) reported[ctx.printed.keyAt(i)] = fen;
  }
  ctx.report.structure = checkStructure(ev, ctx.printed, lastEntry, ctx.localTotals);
  const result = { ...doc, reported };
  // The schema measured the document (documentVolume); only `reported` is new since.
  const volume = documentVolume(doc) - amountVolume(doc.reported) + amountVolume(reported);
  if (volume > MAX_AMOUNT_VOLUME_FEN) throw volumeError();
  rememberVolume(result, volume);
  return result;
}
