/**
 * Reads a document from disk for the CLI (and main): `.budget` files through the zod-validated
 * file format, `.xlsx` and legacy `.xls` workbooks through the Excel importer; every failure becomes a classified
 * error with a Chinese message naming the file.
 */
import { basename, extname } from 'node:path';
import { parseBudgetBytes } from '../../shared/io/budgetFile';
import type { DepartmentBudget } from '../../shared/model/document';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import type { ImportReport } from '../../shared/xlsx/report';
import { FileReadError, readFileSafe } from '../files/readFile';
import { nodeZip } from './nodeZip';
import { loadXlsLibrary } from './xlsLibrary';

export interface LoadError {
  code: string;
  message: string;
}
export type LoadResult = { ok: true; doc: DepartmentBudget; importReport?: ImportReport } | { ok: false; error: LoadError };

const MAX_BYTES = 200 * 1024 * 1024;

export async function loadDocument(path: string): Promise<LoadResult> {
  const name = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFileSafe(path, { maxBytes: MAX_BYTES });
  } catch (e) {
    if (e instanceof FileReadError) return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.budget' || ext === '.json') {
    const parsed = parseBudgetBytes(bytes, name);
    return parsed.ok ? { ok: true, doc: parsed.doc } : { ok: false, error: parsed.error };
  }
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls') {
    const imported = await importWorkbook(bytes, { fileName: name, zip: nodeZip, xls: loadXlsLibrary });
    return imported.ok ? { ok: true, doc: imported.doc, importReport: imported.report } : { ok: false, error: { code: imported.error.code, message: imported.error.message } };
  }
  return { ok: false, error: { code: 'unsupportedType', message: `无法读取“${name}”：不支持的文件类型（请使用 .budget、.xlsx 或 .xls 文件）。` } };
}
