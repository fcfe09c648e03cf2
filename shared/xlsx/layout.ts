/**
 * Print geometry estimates: column widths that fit their texts and row heights for wrapped text
 * (Excel does not grow rows for merged or pre-sized cells, so the exporter sizes them).
 */
import { displayWidth } from '../tables/renderText';

/** Points per line of 10-pt 宋体, and padding. */
export const LINE_HEIGHT_PT = 13.5;
const ROW_PADDING_PT = 3;

/** Display width of the longest line of a text (CJK = 2, others 1). */
export function textWidth(text: string): number {
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, displayWidth(line));
  return max;
}

/** Lines a text needs in a column `width` characters wide (wrapping, with a little slack). */
export function linesNeeded(text: string, width: number): number {
  if (!text) return 1;
  const usable = Math.max(2, width - 1.5);
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil((displayWidth(line) * 1.05) / usable));
  return lines;
}

export function rowHeightFor(lines: number): number {
  return Math.min(409, Math.max(1, lines) * LINE_HEIGHT_PT + ROW_PADDING_PT);
}

export function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n));
}

/** Remove characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/FFFF). */
const MAYBE_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

export function xmlSafe(text: string): { text: string; changed: boolean } {
  // One cheap scan for the usual clean text; the precise pattern (lone surrogates) only when needed.
  if (!MAYBE_UNSAFE.test(text)) return { text, changed: false };
  const cleaned = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  return { text: cleaned, changed: cleaned.length !== text.length };
}

/** A1 address of a 1-based row and column. */
export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function address(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** `表4!C12` — the sheet quoted when Excel would quote it. */
export function sheetRef(sheet: string, row: number, col: number): string {
  const quoted = /^[\p{L}\p{N}_]+$/u.test(sheet) && !/^\d/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${address(row, col)}`;
}
