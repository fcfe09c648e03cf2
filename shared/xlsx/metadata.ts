/**
 * Hidden metadata of an exported workbook: a very hidden sheet holding the document's ids and
 * what the printed tables cannot show (unit kinds, lines of funds outside 表7–表9, last year's
 * amounts, accepted warnings), as JSON split over cells of at most 30,000 characters.
 *
 * The importer uses it only to give rows read from the visible tables their original ids and
 * hidden attributes; the visible tables always win. Workbooks without it (typed by a clerk in the
 * official layout) import the same way, with fresh ids.
 */
import { z } from 'zod';
import { DOCUMENT_VERSION, budgetUnitSchema, functionalLineSchema, cellKeySchema, idSchema, nullableFen, otherExpenditureSchema, recordKeySchema, type DepartmentBudget } from '../model/document';
import { migrateFunctionalLine } from '../model/documentMigration';
import { functionalTableOf } from '../compute/structure';
import type { SheetView } from './sheetView';
import type { Workbook } from './write/workbookModel';

export const META_SHEET = '_budget_tables_meta';
export const META_FORMAT = 'budget-tables/xlsx-metadata';
export const META_VERSION = 1;
const CHUNK = 30_000;

// The document's own id, key and amount rules: metadata that breaks them is not used at all.
const idTuple = idSchema;

export const metadataSchema = z.object({
  format: z.literal(META_FORMAT),
  version: z.number().int(),
  documentVersion: z.number().int(),
  catalogueId: z.string().min(1),
  fiscalYear: z.number().int(),
  units: z.array(budgetUnitSchema),
  economicLines: z.array(z.object({ id: idTuple, unitId: idTuple, code: z.string(), name: z.string().optional() })),
  projects: z.array(z.object({ id: idTuple, unitId: idTuple, name: z.string() })),
  subItems: z.array(z.object({ id: idTuple, projectId: idTuple, name: z.string() })),
  functionalLines: z.array(z.object({ id: idTuple, unitId: idTuple, code: z.string(), fund: z.string() })),
  transferLines: z.array(z.object({ id: idTuple, unitId: idTuple, code: z.string(), projectName: z.string() })),
  procurementItems: z.array(z.object({ id: idTuple, unitId: idTuple, code: z.string() })),
  /** Ids of the projects 表13 lists, in its order. */
  performanceProjects: z.array(idTuple).default([]),
  indicatorIds: z.object({ performance: z.array(idTuple), projects: z.record(idTuple, z.array(idTuple)) }),
  /** Inputs no printed table shows: functional lines of other funds, 表1's other expenditure rows. */
  aux: z.object({ functionalLines: z.array(functionalLineSchema), otherExpenditure: z.record(idTuple, otherExpenditureSchema) }),
  notes: z.record(recordKeySchema, z.string()),
  previousYear: z.record(cellKeySchema, nullableFen),
  acceptedWarnings: z.record(recordKeySchema, z.object({ reason: z.string(), acceptedAt: z.string() })),
});
export type WorkbookMetadata = z.infer<typeof metadataSchema>;

export function buildMetadata(doc: DepartmentBudget, blank: boolean): WorkbookMetadata {
  const all = <T>(c: { byId: Record<string, T>; order: string[] }) => c.order.map((id) => c.byId[id]!);
  const projectIndicators: Record<string, string[]> = {};
  for (const p of all(doc.projects)) projectIndicators[p.id] = p.indicators.map((i) => i.id);
  const aux = all(doc.functionalLines).filter((l) => functionalTableOf(l.fund) === 'T0');
  const otherExpenditure: WorkbookMetadata['aux']['otherExpenditure'] = {};
  for (const [u, o] of Object.entries(doc.otherExpenditure)) {
    otherExpenditure[u] = blank ? { subsidyToAffiliates: null, remittanceToSuperior: null, carryOverOut: null } : o;
  }
  return {
    format: META_FORMAT,
    version: META_VERSION,
    documentVersion: DOCUMENT_VERSION,
    catalogueId: doc.catalogueId,
    fiscalYear: doc.department.fiscalYear,
    units: all(doc.units),
    economicLines: all(doc.economicLines).map((l) => ({ id: l.id, unitId: l.unitId, code: l.code, ...(l.name !== undefined ? { name: l.name } : {}) })),
    projects: all(doc.projects).map((p) => ({ id: p.id, unitId: p.unitId, name: p.name })),
    subItems: all(doc.subItems).map((s) => ({ id: s.id, projectId: s.projectId, name: s.name })),
    functionalLines: all(doc.functionalLines).map((l) => ({ id: l.id, unitId: l.unitId, code: l.code, fund: l.fund })),
    transferLines: all(doc.transferLines).map((l) => ({ id: l.id, unitId: l.unitId, code: l.code, projectName: l.projectName })),
    procurementItems: all(doc.procurementItems).map((l) => ({ id: l.id, unitId: l.unitId, code: l.code })),
    performanceProjects: all(doc.projects).filter((p) => p.performanceManaged).map((p) => p.id),
    indicatorIds: { performance: doc.performance.indicators.map((i) => i.id), projects: projectIndicators },
    aux: { functionalLines: blank ? aux.map((l) => ({ ...l, basicExpenditure: null, projectExpenditure: null })) : aux, otherExpenditure },
    notes: doc.notes,
    previousYear: doc.previousYear,
    acceptedWarnings: doc.acceptedWarnings,
  };
}

export function writeMetadataSheet(wb: Workbook, meta: WorkbookMetadata): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const json = JSON.stringify(meta);
  ws.getCell(1, 1).value = META_FORMAT;
  ws.getCell(1, 2).value = META_VERSION;
  let row = 2;
  for (let i = 0; i < json.length; i += CHUNK) ws.getCell(row++, 1).value = json.slice(i, i + CHUNK);
}

export type MetadataRead = { status: 'absent' } | { status: 'ignored'; reason: string } | { status: 'used'; meta: WorkbookMetadata };

function cellText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v && Array.isArray((v as { richText: unknown }).richText)) {
    return ((v as { richText: { text?: unknown }[] }).richText).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  }
  return null;
}

export function readMetadataSheet(ws: SheetView | undefined): MetadataRead {
  if (!ws) return { status: 'absent' };
  if (cellText(ws.value(1, 1)) !== META_FORMAT) return { status: 'ignored', reason: '隐藏信息的格式标识不对' };
  const version = ws.value(1, 2);
  if (typeof version !== 'number' || version > META_VERSION) return { status: 'ignored', reason: '隐藏信息来自更新版本的程序' };
  const parts: string[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const t = cellText(ws.value(r, 1));
    if (t === null) break;
    parts.push(t);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(parts.join(''));
  } catch {
    return { status: 'ignored', reason: '隐藏信息已损坏' };
  }
  const parsed = metadataSchema.safeParse(withCurrentFieldNames(raw));
  if (!parsed.success) return { status: 'ignored', reason: '隐藏信息的内容不完整' };
  if (parsed.data.documentVersion > DOCUMENT_VERSION) return { status: 'ignored', reason: '隐藏信息来自更新版本的程序' };
  return { status: 'used', meta: parsed.data };
}

/**
 * Metadata written by an older version keeps the 辅助表 functional lines in that version's field names
 * (`basic` / `project` before document version 2): renamed to today's before the schema reads them,
 * so a workbook exported by the previous version imports as it did. Own properties only; `raw` is not changed.
 */
function withCurrentFieldNames(raw: unknown): unknown {
  const own = (o: unknown, key: string): unknown => (o !== null && typeof o === 'object' && Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);
  const version = own(raw, 'documentVersion');
  const aux = own(raw, 'aux');
  const lines = own(aux, 'functionalLines');
  if (typeof version !== 'number' || !Array.isArray(lines)) return raw;
  return { ...(raw as object), aux: { ...(aux as object), functionalLines: lines.map((line: unknown) => migrateFunctionalLine(line, version)) } };
}
