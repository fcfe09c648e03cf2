/** The check client of the running editor: the check Web Worker, bundled as an ES-module worker. */
import { CheckListeners, type CheckClient } from './checkClient';
import { WorkerCheckClient } from './workerCheckClient';

export function createCheckClient(): CheckClient {
  if (typeof Worker === 'undefined') {
    const listeners = new CheckListeners();
    return {
      load: () => queueMicrotask(() => listeners.emit({ type: 'error', message: '此环境不支持后台审核' })),
      update: () => null,
      preview: () => undefined,
      subscribe: (l) => listeners.add(l),
      dispose: () => undefined,
    };
  }
  return new WorkerCheckClient(new Worker(new URL('../workers/checkWorker.ts', import.meta.url), { type: 'module', name: 'check' }));
}
