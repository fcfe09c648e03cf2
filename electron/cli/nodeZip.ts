/**
 * Node's native zip primitives for the Excel importer's checks (shared/xlsx/zipGuard.ts): zlib's
 * synchronous raw inflate (bounded by maxOutputLength) and CRC-32. The editor's worker uses the
 * platform's DecompressionStream instead.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import type { ZipPlatform } from '../../shared/xlsx/zipGuard';

export const nodeZip: ZipPlatform = {
  inflateRaw: (data, maxOutputLength) => inflateRawSync(data, { maxOutputLength }),
  crc32: (data) => crc32(data),
};
