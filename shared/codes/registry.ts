/**
 * The code lists shipped with the application, by year. A new year is new data: add
 * resources/codes/<year>/{functional,economic,procurement}.json and one line to BUNDLED_FILES below.
 * A year without its own lists uses the latest earlier year (a 2021 budget with only 2020 lists gets
 * the 2020 lists); a year before every list gets the earliest.
 *
 * Lists the clerk updated (loaded from disk by the app) can be combined with the bundled ones via
 * createCodeListRegistry({ ...BUNDLED_FILES, 2021: userFiles }).
 */
import functional2020 from '../../resources/codes/2020/functional.json';
import economic2020 from '../../resources/codes/2020/economic.json';
import procurement2020 from '../../resources/codes/2020/procurement.json';
import { CodeListError, createCodeList, type CodeList, type CodeListKind } from './codeList';

/** Unparsed files of one year (JSON values; validated when first used). */
export type CodeListFilesOfYear = Record<CodeListKind, unknown>;

export const BUNDLED_FILES: Readonly<Record<number, CodeListFilesOfYear>> = {
  2020: { functional: functional2020, economic: economic2020, procurement: procurement2020 },
};

export interface CodeListSet {
  /** The year asked for. */
  readonly requestedYear: number;
  /** The year of the lists actually returned (≤ requestedYear unless no earlier lists exist). */
  readonly year: number;
  readonly functional: CodeList;
  readonly economic: CodeList;
  readonly procurement: CodeList;
}

export interface CodeListRegistry {
  /** Years that have lists, ascending. */
  readonly years: readonly number[];
  /** The year whose lists serve `year`: the latest ≤ year, else the earliest. */
  resolveYear(year: number): number;
  getCodeLists(year: number): CodeListSet;
}

export function createCodeListRegistry(filesByYear: Readonly<Record<number, CodeListFilesOfYear>>): CodeListRegistry {
  const years = Object.keys(filesByYear)
    .map(Number)
    .filter((y) => Number.isInteger(y))
    .sort((a, b) => a - b);
  if (years.length === 0) throw new CodeListError(['没有任何年度的代码表']);
  const cache = new Map<number, Omit<CodeListSet, 'requestedYear'>>();

  const resolveYear = (year: number): number => {
    let chosen: number | undefined;
    for (const y of years) if (y <= year) chosen = y;
    return chosen ?? (years[0] as number);
  };

  const load = (year: number): Omit<CodeListSet, 'requestedYear'> => {
    const cached = cache.get(year);
    if (cached) return cached;
    const files = filesByYear[year] as CodeListFilesOfYear;
    const lists = {} as Record<CodeListKind, CodeList>;
    const problems: string[] = [];
    for (const kind of ['functional', 'economic', 'procurement'] as const) {
      try {
        const list = createCodeList(files[kind], { fileName: `${year}/${kind}.json` });
        if (list.kind !== kind) problems.push(`代码表 ${year}/${kind}.json：种类应为 ${kind}，文件中为 ${list.kind}`);
        if (list.year !== year) problems.push(`代码表 ${year}/${kind}.json：年度应为 ${year}，文件中为 ${list.year}`);
        lists[kind] = list;
      } catch (err) {
        if (err instanceof CodeListError) problems.push(...err.problems);
        else throw err;
      }
    }
    if (problems.length > 0) throw new CodeListError(problems);
    const set = Object.freeze({ year, ...lists });
    cache.set(year, set);
    return set;
  };

  return Object.freeze({
    years: Object.freeze(years),
    resolveYear,
    getCodeLists: (year: number): CodeListSet => ({ requestedYear: year, ...load(resolveYear(year)) }),
  });
}

const bundledRegistry = createCodeListRegistry(BUNDLED_FILES);

/** The bundled lists for a budget year (with the year fallback described above). */
export function getCodeLists(year: number): CodeListSet {
  return bundledRegistry.getCodeLists(year);
}

/** Years with bundled lists, ascending. */
export function availableCodeListYears(): readonly number[] {
  return bundledRegistry.years;
}
