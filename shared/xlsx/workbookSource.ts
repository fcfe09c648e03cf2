/**
 * Where the importer's sheets come from: an .xlsx through the zip checks and the SpreadsheetML
 * reader (read/), or a legacy .xls through the injected BIFF library (xls/). Both give the same
 * parsed sheets, so table recognition is one.
 */
import { DEFAULT_IMPORT_LIMITS, XlsxImportError, fileLabel, type ImportLimits } from './errors';
import type { ParsedSheet } from './read/parsedSheet';
import { ReadWorkbook } from './read/readWorkbook';
import type { SheetEntry } from './read/workbookParts';
import { isOleFile, oleKind } from './xls/oleFile';
import { readXlsWorkbook } from './xls/readXls';
import type { LoadXlsLibrary } from './xls/xlsLibrary';
import { guardWorkbookBytes } from './zipGuard';
import type { ZipPlatform } from './zip/platform';

export interface WorkbookSource {
  readonly sheets: SheetEntry[];
  /** The sheet named `name` (exact), if the workbook has one. */
  find(name: string): SheetEntry | undefined;
  /** Parse one sheet (throws on a damaged sheet). */
  parse(entry: SheetEntry): ParsedSheet;
}

export interface OpenWorkbookOptions {
  fileName?: string;
  limits?: Partial<ImportLimits>;
  zip?: ZipPlatform;
  /** The BIFF library for legacy .xls; without it a .xls is refused with a message saying to save it as .xlsx. */
  xls?: LoadXlsLibrary;
  /** 0…1 of opening. */
  onProgress?: (fraction: number) => void;
}

export async function openWorkbook(bytes: Uint8Array, options: OpenWorkbookOptions = {}): Promise<WorkbookSource> {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  // A .xls within the size limit goes to the BIFF reader; everything else (password-protected or
  // other OLE files included) to the zip checks, which classify it.
  if (options.xls && bytes.length <= limits.maxFileBytes && isOleFile(bytes) && oleKind(bytes) === 'xls') {
    let lib;
    try {
      lib = await options.xls();
    } catch (cause) {
      throw new XlsxImportError('internal', `无法加载读取旧版 .xls 工作簿的组件，${fileLabel(options.fileName)}未能导入。请把它“另存为”Excel 工作簿（*.xlsx）后再导入。`, { cause });
    }
    options.onProgress?.(0.5);
    const wb = readXlsWorkbook(bytes, lib, { fileName: options.fileName, limits });
    options.onProgress?.(1);
    return wb;
  }
  const guarded = await guardWorkbookBytes(bytes, { fileName: options.fileName, limits, keepContents: true, ...(options.zip ? { platform: options.zip } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  if (!guarded.contents) throw new XlsxImportError('internal', '此运行环境不能解压 Excel 文件（缺少 DecompressionStream）。');
  return new ReadWorkbook(guarded.contents, fileLabel(options.fileName));
}
