/**
 * An audit finding (审核结果): which rule, how severe, the Chinese message in the clerk's words,
 * the cells involved with their values, and the difference between the two sides.
 */
import { z } from 'zod';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = { error: '强制性', warning: '提示性', info: '尾差' };

export const findingCellSchema = z.object({
  table: z.string(),
  row: z.string(),
  column: z.string(),
  /** Value of the cell as the document shows it, in 分 (null: empty). */
  valueFen: z.number().int().nullable(),
});
export type FindingCell = z.infer<typeof findingCellSchema>;

export const findingSchema = z.object({
  /** Stable identity of the finding (rule + place), used for accepting warnings and incremental diffs. */
  id: z.string(),
  rule: z.string(),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  cells: z.array(findingCellSchema),
  differenceFen: z.number().int().nullable(),
  /** Reason a clerk gave for accepting this warning, if any. */
  acceptedReason: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
