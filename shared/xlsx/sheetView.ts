/**
 * Read-only access to an exceljs worksheet without creating cells: values (a merged cell reads
 * its master's value), text, indentation, number formats, and A1 references for messages.
 */
import type { Cell, Worksheet } from 'exceljs';
import { textOf } from './cellValues';
import { sheetRef } from './layout';

const MERGE = 1; // exceljs ValueType.Merge

export class SheetView {
  readonly name: string;
  readonly rowCount: number;
  readonly colCount: number;

  constructor(readonly ws: Worksheet) {
    this.name = ws.name;
    this.rowCount = ws.rowCount;
    this.colCount = Math.min(ws.columnCount, 200);
  }

  cell(r: number, c: number): Cell | undefined {
    return this.ws.findRow(r)?.findCell(c);
  }

  value(r: number, c: number): unknown {
    return this.cell(r, c)?.value;
  }

  /** Text as shown, trimmed. */
  text(r: number, c: number): string {
    const cell = this.cell(r, c);
    return cell ? textOf(cell.value).trim() : '';
  }

  /** Text exactly as stored (long form texts keep their line breaks and spaces). */
  rawText(r: number, c: number): string {
    const cell = this.cell(r, c);
    return cell ? textOf(cell.value) : '';
  }

  /** True for the non-first cells of a merged range. */
  isSlave(r: number, c: number): boolean {
    return this.cell(r, c)?.type === MERGE;
  }

  /** Address of the merge master of a cell (its own address when not merged). */
  masterAddress(r: number, c: number): string | undefined {
    const cell = this.cell(r, c);
    return cell?.master?.address;
  }

  /** Excel indentation of the cell, or leading spaces of its text (two per level). */
  indent(r: number, c: number): number {
    const cell = this.cell(r, c);
    if (!cell) return 0;
    const level = cell.alignment?.indent;
    if (typeof level === 'number' && level > 0) return level;
    const t = textOf(cell.value);
    const lead = /^[ \u3000\u00a0]*/.exec(t)?.[0] ?? '';
    let n = 0;
    for (const ch of lead) n += ch === '\u3000' ? 2 : 1;
    return Math.floor(n / 2);
  }

  numFmt(r: number, c: number): string | undefined {
    const f = this.cell(r, c)?.numFmt;
    return typeof f === 'string' ? f : undefined;
  }

  ref(r: number, c: number): string {
    return sheetRef(this.name, r, c);
  }

  /** Non-empty texts of a row with their columns. */
  rowTexts(r: number): { c: number; text: string }[] {
    const row = this.ws.findRow(r);
    if (!row) return [];
    const out: { c: number; text: string }[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > this.colCount) return;
      const t = textOf(cell.value).trim();
      if (t) out.push({ c, text: t });
    });
    return out;
  }

  /** Whether the row holds anything at all. */
  hasContent(r: number): boolean {
    const row = this.ws.findRow(r);
    if (!row) return false;
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (!any && textOf(cell.value).trim() !== '') any = true;
    });
    return any;
  }
}
