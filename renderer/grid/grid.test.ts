import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTsv, parseTsv, planPaste } from './clipboard';
import { planFillDown } from './fillDown';
import { extendsSelection, gridKeyAction } from './keyboard';
import { afterFocus, boundsOf, cellCount, clamp, contains, single, union } from './rangeSelection';
import { exactAmountText, formatAmount } from './amountText';
import { parseAmount } from '../../shared/money/parse';
import { MAX_AMOUNT_FEN } from '../../shared/money/fen';

describe('parseTsv / formatTsv', () => {
  it('reads an Excel block with CRLF rows and a trailing line break', () => {
    expect(parseTsv('1\t2\r\n3\t4\r\n')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseTsv('1,234\t\r\n\t5')).toEqual([
      ['1,234', ''],
      ['', '5'],
    ]);
  });

  it('reads quoted cells holding tabs, line breaks and quotes as Excel writes them', () => {
    const text = '"a\tb"\t"line1\nline2"\r\n"say ""hi"""\tx\r\n';
    expect(parseTsv(text)).toEqual([
      ['a\tb', 'line1\nline2'],
      ['say "hi"', 'x'],
    ]);
  });

  it('keeps a stray quote that does not wrap the whole cell', () => {
    expect(parseTsv('"12" 元\t3')).toEqual([['"12" 元', '3']]);
  });

  it('squares ragged rows and keeps an inner empty row', () => {
    expect(parseTsv('1\t2\n\n3')).toEqual([
      ['1', '2'],
      ['', ''],
      ['3', ''],
    ]);
    expect(parseTsv('')).toEqual([]);
  });

  it('round-trips any block', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\t', '\n', '\r\n', ' ', '元') });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 4 })),
        (rows) => {
          // A row of one empty cell is indistinguishable from a blank line; Excel has the same ambiguity.
          fc.pre(!rows.every((r) => r.every((c) => c === '')));
          expect(parseTsv(formatTsv(rows))).toEqual(rows);
        },
      ),
    );
  });
});

describe('planPaste', () => {
  const block = [
    ['1', '2'],
    ['3', '4'],
    ['5', '6'],
  ];
  it('places a block at the top-left of the selection', () => {
    const cells = planPaste(block, { top: 2, bottom: 2, left: 1, right: 1 }, 10, 10);
    expect(cells).toHaveLength(6);
    expect(cells[0]).toEqual({ row: 2, col: 1, text: '1' });
    expect(cells[5]).toEqual({ row: 4, col: 2, text: '6' });
  });
  it('fills a selection with one value and tiles a block that divides it', () => {
    expect(planPaste([['7']], { top: 0, bottom: 1, left: 0, right: 1 }, 10, 10).map((c) => c.text)).toEqual(['7', '7', '7', '7']);
    const tiled = planPaste(block, { top: 0, bottom: 5, left: 0, right: 1 }, 10, 10);
    expect(tiled).toHaveLength(12);
    expect(tiled[6]).toEqual({ row: 3, col: 0, text: '1' });
  });
  it('drops cells outside the table', () => {
    expect(planPaste(block, { top: 9, bottom: 9, left: 9, right: 9 }, 10, 10)).toEqual([{ row: 9, col: 9, text: '1' }]);
  });
});

describe('planFillDown', () => {
  it('copies the top row into the rows below', () => {
    expect(planFillDown({ top: 1, bottom: 3, left: 2, right: 3 })).toEqual([
      { row: 2, col: 2, fromRow: 1 },
      { row: 2, col: 3, fromRow: 1 },
      { row: 3, col: 2, fromRow: 1 },
      { row: 3, col: 3, fromRow: 1 },
    ]);
  });
  it('copies the row above into a single-row selection, and nothing at the top', () => {
    expect(planFillDown({ top: 4, bottom: 4, left: 1, right: 1 })).toEqual([{ row: 4, col: 1, fromRow: 3 }]);
    expect(planFillDown({ top: 0, bottom: 0, left: 1, right: 2 })).toEqual([]);
  });
});

describe('keyboard', () => {
  const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('maps Excel shortcuts', () => {
    expect(gridKeyAction(k('z', { ctrlKey: true }), false)).toBe('undo');
    expect(gridKeyAction(k('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(gridKeyAction(k('y', { ctrlKey: true }), false)).toBe('redo');
    expect(gridKeyAction(k('d', { ctrlKey: true }), false)).toBe('fillDown');
    expect(gridKeyAction(k('f', { metaKey: true }), false)).toBe('find');
    expect(gridKeyAction(k('Delete'), false)).toBe('clear');
    expect(gridKeyAction(k('x'), false)).toBeNull();
  });
  it('leaves keys to the cell editor while editing', () => {
    expect(gridKeyAction(k('z', { ctrlKey: true }), true)).toBeNull();
    expect(gridKeyAction(k('Delete'), true)).toBeNull();
  });
  it('extends the selection on shift-arrows and shift-click only', () => {
    expect(extendsSelection({ shiftKey: true, key: 'ArrowDown' })).toBe(true);
    expect(extendsSelection({ shiftKey: true })).toBe(true);
    expect(extendsSelection({ shiftKey: true, key: 'Tab' })).toBe(false);
    expect(extendsSelection({ shiftKey: false, key: 'ArrowDown' })).toBe(false);
  });
});

describe('rangeSelection', () => {
  it('keeps the anchor while extending and normalises bounds', () => {
    let r = single({ row: 5, col: 3 });
    r = afterFocus(r, { row: 2, col: 1 }, true);
    expect(boundsOf(r)).toEqual({ top: 2, bottom: 5, left: 1, right: 3 });
    expect(cellCount(boundsOf(r))).toBe(12);
    expect(contains(boundsOf(r), 4, 2)).toBe(true);
    expect(contains(boundsOf(r), 6, 2)).toBe(false);
    expect(afterFocus(r, { row: 7, col: 7 }, false)).toEqual(single({ row: 7, col: 7 }));
    expect(union({ top: 1, bottom: 2, left: 1, right: 1 }, { top: 0, bottom: 1, left: 3, right: 4 })).toEqual({ top: 0, bottom: 2, left: 1, right: 4 });
    expect(clamp(r, 3, 2)).toEqual({ anchor: { row: 2, col: 1 }, focus: { row: 2, col: 1 } });
    expect(clamp(r, 0, 2)).toBeNull();
  });
});

describe('amount text', () => {
  it('prints exactly for editing and copying, and parses back to the same 分', () => {
    expect(exactAmountText(12_345_678, 'wan')).toBe('12.345678');
    expect(exactAmountText(3_380_000_000, 'wan')).toBe('3380');
    expect(exactAmountText(-150, 'yuan')).toBe('-1.5');
    expect(exactAmountText(null, 'yuan')).toBe('');
    expect(formatAmount(3_380_250_000, 'wan', 0)).toBe('3,380');
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT_FEN, max: MAX_AMOUNT_FEN }), fc.constantFrom<'wan' | 'yuan'>('wan', 'yuan'), (n, unit) => {
        expect(parseAmount(exactAmountText(n, unit), unit)).toEqual({ ok: true, value: n === 0 ? 0 : n });
      }),
    );
    // One 分 beyond the bound is refused, not rounded (the generator once reached ±10^15).
    for (const unit of ['wan', 'yuan'] as const) expect(parseAmount(exactAmountText(-(MAX_AMOUNT_FEN + 1), unit), unit).ok).toBe(false);
  });
});
