/**
 * Messages between the editor and the xlsx Web Worker (renderer/workers/xlsxWorker.ts), checked
 * with zod on arrival. Workbook bytes travel as Uint8Array and are transferred, not copied.
 *
 * Requests:  export | import | rollForward | importPreviousYear (each with a caller-chosen id)
 * Responses: progress* then exactly one of exported | exportRefused | imported | failed (same id)
 * (`xlsxMethods`, a method table of shared/protocol/methods.ts). The editor checks the shape of each
 * answer; the document of an `imported` answer is parsed by the audit worker, which receives it next.
 */
import { z } from 'zod';
import { departmentBudgetSchema, displayUnitSchema, type DepartmentBudget } from '../model/document';
import { describeIssue } from '../protocol/methods';
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

const object = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);
const failed = z.object({ id: z.string(), type: z.literal('failed'), code: z.custom<ImportErrorCode | 'badRequest' | 'internal'>((v) => typeof v === 'string'), message: z.string(), report: object<ImportReport>().optional() });
const imported = z.object({
  id: z.string(),
  type: z.literal('imported'),
  doc: object<DepartmentBudget>(),
  report: object<ImportReport>(),
  summary: object<RollForwardSummary>().optional(),
  matchedCells: z.number().int().nonnegative().optional(),
  unmatched: z.array(z.string()).optional(),
});
const importReply = z.discriminatedUnion('type', [imported, failed]);
const importRequest = <T extends string>(type: T) => ({ id, type: z.literal(type), bytes, options: importRequestOptionsSchema.default({}), codeLists });

export const xlsxMethods = {
  export: {
    request: z.object({ id, type: z.literal('export'), doc: departmentBudgetSchema, options: exportRequestOptionsSchema.default({}), codeLists }),
    reply: z.discriminatedUnion('type', [
      z.object({ id: z.string(), type: z.literal('exported'), bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array), report: object<ExportReport>() }),
      z.object({ id: z.string(), type: z.literal('exportRefused'), message: z.string(), report: object<ExportReport>() }),
      failed,
    ]),
  },
  import: { request: z.object(importRequest('import')), reply: importReply },
  rollForward: { request: z.object(importRequest('rollForward')), reply: importReply },
  importPreviousYear: { request: z.object({ ...importRequest('importPreviousYear'), doc: departmentBudgetSchema }), reply: importReply },
};
type Methods = typeof xlsxMethods;
export type XlsxWorkerRequest = { [K in keyof Methods]: z.input<Methods[K]['request']> }[keyof Methods];
export type XlsxWorkerReply = { [K in keyof Methods]: z.output<Methods[K]['reply']> }[keyof Methods];
export type XlsxWorkerResponse = { id: string; type: 'progress'; fraction: number; phase: string } | XlsxWorkerReply;

/** Chinese description of why a message is not a valid request (`detail`: a describeIssue text). */
export function describeBadRequest(error: z.ZodError | string): string {
  return `无效的工作请求${typeof error === 'string' ? error : describeIssue(error)}`;
}
