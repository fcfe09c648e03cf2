/**
 * The xlsx Web Worker: export, import, roll forward and last year's figures run here so that a
 * large workbook never blocks the editor. Thin: validates each message (shared/xlsx/workerProtocol),
 * calls shared/xlsx, posts progress and one result, and transfers the workbook bytes.
 */
import { installImportedCodeLists } from '../../shared/codes/registry';
import { createWorkerServer, installWorkerServer, workerSelf, type Post, type WorkerScopeLike } from '../../shared/protocol/workerServer';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { describeBadRequest, xlsxMethods, type XlsxWorkerResponse } from '../../shared/xlsx/workerProtocol';
import { importPreviousYear, rollForwardWorkbook } from '../../shared/xlsx/yearImports';
import { loadXlsLibrary } from './xlsLibrary';

/** The bytes of an exported workbook are handed over, not copied. */
function transferable(message: XlsxWorkerResponse): ArrayBuffer[] {
  return message.type === 'exported' && message.bytes.buffer instanceof ArrayBuffer ? [message.bytes.buffer] : [];
}

/** Handle one message; never throws (every failure is posted as `failed`). */
export function createXlsxHandler(post: Post<XlsxWorkerResponse>): (data: unknown) => Promise<void> {
  const progress = (id: string) => (fraction: number, phase: string) => post({ id, type: 'progress', fraction, phase });
  const reading = (id: string) => ({ xls: loadXlsLibrary, onProgress: (p: { fraction: number; phase: string }) => progress(id)(p.fraction, p.phase) });
  // The same lists as the editor's (imported ones included), before anything reads a code.
  const withCodeLists = <R extends { codeLists?: unknown[] | undefined }>(req: R): R => (installImportedCodeLists(req.codeLists ?? []), req);
  const serve = createWorkerServer<typeof xlsxMethods, XlsxWorkerResponse>(
    xlsxMethods,
    {
      export: async (req) => {
        const result = await exportWorkbook(withCodeLists(req).doc, { ...req.options, onProgress: (f) => progress(req.id)(f, 'export') });
        return result.ok ? { id: req.id, type: 'exported', bytes: result.bytes, report: result.report } : { id: req.id, type: 'exportRefused', message: result.error.message, report: result.report };
      },
      import: async (req) => {
        const r = await importWorkbook(withCodeLists(req).bytes, { ...req.options, ...reading(req.id) });
        return r.ok ? { id: req.id, type: 'imported', doc: r.doc, report: r.report } : { id: req.id, type: 'failed', code: r.error.code, message: r.error.message, report: r.report };
      },
      rollForward: async (req) => {
        const r = await rollForwardWorkbook(withCodeLists(req).bytes, { ...req.options, ...reading(req.id) });
        return r.ok ? { id: req.id, type: 'imported', doc: r.doc, report: r.report, summary: r.summary } : { id: req.id, type: 'failed', code: r.error.code, message: r.error.message, report: r.report };
      },
      importPreviousYear: async (req) => {
        const r = await importPreviousYear(withCodeLists(req).doc, req.bytes, { ...req.options, ...reading(req.id) });
        return r.ok
          ? { id: req.id, type: 'imported', doc: r.doc, report: r.report, matchedCells: r.matchedCells, unmatched: r.unmatched }
          : { id: req.id, type: 'failed', code: r.error.code, message: r.error.message, report: r.report };
      },
    },
    post,
    {
      refuse: (id, detail) => ({ id, type: 'failed', code: 'badRequest', message: describeBadRequest(detail) }),
      internal: (id, e) => ({ id, type: 'failed', code: 'internal', message: `处理 Excel 文件时程序出错：${e instanceof Error ? e.message : String(e)}` }),
      transfer: transferable,
    },
  );
  return async (data) => serve(data);
}

export function installXlsxWorker(scope: WorkerScopeLike): void {
  installWorkerServer(scope, (post) => createXlsxHandler(post));
}

const scope = workerSelf();
if (scope) installXlsxWorker(scope);
