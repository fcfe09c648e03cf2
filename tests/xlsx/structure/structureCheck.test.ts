/**
 * The import's own structure check: printed totals against the detail the document was read with
 * (hand-counted on the small budget: 信息化运维 = 系统运维 300 + 网络租赁 140 = 440 元, 基建尾款 = 50,
 * 中心运行 = 100; 市测试局本级 490, 市测试中心 100, the department 590).
 */
import { describe, expect, it } from 'vitest';
import { rowKeys as R, tableRowKey } from '../../../shared/model/cellKey';
import { fen } from '../../../shared/money/fen';
import { PrintedLog } from '../../../shared/xlsx/importContext';
import { MergeIndex } from '../../../shared/xlsx/read/parsedSheet';
import { NO_STYLES } from '../../../shared/xlsx/read/stylesPart';
import { structureLines } from '../../../shared/xlsx/report';
import { SheetView } from '../../../shared/xlsx/sheetView';
import { checkDocumentStructure } from '../../../shared/xlsx/structureCheck';
import { smallBudget } from '../helpers';

const sheet = new SheetView({ name: '表5', state: 'visible', rows: new Map(), rowCount: 20, colCount: 17, merges: new MergeIndex([]), styles: NO_STYLES });

/** 表5 totals as printed (元), one row each from row 7 on: department, units, projects. */
function printedTable5(yuan: { dept: number; a: number; b: number; p1: number; p2: number; p3: number }): PrintedLog {
  const log = new PrintedLog();
  const rows: [string, number][] = [
    [R.dept, yuan.dept],
    [R.unit('a'), yuan.a],
    [R.project('p1'), yuan.p1],
    [R.project('p2'), yuan.p2],
    [R.unit('b'), yuan.b],
    [R.project('p3'), yuan.p3],
  ];
  rows.forEach(([row, v], i) => log.add(tableRowKey('T5', row), 'total', fen(v * 100), sheet, 7 + i, 2));
  return log;
}

const RIGHT = { dept: 590, a: 490, b: 100, p1: 440, p2: 50, p3: 100 };

describe('structure check of an import', () => {
  it('counts every printed total that its detail explains', () => {
    const c = checkDocumentStructure(smallBudget(), printedTable5(RIGHT));
    expect(c).toEqual({ agree: 6, roundingGaps: 0, differ: 0, warnings: [] });
    expect(structureLines(c)).toEqual(['结构核对：6 个合计与明细一致（其中 0 个尾差），0 个不一致']);
  });

  it('counts a total within 尾差 of its parts as agreeing, and as a rounding gap', () => {
    const doc = { ...smallBudget(), printedPrecisionFen: 100 }; // whole 元
    // 441 for 300 + 140 printed as whole 元: within 2 × 0.5 元.
    const c = checkDocumentStructure(doc, printedTable5({ ...RIGHT, p1: 441, a: 491, dept: 591 }));
    expect(c.differ).toBe(0);
    expect(c.agree).toBe(6);
    expect(c.roundingGaps).toBeGreaterThanOrEqual(1);
  });

  it('one misprinted total is the publisher’s: counted, no warning', () => {
    // 基建尾款 printed 60 for its 50; the unit (490) still adds up to 440 + 50.
    const c = checkDocumentStructure(smallBudget(), printedTable5({ ...RIGHT, p2: 60 }));
    expect(c.differ).toBe(1);
    expect(c.warnings).toEqual([]);
    expect(structureLines(c)[0]).toBe('结构核对：5 个合计与明细一致（其中 0 个尾差），1 个不一致');
  });

  it('totals printed blank over parts that are not are counted, but are no sign of a misread structure', () => {
    const log = new PrintedLog();
    [R.project('p1'), R.project('p2'), R.project('p3')].forEach((row, i) => log.add(tableRowKey('T5', row), 'total', null, sheet, 9 + i, 2));
    const c = checkDocumentStructure(smallBudget(), log);
    expect(c.differ).toBe(3);
    expect(c.warnings).toEqual([]);
  });

  it('disagreements piling up in one table are named as a possibly misread structure, with table and rows', () => {
    // As if sub-items had been read as projects: the projects' printed totals find no detail.
    const c = checkDocumentStructure(smallBudget(), printedTable5({ ...RIGHT, p1: 900, p2: 75, p3: 130 }));
    expect(c.differ).toBe(3);
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]!.message).toContain('表5（工作表“表5”）第 9、10、12 行');
    expect(structureLines(c)[1]).toMatch(/^警告：表5.*可能是表格结构没有读对/);
  });
});
