/**
 * The real-world workbook corpus (../shared/xlsx-corpus, see its README): reading each workbook
 * through the importer's own reader (zip guard + workbook reader) into `{ sheet: { A1: value } }`,
 * values in the corpus reference's shapes, and comparing with `reference/FILE.json`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XlsxImportError, fileLabel } from '../../../shared/xlsx/errors';
import { address } from '../../../shared/xlsx/layout';
import type { CellValue } from '../../../shared/xlsx/read/parsedSheet';
import { ReadWorkbook } from '../../../shared/xlsx/read/readWorkbook';
import { guardWorkbookBytes } from '../../../shared/xlsx/zipGuard';

export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/xlsx-corpus/', import.meta.url));
export const corpusPresent = existsSync(join(CORPUS_DIR, 'reference'));

export type RefValue = number | string | boolean | { date: string } | { time: string } | { days: number } | { error: string };
export type RefSheets = Record<string, Record<string, RefValue>>;
export type Reading = { ok: true; sheets: RefSheets } | { ok: false; error: unknown };

/** Files of one corpus folder ('' for the top level), sorted. */
export function corpusFiles(folder: string): string[] {
  const dir = join(CORPUS_DIR, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.xlsx'))
    .map((d) => d.name)
    .sort();
}

export function corpusBytes(folder: string, file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CORPUS_DIR, folder, file)));
}

/** The reference reading of a top-level file, or its error (openpyxl could not read it). */
export function referenceOf(file: string): { sheets: RefSheets } | { error: string } {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'reference', `${file}.json`), 'utf8')) as { sheets: RefSheets } | { error: string };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Python's isoformat of a time: `HH:MM:SS` with `.ffffff` when there are fractions. */
function isoTime(h: number, m: number, s: number, ms: number): string {
  return `${pad(h)}:${pad(m)}:${pad(s)}${ms ? `.${pad(ms, 3)}000` : ''}`;
}

/** One cell value of ours in the reference's shape (undefined: no value, like an empty cell). */
export function refValue(v: CellValue): RefValue | undefined {
  // An empty text shows as an empty cell (the reference leaves such cells out).
  if (v === null || v === '') return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return undefined;
    const date = `${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    return { date: `${date}T${isoTime(v.getUTCHours(), v.getUTCMinutes(), v.getUTCSeconds(), v.getUTCMilliseconds())}` };
  }
  if ('formula' in v) return v.result === undefined ? undefined : refValue(v.result);
  if ('error' in v) return { error: v.error };
  if ('time' in v) {
    const ms = Math.round(v.time * 1000);
    return { time: isoTime(Math.floor(ms / 3_600_000), Math.floor(ms / 60_000) % 60, Math.floor(ms / 1000) % 60, ms % 1000) };
  }
  if ('duration' in v) return { days: v.duration };
  if ('invalidDate' in v) return v.invalidDate;
  if ('number' in v) return v.number;
  return undefined;
}

/** Read a workbook as the importer's reader does, every sheet cell by cell. */
export async function readCells(bytes: Uint8Array, fileName: string): Promise<Reading> {
  try {
    const guarded = await guardWorkbookBytes(bytes, { fileName, keepContents: true });
    const wb = new ReadWorkbook(guarded.contents!, fileLabel(fileName));
    const sheets: RefSheets = {};
    for (const entry of wb.sheets) {
      const parsed = wb.parse(entry);
      const cells: Record<string, RefValue> = {};
      for (const [r, row] of [...parsed.rows].sort((a, b) => a[0] - b[0])) {
        for (let k = 0; k < row.size; k++) {
          const value = refValue(row.values[k]!);
          if (value !== undefined) cells[address(r, row.cols[k]!)] = value;
        }
      }
      sheets[entry.name] = cells;
    }
    return { ok: true, sheets };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The importer's own classified error (not `internal`), or null. */
export function classified(error: unknown): XlsxImportError | null {
  return error instanceof XlsxImportError && error.code !== 'internal' ? error : null;
}

function same(a: RefValue | undefined, b: RefValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface CellDifference {
  sheet: string;
  cell: string;
  ours: RefValue | undefined;
  reference: RefValue | undefined;
}

/** Every cell where two readings differ (sheets missing on one side count with all their cells). */
export function differences(ours: RefSheets, reference: RefSheets): CellDifference[] {
  const out: CellDifference[] = [];
  for (const sheet of new Set([...Object.keys(reference), ...Object.keys(ours)])) {
    const a = ours[sheet] ?? {};
    const b = reference[sheet] ?? {};
    for (const cell of new Set([...Object.keys(b), ...Object.keys(a)])) {
      const x = Object.hasOwn(a, cell) ? a[cell] : undefined;
      const y = Object.hasOwn(b, cell) ? b[cell] : undefined;
      if (!same(x, y)) out.push({ sheet, cell, ours: x, reference: y });
    }
  }
  return out;
}
