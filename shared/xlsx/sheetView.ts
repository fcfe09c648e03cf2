/**
 * Read-only access to a parsed worksheet (read/parsedSheet.ts): values (a merged cell reads its
 * master's value, as Excel shows it), text, indentation, number formats, and A1 references for
 * messages.
 */
import { textOf } from './cellValues';
import { address, sheetRef } from './layout';
import type { CellValue, ParsedSheet } from './read/parsedSheet';

/** Rows whose texts a SheetView keeps once worked out (title, header, a form sheet's labels). */
const KEPT_ROW_TEXTS = 64;

/** A non-empty text of a row and its column. */
export interface RowText {
  readonly c: number;
  readonly text: string;
}

export class SheetView {
  readonly name: string;
  readonly rowCount: number;
  readonly colCount: number;
  /** `表4!` or `'表15-1'!`: the quoted sheet part of every reference into this sheet. */
  private readonly refPrefix: string;
  private readonly texts = new Map<number, RowText[]>();

  constructor(readonly sheet: ParsedSheet) {
    this.name = sheet.name;
    this.refPrefix = sheetRef(sheet.name, 1, 1).slice(0, -2);
    this.rowCount = sheet.rowCount;
    this.colCount = Math.min(sheet.colCount, 200);
  }

  /** The stored value of a cell itself (no merge lookup). */
  private own(r: number, c: number): CellValue {
    const row = this.sheet.rows.get(r);
    if (!row) return null;
    const at = row.indexOf(c);
    return at < 0 ? null : row.values[at]!;
  }

  /** Style index of a cell, or undefined when the sheet has no such cell. */
  private styleOf(r: number, c: number): number | undefined {
    const row = this.sheet.rows.get(r);
    if (!row) return undefined;
    const at = row.indexOf(c);
    return at < 0 ? undefined : row.styles[at];
  }

  value(r: number, c: number): CellValue {
    const m = this.sheet.merges.at(r, c);
    if (m && (m.top !== r || m.left !== c)) return this.own(m.top, m.left);
    return this.own(r, c);
  }

  /** Text as shown, trimmed. */
  text(r: number, c: number): string {
    return textOf(this.value(r, c)).trim();
  }

  /** Text exactly as stored (long form texts keep their line breaks and spaces). */
  rawText(r: number, c: number): string {
    return textOf(this.value(r, c));
  }

  /** True for the non-first cells of a merged range. */
  isSlave(r: number, c: number): boolean {
    const m = this.sheet.merges.at(r, c);
    return !!m && (m.top !== r || m.left !== c);
  }

  /** True for cells right of their merge's first column (a label merged across several columns). */
  isRightOfMaster(r: number, c: number): boolean {
    const m = this.sheet.merges.at(r, c);
    return !!m && m.left < c;
  }

  /** Address of the merge master of a cell (its own address when not merged). */
  masterAddress(r: number, c: number): string {
    const m = this.sheet.merges.at(r, c);
    return m ? address(m.top, m.left) : address(r, c);
  }

  /** Excel indentation of the cell, or leading spaces of its text (two per level). */
  indent(r: number, c: number): number {
    const style = this.styleOf(r, c);
    if (style === undefined) return 0;
    const level = this.sheet.styles.indent(style);
    if (level > 0) return level;
    const t = textOf(this.own(r, c));
    const lead = /^[ \u3000\u00a0]*/.exec(t)?.[0] ?? '';
    let n = 0;
    for (const ch of lead) n += ch === '\u3000' ? 2 : 1;
    return Math.floor(n / 2);
  }

  /** Whether the cell's font is bold. */
  bold(r: number, c: number): boolean {
    const style = this.styleOf(r, c);
    return style !== undefined && this.sheet.styles.bold(style);
  }

  numFmt(r: number, c: number): string | undefined {
    const style = this.styleOf(r, c);
    return style === undefined ? undefined : this.sheet.styles.numFmt(style);
  }

  ref(r: number, c: number): string {
    return this.refPrefix + address(r, c);
  }

  /**
   * Non-empty texts of a row with their columns (merged cells repeat their master's text). The first
   * rows are worked out once: recognising a table asks for its title and header rows several times,
   * and a form sheet for its labels; the body of a long table is asked once and kept nowhere.
   */
  rowTexts(r: number): readonly RowText[] {
    if (r > KEPT_ROW_TEXTS) return this.readRowTexts(r);
    let texts = this.texts.get(r);
    if (!texts) this.texts.set(r, (texts = this.readRowTexts(r)));
    return texts;
  }

  private readRowTexts(r: number): RowText[] {
    const out: RowText[] = [];
    const cells = this.sheet.rows.get(r);
    const merges = this.sheet.merges.inRow(r, this.colCount);
    if (merges.length === 0) {
      if (!cells) return out;
      for (let k = 0; k < cells.cols.length; k++) {
        const c = cells.cols[k]!;
        if (c > this.colCount) break;
        const t = textOf(cells.values[k]).trim();
        if (t) out.push({ c, text: t });
      }
      return out;
    }
    // The row's own columns and every column its merges cover, in order, each once (a typed array
    // sorts numbers without a comparator).
    let n = cells ? cells.cols.length : 0;
    for (const m of merges) n += Math.max(0, Math.min(m.right, this.colCount) - m.left + 1);
    const cols = new Int32Array(n);
    let k = 0;
    if (cells) for (const c of cells.cols) cols[k++] = c;
    for (const m of merges) for (let c = m.left; c <= Math.min(m.right, this.colCount); c++) cols[k++] = c;
    cols.sort();
    for (let i = 0; i < n; i++) {
      const c = cols[i]!;
      if (c > this.colCount) break;
      if (i > 0 && cols[i - 1] === c) continue;
      const t = this.text(r, c);
      if (t) out.push({ c, text: t });
    }
    return out;
  }

  /** Whether the row holds anything at all. */
  hasContent(r: number): boolean {
    const cells = this.sheet.rows.get(r);
    if (cells) for (const v of cells.values) if (textOf(v).trim() !== '') return true;
    for (const m of this.sheet.merges.inRow(r, this.colCount)) if (this.text(m.top, m.left) !== '') return true;
    return false;
  }
}
