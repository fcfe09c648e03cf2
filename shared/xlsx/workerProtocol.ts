/**
 * Messages between the editor and the xlsx Web Worker (renderer/workers/xlsxWorker.ts), checked
 * with zod on arrival. Workbook bytes travel as Uint8Array and are transferred, not copied.
 *
 * Requests:  export | import | rollForward | importPreviousYear (each with a caller-chosen id)
 * Responses: progress* then exactly one of exported | exportRefused | imported | failed (same id)
 */
import { z } from 'zod';
import { departmentBudgetSchema, displayUnitSchema, type DepartmentBudget } from '../model/document';
import type { ExportReport, ImportReport } from './report';
import type { ImportErrorCode } from './errors';
import type { RollForwardSummary } from './rollForward';

const bytes = z.instanceof(Uint8Array);
const id = z.string().min(1).max(100);

export const exportRequestOptionsSchema = z
  .object({
    blank: z.boolean().optional(),
    adjustRounding: z.boolean().optional(),
    force: z.boolean().optional(),
    unit: displayUnitSchema.optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    metadata: z.boolean().optional(),
    compressionLevel: z.number().int().min(0).max(9).optional(),
  })
  .strict();

export const importRequestOptionsSchema = z
  .object({
    fileName: z.string().max(500).optional(),
    fiscalYear: z.number().int().min(2000).max(2100).optional(),
    catalogueId: z.string().min(1).optional(),
  })
  .strict();

/** The code lists the clerk imported (code-list files), installed by the worker before it reads codes. */
const codeLists = z.array(z.unknown()).max(100).optional();

export const xlsxWorkerRequestSchema = z.discriminatedUnion('type', [
  z.object({ id, type: z.literal('export'), doc: departmentBudgetSchema, options: exportRequestOptionsSchema.default({}), codeLists }),
  z.object({ id, type: z.literal('import'), bytes, options: importRequestOptionsSchema.default({}), codeLists }),
  z.object({ id, type: z.literal('rollForward'), bytes, options: importRequestOptionsSchema.default({}), codeLists }),
  z.object({ id, type: z.literal('importPreviousYear'), doc: departmentBudgetSchema, bytes, options: importRequestOptionsSchema.default({}), codeLists }),
]);
export type XlsxWorkerRequest = z.input<typeof xlsxWorkerRequestSchema>;

export type XlsxWorkerResponse =
  | { id: string; type: 'progress'; fraction: number; phase: string }
  | { id: string; type: 'exported'; bytes: Uint8Array; report: ExportReport }
  | { id: string; type: 'exportRefused'; message: string; report: ExportReport }
  | { id: string; type: 'imported'; doc: DepartmentBudget; report: ImportReport; summary?: RollForwardSummary; matchedCells?: number; unmatched?: string[] }
  | { id: string; type: 'failed'; code: ImportErrorCode | 'badRequest' | 'internal'; message: string; report?: ImportReport };

/** Chinese description of why a message is not a valid request. */
export function describeBadRequest(error: z.ZodError): string {
  const issue = error.issues[0];
  return `无效的工作请求${issue ? `（${issue.path.join('.') || '消息'}：${issue.message}）` : ''}`;
}
