/**
 * The JavaScript deflate, inflated back by Node's zlib (an independent inflater).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deflateFixed } from './deflateFixed';

function lcg(n: number, seed: number, alphabet = 256): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = alphabet === 256 ? s >>> 24 : 97 + ((s >>> 24) % alphabet);
  }
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('deflateFixed', () => {
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.from([7])],
    ['two bytes', Uint8Array.from([255, 0])],
    ['a run longer than the longest match', text('a'.repeat(1000))],
    ['random bytes (incompressible)', lcg(70_000, 1)],
    ['four letters (short matches at every distance)', lcg(100_000, 2, 4)],
    ['worksheet-like XML over 32 KB (distances up to the window)', text('<row r="1"><c r="A1" s="3" t="s"><v>12</v></c></row>'.repeat(3000))],
    ['CJK text', text('部门预算编制器：表15项目支出绩效目标表。'.repeat(500))],
  ];

  it.each(cases)('inflates back to the input: %s', (_, data) => {
    expect(same(inflateRawSync(deflateFixed(data)), data)).toBe(true);
  });

  it('inflates back to the input for arbitrary bytes and for repetitive text (property)', () => {
    const repetitive = fc.array(fc.tuple(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 300 })), { maxLength: 30 }).map((parts) => text(parts.map(([p, n]) => p.repeat(n)).join('')));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 5000 }), repetitive), (data) => {
        expect(same(inflateRawSync(deflateFixed(data)), data)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is independent of earlier calls (its match tables are reused) and stays within a few times zlib’s size on XML', () => {
    const xml = text('<c r="B12" s="6"/><c r="C12" s="6" t="s"><v>345</v></c>'.repeat(100));
    const first = deflateFixed(xml);
    deflateFixed(lcg(50_000, 3, 8));
    expect(same(deflateFixed(xml), first)).toBe(true);
    expect(first.length).toBeLessThan(xml.length / 10);
    expect(first.length).toBeLessThan(3 * deflateRawSync(xml).length);
  });
});
