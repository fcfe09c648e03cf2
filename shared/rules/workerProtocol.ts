/**
 * Messages between the editor and the audit Web Worker (renderer/workers/auditWorker.ts): one
 * typed contract, checked with zod on arrival on both sides.
 *
 * Requests (each with a caller-chosen id):
 * - `open`    the document to audit (a full audit): answered by `progress`* then one `findings`
 *             with `delta.full = true` (every finding in `added`).
 * - `patches` one edit's immer patches, numbered 1, 2, 3 … after each `open` (`seq`): the worker
 *             applies them to its copy of the document and answers with one `findings` delta
 *             (added / changed / removed). Accepting or un-accepting a warning is an edit of
 *             `acceptedWarnings` and travels as patches like any other.
 * - `preview` the patches of an edit the clerk is still typing, on top of the edits numbered up to
 *             `seq`: the worker works out the findings delta the edit would cause, then puts its copy
 *             back as it was, and answers with one `preview` (delta `null` when the edit is not a
 *             plain amount edit it can try out, or when `seq` is not the last edit it applied). When
 *             the same edit is then committed, the editor shows that delta at once; the worker's
 *             answer to the committed `patches` confirms it.
 * Every failure is one `failed` (same id) with a Chinese message; the worker never throws.
 */
import { z } from 'zod';
import { departmentBudgetSchema, safeKeySchema } from '../model/document';
import { describeIssue } from '../protocol/methods';
import { findingsDeltaSchema } from './finding';

const id = z.string().min(1).max(100);

export const patchSchema = z
  .object({
    op: z.enum(['add', 'remove', 'replace']),
    path: z.array(z.union([safeKeySchema, z.number().int().nonnegative()])).max(32),
    value: z.unknown().optional(),
  })
  .strict();

/**
 * `codeLists`: the code lists the clerk imported (code-list files; the worker installs them before checking).
 * `unit`: the editor's display unit, in which the messages write amounts.
 */
export const openRequestSchema = z.object({ id, type: z.literal('open'), doc: departmentBudgetSchema, codeLists: z.array(z.unknown()).max(100).optional(), unit: z.enum(['yuan', 'wan']).optional() }).strict();
export const patchesRequestSchema = z.object({ id, type: z.literal('patches'), seq: z.number().int().positive(), patches: z.array(patchSchema).max(1_000_000) }).strict();

export const previewRequestSchema = z.object({ id, type: z.literal('preview'), seq: z.number().int().nonnegative(), patches: z.array(patchSchema).max(1_000) }).strict();

export const auditWorkerRequestSchema = z.discriminatedUnion('type', [openRequestSchema, patchesRequestSchema, previewRequestSchema]);
export type AuditWorkerRequest = z.input<typeof auditWorkerRequestSchema>;


export const CHECK_FAILURE_CODES = ['badRequest', 'noDocument', 'outOfOrder', 'badPatch', 'internal'] as const;

const progressSchema = z.object({ id: z.string(), type: z.literal('progress'), stage: z.enum(['graph', 'evaluate', 'relations', 'rules']), done: z.number().int().nonnegative(), total: z.number().int().positive() }).strict();
const findingsSchema = z.object({ id: z.string(), type: z.literal('findings'), seq: z.number().int().nonnegative(), delta: findingsDeltaSchema, elapsedMs: z.number().nonnegative() }).strict();
const previewSchema = z.object({ id: z.string(), type: z.literal('preview'), seq: z.number().int().nonnegative(), delta: findingsDeltaSchema.nullable(), elapsedMs: z.number().nonnegative() }).strict();
const failedSchema = z.object({ id: z.string(), type: z.literal('failed'), code: z.enum(CHECK_FAILURE_CODES), message: z.string() }).strict();

export const auditWorkerResponseSchema = z.discriminatedUnion('type', [progressSchema, findingsSchema, previewSchema, failedSchema]);
export type AuditWorkerResponse = z.infer<typeof auditWorkerResponseSchema>;

/** The method table (shared/protocol/methods.ts): each request type and its final answer (progress comes before). */
export const auditMethods = {
  open: { request: openRequestSchema, reply: findingsSchema },
  patches: { request: patchesRequestSchema, reply: z.union([findingsSchema, failedSchema]) },
  preview: { request: previewRequestSchema, reply: previewSchema },
};

/** Chinese description of why a message is not a valid request (`detail`: a describeIssue text). */
export function describeBadAuditRequest(error: z.ZodError | string): string {
  return `无效的审核请求${typeof error === 'string' ? error : describeIssue(error)}`;
}
