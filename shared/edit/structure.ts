/**
 * Structural commands: add, remove and reorder budget units, projects, sub-items, economic lines
 * (表4), functional lines (表7/8/9), transfer lines (表10) and procurement items (表11). Each is one
 * undoable edit with effect `structure` (the cell graph is rebuilt). Codes are checked against the
 * budget year's code lists.
 */
import { newProject } from '../model/newProject';
import type { Draft } from 'immer';
import { getCodeLists } from '../codes/registry';
import type { CodeList } from '../codes/codeList';
import { parseCellKey } from '../model/cellKey';
import { emptyUnitRecords, UNIT_RECORDS, type BudgetUnit, type Collection, type DepartmentBudget, type FunctionalLine, type Project, type ProjectType } from '../model/document';
import { FUNCTIONAL_FUND_LABELS, type FunctionalFund } from '../model/funding';
import { insertAfter, moveAmongPeers, removeFrom } from './collection';
import { edit, refuse, type EditOutcome } from './edit';
import { newId } from './ids';
import { printedTotalsAbove } from './setCells';
import { graphOf } from '../compute/inputCells';
import { readPath } from '../compute/evaluate';
import { NodeKind } from '../compute/graph';

export type RowTargetKind = 'unit' | 'project' | 'subItem' | 'economicLine' | 'functionalLine' | 'transferLine' | 'procurementItem';
export interface RowTarget {
  kind: RowTargetKind;
  id: string;
}

export const ROW_TARGET_LABELS: Record<RowTargetKind, string> = {
  unit: '预算单位',
  project: '项目',
  subItem: '二级项目',
  economicLine: '经济分类科目',
  functionalLine: '功能分类科目',
  transferLine: '转移支付项目',
  procurementItem: '采购品目',
};

/** An add command's outcome also names the new row's id. */
export type AddOutcome = EditOutcome & { id?: string };

const STRUCTURE = { kind: 'structure' } as const;

// ---------------------------------------------------------------------------------------------
// Budget units
// ---------------------------------------------------------------------------------------------

export interface NewUnit {
  name: string;
  fullName?: string;
  kind?: BudgetUnit['kind'];
  /** Insert after this unit (default: last). */
  after?: string | null;
}

export function addUnit(doc: DepartmentBudget, spec: NewUnit): AddOutcome {
  const name = spec.name.trim();
  if (!name) return refuse('预算单位名称不能为空');
  if (Object.values(doc.units.byId).some((u) => u.name === name)) return refuse(`已有名为“${name}”的预算单位`);
  const id = newId('u', doc.units.byId);
  const out = edit(doc, `添加预算单位“${name}”`, STRUCTURE, (d) => {
    d.units.byId[id] = { id, name, kind: spec.kind ?? 'subordinateUnit', ...(spec.fullName ? { fullName: spec.fullName } : {}) };
    insertAfter(d.units.order, id, spec.after);
    const records = emptyUnitRecords();
    for (const k of UNIT_RECORDS) (d[k] as Record<string, unknown>)[id] = records[k];
  });
  return { ...out, id };
}

export function renameUnit(doc: DepartmentBudget, unitId: string, name: string): EditOutcome {
  const unit = doc.units.byId[unitId];
  if (!unit) return refuse('预算单位不存在');
  const trimmed = name.trim();
  if (!trimmed) return refuse('预算单位名称不能为空');
  if (Object.values(doc.units.byId).some((u) => u.id !== unitId && u.name === trimmed)) return refuse(`已有名为“${trimmed}”的预算单位`);
  return edit(doc, `重命名预算单位为“${trimmed}”`, { kind: 'labels' }, (d) => {
    d.units.byId[unitId]!.name = trimmed;
  });
}

// ---------------------------------------------------------------------------------------------
// Projects and sub-items (表5)
// ---------------------------------------------------------------------------------------------

export interface NewProject {
  unitId: string;
  name: string;
  type?: ProjectType;
  /** Insert after this project (default: after the unit's last project). */
  after?: string | null;
}

export function addProject(doc: DepartmentBudget, spec: NewProject): AddOutcome {
  if (!doc.units.byId[spec.unitId]) return refuse('预算单位不存在');
  const name = spec.name.trim();
  if (!name) return refuse('项目名称不能为空');
  if (Object.values(doc.projects.byId).some((p) => p.unitId === spec.unitId && p.name === name)) return refuse(`本单位已有名为“${name}”的项目`);
  const id = newId('p', doc.projects.byId);
  const year = doc.department.fiscalYear;
  const project = newProject(id, spec.unitId, name, { type: spec.type ?? 'general', startDate: `${year}-01-01`, endDate: `${year}-12-31` });
  const after = spec.after ?? lastOf(doc.projects, (p) => p.unitId === spec.unitId);
  const out = edit(doc, `添加项目“${name}”`, STRUCTURE, (d) => {
    d.projects.byId[id] = project as Draft<Project>;
    insertAfter(d.projects.order, id, after);
  });
  return { ...out, id };
}

export function addSubItem(doc: DepartmentBudget, spec: { projectId: string; name: string; after?: string | null }): AddOutcome {
  if (!doc.projects.byId[spec.projectId]) return refuse('项目不存在');
  const name = spec.name.trim();
  if (!name) return refuse('二级项目名称不能为空');
  const id = newId('s', doc.subItems.byId);
  const after = spec.after ?? lastOf(doc.subItems, (s) => s.projectId === spec.projectId);
  const out = edit(doc, `添加二级项目“${name}”`, STRUCTURE, (d) => {
    d.subItems.byId[id] = { id, projectId: spec.projectId, name, amounts: {} };
    insertAfter(d.subItems.order, id, after);
  });
  return { ...out, id };
}

// ---------------------------------------------------------------------------------------------
// Coded lines: 经济分类 (表4), 功能分类 (表7/8/9), 转移支付 (表10), 采购品目 (表11)
// ---------------------------------------------------------------------------------------------

/**
 * `name`: a custom code (自定义编码) — one the year's list lacks — is added only with the clerk's own name,
 * kept on the line; the audit asks to confirm it (rule custom-code, a warning).
 */
export function addEconomicLine(doc: DepartmentBudget, spec: { unitId: string; code: string; name?: string }): AddOutcome {
  if (!doc.units.byId[spec.unitId]) return refuse('预算单位不存在');
  const code = spec.code.trim();
  if (!/^\d{5}$/.test(code)) return refuse(`经济分类科目编码应为 5 位数字（款），而不是“${code}”`);
  const list = getCodeLists(doc.department.fiscalYear).economic;
  const name = customName(list, code, spec.name);
  if (name === undefined && !list.has(code)) return refuse(`经济分类科目 ${code} 不在 ${list.year} 年的代码表中${CUSTOM_HINT}`);
  if (Object.values(doc.economicLines.byId).some((l) => l.unitId === spec.unitId && l.code === code)) return refuse(`本单位已有经济分类科目 ${list.displayName(code)}`);
  const id = newId('e', doc.economicLines.byId);
  const out = edit(doc, `添加经济分类科目 ${name === undefined ? list.displayName(code) : `${code} ${name}（自定义）`}`, STRUCTURE, (d) => {
    d.economicLines.byId[id] = { id, unitId: spec.unitId, code, amounts: {}, ...(name === undefined ? {} : { name }) };
    insertByCode(d.economicLines, id, code, (l) => l.unitId === spec.unitId);
  });
  return { ...out, id };
}

export function addFunctionalLine(doc: DepartmentBudget, spec: { unitId: string; code: string; fund: FunctionalFund; name?: string }): AddOutcome {
  if (!doc.units.byId[spec.unitId]) return refuse('预算单位不存在');
  const code = spec.code.trim();
  if (!/^\d{7}$/.test(code)) return refuse(`功能分类科目编码应为 7 位数字（项），而不是“${code}”`);
  const list = getCodeLists(doc.department.fiscalYear).functional;
  const name = customName(list, code, spec.name);
  if (name === undefined && !list.has(code)) return refuse(`功能分类科目 ${code} 不在 ${list.year} 年的代码表中${CUSTOM_HINT}`);
  const dup = Object.values(doc.functionalLines.byId).some((l: FunctionalLine) => l.unitId === spec.unitId && l.code === code && l.fund === spec.fund);
  if (dup) return refuse(`本单位的${FUNCTIONAL_FUND_LABELS[spec.fund]}已有功能分类科目 ${list.displayName(code)}`);
  const id = newId('f', doc.functionalLines.byId);
  const out = edit(doc, `添加功能分类科目 ${name === undefined ? list.displayName(code) : `${code} ${name}（自定义）`}`, STRUCTURE, (d) => {
    d.functionalLines.byId[id] = { id, unitId: spec.unitId, code, fund: spec.fund, basicExpenditure: null, projectExpenditure: null, ...(name === undefined ? {} : { name }) };
    insertByCode(d.functionalLines, id, code, (l) => l.unitId === spec.unitId && l.fund === spec.fund);
  });
  return { ...out, id };
}

const CUSTOM_HINT = '；如确需使用，请作为自定义编码添加并填写名称';

/** The clerk's name for a code the list lacks (a custom code); undefined for a listed code or no name. */
function customName(list: CodeList, code: string, name: string | undefined): string | undefined {
  const trimmed = name?.trim();
  return trimmed && !list.has(code) ? trimmed.slice(0, 200) : undefined;
}

export function addTransferLine(doc: DepartmentBudget, spec: { unitId: string; code: string; projectName: string; name?: string }): AddOutcome {
  if (!doc.units.byId[spec.unitId]) return refuse('预算单位不存在');
  const code = spec.code.trim();
  if (!/^\d{7}$/.test(code)) return refuse(`功能分类科目编码应为 7 位数字（项），而不是“${code}”`);
  const list = getCodeLists(doc.department.fiscalYear).functional;
  const name = customName(list, code, spec.name);
  if (name === undefined && !list.has(code)) return refuse(`功能分类科目 ${code} 不在 ${list.year} 年的代码表中${CUSTOM_HINT}`);
  const id = newId('t', doc.transferLines.byId);
  const out = edit(doc, `添加转移支付项目“${spec.projectName}”`, STRUCTURE, (d) => {
    d.transferLines.byId[id] = { id, unitId: spec.unitId, code, projectName: spec.projectName.trim(), amount: null, ...(name === undefined ? {} : { name }) };
    insertAfter(d.transferLines.order, id, lastOf(d.transferLines, (l) => l.unitId === spec.unitId));
  });
  return { ...out, id };
}

export function addProcurementItem(doc: DepartmentBudget, spec: { unitId: string; code: string; name?: string }): AddOutcome {
  if (!doc.units.byId[spec.unitId]) return refuse('预算单位不存在');
  const code = spec.code.trim().toUpperCase();
  if (!/^[A-C][0-9A-Z]+$/.test(code)) return refuse(`采购品目编号应为 A/B/C 加数字（如 A03、C1000），而不是“${code}”`);
  const list = getCodeLists(doc.department.fiscalYear).procurement;
  const name = customName(list, code, spec.name);
  if (name === undefined && !list.has(code)) return refuse(`采购品目 ${code} 不在 ${list.year} 年的代码表中${CUSTOM_HINT}`);
  if (Object.values(doc.procurementItems.byId).some((i) => i.unitId === spec.unitId && i.code === code)) return refuse(`本单位已有采购品目 ${list.displayName(code)}`);
  const id = newId('pi', doc.procurementItems.byId);
  const out = edit(doc, `添加采购品目 ${name === undefined ? list.displayName(code) : `${code} ${name}（自定义）`}`, STRUCTURE, (d) => {
    d.procurementItems.byId[id] = { id, unitId: spec.unitId, code, amount: null, ...(name === undefined ? {} : { name }) };
    insertByCode(d.procurementItems, id, code, (i) => i.unitId === spec.unitId);
  });
  return { ...out, id };
}

// ---------------------------------------------------------------------------------------------
// Remove, reorder, amounts held
// ---------------------------------------------------------------------------------------------

/** True while the row's item is in the document (a focused row may have been deleted since). */
export function rowExists(doc: DepartmentBudget, t: RowTarget): boolean {
  return Object.hasOwn(collectionOf(doc, t.kind).byId, t.id);
}
const exists = rowExists;

function collectionOf(doc: DepartmentBudget, kind: RowTargetKind): Collection<{ id: string }> {
  switch (kind) {
    case 'unit':
      return doc.units;
    case 'project':
      return doc.projects;
    case 'subItem':
      return doc.subItems;
    case 'economicLine':
      return doc.economicLines;
    case 'functionalLine':
      return doc.functionalLines;
    case 'transferLine':
      return doc.transferLines;
    case 'procurementItem':
      return doc.procurementItems;
  }
}

const GONE_ROW = '（已删除的行）';

/** The field that names each kind of row in messages. */
const TITLE_FIELD: Record<RowTargetKind, string> = { unit: 'name', project: 'name', subItem: 'name', economicLine: 'code', functionalLine: 'code', transferLine: 'projectName', procurementItem: 'code' };

/** The row's name as the clerk knows it, for messages; 「（已删除的行）」 once it is gone (never its internal id). */
export function rowTitle(doc: DepartmentBudget, t: RowTarget): string {
  const item = Object.hasOwn(collectionOf(doc, t.kind).byId, t.id) ? (collectionOf(doc, t.kind).byId[t.id] as unknown as Record<string, unknown>) : undefined;
  const title = item?.[TITLE_FIELD[t.kind]];
  return typeof title === 'string' ? title : GONE_ROW;
}

/** Non-empty amounts in a record and the records it holds. */
const countAmounts = (rec: unknown): number =>
  rec !== null && typeof rec === 'object' ? Object.values(rec).reduce((n: number, v) => n + (typeof v === 'number' ? 1 : countAmounts(v)), 0) : 0;

/** How many non-empty amounts removing the row would delete (the editor asks first when > 0). */
export function amountsHeldBy(doc: DepartmentBudget, t: RowTarget): number {
  switch (t.kind) {
    case 'unit': {
      const u = t.id;
      let n = 0;
      for (const k of UNIT_RECORDS) n += countAmounts(Object.hasOwn(doc[k], u) ? doc[k][u] : undefined);
      for (const l of Object.values(doc.economicLines.byId)) if (l.unitId === u) n += countAmounts(l.amounts);
      for (const p of Object.values(doc.projects.byId)) if (p.unitId === u) n += amountsHeldBy(doc, { kind: 'project', id: p.id });
      for (const l of Object.values(doc.functionalLines.byId)) if (l.unitId === u) n += countAmounts({ b: l.basicExpenditure, p: l.projectExpenditure });
      for (const l of Object.values(doc.transferLines.byId)) if (l.unitId === u) n += countAmounts({ a: l.amount });
      for (const i of Object.values(doc.procurementItems.byId)) if (i.unitId === u) n += countAmounts({ a: i.amount });
      return n;
    }
    case 'project': {
      const p = doc.projects.byId[t.id];
      let n = p ? countAmounts({ t: p.totalAmount, a: p.assetPurchaseAmount }) : 0;
      for (const s of Object.values(doc.subItems.byId)) if (s.projectId === t.id) n += countAmounts(s.amounts);
      return n;
    }
    case 'subItem':
      return countAmounts(doc.subItems.byId[t.id]?.amounts);
    case 'economicLine':
      return countAmounts(doc.economicLines.byId[t.id]?.amounts);
    case 'functionalLine': {
      const l = doc.functionalLines.byId[t.id];
      return l ? countAmounts({ b: l.basicExpenditure, p: l.projectExpenditure }) : 0;
    }
    case 'transferLine':
      return countAmounts({ a: doc.transferLines.byId[t.id]?.amount });
    case 'procurementItem':
      return countAmounts({ a: doc.procurementItems.byId[t.id]?.amount });
  }
}

/** Row-key prefixes (see shared/model/cellKey.ts) naming an id of each kind in their second part. */
const ROW_PREFIX_KIND: Record<string, RowTargetKind> = {
  u: 'unit',
  ec: 'unit',
  pg: 'unit',
  e: 'economicLine',
  p: 'project',
  s: 'subItem',
  f: 'functionalLine',
  t: 'transferLine',
  pi: 'procurementItem',
};

/**
 * A removal deletes amounts: the printed totals above them turn into computed ones, as after an
 * amount edit (printedTotalsAbove). Reads the document before the removal.
 */
function dropPrintedTotalsAbove(doc: DepartmentBudget, d: Draft<DepartmentBudget>, removed: Map<RowTargetKind, Set<string>>): void {
  let any = false;
  for (const _ in doc.reported) {
    any = true;
    break;
  }
  if (!any) return;
  const { graph } = graphOf(doc);
  const deleted: string[] = [];
  for (let i = 0; i < graph.size; i++) {
    if (graph.kind[i] !== NodeKind.Input) continue;
    const [prefix, id] = graph.rowOf(i).split(':');
    const kind = prefix === undefined ? undefined : ROW_PREFIX_KIND[prefix];
    if (kind && id !== undefined && removed.get(kind)?.has(id) && readPath(doc, graph.inputPathOf(i)!) !== null) deleted.push(graph.keyOf(i));
  }
  for (const key of printedTotalsAbove(doc, graph, deleted)) delete d.reported[key];
}

/** Drop printed values and last-year values of rows that no longer exist. */
function purgeRowValues(d: Draft<DepartmentBudget>, removed: Map<RowTargetKind, Set<string>>): void {
  for (const rec of [d.reported, d.previousYear]) {
    for (const key of Object.keys(rec)) {
      let row: string;
      try {
        row = parseCellKey(key).row;
      } catch {
        continue;
      }
      const [prefix, id] = row.split(':');
      const kind = prefix === undefined ? undefined : ROW_PREFIX_KIND[prefix];
      if (kind && id !== undefined && removed.get(kind)?.has(id)) delete rec[key];
    }
  }
}

export function removeRow(doc: DepartmentBudget, t: RowTarget): EditOutcome {
  if (!exists(doc, t)) return refuse(`${ROW_TARGET_LABELS[t.kind]}不存在`);
  if (t.kind === 'unit' && doc.units.order.length <= 1) return refuse('部门至少要有一个预算单位');
  const title = rowTitle(doc, t);
  return edit(doc, `删除${ROW_TARGET_LABELS[t.kind]}“${title}”`, STRUCTURE, (d) => {
    const removed = new Map<RowTargetKind, Set<string>>();
    const mark = (kind: RowTargetKind, id: string) => {
      const set = removed.get(kind) ?? new Set<string>();
      set.add(id);
      removed.set(kind, set);
    };
    const removeProject = (projectId: string) => {
      for (const sid of [...d.subItems.order]) {
        if (d.subItems.byId[sid]!.projectId === projectId) {
          removeFrom(d.subItems, sid);
          mark('subItem', sid);
        }
      }
      removeFrom(d.projects, projectId);
      mark('project', projectId);
    };
    switch (t.kind) {
      case 'unit': {
        const u = t.id;
        for (const pid of [...d.projects.order]) if (d.projects.byId[pid]!.unitId === u) removeProject(pid);
        const lines: [RowTargetKind, Collection<{ id: string; unitId: string }>][] = [
          ['economicLine', d.economicLines],
          ['functionalLine', d.functionalLines],
          ['transferLine', d.transferLines],
          ['procurementItem', d.procurementItems],
        ];
        for (const [kind, c] of lines) {
          for (const id of [...c.order]) {
            if (c.byId[id]!.unitId === u) {
              removeFrom(c, id);
              mark(kind, id);
            }
          }
        }
        for (const k of UNIT_RECORDS) delete d[k][u];
        removeFrom(d.units, u);
        mark('unit', u);
        break;
      }
      case 'project':
        removeProject(t.id);
        break;
      default:
        removeFrom(collectionOf(d as DepartmentBudget, t.kind), t.id);
        mark(t.kind, t.id);
    }
    dropPrintedTotalsAbove(doc, d, removed);
    purgeRowValues(d, removed);
  });
}

/** Move a row one place up (-1) or down (+1) among its peers (same unit / project / category). */
export function moveRow(doc: DepartmentBudget, t: RowTarget, delta: -1 | 1): EditOutcome {
  if (!exists(doc, t)) return refuse(`${ROW_TARGET_LABELS[t.kind]}不存在`);
  const peer = peerOf(doc, t);
  const c = collectionOf(doc, t.kind);
  const order = [...c.order];
  if (!moveAmongPeers(order, t.id, delta, peer)) return { ok: true, result: null };
  return edit(doc, `${delta < 0 ? '上移' : '下移'}${ROW_TARGET_LABELS[t.kind]}“${rowTitle(doc, t)}”`, STRUCTURE, (d) => {
    const draftOrder = collectionOf(d as DepartmentBudget, t.kind).order;
    moveAmongPeers(draftOrder, t.id, delta, peer);
  });
}

function peerOf(doc: DepartmentBudget, t: RowTarget): (other: string) => boolean {
  switch (t.kind) {
    case 'unit':
      return () => true;
    case 'project': {
      const unitId = doc.projects.byId[t.id]!.unitId;
      return (o) => doc.projects.byId[o]?.unitId === unitId;
    }
    case 'subItem': {
      const projectId = doc.subItems.byId[t.id]!.projectId;
      return (o) => doc.subItems.byId[o]?.projectId === projectId;
    }
    case 'economicLine': {
      const l = doc.economicLines.byId[t.id]!;
      return (o) => {
        const x = doc.economicLines.byId[o];
        return x !== undefined && x.unitId === l.unitId && x.code.slice(0, 3) === l.code.slice(0, 3);
      };
    }
    case 'functionalLine': {
      const l = doc.functionalLines.byId[t.id]!;
      return (o) => {
        const x = doc.functionalLines.byId[o];
        return x !== undefined && x.unitId === l.unitId && x.fund === l.fund;
      };
    }
    case 'transferLine': {
      const l = doc.transferLines.byId[t.id]!;
      return (o) => doc.transferLines.byId[o]?.unitId === l.unitId;
    }
    case 'procurementItem': {
      const l = doc.procurementItems.byId[t.id]!;
      return (o) => {
        const x = doc.procurementItems.byId[o];
        return x !== undefined && x.unitId === l.unitId && x.code[0] === l.code[0];
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

function lastOf<T extends { id: string }>(c: Collection<T>, pred: (item: T) => boolean): string | null {
  for (let i = c.order.length - 1; i >= 0; i--) {
    const item = c.byId[c.order[i]!]!;
    if (pred(item)) return item.id;
  }
  return null;
}

/** Insert keeping the codes of the peer rows ascending: before the first peer with a larger code. */
function insertByCode<T extends { id: string; code: string }>(c: Collection<T>, id: string, code: string, peer: (item: T) => boolean): void {
  const order = c.order;
  let lastPeer = -1;
  for (let i = 0; i < order.length; i++) {
    const oid = order[i]!;
    if (oid === id) continue;
    const item = c.byId[oid]!;
    if (!peer(item)) continue;
    if (item.code > code) {
      order.splice(i, 0, id);
      return;
    }
    lastPeer = i;
  }
  if (lastPeer >= 0) order.splice(lastPeer + 1, 0, id);
  else order.push(id);
}
