/**
 * Form projections of 表14 (部门整体支出绩效目标表) and 表15-N (项目支出绩效目标表): the fields of
 * each form as data (texts and amount cell keys), rendered by the CLI, the editor and the exporter.
 */
import { cellKey, rowKeys as R } from '../model/cellKey';
import { FUND_USES, FUND_USE_LABELS, PROJECT_TYPES, PROJECT_TYPE_LABELS, type DepartmentBudget, type Indicator, type Project } from '../model/document';
import { buildStructure, type BudgetStructure } from '../compute/structure';

export interface FormTask {
  rowKey: string;
  name: string;
  content: string;
  totalKey: string;
  fiscalKey: string;
  otherKey: string;
}

export interface OverallPerformanceForm {
  label: '表14';
  title: string;
  yearLine: string;
  departmentName: string;
  competentDepartment: string;
  total: FormTask;
  tasks: FormTask[];
  overallGoal: string;
  indicators: Indicator[];
}

export function projectOverallForm(doc: DepartmentBudget, structure: BudgetStructure = buildStructure(doc)): OverallPerformanceForm {
  const task = (rowKey: string, name: string, content: string): FormTask => ({
    rowKey,
    name,
    content,
    totalKey: cellKey('T14', rowKey, 'total'),
    fiscalKey: cellKey('T14', rowKey, 'fiscal'),
    otherKey: cellKey('T14', rowKey, 'other'),
  });
  return {
    label: '表14',
    title: '部门（单位）整体支出绩效目标表',
    yearLine: `(${doc.department.fiscalYear}年)`,
    departmentName: doc.department.name,
    competentDepartment: doc.department.competentDepartment,
    total: task('total', '合计', ''),
    tasks: [
      task('basic', '基本支出事项', doc.performance.basicTaskContent),
      ...structure.projects.map((p) => task(R.project(p.id), p.tableNames.table14 ?? p.name, p.texts.task)),
    ],
    overallGoal: doc.performance.overallGoal,
    indicators: doc.performance.indicators,
  };
}

export interface ProjectPerformanceForm {
  /** 表15-N, numbered in project order from 1. */
  label: string;
  sheetName: string;
  projectId: string;
  title: string;
  yearLine: string;
  implementingUnit: string;
  competentUnit: string;
  projectName: string;
  /** 项目类型 / 资金用途 check-box lines as printed: 一般性项目支出√ 专项性项目支出□ … */
  typeLine: string;
  fundUseLine: string;
  startDate: string;
  endDate: string;
  totalAmountKey: string;
  currentYearKey: string;
  fiscalKey: string;
  otherKey: string;
  assetPurchaseKey: string;
  assetPurchaseItems: string;
  overview: string;
  usage: string;
  midTermGoal: string;
  annualGoal: string;
  indicators: Indicator[];
}

export function checkboxLine<T extends string>(all: readonly T[], labels: Record<T, string>, checked: readonly T[]): string {
  return all.map((v) => `${labels[v]}${checked.includes(v) ? '√' : '□'}`).join(' ');
}

export function projectProjectForms(doc: DepartmentBudget, structure: BudgetStructure = buildStructure(doc)): ProjectPerformanceForm[] {
  return structure.projects.map((p: Project, i) => {
    const row = R.project(p.id);
    const key = (c: string) => cellKey('T15', row, c);
    return {
      label: `表15-${i + 1}`,
      sheetName: `表15-${i + 1}`,
      projectId: p.id,
      title: '项目支出绩效目标表',
      yearLine: `(${doc.department.fiscalYear}年)`,
      implementingUnit: doc.department.name,
      competentUnit: doc.department.competentDepartment,
      projectName: p.tableNames.table15 ?? p.name,
      typeLine: checkboxLine(PROJECT_TYPES, PROJECT_TYPE_LABELS, [p.type]),
      fundUseLine: checkboxLine(FUND_USES, FUND_USE_LABELS, p.fundUses),
      startDate: p.startDate ?? '',
      endDate: p.endDate ?? '',
      totalAmountKey: key('totalAmount'),
      currentYearKey: key('currentYear'),
      fiscalKey: key('fiscal'),
      otherKey: key('other'),
      assetPurchaseKey: key('assetPurchase'),
      assetPurchaseItems: p.assetPurchaseItems,
      overview: p.texts.overview,
      usage: p.texts.usage,
      midTermGoal: p.texts.midTermGoal,
      annualGoal: p.texts.annualGoal,
      indicators: p.indicators,
    };
  });
}
