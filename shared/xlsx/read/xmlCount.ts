/**
 * Counting a worksheet's rows, cells and merged cells while its bytes stream out of the zip, with the
 * reader's own tokenizing rules (read/xmlText.ts): element names by their local part after any
 * namespace prefix (`<x:row>`), attributes in either quote style, and comments, CDATA sections and
 * processing instructions skipped as a whole — so a part counts at least what the reader will read,
 * and no size limit can be stepped around by writing the XML differently. Where a chunk boundary
 * leaves a tag undecidable (an element name longer than MAX_NAME), it is counted as a row and a
 * cell: counting too much only makes the limits stricter.
 */
import { isNameChar, isXmlSpace } from './xmlText';
import { latin1 } from '../zip/text';

const LT = 0x3c;
const GT = 0x3e;
/** Longest element name (with prefix) decided across a chunk boundary; longer ones are over-counted. */
const MAX_NAME = 64;
/** Longest `<mergeCell …>` start tag read for its range across a chunk boundary. */
const MAX_MERGE_TAG = 4096;

const COMMENT_END = [0x2d, 0x2d, 0x3e]; // -->
const CDATA_END = [0x5d, 0x5d, 0x3e]; // ]]>
const PI_END = [0x3f, 0x3e]; // ?>
const DECL_END = [GT];
const CDATA_OPEN = [0x5b, 0x43, 0x44, 0x41, 0x54, 0x41, 0x5b]; // [CDATA[
const MERGE_CELL = [0x6d, 0x65, 0x72, 0x67, 0x65, 0x43, 0x65, 0x6c, 0x6c]; // mergeCell

function isDelimiter(c: number): boolean {
  return c === 0x20 || c === GT || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;
}

function startsAt(b: Uint8Array, at: number, word: readonly number[]): boolean {
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word[k]) return false;
  return true;
}

/** Index of `word` in `b` from `from`, or -1. */
function indexOfBytes(b: Uint8Array, word: readonly number[], from: number): number {
  for (let i = b.indexOf(word[0]!, from); i >= 0; i = b.indexOf(word[0]!, i + 1)) {
    if (i + word.length > b.length) return -1;
    if (startsAt(b, i, word)) return i;
  }
  return -1;
}

/** Row and column of a reference like `A1` or `$AB$12` at `at` in `s`; null when there is none. */
function cellAt(s: string, at: number): { row: number; col: number; end: number } | null {
  let k = at;
  if (s.charCodeAt(k) === 36) k++;
  let col = 0;
  const colFrom = k;
  for (let ch = s.charCodeAt(k) | 32; ch >= 97 && ch <= 122 && k - colFrom < 3; ch = s.charCodeAt(++k) | 32) col = col * 26 + ch - 96;
  if (k === colFrom) return null;
  if (s.charCodeAt(k) === 36) k++;
  let row = 0;
  const rowFrom = k;
  for (let ch = s.charCodeAt(k); ch >= 48 && ch <= 57 && k - rowFrom < 7; ch = s.charCodeAt(++k)) row = row * 10 + ch - 48;
  return k === rowFrom ? null : { row, col, end: k };
}

/** Where the value of a `ref` attribute starts in a start tag's attribute text (after its quote and spaces); -1 when none. */
function refValueAt(attrs: string): number {
  for (let at = attrs.indexOf('ref'); at >= 0; at = attrs.indexOf('ref', at + 1)) {
    if (at > 0 && !isXmlSpace(attrs.charCodeAt(at - 1))) continue;
    let k = at + 3;
    while (isXmlSpace(attrs.charCodeAt(k))) k++;
    if (attrs.charCodeAt(k) !== 0x3d) continue;
    k++;
    while (isXmlSpace(attrs.charCodeAt(k))) k++;
    const quote = attrs.charCodeAt(k);
    if (quote !== 0x22 && quote !== 0x27) continue;
    k++;
    while (isXmlSpace(attrs.charCodeAt(k))) k++;
    return k;
  }
  return -1;
}

/** Cells covered by the range in a `<mergeCell>` tag's attribute text (`ref="A1:B2"`, either quote). */
function mergeArea(attrs: string): number {
  const at = refValueAt(attrs);
  if (at < 0) return 0;
  const a = cellAt(attrs, at);
  if (!a) return 0;
  const b = attrs.charCodeAt(a.end) === 58 ? cellAt(attrs, a.end + 1) : a;
  if (!b) return 0;
  return (Math.abs(b.row - a.row) + 1) * (Math.abs(b.col - a.col) + 1);
}

export class XmlCounter {
  rows = 0;
  cells = 0;
  /** Cells inside merged ranges (the reader visits every cell of a merge through its master). */
  mergedCells = 0;
  largestMerge = 0;
  /** Bytes of a construct cut by the end of the previous chunk (bounded: at most MAX_MERGE_TAG). */
  private carry: Uint8Array | null = null;
  /** Inside a comment, CDATA section, PI or declaration: the bytes that end it. */
  private skipping: readonly number[] | null = null;

  feed(chunk: Uint8Array): void {
    let b = chunk;
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry);
      joined.set(chunk, this.carry.length);
      b = joined;
      this.carry = null;
    }
    const n = b.length;
    let i = 0;
    if (this.skipping) {
      const end = indexOfBytes(b, this.skipping, 0);
      if (end < 0) {
        // Keep the last bytes: the terminator may straddle the boundary.
        this.carry = b.slice(Math.max(0, n - this.skipping.length + 1));
        return;
      }
      i = end + this.skipping.length;
      this.skipping = null;
    }
    for (i = b.indexOf(LT, i); i >= 0; i = b.indexOf(LT, i)) {
      const c1 = b[i + 1];
      if (c1 === undefined) {
        this.carry = b.slice(i);
        return;
      }
      // Markup that is no element: skip it whole (possibly into the next chunks).
      if (c1 === 0x21 || c1 === 0x3f) {
        if (i + 9 > n) {
          this.carry = b.slice(i);
          return;
        }
        const [close, bodyFrom] =
          c1 === 0x3f ? [PI_END, i + 2] : b[i + 2] === 0x2d && b[i + 3] === 0x2d ? [COMMENT_END, i + 4] : startsAt(b, i + 2, CDATA_OPEN) ? [CDATA_END, i + 9] : [DECL_END, i + 2];
        const end = indexOfBytes(b, close, bodyFrom);
        if (end < 0) {
          this.skipping = close;
          this.carry = b.slice(Math.max(bodyFrom, n - close.length + 1));
          return;
        }
        i = end + close.length;
        continue;
      }
      // An element name: its local part after the last ':'.
      let j = i + 1;
      let local = j;
      while (j < n && isNameChar(b[j]!)) {
        if (b[j] === 0x3a) local = j + 1;
        j++;
      }
      if (j >= n) {
        if (n - i <= MAX_NAME) this.carry = b.slice(i);
        else {
          this.rows++;
          this.cells++;
        }
        return;
      }
      if (j === i + 1 || !isDelimiter(b[j]!)) {
        i++;
        continue;
      }
      const len = j - local;
      if (len === 1 && b[local] === 0x63) this.cells++;
      else if (len === 3 && b[local] === 0x72 && b[local + 1] === 0x6f && b[local + 2] === 0x77) this.rows++;
      else if (len === 9 && startsAt(b, local, MERGE_CELL)) {
        const end = b.indexOf(GT, j);
        if (end < 0) {
          if (n - i <= MAX_MERGE_TAG) this.carry = b.slice(i);
          return;
        }
        this.addMerge(latin1(b.subarray(j, Math.min(end, j + MAX_MERGE_TAG))));
      }
      i = j;
    }
  }

  private addMerge(attrs: string): void {
    const area = mergeArea(attrs);
    this.mergedCells += area;
    this.largestMerge = Math.max(this.largestMerge, area);
  }
}
