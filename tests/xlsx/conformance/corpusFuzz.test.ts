/**
 * Fuzzing with the real-world corpus as seeds (skipped when ../shared/xlsx-corpus is absent):
 * - every top-level workbook respelled (xmlMutations.ts: prefixes, quotes, comments, CDATA, CR LF,
 *   cell order) reads cell by cell as the original does;
 * - mutated workbooks (flipped bytes, truncations, restructured XML) import to a document or a
 *   classified error, never a crash.
 */
import { describe, expect, it } from 'vitest';
import { importWorkbook } from '../../../shared/xlsx/importWorkbook';
import { prng } from '../../fixtures/prng';
import { respell, restructure } from '../xmlMutations';
import { readZip, writeZip, type ZipEntry } from '../zipTools';
import { classified, corpusBytes, corpusFiles, corpusPresent, differences, readCells } from './corpus';

const XML_PART = /\.xml$/i;
const RESPELLABLE = /^xl\/(worksheets\/[^/]+|sharedStrings|workbook)\.xml$/i;

/** A corpus file's entries, when the test zip reader can take it apart (not every seed can). */
function entriesOf(bytes: Uint8Array): ZipEntry[] | null {
  try {
    const entries = readZip(bytes);
    return new Set(entries.map((e) => e.name)).size === entries.length ? entries : null;
  } catch {
    return null;
  }
}

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const enc = (s: string) => new TextEncoder().encode(s);

describe.skipIf(!corpusPresent)('fuzzing seeded with the real-world corpus', () => {
  const seeds = corpusFiles('')
    .map((file) => ({ file, bytes: corpusBytes('', file) }))
    .filter((s) => s.bytes.length < 400_000);

  it('reads every respelled corpus workbook cell by cell as the original', async () => {
    let compared = 0;
    for (const [k, seed] of seeds.entries()) {
      const entries = entriesOf(seed.bytes);
      const original = await readCells(seed.bytes, seed.file);
      if (!entries || !original.ok) continue;
      const rnd = prng(1000 + k);
      // CDATA and comments only where the text holds no character references (a CDATA section is literal).
      const respelled = entries.map((e) => {
        if (!RESPELLABLE.test(e.name)) return e;
        const xml = dec(e.data);
        return xml.includes('&#') || /<f[\s>]/.test(xml) ? e : { name: e.name, data: enc(respell(xml, rnd, e.name.toLowerCase().startsWith('xl/worksheets/'))) };
      });
      const again = await readCells(writeZip(respelled), seed.file);
      expect(again.ok, `${seed.file}: ${!again.ok ? String(again.error) : ''}`).toBe(true);
      if (!again.ok) continue;
      expect(differences(again.sheets, original.sheets), seed.file).toEqual([]);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  }, 300_000);

  it('gives a document or a classified error for mutated corpus workbooks', async () => {
    const rnd = prng(4242);
    const problems: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const seed = seeds[Math.floor(rnd() * seeds.length)]!;
      let bytes = seed.bytes;
      const kind = Math.floor(rnd() * 3);
      if (kind === 0) {
        bytes = bytes.slice();
        for (let n = 0; n < 1 + rnd() * 8; n++) {
          const at = Math.floor(rnd() * bytes.length);
          bytes[at] = bytes[at]! ^ (1 << Math.floor(rnd() * 8));
        }
      } else if (kind === 1) bytes = bytes.slice(0, Math.floor(rnd() * bytes.length));
      else {
        const entries = entriesOf(bytes);
        if (!entries) continue;
        const parts = entries.filter((e) => XML_PART.test(e.name));
        if (parts.length === 0) continue;
        const target = parts[Math.floor(rnd() * parts.length)]!;
        const xml = dec(target.data);
        bytes = writeZip(entries.map((e) => (e === target ? { name: e.name, data: enc(rnd() < 0.5 ? restructure(xml, rnd) : respell(xml, rnd, true)) } : e)));
      }
      try {
        const r = await importWorkbook(bytes, { fileName: seed.file });
        if (!r.ok && !classified(r.error)) problems.push(`${seed.file} case ${i}: ${r.error.code} ${r.error.message}`);
      } catch (e) {
        problems.push(`${seed.file} case ${i}: threw ${String(e)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
