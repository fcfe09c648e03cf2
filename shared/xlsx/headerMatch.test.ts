/**
 * Columns are recognised by header text, whatever the typography: spaces, line breaks, full- and
 * half-width brackets and punctuation, "2020年"/"2020 年" prefixes and another year; merged or not.
 */
import { describe, expect, it } from 'vitest';
import { getCatalogue, tableDef } from '../catalogue';
import { headerKey, matchHeader, recogniseSheet, tableOfSheetName, yearsIn } from './headerMatch';
import { MergeIndex, SheetRow } from './read/parsedSheet';
import { parseRef } from './read/sheetPart';
import { NO_STYLES } from './read/stylesPart';
import { SheetView } from './sheetView';

const catalogue = getCatalogue('shenzhen-2020');

function view(rows: (string | null)[][], merges: string[] = [], name = 'Sheet1'): SheetView {
  const cells = new Map<number, SheetRow>();
  let colCount = 0;
  rows.forEach((r, i) => {
    const row = new SheetRow();
    r.forEach((v, j) => {
      if (v === null) return;
      row.set(j + 1, v, 0);
      colCount = Math.max(colCount, j + 1);
    });
    if (row.size) cells.set(i + 1, row);
  });
  const ranges = merges.map((m) => {
    const [a, b] = m.split(':').map((x) => parseRef(x)!);
    colCount = Math.max(colCount, b![1]);
    return { top: a![0], left: a![1], bottom: b![0], right: b![1] };
  });
  return new SheetView({ name, state: 'visible', rows: cells, rowCount: rows.length, colCount, merges: new MergeIndex(ranges), styles: NO_STYLES });
}

describe('headerKey', () => {
  it('ignores spaces, line breaks, bracket widths, quotes, punctuation and the year', () => {
    expect(headerKey('2020 年预算数')).toBe(headerKey('2020年预算数'));
    expect(headerKey('2021年预算数')).toBe(headerKey('2020年预算数'));
    expect(headerKey('收 入\n总 计')).toBe('收入总计');
    expect(headerKey('因公出国（境）费')).toBe(headerKey('因公出国(境)费'));
    expect(headerKey('“三公”经费财政拨款预算总额')).toBe(headerKey('"三公"经费财政拨款预算总额'));
    expect(headerKey('其中：')).toBe(headerKey('其中:'));
    expect(headerKey('2020 年 政府采购项 目')).toBe(headerKey('{year}年政府采购项目'.replace('{year}', '2020')));
    // The word 年度 stays (表12's 年度 column), only years are removed.
    expect(headerKey('年度')).toBe('年度');
    expect(headerKey('待支付以前年度政府采购项目')).toContain('以前年度');
  });

  it('reads years and table numbers', () => {
    expect(yearsIn('(2020 年)')).toEqual([2020]);
    expect(yearsIn('2021年预算数')).toEqual([2021]);
    expect(tableOfSheetName('表 15－3')).toEqual({ number: 15, form: 3 });
    expect(tableOfSheetName('附表4')).toEqual({ number: 4 });
    expect(tableOfSheetName('Sheet1')).toBeNull();
  });
});

describe('matchHeader', () => {
  const t3 = tableDef(catalogue, 'T3');
  const t12 = tableDef(catalogue, 'T12');

  it('maps 表3 columns from a merged header with spaces, line breaks and another year', () => {
    const sheet = view(
      [
        ['部门支出预算总表'],
        ['单位：万元'],
        ['预算单位', '支出\n总计', '基本 支出', '项目支出', '其中：', null, null, null],
        [null, null, null, null, '2031 年政府采购项目', '2031年面向中小企业政府采购项目', '2031年面向小型、微型企业\n政府采购项目', '待支付以前年度政府采购项目'],
        ['市测试局', '10'],
      ],
      ['A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:H3'],
    );
    const m = matchHeader(sheet, t3, 2020)!;
    expect(m).not.toBeNull();
    expect([m.top, m.bottom]).toEqual([3, 4]);
    expect([...m.columns.entries()]).toEqual([
      [1, 'unit'],
      [2, 'total'],
      [3, 'basic'],
      [4, 'project'],
      [5, 'procurement'],
      [6, 'smeReserved'],
      [7, 'microReserved'],
      [8, 'priorYearProcurementPayable'],
    ]);
    expect(m.missing).toEqual([]);
  });

  it('keeps the whole header when a foreign 备注 column is merged down over it (or repeated in every header row)', () => {
    for (const merged of [true, false]) {
      const sheet = view(
        [
          ['预算单位', '支出\n总计', '基本 支出', '项目支出', '其中：', null, null, null, '备注'],
          [null, null, null, null, '2031 年政府采购项目', '2031年面向中小企业政府采购项目', '2031年面向小型、微型企业\n政府采购项目', '待支付以前年度政府采购项目', merged ? null : '备注'],
          ['市测试局', '10', null, null, null, null, null, null, '说明'],
        ],
        ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:H1', ...(merged ? ['I1:I2'] : [])],
      );
      const m = matchHeader(sheet, t3, 2020)!;
      expect([m.top, m.bottom]).toEqual([1, 2]);
      expect(m.missing).toEqual([]);
      expect(m.unknown).toEqual([{ col: 9, text: '备注' }]);
    }
  });

  it('finds a header printed with its lowest row only (表1: 项目 | 预算数 | 项目 | 预算数), the columns in order', () => {
    const sheet = view([
      ['表1'],
      ['部门收支预算总表'],
      ['单位名称：深圳市信访局', null, null, '单位：万元'],
      ['项目', '2020年预算数', '项目', '2020年预算数'],
      ['一、财政预算拨款', '3380', '一、一般公共服务支出', '2547'],
    ]);
    const m = matchHeader(sheet, tableDef(catalogue, 'T1'), 2020)!;
    expect([m.top, m.bottom]).toEqual([4, 4]);
    expect([...m.columns]).toEqual([[1, 'inLabel'], [2, 'inAmount'], [3, 'outLabel'], [4, 'outAmount']]);
    expect(m.missing).toEqual([]);
  });

  it('keeps the whole header when a foreign 备注 is written at its bottom row, and ends it at the first row with numbers', () => {
    const sheet = view([
      ['预算单位', '支出\n总计', '基本 支出', '项目支出', '其中：', null, null, null, null],
      [null, null, null, null, '2031 年政府采购项目', '2031年面向中小企业政府采购项目', '2031年面向小型、微型企业\n政府采购项目', '待支付以前年度政府采购项目', '备注'],
      ['市测试局', '10', '10', null, null, null, null, null, '说明'],
    ]);
    const m = matchHeader(sheet, t3, 2020)!;
    expect([m.top, m.bottom]).toEqual([1, 2]);
    expect(m.missing).toEqual([]);
    expect(m.unknown).toEqual([{ col: 9, text: '备注' }]);
  });

  it('tells apart the two 小计 of 公务用车 and fills unmerged group texts to the right', () => {
    const sheet = view([
      ['预算单位', '年度', '“三公”经费财政拨款预算总额', '因公出国（境）费', '公务接待费', '公务用车购置及运行维护费'],
      [null, null, null, null, null, '小计', '公务用车购置费', '公务用车运行维护费'],
      ['市测试局', '2020年', '18'],
    ]);
    const m = matchHeader(sheet, t12, 2020)!;
    expect(m.columns.get(4)).toBe('officialTravelAbroad');
    expect(m.columns.get(6)).toBe('vehicleSubtotal');
    expect(m.columns.get(8)).toBe('vehicleOperation');
    expect(m.missing).toEqual([]);
  });

  it('reports missing and foreign columns, and no header at all', () => {
    const sheet = view([
      ['预算单位', '支出总计', '基本支出', '备注'],
      ['市测试局', '1', '1', 'x'],
    ]);
    const m = matchHeader(sheet, t3, 2020)!;
    expect(m.missing.map((c) => c.key)).toEqual(['project', 'procurement', 'smeReserved', 'microReserved', 'priorYearProcurementPayable']);
    expect(m.unknown).toEqual([{ col: 4, text: '备注' }]);
    expect(matchHeader(view([['随便'], ['市测试局', '1']]), t3, 2020)).toBeNull();
  });
});

describe('recogniseSheet', () => {
  it('prefers the title text to the sheet name, and knows 政府采购项目支出预算表 is not 项目支出预算表', () => {
    expect(recogniseSheet(view([['表11'], ['政府采购项目支出预算表']], [], '表5'), catalogue)?.def.id).toBe('T11');
    expect(recogniseSheet(view([['2021年项目支出预算表']], [], 'Sheet3'), catalogue)?.def.id).toBe('T5');
    expect(recogniseSheet(view([['表 15-2 项目支出绩效目标表']], [], 'X'), catalogue)).toMatchObject({ form: 2 });
    expect(recogniseSheet(view([['hello']], [], '表9'), catalogue)).toMatchObject({ by: 'name' });
    expect(recogniseSheet(view([['hello']], [], 'notes'), catalogue)).toBeNull();
  });
});
