/**
 * Label and form commands: names, 表14/表15 texts and choices, indicator grids, table notes and
 * accepted warnings. None changes the shape of the cell graph (effect `labels`).
 */
import { FUND_USES, PROJECT_TYPES, type DepartmentBudget, type FundUse, type Indicator, type ProjectType } from '../model/document';
import { edit, refuse, type EditOutcome } from './edit';

const LABELS = { kind: 'labels' } as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type ProjectTextField = 'task' | 'overview' | 'usage' | 'midTermGoal' | 'annualGoal';
export const PROJECT_TEXT_LABELS: Record<ProjectTextField, string> = {
  task: '主要内容',
  overview: '项目概况',
  usage: '项目用途',
  midTermGoal: '项目总（中期）目标',
  annualGoal: '年度绩效目标',
};

export interface ProjectFields {
  name?: string;
  /** Names printed in other tables; '' removes the override. */
  table13Name?: string;
  table14Name?: string;
  table15Name?: string;
  type?: ProjectType;
  fundUses?: FundUse[];
  startDate?: string | null;
  endDate?: string | null;
  performanceManaged?: boolean;
  assetPurchaseItems?: string;
  texts?: Partial<Record<ProjectTextField, string>>;
}

export function setProjectFields(doc: DepartmentBudget, projectId: string, fields: ProjectFields): EditOutcome {
  const p = doc.projects.byId[projectId];
  if (!p) return refuse('项目不存在');
  if (fields.name !== undefined && !fields.name.trim()) return refuse('项目名称不能为空');
  if (fields.type !== undefined && !PROJECT_TYPES.includes(fields.type)) return refuse('项目类型无效');
  if (fields.fundUses?.some((u) => !FUND_USES.includes(u))) return refuse('资金用途无效');
  for (const d of [fields.startDate, fields.endDate]) {
    if (d !== undefined && d !== null && !(ISO_DATE.test(d) && !Number.isNaN(Date.parse(d)))) return refuse(`日期“${d}”无效，应为 年-月-日（如 2020-01-01）`);
  }
  return edit(doc, `修改项目“${p.name}”`, LABELS, (d) => {
    const dp = d.projects.byId[projectId]!;
    if (fields.name !== undefined) dp.name = fields.name.trim();
    for (const [field, key] of [
      ['table13Name', 'table13'],
      ['table14Name', 'table14'],
      ['table15Name', 'table15'],
    ] as const) {
      const v = fields[field];
      if (v === undefined) continue;
      if (v.trim() === '' || v.trim() === dp.name) delete dp.tableNames[key];
      else dp.tableNames[key] = v.trim();
    }
    if (fields.type !== undefined) dp.type = fields.type;
    if (fields.fundUses !== undefined) {
      const uses = FUND_USES.filter((u) => fields.fundUses!.includes(u));
      if (uses.join() !== dp.fundUses.join()) dp.fundUses = uses;
    }
    if (fields.startDate !== undefined) dp.startDate = fields.startDate;
    if (fields.endDate !== undefined) dp.endDate = fields.endDate;
    if (fields.performanceManaged !== undefined) dp.performanceManaged = fields.performanceManaged;
    if (fields.assetPurchaseItems !== undefined) dp.assetPurchaseItems = fields.assetPurchaseItems;
    for (const [k, v] of Object.entries(fields.texts ?? {}) as [ProjectTextField, string][]) dp.texts[k] = v;
  });
}

export function renameSubItem(doc: DepartmentBudget, subItemId: string, name: string): EditOutcome {
  if (!doc.subItems.byId[subItemId]) return refuse('二级项目不存在');
  if (!name.trim()) return refuse('二级项目名称不能为空');
  return edit(doc, `重命名二级项目为“${name.trim()}”`, LABELS, (d) => {
    d.subItems.byId[subItemId]!.name = name.trim();
  });
}

export interface DepartmentFields {
  name?: string;
  shortName?: string;
  competentDepartment?: string;
  displayUnit?: 'wan' | 'yuan';
}

export function setDepartmentFields(doc: DepartmentBudget, fields: DepartmentFields): EditOutcome {
  if (fields.name !== undefined && !fields.name.trim()) return refuse('单位名称不能为空');
  if (fields.shortName !== undefined && !fields.shortName.trim()) return refuse('部门简称不能为空');
  return edit(doc, '修改部门信息', LABELS, (d) => {
    if (fields.name !== undefined) d.department.name = fields.name.trim();
    if (fields.shortName !== undefined) d.department.shortName = fields.shortName.trim();
    if (fields.competentDepartment !== undefined) d.department.competentDepartment = fields.competentDepartment;
    if (fields.displayUnit !== undefined) d.department.displayUnit = fields.displayUnit;
  });
}

export function setPerformanceTexts(doc: DepartmentBudget, fields: { overallGoal?: string; basicTaskContent?: string }): EditOutcome {
  return edit(doc, '修改整体绩效目标', LABELS, (d) => {
    if (fields.overallGoal !== undefined) d.performance.overallGoal = fields.overallGoal;
    if (fields.basicTaskContent !== undefined) d.performance.basicTaskContent = fields.basicTaskContent;
  });
}

// ---------------------------------------------------------------------------------------------
// Indicator grids (表14 年度绩效指标; 表15 绩效目标)
// ---------------------------------------------------------------------------------------------

/** `overall` (表14) or a project id (表15-N). */
export type IndicatorOwner = 'overall' | { projectId: string };

function indicatorsOf(doc: DepartmentBudget, owner: IndicatorOwner): Indicator[] | undefined {
  return owner === 'overall' ? doc.performance.indicators : doc.projects.byId[owner.projectId]?.indicators;
}

function draftIndicators(d: DepartmentBudget, owner: IndicatorOwner): Indicator[] {
  return owner === 'overall' ? d.performance.indicators : d.projects.byId[owner.projectId]!.indicators;
}

export type IndicatorField = 'level1' | 'level2' | 'name' | 'value' | 'source';

export function addIndicator(doc: DepartmentBudget, owner: IndicatorOwner, init: Partial<Omit<Indicator, 'id'>> = {}, afterIndex?: number): EditOutcome & { id?: string } {
  const list = indicatorsOf(doc, owner);
  if (!list) return refuse('项目不存在');
  const taken = new Set(list.map((i) => i.id));
  let n = list.length + 1;
  while (taken.has(`i-${n}`)) n++;
  const id = `i-${n}`;
  const prev = afterIndex === undefined ? list[list.length - 1] : list[afterIndex];
  const row: Indicator = { id, level1: init.level1 ?? prev?.level1 ?? '', level2: init.level2 ?? prev?.level2 ?? '', name: init.name ?? '', value: init.value ?? '' };
  if (init.source !== undefined) row.source = init.source;
  const out = edit(doc, '添加绩效指标', LABELS, (d) => {
    const target = draftIndicators(d as DepartmentBudget, owner);
    if (afterIndex === undefined || afterIndex >= target.length) target.push(row);
    else target.splice(afterIndex + 1, 0, row);
  });
  return { ...out, id };
}

export function setIndicatorField(doc: DepartmentBudget, owner: IndicatorOwner, indicatorId: string, field: IndicatorField, value: string): EditOutcome {
  const list = indicatorsOf(doc, owner);
  const i = list?.findIndex((x) => x.id === indicatorId) ?? -1;
  if (!list || i < 0) return refuse('绩效指标不存在');
  return edit(doc, '修改绩效指标', LABELS, (d) => {
    const target = draftIndicators(d as DepartmentBudget, owner)[i]!;
    if (field === 'source' && value === '') delete target.source;
    else target[field] = value;
  });
}

export function removeIndicator(doc: DepartmentBudget, owner: IndicatorOwner, indicatorId: string): EditOutcome {
  const list = indicatorsOf(doc, owner);
  const i = list?.findIndex((x) => x.id === indicatorId) ?? -1;
  if (!list || i < 0) return refuse('绩效指标不存在');
  return edit(doc, '删除绩效指标', LABELS, (d) => {
    draftIndicators(d as DepartmentBudget, owner).splice(i, 1);
  });
}

export function moveIndicator(doc: DepartmentBudget, owner: IndicatorOwner, indicatorId: string, delta: -1 | 1): EditOutcome {
  const list = indicatorsOf(doc, owner);
  const i = list?.findIndex((x) => x.id === indicatorId) ?? -1;
  if (!list || i < 0) return refuse('绩效指标不存在');
  const j = i + delta;
  if (j < 0 || j >= list.length) return { ok: true, result: null };
  return edit(doc, '移动绩效指标', LABELS, (d) => {
    const target = draftIndicators(d as DepartmentBudget, owner);
    const [row] = target.splice(i, 1);
    target.splice(j, 0, row!);
  });
}

// ---------------------------------------------------------------------------------------------
// Accepted warnings (提示性 findings accepted with a reason)
// ---------------------------------------------------------------------------------------------

export function acceptWarning(doc: DepartmentBudget, findingId: string, reason: string, acceptedAt: string): EditOutcome {
  const r = reason.trim();
  if (!r) return refuse('请填写接受此提示的理由');
  if (r.length > 2000) return refuse('理由不能超过 2000 字');
  return edit(doc, '接受提示性审核结果', LABELS, (d) => {
    d.acceptedWarnings[findingId] = { reason: r, acceptedAt };
  });
}

export function revokeWarning(doc: DepartmentBudget, findingId: string): EditOutcome {
  if (!Object.hasOwn(doc.acceptedWarnings, findingId)) return { ok: true, result: null };
  return edit(doc, '撤销已接受的提示', LABELS, (d) => {
    delete d.acceptedWarnings[findingId];
  });
}
