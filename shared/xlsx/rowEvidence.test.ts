import { describe, expect, it } from 'vitest';
import { numbering, partitionProjects, totalsKind, type EvidenceRow } from './rowEvidence';

const W = 1_000_000; // 1 万元 in 分

function row(total: number, hints: Partial<EvidenceRow> = {}): EvidenceRow {
  return { indent: 0, bold: false, numberingDepth: null, knownProject: false, key: String(Math.random()), amounts: { total: total * W, generalFunding: total * W }, ...hints };
}

describe('totals rows', () => {
  it('合计/总计/部门合计 are the department, 小计 a unit, whatever the spacing; items are not totals', () => {
    expect(['合计', '合 计', '总计', '部门合计', ' 合计： '].map(totalsKind)).toEqual(['all', 'all', 'all', 'all', 'all']);
    expect(totalsKind('小计')).toBe('unit');
    expect(totalsKind('小 计')).toBe('unit');
    expect(totalsKind('合计费用')).toBeNull();
    expect(totalsKind('本年支出合计项目')).toBeNull();
    expect(totalsKind(undefined)).toBeNull();
  });
});

describe('numbering', () => {
  it('knows 一、（一）1. 1、（1）① and keeps the name', () => {
    expect(numbering('一、信访大厅运行')).toEqual({ depth: 0, rest: '信访大厅运行' });
    expect(numbering('（二）物业管理')).toEqual({ depth: 1, rest: '物业管理' });
    expect(numbering('3. 信息管理')).toEqual({ depth: 2, rest: '信息管理' });
    expect(numbering('12、网络租赁')).toEqual({ depth: 2, rest: '网络租赁' });
    expect(numbering('(1)系统运维')).toEqual({ depth: 3, rest: '系统运维' });
    expect(numbering('①保安')).toEqual({ depth: 4, rest: '保安' });
  });

  it('leaves names that only start with a number or a decimal alone', () => {
    expect(numbering('12345 公开电话')).toEqual({ depth: null, rest: '12345 公开电话' });
    expect(numbering('1.5 期工程')).toEqual({ depth: null, rest: '1.5 期工程' });
    expect(numbering('一、')).toEqual({ depth: null, rest: '一、' });
  });
});

describe('projects and sub-items from the printed arithmetic', () => {
  it('without any layout hint, finds the projects whose amounts their sub-items add up to', () => {
    // 信访大厅运行 482 = 50 + 129 + 116 + 187; 信访专项 387 = 189 + 100 + 98; 待支付 252 = 252.
    const rows = [482, 50, 129, 116, 187, 387, 189, 100, 98, 252, 252].map((v) => row(v));
    expect(partitionProjects(rows, W)).toEqual([true, false, false, false, false, true, false, false, false, true, false]);
  });

  it('accepts 尾差 of half a printed unit per sub-item', () => {
    // 10 printed for 3.4 + 3.3 + 3.3 printed as 3 + 3 + 3 (0 decimals): 1 off, within 3 × 0.5.
    const rows = [row(10), row(3), row(3), row(3), row(7), row(7)];
    expect(partitionProjects(rows, W)).toEqual([true, false, false, false, true, false]);
  });

  it('prefers the arithmetic over an indentation that contradicts it', () => {
    // Only one sub-item is indented; read by indentation, three projects would have no sub-items.
    const rows = [row(30), row(10), row(20), row(5, { indent: 1 }), row(5)];
    expect(partitionProjects(rows, W)).toEqual([true, false, false, true, false]);
  });

  it('lets the layout decide where the arithmetic cannot (a misprinted project total)', () => {
    // The second project prints 99 for 40 + 50; indentation says it is a project all the same.
    const rows = [row(30, { indent: 0 }), row(10, { indent: 1 }), row(20, { indent: 1 }), row(99, { indent: 0 }), row(40, { indent: 1 }), row(50, { indent: 1 })];
    expect(partitionProjects(rows, W)).toEqual([true, false, false, true, false, false]);
  });

  it('uses the project names other tables list, and bold, when nothing else tells', () => {
    // Every row 10: arithmetic alone cannot tell which rows are projects.
    const named = [row(10, { knownProject: true }), row(10), row(10, { knownProject: true }), row(10)];
    expect(partitionProjects(named, W)).toEqual([true, false, true, false]);
    const bold = [row(10, { bold: true }), row(10), row(10, { bold: true }), row(10)];
    expect(partitionProjects(bold, W)).toEqual([true, false, true, false]);
  });

  it('lets a sub-item carry its project’s name (待支付以前年度采购项目 under itself)', () => {
    const rows = [row(252, { knownProject: true, key: 'a' }), row(252, { knownProject: true, key: 'a' }), row(100, { knownProject: true, key: 'b' }), row(100, { key: 'c' })];
    expect(partitionProjects(rows, W)).toEqual([true, false, true, false]);
  });

  it('numbering: the shallowest numbered rows are the projects', () => {
    const rows = [row(10, { numberingDepth: 2 }), row(10, { numberingDepth: 3 }), row(10, { numberingDepth: 2 }), row(10, { numberingDepth: 3 })];
    expect(partitionProjects(rows, W)).toEqual([true, false, true, false]);
  });
});
