/** Shared loaders for the Excel tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import { departmentBudgetSchema, type DepartmentBudget } from '../../shared/model/document';
import { smallBudgetInput } from '../fixtures/smallBudget';

export const SAMPLE_PATH = fileURLToPath(new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url));

export function loadSample(): DepartmentBudget {
  const r = parseBudgetFile(readFileSync(SAMPLE_PATH, 'utf8'), 'sample');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

export function smallBudget(): DepartmentBudget {
  return departmentBudgetSchema.parse(smallBudgetInput());
}

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))));
}
