/**
 * Write a document's printed book in a layout dialect with exceljs, as another program would:
 * sheets named and ordered its way (with 封面/目录/说明 in front, when it does), amounts as
 * numbers, as text or as formulas with cached values, at the dialect's unit and decimals.
 */
import ExcelJS from 'exceljs';
import type { DepartmentBudget } from '../../../shared/model/document';
import type { Dialect, Scale } from './dialect';
import { emptySheet, layoutGrid, put, type SheetSpec, type SheetValue } from './layoutGrid';
import { type PrintedBook, type PrintedForm } from './printedBook';

export interface PrintScale {
  unit: 'wan' | 'yuan';
  decimals: number;
  /** One printed unit of the last digit, in 分. */
  step: number;
  text: '万元' | '元';
}

const SCALES: Record<Exclude<Scale, 'native'>, PrintScale> = {
  wan0: { unit: 'wan', decimals: 0, step: 1_000_000, text: '万元' },
  wan2: { unit: 'wan', decimals: 2, step: 10_000, text: '万元' },
  wan4: { unit: 'wan', decimals: 4, step: 100, text: '万元' },
  yuan: { unit: 'yuan', decimals: 2, step: 1, text: '元' },
  yuan0: { unit: 'yuan', decimals: 0, step: 100, text: '元' },
};

export function printScale(doc: DepartmentBudget, scale: Scale): PrintScale {
  if (scale !== 'native') return SCALES[scale];
  return doc.department.displayUnit === 'wan' ? SCALES.wan0 : SCALES.yuan;
}

/** A printed amount as the text a program writes: thousands separators, the printed decimals. */
export function amountText(fen: number, s: PrintScale): string {
  const perUnit = s.unit === 'wan' ? 1_000_000 : 100;
  const digits = Math.abs(fen) / (perUnit / 10 ** s.decimals);
  const whole = Math.round(digits);
  const int = Math.floor(whole / 10 ** s.decimals);
  const frac = whole - int * 10 ** s.decimals;
  const grouped = String(int).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${grouped}${s.decimals ? `.${String(frac).padStart(s.decimals, '0')}` : ''}`;
}

function formSheet(f: PrintedForm, name: string): SheetSpec {
  const s = emptySheet(name);
  for (const c of f.cells) {
    put(s, c.r, c.c, { value: c.value });
    if ((c.right ?? c.c) > c.c || (c.bottom ?? c.r) > c.r) s.merges.push({ top: c.r, left: c.c, bottom: c.bottom ?? c.r, right: c.right ?? c.c });
  }
  return s;
}

function sheetNameOf(t: PrintedBook['tables'][number], dialect: Dialect): string {
  if (dialect.sheets !== 'renamed') return t.label;
  if (t.kind === 'form') return t.id === 'T14' ? '部门整体支出绩效目标表' : `项目支出绩效目标表${t.label.slice(4)}`;
  return t.title.replace(/[[\]:*?/\\]/g, '').slice(0, 31);
}

function coverSheets(book: PrintedBook, year: number): SheetSpec[] {
  const cover = emptySheet('封面');
  put(cover, 3, 2, { value: `${year}年${book.departmentName}部门预算` });
  put(cover, 6, 2, { value: `编制单位：${book.departmentName}` });
  put(cover, 7, 2, { value: `编制日期：${year - 1}年12月` });
  const toc = emptySheet('目录');
  put(toc, 1, 1, { value: '目  录' });
  book.tables.forEach((t, i) => {
    put(toc, i + 2, 1, { value: t.label });
    put(toc, i + 2, 2, { value: t.kind === 'grid' ? t.title : t.id === 'T14' ? '部门（单位）整体支出绩效目标表' : '项目支出绩效目标表' });
  });
  const notes = emptySheet('说明');
  put(notes, 1, 1, { value: '编制说明' });
  put(notes, 2, 1, { value: `一、本预算按${book.departmentName}及所属单位汇总编制。` });
  put(notes, 3, 1, { value: '二、表中合计数与各分项之和的差异为四舍五入所致。' });
  return [cover, toc, notes];
}

/** A copy of a sheet with every amount nine tenths of its own (at the printed step). */
function lastYear(s: SheetSpec, step: number): SheetSpec {
  const cells = new Map([...s.cells].map(([r, row]) => [r, new Map([...row].map(([c, cell]) => [c, typeof cell.value === 'string' ? cell : { ...cell, value: { fen: Math.round((cell.value.fen * 0.9) / step) * step } }]))]));
  return { ...s, cells, merges: [...s.merges] };
}

/** Every sheet of the book in the dialect, in the order written. */
export function dialectSheets(doc: DepartmentBudget, book: PrintedBook, dialect: Dialect, scale: PrintScale): SheetSpec[] {
  let sheets = book.tables.map((t) => {
    const name = sheetNameOf(t, dialect);
    return t.kind === 'grid' ? layoutGrid(book, t, dialect, name, scale.text) : formSheet(t, name);
  });
  if (dialect.sheets === 'reordered') sheets = sheets.reverse();
  if (dialect.sheets === 'hiddenCopies') {
    // Last year's 表4 and 表5 kept hidden in front of this year's: amounts nine tenths of this year's.
    sheets = sheets.flatMap((s, i) => {
      const t = book.tables[i]!;
      if (t.kind !== 'grid' || (t.id !== 'T4' && t.id !== 'T5')) return [s];
      const old = lastYear(s, scale.step);
      return [{ ...old, name: `${s.name}（上年）`, hidden: true }, s];
    });
  }
  if (dialect.sheets === 'cover') sheets = [...coverSheets(book, doc.department.fiscalYear), ...sheets];
  return sheets;
}

function cellValue(v: SheetValue, dialect: Dialect, scale: PrintScale): ExcelJS.CellValue {
  if (typeof v === 'string') return v;
  if (dialect.numbers === 'text') return amountText(v.fen, scale);
  const n = v.fen === 0 ? 0 : v.fen / (scale.unit === 'wan' ? 1_000_000 : 100);
  return dialect.numbers === 'formula' ? { formula: `ROUND(${n},${scale.decimals})`, result: n } : n;
}

export async function writeSheets(sheets: SheetSpec[], dialect: Dialect, scale: PrintScale): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '某预算管理系统';
  const numFmt = scale.decimals ? `#,##0.${'0'.repeat(scale.decimals)}` : '#,##0';
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, spec.hidden ? { state: 'hidden' } : {});
    for (const [r, row] of spec.cells) {
      for (const [c, cell] of row) {
        const x = ws.getCell(r, c);
        x.value = cellValue(cell.value, dialect, scale);
        if (typeof cell.value !== 'string' && dialect.numbers !== 'text') x.numFmt = numFmt;
        if (cell.bold) x.font = { name: '宋体', bold: true };
        if (cell.indent) x.alignment = { horizontal: 'left', indent: cell.indent };
      }
    }
    for (const m of spec.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
  }
  // Stored, not deflated: the corpus writes hundreds of workbooks, and a zip of stored entries is as valid.
  return new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions));
}
