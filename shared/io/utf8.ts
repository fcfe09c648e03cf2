/**
 * Strict UTF-8 decoding of a file's bytes: invalid input is refused with the byte offset of the
 * first bad sequence instead of becoming U+FFFD (overlong forms, surrogates, code points above
 * U+10FFFF and truncated sequences are invalid, as in the WHATWG decoder with `fatal: true`).
 */
type Decoder = { decode(bytes: Uint8Array): string };
type DecoderCtor = new (label: string, options?: { fatal?: boolean }) => Decoder;
/** TextDecoder exists in Node, browsers and workers; shared/ is compiled without DOM types. */
const strict: Decoder = new (globalThis as unknown as { TextDecoder: DecoderCtor }).TextDecoder('utf-8', { fatal: true });

export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number; utf16: boolean };

export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    return { ok: false, offset: firstInvalidUtf8(bytes), utf16 };
  }
}

/** Offset of the first byte of the first invalid sequence, or -1 when all of `bytes` is valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong 3-byte forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // no overlong 4-byte forms
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    if (i + need >= n) return i; // truncated at the end
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
