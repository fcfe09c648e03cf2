import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createWorkerServer, installWorkerServer, type WorkerScopeLike } from './workerServer';

const table = {
  add: { request: z.object({ id: z.string(), type: z.literal('add'), a: z.number(), b: z.number() }), reply: z.object({ id: z.string(), sum: z.number() }) },
  wait: { request: z.object({ id: z.string(), type: z.literal('wait') }), reply: z.undefined() },
  buffer: { request: z.object({ id: z.string(), type: z.literal('buffer') }), reply: z.unknown() },
};
type Message = { id: string; sum?: number; bytes?: Uint8Array; refused?: string; internal?: string; step?: number };

function setup() {
  const posted: [Message, ArrayBuffer[] | undefined][] = [];
  const serve = createWorkerServer<typeof table, Message>(
    table,
    {
      add: (req, post) => (post({ id: req.id, step: 1 }), { id: req.id, sum: req.a + req.b }),
      wait: async (req) => {
        throw new Error(`boom ${req.id}`);
      },
      buffer: (req) => ({ id: req.id, bytes: new Uint8Array([1]) }),
    },
    (m, t) => posted.push([m, t]),
    { refuse: (id, detail) => ({ id, refused: detail }), internal: (id, e) => ({ id, internal: (e as Error).message }), transfer: (m) => (m.bytes ? [m.bytes.buffer as ArrayBuffer] : []) },
  );
  return { posted, serve };
}

describe('worker server', () => {
  it('answers a synchronous method before returning, after the progress its handler posts', () => {
    const { posted, serve } = setup();
    serve({ id: 'a', type: 'add', a: 1, b: 2 });
    expect(posted.map(([m]) => m)).toEqual([{ id: 'a', step: 1 }, { id: 'a', sum: 3 }]);
  });

  it('refuses unknown and inherited method names and malformed requests, naming the place', () => {
    const { posted, serve } = setup();
    for (const type of ['constructor', 'toString', 'nope']) serve({ id: type, type });
    serve('hello');
    serve({ id: 'b', type: 'add', a: 1, b: 'two' });
    expect(posted.map(([m]) => m)).toEqual([
      { id: 'constructor', refused: '（type：未知的请求类型“constructor”）' },
      { id: 'toString', refused: '（type：未知的请求类型“toString”）' },
      { id: 'nope', refused: '（type：未知的请求类型“nope”）' },
      { id: '', refused: '（type：未知的请求类型“undefined”）' },
      { id: 'b', refused: expect.stringMatching(/^（b：/) as unknown as string },
    ]);
  });

  it('answers a handler that throws, and transfers what the final message hands over', async () => {
    const { posted, serve } = setup();
    await serve({ id: 'w', type: 'wait' });
    serve({ id: 'x', type: 'buffer' });
    expect(posted[0]).toEqual([{ id: 'w', internal: 'boom w' }, undefined]);
    expect(posted[1]![1]).toEqual([posted[1]![0].bytes!.buffer]);
  });

  it('installs on a worker scope', () => {
    const sent: unknown[] = [];
    let listener: ((e: { data: unknown }) => void) | null = null;
    const scope: WorkerScopeLike = { postMessage: (m) => sent.push(m), addEventListener: (_t, l) => (listener = l) };
    installWorkerServer(scope, (post) => (data) => post({ echo: data }));
    listener!({ data: 1 });
    expect(sent).toEqual([{ echo: 1 }]);
  });
});
