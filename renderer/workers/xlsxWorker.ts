/**
 * The xlsx Web Worker: export, import, roll forward and last year's figures run here so that a
 * large workbook never blocks the editor. Thin: validates each message (shared/xlsx/workerProtocol),
 * calls shared/xlsx, posts progress and one result, and transfers the workbook bytes.
 */
import { installImportedCodeLists } from '../../shared/codes/registry';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { describeBadRequest, xlsxWorkerRequestSchema, type XlsxWorkerResponse } from '../../shared/xlsx/workerProtocol';
import { importPreviousYear, rollForwardWorkbook } from '../../shared/xlsx/yearImports';
import { loadXlsLibrary } from './xlsLibrary';

export type Post = (message: XlsxWorkerResponse, transfer?: ArrayBuffer[]) => void;

export interface WorkerScopeLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

function transferable(bytes: Uint8Array): ArrayBuffer[] {
  return bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

/** Handle one message; never throws (every failure is posted as `failed`). */
export function createXlsxHandler(post: Post): (data: unknown) => Promise<void> {
  return async (data) => {
    const id = typeof data === 'object' && data !== null && typeof (data as { id?: unknown }).id === 'string' ? (data as { id: string }).id : '';
    const parsed = xlsxWorkerRequestSchema.safeParse(data);
    if (!parsed.success) {
      post({ id, type: 'failed', code: 'badRequest', message: describeBadRequest(parsed.error) });
      return;
    }
    const req = parsed.data;
    const progress = (fraction: number, phase: string) => post({ id: req.id, type: 'progress', fraction, phase });
    try {
      // The same lists as the editor's (imported ones included), before anything reads a code.
      installImportedCodeLists(req.codeLists ?? []);
      switch (req.type) {
        case 'export': {
          const result = await exportWorkbook(req.doc, { ...req.options, onProgress: (f) => progress(f, 'export') });
          if (result.ok) post({ id: req.id, type: 'exported', bytes: result.bytes, report: result.report }, transferable(result.bytes));
          else post({ id: req.id, type: 'exportRefused', message: result.error.message, report: result.report });
          return;
        }
        case 'import': {
          const r = await importWorkbook(req.bytes, { ...req.options, xls: loadXlsLibrary, onProgress: (p) => progress(p.fraction, p.phase) });
          post(r.ok ? { id: req.id, type: 'imported', doc: r.doc, report: r.report } : { id: req.id, type: 'failed', code: r.error.code, message: r.error.message, report: r.report });
          return;
        }
        case 'rollForward': {
          const r = await rollForwardWorkbook(req.bytes, { ...req.options, xls: loadXlsLibrary, onProgress: (p) => progress(p.fraction, p.phase) });
          post(r.ok ? { id: req.id, type: 'imported', doc: r.doc, report: r.report, summary: r.summary } : { id: req.id, type: 'failed', code: r.error.code, message: r.error.message, report: r.report });
          return;
        }
        case 'importPreviousYear': {
          const r = await importPreviousYear(req.doc, req.bytes, { ...req.options, xls: loadXlsLibrary, onProgress: (p) => progress(p.fraction, p.phase) });
          post(
            r.ok
              ? { id: req.id, type: 'imported', doc: r.doc, report: r.report, matchedCells: r.matchedCells, unmatched: r.unmatched }
              : { id: req.id, type: 'failed', code: r.error.code, message: r.error.message, report: r.report },
          );
          return;
        }
      }
    } catch (e) {
      post({ id: req.id, type: 'failed', code: 'internal', message: `处理 Excel 文件时程序出错：${e instanceof Error ? e.message : String(e)}` });
    }
  };
}

export function installXlsxWorker(scope: WorkerScopeLike): void {
  const handle = createXlsxHandler((message, transfer) => scope.postMessage(message, transfer ?? []));
  scope.addEventListener('message', (event) => {
    void handle(event.data);
  });
}

declare const self: unknown;
if (typeof self !== 'undefined' && self !== null && typeof (self as WorkerScopeLike).postMessage === 'function' && typeof (self as WorkerScopeLike).addEventListener === 'function') {
  installXlsxWorker(self as WorkerScopeLike);
}
