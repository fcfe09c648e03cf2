/** CRC-32 (IEEE 802.3, as in zip), table-driven, in JavaScript; hosts may pass a native one (ZipPlatform.crc32). */

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** Running CRC-32 (start with crc = 0xffffffff ^ 0 = -1; finish with ~crc >>> 0). */
export function crc32Update(crc: number, chunk: Uint8Array): number {
  let c = crc;
  const t = CRC_TABLE;
  for (let i = 0; i < chunk.length; i++) c = t[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

export function crc32(bytes: Uint8Array): number {
  return ~crc32Update(-1, bytes) >>> 0;
}

