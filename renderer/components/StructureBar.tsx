/**
 * Structural commands for the table on screen, acting on the focused row: add units, projects,
 * sub-items and coded lines (with the code picker), remove (asking first when amounts would go),
 * move up and down. Each is one undo step.
 */
import { CODE_LIST_KIND_LABELS, isValidCodeShape, type CodeList } from '../../shared/codes/codeList';
import { getCodeLists } from '../../shared/codes/registry';
import {
  addEconomicLine,
  addFunctionalLine,
  addProcurementItem,
  addProject,
  addSubItem,
  addTransferLine,
  addUnit,
  amountsHeldBy,
  moveRow,
  removeRow,
  rowExists,
  rowTitle,
  ROW_TARGET_LABELS,
  type AddOutcome,
  type RowTarget,
} from '../../shared/edit';
import { PROJECT_TYPES, PROJECT_TYPE_LABELS, type ProjectType } from '../../shared/model/document';
import { FUNCTIONAL_FUNDS, FUNCTIONAL_FUND_LABELS, type FunctionalFund } from '../../shared/model/funding';
import { functionalTableOf } from '../../shared/compute/structure';

/** Funds whose functional lines are kept in 辅助表 (not 表7–表9). */
const AUXILIARY_FUNDS = FUNCTIONAL_FUNDS.filter((f) => functionalTableOf(f) === 'T0');
import type { EditorStore } from '../app/editorStore';
import { projectOfRow, rowTargetOf, unitOfRow } from '../app/rowTargets';
import { useChannels } from '../app/useChannel';
import { CUSTOM_CODE, type DialogService } from './dialogs';

const ROW_ID_PREFIX: Record<RowTarget['kind'], string> = {
  unit: 'u',
  project: 'p',
  subItem: 's',
  economicLine: 'e',
  functionalLine: 'f',
  transferLine: 't',
  procurementItem: 'pi',
};

/** What deleting a project does to the 表15 forms: its own goes, and the later ones are renumbered. */
function projectFormNotice(store: EditorStore, projectId: string): string {
  const forms = store.views().filter((v) => v.kind === 'projectForm');
  const at = forms.findIndex((v) => v.projectId === projectId);
  if (at < 0) return '';
  const own = forms[at]!;
  const later = forms.slice(at + 1);
  const shift =
    later.length === 0 ? '' : later.length === 1 ? `后面的${later[0]!.label}将改为${forms[at]!.label}。` : `后面的${later[0]!.label}至${later[later.length - 1]!.label}将依次前移一号（改为${forms[at]!.label}至${forms[forms.length - 2]!.label}）。`;
  return `\n\n该项目的${own.label}项目支出绩效目标表（绩效目标、指标等文字）也将一并删除。${shift}`;
}

export function StructureBar({ store, dialogs }: { store: EditorStore; dialogs: DialogService }) {
  useChannels(store, 'selection', 'structure', 'view');
  const doc = store.doc;
  const view = store.view;
  const table = store.table();
  if (!table) return null;
  const rowId = store.focusedRowId;
  const unitId = (rowId ? unitOfRow(doc, rowId) : null) ?? doc.units.order[0]!;
  const focusedTarget = rowId ? rowTargetOf(rowId) : null;
  // A deleted row stays focused until the grid moves: it is no target for 删除, 上移 or 下移.
  const target = focusedTarget && rowExists(doc, focusedTarget) ? focusedTarget : null;
  const year = doc.department.fiscalYear;
  const firstLabel = table.def.labelColumns[0] ?? '';
  const unitName = doc.units.byId[unitId]?.name ?? '';

  const added = (out: AddOutcome, kind: RowTarget['kind']) => {
    if (store.apply(out) && out.ok && out.id) store.revealAt(view, { rowId: `${ROW_ID_PREFIX[kind]}:${out.id}`, colId: kind === 'procurementItem' || kind === 'functionalLine' || kind === 'transferLine' ? 'code' : firstLabel });
  };

  const onAddUnit = async () => {
    const v = await dialogs.form({
      title: '添加预算单位',
      fields: [
        { name: 'name', label: '单位名称（表中显示）', placeholder: '如 市信访服务中心' },
        { name: 'fullName', label: '单位全称（可不填）' },
      ],
      validate: (x) => (x.name!.trim() ? null : '请填写单位名称'),
    });
    if (v) added(addUnit(store.doc, { name: v.name!, fullName: v.fullName?.trim() || undefined, after: target?.kind === 'unit' ? target.id : null }), 'unit');
  };

  const onAddProject = async () => {
    const v = await dialogs.form({
      title: `添加项目（${unitName}）`,
      fields: [
        { name: 'name', label: '项目名称' },
        { name: 'type', label: '项目类型', options: PROJECT_TYPES.map((t) => ({ value: t, label: PROJECT_TYPE_LABELS[t] })) },
      ],
      validate: (x) => (x.name!.trim() ? null : '请填写项目名称'),
    });
    if (v) added(addProject(store.doc, { unitId, name: v.name!, type: v.type as ProjectType }), 'project');
  };

  const projectId = rowId ? projectOfRow(doc, rowId) : null;
  const onAddSubItem = async () => {
    if (!projectId) return;
    const v = await dialogs.form({
      title: `添加二级项目（${doc.projects.byId[projectId]?.name ?? ''}）`,
      fields: [{ name: 'name', label: '二级项目名称' }],
      validate: (x) => (x.name!.trim() ? null : '请填写二级项目名称'),
    });
    if (v) added(addSubItem(store.doc, { projectId, name: v.name!, after: target?.kind === 'subItem' ? target.id : null }), 'subItem');
  };

  /** What the picker says when the budget year has no list of its own of this kind. */
  const yearNote = (list: CodeList) => (list.year === year ? null : `${year}年没有自己的${CODE_LIST_KIND_LABELS[list.kind]}代码表，使用 ${list.year} 年的（可用“导入代码表”导入${year}年的）`);
  /** Codes the unit already has in this table (the picker marks them). */
  const codesOf = <L extends { unitId: string; code: string }>(lines: Readonly<Record<string, L>>, also: (l: L) => boolean = () => true) =>
    new Set(Object.values(lines).filter((l) => l.unitId === unitId && also(l)).map((l) => l.code));

  /**
   * 「自定义编码…」: a code the year's list lacks, with the clerk's own name; kept on the line, and the
   * audit asks to confirm it. The code must still have the shape of its kind and level.
   */
  const askCustomCode = async (list: CodeList, title: string, shape: { test: (code: string) => boolean; text: string }) => {
    const v = await dialogs.form({
      title,
      message: `不在${list.year}年${CODE_LIST_KIND_LABELS[list.kind]}代码表中的编码可以作为自定义编码使用，审核时会提示确认；报送前请与财政部门核对。`,
      fields: [
        { name: 'code', label: '编码', placeholder: shape.text },
        { name: 'name', label: '名称' },
      ],
      validate: (x) => {
        const code = x.code!.trim().toUpperCase();
        if (!shape.test(code)) return `编码应为${shape.text}`;
        if (list.has(code)) return `${list.displayName(code)} 在代码表中，请直接选择`;
        return x.name!.trim() ? null : '请填写名称';
      },
    });
    return v ? { code: v.code!.trim().toUpperCase(), name: v.name!.trim() } : null;
  };
  const addedCustom = (out: AddOutcome, kind: RowTarget['kind'], code: string, name: string) => {
    added(out, kind);
    if (out.ok) store.showMessage(`已添加自定义编码 ${code}“${name}”：不在代码表中，审核会提示确认。`, 'info');
  };

  const onAddEconomic = async () => {
    const list = getCodeLists(year).economic;
    const title = `添加经济分类科目（${unitName}）`;
    const code = await dialogs.pickCode({ title, list, level: 2, used: codesOf(doc.economicLines.byId), note: yearNote(list), allowCustom: true });
    if (code === CUSTOM_CODE) {
      const own = await askCustomCode(list, title, { test: (c) => /^\d{5}$/.test(c), text: ' 5 位数字（款），如 30199' });
      if (own) addedCustom(addEconomicLine(store.doc, { unitId, ...own }), 'economicLine', own.code, own.name);
    } else if (code) added(addEconomicLine(store.doc, { unitId, code }), 'economicLine');
  };

  const onAddFunctional = async () => {
    let fund: FunctionalFund | undefined = table.def.fund;
    if (!fund) {
      // 辅助表: the other funds — ask which one first.
      const v = await dialogs.form({
        title: `添加功能分类科目（${unitName}）`,
        fields: [{ name: 'fund', label: '资金性质', options: AUXILIARY_FUNDS.map((f) => ({ value: f, label: FUNCTIONAL_FUND_LABELS[f] })) }],
        submitLabel: '选择科目…',
      });
      if (!v) return;
      fund = v.fund as FunctionalFund;
    }
    const list = getCodeLists(year).functional;
    const used = codesOf(doc.functionalLines.byId, (l) => l.fund === fund);
    const title = `添加功能分类科目（${unitName}）`;
    const code = await dialogs.pickCode({ title, list, level: 3, used, note: yearNote(list), allowCustom: true });
    if (code === CUSTOM_CODE) {
      const own = await askCustomCode(list, title, { test: (c) => /^\d{7}$/.test(c), text: ' 7 位数字（项），如 2010399' });
      if (own) addedCustom(addFunctionalLine(store.doc, { unitId, fund, ...own }), 'functionalLine', own.code, own.name);
    } else if (code) added(addFunctionalLine(store.doc, { unitId, code, fund }), 'functionalLine');
  };

  const onAddTransfer = async () => {
    const list = getCodeLists(year).functional;
    const title = `添加转移支付项目（${unitName}）：选择科目`;
    const picked = await dialogs.pickCode({ title, list, level: 3, used: codesOf(doc.transferLines.byId), note: yearNote(list), allowCustom: true });
    const own = picked === CUSTOM_CODE ? await askCustomCode(list, title, { test: (c) => /^\d{7}$/.test(c), text: ' 7 位数字（项），如 2010399' }) : null;
    const code = own ? own.code : picked === CUSTOM_CODE ? null : picked;
    if (!code) return;
    const v = await dialogs.form({ title: '转移支付项目名称', fields: [{ name: 'projectName', label: '项目名称' }], validate: (x) => (x.projectName!.trim() ? null : '请填写项目名称') });
    if (!v) return;
    if (own) addedCustom(addTransferLine(store.doc, { unitId, code, projectName: v.projectName!, name: own.name }), 'transferLine', own.code, own.name);
    else added(addTransferLine(store.doc, { unitId, code, projectName: v.projectName! }), 'transferLine');
  };

  const onAddProcurement = async () => {
    const list = getCodeLists(year).procurement;
    const title = `添加采购品目（${unitName}）`;
    const code = await dialogs.pickCode({ title, list, selectable: (e) => e.level >= 2, used: codesOf(doc.procurementItems.byId), note: yearNote(list), allowCustom: true });
    if (code === CUSTOM_CODE) {
      const own = await askCustomCode(list, title, { test: (c) => /^[A-C]\d{2,8}$/.test(c) && isValidCodeShape('procurement', c), text: ' A/B/C 加成对的数字，如 C9901' });
      if (own) addedCustom(addProcurementItem(store.doc, { unitId, ...own }), 'procurementItem', own.code, own.name);
    } else if (code) added(addProcurementItem(store.doc, { unitId, code }), 'procurementItem');
  };

  const onRemove = async () => {
    if (!target) return;
    const held = amountsHeldBy(store.doc, target);
    const title = rowTitle(store.doc, target);
    const label = ROW_TARGET_LABELS[target.kind];
    const form = target.kind === 'project' ? projectFormNotice(store, target.id) : '';
    if (held > 0 || form) {
      const amounts = held > 0 ? `“${title}”有 ${held} 个金额${target.kind === 'unit' || target.kind === 'project' ? '（含其下各行）' : ''}，删除后这些金额一并删除。` : `删除${label}“${title}”。`;
      const answer = await dialogs.confirm({
        title: `删除${label}`,
        message: `${amounts}${form}确定删除吗？（可以用“撤销”恢复）`,
        buttons: [{ label: '删除', value: 'delete', tone: 'danger' }],
      });
      if (answer !== 'delete') return;
    }
    if (store.apply(removeRow(store.doc, target))) store.showMessage(`已删除${label}“${title}”。`, 'info');
  };

  const onMove = (delta: -1 | 1) => {
    if (!target) return;
    const out = moveRow(store.doc, target, delta);
    if (store.apply(out) && out.ok && out.result) store.revealAt(view, { rowId: rowId!, colId: firstLabel });
  };

  const t = table.def.id;
  if (t === 'T1' || t === 'T6' || t === 'T13') return null; // derived tables: nothing to add or remove here
  return (
    <div className="structure-bar" role="toolbar" aria-label="行操作">
      {['T2', 'T3', 'T12'].includes(t) && <button onClick={onAddUnit}>添加预算单位</button>}
      {t === 'T4' && <button onClick={onAddEconomic}>添加经济分类科目</button>}
      {t === 'T5' && (
        <>
          <button onClick={onAddProject}>添加项目</button>
          <button onClick={onAddSubItem} disabled={!projectId} title={projectId ? '' : '先选中一个项目或二级项目'}>
            添加二级项目
          </button>
        </>
      )}
      {['T7', 'T8', 'T9', 'T0'].includes(t) && <button onClick={onAddFunctional}>添加功能分类科目</button>}
      {t === 'T10' && <button onClick={onAddTransfer}>添加转移支付项目</button>}
      {t === 'T11' && <button onClick={onAddProcurement}>添加采购品目</button>}
      <span className="structure-sep" />
      <button onClick={onRemove} disabled={!target} title={target ? `删除${ROW_TARGET_LABELS[target.kind]}` : '先选中要删除的行'}>
        删除{target ? ROW_TARGET_LABELS[target.kind] : '行'}
      </button>
      <button onClick={() => onMove(-1)} disabled={!target} title="上移">
        上移
      </button>
      <button onClick={() => onMove(1)} disabled={!target} title="下移">
        下移
      </button>
      {target && <span className="structure-target">当前：{rowTitle(doc, target)}</span>}
    </div>
  );
}
