/**
 * Ties the host contract to the IPC router: one route per contract method on `budgetHost:<method>`,
 * with the contract's request and response schemas, plus the before-close and autosave-snapshot replies
 * of the Electron host.
 * `HostHandlers` is the shape main's handler modules implement (and the bridge test binds to).
 *
 * Plain Node module: no 'electron' import.
 */
import { z } from 'zod';
import { hostMethods, snapshotSchema, type HostMethodName, type SaveRequest } from '../../shared/host/contract';
import { HOST_BEFORE_CLOSE_REPLY_CHANNEL, HOST_METHOD_NAMES, HOST_SNAPSHOT_REPLY_CHANNEL, hostChannel, requestIdSchema } from '../bridge/channels';
import type { MethodSpec } from '../../shared/protocol/methods';
import type { IpcRoutes, IpcSender } from './ipcRouter';

export type HostRequestArgs<K extends HostMethodName> = z.output<(typeof hostMethods)[K]['request']>;
export type HostResponse<K extends HostMethodName> = z.input<(typeof hostMethods)[K]['reply']>;

export type HostHandlers = {
  [K in HostMethodName]: (...args: HostRequestArgs<K>) => Promise<HostResponse<K> extends undefined ? void : HostResponse<K>>;
};

export const beforeCloseReplySchema = z.tuple([requestIdSchema, z.boolean().nullable()]);
export const snapshotReplySchema = z.tuple([requestIdSchema, snapshotSchema]);

export interface HostRouteOptions {
  handlers: HostHandlers;
  onBeforeCloseReply: (requestId: number, answer: boolean | null, sender: IpcSender) => void;
  onSnapshotReply: (requestId: number, snapshot: SaveRequest | null, sender: IpcSender) => void;
}

type Handler = (args: never, sender: IpcSender) => unknown;

export function hostRoutes(opts: HostRouteOptions): IpcRoutes {
  const table: Record<string, MethodSpec> = {};
  const handlers: Record<string, Handler> = {};
  for (const name of HOST_METHOD_NAMES) {
    const handler = opts.handlers[name] as (...args: unknown[]) => Promise<unknown>;
    table[hostChannel(name)] = hostMethods[name];
    handlers[hostChannel(name)] = (args: unknown[]) => handler(...args);
  }
  table[HOST_BEFORE_CLOSE_REPLY_CHANNEL] = { request: beforeCloseReplySchema, reply: z.undefined() };
  handlers[HOST_BEFORE_CLOSE_REPLY_CHANNEL] = ([requestId, answer]: z.output<typeof beforeCloseReplySchema>, sender) => void opts.onBeforeCloseReply(requestId, answer, sender);
  table[HOST_SNAPSHOT_REPLY_CHANNEL] = { request: snapshotReplySchema, reply: z.undefined() };
  handlers[HOST_SNAPSHOT_REPLY_CHANNEL] = ([requestId, snapshot]: z.output<typeof snapshotReplySchema>, sender) => void opts.onSnapshotReply(requestId, snapshot, sender);
  return { table, handlers: handlers as IpcRoutes['handlers'] };
}
