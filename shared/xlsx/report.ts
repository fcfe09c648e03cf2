/**
 * Export and import reports: what was written or read, what was skipped and why, every cell
 * that could not be read (with its sheet!A1 reference), in Chinese — plus their text rendering
 * for the CLI and the editor.
 */
import type { DisplayUnit } from '../model/document';
import { formatFen } from '../money/format';
import type { Fen } from '../money/fen';

export interface ReportItem {
  /** `表4!C12` when the item is about one cell (or the first cell of a row). */
  ref?: string;
  message: string;
}

export interface ExportSheetSummary {
  sheet: string;
  rows: number;
  /** Amount cells written with a value. */
  amounts: number;
}

export interface AdjustedCell {
  key: string;
  ref: string;
  /** Exact value (分). */
  exactFen: number;
  /** Plain rounding at the printed precision (分). */
  roundedFen: number;
  /** What was printed after 尾差调整 (分). */
  printedFen: number;
}

export interface ExportReport {
  unit: DisplayUnit;
  decimals: number;
  blank: boolean;
  metadata: boolean;
  sheets: ExportSheetSummary[];
  roundingAdjustment: { enabled: boolean; stepFen: number; adjusted: AdjustedCell[] };
  /** 强制性 findings at the time of export. */
  blockingErrors: { rule: string; message: string }[];
  /** Exported although there were 强制性 errors. */
  forced: boolean;
  warnings: ReportItem[];
}

export type ImportTableStatus = 'read' | 'partial' | 'skipped';

export interface ImportTableSummary {
  /** 表2, 表15-3 … */
  table: string;
  sheet: string;
  status: ImportTableStatus;
  /** Data rows read. */
  rows: number;
  /** Amount cells read with a value. */
  amounts: number;
  message?: string;
}

/** How well the imported document explains the printed totals (structureCheck.ts). */
export interface StructureCheck {
  /** Printed totals that agree with their detail (exactly or within 尾差). */
  agree: number;
  /** Of those, the ones within 尾差 only. */
  roundingGaps: number;
  /** Printed totals that disagree with their detail. */
  differ: number;
  /** Tables whose disagreements look like a misread structure, with their rows. */
  warnings: ReportItem[];
}

export interface ImportReport {
  fileName?: string;
  /** null until the document is built (or when the import failed before). */
  structure: StructureCheck | null;
  fiscalYear: number | null;
  unit: DisplayUnit | null;
  printedPrecisionFen: number | null;
  /** Hidden metadata of a workbook exported by this program. */
  metadata: 'used' | 'absent' | 'ignored';
  tables: ImportTableSummary[];
  /** Sheets, rows and columns left out, with the reason. */
  skipped: ReportItem[];
  /** Cells that could not be read. */
  cells: ReportItem[];
  /** Other information (detected year and unit, inferred values …). */
  notes: ReportItem[];
}

export function emptyImportReport(fileName?: string): ImportReport {
  return { ...(fileName ? { fileName } : {}), structure: null, fiscalYear: null, unit: null, printedPrecisionFen: null, metadata: 'absent', tables: [], skipped: [], cells: [], notes: [] };
}

const UNIT_TEXT: Record<DisplayUnit, string> = { wan: '万元', yuan: '元' };

/** 「结构核对：N 个合计与明细一致（其中 K 个尾差），M 个不一致」 and the warnings of a misread structure. */
export function structureLines(c: StructureCheck): string[] {
  const lines = [`结构核对：${c.agree} 个合计与明细一致（其中 ${c.roundingGaps} 个尾差），${c.differ} 个不一致`];
  for (const w of c.warnings) lines.push(`警告：${w.message}`);
  return lines;
}

function item(i: ReportItem): string {
  return i.ref ? `${i.ref}：${i.message}` : i.message;
}

function limited(lines: string[], items: ReportItem[], max: number): void {
  for (const i of items.slice(0, max)) lines.push(`  ${item(i)}`);
  if (items.length > max) lines.push(`  ……另有 ${items.length - max} 项`);
}

export function formatImportReport(r: ImportReport, maxItems = 200): string {
  const lines: string[] = [];
  lines.push(`导入报告${r.fileName ? `：${r.fileName}` : ''}`);
  if (r.structure) lines.push(...structureLines(r.structure).map((l) => `  ${l}`));
  lines.push(`  预算年度：${r.fiscalYear ?? '未知'}；金额单位：${r.unit ? UNIT_TEXT[r.unit] : '未知'}；${r.printedPrecisionFen === null ? '金额精确到分' : `金额按打印精度 ${formatFen(r.printedPrecisionFen as Fen, { unit: 'yuan', decimals: 2 })} 元读取`}`);
  lines.push(`  ${r.metadata === 'used' ? '使用了本程序导出时写入的隐藏信息（编号等）' : r.metadata === 'ignored' ? '工作簿中的隐藏信息无法使用，已按表格内容识别' : '按表格内容识别（工作簿中没有本程序的隐藏信息）'}`);
  lines.push('读取的表：');
  for (const t of r.tables) {
    const status = t.status === 'read' ? '已读取' : t.status === 'partial' ? '部分读取' : '已跳过';
    lines.push(`  ${t.table}（工作表“${t.sheet}”）：${status}，${t.rows} 行，${t.amounts} 个金额${t.message ? `；${t.message}` : ''}`);
  }
  if (r.skipped.length) {
    lines.push(`跳过的内容（${r.skipped.length} 项）：`);
    limited(lines, r.skipped, maxItems);
  }
  if (r.cells.length) {
    lines.push(`无法读取的单元格（${r.cells.length} 个）：`);
    limited(lines, r.cells, maxItems);
  }
  if (r.notes.length) {
    lines.push('说明：');
    limited(lines, r.notes, maxItems);
  }
  return lines.join('\n');
}

export function formatExportReport(r: ExportReport, maxItems = 200): string {
  const lines: string[] = [];
  const refused = r.blockingErrors.length > 0 && !r.forced;
  lines.push(refused ? '导出报告：未导出' : `导出报告：${r.sheets.length} 张工作表，金额单位 ${UNIT_TEXT[r.unit]}，${r.decimals} 位小数${r.blank ? '（空白模板，不含金额）' : ''}`);
  if (r.blockingErrors.length) {
    lines.push(`${r.forced ? '注意：审核有' : '审核有'} ${r.blockingErrors.length} 项强制性错误${r.forced ? '，已按要求强制导出' : ''}：`);
    limited(lines, r.blockingErrors.map((e) => ({ message: `[${e.rule}] ${e.message}` })), maxItems);
  }
  if (r.roundingAdjustment.enabled) {
    const n = r.roundingAdjustment.adjusted.length;
    lines.push(`尾差调整：${n === 0 ? '无需调整' : `调整了 ${n} 个单元格`}`);
    const fmt = (v: number) => formatFen(v as Fen, { unit: r.unit, decimals: r.decimals });
    limited(
      lines,
      r.roundingAdjustment.adjusted.map((a) => ({ ref: a.ref, message: `精确值 ${formatFen(a.exactFen as Fen, { unit: r.unit, decimals: r.unit === 'wan' ? 6 : 2 })}，四舍五入 ${fmt(a.roundedFen)}，调整后 ${fmt(a.printedFen)}` })),
      maxItems,
    );
  }
  for (const s of r.sheets.slice(0, maxItems)) lines.push(`  ${s.sheet}：${s.rows} 行，${s.amounts} 个金额`);
  if (r.sheets.length > maxItems) lines.push(`  ……另有 ${r.sheets.length - maxItems} 张工作表`);
  if (r.warnings.length) {
    lines.push('提示：');
    limited(lines, r.warnings, maxItems);
  }
  return lines.join('\n');
}
