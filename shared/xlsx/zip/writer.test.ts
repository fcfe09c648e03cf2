/**
 * The zip writer, read back by the import's own zip reader (readZipDirectory) and inflated with
 * Node's zlib independently of the writer's deflate; every CRC-32 checked.
 */
import { crc32 as zlibCrc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { readZipDirectory, type ZipEntryInfo } from './directory';
import { ZipWriter, dosDateTime, unwrapGzip, type ZipWriterOptions } from './writer';

/** Node's zlib as the host's primitives (what electron/cli/nodeZip.ts passes). */
const nodeZip = { crc32: (d: Uint8Array) => zlibCrc32(d), deflateRaw: (d: Uint8Array, level: number) => deflateRawSync(d, { level }) };

function contentOf(zip: Uint8Array, e: ZipEntryInfo): Uint8Array {
  const raw = zip.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  return e.method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw;
}

function pseudoRandom(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

const xmlLike = (n: number) => new TextEncoder().encode('<row r="1"><c r="A1" s="3" t="s"><v>12</v></c></row>'.repeat(Math.ceil(n / 52))).subarray(0, n);

async function roundTrip(files: [string, Uint8Array | string][], options: ZipWriterOptions) {
  const w = new ZipWriter(options);
  for (const [name, data] of files) await w.add(name, data);
  const zip = await w.finish();
  const entries = readZipDirectory(zip);
  expect(entries.map((e) => e.name)).toEqual(files.map(([n]) => n));
  entries.forEach((e, i) => {
    const expected = typeof files[i]![1] === 'string' ? new TextEncoder().encode(files[i]![1]) : files[i]![1];
    const got = contentOf(zip, e);
    expect(e.uncompressedSize).toBe(expected.length);
    expect(crc32(got)).toBe(e.crc32);
    expect(Buffer.from(got).equals(Buffer.from(expected))).toBe(true);
  });
  return { zip, entries };
}

const files = (): [string, Uint8Array | string][] => [
  ['[Content_Types].xml', '<Types/>'],
  ['xl/worksheets/sheet1.xml', xmlLike(3 * 1024 * 1024)],
  ['xl/random.bin', pseudoRandom(200_000)],
  ['empty.txt', new Uint8Array(0)],
  ['docs/名称.xml', '<a>表1</a>'],
];

describe('ZipWriter', () => {
  it('level 0 stores every entry', async () => {
    const { entries } = await roundTrip(files(), { level: 0 });
    expect(entries.every((e) => e.method === 0 && e.compressedSize === e.uncompressedSize)).toBe(true);
  });

  it('deflates with the platform’s zlib, >1 MB entries included, and stores what deflate cannot shrink', async () => {
    const { entries } = await roundTrip(files(), { level: 6, platform: nodeZip });
    const byName = new Map(entries.map((e) => [e.name, e]));
    const sheet = byName.get('xl/worksheets/sheet1.xml')!;
    expect(sheet.method).toBe(8);
    expect(sheet.compressedSize).toBeLessThan(sheet.uncompressedSize / 20);
    expect(byName.get('xl/random.bin')!.method).toBe(0);
    expect(byName.get('empty.txt')!.method).toBe(0);
  });

  it('deflates with the platform’s CompressionStream when no zlib is given, a few entries at a time', async () => {
    const many: [string, Uint8Array | string][] = [...files(), ...Array.from({ length: 30 }, (_, i): [string, string] => [`xl/worksheets/s${i}.xml`, `<x>${'<c r="A1"/>'.repeat(200 + i)}</x>`])];
    const { entries } = await roundTrip(many, { level: 6, concurrency: 3 });
    expect(entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.method).toBe(8);
    expect(entries.filter((e) => e.method === 8).length).toBeGreaterThan(30);
  });

  it('marks non-ASCII names as UTF-8 and stamps the given time in DOS format', async () => {
    const { entries, zip } = await roundTrip(files(), { level: 0, date: new Date(2020, 4, 17, 13, 45, 58) });
    expect(entries.find((e) => e.name === 'docs/名称.xml')!.flags & 0x800).toBe(0x800);
    expect(entries[0]!.flags & 0x800).toBe(0);
    const v = new DataView(zip.buffer, zip.byteOffset);
    expect(v.getUint16(10, true)).toBe((13 << 11) | (45 << 5) | 29);
    expect(v.getUint16(12, true)).toBe((40 << 9) | (5 << 5) | 17);
    expect(dosDateTime(new Date(1970, 0, 1))).toEqual({ time: 0, date: (1 << 5) | 1 });
  });

  it('refuses duplicate names and more entries than a zip without zip64 can hold', async () => {
    const w = new ZipWriter({ level: 0 });
    await w.add('a', 'x');
    await expect(w.add('a', 'y')).rejects.toThrow('重复');
    const full = new ZipWriter({ level: 0, platform: nodeZip });
    const empty = new Uint8Array(0);
    for (let i = 0; i < 0xfffe; i++) await full.add(String(i), empty);
    await expect(full.add('one more', empty)).rejects.toThrow('65534');
    expect(readZipDirectory(await full.finish(), { maxEntries: 0x10000 })).toHaveLength(0xfffe);
  });

  it('keeps a reserved entry’s place and refuses to finish while one is unfilled', async () => {
    const w = new ZipWriter({ level: 6, platform: nodeZip });
    const first = w.reserve('first.xml');
    await w.add('second.xml', 'b');
    await expect(w.finish()).rejects.toThrow('first.xml');
    await w.fill(first, 'a');
    await expect(w.fill(first, 'again')).rejects.toThrow();
    const zip = await w.finish();
    expect(readZipDirectory(zip).map((e) => [e.name, new TextDecoder().decode(contentOf(zip, e))])).toEqual([
      ['first.xml', 'a'],
      ['second.xml', 'b'],
    ]);
  });

  it('finds the deflate data and CRC-32 inside gzip members with optional header fields', () => {
    const deflated = Uint8Array.from([1, 2, 3]);
    const trailer = [0x78, 0x56, 0x34, 0x12, 5, 0, 0, 0];
    const plain = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, ...deflated, ...trailer]);
    expect(unwrapGzip(plain, 5)).toEqual({ deflated, crc: 0x12345678 });
    const named = Uint8Array.from([0x1f, 0x8b, 8, 4 | 8 | 2, 0, 0, 0, 0, 0, 3, 2, 0, 9, 9, 0x61, 0x62, 0, 0xaa, 0xbb, ...deflated, ...trailer]);
    expect(unwrapGzip(named, 5)).toEqual({ deflated, crc: 0x12345678 });
    expect(() => unwrapGzip(plain, 6)).toThrow();
    expect(() => unwrapGzip(Uint8Array.from([0, 0, 0]), 0)).toThrow();
  });
});
