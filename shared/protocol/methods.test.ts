import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient, createHandler, describeIssue, methodOf } from './methods';

const table = {
  double: { request: z.object({ n: z.number().int() }), reply: z.number() },
  later: { request: z.string(), reply: z.string().min(2) },
};

describe('method table', () => {
  it('knows only its own method names', () => {
    expect(methodOf(table, 'double')).toBe('double');
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 42, null]) expect(methodOf(table, name)).toBeNull();
  });

  it('handles a synchronous method at once and an asynchronous one through a promise', async () => {
    let seen: unknown = null;
    const handle = createHandler(table, { double: (r, ctx: string) => ((seen = ctx), r.n * 2), later: async (s) => `${s}!` }, { checkReply: true });
    expect(handle('double', { n: 4 }, 'who')).toEqual({ ok: true, value: 8 });
    expect(seen).toBe('who');
    expect(await handle('later', 'x', '')).toEqual({ ok: true, value: 'x!' });
    expect(handle('constructor', {}, '')).toEqual({ ok: false, code: 'unknownMethod' });
  });

  it('never lets a bad request reach a handler, and reports bad replies and failures', async () => {
    let calls = 0;
    const handle = createHandler(table, { double: () => (calls++, 'not a number' as never), later: () => Promise.reject(new Error('boom')) }, { checkReply: true });
    const bad = handle('double', { n: 1.5 }, undefined);
    expect(bad).toMatchObject({ ok: false, code: 'invalidRequest' });
    expect(calls).toBe(0);
    expect(!('then' in bad) && !bad.ok && bad.code === 'invalidRequest' && describeIssue(bad.error)).toMatch(/^（n：/);
    expect(handle('double', { n: 1 }, undefined)).toMatchObject({ ok: false, code: 'invalidReply' });
    const failed = await handle('later', 'x', undefined);
    expect(!failed.ok && failed.code === 'failed' && (failed.error as Error).message).toBe('boom');
    // without checkReply the handler's value passes as it is
    expect(createHandler(table, { double: () => 'raw' as never, later: (s) => s })('double', { n: 1 }, undefined)).toEqual({ ok: true, value: 'raw' });
  });

  it('gives a client that parses each reply (and each request when asked)', async () => {
    const sent: unknown[] = [];
    const client = createClient(table, async (method, request) => (sent.push([method, request]), method === 'double' ? 6 : 'y'), { checkRequest: true });
    expect(await client.double({ n: 3 })).toBe(6);
    await expect(client.later('x')).rejects.toThrow();
    await expect(client.double({ n: 'three' } as never)).rejects.toThrow();
    expect(sent).toEqual([['double', { n: 3 }], ['later', 'x']]);
  });
});
