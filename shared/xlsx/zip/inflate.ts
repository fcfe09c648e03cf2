/**
 * Raw inflate through the platform's DecompressionStream('deflate-raw') (Node ≥ 20.12, browsers,
 * Web Workers), streaming and bounded: the output stops as soon as it passes a limit.
 */

interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}
interface StreamWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface TransformLike {
  readable: { getReader(): StreamReader };
  writable: { getWriter(): StreamWriter };
}
export type DecompressionStreamCtor = new (format: 'deflate-raw') => TransformLike;

export function decompressionStream(): DecompressionStreamCtor | undefined {
  return (globalThis as { DecompressionStream?: DecompressionStreamCtor }).DecompressionStream;
}

const FEED_CHUNK = 256 * 1024;

/**
 * Inflate one entry chunk by chunk, calling `onData` for each output chunk. Stops (and throws)
 * as soon as the output exceeds `limit` bytes. Returns the number of bytes produced.
 */
export async function inflateEntry(ctor: DecompressionStreamCtor, data: Uint8Array, limit: number, onData: (chunk: Uint8Array) => void): Promise<number> {
  const ds = new ctor('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const feeding = (async () => {
    for (let o = 0; o < data.length; o += FEED_CHUNK) await writer.write(data.subarray(o, Math.min(data.length, o + FEED_CHUNK)));
    await writer.close();
  })();
  feeding.catch(() => undefined);
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        return total;
      }
      onData(value);
    }
  } catch (e) {
    await writer.abort().catch(() => undefined);
    throw e;
  }
  await feeding.catch(() => undefined);
  return total;
}

