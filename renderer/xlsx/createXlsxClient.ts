/** The Excel client of the running editor: the xlsx worker (an ES-module worker), started on first use. */
import type { DepartmentBudget } from '../../shared/model/document';
import { WorkerXlsxClient } from './workerXlsxClient';
import type { XlsxClient, XlsxExportOptions, XlsxProgress } from './xlsxClient';

export function createXlsxClient(): XlsxClient | null {
  if (typeof Worker === 'undefined') return null;
  let client: WorkerXlsxClient | null = null;
  // Loading the worker (the Excel reader and writer) costs startup time the clerk does not need until the first Excel command.
  const get = () => (client ??= new WorkerXlsxClient(new Worker(new URL('../workers/xlsxWorker.ts', import.meta.url), { type: 'module', name: 'xlsx' })));
  return {
    exportWorkbook: (doc: DepartmentBudget, options: XlsxExportOptions, onProgress?: XlsxProgress) => get().exportWorkbook(doc, options, onProgress),
    importWorkbook: (bytes: Uint8Array, fileName: string, onProgress?: XlsxProgress) => get().importWorkbook(bytes, fileName, onProgress),
    rollForward: (bytes: Uint8Array, fileName: string, onProgress?: XlsxProgress) => get().rollForward(bytes, fileName, onProgress),
    importPreviousYear: (bytes: Uint8Array, fileName: string, doc: DepartmentBudget, onProgress?: XlsxProgress) => get().importPreviousYear(bytes, fileName, doc, onProgress),
    dispose: () => client?.dispose(),
  };
}
