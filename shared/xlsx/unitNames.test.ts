/** Units found by any form of their printed name while a workbook is assembled (ImportContext). */
import { describe, expect, it } from 'vitest';
import { getCodeLists } from '../codes/registry';
import { emptyDocument } from '../model/emptyDocument';
import { IdPool, ImportContext } from './importContext';
import { cachedCodeLists } from './norm';
import { emptyImportReport } from './report';

function context(): ImportContext {
  const doc = emptyDocument({ name: '深圳市信访局', shortName: '', competentDepartment: '', fiscalYear: 2020, displayUnit: 'wan' }, 'shenzhen-2020');
  const ctx = new ImportContext(doc, cachedCodeLists(getCodeLists(2020)), new IdPool(null), null, emptyImportReport(), 2020);
  ctx.deptShortName = '市信访局';
  return ctx;
}

describe('unit names in every form', () => {
  it('a unit printed in full is called like the department (市X) and keeps its full name', () => {
    const ctx = context();
    const u = ctx.addUnit('深圳市信访局信息中心');
    expect(u).toMatchObject({ name: '市信访局信息中心', fullName: '深圳市信访局信息中心', kind: 'subordinateUnit' });
    expect(ctx.addUnit('市信访局信息中心')).toBe(u);
  });

  it('finds a unit as 深圳市X, 市X, X (without the city or 市) and by its own part', () => {
    const ctx = context();
    const office = ctx.addUnit('市信访局本级');
    const centre = ctx.addUnit('市信访局接待中心');
    for (const name of ['市信访局本级', '深圳市信访局本级', '信访局本级', ' 市信访局本级 ']) expect(ctx.unitByName(name), name).toBe(office);
    for (const name of ['深圳市信访局接待中心', '信访局接待中心', '接待中心']) expect(ctx.unitByName(name), name).toBe(centre);
    expect(ctx.unitByName('市信访局信息中心')).toBeUndefined();
    expect(ctx.unitByName('合计')).toBeUndefined();
  });

  it('does not take a unit of another department for one of this department', () => {
    const ctx = context();
    ctx.addUnit('市信访局接待中心');
    expect(ctx.unitByName('区信访局接待中心')).toBeUndefined();
    expect(ctx.unitByName('深圳市民政局接待中心')).toBeUndefined();
  });
});
