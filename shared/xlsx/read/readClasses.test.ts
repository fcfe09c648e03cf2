/**
 * The classes of input the real-world corpus showed the reader getting wrong (issue 14), each on a
 * small hand-written part: empty shared-string values, markup that is no element (comments, CDATA,
 * processing instructions), XML end-of-line handling, date serials as Excel means them, merges and
 * rows in any order, and number cells whose text a double cannot hold.
 */
import { describe, expect, it } from 'vitest';
import { amountOf, textOf } from '../cellValues';
import { SheetView } from '../sheetView';
import { MergeIndex, SheetRow, type MergeRange } from './parsedSheet';
import { excelSerial, parseSheetPart, type SheetPartContext } from './sheetPart';
import { dateKindOfFormat, parseStyles } from './stylesPart';
import { decodeCellText, hasDoctype, stringItemText } from './xmlText';

const STYLES = parseStyles(`<styleSheet><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/><numFmt numFmtId="166" formatCode="h:mm"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>`);

function ctx(extra: Partial<SheetPartContext> = {}): SheetPartContext {
  return { name: 'Sheet1', state: 'visible', sharedStrings: ['甲', '乙'], styles: STYLES, date1904: false, fileLabel: '“t.xlsx”', ...extra };
}

function sheet(data: string, extra?: Partial<SheetPartContext>, tail = ''): SheetView {
  return new SheetView(parseSheetPart(`<worksheet><sheetData>${data}</sheetData>${tail}</worksheet>`, ctx(extra)));
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

describe('cell values as Excel shows them', () => {
  it('an empty shared-string value is an empty cell, not string 0', () => {
    const s = sheet('<row r="1"><c r="A1" t="s"><v/></c><c r="B1" t="s"><v></v></c><c r="C1" t="s"><v> </v></c><c r="D1" t="s"><v>1</v></c></row>');
    expect([s.value(1, 1), s.value(1, 2), s.value(1, 3), s.value(1, 4)]).toEqual([null, null, null, '乙']);
  });

  it('CDATA text is taken literally, in inline strings, shared strings and values', () => {
    const s = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b & c]]></t></is></c><c r="B1"><v><![CDATA[12.5]]></v></c><c r="C1" t="str"><f>x</f><v><![CDATA[&amp;]]></v></c></row>');
    expect([s.value(1, 1), s.value(1, 2), textOf(s.value(1, 3))]).toEqual(['a<b & c', 12.5, '&amp;']);
    expect(stringItemText('<t>前<![CDATA[<中>]]>后</t>')).toBe('前<中>后');
  });

  it('a row or cell inside a comment or processing instruction is not data', () => {
    const s = sheet('<!-- <row r="1"><c r="A1"><v>9</v></c></row> --><row r="2"><?pi <c r="A2"><v>8</v></c>?><c r="B2"><v>1</v></c></row><!--<x:row r="3"><x:c r="A3"><x:v>7</x:v></x:c></x:row>-->');
    expect([s.value(1, 1), s.value(2, 1), s.value(2, 2), s.value(3, 1)]).toEqual([null, null, 1, null]);
    expect(s.rowCount).toBe(2);
    // Inside a cell and inside a value, with tag-like text in the comment (found by the respelling fuzzer).
    const c = sheet('<row r="1"><c r="A1" t="s"><!--<v>9</v></c>--><v>1</v></c><c r="B1"><v><!--</v>-->2.5</v></c><c r="C1"><v>3</v></c></row>');
    expect([c.value(1, 1), c.value(1, 2), c.value(1, 3)]).toEqual(['乙', 2.5, 3]);
    const ss = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>a<!-- </t> --></t><t>b</t></is></c></row>');
    expect(ss.value(1, 1)).toBe('ab');
  });

  it('stays linear with a comment after every cell (each end tag searched once past the comments)', () => {
    // A search restarting from each comment would scan to </sheetData> 200,000 times: ~10^12 steps.
    const n = 200_000;
    const s = sheet(Array.from({ length: n }, (_, k) => `<row r="${k + 1}"><c r="A${k + 1}"><!-- c --><v>${k}</v></c><!-- r --></row>`).join(''));
    expect([s.rowCount, s.value(n, 1)]).toEqual([n, n - 1]);
  });

  it('normalises line ends as XML requires (CR LF and CR → LF), keeping escaped CRs', () => {
    expect(decodeCellText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(decodeCellText('a&#13;\nb')).toBe('a\r\nb');
    expect(decodeCellText('a_x000D_\r\nb')).toBe('a\r\nb');
    expect(decodeCellText('_x005F_x000D_ and _x005f_')).toBe('_x000D_ and _');
  });

  it('refuses nothing for a DTD-free part and spots a DOCTYPE before the root', () => {
    expect(hasDoctype('<?xml version="1.0"?><!-- c --><!DOCTYPE x [<!ENTITY a "b">]><x/>')).toBe(true);
    expect(hasDoctype('<?xml version="1.0"?><x><!-- <!DOCTYPE --></x>')).toBe(false);
  });
});

describe('date serials as Excel means them', () => {
  it('1900 system: the leap-year bug before 1900-03-01, times of day, durations, invalid serials', () => {
    expect(iso(excelSerial(1, 'date', false))).toBe('1900-01-01T00:00:00.000Z');
    expect(iso(excelSerial(59, 'date', false))).toBe('1900-02-28T00:00:00.000Z');
    expect(iso(excelSerial(61, 'date', false))).toBe('1900-03-01T00:00:00.000Z');
    expect(iso(excelSerial(43831.5, 'date', false))).toBe('2020-01-01T12:00:00.000Z');
    expect(excelSerial(0.75, 'time', false)).toEqual({ time: 64_800 });
    expect(excelSerial(0.5, 'date', false)).toEqual({ time: 43_200 });
    expect(excelSerial(1.5, 'duration', false)).toEqual({ duration: 1.5 });
    expect(excelSerial(-1, 'date', false)).toEqual({ invalidDate: -1 });
    expect(excelSerial(2_958_466, 'date', false)).toEqual({ invalidDate: 2_958_466 });
    expect(iso(excelSerial(2_958_465, 'date', false))).toBe('9999-12-31T00:00:00.000Z');
  });

  it('1904 system: serial 0 is 1904-01-01 under a date format', () => {
    expect(iso(excelSerial(0, 'date', true))).toBe('1904-01-01T00:00:00.000Z');
    expect(excelSerial(0.25, 'time', true)).toEqual({ time: 21_600 });
  });

  it('format codes: elapsed time is a duration, hours without days a time, a lone m a month', () => {
    expect(['[h]:mm:ss', '[mm]:ss', 'h:mm AM/PM', 'mm:ss', 'yyyy"年"m"月"', 'm', '0.00', '#,##0;[Red]-#,##0', '[$-804]General'].map(dateKindOfFormat)).toEqual([
      'duration',
      'duration',
      'time',
      'time',
      'date',
      'date',
      null,
      null,
      null,
    ]);
  });

  it('in a sheet: an invalid serial is reported per cell, not an aborted import', () => {
    const s = sheet('<row r="1"><c r="A1" s="1"><v>-5</v></c><c r="B1" s="3"><v>0.5</v></c><c r="C1" s="2"><v>1.25</v></c><c r="D1" t="d"><v>2020-02-29</v></c><c r="E1" t="d"><v>not a date</v></c></row>');
    expect(s.value(1, 1)).toEqual({ invalidDate: -5 });
    expect(amountOf(s.value(1, 1), 'yuan')).toMatchObject({ ok: false });
    expect([s.text(1, 2), s.text(1, 3)]).toEqual(['12:00:00', '30:00:00']);
    expect(iso(s.value(1, 4))).toBe('2020-02-29T00:00:00.000Z');
    expect(s.value(1, 5)).toBe('not a date');
  });
});

describe('number cells read exactly', () => {
  it('keeps the decimal text a double cannot hold, so the amount is exact or refused', () => {
    const s = sheet('<row r="1"><c r="A1"><v>90071992547409.91</v></c><c r="B1"><v>0.1234567890123456789</v></c><c r="C1"><v>1234.5700000000002</v></c><c r="D1"><v>1234.56</v></c><c r="E1"><f>A1</f><v>90071992547409.91</v></c></row>');
    // 9007199254740991 分 read exactly would be beyond the domain bound (10^15 分): refused, naming what the cell holds.
    expect(amountOf(s.value(1, 1), 'yuan')).toMatchObject({ ok: false, message: expect.stringContaining('90071992547409.91') });
    // Digits below 分 beyond float noise: refused, naming what the cell holds.
    expect(amountOf(s.value(1, 2), 'yuan')).toMatchObject({ ok: false, message: expect.stringContaining('0.1234567890123456789') });
    expect(amountOf(s.value(1, 3), 'yuan')).toEqual({ ok: true, value: 123_457 });
    expect(s.value(1, 4)).toBe(1234.56);
    expect(amountOf(s.value(1, 5), 'yuan')).toMatchObject({ ok: false, message: expect.stringContaining('90071992547409.91') });
    expect(textOf(s.value(1, 1))).toBe(String(90071992547409.91));
  });

  it('an empty or non-numeric number value is no zero and no NaN', () => {
    const s = sheet('<row r="1"><c r="A1"><v></v></c><c r="B1"><v>abc</v></c></row>');
    expect([s.value(1, 1), s.value(1, 2)]).toEqual([null, 'abc']);
  });
});

describe('merges and rows in any order', () => {
  it('the merge index answers as a scan over all ranges does', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    // Non-overlapping ranges: a grid of cells, some merged with random extents (tall ones too).
    const ranges: MergeRange[] = [];
    for (let left = 1; left < 60; left += 3) {
      for (let top = 1; top < 3000; ) {
        const height = rnd(4) === 0 ? 1 + rnd(900) : 1 + rnd(3);
        const width = 1 + rnd(3);
        if (height > 1 || width > 1) ranges.push({ top, left, bottom: top + height - 1, right: left + width - 1 });
        top += height + rnd(3);
      }
    }
    const index = new MergeIndex(ranges);
    for (let k = 0; k < 20_000; k++) {
      const r = 1 + rnd(3100);
      const c = 1 + rnd(64);
      expect(index.at(r, c)).toBe(ranges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right));
    }
    for (let r = 1; r < 3100; r += 37) {
      const byScan = ranges.filter((m) => r >= m.top && r <= m.bottom);
      expect(new Set(index.inRow(r))).toEqual(new Set(byScan));
      expect(new Set(index.inRow(r, 30))).toEqual(new Set(byScan.filter((m) => m.left <= 30)));
    }
  });

  it('drops overlapping ranges, so no row meets more ranges than it has columns (20,000 tall merges stay fast)', () => {
    const same = Array.from({ length: 20_000 }, () => ({ top: 1, left: 2, bottom: 50_000, right: 2 }));
    // Each starting above the previous one: only the topmost is kept.
    const chain = Array.from({ length: 20_000 }, (_, k) => ({ top: 50_000 - k, left: 3, bottom: 50_000, right: 4 }));
    const index = new MergeIndex([...same, ...chain]);
    expect(index.ranges).toEqual([same[0], chain[chain.length - 1]]);
    expect(index.inRow(49_999)).toHaveLength(2);
    const merges = [...same, ...chain].map((m) => `<mergeCell ref="${String.fromCharCode(64 + m.left)}${m.top}:${String.fromCharCode(64 + m.right)}${m.bottom}"/>`).join('');
    const s = sheet('<row r="1"><c r="B1" t="s"><v>0</v></c></row>', {}, `<mergeCells>${merges}</mergeCells>`);
    let texts = 0;
    for (let r = 1; r <= s.rowCount; r++) texts += s.rowTexts(r).length;
    expect(texts).toBe(50_000);
  });

  it('cells in descending column order, and repeated columns (the last wins)', () => {
    const row = new SheetRow();
    for (let c = 1000; c >= 1; c--) row.set(c, c, 0);
    row.set(500, 'x', 3);
    expect(row.size).toBe(1000);
    expect([row.cols[0], row.cols[999], row.values[499], row.styles[499]]).toEqual([1, 1000, 'x', 3]);
    expect(row.indexOf(777)).toBe(776);
    const s = sheet('<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>');
    expect(s.rowTexts(1)).toEqual([
      { c: 1, text: '1' },
      { c: 2, text: '2' },
      { c: 3, text: '3' },
    ]);
  });

  it('prefixed merges and single-quoted attributes', () => {
    const s = sheet(`<x:row r='1'><x:c r='A1' t='s'><x:v>0</x:v></x:c></x:row>`, {}, `<x:mergeCells><x:mergeCell ref='A1:B3'/></x:mergeCells>`);
    expect([s.text(3, 2), s.isSlave(3, 2), s.rowCount]).toEqual(['甲', true, 3]);
  });
});
