/**
 * The preload's `window.budgetHost`, for the Chromium bridge test (tests/e2e/bridge.test.ts): the same
 * createDesktopHost as electron/preload.cts, over a transport made of Playwright bindings instead of
 * ipcRenderer. Bundled to a classic script and installed with page.addInitScript, so it runs before the
 * editor's scripts, as a preload does.
 *
 *   page → main:  window.__budgetBridgeInvoke(channel, args)  (page.exposeBinding, answered by the router)
 *   main → page:  window.__budgetBridgeEmit(channel, payload)  (page.evaluate, like webContents.send)
 */
import { HOST_GLOBAL } from '../../shared/host/contract';
import { INVOKE_CHANNELS, LISTEN_CHANNELS } from '../bridge/channels';
import { createDesktopHost } from '../bridge/desktopHost';

interface BridgeGlobals {
  __budgetBridgeInvoke(channel: string, args: unknown[]): Promise<unknown>;
  __budgetBridgeEmit(channel: string, payload: unknown): void;
}

const globals = globalThis as unknown as BridgeGlobals & Record<string, unknown>;
const listeners = new Map<string, (payload: unknown) => void>();

globals.__budgetBridgeEmit = (channel, payload) => listeners.get(channel)?.(payload);
globals[HOST_GLOBAL] = Object.freeze(
  createDesktopHost({
    invoke(channel, ...args) {
      if (!INVOKE_CHANNELS.includes(channel)) return Promise.reject(new Error(`拒绝未知的请求“${channel}”`));
      return globals.__budgetBridgeInvoke(channel, args);
    },
    on(channel, listener) {
      if (!LISTEN_CHANNELS.includes(channel)) throw new Error(`拒绝监听未知的通道“${channel}”`);
      listeners.set(channel, listener);
    },
  }),
);
