/**
 * Checks the bytes of a would-be .xlsx BEFORE the workbook reader parses them, so that every bad input fails
 * fast with a classified Chinese message and memory stays bounded:
 *
 * - empty file; legacy .xls and password-protected workbooks (both OLE compound files, D0 CF 11 E0;
 *   an encrypted OOXML package holds the streams EncryptionInfo/EncryptedPackage);
 *   HTML/XML/CSV files saved with an .xlsx name; anything else that is not a zip;
 * - truncated zips (no end-of-central-directory record, or entries running past the end);
 * - zips that are not workbooks (no xl/workbook.xml: Word, PowerPoint, ODS, random zips);
 * - declared sizes over the limits; then every entry is inflated once, streaming, and checked
 *   against its declared size and CRC-32 (a zip bomb or a flipped byte stops here, chunk by chunk,
 *   without holding the data), while the rows and cells of every worksheet are counted.
 *
 * The zip mechanics (directory, CRC-32, inflate) are in zip/; this file classifies and applies the limits.
 * A sheet is named in a message as the reader names it (read/readWorkbook.ts), from the kept contents.
 * Pure: inflates with the platform's DecompressionStream('deflate-raw') (zip/inflate.ts) or the host's
 * zip primitives. Where neither is available, the streaming pass is skipped and only the declared sizes
 * are checked.
 */
import { DEFAULT_IMPORT_LIMITS, XlsxImportError, fileLabel, formatCount, formatMegabytes, type ImportLimits } from './errors';
import { classifyNotZip, readZipDirectory, type ZipEntryInfo } from './zip/directory';
import { crc32Update } from './zip/crc32';
import { decompressionStream, inflateEntry } from './zip/inflate';
import type { ZipPlatform } from './zip/platform';
import { isOleFile, oleError, oleKind } from './xls/oleFile';
import { XmlCounter } from './read/xmlCount';
import { partKey } from './read/workbookParts';
import { ReadWorkbook } from './read/readWorkbook';

export interface SheetCount {
  /** Zip path, e.g. xl/worksheets/sheet3.xml. */
  path: string;
  rows: number;
  cells: number;
  /** Cells inside merged ranges. */
  mergedCells: number;
}

export interface GuardResult {
  entries: ZipEntryInfo[];
  sheets: SheetCount[];
  /** With `keepContents`: every entry's inflated bytes by zip path (the first of duplicate names). */
  contents?: Map<string, Uint8Array>;
}

export interface GuardOptions {
  fileName?: string;
  limits?: Partial<ImportLimits>;
  onProgress?: (fraction: number) => void;
  /** Skip the streaming inflate pass (only for measuring its cost). */
  skipStreamingCheck?: boolean;
  /** Also return the inflated entries, so the workbook reader after this check does not inflate them again. */
  keepContents?: boolean;
  /** Platform zip primitives (the CLI passes Node's zlib); default: DecompressionStream and a JS CRC-32. */
  platform?: ZipPlatform;
}

function notWorkbookMessage(entries: ZipEntryInfo[], file: string): XlsxImportError {
  return otherDocument(entries, file) ?? new XlsxImportError('notWorkbook', `${file}是一个压缩包，但其中没有 Excel 工作簿（缺少 xl/workbook.xml）。请确认选择的是 .xlsx 预算表。`);
}

/** A Word, PowerPoint or OpenDocument package, said as such. */
function otherDocument(entries: ZipEntryInfo[], file: string): XlsxImportError | null {
  const has = (prefix: string) => entries.some((e) => partKey(e.name).startsWith(prefix));
  if (has('word/')) return new XlsxImportError('notWorkbook', `${file}是 Word 文档，不是 Excel 工作簿。请导入 .xlsx 格式的预算表。`);
  if (has('ppt/')) return new XlsxImportError('notWorkbook', `${file}是 PowerPoint 演示文稿，不是 Excel 工作簿。请导入 .xlsx 格式的预算表。`);
  if (entries.some((e) => e.name === 'content.xml') && entries.some((e) => e.name === 'mimetype')) {
    return new XlsxImportError('notWorkbook', `${file}是 OpenDocument（.ods 等）格式，不是 .xlsx。请在 WPS 或 LibreOffice 中“另存为”Excel 工作簿（*.xlsx）后再导入。`);
  }
  return null;
}

/** Natural order of part paths (sheet2 before sheet10); one collator, not one per comparison. */
const BY_PATH = new Intl.Collator('en', { numeric: true });

const WORKSHEET_PATH = /^xl\/worksheets\/[^/]+\.xml$/;

/** The name of an over-long sheet, as the reader names it (from the kept parts); null when they are not kept or name none. */
function sheetNameOf(path: string, contents: ReadonlyMap<string, Uint8Array> | null, file: string): string | null {
  if (!contents) return null;
  try {
    return new ReadWorkbook(contents, file).sheets.find((s) => s.path !== null && partKey(s.path) === partKey(path))?.name ?? null;
  } catch {
    return null; // no workbook part, or one the reader refuses: it says so after this check
  }
}

/**
 * Check the bytes of an .xlsx before the workbook reader parses them. Throws XlsxImportError.
 */
export async function guardWorkbookBytes(bytes: Uint8Array, options: GuardOptions = {}): Promise<GuardResult> {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const file = fileLabel(options.fileName);
  if (bytes.length === 0) throw new XlsxImportError('empty', `${file}是空文件（0 字节），不是 Excel 工作簿。`);
  if (bytes.length > limits.maxFileBytes) {
    throw new XlsxImportError('tooLarge', `${file}过大（${formatMegabytes(bytes.length)}），超过了可导入的上限 ${formatMegabytes(limits.maxFileBytes)}。`);
  }
  if (isOleFile(bytes)) throw oleError(oleKind(bytes), file);
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw classifyNotZip(bytes, file);
  }
  const entries = readZipDirectory(bytes, { fileName: options.fileName, maxEntries: limits.maxEntries });
  // The workbook part is found through the package relationships (_rels/.rels) by the reader.
  const keys = new Set(entries.map((e) => partKey(e.name)));
  if (!keys.has('xl/workbook.xml') && (!keys.has('_rels/.rels') || otherDocument(entries, file))) throw notWorkbookMessage(entries, file);

  let declared = 0;
  for (const e of entries) {
    if (e.flags & 0x1) throw new XlsxImportError('encrypted', `${file}中的内容已加密，无法读取。请取消密码保护并重新保存后再导入。`);
    if (e.method !== 0 && e.method !== 8) {
      throw new XlsxImportError('corrupt', `${file}使用了不支持的压缩方式（内部文件 ${e.name}）。请用 Excel 或 WPS 重新保存后再导入。`);
    }
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) {
      throw new XlsxImportError('corrupt', `${file}已损坏，无法读取（内部文件 ${e.name} 的大小不一致）。请用 Excel 或 WPS 打开检查，重新保存后再导入。`);
    }
    if (e.uncompressedSize > limits.maxEntryBytes) {
      throw new XlsxImportError('tooLarge', `${file}中的内部文件 ${e.name} 解压后有 ${formatMegabytes(e.uncompressedSize)}，超过了可导入的上限 ${formatMegabytes(limits.maxEntryBytes)}。`);
    }
    declared += e.uncompressedSize;
  }
  if (declared > limits.maxUncompressedBytes) {
    throw new XlsxImportError('tooLarge', `${file}解压后共有 ${formatMegabytes(declared)}，超过了可导入的上限 ${formatMegabytes(limits.maxUncompressedBytes)}。`);
  }

  const platform = options.skipStreamingCheck ? undefined : options.platform;
  const ctor = options.skipStreamingCheck || platform ? undefined : decompressionStream();
  const sheets: SheetCount[] = [];
  const totalCompressed = entries.reduce((a, e) => a + e.compressedSize, 0) || 1;
  let done = 0;
  let cells = 0;
  /** Inflate, checksum and count one entry (streaming; nothing of it is kept unless `keepContents`). */
  // Streamed entries are copied into one allocation; the platform's inflate returns whole buffers, kept as they are.
  const copy = options.keepContents && ctor ? planContents(entries) : null;
  const whole = options.keepContents && platform ? new Map<string, Uint8Array>() : null;
  const checkEntry = async (e: ZipEntryInfo, index: number): Promise<void> => {
    const slot = copy ? copy.dataOffsets[index]! : -1;
    let written = 0;
    // Every part is counted: a worksheet may sit at any path its relationship names.
    const key = partKey(e.name);
    const counter = new XmlCounter();
    let crc = -1;
    const onData = (chunk: Uint8Array) => {
      crc = crc32Update(crc, chunk);
      counter.feed(chunk);
      if (copy) {
        copy.out.set(chunk, slot + written);
        written += chunk.length;
      }
    };
    const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    if (platform) {
      let out: Uint8Array;
      try {
        out = e.method === 0 ? data : platform.inflateRaw(data, e.uncompressedSize + 1);
      } catch (cause) {
        throw new XlsxImportError('corrupt', `${file}已损坏，无法读取（内部文件 ${e.name} 的压缩数据错误或解压后过大）。请用 Excel 或 WPS 打开检查，重新保存后再导入。`, { cause });
      }
      if (out.length !== e.uncompressedSize) {
        throw new XlsxImportError('corrupt', `${file}已损坏，无法读取（内部文件 ${e.name} 解压后的大小与声明不符）。请用 Excel 或 WPS 打开检查，重新保存后再导入。`);
      }
      counter.feed(out);
      if (whole && !whole.has(e.name)) whole.set(e.name, out);
      crc = ~(platform.crc32(out) >>> 0);
    } else if (e.method === 0) {
      onData(data);
    } else if (ctor) {
      let produced: number;
      try {
        produced = await inflateEntry(ctor, data, e.uncompressedSize, onData);
      } catch (cause) {
        throw new XlsxImportError('corrupt', `${file}已损坏，无法读取（内部文件 ${e.name} 的压缩数据错误）。请用 Excel 或 WPS 打开检查，重新保存后再导入。`, { cause });
      }
      if (produced !== e.uncompressedSize) {
        throw new XlsxImportError('corrupt', `${file}已损坏，无法读取（内部文件 ${e.name} 解压后的大小与声明不符）。请用 Excel 或 WPS 打开检查，重新保存后再导入。`);
      }
    } else {
      if (WORKSHEET_PATH.test(key)) sheets.push({ path: e.name, rows: 0, cells: 0, mergedCells: 0 });
      return;
    }
    if ((~crc >>> 0) !== e.crc32) {
      throw new XlsxImportError('corrupt', `${file}已损坏，无法读取（内部文件 ${e.name} 校验失败）。请用 Excel 或 WPS 打开检查，重新保存后再导入。`);
    }
    if (WORKSHEET_PATH.test(key) || counter.rows > 0 || counter.cells > 0 || counter.mergedCells > 0) {
      sheets.push({ path: e.name, rows: counter.rows, cells: counter.cells, mergedCells: counter.mergedCells });
      cells += counter.cells + counter.mergedCells;
    }
    done += e.compressedSize;
    options.onProgress?.(done / totalCompressed);
  };
  // A few entries at a time: inflation runs off the main thread where the platform allows, and the
  // memory in flight stays bounded (each entry streams).
  const queue = entries.map((e, i) => [e, i] as const);
  const failures: unknown[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next && failures.length === 0; next = queue.shift()) {
      try {
        await checkEntry(next[0], next[1]);
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, entries.length) }, worker));
  if (failures.length) throw failures[0];
  sheets.sort((a, b) => BY_PATH.compare(a.path, b.path));
  const contents = copy ? contentsByName(copy, entries) : whole;
  for (const s of sheets) {
    if (s.rows > limits.maxRowsPerSheet) {
      const name = sheetNameOf(s.path, contents, file);
      const which = name !== null ? `工作表“${name}”` : `工作表 ${s.path}`;
      throw new XlsxImportError('tooManyRows', `${file}的${which}有 ${formatCount(s.rows)} 行，超过了可导入的上限 ${formatCount(limits.maxRowsPerSheet)} 行。请删除多余的空行或无关内容后再导入。`);
    }
  }
  if (cells > limits.maxCells) {
    throw new XlsxImportError('tooLarge', `${file}共有 ${formatCount(cells)} 个单元格，超过了可导入的上限 ${formatCount(limits.maxCells)} 个。请删除无关的工作表或内容后再导入。`);
  }
  return { entries, sheets, ...(contents ? { contents } : {}) };
}

interface Contents {
  out: Uint8Array;
  dataOffsets: number[];
}

/** One allocation holding every entry's inflated bytes, back to back (declared sizes are checked against the data). */
function planContents(entries: ZipEntryInfo[]): Contents {
  const dataOffsets: number[] = [];
  let at = 0;
  for (const e of entries) {
    dataOffsets.push(at);
    at += e.uncompressedSize;
  }
  return { out: new Uint8Array(at), dataOffsets };
}

function contentsByName(c: Contents, entries: ZipEntryInfo[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  entries.forEach((e, i) => {
    if (!out.has(e.name)) out.set(e.name, c.out.subarray(c.dataOffsets[i]!, c.dataOffsets[i]! + e.uncompressedSize));
  });
  return out;
}
