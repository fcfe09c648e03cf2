/**
 * The BIFF reader the .xls import uses, as the host injects it: SheetJS Community Edition
 * (`@e965/xlsx`, loaded with a dynamic import only when a .xls is opened). Only the shape this
 * program reads is declared here, so shared/ never imports the package (it feature-detects Node's
 * Buffer and the DOM; see the README's dependency notes).
 */

export interface XlsCell {
  /** b boolean, e error, n number, d date, s string, z blank. */
  t: string;
  v?: unknown;
  /** Formula text, when asked for. */
  f?: string;
  /** Number format code. */
  z?: unknown;
  /** Formatted text. */
  w?: string;
}

export interface XlsRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface XlsSheet {
  /** Dense cells: rows, then columns, both 0-based; holes are empty cells. */
  '!data'?: (XlsCell | undefined)[][];
  '!merges'?: XlsRange[];
}

export interface XlsWorkBook {
  SheetNames: string[];
  Sheets: Record<string, XlsSheet | undefined>;
  Workbook?: { Sheets?: ({ name?: string; Hidden?: number } | undefined)[] };
}

/** The options every .xls is read with (dense cells without blank ones, number formats, formulas, dates as Date in UTC). */
export const XLS_READ_OPTIONS = Object.freeze({ type: 'array', dense: true, cellNF: true, cellFormula: true, cellDates: true, cellStyles: false, sheetStubs: false, cellHTML: false, bookVBA: false } as const);

export interface XlsLibrary {
  read(data: Uint8Array, options: typeof XLS_READ_OPTIONS): XlsWorkBook;
  /** The compound-file reader: the workbook stream itself, for what the library does not report (indentation, cell counts). */
  CFB: {
    read(data: Uint8Array, options: { type: 'array' }): unknown;
    find(container: unknown, path: string): { content?: ArrayLike<number> } | null | undefined;
  };
}

/** Loads the library on first use (each host: a dynamic import of the package). */
export type LoadXlsLibrary = () => Promise<XlsLibrary>;
