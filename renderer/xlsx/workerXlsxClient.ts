/**
 * XlsxClient over the xlsx Web Worker (shared/xlsx/workerProtocol.ts): one request id per call, progress
 * forwarded, each final answer parsed with its method's reply schema.
 */
import { importedCodeLists } from '../../shared/codes/registry';
import type { WorkerLike } from '../../shared/protocol/workerServer';
import type { DepartmentBudget } from '../../shared/model/document';
import { structureLines, type ImportReport } from '../../shared/xlsx/report';
import { xlsxMethods, type XlsxWorkerReply, type XlsxWorkerRequest, type XlsxWorkerResponse } from '../../shared/xlsx/workerProtocol';
import type { XlsxClient, XlsxExportOptions, XlsxExportResult, XlsxImportResult, XlsxProgress } from './xlsxClient';

type Final = XlsxWorkerReply;
/** A request without its id (distributes over the union of request kinds). */
type RequestBody = XlsxWorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** Up to a few lines the clerk should read after an import: the structure check first, then notes, then what was left out. */
export function importNotes(report: ImportReport | undefined): string[] {
  if (!report) return [];
  const notes = [...(report.structure ? structureLines(report.structure) : []), ...report.notes.map((n) => n.message)];
  if (report.skipped.length) notes.push(`跳过 ${report.skipped.length} 处（${report.skipped.slice(0, 3).map((s) => (s.ref ? `${s.ref} ${s.message}` : s.message)).join('；')}${report.skipped.length > 3 ? '……' : ''}）`);
  if (report.cells.length) notes.push(`${report.cells.length} 个单元格无法读取（${report.cells.slice(0, 3).map((s) => (s.ref ? `${s.ref} ${s.message}` : s.message)).join('；')}${report.cells.length > 3 ? '……' : ''}）`);
  return notes;
}

/** The bytes in a plain ArrayBuffer (the protocol's type; a copy only when they sit in a shared buffer). */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

export class WorkerXlsxClient implements XlsxClient {
  private seq = 0;
  private pending = new Map<string, { method: RequestBody['type']; resolve: (r: Final) => void; onProgress?: XlsxProgress }>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (e) => {
      const msg = e.data as XlsxWorkerResponse | null;
      const p = typeof msg?.id === 'string' ? this.pending.get(msg.id) : undefined;
      if (!p || !msg) return;
      if (msg.type === 'progress') return p.onProgress?.(msg.fraction);
      this.pending.delete(msg.id);
      const checked = xlsxMethods[p.method].reply.safeParse(msg);
      p.resolve(checked.success ? checked.data : { id: msg.id, type: 'failed', code: 'internal', message: 'Excel 组件返回了无法识别的消息' });
    });
    worker.addEventListener('error', (e) => {
      for (const [id, p] of this.pending) p.resolve({ id, type: 'failed', code: 'internal', message: `Excel 组件出错：${e.message ?? ''}` });
      this.pending.clear();
    });
  }

  private request(body: RequestBody, onProgress?: XlsxProgress, transfer: ArrayBuffer[] = []): Promise<Final> {
    const id = `x${++this.seq}`;
    return new Promise((resolve) => {
      this.pending.set(id, { method: body.type, resolve, onProgress });
      const codeLists = importedCodeLists();
      this.worker.postMessage({ ...body, id, ...(codeLists.length > 0 ? { codeLists: [...codeLists] } : {}) }, transfer);
    });
  }

  async exportWorkbook(doc: DepartmentBudget, options: XlsxExportOptions, onProgress?: XlsxProgress): Promise<XlsxExportResult> {
    const r = await this.request({ type: 'export', doc, options: { unit: options.unit, force: options.force, ...(options.decimals !== undefined ? { decimals: options.decimals } : {}) } }, onProgress);
    if (r.type === 'exported') return { ok: true, bytes: r.bytes, notes: r.report.warnings.map((w) => w.message) };
    if (r.type === 'exportRefused') return { ok: false, refused: true, message: r.message };
    return { ok: false, refused: false, message: r.type === 'failed' ? r.message : '导出失败' };
  }

  private async imported(r: Promise<Final>): Promise<XlsxImportResult> {
    const res = await r;
    if (res.type === 'imported') return { ok: true, doc: res.doc, notes: importNotes(res.report) };
    return { ok: false, message: res.type === 'failed' ? res.message : '导入失败' };
  }

  importWorkbook(bytes: Uint8Array, fileName: string, onProgress?: XlsxProgress): Promise<XlsxImportResult> {
    return this.imported(this.request({ type: 'import', bytes: own(bytes), options: { fileName } }, onProgress));
  }

  rollForward(bytes: Uint8Array, fileName: string, onProgress?: XlsxProgress): Promise<XlsxImportResult> {
    return this.imported(this.request({ type: 'rollForward', bytes: own(bytes), options: { fileName } }, onProgress));
  }

  importPreviousYear(bytes: Uint8Array, fileName: string, doc: DepartmentBudget, onProgress?: XlsxProgress): Promise<XlsxImportResult> {
    return this.imported(this.request({ type: 'importPreviousYear', doc, bytes: own(bytes), options: { fileName } }, onProgress));
  }

  dispose(): void {
    this.worker.terminate();
  }
}
