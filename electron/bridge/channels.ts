/**
 * IPC channel names of the desktop host. The contract's channels (`budgetHost:<method>`, events,
 * before-close) come from shared/host/contract.ts; the reply channels below are implementation
 * details of the Electron host: the contract's `onBeforeClose` handler runs in the renderer, and its
 * answer has to travel back to main.
 *
 * Autosave: main asks for the current document on `budgetHost:snapshotRequest` and the preload answers
 * on `budgetHost:snapshotReply` with what the editor's provider (`BudgetHost.onSnapshotRequest`) gives,
 * or null when there is nothing new to keep.
 */
import { z } from 'zod';
import { HOST_BEFORE_CLOSE_CHANNEL, HOST_CHANNEL_PREFIX, HOST_EVENT_CHANNEL, hostMethods, type HostMethodName } from '../../shared/host/contract';

export const HOST_BEFORE_CLOSE_REPLY_CHANNEL = `${HOST_CHANNEL_PREFIX}beforeCloseReply`;
export const HOST_SNAPSHOT_REQUEST_CHANNEL = `${HOST_CHANNEL_PREFIX}snapshotRequest`;
export const HOST_SNAPSHOT_REPLY_CHANNEL = `${HOST_CHANNEL_PREFIX}snapshotReply`;

export const HOST_METHOD_NAMES = Object.keys(hostMethods) as HostMethodName[];

export function hostChannel(method: HostMethodName): string {
  return `${HOST_CHANNEL_PREFIX}${method}`;
}

/** Renderer → main (ipcRenderer.invoke). */
export const INVOKE_CHANNELS: readonly string[] = [...HOST_METHOD_NAMES.map(hostChannel), HOST_BEFORE_CLOSE_REPLY_CHANNEL, HOST_SNAPSHOT_REPLY_CHANNEL];
/** Main → renderer (webContents.send); the preload listens to these and nothing else. */
export const LISTEN_CHANNELS: readonly string[] = [HOST_EVENT_CHANNEL, HOST_BEFORE_CLOSE_CHANNEL, HOST_SNAPSHOT_REQUEST_CHANNEL];

export const requestIdSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Payload of HOST_BEFORE_CLOSE_CHANNEL and HOST_SNAPSHOT_REQUEST_CHANNEL. */
export const rendererRequestSchema = z.object({ requestId: requestIdSchema });

/**
 * Main's answer to every invoke (electron/main/ipcRouter.ts), unwrapped by the preload: the value, or
 * a Chinese message (a thrown error would reach the page as "Error invoking remote method …").
 */
export const ipcReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(['unknownChannel', 'forbidden', 'invalidRequest', 'failed', 'invalidResponse']),
      /** A classified code of the underlying failure (`permission`, `diskFull`, `locked`, `notFound`…). */
      reason: z.string().optional(),
      message: z.string(),
    }),
  }),
]);
export type IpcReply = z.infer<typeof ipcReplySchema>;
