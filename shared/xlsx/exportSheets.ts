/**
 * One grid table (表1–表13) as a print-ready worksheet, rendered from the table projection
 * (shared/tables/project.ts) — row structure, labels and cell keys are never re-derived here.
 *
 * Layout (as the reference): 表N / title / 单位名称：… and 单位：万元 / the merged multi-level
 * header / data rows (hierarchy as Excel indentation) / the note under the table.
 * Print: A4, the catalogue's orientation, fit to one page wide, header rows repeated on every
 * page, panes frozen below the header, page numbers in the footer.
 */
import type { DisplayUnit } from '../model/document';
import { fenToUnitNumber, formatFen, printedPrecisionFen, unitScaleFen } from '../money/format';
import type { Fen } from '../money/fen';
import type { ProjectedTable } from '../tables/project';
import { clamp, linesNeeded, rowHeightFor, sheetRef, textWidth, xmlSafe } from './layout';
import type { ExportSheetSummary, ReportItem } from './report';
import type { StyleBook } from './styles';
import type { Workbook, Worksheet } from './write/workbookModel';

/** Printed value of a cell in 分 (a multiple of the printed step), or null for a blank cell. */
export interface ValueLookup {
  get(key: string): number | null;
}

export interface SheetContext {
  wb: Workbook;
  styles: StyleBook;
  departmentName: string;
  unit: DisplayUnit;
  decimals: number;
  values: ValueLookup;
  /** Where each written amount key went (for the report of 尾差调整), when wanted. */
  refs: Map<string, string> | null;
  warnings: ReportItem[];
}

export const UNIT_LINE: Record<DisplayUnit, string> = { wan: '单位：万元', yuan: '单位：元' };
export const FIRST_HEADER_ROW = 4;

/** The text without characters Excel cannot hold; a removal is reported at sheet!row:col. */
export function safeText(ctx: SheetContext, text: string, sheetName: string, row: number, col: number): string {
  const { text: cleaned, changed } = xmlSafe(text);
  if (changed) ctx.warnings.push({ ref: sheetRef(sheetName, row, col), message: '文字中含有无法写入 Excel 的控制字符，已删除' });
  return cleaned;
}

/**
 * The printed amount as the number written to Excel: what fenToUnitNumber returns, without its
 * BigInt arithmetic for the usual case of a multiple of the printed step (a division by a power
 * of ten, correctly rounded, is the double nearest to the printed decimal).
 */
export function amountNumber(fen: number, unit: DisplayUnit, decimals: number): number {
  const scale = unitScaleFen(unit);
  if (Number.isSafeInteger(fen) && fen % printedPrecisionFen(unit, decimals) === 0) return fen === 0 ? 0 : fen / scale;
  return fenToUnitNumber(fen as Fen, unit, decimals);
}

export function pageSetup(ws: Worksheet, orientation: 'landscape' | 'portrait', printTitles: string | null): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(printTitles ? { printTitlesRow: printTitles } : {}),
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
}

export function writeGridTable(ctx: SheetContext, table: ProjectedTable, sheetName: string): ExportSheetSummary {
  const { wb, styles, unit, decimals, values } = ctx;
  const ws = wb.addWorksheet(sheetName);
  const cols = table.columns;
  const nCols = cols.length;
  const depth = table.header.rows.length;
  const headerTop = FIRST_HEADER_ROW;
  const headerBottom = headerTop + depth - 1;
  const firstData = headerBottom + 1;
  const labelKey = cols.find((c) => c.kind === 'label')?.key;

  // Printed amounts, looked up once: row-major, one slot per column (null: blank).
  const printed: (number | null)[] = new Array<number | null>(table.rows.length * nCols).fill(null);
  // Widths: catalogue width, widened to fit labels and the widest printed amount (the largest
  // positive and the most negative amount of a column print widest).
  const widths = cols.map((c) => c.width);
  const maxAmount = new Array<number>(nCols).fill(0);
  const minAmount = new Array<number>(nCols).fill(0);
  const hasAmount = new Array<boolean>(nCols).fill(false);
  table.rows.forEach((row, r) => {
    for (let i = 0; i < nCols; i++) {
      const c = cols[i]!;
      const cell = row.cells[c.key];
      if (!cell) continue;
      if (cell.key) {
        const v = values.get(cell.key);
        printed[r * nCols + i] = v;
        if (v !== null) {
          hasAmount[i] = true;
          if (v > maxAmount[i]!) maxAmount[i] = v;
          if (v < minAmount[i]!) minAmount[i] = v;
        }
      } else if (cell.text) {
        const indent = cell.indent ?? (c.key === labelKey ? row.level : 0);
        widths[i] = Math.max(widths[i]!, clamp(Math.ceil(textWidth(cell.text) * 1.1) + 2 * indent + 3, 0, 60));
      }
    }
  });
  const amountWidth = (fen: number) => textWidth(formatFen(fen as Fen, { unit, decimals })) + 3;
  for (let i = 0; i < nCols; i++) {
    if (hasAmount[i]) widths[i] = Math.max(widths[i]!, amountWidth(maxAmount[i]!), amountWidth(minAmount[i]!));
  }
  cols.forEach((_, i) => {
    ws.getColumn(i + 1).width = widths[i]!;
  });

  // 表N / title / 单位名称 and 单位.
  const labelCell = ws.getCell(1, 1);
  labelCell.value = table.label;
  labelCell.style = styles.tableLabel;
  ws.mergeCells(2, 1, 2, nCols);
  const titleCell = ws.getCell(2, 1);
  titleCell.value = table.title;
  titleCell.style = styles.title;
  ws.getRow(2).height = 30;
  const nameCell = ws.getCell(3, 1);
  nameCell.value = `单位名称：${safeText(ctx, ctx.departmentName, sheetName, 3, 1)}`;
  nameCell.style = styles.lineLeft;
  const unitCell = ws.getCell(3, nCols);
  unitCell.value = UNIT_LINE[unit];
  unitCell.style = styles.lineRight;

  // The merged header.
  const merges = table.header.merges;
  for (let r = 0; r < depth; r++) {
    const row = ws.getRow(headerTop + r);
    for (let c = 0; c < nCols; c++) {
      const cell = row.getCell(c + 1);
      const text = table.header.rows[r]![c]!;
      if (text) cell.value = text;
      cell.style = styles.header;
    }
  }
  const lineCount = new Array<number>(depth).fill(1);
  for (let r = 0; r < depth; r++) {
    for (let c = 0; c < nCols; c++) {
      const text = table.header.rows[r]![c]!;
      if (!text) continue;
      const m = merges.find((x) => x.top === r && x.left === c);
      const right = m ? m.right : c;
      const bottom = m ? m.bottom : r;
      let width = 0;
      for (let k = c; k <= right; k++) width += widths[k]!;
      const lines = Math.ceil(linesNeeded(text, width) / (bottom - r + 1));
      for (let k = r; k <= bottom; k++) lineCount[k] = Math.max(lineCount[k]!, lines);
    }
  }
  for (const m of merges) ws.mergeCells(headerTop + m.top, m.left + 1, headerTop + m.bottom, m.right + 1);
  lineCount.forEach((lines, r) => {
    ws.getRow(headerTop + r).height = rowHeightFor(Math.max(lines, 1)) + 2;
  });

  // Data rows.
  let amounts = 0;
  const isThreePublic = table.def.layout === 'threePublicYears';
  table.rows.forEach((prow, i) => {
    const r = firstData + i;
    const row = ws.getRow(r);
    let lines = 1;
    for (let c = 0; c < nCols; c++) {
      const col = cols[c]!;
      const cell = row.getCell(c + 1);
      const pc = prow.cells[col.key];
      if (col.kind === 'amount') {
        cell.style = styles.amount;
        const v = printed[i * nCols + c]!;
        if (v !== null) {
          cell.value = amountNumber(v, unit, decimals);
          amounts++;
          ctx.refs?.set(pc!.key!, sheetRef(sheetName, r, c + 1));
        }
        continue;
      }
      const text = pc?.text ? safeText(ctx, pc.text, sheetName, r, c + 1) : '';
      if (col.key === 'code') {
        cell.style = styles.code;
        if (text) cell.value = text;
        continue;
      }
      const indent = pc?.indent ?? (col.key === labelKey ? prow.level : 0);
      cell.style = styles.label(indent);
      if (text) {
        cell.value = text;
        lines = Math.max(lines, linesNeeded(text, widths[c]! - 2 * indent));
      }
    }
    if (lines > 1) row.height = rowHeightFor(lines);
    // 表12: the unit spans its two year rows.
    if (isThreePublic && i > 0 && !prow.cells.unit?.text && table.rows[i - 1]!.cells.unit?.text) ws.mergeCells(r - 1, 1, r, 1);
  });

  // Note under the table.
  const lastData = firstData + table.rows.length - 1;
  if (table.note) {
    const noteRow = lastData + 2;
    ws.mergeCells(noteRow, 1, noteRow, nCols);
    const cell = ws.getCell(noteRow, 1);
    const note = safeText(ctx, table.note, sheetName, noteRow, 1);
    cell.value = note;
    cell.style = styles.note;
    const total = widths.reduce((a, b) => a + b, 0);
    ws.getRow(noteRow).height = rowHeightFor(linesNeeded(note, total));
  }

  pageSetup(ws, table.def.orientation, `${headerTop}:${headerBottom}`);
  const xSplit = nCols > 8 ? 1 : 0;
  ws.views = [{ state: 'frozen', xSplit, ySplit: headerBottom, topLeftCell: `${xSplit ? 'B' : 'A'}${firstData}`, activeCell: 'A1', showGridLines: false }];
  return { sheet: sheetName, rows: table.rows.length, amounts };
}
