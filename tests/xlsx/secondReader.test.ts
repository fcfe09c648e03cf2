/**
 * A second reader confirms the exported workbook independently of exceljs: the zip is opened with
 * node:zlib (tests/xlsx/zipTools.ts) and the SpreadsheetML parts are read as text — sheet names and
 * states, print titles (_xlnm.Print_Titles), page setup (A4 = paperSize 9, orientation, fit to one
 * page wide), frozen panes, merged header ranges, column widths, number formats and the CJK font.
 * Optionally LibreOffice (when `soffice` is installed) converts the workbook to PDF, and re-saves it
 * as .xlsx with its own writer: that file must import to the same document (a third-party writer).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { loadSample } from './helpers';
import { entryText, readZip, tags } from './zipTools';

const result = await exportWorkbook(loadSample(), { force: true });
if (!result.ok) throw new Error('export refused');
const bytes = result.bytes;
const entries = readZip(bytes);

/** Sheet name → path of its XML, via workbook.xml and its relationships. */
function sheetPaths(): Map<string, { path: string; state: string | undefined; index: number }> {
  const rels = new Map(tags(entryText(entries, 'xl/_rels/workbook.xml.rels'), 'Relationship').map((r) => [r.Id!, `xl/${r.Target!.replace(/^\/?xl\//, '')}`]));
  return new Map(tags(entryText(entries, 'xl/workbook.xml'), 'sheet').map((s, index) => [s.name!, { path: rels.get(s['r:id']!)!, state: s.state, index }]));
}

const sheets = sheetPaths();
const sheetXml = (name: string) => entryText(entries, sheets.get(name)!.path);

describe('second reader (zip + XML, without exceljs)', () => {
  it('lists the sheets 表1…表14, 表15-1…表15-7 and a very hidden metadata sheet', () => {
    expect([...sheets.keys()]).toEqual([...Array.from({ length: 14 }, (_, i) => `表${i + 1}`), ...Array.from({ length: 7 }, (_, i) => `表15-${i + 1}`), '_budget_tables_meta']);
    expect(sheets.get('_budget_tables_meta')!.state).toBe('veryHidden');
    expect(sheets.get('表1')!.state ?? 'visible').toBe('visible');
  });

  it('defines print titles repeating the header rows of every grid table', () => {
    const workbook = entryText(entries, 'xl/workbook.xml');
    const titles = new Map<number, string>();
    for (const m of workbook.matchAll(/<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)) titles.set(Number(m[1]), m[2]!.replace(/&apos;/g, "'"));
    expect(titles.get(sheets.get('表2')!.index)).toBe("'表2'!$4:$7");
    expect(titles.get(sheets.get('表1')!.index)).toBe("'表1'!$4:$5");
    expect(titles.get(sheets.get('表4')!.index)).toBe("'表4'!$4:$6");
    expect(titles.size).toBe(13); // 表1–表13; the forms have none
  });

  it('sets up A4 pages, landscape or portrait per table, fitted to one page wide', () => {
    for (const [name, orientation] of [['表2', 'landscape'], ['表4', 'landscape'], ['表1', 'portrait'], ['表11', 'portrait'], ['表14', 'portrait'], ['表15-3', 'portrait']] as const) {
      const xml = sheetXml(name);
      const [ps] = tags(xml, 'pageSetup');
      expect(ps, name).toMatchObject({ paperSize: '9', orientation, fitToWidth: '1', fitToHeight: '0' });
      expect(tags(xml, 'pageSetUpPr')[0]?.fitToPage).toBe('1');
    }
  });

  it('freezes the panes below the header', () => {
    const [pane] = tags(sheetXml('表2'), 'pane');
    expect(pane).toMatchObject({ state: 'frozen', ySplit: '7', xSplit: '1', topLeftCell: 'B8' });
    expect(tags(sheetXml('表7'), 'pane')[0]).toMatchObject({ state: 'frozen', ySplit: '4', topLeftCell: 'A5' });
  });

  it('merges the multi-level header as the reference prints it', () => {
    const merges = tags(sheetXml('表2'), 'mergeCell').map((m) => m.ref);
    // 预算单位 and 收入总计 span the four header rows; 本年收入 spans its eleven columns; the title spans the table.
    for (const ref of ['A2:Q2', 'A4:A7', 'B4:B7', 'C4:M4', 'C5:J5', 'D6:G6', 'C6:C7', 'N4:N7', 'Q4:Q7']) expect(merges).toContain(ref);
    const t12 = tags(sheetXml('表12'), 'mergeCell').map((m) => m.ref);
    expect(t12).toContain('F4:H4'); // 公务用车购置及运行维护费 over 小计, 购置费, 运行维护费
  });

  it('gives columns widths that fit their texts', () => {
    const cols = tags(sheetXml('表4'), 'col');
    const first = cols.find((c) => c.min === '1')!;
    expect(Number(first.width)).toBeGreaterThanOrEqual(28);
  });

  it('formats amounts as #,##0 in 宋体 (charset 134), with thin borders', () => {
    const styles = entryText(entries, 'xl/styles.xml');
    // Built-in formats (ECMA-376 §18.8.30) are referred to by id only: 3 is #,##0, 4 is #,##0.00, 49 is @.
    const numFmts = new Map<string, string>([['3', '#,##0'], ['4', '#,##0.00'], ['49', '@'], ...tags(styles, 'numFmt').map((f): [string, string] => [f.numFmtId!, f.formatCode!.replace(/&quot;/g, '"')])]);
    const fontsXml = /<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)![1]!;
    const fonts = [...fontsXml.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => ({ name: /<name val="([^"]*)"/.exec(m[1]!)?.[1], charset: /<charset val="(\d+)"/.exec(m[1]!)?.[1] }));
    expect(fonts.some((f) => f.name === '宋体' && f.charset === '134')).toBe(true);
    const xfs = tags(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!, 'xf');
    // The department's 收入总计 in 表2 (B8 = 3380) uses a style with the #,##0 format and the 宋体 font.
    const cell = /<c r="B8" s="(\d+)"[^>]*><v>([^<]*)<\/v><\/c>/.exec(sheetXml('表2'))!;
    expect(cell[2]).toBe('3380');
    const xf = xfs[Number(cell[1])]!;
    expect(numFmts.get(xf.numFmtId!)).toBe('#,##0');
    expect(fonts[Number(xf.fontId)]!.name).toBe('宋体');
    const borders = [...(/<borders[^>]*>([\s\S]*?)<\/borders>/.exec(styles)![1]!).matchAll(/<border>([\s\S]*?)<\/border>/g)];
    expect(borders[Number(xf.borderId)]![1]).toMatch(/<left style="thin"/);
  });
});

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!soffice)('LibreOffice renders the workbook (needs the libreoffice-calc-nogui package)', () => {
  it('re-saves it as .xlsx with its own writer, and that file imports to the same document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-lo-'));
    try {
      const file = join(dir, 'sample.xlsx');
      writeFileSync(file, bytes);
      const out = join(dir, 'out');
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, file], { timeout: 120_000, stdio: 'ignore' });
      const resaved = new Uint8Array(readFileSync(join(out, 'sample.xlsx')));
      expect(Buffer.from(resaved).equals(Buffer.from(bytes))).toBe(false);
      const [ours, theirs] = await Promise.all([importWorkbook(bytes), importWorkbook(resaved)]);
      if (!ours.ok || !theirs.ok) throw new Error('import failed');
      expect(theirs.report.cells).toEqual([]);
      expect(theirs.doc).toEqual(ours.doc);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('converts to a PDF with one page or more per sheet', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-pdf-'));
    try {
      const file = join(dir, 'sample.xlsx');
      writeFileSync(file, bytes);
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000, stdio: 'ignore' });
      const pdf = readFileSync(join(dir, 'sample.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(21);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
