/**
 * Recognising tables and columns by their printed texts, never by cell positions.
 *
 * Texts are compared as keys: normalizeName (full/half-width forms, brackets, quotes, spaces and
 * line breaks), then the year removed ("2020年预算数", "2020 年预算数" and "2021年预算数" are all
 * 预算数) and punctuation dropped ("其中：" is 其中, "因公出国（境）费" is 因公出国境费).
 */
import { columnsOf, fillYear, type Catalogue, type ColumnDef, type HeaderNode, type TableDef } from '../catalogue';
import { normalizeName } from './norm';
import { totalsKind } from './rowEvidence';
import type { SheetView } from './sheetView';

const YEAR = /(?:19|20)\d{2}年度?/g;
const PUNCTUATION = /[:;,.。、·!?()[\]{}<>\-_/\\'"“”‘’]/g;

const keys = new Map<string, string>();

export function headerKey(text: string): string {
  let k = keys.get(text);
  if (k === undefined) {
    k = normalizeName(text).replace(YEAR, '').replace(PUNCTUATION, '');
    if (keys.size > 50_000) keys.clear();
    keys.set(text, k);
  }
  return k;
}

/** Years written in a text ("2020年", "(2020 年)", "2020年预算数"). */
export function yearsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of normalizeName(text).matchAll(/((?:19|20)\d{2})年/g)) out.push(Number(m[1]));
  return out;
}

/** Table number from a sheet name: 表4, 表 4, 表15-2, 表15－2, 附表4. */
export function tableOfSheetName(name: string): { number: number; form?: number } | null {
  const m = /^(?:附)?表\s*(\d{1,2})(?:\s*-\s*(\d{1,4}))?$/.exec(normalizeName(name));
  if (!m) return null;
  const number = Number(m[1]);
  return m[2] ? { number, form: Number(m[2]) } : { number };
}

/** Table number and form index from a "表15-3"-like label cell. */
export function tableOfLabel(text: string): { number: number; form?: number } | null {
  const m = /^(?:附)?表(\d{1,2})(?:-(\d{1,4}))?/.exec(normalizeName(text));
  if (!m) return null;
  const number = Number(m[1]);
  return m[2] ? { number, form: Number(m[2]) } : { number };
}

/** Which table a sheet holds, by its title text (first rows), else by its name. */
export function recogniseSheet(sheet: SheetView, catalogue: Catalogue): { def: TableDef; form?: number; by: 'title' | 'name' } | null {
  const titles = catalogue.tables.filter((t) => t.number > 0).map((t) => ({ def: t, key: headerKey(t.title) }));
  let label: { number: number; form?: number } | null = null;
  const rows = Math.min(sheet.rowCount, 6);
  for (let r = 1; r <= rows; r++) {
    for (const { text } of sheet.rowTexts(r).slice(0, 8)) {
      label ??= tableOfLabel(text);
      const key = headerKey(text);
      // The longest title the text ends with (政府采购项目支出预算表 also ends with 项目支出预算表).
      let exact: (typeof titles)[number] | undefined;
      for (const t of titles) if ((key === t.key || key.endsWith(t.key)) && (!exact || t.key.length > exact.key.length)) exact = t;
      if (exact) {
        const byName = tableOfSheetName(sheet.name);
        const form = label?.form ?? (byName?.number === exact.def.number ? byName.form : undefined);
        return { def: exact.def, ...(form !== undefined ? { form } : {}), by: 'title' };
      }
    }
  }
  const byName = tableOfSheetName(sheet.name);
  if (byName) {
    const def = catalogue.tables.find((t) => t.number === byName.number);
    if (def) return { def, ...(byName.form !== undefined ? { form: byName.form } : {}), by: 'name' };
  }
  return null;
}

function allHeaderKeys(nodes: readonly HeaderNode[], out: Set<string>): Set<string> {
  for (const n of nodes) {
    out.add(headerKey(fillYear(n.text, 2000)));
    if (n.children) allHeaderKeys(n.children, out);
  }
  return out;
}

export interface HeaderMatch {
  top: number;
  bottom: number;
  /** Sheet column → catalogue column key. */
  columns: Map<number, string>;
  /** Catalogue columns not found. */
  missing: ColumnDef[];
  /** Sheet columns with a header text that is no column of the table. */
  unknown: { col: number; text: string }[];
}

/** What matching a table's header needs of its definition, worked out once per table and year. */
interface HeaderKeys {
  /** Keys of every header text. */
  known: Set<string>;
  /** Keys of the top-level header texts. */
  topKeys: Set<string>;
  leaves: { col: ColumnDef; keys: string[] }[];
}
const headerKeysByDef = new WeakMap<TableDef, Map<number, HeaderKeys>>();

function headerKeysOf(def: TableDef, year: number): HeaderKeys {
  let byYear = headerKeysByDef.get(def);
  if (!byYear) headerKeysByDef.set(def, (byYear = new Map()));
  let keys = byYear.get(year);
  if (!keys) {
    keys = { known: allHeaderKeys(def.header, new Set()), topKeys: new Set(def.header.map((n) => headerKey(fillYear(n.text, 2000)))), leaves: leafPaths(def, year) };
    byYear.set(year, keys);
  }
  return keys;
}

/** Key path of each catalogue leaf (consecutive duplicates removed). */
function leafPaths(def: TableDef, year: number): { col: ColumnDef; keys: string[] }[] {
  return columnsOf(def, year).map((col) => {
    const keys: string[] = [];
    for (const t of col.headerPath) {
      const k = headerKey(t);
      if (k && keys[keys.length - 1] !== k) keys.push(k);
    }
    return { col, keys };
  });
}

/**
 * Find the header block of a grid table and map sheet columns to catalogue columns.
 * Returns null when the header cannot be found at all.
 */
export function matchHeader(sheet: SheetView, def: TableDef, year: number): HeaderMatch | null {
  const { known, topKeys, leaves } = headerKeysOf(def, year);
  const scan = Math.min(sheet.rowCount, 30);
  let top = -1;
  for (let r = 1; r <= scan && top < 0; r++) {
    const texts = sheet.rowTexts(r);
    const hits = texts.filter((t) => topKeys.has(headerKey(t.text))).length;
    if (hits >= Math.min(2, topKeys.size)) top = r;
  }
  // Only the lowest header row (项目 | 预算数 | 项目 | 预算数): the first row naming at least half of
  // the table's columns, with no number and at most a foreign column or two (备注).
  const leafCount = top < 0 ? leaves.length : 0;
  for (let r = 1; r <= scan && top < 0; r++) {
    const texts = sheet.rowTexts(r);
    const hits = texts.filter((t) => known.has(headerKey(t.text))).length;
    if (hits >= Math.max(2, leafCount / 2) && texts.length - hits <= Math.max(1, hits / 4) && !texts.some((t) => /^[-+]?[\d,.\s]+$/.test(t.text))) top = r;
  }
  if (top < 0) return null;
  let bottom = top;
  const firstCol = sheet.rowTexts(top)[0]?.c;
  for (let r = top + 1; r <= Math.min(sheet.rowCount, top + 6); r++) {
    const texts = sheet.rowTexts(r);
    if (texts.length === 0) break;
    // A totals row (合计 under 实施单位) right below the header is data, though 合计 is a header text too.
    if (texts[0]!.c === firstCol && totalsKind(texts[0]!.text)) break;
    // A header row holds column texts; a foreign column's text (备注) merged down, repeated from the top
    // row, or written at the bottom of the header does not end it — a row with any number does.
    const isKnown = (t: { c: number; text: string }) => known.has(headerKey(t.text)) || headerKey(t.text) === headerKey(sheet.text(top, t.c));
    if (!texts.every(isKnown) && (!texts.some(isKnown) || texts.some((t) => /^[-+]?[\d,.\s]+$/.test(t.text)))) break;
    bottom = r;
  }
  const width = Math.min(sheet.colCount, 200);
  // Texts per header row, merged cells reading their master; unmerged group texts filled right.
  const grid: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: string[] = [];
    for (let c = 1; c <= width; c++) row.push(headerKey(sheet.text(r, c)));
    grid.push(row);
  }
  for (let i = 0; i < grid.length - 1; i++) {
    const row = grid[i]!;
    for (let c = 1; c < width; c++) {
      if (row[c] || !row[c - 1]) continue;
      const above = i > 0 ? grid[i - 1]! : null;
      if (above && (above[c] !== above[c - 1] || !above[c])) continue;
      const below = grid[i + 1]![c];
      if (!below) continue;
      row[c] = row[c - 1]!;
    }
  }
  const assigned = new Set<string>();
  const columns = new Map<number, string>();
  const unknown: { col: number; text: string }[] = [];
  const pending: { col: number; path: string[] }[] = [];
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    for (const row of grid) {
      const k = row[c]!;
      if (k && path[path.length - 1] !== k) path.push(k);
    }
    if (path.length) pending.push({ col: c + 1, path });
  }
  for (const { col, path } of pending) {
    const last = path[path.length - 1]!;
    const candidates = leaves.filter((l) => l.keys[l.keys.length - 1] === last && !assigned.has(l.col.key));
    if (candidates.length === 0) {
      // A group header over nothing (e.g. the clerk typed only the group) or a foreign column.
      if (!known.has(last) || leaves.every((l) => l.keys[l.keys.length - 1] !== last)) unknown.push({ col, text: sheet.text(top + path.length - 1, col) || last });
      continue;
    }
    let best = candidates[0]!;
    let bestScore = -1;
    for (const cand of candidates) {
      const score = cand.keys.slice(0, -1).filter((k) => path.includes(k)).length;
      if (score > bestScore) {
        best = cand;
        bestScore = score;
      }
    }
    columns.set(col, best.col.key);
    assigned.add(best.col.key);
  }
  const missing = leaves.filter((l) => !assigned.has(l.col.key)).map((l) => l.col);
  return { top, bottom, columns, missing, unknown };
}
