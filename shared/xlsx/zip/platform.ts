/**
 * Native zip primitives a host may provide (bytes in, bytes out): a synchronous raw inflate that
 * throws when the output would exceed `maxOutputLength`, and a CRC-32.
 */
export interface ZipPlatform {
  inflateRaw(data: Uint8Array, maxOutputLength: number): Uint8Array;
  crc32(data: Uint8Array): number;
  deflateRaw?(data: Uint8Array, level: number): Uint8Array;
}
