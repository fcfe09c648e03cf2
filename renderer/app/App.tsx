/** The editor window: toolbar, table list, the table (grid or form) with its row commands, problems panel, status bar. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { UNIT_LABELS } from '../../shared/money/format';
import { fillYear } from '../../shared/catalogue';
import type { BudgetHost } from '../../shared/host/contract';
import { BudgetGrid } from '../grid/BudgetGrid';
import type { GridController } from '../grid/gridController';
import { DialogLayer, type DialogService } from '../components/dialogs';
import { FindPanel } from '../components/FindPanel';
import { ProblemsPanel } from '../components/ProblemsPanel';
import { StatusBar } from '../components/StatusBar';
import { StructureBar } from '../components/StructureBar';
import { TableList } from '../components/TableList';
import { Toolbar } from '../components/Toolbar';
import { OverallPerformanceForm } from '../forms/OverallPerformanceForm';
import { ProjectPerformanceForm } from '../forms/ProjectPerformanceForm';
import type { AppActions } from './appActions';
import type { EditorStore } from './editorStore';
import { useChannels } from './useChannel';
import { appKeyAction } from './shortcuts';
import { cycleRegion, focusRegion, TABLE_AREA } from './regions';
import { stepFinding } from './findingCursor';
import { isGridView } from './views';
import { applyZoom, loadPrefs, savePrefs, stepZoom } from './viewPrefs';

function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

export function App({ store, actions, dialogs, host }: { store: EditorStore; actions: AppActions; dialogs: DialogService; host: BudgetHost }) {
  useChannels(store, 'view');
  const [controller, setController] = useState<GridController | null>(null);
  const controllerRef = useRef<GridController | null>(null);
  const onController = useCallback((c: GridController | null) => {
    controllerRef.current = c;
    setController(c);
  }, []);

  useEffect(() => store.on('doc', () => actions.updateTitle()), [store, actions]);
  useEffect(() => applyZoom(loadPrefs().zoom), []);

  useEffect(() => {
    const offEvent = host.onEvent((e) => {
      if (e.type === 'command') void actions.run(e.command);
      else void actions.confirmDiscard().then((ok) => ok && actions.openPicked(e.file));
    });
    const offClose = host.onBeforeClose(() => actions.confirmDiscard());
    const offSnapshot = host.onSnapshotRequest(() => actions.snapshot());
    return () => {
      offEvent();
      offClose();
      offSnapshot();
    };
  }, [host, actions]);

  useEffect(() => {
    /** After a switch of table: the new table takes the keyboard once it has rendered. */
    const focusTableSoon = () => {
      let frames = 30;
      const tick = () => {
        const c = controllerRef.current;
        const grid = isGridView(store.view);
        if ((!grid || (c?.tableId === store.view && c.api)) && focusRegion(TABLE_AREA, grid ? c : null)) return;
        if (--frames > 0) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    };
    // Keys that work everywhere, before the grid or a field sees them (capture phase).
    const onKey = (e: KeyboardEvent) => {
      const action = appKeyAction(e);
      if (!action || e.isComposing || document.querySelector('.dialog')) return;
      e.preventDefault();
      e.stopPropagation();
      switch (action) {
        case 'nextTable':
        case 'prevTable': {
          const views = store.views();
          const at = views.findIndex((v) => v.id === store.view);
          const next = views[(at + (action === 'nextTable' ? 1 : -1) + views.length) % views.length];
          if (next) store.setView(next.id);
          focusTableSoon();
          break;
        }
        case 'nextRegion':
        case 'prevRegion':
          cycleRegion(action === 'nextRegion' ? 1 : -1, controllerRef.current);
          break;
        case 'nextFinding':
        case 'prevFinding':
          stepFinding(store, action === 'nextFinding' ? 1 : -1);
          break;
        case 'export':
          void actions.exportExcel();
          break;
        case 'help':
          actions.showHelp();
          break;
        case 'zoomIn':
        case 'zoomOut':
        case 'zoomReset': {
          const zoom = stepZoom(loadPrefs().zoom, action === 'zoomIn' ? 1 : action === 'zoomOut' ? -1 : 0);
          savePrefs({ zoom });
          applyZoom(zoom);
          store.showMessage(`显示比例 ${Math.round(zoom * 100)}%（Ctrl+0 恢复）`, 'info');
          break;
        }
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [store, actions]);

  useEffect(() => {
    // Shortcuts outside the grid (the grid handles its own and stops them).
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 's') {
        e.preventDefault();
        void (e.shiftKey ? actions.saveAs() : actions.save());
      } else if (key === 'o') {
        e.preventDefault();
        void actions.open();
      } else if (key === 'f') {
        e.preventDefault();
        store.openFind();
      } else if (!isEditable(e.target) && (key === 'z' || key === 'y')) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) store.redo();
        else store.undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, actions]);

  const entry = store.views().find((v) => v.id === store.view);
  const table = store.table();
  const year = store.doc.department.fiscalYear;
  return (
    <div className="app">
      <Toolbar store={store} actions={actions} />
      <div className="main">
        <TableList store={store} />
        <div className="workspace">
          <div className="table-top">
            <div className="table-heading">
              <span className="table-heading-title">
                {entry?.label}　{entry?.kind === 'projectForm' ? `项目支出绩效目标表（${entry.title}）` : entry?.title}
              </span>
              <span className="table-heading-meta">
                单位名称：{store.doc.department.name}　　单位：{UNIT_LABELS[store.unit]}
              </span>
            </div>
            {table && <StructureBar store={store} dialogs={dialogs} />}
          </div>
          <div className="table-area">
            {table ? (
              <BudgetGrid key={`${store.view}`} store={store} dialogs={dialogs} onController={onController} />
            ) : entry?.kind === 'overallForm' ? (
              <OverallPerformanceForm store={store} />
            ) : entry?.kind === 'projectForm' && entry.projectId ? (
              <ProjectPerformanceForm key={entry.projectId} store={store} projectId={entry.projectId} />
            ) : null}
            <FindPanel store={store} />
          </div>
          {table?.note && <p className="table-note">{fillYear(table.note, year)}</p>}
          <ProblemsPanel store={store} dialogs={dialogs} />
        </div>
      </div>
      <StatusBar store={store} controller={table ? controller : null} />
      <DialogLayer service={dialogs} />
    </div>
  );
}
