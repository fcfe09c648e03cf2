/**
 * One grid table of a printed book laid out in a dialect: columns inserted, removed or swapped
 * (codes, 备注, another order), rows relabelled, moved, added or removed (合计, 小计, blank rows,
 * numbering, full unit names), the header merged or not, label cells merged or repeated. The
 * result is a plain sheet (cells and merges) that ./writeDialect.ts hands to exceljs.
 */
import { chineseOrdinal } from '../../../shared/tables/project';
import type { Dialect } from './dialect';
import type { PCell, PrintedBook, PrintedGrid, PRow } from './printedBook';

export type SheetValue = string | { fen: number; key?: string };

export interface SheetCell {
  value: SheetValue;
  bold?: boolean;
  indent?: number;
}

export interface SheetSpec {
  name: string;
  hidden?: boolean;
  /** 1-based row → column → cell. */
  cells: Map<number, Map<number, SheetCell>>;
  merges: { top: number; left: number; bottom: number; right: number }[];
}

export function emptySheet(name: string): SheetSpec {
  return { name, cells: new Map(), merges: [] };
}

export function put(s: SheetSpec, r: number, c: number, cell: SheetCell): void {
  let row = s.cells.get(r);
  if (!row) s.cells.set(r, (row = new Map()));
  row.set(c, cell);
}

/** A header cell spanning rows top..bottom and columns left..right (0-based within the header). */
interface HeaderCell {
  top: number;
  bottom: number;
  left: number;
  right: number;
  text: string;
}

interface Col {
  key: string;
  kind: 'label' | 'amount';
}

interface Row extends Omit<PRow, 'cells'> {
  cells: PCell[];
  blank?: boolean;
  subtotal?: boolean;
  dept?: boolean;
}

interface Table {
  cols: Col[];
  depth: number;
  header: HeaderCell[];
  rows: Row[];
}

function headerCells(g: PrintedGrid): HeaderCell[] {
  const out: HeaderCell[] = [];
  g.header.rows.forEach((row, r) =>
    row.forEach((text, c) => {
      if (!text) return;
      const m = g.header.merges.find((x) => x.top === r && x.left === c);
      out.push({ top: r, left: c, bottom: m ? m.bottom : r, right: m ? m.right : c, text });
    }),
  );
  return out;
}

function insertColumn(t: Table, at: number, col: Col, headerText: string, cell: (row: Row) => PCell): void {
  for (const h of t.header) {
    if (h.left >= at) {
      h.left++;
      h.right++;
    } else if (h.right >= at) h.right++;
  }
  t.header.push({ top: 0, bottom: t.depth - 1, left: at, right: at, text: headerText });
  t.cols.splice(at, 0, col);
  for (const r of t.rows) r.cells.splice(at, 0, cell(r));
}

function removeColumn(t: Table, at: number): void {
  t.header = t.header.filter((h) => !(h.left === at && h.right === at));
  for (const h of t.header) {
    if (h.left > at) h.left--;
    if (h.right >= at) h.right--;
  }
  t.cols.splice(at, 1);
  for (const r of t.rows) r.cells.splice(at, 1);
}

/** Two adjacent amount columns under the same parent cells, each with its own lowest header cell. */
function swappablePair(t: Table): number | null {
  for (let c = t.cols.length - 2; c >= 0; c--) {
    if (t.cols[c]!.kind !== 'amount' || t.cols[c + 1]!.kind !== 'amount') continue;
    const covering = (col: number) => t.header.filter((h) => h.left <= col && col <= h.right);
    const a = covering(c);
    const b = covering(c + 1);
    const shared = a.filter((h) => b.includes(h));
    const ownA = a.filter((h) => !shared.includes(h));
    const ownB = b.filter((h) => !shared.includes(h));
    if (ownA.length === 1 && ownB.length === 1 && ownA[0]!.left === ownA[0]!.right && ownB[0]!.left === ownB[0]!.right && ownA[0]!.top === ownB[0]!.top && ownA[0]!.bottom === ownB[0]!.bottom) return c;
  }
  return null;
}

function swapColumns(t: Table, c: number): void {
  for (const h of t.header) {
    if (h.left === c && h.right === c) h.left = h.right = c + 1;
    else if (h.left === c + 1 && h.right === c + 1) h.left = h.right = c;
  }
  const swap = <T>(xs: T[]) => {
    const x = xs[c]!;
    xs[c] = xs[c + 1]!;
    xs[c + 1] = x;
  };
  swap(t.cols);
  for (const r of t.rows) swap(r.cells);
}

const textOf = (cell: PCell): string | null => (cell && 'text' in cell ? cell.text : null);

/** The full form of a unit name: its full name, or the department's full name before what follows the short name. */
export function fullUnitName(book: PrintedBook, unit: number): string {
  const u = book.units[unit]!;
  if (u.fullName !== u.name) return u.fullName;
  return u.name.startsWith(book.shortName) ? book.departmentName + u.name.slice(book.shortName.length) : u.name;
}

export const SUBTOTAL_TABLES: ReadonlySet<string> = new Set(['T4', 'T5', 'T7', 'T8', 'T9', 'T10', 'T11']);
const UNIT_COLUMN_TABLES = new Set(['T7', 'T8', 'T9', 'T10', 'T11']);

function sumRows(rows: Row[], ncols: number, cols: Col[]): PCell[] {
  return Array.from({ length: ncols }, (_, c): PCell => {
    if (cols[c]!.kind !== 'amount') return null;
    let any = false;
    let sum = 0;
    for (const r of rows) {
      const v = r.cells[c];
      if (v && 'fen' in v) {
        any = true;
        sum += v.fen;
      }
    }
    return any ? { fen: sum, key: '' } : null;
  });
}

/**
 * Lay out a grid table. `amount` turns a printed amount into a sheet value (scale, text or
 * formula is the writer's business); `unitText` is 万元 or 元.
 */
export function layoutGrid(book: PrintedBook, g: PrintedGrid, dialect: Dialect, sheetName: string, unitText: string): SheetSpec {
  const t: Table = {
    cols: g.columns.map((c) => ({ ...c })),
    depth: g.header.rows.length,
    header: headerCells(g),
    rows: g.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c ? { ...c } : null)), dept: r.kind === 'department' })),
  };
  const colOf = (key: string) => t.cols.findIndex((c) => c.key === key);
  // The first label column other than a code column inserted before it (表4's 科目编码).
  const isUnitText = (row: Row) => row.kind === 'unit' && row.unit !== null && textOf(row.cells[t.cols.findIndex((c) => c.kind === 'label' && c.key !== 'code')]!) !== null;

  // Codes.
  if (g.id === 'T4' && dialect.codes === 'column') {
    insertColumn(t, 0, { key: 'code', kind: 'label' }, '科目编码', (r) => (r.code ? { text: r.code, indent: 0 } : null));
  } else if (dialect.codes === 'prefix') {
    const name = colOf('name');
    const code = colOf('code');
    for (const r of t.rows) {
      const c = code >= 0 ? textOf(r.cells[code]!) : (r.code ?? null);
      const n = r.cells[name];
      if (c && n && 'text' in n) n.text = `${c} ${n.text}`;
      // An item without a name prints its code alone.
      else if (c && !n && name >= 0) r.cells[name] = { text: c, indent: r.level };
    }
    if (code >= 0) removeColumn(t, code);
  }
  const label = t.cols.findIndex((c) => c.kind === 'label' && c.key !== 'code');

  // Full unit names (the department keeps its short name).
  if (dialect.unitNames === 'full' || (dialect.unitNames === 'fullIn13' && g.id === 'T13')) {
    for (const r of t.rows) {
      if (r.unit === null) continue;
      const short = book.units[r.unit]!.name;
      for (const cell of r.cells) if (cell && 'text' in cell && (cell.text === short || cell.text === book.units[r.unit]!.fullName)) cell.text = fullUnitName(book, r.unit);
    }
  }

  // 小计 per unit.
  if (dialect.subtotals && SUBTOTAL_TABLES.has(g.id)) {
    const out: Row[] = [];
    let pending: Row | null = null;
    const flush = () => {
      if (pending) out.push(pending);
      pending = null;
    };
    for (const r of t.rows) {
      if (isUnitText(r) || r.dept) flush();
      out.push(r);
      if (isUnitText(r) && r.kind === 'unit') {
        const cells = r.cells.map((c, i): PCell => (t.cols[i]!.kind === 'amount' ? c : null));
        cells[label] = { text: '小计', indent: (r.cells[label] as { indent: number } | null)?.indent ?? r.level };
        r.cells = r.cells.map((c, i) => (t.cols[i]!.kind === 'amount' ? null : c));
        pending = { kind: 'total', level: r.level, unit: r.unit, cells, subtotal: true };
      }
    }
    flush();
    t.rows = out;
  }
  // Unit rows as headings without amounts (and no 小计): the unit's totals are not printed.
  if (dialect.bareUnits && !dialect.subtotals && SUBTOTAL_TABLES.has(g.id)) {
    for (const r of t.rows) if (isUnitText(r)) r.cells = r.cells.map((c, i) => (t.cols[i]!.kind === 'amount' ? null : c));
  }
  if (g.id === 'T13' && (dialect.subtotals || dialect.totals === 'top' || dialect.totals === 'bottom')) {
    const unitCol = colOf('unit');
    const nameCol = colOf('name');
    const projects = t.rows;
    let rows: Row[] = projects;
    if (dialect.subtotals) {
      rows = [];
      for (let i = 0; i < projects.length; ) {
        let j = i;
        while (j < projects.length && projects[j]!.unit === projects[i]!.unit) j++;
        const block = projects.slice(i, j);
        const cells = sumRows(block, t.cols.length, t.cols);
        cells[unitCol] = projects[i]!.cells[unitCol] ?? null;
        cells[nameCol] = { text: '小计', indent: 0 };
        rows.push({ kind: 'total', level: 0, unit: projects[i]!.unit, cells, subtotal: true }, ...block);
        i = j;
      }
    }
    if (dialect.totals === 'top' || dialect.totals === 'bottom') {
      const cells = sumRows(projects, t.cols.length, t.cols);
      cells[unitCol] = { text: '合计', indent: 0 };
      const total: Row = { kind: 'total', level: 0, unit: null, cells, dept: true };
      rows = dialect.totals === 'top' ? [total, ...rows] : [...rows, total];
    }
    t.rows = rows;
  }

  // The department row: 合计 at the top or bottom, or absent.
  if (dialect.totals !== 'native' && g.id !== 'T13') {
    const dept = t.rows.filter((r) => r.dept);
    if (dialect.totals === 'absent') t.rows = t.rows.filter((r) => !r.dept);
    else {
      const first = dept[0];
      if (first?.cells[label] && 'text' in first.cells[label]) first.cells[label] = { text: '合计', indent: 0 };
      if (dialect.totals === 'bottom') t.rows = [...t.rows.filter((r) => !r.dept), ...dept];
    }
  }

  // Numbering.
  if (dialect.numbering) {
    const counters = [0, 0, 0];
    for (const r of t.rows) {
      const cell = r.cells[label];
      if (!cell || !('text' in cell) || r.dept || r.subtotal) continue;
      let prefix = '';
      if (g.id === 'T13') prefix = `${++counters[0]!}、`;
      else if (r.kind === 'unit' && isUnitText(r)) {
        prefix = chineseOrdinal(counters[0]!++);
        counters[1] = counters[2] = 0;
      } else if (r.kind === 'project' || r.kind === 'category' || r.kind === 'group') {
        prefix = `（${chineseOrdinal(counters[1]!++).slice(0, -1)}）`;
        counters[2] = 0;
      } else if (r.kind === 'subItem' || (r.kind === 'line' && g.id === 'T4') || r.kind === 'item') prefix = `${++counters[2]!}.${/^\d/.test(cell.text) ? ' ' : ''}`;
      if (prefix) cell.text = prefix + cell.text;
    }
  }

  // Blank rows between unit blocks.
  if (dialect.blankRows) {
    const out: Row[] = [];
    t.rows.forEach((r, i) => {
      if (i > 0 && (isUnitText(r) || (r.dept && i === t.rows.length - 1 && !t.rows[i - 1]!.dept))) out.push({ kind: 'blank', level: 0, unit: null, cells: t.cols.map(() => null), blank: true });
      out.push(r);
    });
    t.rows = out;
  }

  // Unit labels repeated on every row of their block.
  const unitCol = colOf('unit');
  if (dialect.labels === 'repeated' && unitCol >= 0 && (UNIT_COLUMN_TABLES.has(g.id) || g.id === 'T12')) {
    let current: PCell = null;
    for (const r of t.rows) {
      if (r.blank || r.dept) {
        current = null;
        continue;
      }
      const own = r.cells[unitCol];
      if (textOf(own ?? null) !== null) current = own!;
      else if (current && !r.subtotal) r.cells[unitCol] = { ...(current as { text: string; indent: number }) };
    }
  }

  // 备注 and another column order.
  if (dialect.remarks) {
    let n = 0;
    insertColumn(t, t.cols.length, { key: 'remark', kind: 'label' }, '备注', (r) => (!r.blank && r.kind !== 'unit' && r.kind !== 'department' && r.kind !== 'total' && n++ % 3 === 0 ? { text: '据实列支', indent: 0 } : null));
  }
  if (dialect.columnOrder === 'swapped') {
    const c = swappablePair(t);
    if (c !== null) swapColumns(t, c);
  }

  return render(book, g, t, dialect, sheetName, unitText, unitCol);
}

function render(book: PrintedBook, g: PrintedGrid, t: Table, dialect: Dialect, sheetName: string, unitText: string, unitCol: number): SheetSpec {
  const s = emptySheet(sheetName);
  const n = t.cols.length;
  let line = 1;
  if (dialect.title !== 'bare') put(s, line++, 1, { value: g.label });
  put(s, line, 1, { value: dialect.title === 'prefixed' ? `${book.year}年${book.departmentName}${g.title}` : g.title });
  s.merges.push({ top: line, left: 1, bottom: line, right: n });
  line++;
  put(s, line, 1, { value: `${dialect.title === 'agency' ? '编制单位' : '单位名称'}：${book.departmentName}` });
  if (dialect.title === 'split') line++;
  put(s, line, n, { value: `${dialect.title === 'agency' ? '金额单位' : '单位'}：${unitText}` });

  // Header.
  const top = line + 1;
  const depth = dialect.header === 'leafOnly' ? 1 : t.depth;
  // A long header text broken after its first half.
  const breakText = (text: string) => (text.length >= 6 ? `${text.slice(0, Math.ceil(text.length / 2))}\n${text.slice(Math.ceil(text.length / 2))}` : text);
  for (const h0 of t.header) {
    const h = dialect.headerBreaks ? { ...h0, text: breakText(h0.text) } : h0;
    if (dialect.header === 'leafOnly') {
      if (h.bottom === t.depth - 1) for (let c = h.left; c <= h.right; c++) put(s, top, c + 1, { value: h.text });
    } else if (dialect.header === 'split') {
      for (let r = h.top; r <= h.bottom; r++) for (let c = h.left; c <= h.right; c++) put(s, top + r, c + 1, { value: h.text });
    } else if (dialect.header === 'bottom') {
      put(s, top + h.bottom, h.left + 1, { value: h.text });
    } else if (dialect.header === 'across') {
      for (let r = h.top; r <= h.bottom; r++) {
        put(s, top + r, h.left + 1, { value: h.text });
        if (h.right > h.left) s.merges.push({ top: top + r, left: h.left + 1, bottom: top + r, right: h.right + 1 });
      }
    } else {
      put(s, top + h.top, h.left + 1, { value: h.text });
      if (h.bottom > h.top || h.right > h.left) s.merges.push({ top: top + h.top, left: h.left + 1, bottom: top + h.bottom, right: h.right + 1 });
    }
  }

  // Data rows.
  const first = top + depth;
  t.rows.forEach((row, i) => {
    const r = first + i;
    const bold = dialect.boldUnits && (row.kind === 'unit' || row.kind === 'department' || row.dept === true || row.subtotal === true);
    row.cells.forEach((cell, c) => {
      if (!cell) return;
      if ('fen' in cell) {
        put(s, r, c + 1, { value: { fen: cell.fen, ...(cell.key ? { key: cell.key } : {}) }, ...(bold ? { bold } : {}) });
        return;
      }
      let text = cell.text;
      let indent = 0;
      if (cell.indent > 0) {
        if (dialect.indent === 'absolute') indent = cell.indent;
        else if (dialect.indent === 'relative') indent = 2 * cell.indent + 1;
        else if (dialect.indent === 'shallow') indent = Math.max(0, cell.indent - 2);
        else if (dialect.indent === 'spaces') text = '  '.repeat(cell.indent) + text;
        else if (dialect.indent === 'fullwidth') text = '\u3000'.repeat(cell.indent) + text;
      }
      put(s, r, c + 1, { value: text, ...(bold ? { bold } : {}), ...(indent ? { indent } : {}) });
    });
  });

  // Unit label cells merged over their rows.
  const merged = dialect.labels === 'merged' && unitCol >= 0 && (UNIT_COLUMN_TABLES.has(g.id) || g.id === 'T13');
  const native = (dialect.labels === 'native' || dialect.labels === 'across') && g.id === 'T12';
  if ((merged || native || (dialect.labels === 'merged' && g.id === 'T12')) && unitCol >= 0) {
    for (let i = 0; i < t.rows.length; i++) {
      const own = textOf(t.rows[i]!.cells[unitCol] ?? null);
      if (own === null || t.rows[i]!.blank) continue;
      let j = i + 1;
      const sameText = g.id === 'T13' && merged;
      while (j < t.rows.length && !t.rows[j]!.blank && (t.rows[j]!.dept ?? false) === (t.rows[i]!.dept ?? false) && (sameText ? textOf(t.rows[j]!.cells[unitCol] ?? null) === own && !t.rows[j]!.subtotal : textOf(t.rows[j]!.cells[unitCol] ?? null) === null)) j++;
      if (g.id === 'T12') j = Math.min(j, i + 2);
      if (j - i > 1) {
        for (let k = i + 1; k < j; k++) s.cells.get(first + k)?.delete(unitCol + 1);
        s.merges.push({ top: first + i, left: unitCol + 1, bottom: first + j - 1, right: unitCol + 1 });
      }
      i = j - 1;
    }
  }

  // Unit and department labels merged across the label columns (科目编码, 科目名称 …) of their row.
  if (dialect.labels === 'across' && unitCol >= 0 && UNIT_COLUMN_TABLES.has(g.id)) {
    let right = unitCol;
    while (right + 1 < n && t.cols[right + 1]!.kind === 'label' && t.cols[right + 1]!.key !== 'remark') right++;
    t.rows.forEach((row, i) => {
      if (right === unitCol || textOf(row.cells[unitCol] ?? null) === null) return;
      for (let c = unitCol + 1; c <= right; c++) if (row.cells[c]) return;
      s.merges.push({ top: first + i, left: unitCol + 1, bottom: first + i, right: right + 1 });
    });
  }

  if (g.note) {
    const noteRow = first + t.rows.length + 1;
    put(s, noteRow, 1, { value: g.note });
    s.merges.push({ top: noteRow, left: 1, bottom: noteRow, right: n });
  }
  return s;
}
