/**
 * Workbook-level year operations: roll last year's workbook forward into this year's document,
 * and import last year's workbook into an open document as reference (上年数) only.
 */
import { departmentBudgetSchema, type DepartmentBudget } from '../model/document';
import { formatIssuePath } from '../io/budgetFile';
import { XlsxImportError, fileLabel } from './errors';
import { importWorkbook, type ImportOptions } from './importWorkbook';
import type { ImportReport } from './report';
import { previousYearInto, rollForwardDocument, type RollForwardSummary } from './rollForward';

export type RollForwardResult = { ok: true; doc: DepartmentBudget; report: ImportReport; summary: RollForwardSummary } | { ok: false; error: XlsxImportError; report: ImportReport };

/** Last year's workbook → this year's document (structure and texts, empty amounts, 上年数 kept). */
export async function rollForwardWorkbook(bytes: Uint8Array, options: ImportOptions = {}): Promise<RollForwardResult> {
  const imported = await importWorkbook(bytes, options);
  if (!imported.ok) return imported;
  const { doc, summary } = rollForwardDocument(imported.doc);
  const invalid = invalidResult(doc, options.fileName);
  if (invalid) return { ok: false, error: invalid, report: imported.report };
  imported.report.notes.push({
    message: `已由 ${summary.fromYear} 年预算生成 ${summary.toYear} 年预算：复制了 ${summary.units} 个预算单位、${summary.economicLines} 条经济分类、${summary.functionalLines} 条功能分类、${summary.projects} 个项目（${summary.subItems} 个二级项目）、${summary.procurementItems} 个采购品目及各项文字和绩效指标；本年金额为空，上年 ${summary.previousYearCells} 个金额保留为上年数。`,
  });
  return { ok: true, doc, report: imported.report, summary };
}

export type PreviousYearImportResult =
  | { ok: true; doc: DepartmentBudget; report: ImportReport; matchedCells: number; unmatched: string[] }
  | { ok: false; error: XlsxImportError; report: ImportReport };

/** Last year's workbook as reference figures (上年数) of an open document; `open` itself is never changed. */
export async function importPreviousYear(open: DepartmentBudget, bytes: Uint8Array, options: ImportOptions = {}): Promise<PreviousYearImportResult> {
  const imported = await importWorkbook(bytes, { fiscalYear: undefined, ...options });
  if (!imported.ok) return imported;
  const last = imported.doc;
  if (last.department.fiscalYear !== open.department.fiscalYear - 1) {
    imported.report.notes.push({ message: `注意：导入的工作簿是 ${last.department.fiscalYear} 年的，当前文档是 ${open.department.fiscalYear} 年` });
  }
  const result = previousYearInto(open, last);
  const invalid = invalidResult(result.doc, options.fileName);
  if (invalid) return { ok: false, error: invalid, report: imported.report };
  imported.report.notes.push({ message: `上年数：${result.matchedCells} 个金额对应到了当前文档${result.unmatched.length ? `；${result.unmatched.length} 行在当前文档中没有对应的行：${result.unmatched.slice(0, 20).join('、')}${result.unmatched.length > 20 ? '……' : ''}` : ''}` });
  return { ok: true, doc: result.doc, report: imported.report, matchedCells: result.matchedCells, unmatched: result.unmatched };
}

/**
 * Last year's printed figures become this year's 上年数 one by one; a printed total beyond the
 * amount bound (money/fen.ts) cannot be kept, and the document must stay one that opens again.
 */
function invalidResult(doc: DepartmentBudget, fileName: string | undefined): XlsxImportError | null {
  const parsed = departmentBudgetSchema.safeParse(doc);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return new XlsxImportError(issue.message.startsWith('金额') ? 'amountRange' : 'internal', `${fileLabel(fileName)}中的上年数无法使用（${formatIssuePath(issue.path)}：${issue.message}），请检查金额的单位（元/万元）是否正确。`);
}
