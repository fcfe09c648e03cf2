/**
 * A legacy .xls (BIFF8, and BIFF5 where the library reads it) as the same sheets the .xlsx reader
 * gives (read/parsedSheet.ts), so table recognition is shared: values (numbers, texts, booleans,
 * errors, dates in UTC, formulas with their cached result), merged ranges, number formats and
 * indentation. The BIFF library is injected (xlsLibrary.ts); the import limits are checked on the
 * record counts before it builds a single cell.
 */
import { DEFAULT_IMPORT_LIMITS, XlsxImportError, fileLabel, formatCount, type ImportLimits } from '../errors';
import { MergeIndex, SheetRow, type CellValue, type MergeRange, type ParsedSheet } from '../read/parsedSheet';
import { dateKindOfFormat, isDateFormat, type DateKind, type StyleTable } from '../read/stylesPart';
import type { SheetEntry, SheetState } from '../read/workbookParts';
import type { WorkbookSource } from '../workbookSource';
import { cellKey, walkBiff, type BiffSheet } from './biffRecords';
import { oleError } from './oleFile';
import { XLS_READ_OPTIONS, type XlsCell, type XlsLibrary, type XlsSheet, type XlsWorkBook } from './xlsLibrary';

/** Styles of a .xls as the importer sees them: one index per distinct (number format, indentation). */
class XlsStyles implements StyleTable {
  private readonly formats: (string | undefined)[] = [];
  private readonly indents: number[] = [];
  private readonly ids = new Map<string, number>();

  idOf(format: string | undefined, indent: number): number {
    const key = `${indent}|${format ?? ''}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.formats.length;
      this.formats.push(format);
      this.indents.push(indent);
      this.ids.set(key, id);
    }
    return id;
  }

  numFmt(style: number): string | undefined {
    return this.formats[style];
  }
  isDate(style: number): boolean {
    const f = this.formats[style];
    return f !== undefined && isDateFormat(f);
  }
  dateKind(style: number): DateKind | null {
    const f = this.formats[style];
    return f === undefined ? null : dateKindOfFormat(f);
  }
  indent(style: number): number {
    return this.indents[style] ?? 0;
  }
  /** Bold is not read from .xls fonts: structure inference treats it as one hint among many, never needed alone. */
  bold(): boolean {
    return false;
  }
}

/** BIFF error codes as Excel shows them. */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

function plain(cell: XlsCell): Exclude<CellValue, { formula: string } | null> | undefined {
  const v = cell.v;
  switch (cell.t) {
    case 's':
      return typeof v === 'string' ? v : undefined;
    case 'n':
      return typeof v === 'number' ? v : undefined;
    case 'b':
      return typeof v === 'boolean' ? v : undefined;
    case 'd':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v : undefined;
    case 'e':
      return { error: (typeof v === 'number' ? ERRORS[v] : undefined) ?? cell.w ?? '#N/A' };
    default:
      return undefined;
  }
}

function valueOf(cell: XlsCell): CellValue {
  const value = plain(cell);
  if (typeof cell.f === 'string' && cell.f !== '') return value === undefined ? { formula: cell.f } : { formula: cell.f, result: value };
  return value ?? null;
}

const STATES: readonly SheetState[] = ['visible', 'hidden', 'veryHidden'];

class XlsWorkbook implements WorkbookSource {
  readonly sheets: SheetEntry[];
  private readonly styles = new XlsStyles();

  constructor(
    private readonly book: XlsWorkBook,
    private readonly layout: ReadonlyMap<string, BiffSheet>,
  ) {
    this.sheets = book.SheetNames.map((name, i) => ({ name, state: STATES[book.Workbook?.Sheets?.[i]?.Hidden ?? 0] ?? 'visible', path: null }));
  }

  find(name: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  parse(entry: SheetEntry): ParsedSheet {
    const sheet: XlsSheet | undefined = Object.prototype.hasOwnProperty.call(this.book.Sheets, entry.name) ? this.book.Sheets[entry.name] : undefined;
    const indents = this.layout.get(entry.name)?.indents;
    const rows = new Map<number, SheetRow>();
    let rowCount = 0;
    let colCount = 0;
    const data = sheet?.['!data'] ?? [];
    for (let r = 0; r < data.length; r++) {
      const cells = data[r];
      if (!cells) continue;
      let row: SheetRow | undefined;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (!cell || cell.t === 'z') continue;
        const style = this.styles.idOf(typeof cell.z === 'string' ? cell.z : undefined, indents?.get(cellKey(r, c)) ?? 0);
        if (!row) rows.set(r + 1, (row = new SheetRow()));
        row.set(c + 1, valueOf(cell), style);
        rowCount = Math.max(rowCount, r + 1);
        colCount = Math.max(colCount, c + 1);
      }
    }
    const merges: MergeRange[] = (sheet?.['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
    for (const m of merges) {
      rowCount = Math.max(rowCount, m.bottom);
      colCount = Math.max(colCount, m.right);
    }
    return { name: entry.name, state: entry.state, rows, rowCount, colCount, merges: new MergeIndex(merges), styles: this.styles };
  }
}

function corrupt(file: string, what: string, cause?: unknown): XlsxImportError {
  return new XlsxImportError('corrupt', `${file}（旧版 Excel 97-2003 工作簿 .xls）已损坏，无法读取（${what}）。请用 Excel 或 WPS 打开检查，“另存为”Excel 工作簿（*.xlsx）后再导入。`, { cause });
}

function toBytes(content: ArrayLike<number> | undefined): Uint8Array | null {
  if (!content || content.length === 0) return null;
  return content instanceof Uint8Array ? content : Uint8Array.from(content);
}

/**
 * Cells of a .xls the library may build: it holds the whole workbook as objects, about 750 bytes of
 * memory per cell (measured: 1,000,000 cells, a 17 MB .xls, 750 MB), so the cap is lower than for .xlsx.
 * A budget workbook, even of a department with 3,000 projects, has well under half of this.
 */
export const XLS_MAX_CELLS = 1_000_000;

/** Check the record counts against the limits, then read every sheet with the library. Throws XlsxImportError. */
export function readXlsWorkbook(bytes: Uint8Array, lib: XlsLibrary, options: { fileName?: string; limits?: Partial<ImportLimits> } = {}): WorkbookSource {
  const file = fileLabel(options.fileName);
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  let stream: Uint8Array | null;
  try {
    const container = lib.CFB.read(bytes, { type: 'array' });
    stream = toBytes((lib.CFB.find(container, 'Workbook') ?? lib.CFB.find(container, 'Book'))?.content);
  } catch (cause) {
    throw corrupt(file, '文件结构损坏', cause);
  }
  // "Workbook" or "Book" was found in the bytes but is no stream: text of another Office document (a .doc, a .ppt).
  if (!stream) throw oleError('otherOffice', file);
  const { sheets: layout, damage } = walkBiff(stream);
  if (damage) throw corrupt(file, damage);
  let cells = 0;
  for (const s of layout) cells += s.cells + s.mergedCells;
  if (cells > Math.min(limits.maxCells, XLS_MAX_CELLS)) {
    const more = limits.maxCells > XLS_MAX_CELLS ? `（另存为 .xlsx 后上限为 ${formatCount(limits.maxCells)} 个）` : '';
    throw new XlsxImportError('tooLarge', `${file}共有 ${formatCount(cells)} 个单元格，超过了旧版 .xls 可导入的上限 ${formatCount(Math.min(limits.maxCells, XLS_MAX_CELLS))} 个${more}。请删除无关的工作表或内容，或在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）后再导入。`);
  }
  let book: XlsWorkBook;
  try {
    book = lib.read(bytes, { ...XLS_READ_OPTIONS }); // a copy: the library writes into its options
  } catch (cause) {
    const text = cause instanceof Error ? cause.message : String(cause);
    if (/password/i.test(text)) throw oleError('encryptedXls', file);
    throw corrupt(file, '内容无法解析', cause);
  }
  if (!Array.isArray(book.SheetNames) || typeof book.Sheets !== 'object' || book.Sheets === null) throw corrupt(file, '没有工作表');
  const byName = new Map<string, BiffSheet>();
  const named = layout.length === book.SheetNames.length;
  book.SheetNames.forEach((name, i) => {
    const found = layout.find((s) => s.name === name) ?? (named ? layout[i] : undefined);
    if (found) byName.set(name, found);
  });
  return new XlsWorkbook(book, byName);
}
