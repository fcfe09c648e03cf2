/**
 * The zip central directory reader: finds the end record, walks the directory and checks every
 * entry's local header and data lie inside the file. Broken, truncated or ZIP64 archives are refused
 * with classified Chinese messages; bytes that are not a zip at all are said for what they are.
 */
import { DEFAULT_IMPORT_LIMITS, XlsxImportError, fileLabel, formatCount } from '../errors';
import { latin1, utf8 } from './text';

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


export const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;

export function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
export function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}


/** A file that is not a zip, said for what it is (HTML or XML table, PDF, or unknown). */
export function classifyNotZip(bytes: Uint8Array, file: string): XlsxImportError {
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

