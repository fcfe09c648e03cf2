/**
 * A zip archive writer for the workbook (no zip64: refuses 65,535 entries or more, or 4 GB, since
 * 0xFFFF and 0xFFFFFFFF in the end record mean "see the zip64 record" to every reader).
 *
 * Deflate comes from the host: `platform.deflateRaw` when given (the CLI passes Node's zlib),
 * else the platform's CompressionStream — in its 'gzip' form, whose trailer also carries the
 * CRC-32, computed natively — for large entries, and a small JavaScript deflate (fixed Huffman
 * codes) for entries under 64 KB. Streams run a few at a time, so compression overlaps with
 * the caller producing the next entry. Level 0 (or no deflate at all) stores the entries; an entry
 * that deflate would not shrink is stored too.
 */
import { crc32 as jsCrc32 } from './crc32';
import type { ZipPlatform } from './platform';
import { deflateFixed } from './deflateFixed';

export interface ZipWriterOptions {
  /** 0 = stored; 1–9 = deflate (the platform's CompressionStream has one fixed level). Default 6. */
  level?: number;
  /** Native primitives of the host: `deflateRaw` (synchronous) and `crc32`. */
  platform?: Pick<ZipPlatform, 'crc32' | 'deflateRaw'>;
  /** Modification time of every entry (default: now). */
  date?: Date;
  /** CompressionStreams in flight at once (default 4: more only adds contention). */
  concurrency?: number;
}

interface Compressed {
  method: 0 | 8;
  crc: number;
  size: number;
  data: Uint8Array;
}

interface Entry {
  text: string;
  name: Uint8Array;
  utf8: boolean;
  filled: boolean;
  result: Compressed | null;
}

const MAX_ENTRIES = 0xfffe;
/**
 * Below this size an entry is deflated in JavaScript (deflateFixed.ts) rather than by a
 * CompressionStream, whose start-up costs more than compressing a few kilobytes.
 */
const SMALL_ENTRY = 64 * 1024;
/** Largest size or offset a plain zip can hold (0xFFFFFFFF is the zip64 marker). */
const MAX_U32 = 0xfffffffe;

/**
 * The fields a local header (at offset 4) and a central directory header (at offset 6) share:
 * version needed, flags (UTF-8 names), method, DOS time and date, CRC-32, sizes, name length.
 */
function entryFields(v: DataView, at: number, e: Entry, time: number, date: number): void {
  const r = e.result!;
  v.setUint16(at, r.method === 8 ? 20 : 10, true);
  v.setUint16(at + 2, e.utf8 ? 0x0800 : 0, true);
  v.setUint16(at + 4, r.method, true);
  v.setUint16(at + 6, time, true);
  v.setUint16(at + 8, date, true);
  v.setUint32(at + 10, r.crc, true);
  v.setUint32(at + 14, r.data.length, true);
  v.setUint32(at + 18, r.size, true);
  v.setUint16(at + 22, e.name.length, true);
}

type TextEncoderLike = { encode(s: string): Uint8Array };
const encoder: TextEncoderLike = new (globalThis as unknown as { TextEncoder: new () => TextEncoderLike }).TextEncoder();

interface StreamLike {
  readable: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } };
  writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
}
type CompressionStreamCtor = new (format: 'gzip') => StreamLike;

function compressionStream(): CompressionStreamCtor | undefined {
  return (globalThis as { CompressionStream?: CompressionStreamCtor }).CompressionStream;
}

export function dosDateTime(date: Date): { time: number; date: number } {
  const year = date.getFullYear();
  if (year < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((Math.min(year, 2107) - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

async function readAll(stream: StreamLike): Promise<Uint8Array> {
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value) {
      chunks.push(value);
      total += value.length;
    }
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** The raw deflate data and CRC-32 inside a gzip member (RFC 1952). */
export function unwrapGzip(gz: Uint8Array, size: number): { deflated: Uint8Array; crc: number } {
  const fail = () => new Error('压缩结果不是有效的 gzip 数据');
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8) throw fail();
  const flags = gz[3]!;
  let p = 10;
  if (flags & 4) p += 2 + (gz[p]! | (gz[p + 1]! << 8));
  if (flags & 8) while (p < gz.length && gz[p++] !== 0);
  if (flags & 16) while (p < gz.length && gz[p++] !== 0);
  if (flags & 2) p += 2;
  const end = gz.length - 8;
  if (p > end) throw fail();
  const u32 = (o: number) => (gz[o]! | (gz[o + 1]! << 8) | (gz[o + 2]! << 16) | (gz[o + 3]! << 24)) >>> 0;
  if (u32(end + 4) !== size >>> 0) throw fail();
  return { deflated: gz.subarray(p, end), crc: u32(end) };
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private readonly inFlight: Promise<void>[] = [];
  private readonly level: number;
  private readonly platform: ZipWriterOptions['platform'];
  private readonly stamp: { time: number; date: number };
  private readonly concurrency: number;
  private readonly stream: CompressionStreamCtor | undefined;
  private readonly names = new Set<string>();

  constructor(options: ZipWriterOptions = {}) {
    this.level = Math.max(0, Math.min(9, Math.round(options.level ?? 6)));
    this.platform = options.platform;
    this.stamp = dosDateTime(options.date ?? new Date());
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.stream = this.platform?.deflateRaw ? undefined : compressionStream();
  }

  /** Add an entry (text is written as UTF-8). Resolves when there is room for the next one. */
  async add(name: string, content: string | Uint8Array): Promise<void> {
    await this.fill(this.reserve(name), content);
  }

  /** Reserve an entry's place in the archive, to give its content later with fill(). */
  reserve(name: string): number {
    if (this.names.has(name)) throw new Error(`压缩包中的文件名重复：${name}`);
    if (this.entries.length >= MAX_ENTRIES) throw new Error(`工作簿过大：压缩包最多只能有 ${MAX_ENTRIES} 个文件`);
    this.names.add(name);
    this.entries.push({ text: name, name: encoder.encode(name), utf8: /[^\x20-\x7e]/.test(name), result: null, filled: false });
    return this.entries.length - 1;
  }

  /** The content of a reserved entry. Resolves when there is room for the next one. */
  async fill(index: number, content: string | Uint8Array): Promise<void> {
    const entry = this.entries[index];
    if (!entry || entry.filled) throw new Error(`压缩包中没有待写入的第 ${index + 1} 个文件`);
    entry.filled = true;
    const data = typeof content === 'string' ? encoder.encode(content) : content;
    if (data.length > MAX_U32) throw new Error('工作簿过大：其中一个文件超过 4 GB');
    if (this.level === 0 || data.length === 0) {
      entry.result = this.stored(data);
    } else if (this.platform?.deflateRaw) {
      entry.result = this.smaller(data, this.platform.deflateRaw(data, this.level), this.crc(data));
    } else if (this.stream && data.length < SMALL_ENTRY) {
      entry.result = this.smaller(data, deflateFixed(data), this.crc(data));
    } else if (this.stream) {
      const job = this.viaStream(this.stream, data).then((r) => {
        entry.result = r;
      });
      this.inFlight.push(job);
      // Failures surface from finish() (or from the fill() that waits on this job).
      job.catch(() => undefined);
      while (this.inFlight.length >= this.concurrency) await this.inFlight.shift();
    } else {
      entry.result = this.stored(data);
    }
  }

  private crc(data: Uint8Array): number {
    return (this.platform?.crc32 ? this.platform.crc32(data) : jsCrc32(data)) >>> 0;
  }

  private stored(data: Uint8Array): Compressed {
    return { method: 0, crc: this.crc(data), size: data.length, data };
  }

  private smaller(data: Uint8Array, deflated: Uint8Array, crc: number): Compressed {
    return deflated.length < data.length ? { method: 8, crc, size: data.length, data: deflated } : { method: 0, crc, size: data.length, data };
  }

  private async viaStream(ctor: CompressionStreamCtor, data: Uint8Array): Promise<Compressed> {
    const cs = new ctor('gzip');
    const writer = cs.writable.getWriter();
    const writing = writer.write(data).then(() => writer.close());
    writing.catch(() => undefined);
    const gz = await readAll(cs);
    await writing;
    const { deflated, crc } = unwrapGzip(gz, data.length);
    return this.smaller(data, deflated, crc);
  }

  /** The archive, in one buffer of its exact size. */
  async finish(): Promise<Uint8Array> {
    await Promise.all(this.inFlight.splice(0));
    const missing = this.entries.find((e) => !e.filled);
    if (missing) throw new Error(`压缩包中的文件没有写入内容：${missing.text}`);
    let size = 22;
    for (const e of this.entries) size += 30 + 46 + 2 * e.name.length + e.result!.data.length;
    if (size > MAX_U32) throw new Error('工作簿过大：压缩后超过 4 GB');
    const out = new Uint8Array(size);
    const v = new DataView(out.buffer);
    const { time, date } = this.stamp;
    const offsets: number[] = [];
    let p = 0;
    for (const e of this.entries) {
      const r = e.result!;
      offsets.push(p);
      v.setUint32(p, 0x04034b50, true);
      entryFields(v, p + 4, e, time, date);
      v.setUint16(p + 28, 0, true);
      out.set(e.name, p + 30);
      p += 30 + e.name.length;
      out.set(r.data, p);
      p += r.data.length;
    }
    const central = p;
    this.entries.forEach((e, i) => {
      v.setUint32(p, 0x02014b50, true);
      v.setUint16(p + 4, 20, true); // made by: MS-DOS, zip 2.0
      entryFields(v, p + 6, e, time, date);
      // extra, comment, disk, internal and external attributes: 0
      v.setUint32(p + 42, offsets[i]!, true);
      out.set(e.name, p + 46);
      p += 46 + e.name.length;
    });
    v.setUint32(p, 0x06054b50, true);
    v.setUint16(p + 8, this.entries.length, true);
    v.setUint16(p + 10, this.entries.length, true);
    v.setUint32(p + 12, p - central, true);
    v.setUint32(p + 16, central, true);
    return out;
  }
}
