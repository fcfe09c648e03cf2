/**
 * Export a document as the official workbook (bytes out): 表1…表14 and 表15-1…表15-N, print-ready,
 * plus a very hidden metadata sheet. Runs in Node (CLI) and in a Web Worker (editor).
 *
 * Refuses nothing silently: when the audit finds 强制性 errors the export is refused (with the
 * errors in the report) unless `force` is set, and a forced export lists them in its report.
 */
import { amountDecimals, getCatalogue } from '../catalogue';
import { evaluate, shownValueOf } from '../compute/evaluate';
import { graphOf } from '../compute/inputCells';
import type { DepartmentBudget, DisplayUnit } from '../model/document';
import { printedPrecisionFen } from '../money/format';
import { roundFen } from '../money/rounding';
import type { Fen } from '../money/fen';
import { runAudit } from '../rules/audit';
import type { Finding } from '../rules/finding';
import { projectOverallForm, projectProjectForms } from '../tables/forms';
import { nameLookupForYear } from '../tables/names';
import { projectTable } from '../tables/project';
import { writeOverallForm, writeProjectForm } from './exportForms';
import { writeGridTable, type SheetContext, type ValueLookup } from './exportSheets';
import { buildMetadata, writeMetadataSheet } from './metadata';
import type { AdjustedCell, ExportReport } from './report';
import { printedValues } from './roundingAdjust';
import { StyleBook } from './styles';
import { Workbook } from './write/workbookModel';
import { XlsxWriter } from './write/writeXlsx';
import type { ZipPlatform } from './zip/platform';

export interface ExportOptions {
  /** Blank template: the document's structure and texts, no amounts. */
  blank?: boolean;
  /** 尾差调整: printed parts add up to printed totals (off by default). */
  adjustRounding?: boolean;
  /** Export even when the audit finds 强制性 errors. */
  force?: boolean;
  /** Display unit (default: the document's). */
  unit?: DisplayUnit;
  /** Printed decimals (default: the document's own, see amountDecimals). */
  decimals?: number;
  /** Write the hidden metadata sheet (default true). */
  metadata?: boolean;
  /** The audit deciding whether the export may go ahead (default: the rules' runAudit; false: none). */
  audit?: ((doc: DepartmentBudget) => readonly Finding[]) | false;
  /** Deflate level of the zip, 0–9 (default 6; 0 = stored). The platform's CompressionStream has one fixed level, so only 0 or not matters without `zip`. */
  compressionLevel?: number;
  /** Native zip primitives of the host (the CLI passes Node's zlib); default: the platform's CompressionStream. */
  zip?: ZipPlatform;
  onProgress?: (fraction: number) => void;
}

export type ExportResult =
  | { ok: true; bytes: Uint8Array; report: ExportReport }
  | { ok: false; error: { code: 'blockingErrors'; message: string }; report: ExportReport };

export async function exportWorkbook(doc: DepartmentBudget, options: ExportOptions = {}): Promise<ExportResult> {
  const catalogue = getCatalogue(doc.catalogueId);
  const unit = options.unit ?? doc.department.displayUnit;
  const decimals = options.decimals ?? amountDecimals(catalogue, doc.department, unit);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) throw new RangeError(`小数位数应为 0 到 6 的整数：${decimals}`);
  const blank = options.blank === true;
  const adjust = options.adjustRounding === true && !blank;
  const withMetadata = options.metadata !== false;
  const step = printedPrecisionFen(unit, decimals);
  const report: ExportReport = {
    unit,
    decimals,
    blank,
    metadata: withMetadata,
    sheets: [],
    roundingAdjustment: { enabled: adjust, stepFen: step, adjusted: [] },
    blockingErrors: [],
    forced: false,
    warnings: [],
  };

  const audit = options.audit === undefined ? runAudit : options.audit;
  if (!blank && audit) {
    const blocking = audit(doc).filter((f) => f.severity === 'error');
    report.blockingErrors = blocking.map((f) => ({ rule: f.rule, message: f.message }));
    if (blocking.length > 0) {
      if (!options.force) {
        return {
          ok: false,
          error: { code: 'blockingErrors', message: `审核发现 ${blocking.length} 项强制性错误，未导出。请先改正这些错误。` },
          report,
        };
      }
      report.forced = true;
    }
  }

  const { graph, structure } = graphOf(doc);
  const ev = evaluate(graph, doc);
  // What the editor shows: a printed total as printed (see shownValueOf), every other cell from its detail.
  const pv = blank ? null : printedValues(graph, ev.shown, step, adjust);
  const values: ValueLookup = {
    get(key) {
      if (!pv) return null;
      const id = graph.idOf(key);
      if (id === undefined || shownValueOf(ev, id) === null) return null;
      return pv.printed[id]!;
    },
  };

  const wb = new Workbook();
  wb.creator = '部门预算编制器';
  wb.title = `${doc.department.fiscalYear}年${doc.department.name}部门预算`;
  const ctx: SheetContext = {
    wb,
    styles: new StyleBook(decimals),
    departmentName: doc.department.name,
    unit,
    decimals,
    values,
    refs: adjust ? new Map() : null,
    warnings: report.warnings,
  };
  const level = Math.max(0, Math.min(9, options.compressionLevel ?? 6));
  const writer = new XlsxWriter(wb, { level, ...(options.zip ? { zip: options.zip } : {}) });
  const names = nameLookupForYear(doc.department.fiscalYear);
  const sheetCount = catalogue.tables.length - 1 + structure.projects.length;
  let written = 0;
  // Each sheet is written out (and its cells released) as soon as it is filled.
  const progress = async () => {
    await writer.flush();
    options.onProgress?.((0.95 * ++written) / Math.max(1, sheetCount));
  };
  for (const def of catalogue.tables) {
    if (def.layout === 'overallPerformanceForm') {
      report.sheets.push(writeOverallForm(ctx, projectOverallForm(doc, structure), def.sheetName));
      await progress();
    } else if (def.layout === 'projectPerformanceForm') {
      for (const form of projectProjectForms(doc, structure)) {
        report.sheets.push(writeProjectForm(ctx, form));
        await progress();
      }
    } else {
      const table = projectTable(doc, catalogue, def.id, names, structure);
      if (blank) table.note = def.note ? table.note : null;
      report.sheets.push(writeGridTable(ctx, table, def.sheetName));
      await progress();
    }
  }
  if (withMetadata) writeMetadataSheet(wb, buildMetadata(doc, blank));

  if (pv && ctx.refs) {
    const adjusted: AdjustedCell[] = [];
    for (const id of pv.adjusted) {
      if (ev.nonEmpty[id] === 0) continue;
      const key = graph.keys[id]!;
      const ref = ctx.refs.get(key);
      if (!ref) continue;
      const exact = ev.shown[id]!;
      adjusted.push({ key, ref, exactFen: exact, roundedFen: roundFen(exact as Fen, step), printedFen: pv.printed[id]! });
    }
    report.roundingAdjustment.adjusted = adjusted;
  }

  const bytes = await writer.finish();
  options.onProgress?.(1);
  // The zip writer returns one buffer of the exact size, so a worker can transfer it.
  return { ok: true, bytes, report };
}
