/**
 * Text of zip part names and small parts: lenient UTF-8 (U+FFFD for bad bytes) and latin-1 (names
 * without the UTF-8 flag). TextDecoder exists in Node, browsers and workers; shared/ is compiled without DOM types.
 */
type TextDecoderLike = { decode(bytes: Uint8Array): string };
export const utf8: TextDecoderLike = new (globalThis as unknown as { TextDecoder: new (label: string, options?: { fatal?: boolean }) => TextDecoderLike }).TextDecoder('utf-8', { fatal: false });

/** Bytes as latin-1 text, a few thousand characters per call (not one string per character). */
export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode.apply(null, b.subarray(i, i + 4096) as unknown as number[]);
  return s;
}

