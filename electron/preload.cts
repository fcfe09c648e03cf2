/**
 * The preload: one CommonJS file (bundled by electron/build/buildMain.ts into dist/electron/preload.cjs),
 * running sandboxed and context-isolated. It exposes one object, `window.budgetHost`, implementing the
 * host contract (shared/host/contract.ts) over IPC. Only the contract's channels can be invoked or
 * listened to, and the page never sees an IPC event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { HOST_GLOBAL } from '../shared/host/contract';
import { INVOKE_CHANNELS, LISTEN_CHANNELS } from './bridge/channels';
import { createDesktopHost, type HostTransport } from './bridge/desktopHost';

const transport: HostTransport = {
  invoke(channel, ...args) {
    if (!INVOKE_CHANNELS.includes(channel)) return Promise.reject(new Error(`拒绝未知的请求“${channel}”`));
    return ipcRenderer.invoke(channel, ...args);
  },
  on(channel, listener) {
    if (!LISTEN_CHANNELS.includes(channel)) throw new Error(`拒绝监听未知的通道“${channel}”`);
    ipcRenderer.on(channel, (_event, payload: unknown) => listener(payload));
  },
};

contextBridge.exposeInMainWorld(HOST_GLOBAL, createDesktopHost(transport));
