/**
 * Excel (.xlsx) export and import of the official workbook — bytes in, bytes out, the same code in
 * Node (CLI) and in the editor's Web Worker.
 */
export { exportWorkbook, type ExportOptions, type ExportResult } from './exportWorkbook';
export { importWorkbook, type ImportOptions, type ImportProgress, type ImportResult } from './importWorkbook';
export { rollForwardWorkbook, importPreviousYear, type RollForwardResult, type PreviousYearImportResult } from './yearImports';
export { rollForwardDocument, previousYearInto, type RollForwardSummary } from './rollForward';
export { XlsxImportError, IMPORT_ERROR_CODES, DEFAULT_IMPORT_LIMITS, type ImportErrorCode, type ImportLimits } from './errors';
export { formatExportReport, formatImportReport, type ExportReport, type ImportReport, type ReportItem, type AdjustedCell } from './report';
