/**
 * Layout dialects: the ways other programs (the budget system's export, a clerk's own Excel
 * habits, last year's template) lay out the same budget tables. A dialect is a combination of
 * independent choices; NAMED_DIALECTS lists the ones the corpus always runs (each one choice away
 * from the official layout, plus a few combinations seen in real workbooks).
 */

export type Scale = 'native' | 'wan0' | 'wan2' | 'wan4' | 'yuan' | 'yuan0';

export interface Dialect {
  /**
   * Hierarchy of label cells: Excel indentation = level (absolute), 2 × level + 1 (relative),
   * units at the indentation of their projects and sub-items one level in (shallow), leading
   * spaces (two per level, or one full-width 　 per level), or none.
   */
  indent: 'absolute' | 'relative' | 'shallow' | 'spaces' | 'fullwidth' | 'none';
  /** Department and unit rows in bold. */
  boldUnits: boolean;
  /** Units 一、, projects and categories （一）, sub-items and lines 1. (表13: 1、). */
  numbering: boolean;
  /** Classification codes as the official tables print them, in their own column (表4 gets one), or before the name. */
  codes: 'native' | 'column' | 'prefix';
  /** The department row under its short name (native), as 合计 at the top or at the bottom, or absent; 表13 gets a 合计 row at top/bottom. */
  totals: 'native' | 'top' | 'bottom' | 'absent';
  /** A 小计 row per unit carries the unit's amounts (the unit row keeps only its name). */
  subtotals: boolean;
  /** Without 小计 rows: unit rows of 表4, 表5 and 表7–表11 as headings, their totals not printed. */
  bareUnits: boolean;
  /** Units under their full names (测试市…) in every table, or only in 表13 (as the budget system prints it). */
  unitNames: 'short' | 'full' | 'fullIn13';
  /**
   * Header as merged cells (native), split (text repeated in every cell of a merge), text at the
   * bottom of unmerged spans, merged across only (a vertical span repeats its text), or only the
   * lowest header row.
   */
  header: 'merged' | 'split' | 'bottom' | 'across' | 'leafOnly';
  /**
   * Lines above the header: 表N / title / 单位名称 … 单位 (standard), 单位名称 and 单位 on rows of
   * their own, no 表N line, 编制单位 … 金额单位 (agency), or a title led by year and department
   * (2020年深圳市信访局部门收支预算总表: prefixed).
   */
  title: 'standard' | 'split' | 'bare' | 'agency' | 'prefixed';
  /** Header texts broken over two lines (收入\n总计), as typed with Alt+Enter. */
  headerBreaks: boolean;
  /** A blank row before each unit block. */
  blankRows: boolean;
  /**
   * Unit label cells: as the official layout (表12 merged over its year rows), merged over their
   * block, repeated on every row, or merged across the label columns of their row (表7–表11).
   */
  labels: 'native' | 'merged' | 'repeated' | 'across';
  /** Amounts as numbers, as text with thousands separators, or as formulas with cached values. */
  numbers: 'number' | 'text' | 'formula';
  scale: Scale;
  /**
   * Sheets named 表N, renamed after their titles, in reverse order, preceded by 封面/目录/说明, or
   * each of 表4 and 表5 preceded by a hidden copy with last year's amounts (hiddenCopies).
   */
  sheets: 'standard' | 'renamed' | 'reordered' | 'cover' | 'hiddenCopies';
  /** An extra 备注 column at the right. */
  remarks: boolean;
  /** Two sibling amount columns swapped (the header says so). */
  columnOrder: 'standard' | 'swapped';
}

export const OFFICIAL: Dialect = {
  indent: 'absolute',
  boldUnits: false,
  numbering: false,
  codes: 'native',
  totals: 'native',
  subtotals: false,
  bareUnits: false,
  unitNames: 'short',
  header: 'merged',
  title: 'standard',
  headerBreaks: false,
  blankRows: false,
  labels: 'native',
  numbers: 'number',
  scale: 'native',
  sheets: 'standard',
  remarks: false,
  columnOrder: 'standard',
};

const d = (changes: Partial<Dialect>): Dialect => ({ ...OFFICIAL, ...changes });

export const NAMED_DIALECTS: Record<string, Dialect> = {
  official: OFFICIAL,
  'indent-none': d({ indent: 'none' }),
  'indent-relative': d({ indent: 'relative' }),
  'indent-spaces': d({ indent: 'spaces' }),
  'indent-fullwidth': d({ indent: 'fullwidth' }),
  'bold-units': d({ boldUnits: true }),
  'bold-units-no-indent': d({ indent: 'none', boldUnits: true }),
  'bold-units-shallow': d({ indent: 'shallow', boldUnits: true }),
  numbered: d({ numbering: true }),
  'codes-column': d({ codes: 'column' }),
  'codes-prefix': d({ codes: 'prefix' }),
  'total-top': d({ totals: 'top' }),
  'total-bottom': d({ totals: 'bottom' }),
  'total-absent': d({ totals: 'absent' }),
  subtotals: d({ subtotals: true }),
  'bare-units': d({ bareUnits: true }),
  'full-unit-names': d({ unitNames: 'full' }),
  'full-unit-names-13': d({ unitNames: 'fullIn13' }),
  'header-split': d({ header: 'split' }),
  'header-bottom': d({ header: 'bottom' }),
  'header-across': d({ header: 'across' }),
  'header-leaf-only': d({ header: 'leafOnly' }),
  'title-split': d({ title: 'split' }),
  'title-bare': d({ title: 'bare' }),
  'title-agency': d({ title: 'agency' }),
  'title-prefixed': d({ title: 'prefixed' }),
  'header-breaks': d({ headerBreaks: true }),
  'blank-rows': d({ blankRows: true }),
  'labels-merged': d({ labels: 'merged' }),
  'labels-repeated': d({ labels: 'repeated' }),
  'labels-across': d({ labels: 'across' }),
  'numbers-text': d({ numbers: 'text' }),
  'numbers-formula': d({ numbers: 'formula' }),
  'wan-0': d({ scale: 'wan0' }),
  'wan-2': d({ scale: 'wan2' }),
  'wan-4': d({ scale: 'wan4' }),
  yuan: d({ scale: 'yuan' }),
  'yuan-0': d({ scale: 'yuan0' }),
  'sheets-renamed': d({ sheets: 'renamed' }),
  'sheets-reordered': d({ sheets: 'reordered' }),
  'sheets-cover': d({ sheets: 'cover' }),
  'sheets-hidden-copies': d({ sheets: 'hiddenCopies' }),
  remarks: d({ remarks: true }),
  'columns-swapped': d({ columnOrder: 'swapped' }),
  // Combinations seen in published workbooks (the 3-unit department, a budget-system export).
  'published-wan-2': d({ indent: 'shallow', boldUnits: true, totals: 'top', subtotals: true, unitNames: 'full', labels: 'merged', title: 'split', scale: 'wan2' }),
  'system-export': d({ indent: 'spaces', numbering: true, codes: 'prefix', header: 'split', labels: 'across', numbers: 'text', sheets: 'cover', remarks: true }),
  'clerk-copy': d({ indent: 'relative', boldUnits: true, blankRows: true, totals: 'bottom', header: 'across', title: 'bare', numbers: 'formula', sheets: 'renamed', columnOrder: 'swapped' }),
};

/** Every choice of each dimension (for the property over random combinations). */
export const DIALECT_CHOICES: { [K in keyof Dialect]: readonly Dialect[K][] } = {
  indent: ['absolute', 'relative', 'shallow', 'spaces', 'fullwidth', 'none'],
  boldUnits: [false, true],
  numbering: [false, true],
  codes: ['native', 'column', 'prefix'],
  totals: ['native', 'top', 'bottom', 'absent'],
  subtotals: [false, true],
  bareUnits: [false, true],
  unitNames: ['short', 'full', 'fullIn13'],
  header: ['merged', 'split', 'bottom', 'across', 'leafOnly'],
  title: ['standard', 'split', 'bare', 'agency', 'prefixed'],
  headerBreaks: [false, true],
  blankRows: [false, true],
  labels: ['native', 'merged', 'repeated', 'across'],
  numbers: ['number', 'text', 'formula'],
  scale: ['native', 'wan0', 'wan2', 'wan4', 'yuan', 'yuan0'],
  sheets: ['standard', 'renamed', 'reordered', 'cover', 'hiddenCopies'],
  remarks: [false, true],
  columnOrder: ['standard', 'swapped'],
};
