import { describe, expect, it } from 'vitest';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { getCatalogue } from '../catalogue';
import { formatPeriod, projectTable } from './project';
import { nameLookupForYear } from './names';
import { projectOverallForm, projectProjectForms } from './forms';

const doc = smallBudget();
const cat = getCatalogue(doc.catalogueId);
const names = nameLookupForYear(doc.department.fiscalYear);
const labels = (t: ReturnType<typeof projectTable>, col: string) => t.rows.map((r) => r.cells[col]?.text ?? '');

describe('table projection', () => {
  it('lists 表4 as department, unit, 经济分类 类 and 款 rows with code-list names', () => {
    const t = projectTable(doc, cat, 'T4', names);
    expect(t.rows.map((r) => `${r.level}:${r.kind}:${r.cells.name?.text}`)).toEqual([
      '0:department:市测试局',
      '1:unit:市测试局本级',
      '2:category:工资福利支出',
      '3:line:基本工资',
      '3:line:津贴补贴',
      '2:category:商品和服务支出',
      '3:line:办公费',
      '1:unit:市测试中心',
      '2:category:工资福利支出',
      '3:line:基本工资',
    ]);
    expect(t.rows[3]!.cells.total?.key).toBe('T4|e:a1|total');
    expect(t.note).toBeNull();
  });

  it('lists 表5 projects with their sub-items', () => {
    const t = projectTable(doc, cat, 'T5', names);
    expect(labels(t, 'name')).toEqual(['市测试局', '市测试局本级', '信息化运维', '系统运维', '网络租赁', '基建尾款', '工程尾款', '市测试中心', '中心运行', '物业']);
  });

  it('pairs 表1 income and expenditure rows with aligned 合计 and 总计 rows', () => {
    const t = projectTable(doc, cat, 'T1', names);
    const subtotal = t.rows.find((r) => r.cells.inLabel?.text === '本年收入合计')!;
    expect(subtotal.cells.outLabel?.text).toBe('本年支出合计');
    expect(subtotal.cells.inAmount?.key).toBe('T1|in:currentYearIncome|amount');
    const last = t.rows[t.rows.length - 1]!;
    expect(last.cells.inLabel?.text).toBe('收 入 总 计');
    expect(last.cells.outAmount?.key).toBe('T1|out:expenditureTotal|amount');
    expect(labels(t, 'outLabel').slice(0, 4)).toEqual(['一、一般公共服务支出', '政府办公厅（室）及相关机构事务', '行政运行', '事业运行']);
  });

  it('shows only the fund of 表7/表8 and prints the empty-table note', () => {
    const t7 = projectTable(doc, cat, 'T7', names);
    expect(t7.rows.filter((r) => r.kind === 'line').map((r) => r.cells.code?.text)).toEqual(['2010301', '2010350']);
    const t8 = projectTable(doc, cat, 'T8', names);
    expect(t8.rows.filter((r) => r.kind === 'line')).toHaveLength(0);
    expect(t8.note).toBe('注：本部门无政府性基金预算支出。');
    expect(projectTable(doc, cat, 'T11', names).note).toContain('2021年当年政府采购项目');
  });

  it('gives 表12 two rows per unit, labelled with last year and this year', () => {
    const t = projectTable(doc, cat, 'T12', names);
    expect(t.rows.map((r) => `${r.cells.unit?.text}|${r.cells.year?.text}`)).toEqual(['市测试局|2020年', '|2021年', '市测试局本级|2020年', '|2021年', '市测试中心|2020年', '|2021年']);
  });

  it('prints 表13 execution periods as the reference does', () => {
    expect(formatPeriod('2020-01-01', '2020-12-31')).toBe('2020.1.1-2020.12.31');
    const t = projectTable(doc, cat, 'T13', names);
    expect(t.rows[0]!.cells.period?.text).toBe('2021.1.1-2021.12.31');
  });

  it('projects the 表14 form and one 表15 per project', () => {
    const f = projectOverallForm(doc);
    expect(f.tasks.map((t) => t.name)).toEqual(['基本支出事项', '信息化运维', '基建尾款', '中心运行']);
    const forms = projectProjectForms(doc);
    expect(forms.map((x) => x.sheetName)).toEqual(['表15-1', '表15-2', '表15-3']);
    expect(forms[1]!.typeLine).toBe('一般性项目支出□ 专项性项目支出□ 政府投资项目支出√ 政府性基金项目支出□');
  });

  it('lists 辅助表 (T0): per unit, the functional lines of 财政专户管理资金 and 非财政拨款资金, as inputs', async () => {
    const { addFunctionalLine } = await import('../edit');
    const { graphOf } = await import('../compute/inputCells');
    const { NodeKind } = await import('../compute/graph');
    let d = smallBudget();
    for (const [unitId, fund] of [['b', 'nonFiscal'], ['a', 'specialAccountFunding']] as const) {
      const out = addFunctionalLine(d, { unitId, code: '2010301', fund });
      if (!out.ok || !out.result) throw new Error(out.ok ? 'no-op' : out.message);
      d = out.result.doc;
    }
    const t = projectTable(d, cat, 'T0', names);
    expect(t.label).toBe('辅助表');
    expect(t.rows.map((r) => `${r.level}:${r.kind}:${r.cells.unit?.text ?? ''}${r.cells.name?.text ?? ''}:${r.cells.fundName?.text ?? ''}`)).toEqual([
      '0:department:市测试局:',
      '1:unit:市测试局本级:',
      '2:line:行政运行:财政专户管理资金',
      '1:unit:市测试中心:',
      '2:line:行政运行:非财政拨款资金',
      '2:line:事业运行:非财政拨款资金', // the fixture's own line (fb2), which no official table lists
    ]);
    const { graph } = graphOf(d);
    const line = t.rows[2]!;
    for (const col of ['basic', 'project']) expect(graph.kind[graph.idOf(line.cells[col]!.key!)!]).toBe(NodeKind.Input);
    expect(graph.kind[graph.idOf(line.cells.total!.key!)!]).toBe(NodeKind.Sum);
    // 表7 shows the general public budget only: its rows are unchanged.
    expect(projectTable(d, cat, 'T7', names).rows.map((r) => r.id)).toEqual(projectTable(doc, cat, 'T7', names).rows.map((r) => r.id));
  });
});
