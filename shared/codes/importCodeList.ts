/**
 * A code list from a table as finance bureaus hand them out (an Excel sheet or a CSV file): a header
 * row recognised by its text (编码/代码/code, 名称/name, optionally 上级/parent and 级次/level), then one
 * row per code. The result is a code-list file (codeList.ts) with the parents as the table gives them,
 * so catalogues whose codes are padded with zeros (A01010100 under A01010000) keep their hierarchy.
 *
 * Kind and year come from the caller (the clerk confirms them) or are guessed from the codes and from
 * the title rows and file name. Every refusal names the place: `品目!A12` or `第 12 行`.
 *
 * Pure TypeScript: no Node or DOM APIs.
 */
import { CODE_LIST_KIND_LABELS, codeListFileSchema, type CodeListFile, type CodeListKind } from './codeList';
import { columnLetters } from '../xlsx/layout';

/** One cell as read from a sheet or CSV (numbers for codes Excel stored as numbers). */
export type RawCell = string | number | boolean | null | undefined;

export interface CodeListSource {
  /** File name (for the title and the year guess). */
  fileName: string;
  /** Sheet name for workbook places (`sheet!A12`); absent for CSV (`第 12 行`). */
  sheetName?: string;
  /** The kind and year the clerk chose; guessed when absent. */
  kind?: CodeListKind;
  year?: number;
}

export type CodeListImport =
  | { ok: true; file: CodeListFile; kind: CodeListKind; year: number; notes: string[] }
  | { ok: false; problems: string[] };

const HEADER_SCAN_ROWS = 30;
/** Problems listed before the rest are summarised as a count. */
const MAX_PROBLEMS = 20;

type Role = 'code' | 'name' | 'parent' | 'level';

function headerRole(text: string): Role | null {
  const t = text.replace(/\s+/g, '').toLowerCase();
  if (t === '') return null;
  if (/上级|父级|parent/.test(t)) return 'parent';
  if (/^(级次|层级|级别|层次|level)$/.test(t)) return 'level';
  if (/编码|代码|编号|^code$/.test(t)) return 'code';
  if (/名称|^name$/.test(t)) return 'name';
  return null;
}

interface Header {
  row: number;
  columns: Partial<Record<Role, number>>;
}

function cellText(v: RawCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  return String(v).replace(/[\u3000\s]+/g, ' ').trim();
}

/** Full-width letters and digits as half-width, spaces removed, letters upper-case: a code as lists print it. */
export function normalizeCode(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

function findHeader(rows: readonly (readonly RawCell[])[]): Header | null {
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN_ROWS); r++) {
    const columns: Partial<Record<Role, number>> = {};
    (rows[r] ?? []).forEach((v, c) => {
      const role = headerRole(cellText(v));
      if (role && columns[role] === undefined) columns[role] = c;
    });
    if (columns.code !== undefined && columns.name !== undefined) return { row: r, columns };
  }
  return null;
}

/** The kind the codes look like: letters → 政府采购品目; 3xx → 经济分类; otherwise 功能分类. */
export function guessKind(codes: readonly string[], text = ''): CodeListKind {
  if (/采购/.test(text)) return 'procurement';
  if (/经济分类/.test(text)) return 'economic';
  if (/功能分类/.test(text)) return 'functional';
  const sample = codes.slice(0, 200);
  if (sample.some((c) => /^[A-Z]/.test(c))) return 'procurement';
  if (sample.length > 0 && sample.every((c) => /^3\d{2}(\d{2})?$/.test(c))) return 'economic';
  return 'functional';
}

/** A year named in the title rows or the file name (2000–2099), if any. */
export function guessYear(text: string): number | undefined {
  const m = /(20\d{2})\s*(年|版|\D|$)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function codeListFromRows(rows: readonly (readonly RawCell[])[], source: CodeListSource): CodeListImport {
  const where = source.sheetName === undefined ? '' : `工作表“${source.sheetName}”`;
  const header = findHeader(rows);
  if (!header) {
    return { ok: false, problems: [`${source.fileName}${where}的前 ${HEADER_SCAN_ROWS} 行中找不到表头：需要“编码”（或“代码”）和“名称”两列，可另有“上级编码”和“级次”列。`] };
  }
  const { columns } = header;
  const codeCol = columns.code!;
  const place = (rowIndex: number, col = codeCol): string =>
    source.sheetName === undefined ? `第 ${rowIndex + 1} 行` : `${source.sheetName}!${columnLetters(col + 1)}${rowIndex + 1}`;

  interface Row {
    index: number;
    code: string;
    name: string;
    parent?: string | null;
    level?: number;
  }
  const read: Row[] = [];
  const problems: string[] = [];
  for (let r = header.row + 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const code = normalizeCode(cellText(cells[codeCol]));
    const name = cellText(cells[columns.name!]);
    if (code === '' && name === '') continue;
    if (code === '') {
      problems.push(`${place(r)}：“${name}”没有编码`);
      continue;
    }
    if (name === '') {
      problems.push(`${place(r, columns.name!)}：编码 ${code} 没有名称`);
      continue;
    }
    const row: Row = { index: r, code, name };
    if (columns.parent !== undefined) {
      const parent = normalizeCode(cellText(cells[columns.parent]));
      row.parent = parent === '' ? null : parent;
    }
    if (columns.level !== undefined) {
      const level = Number(cellText(cells[columns.level]));
      if (!Number.isInteger(level) || level < 0 || level > 9) {
        problems.push(`${place(r, columns.level)}：级次应为 0 到 9 的整数，而不是“${cellText(cells[columns.level])}”`);
        continue;
      }
      row.level = level;
    }
    read.push(row);
  }
  if (problems.length === 0 && read.length === 0) problems.push(`${source.fileName}${where}的表头下没有任何编码。`);
  if (problems.length > 0) return { ok: false, problems: capped(problems) };

  // Without a parent column, a level column gives the hierarchy: the nearest row above one level up.
  if (columns.parent === undefined && columns.level !== undefined) {
    const top = Math.min(...read.map((r) => r.level!));
    const open: string[] = [];
    for (const row of read) {
      const depth = row.level! - top;
      if (depth > open.length) {
        return { ok: false, problems: [`${place(row.index, columns.level)}：编码 ${row.code} 的级次为 ${row.level}，但上面没有级次为 ${row.level! - 1} 的上级`] };
      }
      open.length = depth;
      row.parent = depth === 0 ? null : open[depth - 1]!;
      open.push(row.code);
    }
  }

  const titleText = [source.fileName, ...rows.slice(0, header.row).flat().map(cellText)].join(' ');
  const kind = source.kind ?? guessKind(read.map((r) => r.code), titleText);
  const year = source.year ?? guessYear(titleText);
  if (year === undefined) return { ok: false, problems: [`${source.fileName}：从文件名和标题中看不出年度，请选择代码表的年度。`] };

  const data = {
    kind,
    year,
    title: `${year}年${CODE_LIST_KIND_LABELS[kind]}（${source.fileName}）`,
    source: `从“${source.fileName}”${where}导入，${read.length} 项`,
    entries: read.map((r) => ({ code: r.code, name: r.name, ...(r.parent !== undefined ? { parent: r.parent } : {}) })),
  };
  const parsed = codeListFileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: capped(
        parsed.error.issues.map((issue) => {
          const [head, index] = issue.path;
          const row = head === 'entries' && typeof index === 'number' ? read[index] : undefined;
          return row ? `${place(row.index)}：${issue.message}` : `${source.fileName}：${issue.message}`;
        }),
      ),
    };
  }
  const notes: string[] = [];
  if (source.kind === undefined) notes.push(`按编码判断为${CODE_LIST_KIND_LABELS[kind]}`);
  if (source.year === undefined) notes.push(`按文件名或标题判断为 ${year} 年`);
  return { ok: true, file: parsed.data, kind, year, notes };
}

function capped(problems: string[]): string[] {
  return problems.length <= MAX_PROBLEMS ? problems : [...problems.slice(0, MAX_PROBLEMS), `……另有 ${problems.length - MAX_PROBLEMS} 处问题`];
}

/**
 * CSV text (RFC 4180: quoted fields with doubled quotes, CRLF or LF) as rows of cells. A UTF-8
 * byte-order mark is dropped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
