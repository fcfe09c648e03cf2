import { describe, expect, it } from 'vitest';
import { columnsOf, getCatalogue, headerGrid, tableDef } from '.';

const cat = getCatalogue('shenzhen-2020');

describe('table catalogue', () => {
  it('has the 14 tables and the 表15 form with the reference titles', () => {
    expect(cat.tables.map((t) => `表${t.number} ${t.title}`)).toEqual([
      '表1 部门收支预算总表',
      '表2 部门收入预算总表',
      '表3 部门支出预算总表',
      '表4 基本支出预算表',
      '表5 项目支出预算表',
      '表6 财政拨款收支总体情况表',
      '表7 一般公共预算支出情况表',
      '表8 政府性基金预算支出情况表',
      '表9 国有资本经营预算支出情况表',
      '表10 上级专项转移支付支出预算表',
      '表11 政府采购项目支出预算表',
      '表12 “三公”经费财政拨款预算情况表',
      '表13 部门预算绩效管理项目情况表',
      '表14 部门（单位）整体支出绩效目标表',
      '表15 项目支出绩效目标表',
    ]);
  });

  it('lays out 表2 with 16 leaf columns under a four-level merged header', () => {
    const t2 = tableDef(cat, 'T2');
    const cols = columnsOf(t2, 2020);
    expect(cols.map((c) => c.headerPath[c.headerPath.length - 1])).toEqual([
      '预算单位', '收入总计', '小计', '小计', '一般性经费拨款', '财政专项资金拨款', '政府投资项目拨款', '政府性基金预算拨款', '国有资本经营预算拨款', '财政专户拨款', '事业收入', '事业单位经营收入', '其他收入', '上级补助收入', '附属单位上缴收入', '用事业基金弥补收支差额', '上年结余、结转',
    ]);
    const grid = headerGrid(t2, 2020);
    expect(grid.rows).toHaveLength(4);
    expect(grid.rows[0]![2]).toBe('本年收入');
    // 本年收入 spans 财政预算拨款 (8 columns) and the three own-revenue columns
    expect(grid.merges).toContainEqual({ top: 0, left: 2, bottom: 0, right: 12 });
    // 预算单位 spans all four header rows
    expect(grid.merges).toContainEqual({ top: 0, left: 0, bottom: 3, right: 0 });
    expect(grid.rows[2]![3]).toBe('一般公共预算拨款');
  });

  it('puts the fiscal year into header texts', () => {
    const t3 = tableDef(cat, 'T3');
    const texts = columnsOf(t3, 2021).map((c) => c.headerPath.join('/'));
    expect(texts).toContain('其中：/2021年面向小型、微型企业政府采购项目');
    expect(columnsOf(tableDef(cat, 'T1'), 2021).map((c) => c.headerPath.join('/'))).toContain('收 入/2021年预算数');
  });
});
