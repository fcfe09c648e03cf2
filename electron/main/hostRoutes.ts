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
import { HOST_BEFORE_CLOSE_REPLY_CHANNEL, HOST_METHOD_NAMES, HOST_SNAPSHOT_REPLY_CHANNEL, hostChannel } from '../bridge/channels';
import { route, type IpcRoute, type IpcSender } from './ipcRouter';

type MethodSpec<K extends HostMethodName> = (typeof hostMethods)[K];
export type HostRequestArgs<K extends HostMethodName> = z.output<MethodSpec<K>['request']>;
export type HostResponse<K extends HostMethodName> = z.input<MethodSpec<K>['response']>;

export type HostHandlers = {
  [K in HostMethodName]: (...args: HostRequestArgs<K>) => Promise<HostResponse<K> extends undefined ? void : HostResponse<K>>;
};

const requestIdSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const beforeCloseReplySchema = z.tuple([requestIdSchema, z.boolean().nullable()]);
export const snapshotReplySchema = z.tuple([requestIdSchema, snapshotSchema]);

export interface HostRouteOptions {
  handlers: HostHandlers;
  onBeforeCloseReply: (requestId: number, answer: boolean | null, sender: IpcSender) => void;
  onSnapshotReply: (requestId: number, snapshot: SaveRequest | null, sender: IpcSender) => void;
}

export function hostRoutes(opts: HostRouteOptions): Record<string, IpcRoute> {
  const routes: Record<string, IpcRoute> = {};
  for (const name of HOST_METHOD_NAMES) {
    const spec = hostMethods[name] as { request: z.ZodType<unknown[]>; response: z.ZodType };
    const handler = opts.handlers[name] as (...args: unknown[]) => Promise<unknown>;
    routes[hostChannel(name)] = route(spec.request, spec.response, (args) => handler(...args));
  }
  routes[HOST_BEFORE_CLOSE_REPLY_CHANNEL] = route(beforeCloseReplySchema, z.undefined(), ([requestId, answer], sender) => {
    opts.onBeforeCloseReply(requestId, answer, sender);
    return undefined;
  });
  routes[HOST_SNAPSHOT_REPLY_CHANNEL] = route(snapshotReplySchema, z.undefined(), ([requestId, snapshot], sender) => {
    opts.onSnapshotReply(requestId, snapshot, sender);
    return undefined;
  });
  return routes;
}
