/**
 * The list of tables: 表1…表14, then 表15-N by project name (a group that folds when there are many
 * projects), each with its open errors / warnings.
 */
import { memo, useMemo, useState } from 'react';
import type { EditorStore } from '../app/editorStore';
import { useChannels } from '../app/useChannel';
import type { ViewEntry } from '../app/views';

/** Above this many projects the 表15 group starts folded (a large department has thousands). */
const FOLD_ABOVE = 30;

const Entry = memo(function Entry({ entry, active, errors, warnings, onOpen }: { entry: ViewEntry; active: boolean; errors: number; warnings: number; onOpen: (id: string) => void }) {
  return (
    <li className="table-item">
      <button className={`table-entry ${active ? 'active' : ''} ${entry.kind === 'projectForm' ? 'project-form' : ''}`} aria-current={active ? 'page' : undefined} data-view={entry.id} onClick={() => onOpen(entry.id)} title={`${entry.label} ${entry.title}`}>
        <span className="table-label">{entry.label}</span>
        <span className="table-title">{entry.title}</span>
        {errors > 0 && (
          <span className="badge badge-error" title={`强制性 ${errors} 条`}>
            {errors}
          </span>
        )}
        {warnings > 0 && (
          <span className="badge badge-warning" title={`提示性 ${warnings} 条`}>
            {warnings}
          </span>
        )}
      </button>
    </li>
  );
});

/** ↑ ↓ Home End move between the entries (Enter or Space opens one, as any button). */
function moveInList(e: React.KeyboardEvent<HTMLElement>): void {
  const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
  const step = steps[e.key];
  if (step === undefined || e.ctrlKey || e.altKey || e.metaKey) return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLElement>('.table-entry, .table-group-title')];
  const at = buttons.indexOf(document.activeElement as HTMLElement);
  const next = Math.max(0, Math.min(buttons.length - 1, Number.isFinite(step) ? at + step : step > 0 ? buttons.length - 1 : 0));
  e.preventDefault();
  buttons[next]?.focus();
  buttons[next]?.scrollIntoView({ block: 'nearest' });
}

export function TableList({ store }: { store: EditorStore }) {
  const structureVersion = useChannels(store, 'structure');
  useChannels(store, 'view', 'findings');
  // The entries change only with the structure (rows and names), not with amounts.
  const views = useMemo(() => store.views(), [store, structureVersion]);
  const grids = views.filter((v) => v.kind !== 'projectForm');
  const projects = views.filter((v) => v.kind === 'projectForm');
  const [folded, setFolded] = useState<boolean | null>(null);
  const isFolded = (folded ?? projects.length > FOLD_ABOVE) && !store.view.startsWith('T15:');
  const counts = store.findings.countsByView(store.accepted);
  const open = useMemo(() => (id: string) => store.setView(id), [store]);
  let projectErrors = 0;
  let projectWarnings = 0;
  for (const p of projects) {
    projectErrors += counts.get(p.id)?.errors ?? 0;
    projectWarnings += counts.get(p.id)?.warnings ?? 0;
  }
  const item = (v: ViewEntry) => <Entry key={v.id} entry={v} active={store.view === v.id} errors={counts.get(v.id)?.errors ?? 0} warnings={counts.get(v.id)?.warnings ?? 0} onOpen={open} />;
  return (
    <nav className="table-list" aria-label="表格目录" onKeyDown={moveInList}>
      <ul>
        {grids.map(item)}
        {projects.length > 0 && (
          <li className="table-group">
            <button className="table-group-title" aria-expanded={!isFolded} onClick={() => setFolded(!isFolded)}>
              {isFolded ? '▸' : '▾'} 表15 项目支出绩效目标表（{projects.length}）
              {isFolded && projectErrors > 0 && <span className="badge badge-error">{projectErrors}</span>}
              {isFolded && projectWarnings > 0 && <span className="badge badge-warning">{projectWarnings}</span>}
            </button>
          </li>
        )}
        {!isFolded && projects.map(item)}
      </ul>
    </nav>
  );
}
