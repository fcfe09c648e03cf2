/**
 * The worker side of a method table, written once for the audit worker and the Excel worker. A
 * message is `{ id, type, ...request }`; `type` names the method (an own property of the table),
 * the method's schema parses the whole message, and its handler posts progress through `post` and
 * returns its final message (with the id), which is posted with the transfer list `transfer` gives.
 * A malformed message and a handler that throws are answered too: the worker never throws.
 */
import type { z } from 'zod';
import { createHandler, describeIssue, type Handled, type Handlers, type MethodTable } from './methods';

/** What a worker needs of its global scope (`self`), structurally: shared/ has no DOM types. */
export interface WorkerScopeLike {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** What the editor needs of a worker it talks to (a `Worker`, or a test's fake). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

/** Posts a message (progress, a result) to the editor. */
export type Post<M> = (message: M, transfer?: ArrayBuffer[]) => void;

/**
 * Handle one message (synchronously when the method's handler is). `refuse`: the answer to a message
 * that is not a request of the table (id '' when it has none); `internal`: the answer when a handler
 * throws (a bug); `transfer`: the buffers a final message hands over instead of copying.
 */
export function createWorkerServer<T extends MethodTable, M>(
  table: T,
  handlers: NoInfer<Handlers<T, Post<M>>>,
  post: Post<M>,
  opts: { refuse(id: string, detail: string): M; internal(id: string, error: unknown): M; transfer?(message: M): ArrayBuffer[] },
): (data: unknown) => void | Promise<void> {
  const handle = createHandler(table, handlers);
  return (data) => {
    const { id, type } = typeof data === 'object' && data !== null ? (data as { id?: unknown; type?: unknown }) : {};
    const answerId = typeof id === 'string' ? id : '';
    const answer = (r: Handled): void => {
      if (r.ok) post(r.value as M, opts.transfer?.(r.value as M));
      else if (r.code === 'failed') post(opts.internal(answerId, r.error));
      else post(opts.refuse(answerId, r.code === 'unknownMethod' ? `（type：未知的请求类型“${String(type).slice(0, 40)}”）` : describeIssue(r.error as z.ZodError)));
    };
    const r = handle(type, data, post);
    return r instanceof Promise ? r.then(answer) : answer(r);
  };
}

/** Serve on a worker scope. */
export function installWorkerServer(scope: WorkerScopeLike, serve: (post: Post<unknown>) => (data: unknown) => void | Promise<void>): void {
  const handle = serve((message, transfer) => scope.postMessage(message, transfer ?? []));
  scope.addEventListener('message', (event) => void handle(event.data));
}

/** The worker's own scope when this module runs in a worker (or a test put a fake one there), else null. */
export function workerSelf(): WorkerScopeLike | null {
  const scope = (globalThis as { self?: unknown }).self as Partial<WorkerScopeLike> | null | undefined;
  return scope && typeof scope.postMessage === 'function' && typeof scope.addEventListener === 'function' ? (scope as WorkerScopeLike) : null;
}
