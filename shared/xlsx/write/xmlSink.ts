/**
 * A growable UTF-8 byte buffer the serializers write XML into piece by piece (a row, a string
 * item), so no part is ever held as one huge string: short-lived pieces are cheap to collect,
 * one long rope of millions of pieces is not. The buffer is reused from part to part.
 */
type Utf8Encoder = { encodeInto(s: string, dest: Uint8Array): { read: number; written: number } };
const encoder: Utf8Encoder = new (globalThis as unknown as { TextEncoder: new () => Utf8Encoder }).TextEncoder();

export class XmlSink {
  private buf: Uint8Array;
  private pos = 0;

  constructor(initialBytes = 1 << 20) {
    this.buf = new Uint8Array(initialBytes);
  }

  write(s: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const need = this.pos + 3 * s.length;
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, 2 * this.buf.length));
      grown.set(this.buf.subarray(0, this.pos));
      this.buf = grown;
    }
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  get length(): number {
    return this.pos;
  }

  /** The bytes written since the last take, copied out; the sink starts over. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }
}
