/**
 * The editor's view of the audit: a client that runs the rules somewhere else (the audit worker)
 * and reports findings as deltas. The UI thread never runs the rules; it sends each edit's patches
 * and shows what comes back.
 */
import type { Patch } from 'immer';
import type { DepartmentBudget, DisplayUnit } from '../../shared/model/document';
import type { Event } from '../../shared/events/emitter';
import type { FindingsDelta } from '../../shared/rules/finding';

export type { FindingsDelta };

export type AuditEvent =
  | { type: 'progress'; done: number; total: number }
  | { type: 'findings'; delta: FindingsDelta }
  | { type: 'error'; message: string };

export interface AuditClient {
  /** Full audit of a newly opened or imported document (progress events, then a full delta). */
  load(doc: DepartmentBudget, unit?: DisplayUnit): void;
  /**
   * Incremental audit after one edit: its patches and the document they produced. Returns the
   * findings delta of the edit when it is already known — the same edit was previewed while the
   * clerk typed it — for the caller to show at once; the worker's own answer then only confirms it.
   * Otherwise null, and the delta arrives later as a `findings` event.
   */
  update(patches: readonly Patch[], doc: DepartmentBudget): FindingsDelta | null;
  /**
   * Try out an edit that is not committed yet (the value in the cell editor), so that committing it
   * can show its findings without waiting for the worker. `null` forgets the previous preview.
   */
  preview(patches: readonly Patch[] | null): void;
  subscribe: Event<AuditEvent>;
  dispose(): void;
}
