/** A project with nothing filled in yet: the one shape both the editor's 添加项目 and the import start from. */
import type { Project } from './document';

export function newProject(id: string, unitId: string, name: string, fields: Partial<Pick<Project, 'type' | 'startDate' | 'endDate'>> = {}): Project {
  return {
    id,
    unitId,
    name,
    tableNames: {},
    type: fields.type ?? 'general',
    fundUses: [],
    startDate: fields.startDate ?? null,
    endDate: fields.endDate ?? null,
    performanceManaged: true,
    totalAmount: null,
    assetPurchaseAmount: null,
    assetPurchaseItems: '',
    texts: { task: '', overview: '', usage: '', midTermGoal: '', annualGoal: '' },
    indicators: [],
  };
}
