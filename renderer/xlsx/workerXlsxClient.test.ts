import { describe, expect, it } from 'vitest';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import type { WorkerLike } from '../../shared/protocol/workerServer';
import { importNotes, WorkerXlsxClient } from './workerXlsxClient';

class FakeWorker implements WorkerLike {
  sent: { id: string; type: string; options?: unknown }[] = [];
  private onMessage: ((e: MessageEvent) => void) | null = null;
  postMessage(m: unknown): void {
    this.sent.push(m as { id: string; type: string });
  }
  addEventListener(type: 'message' | 'error', l: (e: never) => void): void {
    if (type === 'message') this.onMessage = l as (e: MessageEvent) => void;
  }
  reply(data: unknown): void {
    this.onMessage!({ data } as MessageEvent);
  }
  terminate(): void {}
}

const emptyReport = { fiscalYear: 2021, unit: 'yuan', printedPrecisionFen: null, metadata: 'used', tables: [], skipped: [], cells: [], notes: [] };

describe('WorkerXlsxClient', () => {
  it('passes progress and maps a refused export (强制性 errors) so the editor can ask and force', async () => {
    const w = new FakeWorker();
    const client = new WorkerXlsxClient(w);
    const progress: number[] = [];
    const pending = client.exportWorkbook(smallBudget(), { unit: 'wan', force: false }, (f) => progress.push(f));
    expect(w.sent[0]).toMatchObject({ type: 'export', options: { unit: 'wan', force: false } });
    w.reply({ id: w.sent[0]!.id, type: 'progress', fraction: 0.5, phase: 'export' });
    w.reply({ id: w.sent[0]!.id, type: 'exportRefused', message: '有 3 条强制性错误', report: {} });
    expect(await pending).toEqual({ ok: false, refused: true, message: '有 3 条强制性错误' });
    expect(progress).toEqual([0.5]);
  });

  it('answers each request by its own id', async () => {
    const w = new FakeWorker();
    const client = new WorkerXlsxClient(w);
    const a = client.importWorkbook(new Uint8Array([1]), 'a.xlsx');
    const b = client.rollForward(new Uint8Array([2]), 'b.xlsx');
    w.reply({ id: w.sent[1]!.id, type: 'failed', code: 'notXlsx', message: '“b.xlsx”不是 Excel 文件' });
    w.reply({ id: w.sent[0]!.id, type: 'imported', doc: smallBudget(), report: { ...emptyReport, notes: [{ message: '单位：元' }] } });
    expect(await b).toEqual({ ok: false, message: '“b.xlsx”不是 Excel 文件' });
    const ra = await a;
    expect(ra.ok && ra.notes).toEqual(['单位：元']);
  });

  it('turns an answer that is not what the method replies into a failure', async () => {
    const w = new FakeWorker();
    const client = new WorkerXlsxClient(w);
    const a = client.importWorkbook(new Uint8Array([1]), 'a.xlsx');
    const b = client.exportWorkbook(smallBudget(), { unit: 'wan', force: false });
    w.reply({ id: w.sent[0]!.id, type: 'imported', doc: 'not a document', report: emptyReport });
    w.reply({ id: w.sent[1]!.id, type: 'imported', doc: smallBudget(), report: emptyReport });
    expect(await a).toEqual({ ok: false, message: 'Excel 组件返回了无法识别的消息' });
    expect(await b).toEqual({ ok: false, refused: false, message: 'Excel 组件返回了无法识别的消息' });
  });

  it('summarises what an import left out', () => {
    const notes = importNotes({ ...emptyReport, skipped: [{ ref: '表9', message: '空表' }], cells: [{ ref: '表4!C12', message: '不是金额' }, { message: 'x' }, { message: 'y' }, { message: 'z' }] } as never);
    expect(notes).toEqual(['跳过 1 处（表9 空表）', '4 个单元格无法读取（表4!C12 不是金额；x；y……）']);
  });

  it('puts the structure check and its warnings first', () => {
    const structure = { agree: 40, roundingGaps: 3, differ: 7, warnings: [{ message: '表5（工作表“表5”）第 9、12 行打印的合计与读入的明细不一致' }] };
    const notes = importNotes({ ...emptyReport, structure, notes: [{ message: '单位：万元' }] } as never);
    expect(notes).toEqual(['结构核对：40 个合计与明细一致（其中 3 个尾差），7 个不一致', '警告：表5（工作表“表5”）第 9、12 行打印的合计与读入的明细不一致', '单位：万元']);
  });
});
