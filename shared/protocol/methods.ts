/**
 * The one protocol helper of the three message channels (the audit worker, the Excel worker,
 * Electron IPC): a method table names each method with the zod schema of its request and of its
 * reply. From it come a typed handler, which looks the method up as an own property, parses the
 * request and runs the method's handler (the receiving side validates), and a typed client, which
 * parses every reply it receives. Each channel adds only its transport and its Chinese messages.
 */
import type { z } from 'zod';

export interface MethodSpec<Req extends z.ZodType = z.ZodType, Rep extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly reply: Rep;
}
export type MethodTable = Readonly<Record<string, MethodSpec>>;
export type MethodName<T extends MethodTable> = keyof T & string;

/** What a handler of method K receives (parsed) and must return (before its reply schema runs). */
export type Handlers<T extends MethodTable, Ctx = void> = {
  [K in keyof T]: (request: z.output<T[K]['request']>, ctx: Ctx) => z.input<T[K]['reply']> | Promise<z.input<T[K]['reply']>>;
};

/** The method of that name, looked up as an own property only (never `constructor` or `toString`). */
export function methodOf<T extends MethodTable>(table: T, name: unknown): MethodName<T> | null {
  return typeof name === 'string' && Object.hasOwn(table, name) ? name : null;
}

export type Handled =
  | { ok: true; value: unknown }
  | { ok: false; code: 'unknownMethod' }
  | { ok: false; code: 'invalidRequest' | 'invalidReply'; error: z.ZodError }
  | { ok: false; code: 'failed'; error: unknown };

/**
 * The receiving side of a channel. Never throws; synchronous when the method's handler is (a worker
 * posts a synchronous handler's reply before it reads the next message). `checkReply`: parse what a
 * handler returns with the reply schema (for replies that leave a trusted process).
 */
export function createHandler<T extends MethodTable, Ctx = void>(
  table: T,
  handlers: Handlers<T, Ctx>,
  options: { checkReply?: boolean } = {},
): (name: unknown, request: unknown, ctx: Ctx) => Handled | Promise<Handled> {
  return (name, request, ctx) => {
    const method = methodOf(table, name);
    if (!method) return { ok: false, code: 'unknownMethod' };
    const spec = table[method]!;
    const parsed = spec.request.safeParse(request);
    if (!parsed.success) return { ok: false, code: 'invalidRequest', error: parsed.error };
    const finish = (value: unknown): Handled => {
      if (!options.checkReply) return { ok: true, value };
      const checked = spec.reply.safeParse(value);
      return checked.success ? { ok: true, value: checked.data } : { ok: false, code: 'invalidReply', error: checked.error };
    };
    const fail = (error: unknown): Handled => ({ ok: false, code: 'failed', error });
    try {
      const value = handlers[method](parsed.data as z.output<T[typeof method]['request']>, ctx);
      return value instanceof Promise ? value.then(finish, fail) : finish(value);
    } catch (error) {
      return fail(error);
    }
  };
}

/** A typed client: one function per method, returning the parsed reply. */
export type Client<T extends MethodTable> = {
  [K in keyof T]: (request: z.input<T[K]['request']>) => Promise<z.output<T[K]['reply']>>;
};

/**
 * The sending side of a channel over `send`, which delivers one request and resolves with its raw
 * reply. `checkRequest`: parse each request before sending it, so that a bad call fails in the caller.
 */
export function createClient<T extends MethodTable>(table: T, send: (method: MethodName<T>, request: unknown) => Promise<unknown>, options: { checkRequest?: boolean } = {}): Client<T> {
  const client: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(table) as MethodName<T>[]) {
    const spec = table[method]!;
    client[method] = async (request) => spec.reply.parse(await send(method, options.checkRequest ? spec.request.parse(request) : request));
  }
  return client as Client<T>;
}

/** The first problem of a request, in Chinese words, naming its place: `（doc.format：…）`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `（${issue.path.join('.') || '消息'}：${issue.message}）` : '';
}
