/** The audit client of the running editor: the audit Web Worker, bundled as an ES-module worker. */
import { Emitter } from '../../shared/events/emitter';
import type { AuditClient, AuditEvent } from './auditClient';
import { WorkerAuditClient } from './workerAuditClient';

export function createAuditClient(): AuditClient {
  if (typeof Worker === 'undefined') {
    const events = new Emitter<AuditEvent>();
    return {
      load: () => queueMicrotask(() => events.fire({ type: 'error', message: '此环境不支持后台审核' })),
      update: () => null,
      preview: () => undefined,
      subscribe: events.event,
      dispose: () => undefined,
    };
  }
  return new WorkerAuditClient(new Worker(new URL('../workers/auditWorker.ts', import.meta.url), { type: 'module', name: 'audit' }));
}
