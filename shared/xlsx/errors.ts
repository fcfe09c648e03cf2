/**
 * The importer's classified errors. Every way an import can fail is one of these codes, with a
 * Chinese message that names the file and says what to do. `internal` marks a bug in the mapping
 * (never expected; the fuzz tests assert it never happens).
 */
export const IMPORT_ERROR_CODES = [
  'empty',
  'tooLarge',
  'notZip',
  'truncated',
  'legacyXls',
  'encrypted',
  'notWorkbook',
  'corrupt',
  'tooManyRows',
  'noTables',
  'noYear',
  'amountRange',
  'cancelled',
  'internal',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export class XlsxImportError extends Error {
  override readonly name = 'XlsxImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `“name”` for messages, or `文件` when the caller gave no name. */
export function fileLabel(fileName: string | undefined): string {
  return fileName ? `“${fileName}”` : '该文件';
}

/** Limits that bound the memory and time of an import. */
export interface ImportLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes of all zip entries. */
  maxUncompressedBytes: number;
  /** Uncompressed size of one zip entry (one worksheet's XML). */
  maxEntryBytes: number;
  /** Number of zip entries. */
  maxEntries: number;
  /** Rows of one worksheet. */
  maxRowsPerSheet: number;
  /** Cells of all worksheets together. */
  maxCells: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxFileBytes: 200 * 1024 * 1024,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxEntries: 20_000,
  maxRowsPerSheet: 100_000,
  maxCells: 4_000_000,
});

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
