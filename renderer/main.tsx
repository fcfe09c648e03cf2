/**
 * Entry point: picks the host (Electron preload / test injection, else the browser), starts the
 * check and Excel workers, and opens the file the host hands over or the bundled sample.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseBudgetFile } from '../shared/io/budgetFile';
import { App } from './app/App';
import { AppActions } from './app/appActions';
import { EditorStore } from './app/editorStore';
import { createAuditClient } from './audit/createAuditClient';
import { DialogService } from './components/dialogs';
import { registerGridModules } from './grid/gridSetup';
import { getHost } from './host/getHost';
import { createXlsxClient } from './xlsx/createXlsxClient';
import sampleText from '../resources/samples/shenzhen-xinfang-2020.budget?raw';
import './styles.css';

declare global {
  interface Window {
    /** The running editor, for end-to-end tests and benchmarks. */
    __budgetApp?: { store: EditorStore; actions: AppActions };
  }
}

export const SAMPLE_NAME = 'shenzhen-xinfang-2020.budget';

async function start(): Promise<void> {
  performance.mark('budget:start');
  registerGridModules(import.meta.env.DEV);
  const host = getHost();
  const store = new EditorStore(createAuditClient());
  const dialogs = new DialogService();
  const actions = new AppActions(store, host, dialogs, createXlsxClient());
  window.__budgetApp = { store, actions };

  await actions.loadCodeLists();
  const initial = await host.initialFile().catch(() => null);
  let opened = false;
  if (initial) {
    // A workbook is read by the xlsx worker first, which takes a moment.
    const root = document.getElementById('root');
    if (root) root.textContent = `正在打开“${initial.name}”…`;
    opened = await actions.openPicked(initial);
    if (root) root.textContent = '';
  }
  if (!opened) {
    const sample = parseBudgetFile(sampleText, SAMPLE_NAME);
    if (!sample.ok) throw new Error(sample.error.message);
    actions.openDocument(sample.doc, SAMPLE_NAME);
    store.markSaved({ name: SAMPLE_NAME });
  }
  performance.mark('budget:opened');
  const params = new URLSearchParams(window.location.search);
  const view = params.get('table');
  if (view) store.setView(view);

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App store={store} actions={actions} dialogs={dialogs} host={host} />
    </StrictMode>,
  );
}

start().catch((e: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `启动失败：${e instanceof Error ? e.message : String(e)}`;
  console.error(e);
});
