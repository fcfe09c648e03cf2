/**
 * A code list read from an Excel workbook or a CSV file (导入代码表): the bytes checked like every
 * imported workbook (zipGuard.ts), the first visible sheet with a recognisable header turned into rows
 * of cell values, and those rows into a code-list file by shared/codes/importCodeList.ts.
 */
import { codeListFromRows, parseCsv, type CodeListImport, type CodeListSource, type RawCell } from '../codes/importCodeList';
import { XlsxImportError, fileLabel } from './errors';
import type { CellValue, ParsedSheet } from './read/parsedSheet';
import { ReadWorkbook, textDecoder } from './read/readWorkbook';
import { guardWorkbookBytes } from './zipGuard';
import type { ZipPlatform } from './zip/platform';

function rawCell(v: CellValue): RawCell {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('formula' in v) return v.result === undefined || typeof v.result === 'object' ? null : v.result;
  return null;
}

function rowsOf(sheet: ParsedSheet): RawCell[][] {
  const rows: RawCell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.rows.get(r);
    const cells: RawCell[] = [];
    if (row) row.cols.forEach((c, i) => (cells[c - 1] = rawCell(row.values[i]!)));
    rows.push(cells);
  }
  return rows;
}

const UTF8 = textDecoder('utf-8', { fatal: true })!;
const GB18030 = textDecoder('gb18030');

/** CSV text: UTF-8 (with or without BOM), else GB18030 as Excel writes CSV on a Chinese Windows. */
function csvText(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    if (GB18030) return GB18030.decode(bytes);
    throw new XlsxImportError('corrupt', 'CSV 文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入。');
  }
}

export async function readCodeListFile(bytes: Uint8Array, source: CodeListSource, zip?: ZipPlatform): Promise<CodeListImport> {
  if (/\.csv$/i.test(source.fileName)) return codeListFromRows(parseCsv(csvText(bytes)), source);
  let wb: ReadWorkbook;
  try {
    const guarded = await guardWorkbookBytes(bytes, { fileName: source.fileName, keepContents: true, ...(zip ? { platform: zip } : {}) });
    if (!guarded.contents) return { ok: false, problems: ['此运行环境不能解压 Excel 文件。'] };
    wb = new ReadWorkbook(guarded.contents, fileLabel(source.fileName));
  } catch (err) {
    if (err instanceof XlsxImportError) return { ok: false, problems: [err.message] };
    throw err;
  }
  let first: CodeListImport | null = null;
  for (const entry of wb.sheets.filter((s) => s.state === 'visible')) {
    let sheet: ParsedSheet;
    try {
      sheet = wb.parse(entry);
    } catch {
      continue;
    }
    const result = codeListFromRows(rowsOf(sheet), { ...source, sheetName: entry.name });
    if (result.ok) return result;
    first ??= result;
  }
  return first ?? { ok: false, problems: [`${fileLabel(source.fileName)}中没有可读的工作表。`] };
}
