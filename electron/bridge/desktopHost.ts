/**
 * The desktop implementation of the host contract as the renderer sees it (`window.budgetHost`),
 * written against a small transport so the same code runs
 *   - in the preload, over ipcRenderer (electron/preload.cts), and
 *   - in the Chromium bridge test, over Playwright's exposed functions (tests/e2e/bridge.test.ts).
 *
 * Calls go to `budgetHost:<method>`; main answers with an envelope (electron/main/ipcRouter.ts),
 * which is unwrapped here: a refusal or failure becomes an Error with main's Chinese message.
 * Events from main are checked with the contract's schema before any listener sees them, and
 * buffered until the editor subscribes (a file handed over by a second launch while the editor is
 * still loading must not be lost).
 *
 * No Node or Electron import: this file is bundled into the sandboxed preload.
 */
import {
  HOST_BEFORE_CLOSE_CHANNEL,
  HOST_EVENT_CHANNEL,
  hostEventSchema,
  takeSnapshot,
  type BeforeCloseHandler,
  type BudgetHost,
  type HostEvent,
  hostMethodsOver,
  type SnapshotProvider,
} from '../../shared/host/contract';
import { Emitter, Slot } from '../../shared/events/emitter';
import { HostError } from '../../shared/host/hostError';
import { HOST_BEFORE_CLOSE_REPLY_CHANNEL, HOST_SNAPSHOT_REPLY_CHANNEL, HOST_SNAPSHOT_REQUEST_CHANNEL, hostChannel, ipcReplySchema, rendererRequestSchema } from './channels';

export interface HostTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  /** Subscribes to a main → renderer channel; the listener gets the payload only (never the IPC event). */
  on(channel: string, listener: (payload: unknown) => void): void;
}

const MAX_BUFFERED_EVENTS = 20;


function unwrap(channel: string, reply: unknown): unknown {
  const r = ipcReplySchema.safeParse(reply);
  if (!r.success) throw new HostError('invalidResponse', `内部错误：请求“${channel}”的应答格式不正确`);
  if (r.data.ok) return r.data.value;
  throw new HostError(r.data.error.reason ?? r.data.error.code, r.data.error.message);
}

export function createDesktopHost(transport: HostTransport): BudgetHost {
  const events = new Emitter<HostEvent>();
  const buffered: HostEvent[] = [];
  transport.on(HOST_EVENT_CHANNEL, (payload) => {
    const parsed = hostEventSchema.safeParse(payload);
    if (!parsed.success) return;
    if (events.listenerCount > 0) events.fire(parsed.data);
    else if (buffered.length < MAX_BUFFERED_EVENTS) buffered.push(parsed.data);
  });

  /** Main asks on `channel` (a `{ requestId }`); the answer goes back on `replyChannel` with that id. */
  const answer = (channel: string, replyChannel: string, compute: () => Promise<unknown>) =>
    transport.on(channel, (payload) => {
      const request = rendererRequestSchema.safeParse(payload);
      if (request.success) void compute().then((value) => transport.invoke(replyChannel, request.data.requestId, value)).catch(() => undefined);
    });

  const beforeClose = new Slot<BeforeCloseHandler>();
  // null: the editor registered no handler, so main asks the clerk itself.
  answer(HOST_BEFORE_CLOSE_CHANNEL, HOST_BEFORE_CLOSE_REPLY_CHANNEL, () => beforeClose.current?.().then((ok) => ok === true, () => false) ?? Promise.resolve(null));
  // Autosave: main asks for the current document; the editor's provider answers (null: nothing new).
  // The snapshot is parsed here (takeSnapshot) and again by main's router (snapshotReplySchema).
  const snapshotProvider = new Slot<SnapshotProvider>();
  answer(HOST_SNAPSHOT_REQUEST_CHANNEL, HOST_SNAPSHOT_REPLY_CHANNEL, () => takeSnapshot(snapshotProvider.current));

  return {
    kind: 'desktop',
    ...hostMethodsOver(async (method, args) => unwrap(hostChannel(method), await transport.invoke(hostChannel(method), ...args))),
    onEvent(listener) {
      const dispose = events.event(listener);
      if (events.listenerCount === 1) for (const event of buffered.splice(0)) listener(event);
      return dispose;
    },
    onBeforeClose: beforeClose.register,
    onSnapshotRequest: snapshotProvider.register,
  };
}
