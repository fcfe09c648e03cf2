/**
 * The problems panel: findings from the audit worker grouped by severity (强制性, 提示性, accepted,
 * 尾差), newest first, each with its Chinese message, both sides and the difference. Clicking a
 * finding (or one of its cells) selects the table and cell and flashes it; a warning can be
 * accepted with a reason (an undoable edit kept in the document and exported).
 */
import { UNIT_LABELS } from '../../shared/money/format';
import { memo, useCallback, useEffect, useState } from 'react';
import { acceptWarning, adoptComputedTotals, hasPrintedTotals, printedTotalsOf, revokeWarning } from '../../shared/edit';
import type { FindingCell } from '../../shared/rules/finding';
import { cellKey, type TableId } from '../../shared/model/cellKey';
import type { EditorStore } from '../app/editorStore';
import { describeCell, isTextCell } from '../app/cellNames';
import { useChannels } from '../app/useChannel';
import { FINDINGS_SHOWN } from '../app/findingCursor';
import { loadPrefs, savePrefs } from '../app/viewPrefs';
import type { ShownFinding } from '../audit/findingsStore';
import { formatExactAmount } from '../grid/amountText';
import type { DialogService } from './dialogs';

const GROUP_LABELS = { error: '强制性（必须修改）', warning: '提示性（可说明理由后接受）', accepted: '已接受的提示', info: '尾差（四舍五入造成，不是错误）' } as const;

export function ProblemsPanel({ store, dialogs }: { store: EditorStore; dialogs: DialogService }) {
  useChannels(store, 'findings', 'progress', 'view');
  // Names of units, lines and projects change only with the structure (renames), not with amounts.
  const structureVersion = useChannels(store, 'structure');
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({ info: true, accepted: true });
  const accepted = store.accepted;
  const groups = store.findings.groups(accepted, FINDINGS_SHOWN);
  const totals = store.findings.totals(accepted);
  const progress = store.progress;

  // Stable callbacks: an edit adds a finding or two, and only those items render (memo).
  const reveal = useCallback((c: FindingCell) => store.reveal(cellKey(c.table as TableId, c.row, c.column)), [store]);
  const accept = useCallback(
    async (f: ShownFinding) => {
      const v = await dialogs.form({
        title: '接受提示性审核结果',
        message: f.message,
        fields: [{ name: 'reason', label: '接受理由（会保存在文件中并随表导出）', multiline: true }],
        submitLabel: '接受',
        validate: (x) => (x.reason!.trim() ? null : '请填写理由'),
      });
      if (v) store.apply(acceptWarning(store.doc, f.id, v.reason!, new Date().toISOString()));
    },
    [store, dialogs],
  );

  const adopt = useCallback(async () => {
    const { count } = printedTotalsOf(store.doc);
    const answer = await dialogs.confirm({
      title: '按明细重算合计',
      message:
        `此文档是从 Excel 读入的，保留了原表列示的 ${count} 个合计数。审核把它们与明细比较，四舍五入造成的差额按尾差放过；修改明细后，原表合计数就与明细不符了。\n\n` +
        '按明细重算后，所有合计都由明细金额计算，审核按精确金额进行：原表因四舍五入留下的差额（如 1 万元）会作为需要调整的问题列出。\n\n此操作可以撤销。',
      buttons: [{ label: '按明细重算', value: 'adopt', tone: 'primary' }],
    });
    if (answer === 'adopt' && store.apply(adoptComputedTotals(store.doc))) store.showMessage('已按明细重算合计，正在按精确金额重新审核。', 'info');
  }, [store, dialogs]);

  // Height and folding, set by the clerk and remembered.
  const [size, setSize] = useState(() => {
    const p = loadPrefs();
    return { height: p.problemsHeight, collapsed: p.problemsCollapsed };
  });
  const resize = (height: number) => {
    const h = Math.round(Math.max(60, Math.min(window.innerHeight - 200, height)));
    setSize({ height: h, collapsed: false });
    savePrefs({ problemsHeight: h, problemsCollapsed: false });
  };
  const toggle = () => {
    setSize({ ...size, collapsed: !size.collapsed });
    savePrefs({ problemsCollapsed: !size.collapsed });
  };
  const startDrag = (e: React.PointerEvent<HTMLDivElement>) => {
    const startY = e.clientY;
    const startH = size.height;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => resize(startH + (startY - m.clientY));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  // The finding F8 went to: in view in the panel.
  const current = store.currentFinding;
  useEffect(() => {
    if (current) document.querySelector(`.problems [data-finding-id="${CSS.escape(current)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  return (
    <section className={`problems${size.collapsed ? ' problems-collapsed' : ''}`} aria-label="审核结果" style={size.collapsed ? undefined : { height: size.height }}>
      {!size.collapsed && (
        <div
          className="problems-resize"
          role="separator"
          aria-orientation="horizontal"
          aria-label="拖动调整审核结果栏高度（↑↓ 键也可调整）"
          tabIndex={0}
          onPointerDown={startDrag}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
              e.preventDefault();
              resize(size.height + (e.key === 'ArrowUp' ? 28 : -28));
            }
          }}
        />
      )}
      <header className="problems-header">
        <button className="problems-toggle" aria-expanded={!size.collapsed} onClick={toggle} title={size.collapsed ? '展开审核结果栏' : '收起审核结果栏（表格可显示更多行）'}>
          {size.collapsed ? '▴ 展开' : '▾ 收起'}
        </button>
        <strong>审核结果</strong>
        <span className="count count-error">强制性 {totals.errors}</span>
        <span className="count count-warning">提示性 {totals.warnings}</span>
        {totals.accepted > 0 && <span className="count">已接受 {totals.accepted}</span>}
        {totals.info > 0 && <span className="count count-info">尾差 {totals.info}</span>}
        {progress && (
          <span className="check-progress" role="progressbar" aria-valuenow={Math.round((progress.done / Math.max(progress.total, 1)) * 100)} aria-valuemin={0} aria-valuemax={100}>
            正在审核… {Math.round((progress.done / Math.max(progress.total, 1)) * 100)}%
          </span>
        )}
        {store.auditError && <span className="audit-error">审核出错：{store.auditError}</span>}
        {hasPrintedTotals(store.doc) && (
          <button className="btn btn-small adopt-computed" onClick={adopt} title="去掉从 Excel 读入的原表合计数：所有合计按明细计算，审核按精确金额进行（可撤销）">
            按明细重算合计
          </button>
        )}
      </header>
      <div className="problems-body" hidden={size.collapsed}>
        {totals.errors + totals.warnings + totals.accepted + totals.info === 0 && !progress && !store.auditError && <p className="problems-empty">没有发现问题。</p>}
        {groups.map((g) =>
          g.total === 0 ? null : (
            <div key={g.key} className={`problem-group group-${g.key}`}>
              <button className="group-title" aria-expanded={!collapsed[g.key]} onClick={() => setCollapsed({ ...collapsed, [g.key]: !collapsed[g.key] })}>
                {collapsed[g.key] ? '▸' : '▾'} {GROUP_LABELS[g.key]}（{g.total}）
              </button>
              {!collapsed[g.key] && (
                <ul className="finding-list">
                  {g.items.map((f) => (
                    <FindingItem key={f.id} f={f} store={store} unit={store.unit} structureVersion={structureVersion} acceptedReason={accepted[f.id]?.reason} current={f.id === current} onReveal={reveal} onAccept={accept} />
                  ))}
                  {g.total > g.items.length && <li className="finding-more">还有 {g.total - g.items.length} 条未显示（修改后会优先显示最新的结果）</li>}
                </ul>
              )}
            </div>
          ),
        )}
      </div>
    </section>
  );
}

const FindingItem = memo(function FindingItem({
  f,
  store,
  unit,
  acceptedReason,
  current,
  onReveal,
  onAccept,
}: {
  f: ShownFinding;
  store: EditorStore;
  unit: EditorStore['unit'];
  /** Re-render when names may have changed (the item reads them from the store). */
  structureVersion: number;
  acceptedReason: string | undefined;
  current: boolean;
  onReveal: (c: FindingCell) => void;
  onAccept: (f: ShownFinding) => void;
}) {
  const doc = store.doc;
  const decimals = store.decimals;
  const first = f.cells[0];
  // Every amount of an item in the one display unit the message also uses, with its label.
  const withUnit = (fen: number | null) => (fen === null ? '空' : `${formatExactAmount(fen, unit, decimals)} ${UNIT_LABELS[unit]}`);
  return (
    <li className={`finding finding-${f.severity}${current ? ' finding-current' : ''}`} aria-current={current || undefined} data-finding-id={f.id} data-rule={f.rule}>
      <button className="finding-message" onClick={() => first && onReveal(first)} title="定位到单元格">
        {f.message}
      </button>
      <div className="finding-sides">
        {f.cells.map((c, i) => (
          <button key={i} className="finding-cell" onClick={() => onReveal(c)}>
            {describeCell(doc, store.catalogue, store.names, c)}
            {isTextCell(c) ? '' : `：${withUnit(c.valueFen)}`}
          </button>
        ))}
        {f.differenceFen !== null && f.differenceFen !== 0 && <span className="finding-diff">差额 {withUnit(f.differenceFen)}</span>}
      </div>
      {f.severity === 'warning' && acceptedReason === undefined && (
        <button className="btn btn-small" onClick={() => onAccept(f)}>
          接受…
        </button>
      )}
      {acceptedReason !== undefined && (
        <div className="finding-accepted">
          理由：{acceptedReason}{' '}
          <button className="btn btn-small" onClick={() => store.apply(revokeWarning(store.doc, f.id))}>
            撤销接受
          </button>
        </div>
      )}
    </li>
  );
});
