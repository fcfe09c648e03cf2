/**
 * An audit finding (审核结果): which rule, how severe, the Chinese message in the clerk's words,
 * the cells involved with their values, and the difference between the two sides.
 */
import { z } from 'zod';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = { error: '强制性', warning: '提示性', info: '尾差' };

export const findingCellSchema = z.object({
  /** Table id of the cell key (`T4`); with row and column it names the cell the clerk can jump to. */
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
  /** The two sides compared, in 分 (left − right = differenceFen), where the rule compares amounts. */
  leftFen: z.number().int().nullable().optional(),
  rightFen: z.number().int().nullable().optional(),
  /** Largest difference that is still a rounding gap (尾差), in 分; 0 for exact data. */
  toleranceFen: z.number().nonnegative().optional(),
  /** Reason a clerk gave for accepting this warning, if any. */
  acceptedReason: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** What changed in the findings: the engine's answer to an edit, and what the audit worker sends. */
export const findingsDeltaSchema = z
  .object({
    /** True when this replaces every finding (after a full audit). */
    full: z.boolean(),
    added: z.array(findingSchema),
    changed: z.array(findingSchema),
    /** Ids of findings that no longer apply. */
    removed: z.array(z.string()),
  })
  .strict();
export type FindingsDelta = z.infer<typeof findingsDeltaSchema>;
/** The delta of one edit (never full). */
export type FindingChanges = Omit<FindingsDelta, 'full'>;
