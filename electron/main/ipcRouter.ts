/**
 * The IPC router of the main process. Every `ipcMain.handle` call goes through `dispatch`, which
 *   1. refuses channels that were not registered,
 *   2. checks the sender: the call must come from the main frame of our own window, showing a page of
 *      our own bundle (`app://bundle/…`) — not another window, not an iframe, not a page that navigated away,
 *   3. parses the arguments with the channel's zod schema (the handler only ever sees parsed data),
 *   4. runs the handler and parses its result with the reply schema
 * (3 and 4: the method-table handler of shared/protocol/methods.ts, keyed by channel),
 * and answers with an envelope `{ ok: true, value }` or `{ ok: false, error: { code, message } }` whose
 * message is Chinese and ready to show. (A thrown error would reach the renderer as
 * "Error invoking remote method 'x': Error: …", so the preload unwraps the envelope instead.)
 *
 * Plain Node module: no 'electron' import.
 */
import type { z } from 'zod';
import { HostError } from '../../shared/host/hostError';
import { createHandler, methodOf, type Handlers, type MethodTable } from '../../shared/protocol/methods';
import type { IpcReply } from '../bridge/channels';
import { isAppUrl } from './security';

export interface IpcSender {
  /** `event.sender.id` */
  webContentsId: number;
  /** `event.senderFrame?.url`: null when the frame is gone (navigated or destroyed). */
  frameUrl: string | null | undefined;
  /** `event.senderFrame.parent === null` */
  isMainFrame: boolean;
}


/** The channels main answers: a method table keyed by channel (argument tuple → result) and its handlers. */
export interface IpcRoutes<T extends MethodTable = MethodTable> {
  table: T;
  handlers: Handlers<T, IpcSender>;
}

export interface IpcRouterOptions {
  routes: IpcRoutes;
  /** True for webContents ids of our own window(s). */
  isOwnWebContents: (webContentsId: number) => boolean;
  /** Reports unexpected failures (bugs), e.g. to the console; refusals are not reported. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export interface IpcRouter {
  readonly channels: readonly string[];
  dispatch(channel: string, sender: IpcSender, args: readonly unknown[]): Promise<IpcReply>;
}

/** An error whose message is meant for the user (Chinese, names the file), e.g. FileSaveError and FileReadError. */
interface UserFacingError {
  message: string;
  code?: unknown;
}

function isUserFacing(err: unknown): err is UserFacingError {
  if (!(err instanceof Error)) return false;
  return err.name === 'FileSaveError' || err.name === 'FileReadError' || err instanceof HostError;
}

function refuse(code: Extract<IpcReply, { ok: false }>['error']['code'], message: string): IpcReply {
  return { ok: false, error: { code, message } };
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return '';
  const where = first.path.length > 0 ? `第 ${first.path.map(String).join('.')} 项` : '参数';
  // Our own checks (z.custom, refine) carry a Chinese message; zod's built-in ones are named by code.
  return first.code === 'custom' ? `${where}不正确：${first.message}` : `${where}不正确（${first.code}）`;
}

export function createIpcRouter(opts: IpcRouterOptions): IpcRouter {
  const { table, handlers } = opts.routes;
  const handle = createHandler(table, handlers, { checkReply: true });
  return {
    channels: Object.keys(table),
    async dispatch(channel, sender, args) {
      if (!methodOf(table, channel)) return refuse('unknownChannel', `拒绝未知的请求“${String(channel).slice(0, 80)}”`);
      if (!opts.isOwnWebContents(sender.webContentsId) || !sender.isMainFrame || !isAppUrl(sender.frameUrl)) {
        return refuse('forbidden', '拒绝来自未知页面的请求');
      }
      const r = await handle(channel, Array.isArray(args) ? [...args] : args, sender);
      if (r.ok) return { ok: true, value: r.value };
      switch (r.code) {
        case 'unknownMethod':
          return refuse('unknownChannel', `拒绝未知的请求“${channel}”`);
        case 'invalidRequest':
          return refuse('invalidRequest', `请求“${channel}”的内容不正确：${describeIssues(r.error)}`);
        case 'invalidReply':
          opts.onInternalError?.(channel, r.error);
          return refuse('invalidResponse', `内部错误：请求“${channel}”的结果格式不正确`);
        case 'failed': {
          const err = r.error;
          if (isUserFacing(err)) {
            const reason = typeof err.code === 'string' ? err.code : undefined;
            return { ok: false, error: { code: 'failed', ...(reason ? { reason } : {}), message: err.message } };
          }
          opts.onInternalError?.(channel, err);
          return refuse('failed', `内部错误：${err instanceof Error ? err.message : String(err)}`);
        }
      }
    },
  };
}
