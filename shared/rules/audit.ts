/**
 * One-shot audit (审核) of a document: every finding, in report order. The CLI `check`, exports
 * and tests use this; the editor keeps an incremental session instead (engine.ts, in the worker).
 */
import type { DepartmentBudget } from '../model/document';
import { checkDocument, type AuditOptions } from './engine';
import type { Finding } from './finding';

export function runAudit(doc: DepartmentBudget, options: AuditOptions = {}): Finding[] {
  return checkDocument(doc, options);
}

export { createAuditSession } from './engine';
