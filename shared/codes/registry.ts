/**
 * The code lists the application knows, by year and kind: the bundled ones (resources/codes/<year>/)
 * and those the clerk imported (kept by the host with the program's data, installed here at start).
 * A new bundled year is new data: add resources/codes/<year>/{functional,economic,procurement}.json and
 * one line to BUNDLED_FILES below.
 *
 * Each kind resolves on its own: a year without its own list of a kind uses the latest earlier year's
 * (a 2022 budget with an imported 2022 procurement catalogue and only the 2020 functional and economic
 * lists gets exactly that); a year before every list gets the earliest. `fallbackNote` says so in words.
 */
import functional2020 from '../../resources/codes/2020/functional.json';
import economic2020 from '../../resources/codes/2020/economic.json';
import procurement2020 from '../../resources/codes/2020/procurement.json';
import { CODE_LIST_KINDS, CODE_LIST_KIND_LABELS, CodeListError, createCodeList, parseCodeListFile, type CodeList, type CodeListKind } from './codeList';

/** Unparsed files of one year (JSON values; validated when first used); a year may lack some kinds. */
export type CodeListFilesOfYear = Partial<Record<CodeListKind, unknown>>;

export const BUNDLED_FILES: Readonly<Record<number, CodeListFilesOfYear>> = {
  2020: { functional: functional2020, economic: economic2020, procurement: procurement2020 },
};

export interface CodeListSet {
  /** The year asked for. */
  readonly requestedYear: number;
  /** The year of the functional list returned (≤ requestedYear unless no earlier list exists); each list has its own `year`. */
  readonly year: number;
  readonly functional: CodeList;
  readonly economic: CodeList;
  readonly procurement: CodeList;
}

export interface CodeListRegistry {
  /** Years that have a list of some kind, ascending. */
  readonly years: readonly number[];
  /** The year whose list of `kind` serves `year`: the latest ≤ year, else the earliest. */
  resolveYear(year: number, kind?: CodeListKind): number;
  getCodeLists(year: number): CodeListSet;
}

export function createCodeListRegistry(filesByYear: Readonly<Record<number, CodeListFilesOfYear>>): CodeListRegistry {
  const yearsOf = (kind?: CodeListKind) =>
    Object.keys(filesByYear)
      .map(Number)
      .filter((y) => Number.isInteger(y) && (kind === undefined || filesByYear[y]?.[kind] !== undefined))
      .sort((a, b) => a - b);
  const years = yearsOf();
  const kindYears = Object.fromEntries(CODE_LIST_KINDS.map((k) => [k, yearsOf(k)])) as Record<CodeListKind, number[]>;
  const missing = CODE_LIST_KINDS.filter((k) => kindYears[k].length === 0);
  if (missing.length > 0) throw new CodeListError([`没有任何年度的${missing.map((k) => CODE_LIST_KIND_LABELS[k]).join('、')}代码表`]);
  const cache = new Map<string, CodeList>();

  const resolveYear = (year: number, kind: CodeListKind = 'functional'): number => {
    let chosen: number | undefined;
    for (const y of kindYears[kind]) if (y <= year) chosen = y;
    return chosen ?? (kindYears[kind][0] as number);
  };

  const load = (year: number, kind: CodeListKind): CodeList => {
    const key = `${year}/${kind}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const fileName = `${year}/${kind}.json`;
    const list = createCodeList(filesByYear[year]?.[kind], { fileName });
    const problems: string[] = [];
    if (list.kind !== kind) problems.push(`代码表 ${fileName}：种类应为 ${kind}，文件中为 ${list.kind}`);
    if (list.year !== year) problems.push(`代码表 ${fileName}：年度应为 ${year}，文件中为 ${list.year}`);
    if (problems.length > 0) throw new CodeListError(problems);
    cache.set(key, list);
    return list;
  };

  const getCodeLists = (year: number): CodeListSet => {
    const lists = {} as Record<CodeListKind, CodeList>;
    const problems: string[] = [];
    for (const kind of CODE_LIST_KINDS) {
      try {
        lists[kind] = load(resolveYear(year, kind), kind);
      } catch (err) {
        if (err instanceof CodeListError) problems.push(...err.problems);
        else throw err;
      }
    }
    if (problems.length > 0) throw new CodeListError(problems);
    return { requestedYear: year, year: lists.functional.year, ...lists };
  };

  return Object.freeze({ years: Object.freeze(years), resolveYear, getCodeLists });
}

/**
 * In words, which lists of a set are not the requested year's own:
 * 「2022年没有自己的代码表，使用 2020 年的支出功能分类、部门预算支出经济分类」; null when all are.
 */
export function fallbackNote(set: CodeListSet): string | null {
  const byYear = new Map<number, string[]>();
  for (const kind of CODE_LIST_KINDS) {
    const y = set[kind].year;
    if (y === set.requestedYear) continue;
    byYear.set(y, [...(byYear.get(y) ?? []), CODE_LIST_KIND_LABELS[kind]]);
  }
  if (byYear.size === 0) return null;
  const uses = [...byYear].map(([y, kinds]) => `${y} 年的${kinds.join('、')}`).join('，');
  return `${set.requestedYear}年没有自己的代码表，使用 ${uses}（可在“代码表”中导入${set.requestedYear}年的代码表）`;
}

const bundledRegistry = createCodeListRegistry(BUNDLED_FILES);
let activeRegistry = bundledRegistry;
let imported: readonly unknown[] = [];

/**
 * Make imported code lists (code-list files as the host keeps them) part of every lookup: an imported
 * list of a year and kind replaces the bundled one of the same year and kind. Files that do not
 * validate are left out; their problems are returned (in Chinese, naming the list).
 */
export function installImportedCodeLists(files: readonly unknown[]): string[] {
  const merged: Record<number, CodeListFilesOfYear> = {};
  for (const [y, files] of Object.entries(BUNDLED_FILES)) merged[Number(y)] = { ...files };
  const problems: string[] = [];
  const kept: unknown[] = [];
  for (const data of files) {
    try {
      const file = parseCodeListFile(data, { fileName: importedLabel(data) });
      merged[file.year] = { ...merged[file.year], [file.kind]: data };
      kept.push(data);
    } catch (err) {
      if (err instanceof CodeListError) problems.push(...err.problems);
      else throw err;
    }
  }
  activeRegistry = kept.length === 0 ? bundledRegistry : createCodeListRegistry(merged);
  imported = kept;
  return problems;
}

/** 「（导入的2022年政府采购品目）」: an imported file named by what it claims to be. */
function importedLabel(data: unknown): string {
  const { kind, year } = (typeof data === 'object' && data !== null ? data : {}) as { kind?: unknown; year?: unknown };
  const kindLabel = typeof kind === 'string' && Object.hasOwn(CODE_LIST_KIND_LABELS, kind) ? CODE_LIST_KIND_LABELS[kind as CodeListKind] : '';
  return `（导入的${typeof year === 'number' ? `${year}年` : ''}${kindLabel}）`;
}

/**
 * The stored lists with `file` added: an earlier list of the same year and kind is replaced (a host
 * keeps one list per year and kind).
 */
export function withStoredCodeList(stored: readonly unknown[], file: { kind: CodeListKind; year: number }): unknown[] {
  const same = (x: unknown) => typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === file.kind && (x as { year?: unknown }).year === file.year;
  return [...stored.filter((x) => !same(x)), file];
}

/** The imported code-list files now installed (for a worker that must see the same lists). */
export function importedCodeLists(): readonly unknown[] {
  return imported;
}

/** The lists for a budget year (imported and bundled, with the year fallback described above). */
export function getCodeLists(year: number): CodeListSet {
  return activeRegistry.getCodeLists(year);
}

/** Years with lists of any kind, ascending. */
export function availableCodeListYears(): readonly number[] {
  return activeRegistry.years;
}
