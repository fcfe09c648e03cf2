/**
 * The package as the format defines it, not as our exporter writes it: the workbook part found
 * through _rels/.rels, part names in any letter case or with backslashes, and size limits that
 * hold however the worksheet XML is spelled (namespace prefixes, quotes, comments) and wherever
 * the worksheet part sits.
 */
import { describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { smallBudget } from './helpers';
import { readZip, writeZip, type ZipEntry } from './zipTools';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

async function smallWorkbook(): Promise<ZipEntry[]> {
  const r = await exportWorkbook(smallBudget(), { audit: false });
  if (!r.ok) throw new Error('export refused');
  return readZip(r.bytes);
}

/** Moves the workbook part to `to` (rewriting the package relationship and its own rels). */
function moveWorkbook(entries: ZipEntry[], to: string): ZipEntry[] {
  const folder = to.slice(0, to.lastIndexOf('/'));
  const file = to.slice(to.lastIndexOf('/') + 1);
  return entries.map((e) => {
    if (e.name === 'xl/workbook.xml') return { name: to, data: e.data };
    if (e.name === 'xl/_rels/workbook.xml.rels') {
      // Targets relative to the new folder: worksheets/… become ../xl/worksheets/….
      const xml = dec(e.data).replace(/Target="(?!\/)([^"]*)"/g, 'Target="../xl/$1"');
      return { name: `${folder}/_rels/${file}.rels`, data: enc(xml) };
    }
    if (e.name === '_rels/.rels') return { name: e.name, data: enc(dec(e.data).replace('Target="xl/workbook.xml"', `Target="${to}"`)) };
    return e;
  });
}

describe('package parts as the format defines them', () => {
  it('finds the workbook part through _rels/.rels when it is not at xl/workbook.xml', async () => {
    const entries = await smallWorkbook();
    expect(dec(entries.find((e) => e.name === '_rels/.rels')!.data)).toContain('Target="xl/workbook.xml"');
    const r = await importWorkbook(writeZip(moveWorkbook(entries, 'book/main.xml')), { fileName: '移动.xlsx' });
    expect(r.ok && r.doc.department.name).toBe(smallBudget().department.name);
  });

  it('reads part names written with backslashes or in another letter case', async () => {
    const entries = await smallWorkbook();
    const expected = await importWorkbook(writeZip(entries), { fileName: 'a.xlsx' });
    if (!expected.ok) throw new Error('reference import failed');
    for (const rename of [(n: string) => n.replace(/\//g, '\\'), (n: string) => n.toUpperCase()]) {
      const r = await importWorkbook(writeZip(entries.map((e) => ({ name: rename(e.name), data: e.data }))), { fileName: 'b.xlsx' });
      expect(r.ok, String(!r.ok && r.error.message)).toBe(true);
      if (r.ok) expect(r.doc.economicLines).toEqual(expected.doc.economicLines);
    }
  });

  it('limits rows however the worksheet is spelled: prefixes, single quotes, and a worksheet at any path', async () => {
    const entries = await smallWorkbook();
    const rows: string[] = [];
    for (let r = 1; r <= 3_000; r++) rows.push(`<x:row r='${r}'><x:c r='A${r}' t='inlineStr'><x:is><x:t>行${r}</x:t></x:is></x:c></x:row>`);
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${rows.join('')}</x:sheetData></x:worksheet>`;
    // The sheet's part moved out of xl/worksheets/ (its relationship follows it).
    const moved = entries
      .map((e) => (e.name === 'xl/worksheets/sheet4.xml' ? { name: 'data/part4.bin', data: enc(xml) } : e))
      .map((e) => (e.name === 'xl/_rels/workbook.xml.rels' ? { name: e.name, data: enc(dec(e.data).replace(/Target="[^"]*sheet4\.xml"/, 'Target="/data/part4.bin"')) } : e));
    const r = await importWorkbook(writeZip(moved), { fileName: '前缀.xlsx', limits: { maxRowsPerSheet: 2_000 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('tooManyRows');
      expect(r.error.message).toContain('3,000');
    }
  });

  it('names an over-long sheet as the reader does: a moved workbook part, prefixed elements, escaped names', async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 3_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const sheet = enc(`<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`);
    const crafted = moveWorkbook(await smallWorkbook(), 'book/main.xml').map((e) => {
      if (e.name === 'xl/worksheets/sheet4.xml') return { name: e.name, data: sheet };
      if (e.name !== 'book/main.xml') return e;
      const xml = dec(e.data).replace(/<(\/?)(sheets?)\b/g, '<$1x:$2').replace(/name="表4"/, "name='表4&amp;附表'");
      return { name: e.name, data: enc(xml.replace('<workbook ', '<workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ')) };
    });
    const r = await importWorkbook(writeZip(crafted), { fileName: '移动.xlsx', limits: { maxRowsPerSheet: 2_000 } });
    expect(!r.ok && r.error.code).toBe('tooManyRows');
    expect(!r.ok && r.error.message).toContain('工作表“表4&附表”有 3,000 行');
  });

  it('limits merged cells written with a prefix and single quotes', async () => {
    const entries = await smallWorkbook();
    const merges = Array.from({ length: 50 }, (_, k) => `<x:mergeCell ref='A${k * 1000 + 1}:Z${k * 1000 + 1000}'/>`).join('');
    const xml = `<x:worksheet xmlns:x="m"><x:sheetData/><x:mergeCells>${merges}</x:mergeCells></x:worksheet>`;
    const crafted = entries.map((e) => (e.name === 'xl/worksheets/sheet4.xml' ? { name: e.name, data: enc(xml) } : e));
    const r = await importWorkbook(writeZip(crafted), { fileName: '合并.xlsx', limits: { maxCells: 1_000_000 } });
    expect(!r.ok && r.error.code).toBe('tooLarge');
  });
});
