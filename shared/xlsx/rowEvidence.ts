/**
 * Structure from evidence: what a printed row is, decided from every hint of the sheet together
 * rather than from one layout — totals rows by their label wherever they sit, numbering prefixes
 * (一、（一）1. 1、(1)), indentation relative to the neighbouring rows, bold, names known from other
 * tables — and, above all, the printed arithmetic: among the readings of a block of rows as
 * projects with their sub-items, the one that explains the most printed totals wins.
 */
import { normalizeName } from './norm';

export type TotalsKind = 'all' | 'unit';

const ALL_TOTALS = new Set(['合计', '总计', '部门合计', '本部门合计', '全部门合计', '单位合计', '部门总计', '合计数', '总合计']);
const UNIT_TOTALS = new Set(['小计', '单位小计', '本单位小计']);

/** 合计/总计/部门合计 rows (the department), 小计 rows (a unit): totals wherever they sit, never items. */
export function totalsKind(label: string | undefined): TotalsKind | null {
  if (!label) return null;
  // Asked of every label of every row, often more than once: answers are kept (as norm.ts does).
  let kind = totalsKinds.get(label);
  if (kind === undefined) {
    const k = normalizeName(label).replace(/[\s:：]/g, '');
    kind = ALL_TOTALS.has(k) ? 'all' : UNIT_TOTALS.has(k) ? 'unit' : null;
    if (totalsKinds.size > 100_000) totalsKinds.clear();
    totalsKinds.set(label, kind);
  }
  return kind;
}

const totalsKinds = new Map<string, TotalsKind | null>();

const NUMBERING_START = /^[一二三四五六七八九十（(\d①-⑳]/;

/** Numbering prefixes by depth: 一、 (0), （一） (1), 1. / 1、 (2), （1） (3), ① (4). */
const NUMBERING: [RegExp, number][] = [
  [/^[一二三四五六七八九十]+\s*[、.．]\s*/, 0],
  [/^[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*[、.．]?\s*/, 1],
  [/^\d{1,3}\s*(?:[、．]|\.(?!\d))\s*/, 2],
  [/^[（(]\s*\d{1,3}\s*[）)]\s*[、.．]?\s*/, 3],
  [/^[①-⑳]\s*/, 4],
];

/** A label's numbering depth and the label without it (depth null: not numbered). */
export function numbering(label: string): { depth: number | null; rest: string } {
  const t = label.trim();
  // Every numbering starts with one of these; most labels have none (no match objects made for them).
  if (!NUMBERING_START.test(t)) return { depth: null, rest: t };
  for (const [re, depth] of NUMBERING) {
    const m = re.exec(t);
    if (m && m[0].length < t.length) return { depth, rest: t.slice(m[0].length).trim() };
  }
  return { depth: null, rest: t };
}

/** One row of a block below a unit row: what the sheet says about it. */
export interface EvidenceRow {
  indent: number;
  bold: boolean;
  numberingDepth: number | null;
  /** Its name is listed as a project in 表13/表14/表15 (or the metadata). */
  knownProject: boolean;
  /** Normalised name (a sub-item may repeat its project's name). */
  key: string;
  /** Printed amounts (分) by column; empty columns absent. */
  amounts: Record<string, number>;
}

/** Weight of one printed total explained, against which every other hint is a tie-breaker. */
const EXPLAINED = 1000;
const CHILDLESS = -400;
const MAX_SUB_ITEMS = 400;

/**
 * Votes of the layout hints for each row being a project (+) or a sub-item (−), from hints the
 * block actually varies in: indentation levels, numbering depths, bold, names of other tables.
 */
function layoutVotes(rows: EvidenceRow[]): number[] {
  const votes = rows.map(() => 0);
  const indents = new Set(rows.map((r) => r.indent));
  if (indents.size >= 2) {
    const top = Math.min(...indents);
    rows.forEach((r, i) => (votes[i]! += r.indent === top ? 40 : -40));
  }
  const depths = rows.map((r) => r.numberingDepth).filter((d): d is number => d !== null);
  if (depths.length >= 2) {
    const top = Math.min(...depths);
    rows.forEach((r, i) => (votes[i]! += r.numberingDepth === top ? 20 : -20));
  }
  const bold = rows.filter((r) => r.bold).length;
  if (bold > 0 && bold < rows.length) rows.forEach((r, i) => (votes[i]! += r.bold ? 10 : -10));
  rows.forEach((r, i) => (votes[i]! += r.knownProject ? 60 : 0));
  return votes;
}

/**
 * Which rows of a block (the rows under one unit row, in order) are projects: the partition into
 * [project, sub-items…] groups whose printed project amounts equal the sum of their sub-items in
 * the most groups (each within n × step / 2 for n sub-items: 尾差), layout hints breaking ties.
 * `fixed` forces a role where the caller knows it. The first row is always a project.
 */
export function partitionProjects(rows: EvidenceRow[], stepFen: number, fixed: (boolean | null)[] = []): boolean[] {
  const n = rows.length;
  if (n === 0) return [];
  const votes = layoutVotes(rows);
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r.amounts)))];
  const values = rows.map((r) => cols.map((c) => r.amounts[c] ?? 0));
  const nonZero = values.map((v) => v.some((x) => x !== 0));
  const allowed = (i: number, project: boolean) => fixed[i] === undefined || fixed[i] === null || fixed[i] === project;
  const best = new Float64Array(n + 1).fill(-Infinity);
  const from = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  const sums = new Float64Array(cols.length);
  // With no negative amounts, a group whose sums exceed its project's by more than the largest
  // tolerance can never be explained again, however many rows follow: its sums are not kept on.
  const nonNegative = values.every((v) => v.every((x) => x >= 0));
  const slack = (MAX_SUB_ITEMS * stepFen) / 2 + 0.5;
  for (let p = 0; p < n; p++) {
    if (best[p] === -Infinity || !allowed(p, true)) continue;
    // Grow the group rows[p] + rows[p+1..q] one sub-item at a time, keeping its column sums and votes.
    const project = values[p]!;
    sums.fill(0);
    let explicable = nonZero[p]!;
    let s = votes[p]!;
    for (let q = p; q < n && q - p <= MAX_SUB_ITEMS; q++) {
      if (q > p) {
        if (!allowed(q, false)) break;
        const r = rows[q]!;
        // A sub-item may carry its project's name; otherwise a known project name counts against it.
        s -= votes[q]! - (r.knownProject && r.key === rows[p]!.key ? 60 : 0);
        if (explicable) {
          const v = values[q]!;
          for (let c = 0; c < cols.length; c++) {
            sums[c]! += v[c]!;
            if (nonNegative && sums[c]! - project[c]! > slack) explicable = false;
          }
        }
      }
      const subs = q - p;
      let score = s;
      if (subs === 0) score += nonZero[p] ? CHILDLESS : 0;
      else if (explicable) {
        const tolerance = (subs * stepFen) / 2 + 0.5;
        let explained = true;
        for (let c = 0; c < cols.length && explained; c++) explained = Math.abs(project[c]! - sums[c]!) <= tolerance;
        if (explained) score += EXPLAINED;
      }
      const total = best[p]! + score;
      if (total > best[q + 1]!) {
        best[q + 1] = total;
        from[q + 1] = p;
      }
    }
  }
  if (best[n] === -Infinity) {
    // Only when `fixed` leaves no reading: every row a project.
    return rows.map(() => true);
  }
  const out = rows.map(() => false);
  for (let end = n; end > 0; end = from[end]!) out[from[end]!] = true;
  return out;
}
