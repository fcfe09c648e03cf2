/**
 * Child process for documentSession.crash.test.ts: a document session that autosaves a new version
 * of a 1–3 MB document as fast as it can, printing "autosaved N" after each completed autosave,
 * until the parent kills it.
 */
import { createHash } from 'node:crypto';
import { createRecoveryStore } from '../../files/recovery';
import { createDocumentSession } from '../documentSession';

const [recoveryDir] = process.argv.slice(2);
if (!recoveryDir) throw new Error('usage: autosaveLoop.child.ts RECOVERY_DIR');

export function makeDocument(version: number): string {
  const padding = 'x'.repeat(1_000_000 + ((version * 7919) % 2_000_000));
  const digest = createHash('sha256').update(`${version}:${padding}`).digest('hex');
  return JSON.stringify({ version, digest, padding });
}

let version = 0;
const session = createDocumentSession({
  window: { setTitle: () => undefined },
  dialogs: { showMessageBox: async () => ({ response: 0 }) },
  recovery: createRecoveryStore(recoveryDir),
  requestSnapshot: async () => ({ bytes: new TextEncoder().encode(makeDocument(version)), name: '预算.budget', path: '/docs/预算.budget' }),
  sendCommand: () => undefined,
  askRenderer: async () => null,
  closeWindow: () => undefined,
  autosaveIntervalMs: 3_600_000,
  onError: (err) => {
    process.stderr.write(`autosave failed: ${String(err)}\n`);
    process.exit(3);
  },
});

await session.setDirty(true);
session.startAutosave();
for (;;) {
  version += 1;
  await session.autosaveNow();
  process.stdout.write(`autosaved ${version}\n`);
}
