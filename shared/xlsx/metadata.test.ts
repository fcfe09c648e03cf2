/**
 * The hidden metadata sheet of a workbook exported by the previous version (document version 1)
 * names the 辅助表 functional lines' amounts `basic` / `project`: it is still used, and the workbook
 * imports exactly as one written today.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { smallBudget } from '../../tests/xlsx/helpers';
import { exportWorkbook } from './exportWorkbook';
import { importWorkbook } from './importWorkbook';
import { META_FORMAT, META_SHEET, META_VERSION, readMetadataSheet } from './metadata';
import type { SheetView } from './sheetView';

/** A metadata sheet holding `payload`, as writeMetadataSheet lays it out (format, version, JSON in column A). */
function sheetOf(payload: unknown): SheetView {
  const cells = new Map<string, unknown>([
    ['1,1', META_FORMAT],
    ['1,2', META_VERSION],
    ['2,1', JSON.stringify(payload)],
  ]);
  return { rowCount: 2, value: (r: number, c: number) => cells.get(`${r},${c}`) ?? null } as unknown as SheetView;
}

/** The metadata the previous version wrote for one unit with one 非财政拨款资金 line (typed by hand). */
function previousVersionPayload(documentVersion = 1) {
  return {
    format: META_FORMAT,
    version: 1,
    documentVersion,
    catalogueId: 'shenzhen-2020',
    fiscalYear: 2021,
    units: [{ id: 'a', name: '市测试局本级', kind: 'ownOffice' }],
    economicLines: [],
    projects: [],
    subItems: [],
    functionalLines: [{ id: 'fx', unitId: 'a', code: '2010350', fund: 'nonFiscal' }],
    transferLines: [],
    procurementItems: [],
    performanceProjects: [],
    indicatorIds: { performance: [], projects: {} },
    aux: {
      functionalLines: [{ id: 'fx', unitId: 'a', code: '2010350', fund: 'nonFiscal', basic: 2000, project: 700 }],
      otherExpenditure: { a: { subsidyToAffiliates: null, remittanceToSuperior: 300, carryOverOut: null } },
    },
    notes: {},
    previousYear: {},
    acceptedWarnings: {},
  };
}

describe('metadata of a workbook exported by the previous version', () => {
  it('is used, its 辅助表 lines read under today’s field names', () => {
    const payload = previousVersionPayload();
    const before = JSON.stringify(payload);
    const read = readMetadataSheet(sheetOf(payload));
    expect(read.status).toBe('used');
    if (read.status !== 'used') return;
    expect(read.meta.aux.functionalLines).toEqual([{ id: 'fx', unitId: 'a', code: '2010350', fund: 'nonFiscal', basicExpenditure: 2000, projectExpenditure: 700 }]);
    expect(JSON.stringify(payload)).toBe(before);
  });

  it('the old names are read only from metadata of the old version', () => {
    // Metadata of today's version carries today's names: old names there are not complete lines.
    expect(readMetadataSheet(sheetOf(previousVersionPayload(2))).status).toBe('ignored');
  });

  it('imports the workbook exactly as the same workbook with today’s metadata', async () => {
    const doc = smallBudget();
    const exported = await exportWorkbook(doc, { audit: false });
    if (!exported.ok) throw new Error('refused');
    // The same workbook twice, its metadata rewritten by exceljs: once as written, once in the old naming.
    const withMetadata = async (rewrite: (meta: Record<string, unknown>) => Record<string, unknown>) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(exported.bytes) as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet(META_SHEET)!;
      const json: string[] = [];
      for (let r = 2; typeof ws.getCell(r, 1).value === 'string'; r++) json.push(ws.getCell(r, 1).value as string);
      const meta = rewrite(JSON.parse(json.join('')) as Record<string, unknown>);
      for (let r = 2; r < 2 + json.length; r++) ws.getCell(r, 1).value = null;
      ws.getCell(2, 1).value = JSON.stringify(meta);
      const back = await importWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
      if (!back.ok) throw new Error(back.error.message);
      expect(back.report.metadata).toBe('used');
      return back.doc;
    };
    const today = await withMetadata((m) => m);
    const previous = await withMetadata((m) => {
      const aux = m.aux as { functionalLines: { basicExpenditure: unknown; projectExpenditure: unknown }[] };
      expect(aux.functionalLines.length).toBeGreaterThan(0);
      const functionalLines = aux.functionalLines.map(({ basicExpenditure, projectExpenditure, ...rest }) => ({ ...rest, basic: basicExpenditure, project: projectExpenditure }));
      return { ...m, documentVersion: 1, aux: { ...aux, functionalLines } };
    });
    expect(previous).toEqual(today);
    // The 非财政拨款资金 line (辅助表, in no printed table) comes back from the metadata with its amounts.
    expect(previous.functionalLines.byId.fb2).toMatchObject({ fund: 'nonFiscal', basicExpenditure: 2000, projectExpenditure: null });
  });
});
