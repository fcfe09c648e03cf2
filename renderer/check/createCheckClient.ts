/** The check client of the running editor: the check Web Worker, bundled as an ES-module worker. */
import { Emitter } from '../../shared/events/emitter';
import type { CheckClient, CheckEvent } from './checkClient';
import { WorkerCheckClient } from './workerCheckClient';

export function createCheckClient(): CheckClient {
  if (typeof Worker === 'undefined') {
    const events = new Emitter<CheckEvent>();
    return {
      load: () => queueMicrotask(() => events.fire({ type: 'error', message: '此环境不支持后台审核' })),
      update: () => null,
      preview: () => undefined,
      subscribe: events.event,
      dispose: () => undefined,
    };
  }
  return new WorkerCheckClient(new Worker(new URL('../workers/checkWorker.ts', import.meta.url), { type: 'module', name: 'check' }));
}
