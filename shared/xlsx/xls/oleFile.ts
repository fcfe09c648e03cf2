/**
 * What an OLE compound file (D0 CF 11 E0 …) holds, read from its bytes without parsing the
 * container: an encrypted .xlsx (streams EncryptionInfo/EncryptedPackage), a password-protected
 * legacy .xls (FILEPASS record right after the workbook's BOF), a legacy .xls (stream Workbook or
 * Book), or another old Office document. Pure; the classified messages live here too.
 */
import { XlsxImportError } from '../errors';

export type OleKind = 'encryptedPackage' | 'encryptedXls' | 'xls' | 'otherOffice' | 'truncated';

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOleFile(bytes: Uint8Array): boolean {
  if (bytes.length < OLE_SIGNATURE.length) return false;
  for (let i = 0; i < OLE_SIGNATURE.length; i++) if (bytes[i] !== OLE_SIGNATURE[i]) return false;
  return true;
}

function utf16le(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(c & 0xff, c >> 8);
  }
  return out;
}

/** Offsets where `needle` occurs in `hay`. */
function* occurrences(hay: Uint8Array, needle: readonly number[]): Generator<number> {
  const first = needle[0]!;
  outer: for (let i = hay.indexOf(first); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    yield i;
  }
}

function contains(hay: Uint8Array, needle: readonly number[]): boolean {
  return !occurrences(hay, needle).next().done;
}

const ENCRYPTION_INFO = utf16le('EncryptionInfo');
const ENCRYPTED_PACKAGE = utf16le('EncryptedPackage');
const WORKBOOK_STREAM = utf16le('Workbook');
const BOOK_STREAM = utf16le('Book');

/**
 * The BOF record that opens a workbook's globals substream (type 0x0809; BIFF8: length 16,
 * version 0x0600; BIFF5: length 8, version 0x0500; document type 0x0005 = workbook globals). A
 * password-protected workbook has its FILEPASS record (0x002F) right after it; both stay
 * unencrypted, and a stream starts on a sector boundary, so the pair is never split.
 */
const GLOBALS_BOF = [
  { bytes: [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00], next: 4 + 16 },
  { bytes: [0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00], next: 4 + 8 },
];
const FILEPASS = 0x002f;

function hasFilePass(bytes: Uint8Array): boolean {
  for (const bof of GLOBALS_BOF) {
    for (const at of occurrences(bytes, bof.bytes)) {
      const p = at + bof.next;
      if (p + 1 < bytes.length && (bytes[p]! | (bytes[p + 1]! << 8)) === FILEPASS) return true;
    }
  }
  return false;
}

/** Whether the container's directory (first sector named in the header) lies beyond the end of the file. */
function directoryMissing(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return true;
  const shift = bytes[0x1e]! | (bytes[0x1f]! << 8);
  const first = (bytes[0x30]! | (bytes[0x31]! << 8) | (bytes[0x32]! << 16) | (bytes[0x33]! << 24)) >>> 0;
  if (shift !== 9 && shift !== 12) return false; // not a header we can judge; let the readers decide
  return (first + 1) * 2 ** shift + 128 > bytes.length;
}

export function oleKind(bytes: Uint8Array): OleKind {
  if (contains(bytes, ENCRYPTION_INFO) || contains(bytes, ENCRYPTED_PACKAGE)) return 'encryptedPackage';
  if (contains(bytes, WORKBOOK_STREAM) || contains(bytes, BOOK_STREAM)) return hasFilePass(bytes) ? 'encryptedXls' : 'xls';
  return directoryMissing(bytes) ? 'truncated' : 'otherOffice';
}

/** How to remove an opening password, in Excel and in WPS. */
const REMOVE_PASSWORD =
  '请在 Excel 或 WPS 中输入密码打开它，取消打开密码后保存，再导入：Excel 中点“文件—信息—保护工作簿—用密码进行加密”，清空密码并确定；WPS 中点“文件—文档加密—密码加密”，清空“打开权限”的密码并应用。';

/** The classified error for an OLE file the workbook reader cannot read (or, for `xls`, when no .xls reader is available). */
export function oleError(kind: OleKind, file: string): XlsxImportError {
  switch (kind) {
    case 'encryptedPackage':
      return new XlsxImportError('encrypted', `${file}设置了打开密码（已加密），无法读取。${REMOVE_PASSWORD}`);
    case 'encryptedXls':
      return new XlsxImportError('encrypted', `${file}是设置了打开密码（已加密）的旧版 Excel 97-2003 工作簿（.xls），无法读取。${REMOVE_PASSWORD}`);
    case 'xls':
      return new XlsxImportError('legacyXls', `${file}是旧版 Excel 97-2003 工作簿（.xls），此处只能读取 .xlsx。请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（*.xlsx）后再导入。`);
    case 'truncated':
      return new XlsxImportError('truncated', `${file}不完整（文件被截断，可能没有下载或复制完整），无法读取。请重新获取完整的文件后再导入。`);
    case 'otherOffice':
      return new XlsxImportError('notWorkbook', `${file}是旧版 Office 文档（如 .doc、.ppt），不是 Excel 工作簿。请选择 .xlsx 或 .xls 格式的预算表。`);
  }
}
