/**
 * The editor's view of Excel work (export, import, roll forward, last year's figures), which runs in
 * the xlsx worker so that large workbooks never block typing.
 */
import type { DepartmentBudget, DisplayUnit } from '../../shared/model/document';

export type XlsxExportResult = { ok: true; bytes: Uint8Array; notes: string[] } | { ok: false; refused: boolean; message: string };
export type XlsxImportResult = { ok: true; doc: DepartmentBudget; notes: string[] } | { ok: false; message: string };
export type XlsxProgress = (fraction: number) => void;
/** Unit and decimals of the exported amounts (decimals default: the document's own, see amountDecimals). */
export interface XlsxExportOptions {
  unit: DisplayUnit;
  decimals?: number;
  force: boolean;
}

export interface XlsxClient {
  /** `force`: export even with 强制性 errors (the clerk insisted); otherwise such an export is refused. */
  exportWorkbook(doc: DepartmentBudget, options: XlsxExportOptions, onProgress?: XlsxProgress): Promise<XlsxExportResult>;
  /** A workbook of this year read into a document (导入Excel). */
  importWorkbook(bytes: Uint8Array, fileName: string, onProgress?: XlsxProgress): Promise<XlsxImportResult>;
  /** Last year's workbook rolled forward into this year's document: structure and texts, 上年数 kept (拷入上年库). */
  rollForward(bytes: Uint8Array, fileName: string, onProgress?: XlsxProgress): Promise<XlsxImportResult>;
  /** Last year's workbook as 上年数 of the open document (for the ≥10% change check). */
  importPreviousYear(bytes: Uint8Array, fileName: string, doc: DepartmentBudget, onProgress?: XlsxProgress): Promise<XlsxImportResult>;
  dispose(): void;
}
