/**
 * Reading the grid tables (表1–表13) of a workbook into rows of label texts and raw amount cells,
 * keyed by catalogue column — found by header text, never by position. What the rows mean
 * (units, lines, projects …) is decided in assemble.ts.
 */
import type { TableDef } from '../catalogue';
import type { DisplayUnit } from '../model/document';
import { normalizeName } from './norm';
import { numbering } from './rowEvidence';
import { matchHeader, yearsIn, type HeaderMatch } from './headerMatch';
import type { SheetView } from './sheetView';

export interface AmountCell {
  col: number;
  raw: unknown;
}

export interface ReadRow {
  r: number;
  /** Label texts by column key (trimmed). */
  labels: Record<string, string>;
  /** Indentation of the row's first label cell. */
  indent: number;
  /** Whether the row's first label cell is bold. */
  bold: boolean;
  /** Depth of the numbering (一、（一）1.（1）) its name or unit label carried, removed from the label; null when none. */
  numbering: number | null;
  amounts: Record<string, AmountCell>;
}

export interface ReadTable {
  def: TableDef;
  sheet: SheetView;
  header: HeaderMatch;
  rows: ReadRow[];
  /** The header's amount columns (not label columns): sheet column and column key, in header order. */
  amountColumns: readonly [number, string][];
  note: string | null;
  /** From the 单位：万元 line above the header. */
  unit: DisplayUnit | null;
  /** From the 单位名称：… line. */
  departmentName: string | null;
  /** Years seen in the title area and header. */
  years: number[];
}

const UNIT_LINE = /(?:金额)?单位[:：]\s*(万元|元)\s*$/;
const NAME_LINE = /^(?:单位|部门)名称[:：]\s*(.+)$/;
const NOTE = /^(?:注|说明|备注)\s*[:：]/;

/** 单位：万元 / 单位名称：… anywhere in a row's texts. */
export function scanTitleLines(sheet: SheetView, lastRow: number): { unit: DisplayUnit | null; departmentName: string | null; years: number[] } {
  let unit: DisplayUnit | null = null;
  let departmentName: string | null = null;
  const years: number[] = [];
  for (let r = 1; r <= Math.min(lastRow, sheet.rowCount); r++) {
    for (const { text } of sheet.rowTexts(r)) {
      const t = normalizeName(text).replace(/:/g, '：');
      const u = UNIT_LINE.exec(t) ?? /单位[:：]\s*(万元|元)(?:\s|$)/.exec(t);
      if (u && !unit) unit = u[1] === '元' ? 'yuan' : 'wan';
      const n = NAME_LINE.exec(text.trim());
      if (n && !departmentName) departmentName = n[1]!.replace(/\s*(?:金额)?单位[:：]\s*(?:万元|元)\s*$/, '').trim();
      years.push(...yearsIn(text));
    }
  }
  return { unit, departmentName, years };
}

export function readGridTable(sheet: SheetView, def: TableDef, year: number): ReadTable | null {
  const header = matchHeader(sheet, def, year);
  if (!header) return null;
  const title = scanTitleLines(sheet, header.top - 1);
  const years = [...title.years];
  for (let r = header.top; r <= header.bottom; r++) for (const { text } of sheet.rowTexts(r)) years.push(...yearsIn(text));
  const labelCols: [number, string][] = [];
  const amountCols: [number, string][] = [];
  for (const [col, key] of header.columns) {
    if (def.labelColumns.includes(key)) labelCols.push([col, key]);
    else amountCols.push([col, key]);
  }
  labelCols.sort((a, b) => a[0] - b[0]);
  const firstLabelCol = labelCols[0]?.[0];
  const rows: ReadRow[] = [];
  let note: string | null = null;
  for (let r = header.bottom + 1; r <= sheet.rowCount; r++) {
    const texts = sheet.rowTexts(r);
    if (texts.length === 0) continue;
    const first = texts[0]!.text;
    if (NOTE.test(first)) {
      const noteLines = [sheet.rawText(r, texts[0]!.c).trim()];
      for (let k = r + 1; k <= sheet.rowCount; k++) {
        const more = sheet.rowTexts(k);
        if (more.length === 0) break;
        if (more[0]!.c !== texts[0]!.c) break;
        noteLines.push(sheet.rawText(k, more[0]!.c).trim());
      }
      note = noteLines.join('\n');
      break;
    }
    const labels: Record<string, string> = {};
    for (const [col, key] of labelCols) {
      // A label merged across label columns (a unit name over 科目编码 and 科目名称) is its first column's only.
      if (sheet.isRightOfMaster(r, col)) continue;
      const t = sheet.text(r, col);
      if (t) labels[key] = t;
    }
    const amounts: Record<string, AmountCell> = {};
    for (const [col, key] of amountCols) {
      const raw = sheet.value(r, col);
      if (raw !== null && raw !== undefined && raw !== '') amounts[key] = { col, raw };
    }
    rows.push({ r, labels, indent: firstLabelCol ? sheet.indent(r, firstLabelCol) : 0, bold: firstLabelCol ? sheet.bold(r, firstLabelCol) : false, numbering: null, amounts });
  }
  stripNumbering(rows);
  return { def, sheet, header, rows, amountColumns: amountCols, note, unit: title.unit, departmentName: title.departmentName, years };
}

/** Label columns whose texts may carry numbering (一、市X局本级, （一）信息化运维, 1.系统运维). */
const NUMBERED_LABELS = ['unit', 'name'] as const;

/**
 * The sheet's numbering is not part of the names: kept as a hint instead. 一、 and （一） always
 * are numbering, and so is any numbering before a unit; before other names 1. 1、 (1) only when the
 * sheet counts with them — at least two rows and a quarter of the rows, most of them 1 or one more
 * than the last number of their kind (a project name may start with a number) — or numbers its
 * outer rows (一、 （一）) and every 1. 1、 (1) of it counts (a project's only sub-item: 1.系统运维).
 */
function stripNumbering(rows: ReadRow[]): void {
  let numbered = 0;
  let counting = 0;
  let labelled = 0;
  let outer = 0;
  const last = new Map<number, number>();
  // Each label's numbering, read once.
  const read = rows.map((row) => NUMBERED_LABELS.map((k) => (row.labels[k] === undefined ? undefined : numbering(row.labels[k]!))));
  rows.forEach((row, i) => {
    const labels = read[i]!;
    if (labels.some((n) => n !== undefined)) labelled++;
    if (labels.some((n) => n !== undefined && (n.depth ?? 2) < 2)) outer++;
    const k = labels.findIndex((n) => n !== undefined && (n.depth ?? -1) >= 2);
    if (k < 0) return;
    const text = row.labels[NUMBERED_LABELS[k]!]!;
    const depth = labels[k]!.depth!;
    const n = Number(/\d+/.exec(text)![0]);
    numbered++;
    if (n === 1 || n === (last.get(depth) ?? 0) + 1) counting++;
    last.set(depth, n);
  });
  const counts = (numbered >= 2 && numbered >= labelled / 4 && counting >= (2 * numbered) / 3) || (outer > 0 && numbered > 0 && counting === numbered);
  rows.forEach((row, i) => {
    NUMBERED_LABELS.forEach((k, j) => {
      const n = read[i]![j];
      if (n === undefined) return;
      if (n.depth === null || (n.depth >= 2 && !counts && k !== 'unit')) return;
      row.labels[k] = n.rest;
      row.numbering ??= n.depth;
    });
  });
}
