/**
 * Findings as the editor shows them: by id, by cell (grid marks and tooltips), by table (badges
 * of the table list), grouped by severity for the problems panel (newest first, so the finding an
 * edit just caused is on top). Accepted warnings come from the document (`acceptedWarnings`).
 */
import { cellKey, type TableId } from '../../shared/model/cellKey';
import type { Finding, Severity } from '../../shared/rules/finding';
import type { FindingsDelta } from './auditClient';

export interface ShownFinding extends Finding {
  /** Arrival order: larger is newer. */
  seq: number;
}

/** Badge key of a finding cell: the table, or `T15:<projectId>` for a project form. */
export function viewOfCell(table: string, row: string): string {
  if (table === 'T15' && row.startsWith('p:')) return `T15:${row.slice(2)}`;
  return table;
}

export interface TableCounts {
  errors: number;
  warnings: number;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export class FindingsStore {
  private byId = new Map<string, ShownFinding>();
  private byCell = new Map<string, Set<string>>();
  private seq = 0;
  version = 0;

  get size(): number {
    return this.byId.size;
  }

  get(id: string): ShownFinding | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<ShownFinding> {
    return this.byId.values();
  }

  /** Apply a delta; returns the cell keys whose marks may have changed. */
  apply(delta: FindingsDelta): Set<string> {
    const touched = new Set<string>();
    if (delta.full) {
      for (const k of this.byCell.keys()) touched.add(k);
      this.byId.clear();
      this.byCell.clear();
    }
    for (const id of delta.removed) this.remove(id, touched);
    for (const f of delta.changed) {
      const old = this.byId.get(f.id);
      this.remove(f.id, touched);
      this.insert(f, touched, old?.seq);
    }
    for (const f of delta.added) {
      this.remove(f.id, touched);
      this.insert(f, touched);
    }
    this.version++;
    return touched;
  }

  private insert(f: Finding, touched: Set<string>, seq?: number): void {
    this.byId.set(f.id, { ...f, seq: seq ?? ++this.seq });
    for (const c of f.cells) {
      const k = cellKey(c.table as TableId, c.row, c.column);
      let set = this.byCell.get(k);
      if (!set) this.byCell.set(k, (set = new Set()));
      set.add(f.id);
      touched.add(k);
    }
  }

  private remove(id: string, touched: Set<string>): void {
    const f = this.byId.get(id);
    if (!f) return;
    this.byId.delete(id);
    for (const c of f.cells) {
      const k = cellKey(c.table as TableId, c.row, c.column);
      const set = this.byCell.get(k);
      if (!set) continue;
      set.delete(id);
      if (set.size === 0) this.byCell.delete(k);
      touched.add(k);
    }
  }

  /** Findings touching a cell, most severe first. */
  atCell(key: string): ShownFinding[] {
    const ids = this.byCell.get(key);
    if (!ids) return [];
    return [...ids].map((id) => this.byId.get(id)!).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  }

  /** The mark a cell gets: the most severe open finding (accepted warnings and 尾差 do not mark). */
  markAt(key: string, accepted: Readonly<Record<string, unknown>>): 'error' | 'warning' | null {
    const ids = this.byCell.get(key);
    if (!ids) return null;
    let mark: 'error' | 'warning' | null = null;
    for (const id of ids) {
      const f = this.byId.get(id)!;
      if (f.severity === 'error') return 'error';
      if (f.severity === 'warning' && !Object.hasOwn(accepted, id)) mark = 'warning';
    }
    return mark;
  }

  /** Open errors and warnings per table view (a finding counts once for each table it touches). */
  countsByView(accepted: Readonly<Record<string, unknown>>): Map<string, TableCounts> {
    const out = new Map<string, TableCounts>();
    for (const f of this.byId.values()) {
      if (f.severity === 'info' || (f.severity === 'warning' && Object.hasOwn(accepted, f.id))) continue;
      const views = new Set(f.cells.map((c) => viewOfCell(c.table, c.row)));
      for (const v of views) {
        let c = out.get(v);
        if (!c) out.set(v, (c = { errors: 0, warnings: 0 }));
        if (f.severity === 'error') c.errors++;
        else c.warnings++;
      }
    }
    return out;
  }

  totals(accepted: Readonly<Record<string, unknown>>): { errors: number; warnings: number; accepted: number; info: number } {
    let errors = 0;
    let warnings = 0;
    let acc = 0;
    let info = 0;
    for (const f of this.byId.values()) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'info') info++;
      else if (Object.hasOwn(accepted, f.id)) acc++;
      else warnings++;
    }
    return { errors, warnings, accepted: acc, info };
  }

  /**
   * The problems panel's groups, newest first, each cut to `limit` entries (the panel shows how many
   * more there are). One pass over the findings; no full sort of large lists.
   */
  groups(accepted: Readonly<Record<string, unknown>>, limit: number): { key: 'error' | 'warning' | 'accepted' | 'info'; total: number; items: ShownFinding[] }[] {
    const buckets = { error: [] as ShownFinding[], warning: [] as ShownFinding[], accepted: [] as ShownFinding[], info: [] as ShownFinding[] };
    for (const f of this.byId.values()) {
      const key = f.severity === 'warning' && f.id in accepted ? 'accepted' : f.severity;
      buckets[key].push(f);
    }
    return (['error', 'warning', 'accepted', 'info'] as const).map((key) => {
      const list = buckets[key];
      return { key, total: list.length, items: topBySeq(list, limit) };
    });
  }
}

function topBySeq(list: ShownFinding[], limit: number): ShownFinding[] {
  if (list.length <= limit) return list.sort((a, b) => b.seq - a.seq);
  // Partial selection: keep a small sorted window (limit is a few hundred at most).
  const out: ShownFinding[] = [];
  for (const f of list) {
    if (out.length < limit) {
      out.push(f);
      if (out.length === limit) out.sort((a, b) => b.seq - a.seq);
    } else if (f.seq > out[limit - 1]!.seq) {
      let i = limit - 1;
      while (i > 0 && out[i - 1]!.seq < f.seq) i--;
      out.splice(i, 0, f);
      out.pop();
    }
  }
  return out;
}
