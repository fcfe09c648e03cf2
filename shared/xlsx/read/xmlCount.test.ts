/**
 * The zip guard's counter counts what the reader reads, whatever the XML's spelling and however the
 * stream is cut into chunks: prefixed elements, single quotes, comments and CDATA, long prefixes.
 */
import { describe, expect, it } from 'vitest';
import { parseSheetPart } from './sheetPart';
import { NO_STYLES } from './stylesPart';
import { XmlCounter } from './xmlCount';

const bytes = (s: string) => new TextEncoder().encode(s);

function count(xml: string, chunk: number): { rows: number; cells: number; mergedCells: number } {
  const b = bytes(xml);
  const c = new XmlCounter();
  for (let o = 0; o < b.length; o += chunk) c.feed(b.subarray(o, Math.min(b.length, o + chunk)));
  return { rows: c.rows, cells: c.cells, mergedCells: c.mergedCells };
}

function read(xml: string): { rows: number; cells: number } {
  const s = parseSheetPart(xml, { name: 'S', state: 'visible', sharedStrings: [], styles: NO_STYLES, date1904: false, fileLabel: 'x' });
  let cells = 0;
  for (const row of s.rows.values()) cells += row.size;
  return { rows: s.rows.size, cells };
}

describe('the zip guard counter', () => {
  it('counts prefixed rows and cells, and merges in either quote style', () => {
    const xml = `<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r='B1'><x:v>2</x:v></x:c></x:row><row><c><v>3</v></c></row></x:sheetData>
<x:mergeCells><x:mergeCell ref='A1:B2'/><mergeCell ref="$C$1:$D$3"/></x:mergeCells></x:worksheet>`;
    for (const chunk of [1, 2, 3, 7, 64, 1 << 20]) expect(count(xml, chunk), `chunk ${chunk}`).toEqual({ rows: 2, cells: 3, mergedCells: 4 + 6 });
  });

  it('does not count what a comment, CDATA section or processing instruction holds, across chunk boundaries', () => {
    const xml = `<sheetData><!-- <row><c/></row> --><row><c/><![CDATA[<row><c/>]]><?x <c/> ?></row><!--<x:row>--></sheetData>`;
    for (const chunk of [1, 2, 5, 11, 1 << 20]) expect(count(xml, chunk), `chunk ${chunk}`).toEqual({ rows: 1, cells: 1, mergedCells: 0 });
  });

  it('counts an element whose long prefix straddles a chunk boundary (over-counting, never under-counting)', () => {
    const prefix = 'p'.repeat(200);
    const xml = `<sheetData><${prefix}:row><${prefix}:c><v>1</v></${prefix}:c></${prefix}:row></sheetData>`;
    for (const chunk of [1, 3, 50, 150, 1 << 20]) {
      const n = count(xml, chunk);
      expect(n.rows, `chunk ${chunk}`).toBeGreaterThanOrEqual(1);
      expect(n.cells, `chunk ${chunk}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('never counts fewer rows or cells than the reader reads, for mutated spellings', () => {
    let seed = 3;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(xs: T[]): T => xs[rnd(xs.length)]!;
    for (let k = 0; k < 300; k++) {
      const p = pick(['', 'x:', 'ns0:', 'a.b-c_d:']);
      const q = pick(['"', "'"]);
      let body = '';
      for (let r = 1; r <= 1 + rnd(6); r++) {
        body += `<${p}row${pick(['', ` r=${q}${r}${q}`, ` r=${q}0${q}`])}>`;
        for (let c = 0; c < rnd(5); c++) {
          body += pick(['', '<!-- c -->', '<?pi?>']);
          body += `<${p}c${pick(['', ` r=${q}B${r}${q}`, ` t=${q}inlineStr${q}`])}${pick(['/>', `><${p}v>1</${p}v></${p}c>`, `><${p}is><${p}t><![CDATA[<c>]]></${p}t></${p}is></${p}c>`])}`;
        }
        body += `</${p}row>${pick(['', '<!-- <row><c/></row> -->', '<![CDATA[<row>]]>'])}`;
      }
      const xml = `<${p}worksheet><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
      const got = read(xml);
      const counted = count(xml, 1 + rnd(40));
      expect(counted.rows, xml).toBeGreaterThanOrEqual(got.rows);
      expect(counted.cells, xml).toBeGreaterThanOrEqual(got.cells);
    }
  });
});
