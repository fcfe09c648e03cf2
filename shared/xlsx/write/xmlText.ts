/**
 * XML text for the workbook writer: escaping that costs one regex test for the common clean
 * string, and the removal of characters XML 1.0 cannot hold at all (control characters, lone
 * surrogates, U+FFFE/U+FFFF) as a last line of defence — the exporter already removes them from
 * user texts with a warning (layout.ts#xmlSafe), so here they only guard against corrupt files.
 */
import { columnLetters } from '../layout';

// Invalid XML 1.0 characters (tab, LF and CR are valid); MAYBE_INVALID also matches paired surrogates, so INVALID decides.
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAYBE_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
const SPECIAL = /[&<>"\r]/g;
const HAS_SPECIAL = /[&<>"\r]/;
const TEXT_SPECIAL = /[&<>\r]/g;
const HAS_TEXT_SPECIAL = /[&<>\r]/;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/**
 * Escape a text for element content or a double-quoted attribute value. CR is written as a
 * character reference, since a parser turns a literal CR (or CR LF) into LF.
 */
export function escapeXml(text: string): string {
  const valid = MAYBE_INVALID.test(text) ? text.replace(INVALID, '') : text;
  return HAS_SPECIAL.test(valid) ? valid.replace(SPECIAL, (c) => ENTITY[c]!) : valid;
}

/** Escape a text for element content: as escapeXml, but quotes stay as they are (JSON is full of them). */
export function escapeText(text: string): string {
  const valid = MAYBE_INVALID.test(text) ? text.replace(INVALID, '') : text;
  return HAS_TEXT_SPECIAL.test(valid) ? valid.replace(TEXT_SPECIAL, (c) => ENTITY[c]!) : valid;
}

/** Whether an element needs xml:space="preserve" to keep its text exactly (edge spaces, tabs, line breaks). */
export function needsPreserve(text: string): boolean {
  if (text.length === 0) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first === 32 || last === 32 || first === 9 || last === 9 || text.includes('\n') || text.includes('\r') || text.includes('\t');
}

/** The text of a number that reads back as exactly the same double. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`无法写入 Excel 的数值：${n}`);
  return Object.is(n, -0) ? '0' : String(n);
}

/** A1-style column letters of a 1-based column, memoized (the writer asks for the same few columns millions of times). */
const letters: string[] = [''];
export function columnName(col: number): string {
  let s = letters[col];
  if (s !== undefined) return s;
  for (let c = letters.length; c <= col; c++) {
    letters[c] = columnLetters(c);
  }
  s = letters[col]!;
  return s;
}
