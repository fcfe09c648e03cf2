/**
 * The xlsx worker's message handling, in Node with a fake worker scope: requests are validated,
 * progress and exactly one result are posted per request, workbook bytes are transferred, and bad
 * requests or bad files come back as `failed` with a Chinese message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCodeLists } from '../../shared/codes/registry';
import type { XlsxWorkerResponse } from '../../shared/xlsx/workerProtocol';
import { fixture, loadSample, smallBudget } from '../../tests/xlsx/helpers';

interface Posted {
  message: XlsxWorkerResponse;
  transfer: unknown[];
}

class FakeScope {
  posted: Posted[] = [];
  private listener: ((e: { data: unknown }) => void) | null = null;
  postMessage(message: unknown, transfer: unknown[] = []) {
    this.posted.push({ message: message as XlsxWorkerResponse, transfer });
  }
  addEventListener(type: string, listener: (e: { data: unknown }) => void) {
    if (type === 'message') this.listener = listener;
  }
  /** Deliver a message and wait until its final response is posted. */
  async send(data: unknown, id: string): Promise<Posted[]> {
    this.listener!({ data });
    for (let i = 0; i < 2000; i++) {
      const mine = this.posted.filter((p) => p.message.id === id);
      if (mine.some((p) => p.message.type !== 'progress')) return mine;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no result for ${id}`);
  }
}

const scope = new FakeScope();
const g = globalThis as { self?: unknown };
const previous = g.self;

beforeAll(async () => {
  g.self = scope;
  await import('./xlsxWorker');
});
afterAll(() => {
  g.self = previous;
});

describe('xlsx worker', () => {
  let exportedBytes: Uint8Array;

  it('installs itself on the worker scope and exports a document, transferring the bytes', async () => {
    const out = await scope.send({ id: 'e1', type: 'export', doc: smallBudget(), options: { unit: 'wan', decimals: 2, force: true } }, 'e1');
    const result = out.at(-1)!;
    expect(result.message.type).toBe('exported');
    if (result.message.type !== 'exported') return;
    exportedBytes = result.message.bytes;
    expect(exportedBytes[0]).toBe(0x50); // PK
    expect(result.transfer).toEqual([exportedBytes.buffer]);
    expect(result.message.report.unit).toBe('wan');
    expect(out.filter((p) => p.message.type === 'progress').length).toBeGreaterThan(0);
  });

  it('imports the bytes back, with progress', async () => {
    const out = await scope.send({ id: 'i1', type: 'import', bytes: exportedBytes, options: { fileName: '测试.xlsx' } }, 'i1');
    const result = out.at(-1)!.message;
    expect(result.type).toBe('imported');
    if (result.type !== 'imported') return;
    expect(result.doc.units.order).toEqual(smallBudget().units.order);
    const fractions = out.filter((p) => p.message.type === 'progress').map((p) => (p.message as { fraction: number }).fraction);
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
  });

  it('reads codes against the imported code lists sent with a request', async () => {
    const procurement2022 = { kind: 'procurement', year: 2022, title: '2022年品目', entries: [{ code: 'A', name: '货物' }, { code: 'A02', name: '设备' }] };
    await scope.send({ id: 'c1', type: 'import', bytes: exportedBytes, options: { fileName: '测试.xlsx' }, codeLists: [procurement2022] }, 'c1');
    expect(getCodeLists(2022).procurement.title).toBe('2022年品目');
    await scope.send({ id: 'c2', type: 'import', bytes: exportedBytes, options: { fileName: '测试.xlsx' } }, 'c2');
    expect(getCodeLists(2022).procurement.year).toBe(2020);
  });

  it('rolls forward and imports last year as reference', async () => {
    const rolled = await scope.send({ id: 'r1', type: 'rollForward', bytes: exportedBytes }, 'r1');
    const r = rolled.at(-1)!.message;
    expect(r.type).toBe('imported');
    if (r.type !== 'imported') return;
    expect(r.doc.department.fiscalYear).toBe(2022);
    expect(r.summary?.projects).toBe(3);
    const prev = await scope.send({ id: 'p1', type: 'importPreviousYear', doc: r.doc, bytes: exportedBytes }, 'p1');
    const p = prev.at(-1)!.message;
    expect(p.type).toBe('imported');
    if (p.type !== 'imported') return;
    expect(p.matchedCells).toBeGreaterThan(0);
  });

  it('refuses an export with 强制性 errors unless forced', async () => {
    const out = await scope.send({ id: 'e2', type: 'export', doc: loadSample() }, 'e2');
    const result = out.at(-1)!.message;
    expect(result.type).toBe('exportRefused');
    if (result.type === 'exportRefused') expect(result.message).toContain('强制性错误');
  });

  it('imports a legacy .xls (the BIFF library loaded on demand) as its .xlsx twin, and refuses a password-protected one', async () => {
    const xls = await scope.send({ id: 'x1', type: 'import', bytes: fixture('budget-2020-plain.xls'), options: { fileName: '预算.xls' } }, 'x1');
    const xlsx = await scope.send({ id: 'x2', type: 'import', bytes: fixture('budget-2020-plain.xlsx'), options: { fileName: '预算.xls' } }, 'x2');
    const a = xls.at(-1)!.message;
    const b = xlsx.at(-1)!.message;
    expect(a.type).toBe('imported');
    expect(b.type).toBe('imported');
    if (a.type === 'imported' && b.type === 'imported') {
      expect(a.doc).toEqual(b.doc);
      expect(a.report).toEqual(b.report);
    }
    expect(xls.filter((p) => p.message.type === 'progress').length).toBeGreaterThan(1);
    const locked = await scope.send({ id: 'x3', type: 'import', bytes: fixture('password.xls'), options: { fileName: '加密.xls' } }, 'x3');
    expect(locked.at(-1)!.message).toMatchObject({ type: 'failed', code: 'encrypted' });
    expect((locked.at(-1)!.message as { message: string }).message).toContain('打开密码');
  });

  it('answers bad requests and bad files with failed, in Chinese', async () => {
    const bad = await scope.send({ id: 'b1', type: 'import', bytes: 'not bytes' }, 'b1');
    expect(bad.at(-1)!.message).toMatchObject({ type: 'failed', code: 'badRequest' });
    expect((bad.at(-1)!.message as { message: string }).message).toContain('无效的工作请求');
    const unknown = await scope.send({ id: 'b2', type: 'format-disk' }, 'b2');
    expect(unknown.at(-1)!.message).toMatchObject({ type: 'failed', code: 'badRequest' });
    const notADoc = await scope.send({ id: 'b3', type: 'export', doc: { hello: 1 } }, 'b3');
    expect(notADoc.at(-1)!.message).toMatchObject({ type: 'failed', code: 'badRequest' });
    const notXlsx = await scope.send({ id: 'b4', type: 'import', bytes: new TextEncoder().encode('hello'), options: { fileName: 'a.xlsx' } }, 'b4');
    expect(notXlsx.at(-1)!.message).toMatchObject({ type: 'failed', code: 'notZip' });
  });
});
