/**
 * The editor's view of the audit: a client that runs the rules somewhere else (the check worker)
 * and reports findings as deltas. The UI thread never runs the rules; it sends each edit's patches
 * and shows what comes back.
 */
import type { Patch } from 'immer';
import type { DepartmentBudget, DisplayUnit } from '../../shared/model/document';
import type { Finding } from '../../shared/rules/finding';

export interface FindingsDelta {
  /** True when this replaces every finding (after a full check). */
  full: boolean;
  added: Finding[];
  changed: Finding[];
  removed: string[];
}

export type CheckEvent =
  | { type: 'progress'; done: number; total: number }
  | { type: 'findings'; delta: FindingsDelta }
  | { type: 'error'; message: string };

export interface CheckClient {
  /** Full check of a newly opened or imported document (progress events, then a full delta). */
  load(doc: DepartmentBudget, unit?: DisplayUnit): void;
  /**
   * Incremental check after one edit: its patches and the document they produced. Returns the
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
  subscribe(listener: (event: CheckEvent) => void): () => void;
  dispose(): void;
}

/** Listener bookkeeping shared by the implementations. */
export class CheckListeners {
  private listeners = new Set<(event: CheckEvent) => void>();
  add(listener: (event: CheckEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: CheckEvent): void {
    for (const l of this.listeners) l(event);
  }
}
