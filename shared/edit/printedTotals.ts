/**
 * Printed totals of a document read from a published workbook. The importer keeps the printed value
 * of every computed cell (`reported`) and the printed precision of the amounts, so the audit checks
 * the workbook as it was printed: printed totals against their printed parts, with rounding gaps
 * (尾差) allowed.
 *
 * Once the clerk prepares a budget from such a document, the printed totals go stale with the first
 * changed amount, and stale printed totals would be findings forever. Adopting the computed totals
 * ("按明细重算合计") drops them and makes the amounts exact: every total is the sum of its detail,
 * and the audit compares exact amounts — a difference of one 万元 left by the original rounding is a
 * difference to reconcile. One undoable edit.
 */
import type { DepartmentBudget } from '../model/document';
import { edit, refuse, type EditOutcome } from './edit';

/** Whether the document keeps printed totals or counts its amounts as rounded (constant time). */
export function hasPrintedTotals(doc: DepartmentBudget): boolean {
  if (doc.printedPrecisionFen !== null) return true;
  for (const _ in doc.reported) return true;
  return false;
}

/** How many printed totals the document keeps, and whether its amounts count as rounded. */
export function printedTotalsOf(doc: DepartmentBudget): { count: number; rounded: boolean } {
  let count = 0;
  for (const _ in doc.reported) count++;
  return { count, rounded: doc.printedPrecisionFen !== null };
}

export function adoptComputedTotals(doc: DepartmentBudget): EditOutcome {
  const { count, rounded } = printedTotalsOf(doc);
  if (count === 0 && !rounded) return refuse('本文档没有原表列示的合计数，合计已经按明细计算。');
  return edit(doc, '按明细重算合计', { kind: 'structure' }, (d) => {
    d.reported = {};
    d.printedPrecisionFen = null;
  });
}
