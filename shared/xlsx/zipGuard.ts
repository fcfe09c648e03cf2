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
 * Pure: uses only the platform's DecompressionStream('deflate-raw') (Node ≥ 20.12, browsers,
 * Web Workers). Where it is missing, the streaming pass is skipped and only the declared sizes
 * are checked.
 */
import { DEFAULT_IMPORT_LIMITS, XlsxImportError, fileLabel, formatCount, formatMegabytes, type ImportLimits } from './errors';
import { isOleFile, oleError, oleKind } from './xls/oleFile';
import { XmlCounter } from './read/xmlCount';
import { partKey } from './read/workbookParts';

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Offset of the entry's data (after the local header). */
  dataOffset: number;
}

export interface SheetCount {
  /** Zip path, e.g. xl/worksheets/sheet3.xml. */
  path: string;
  /** Sheet name from xl/workbook.xml, when it could be resolved. */
  name: string | null;
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

/**
 * Native zip primitives a host may provide (bytes in, bytes out): a synchronous raw inflate that
 * throws when the output would exceed `maxOutputLength`, and a CRC-32.
 */
export interface ZipPlatform {
  inflateRaw(data: Uint8Array, maxOutputLength: number): Uint8Array;
  crc32(data: Uint8Array): number;
  deflateRaw?(data: Uint8Array, level: number): Uint8Array;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

function classifyNotZip(bytes: Uint8Array, file: string): XlsxImportError {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length && start < 64 && (bytes[start] === 0x20 || bytes[start] === 0x09 || bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
  if (bytes[start] === 0x3c /* < */) {
    return new XlsxImportError('notZip', `${file}是网页（HTML）或 XML 格式的表格，不是 .xlsx 工作簿。请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（*.xlsx）后再导入。`);
  }
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    return new XlsxImportError('notZip', `${file}是 PDF 文件，不是 Excel 工作簿。请导入 .xlsx 格式的预算表。`);
  }
  return new XlsxImportError('notZip', `${file}不是 Excel 工作簿（.xlsx）：文件内容不是 xlsx 的压缩包格式。请确认选择的是用 Excel 或 WPS 保存的 .xlsx 文件。`);
}

function findEocd(bytes: Uint8Array): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return i;
  }
  return -1;
}

/** Total entries from the ZIP64 end-of-central-directory record (through its locator just before the EOCD), or null. */
function zip64EntryCount(bytes: Uint8Array, eocd: number): number | null {
  const locator = eocd - 20;
  if (locator < 0 || u32(bytes, locator) !== 0x07064b50) return null;
  const at = u32(bytes, locator + 8) + u32(bytes, locator + 12) * 2 ** 32;
  if (at + 56 > locator || u32(bytes, at) !== 0x06064b50) return null;
  return u32(bytes, at + 32) + u32(bytes, at + 36) * 2 ** 32;
}

/** TextDecoder exists in Node, browsers and workers; shared/ is compiled without DOM types. */
type TextDecoderLike = { decode(bytes: Uint8Array): string };
const utf8: TextDecoderLike = new (globalThis as unknown as { TextDecoder: new (label: string, options?: { fatal?: boolean }) => TextDecoderLike }).TextDecoder('utf-8', { fatal: false });
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Parse the central directory; throws classified errors for broken or truncated zips. */
export function readZipDirectory(bytes: Uint8Array, options: { fileName?: string; maxEntries?: number } = {}): ZipEntryInfo[] {
  const file = fileLabel(options.fileName);
  const maxEntries = options.maxEntries ?? DEFAULT_IMPORT_LIMITS.maxEntries;
  const truncated = () => new XlsxImportError('truncated', `${file}不完整（文件被截断，可能没有下载或复制完整）。请重新获取完整的文件后再导入。`);
  const corrupt = (what: string) => new XlsxImportError('corrupt', `${file}已损坏，无法读取（${what}）。请用 Excel 或 WPS 打开检查，重新保存后再导入。`);
  const eocd = findEocd(bytes);
  if (eocd < 0) {
    if (u32(bytes, 0) === SIG_LOCAL) throw truncated();
    throw classifyNotZip(bytes, file);
  }
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff) {
    // 65,535 or more parts: the real count is in the ZIP64 end record.
    const total = zip64EntryCount(bytes, eocd);
    const parts = total !== null ? `${formatCount(total)} 个` : `${formatCount(0xffff)} 个以上的`;
    throw new XlsxImportError('tooLarge', `${file}包含 ${parts}内部文件（部件），超过了可导入的上限 ${formatCount(maxEntries)} 个（一个预算工作簿通常只有几十个）。请确认选择的是预算工作簿，或删除无关的工作表和对象后重新保存再导入。`);
  }
  if (cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new XlsxImportError('tooLarge', `${file}的压缩包目录位于 4 GB 之后（ZIP64 格式），超出了可导入的大小。请用 Excel 或 WPS 重新保存后再导入。`);
  }
  if (count === 0) throw new XlsxImportError('notWorkbook', `${file}是一个空的压缩包，不是 Excel 工作簿。`);
  if (count > maxEntries) throw new XlsxImportError('tooLarge', `${file}包含 ${formatCount(count)} 个内部文件，超过了可导入的上限 ${formatCount(maxEntries)} 个。`);
  if (cdOffset + cdSize > eocd) {
    // The directory claims to start beyond where it can be: bytes are missing in the middle or at the end.
    throw u32(bytes, 0) === SIG_LOCAL ? truncated() : corrupt('压缩包目录位置错误');
  }
  const entries: ZipEntryInfo[] = [];
  const names = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(bytes, p) !== SIG_CENTRAL) throw corrupt('压缩包目录损坏');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc32 = u32(bytes, p + 16);
    const compressedSize = u32(bytes, p + 20);
    const uncompressedSize = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    const localHeaderOffset = u32(bytes, p + 42);
    if (p + 46 + nameLength > eocd) throw corrupt('压缩包目录损坏');
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = flags & 0x800 ? utf8.decode(rawName) : latin1(rawName);
    p += 46 + nameLength + extraLength + commentLength;
    if (names.has(name)) throw corrupt(`内部文件 ${name} 重复`);
    names.add(name);
    if (localHeaderOffset + 30 > bytes.length) throw truncated();
    if (u32(bytes, localHeaderOffset) !== SIG_LOCAL) throw corrupt(`内部文件 ${name} 的位置错误`);
    const dataOffset = localHeaderOffset + 30 + u16(bytes, localHeaderOffset + 26) + u16(bytes, localHeaderOffset + 28);
    if (dataOffset + compressedSize > bytes.length) throw truncated();
    if (dataOffset + compressedSize > cdOffset) throw corrupt(`内部文件 ${name} 与目录重叠`);
    entries.push({ name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset, dataOffset });
  }
  return entries;
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

// ---------------------------------------------------------------------------------------------
// CRC-32 and the streaming pass
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** Running CRC-32 (start with crc = 0xffffffff ^ 0 = -1; finish with ~crc >>> 0). */
export function crc32Update(crc: number, chunk: Uint8Array): number {
  let c = crc;
  const t = CRC_TABLE;
  for (let i = 0; i < chunk.length; i++) c = t[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

export function crc32(bytes: Uint8Array): number {
  return ~crc32Update(-1, bytes) >>> 0;
}

interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}
interface StreamWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface TransformLike {
  readable: { getReader(): StreamReader };
  writable: { getWriter(): StreamWriter };
}
type DecompressionStreamCtor = new (format: 'deflate-raw') => TransformLike;

function decompressionStream(): DecompressionStreamCtor | undefined {
  return (globalThis as { DecompressionStream?: DecompressionStreamCtor }).DecompressionStream;
}

const FEED_CHUNK = 256 * 1024;

/**
 * Inflate one entry chunk by chunk, calling `onData` for each output chunk. Stops (and throws)
 * as soon as the output exceeds `limit` bytes. Returns the number of bytes produced.
 */
async function inflateEntry(ctor: DecompressionStreamCtor, data: Uint8Array, limit: number, onData: (chunk: Uint8Array) => void): Promise<number> {
  const ds = new ctor('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const feeding = (async () => {
    for (let o = 0; o < data.length; o += FEED_CHUNK) await writer.write(data.subarray(o, Math.min(data.length, o + FEED_CHUNK)));
    await writer.close();
  })();
  feeding.catch(() => undefined);
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        return total;
      }
      onData(value);
    }
  } catch (e) {
    await writer.abort().catch(() => undefined);
    throw e;
  }
  await feeding.catch(() => undefined);
  return total;
}

/** Natural order of part paths (sheet2 before sheet10); one collator, not one per comparison. */
const BY_PATH = new Intl.Collator('en', { numeric: true });

const WORKSHEET_PATH = /^xl\/worksheets\/[^/]+\.xml$/;

function decodeSmall(chunks: Uint8Array[]): string {
  let n = 0;
  for (const c of chunks) n += c.length;
  const all = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    all.set(c, o);
    o += c.length;
  }
  return utf8.decode(all);
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name] ?? m;
  });
}

/** Sheet names by worksheet path, from xl/workbook.xml and its relationships (best effort). */
export function sheetNamesByPath(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (name !== undefined && path) out.set(partKey(path.replace(/\/\.\//g, '/')), unescapeXml(name));
  }
  return out;
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
  let workbookXml = '';
  let relsXml = '';
  const totalCompressed = entries.reduce((a, e) => a + e.compressedSize, 0) || 1;
  let done = 0;
  let cells = 0;
  /** Inflate, checksum and count one entry (streaming; nothing of it is kept but small XML parts). */
  // Streamed entries are copied into one allocation; the platform's inflate returns whole buffers, kept as they are.
  const copy = options.keepContents && ctor ? planContents(entries) : null;
  const whole = options.keepContents && platform ? new Map<string, Uint8Array>() : null;
  const checkEntry = async (e: ZipEntryInfo, index: number): Promise<void> => {
    const slot = copy ? copy.dataOffsets[index]! : -1;
    let written = 0;
    // Every part is counted: a worksheet may sit at any path its relationship names.
    const key = partKey(e.name);
    const keep = key === 'xl/workbook.xml' || key === 'xl/_rels/workbook.xml.rels';
    const counter = new XmlCounter();
    const kept: Uint8Array[] = [];
    let crc = -1;
    const onData = (chunk: Uint8Array) => {
      crc = crc32Update(crc, chunk);
      counter.feed(chunk);
      if (keep) kept.push(chunk.slice());
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
      if (keep) kept.push(out.slice());
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
      if (WORKSHEET_PATH.test(key)) sheets.push({ path: e.name, name: null, rows: 0, cells: 0, mergedCells: 0 });
      return;
    }
    if ((~crc >>> 0) !== e.crc32) {
      throw new XlsxImportError('corrupt', `${file}已损坏，无法读取（内部文件 ${e.name} 校验失败）。请用 Excel 或 WPS 打开检查，重新保存后再导入。`);
    }
    if (keep) {
      if (key === 'xl/workbook.xml') workbookXml = decodeSmall(kept);
      else relsXml = decodeSmall(kept);
    }
    if (WORKSHEET_PATH.test(key) || counter.rows > 0 || counter.cells > 0 || counter.mergedCells > 0) {
      sheets.push({ path: e.name, name: null, rows: counter.rows, cells: counter.cells, mergedCells: counter.mergedCells });
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
  const names = sheetNamesByPath(workbookXml, relsXml);
  for (const s of sheets) s.name = names.get(partKey(s.path)) ?? null;
  for (const s of sheets) {
    if (s.rows > limits.maxRowsPerSheet) {
      const which = s.name ? `工作表“${s.name}”` : `工作表 ${s.path}`;
      throw new XlsxImportError('tooManyRows', `${file}的${which}有 ${formatCount(s.rows)} 行，超过了可导入的上限 ${formatCount(limits.maxRowsPerSheet)} 行。请删除多余的空行或无关内容后再导入。`);
    }
  }
  if (cells > limits.maxCells) {
    throw new XlsxImportError('tooLarge', `${file}共有 ${formatCount(cells)} 个单元格，超过了可导入的上限 ${formatCount(limits.maxCells)} 个。请删除无关的工作表或内容后再导入。`);
  }
  const contents = copy ? contentsByName(copy, entries) : whole;
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
