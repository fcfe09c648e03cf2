/**
 * Node's native zip primitives for the Excel import checks and the export's zip writer
 * (shared/xlsx/zipGuard.ts, shared/xlsx/zip/writer.ts): zlib's synchronous raw inflate
 * (bounded by maxOutputLength), raw deflate and CRC-32. The editor's worker uses the platform's
 * DecompressionStream/CompressionStream instead.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ZipPlatform } from '../../shared/xlsx/zip/platform';

export const nodeZip: ZipPlatform = {
  inflateRaw: (data, maxOutputLength) => inflateRawSync(data, { maxOutputLength }),
  crc32: (data) => crc32(data),
  deflateRaw: (data, level) => deflateRawSync(data, { level }),
};
