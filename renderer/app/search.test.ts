import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getCatalogue } from '../../shared/catalogue';
import { buildStructure } from '../../shared/compute/structure';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import { nameLookupForYear } from '../../shared/tables/names';
import { searchDocument } from './search';
import { describeCell, isTextCell } from './cellNames';

const text = readFileSync(fileURLToPath(new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url)), 'utf8');
const parsed = parseBudgetFile(text, 'sample');
if (!parsed.ok) throw new Error(parsed.error.message);
const doc = parsed.doc;
const catalogue = getCatalogue(doc.catalogueId);
const names = nameLookupForYear(2020);
const structure = buildStructure(doc);

describe('searchDocument', () => {
  it('finds an economic line by its code although 表4 prints only the name', () => {
    const hits = searchDocument(doc, catalogue, names, structure, '30207');
    expect(hits).toContainEqual(expect.objectContaining({ view: 'T4', rowId: 'e:e-30207', colId: 'name' }));
    expect(hits.find((h) => h.view === 'T4')!.text).toContain('邮电费');
  });

  it('finds a project in every table that lists it, with the 表15 form', () => {
    const hits = searchDocument(doc, catalogue, names, structure, '信访专项');
    const views = new Set(hits.map((h) => h.view));
    expect(views).toEqual(new Set(['T5', 'T13', 'T14', 'T15:p-zhuanxiang']));
    expect(hits.find((h) => h.view === 'T15:p-zhuanxiang')!.tableLabel).toBe('表15-2');
  });

  it('finds a functional code on the expenditure side of 表1 and in 表7', () => {
    const hits = searchDocument(doc, catalogue, names, structure, '2010308');
    expect(hits.some((h) => h.view === 'T1' && h.colId === 'outLabel')).toBe(true);
    expect(hits.some((h) => h.view === 'T7' && h.colId === 'code')).toBe(true);
  });

  it('finds nothing for an empty or unknown query', () => {
    expect(searchDocument(doc, catalogue, names, structure, '  ')).toEqual([]);
    expect(searchDocument(doc, catalogue, names, structure, '不存在的名称')).toEqual([]);
  });
});

describe('describeCell', () => {
  it('names table, row and column as the clerk reads them', () => {
    expect(describeCell(doc, catalogue, names, { table: 'T4', row: 'e:e-30101', column: 'generalFunding' })).toBe('表4 · 市信访局本级 30101 基本工资 · 财政预算拨款/一般公共预算拨款/一般性经费拨款');
    expect(describeCell(doc, catalogue, names, { table: 'T15', row: 'p:p-zhuanxiang', column: 'totalAmount' })).toBe('表15-2 · 信访专项 · 项目总金额');
  });

  it('numbers the 表15 forms again when the project list changes', () => {
    const cell = { table: 'T15', row: 'p:p-zhuanxiang', column: 'totalAmount' };
    const others = doc.projects.order.filter((p) => p !== 'p-zhuanxiang');
    const first = { ...doc, projects: { ...doc.projects, order: ['p-zhuanxiang', ...others] } };
    expect(describeCell(first, catalogue, names, cell)).toBe('表15-1 · 信访专项 · 项目总金额');
    expect(describeCell(doc, catalogue, names, cell)).toBe('表15-2 · 信访专项 · 项目总金额');
    expect(describeCell(doc, catalogue, names, { table: 'T2', row: 'dept', column: 'incomeTotal' })).toBe('表2 · 市信访局 · 收入总计');
  });

  it('names text cells and rows that are gone in words, never by internal ids', () => {
    expect(describeCell(doc, catalogue, names, { table: 'T9', row: 'note', column: 'note' })).toBe('表9 · 表下注释');
    expect(describeCell(doc, catalogue, names, { table: 'T14', row: 'indicators', column: '效益指标' })).toBe('表14 · 绩效指标 · 效益指标');
    expect(describeCell(doc, catalogue, names, { table: 'T7', row: 'f:f-x', column: 'code' })).toBe('表7 · （已删除的行） · 科目编码');
    expect(describeCell(doc, catalogue, names, { table: 'T5', row: 'p:p-gone', column: 'total' })).not.toContain('p-gone');
    expect(isTextCell({ row: 'note', column: 'note' })).toBe(true);
    expect(isTextCell({ row: 'indicators', column: '产出指标' })).toBe(true);
    expect(isTextCell({ row: 'e:e-30101', column: 'generalFunding' })).toBe(false);
  });
});
