/**
 * Year-versioned code lists (代码表): 支出功能分类 (functional), 部门预算支出经济分类 (economic) and
 * 政府采购品目 (procurement). The lists are data (resources/codes/<year>/<kind>.json, which the clerk
 * may update); this module validates such a file and turns it into a read-only lookup object.
 *
 * Hierarchy is derived from the code, never stored:
 * - functional: 类 3 digits, 款 5 digits, 项 7 digits; the parent is the code without its last 2 digits.
 * - economic:   类 3 digits, 款 5 digits.
 * - procurement: a capital letter is level 1 (A 货物类, B 工程类, C 服务类); deeper codes add digits
 *   in pairs (A03, A0301, C1000…). The parent is the longest shorter prefix of that shape present in
 *   the list, so C1000 (Shenzhen prints 4-digit service codes directly under C) has parent C, A03 has
 *   parent A and A0301 has parent A03.
 *
 * Pure TypeScript: no Node or DOM APIs.
 */
import { z } from 'zod';
import { normalizeName } from './normalize';

export const CODE_LIST_KINDS = ['functional', 'economic', 'procurement'] as const;
export type CodeListKind = (typeof CODE_LIST_KINDS)[number];

/** Chinese name of each kind, for messages and titles. */
export const CODE_LIST_KIND_LABELS: Record<CodeListKind, string> = {
  functional: '支出功能分类',
  economic: '部门预算支出经济分类',
  procurement: '政府采购品目',
};

const SHAPES: Record<CodeListKind, { pattern: RegExp; description: string }> = {
  functional: { pattern: /^\d{3}(?:\d{2}){0,2}$/, description: '3 位（类）、5 位（款）或 7 位（项）数字' },
  economic: { pattern: /^\d{3}(?:\d{2})?$/, description: '3 位（类）或 5 位（款）数字' },
  procurement: { pattern: /^[A-Z](?:\d{2}){0,4}$/, description: '1 个大写字母（A/B/C），其后可接成对的数字，如 A03、C1000' },
};

// ---------------------------------------------------------------------------------------------
// File format
// ---------------------------------------------------------------------------------------------

export const codeEntrySchema = z.object({
  code: z.string({ error: '代码必须是文字' }).trim().min(1, { error: '代码不能为空' }),
  name: z.string({ error: '名称必须是文字' }).trim().min(1, { error: '名称不能为空' }),
  aliases: z
    .array(z.string({ error: '别名必须是文字' }).trim().min(1, { error: '别名不能为空' }), { error: '别名必须是文字列表' })
    .default([]),
  /** Free text for the clerk (e.g. "未经核对"); not used for matching. */
  note: z.string({ error: '说明必须是文字' }).optional(),
  /**
   * The parent as the list itself gives it (an imported catalogue whose codes are padded with zeros,
   * A01010100 under A01010000); null for a top-level code; absent: derived from the code's shape.
   */
  parent: z.string({ error: '上级代码必须是文字' }).trim().min(1, { error: '上级代码不能为空' }).nullable().optional(),
}, { error: '条目必须是含代码（code）和名称（name）的对象' });

const codeListFileBaseSchema = z.object({
  kind: z.enum(CODE_LIST_KINDS, { error: '种类（kind）必须是 functional、economic 或 procurement' }),
  year: z
    .number({ error: '年度（year）必须是数字' })
    .int({ error: '年度（year）必须是整数' })
    .min(1990, { error: '年度（year）不在合理范围内' })
    .max(2200, { error: '年度（year）不在合理范围内' }),
  title: z.string({ error: '标题（title）必须是文字' }).trim().min(1, { error: '标题（title）不能为空' }),
  source: z.string({ error: '来源（source）必须是文字' }).default(''),
  entries: z.array(codeEntrySchema, { error: '条目（entries）必须是列表' }).min(1, { error: '条目（entries）不能为空' }),
}, { error: '代码表文件的内容必须是一个 JSON 对象' });

/**
 * A code-list JSON file. Besides the field types it checks the list itself: code shapes for the
 * kind, unique codes, every non-top code's parent present and listed before it. Issues on entries
 * carry the path ['entries', index, …]; formatCodeListIssues turns them into Chinese messages.
 */
export const codeListFileSchema = codeListFileBaseSchema.superRefine((file, ctx) => {
  for (const problem of checkEntries(file.kind, file.entries)) {
    ctx.addIssue({ code: 'custom', message: problem.message, path: ['entries', problem.index, 'code'] });
  }
});
export type CodeListFile = z.output<typeof codeListFileSchema>;

// ---------------------------------------------------------------------------------------------
// Hierarchy derived from codes
// ---------------------------------------------------------------------------------------------

export function isValidCodeShape(kind: CodeListKind, code: string): boolean {
  return SHAPES[kind].pattern.test(code);
}

/**
 * Codes that could be the parent of `code`, nearest first, by shape alone. functional/economic: the
 * one code 2 digits shorter; procurement: every shorter letter+digit-pairs prefix (C1000 → C10, C).
 */
export function parentCandidates(kind: CodeListKind, code: string): string[] {
  if (kind === 'procurement') {
    const out: string[] = [];
    for (let len = code.length - 2; len >= 1; len -= 2) out.push(code.slice(0, len));
    return out;
  }
  return code.length > 3 ? [code.slice(0, code.length - 2)] : [];
}

interface EntryProblem {
  index: number;
  message: string;
}

function checkEntries(kind: CodeListKind, entries: readonly { code: string; parent?: string | null | undefined }[]): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const firstIndex = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!firstIndex.has(e.code)) firstIndex.set(e.code, i);
  });
  entries.forEach((e, index) => {
    const { code } = e;
    if (!isValidCodeShape(kind, code)) {
      problems.push({ index, message: `代码 ${code} 格式不对，${CODE_LIST_KIND_LABELS[kind]}代码应为 ${SHAPES[kind].description}` });
      return;
    }
    const first = firstIndex.get(code);
    if (first !== undefined && first !== index) {
      problems.push({ index, message: `代码 ${code} 重复（与第 ${first + 1} 项相同）` });
      return;
    }
    if (e.parent === null) return;
    if (e.parent !== undefined) {
      const parentIndex = firstIndex.get(e.parent);
      if (parentIndex === undefined) problems.push({ index, message: `代码 ${code} 的上级 ${e.parent} 不存在` });
      else if (parentIndex >= index) problems.push({ index, message: `代码 ${code} 排在其上级 ${e.parent}（第 ${parentIndex + 1} 项）之前，上级应排在前面` });
      return;
    }
    const candidates = parentCandidates(kind, code);
    if (candidates.length === 0) return;
    const present = candidates.find((c) => firstIndex.has(c));
    if (present === undefined) {
      // Name the structural parent for functional/economic, the top letter for procurement.
      const expected = kind === 'procurement' ? candidates[candidates.length - 1] : candidates[0];
      problems.push({ index, message: `代码 ${code} 的上级 ${expected} 不存在` });
      return;
    }
    const parentIndex = firstIndex.get(present) ?? -1;
    if (parentIndex > index) {
      problems.push({ index, message: `代码 ${code} 排在其上级 ${present}（第 ${parentIndex + 1} 项）之前，上级应排在前面` });
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Thrown by createCodeList / parseCodeListFile; `problems` holds one Chinese message per issue. */
export class CodeListError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'CodeListError';
    this.problems = problems;
  }
}

const FIELD_LABELS: Record<string, string> = {
  kind: '种类（kind）',
  year: '年度（year）',
  title: '标题（title）',
  source: '来源（source）',
  entries: '条目（entries）',
};

/**
 * Chinese messages for zod issues on a code-list file, e.g.
 * `代码表 functional.json 第 12 项：代码 20103 的上级 201 不存在`.
 */
export function formatCodeListIssues(issues: readonly z.core.$ZodIssue[], fileName: string): string[] {
  return issues.map((issue) => {
    const [head, index] = issue.path;
    if (head === 'entries' && typeof index === 'number') {
      return `代码表 ${fileName} 第 ${index + 1} 项：${issue.message}`;
    }
    const field = typeof head === 'string' ? (Object.hasOwn(FIELD_LABELS, head) ? FIELD_LABELS[head] : head) : undefined;
    if (field !== undefined && !issue.message.includes(field)) return `代码表 ${fileName} ${field}：${issue.message}`;
    return `代码表 ${fileName}：${issue.message}`;
  });
}

function defaultFileName(data: unknown): string {
  const kind = typeof data === 'object' && data !== null ? (data as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && (CODE_LIST_KINDS as readonly string[]).includes(kind) ? `${kind}.json` : '（未知种类）';
}

export interface CodeListOptions {
  /** Name used in error messages; defaults to `<kind>.json`. */
  fileName?: string;
}

/** Validate parsed JSON as a code-list file; throws CodeListError with Chinese messages. */
export function parseCodeListFile(data: unknown, options: CodeListOptions = {}): CodeListFile {
  const result = codeListFileSchema.safeParse(data);
  if (result.success) return result.data;
  throw new CodeListError(formatCodeListIssues(result.error.issues, options.fileName ?? defaultFileName(data)));
}

// ---------------------------------------------------------------------------------------------
// The lookup object
// ---------------------------------------------------------------------------------------------

/** Level within its list: 1 = 类 (or procurement letter), 2 = 款, 3 = 项. */
export type CodeLevel = 1 | 2 | 3 | 4 | 5;

export interface CodeEntry {
  readonly code: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly note?: string;
  readonly level: CodeLevel;
  /** Parent code, or null for a top-level code. */
  readonly parent: string | null;
}

export interface FindByNameOptions {
  /** Only entries at this level (e.g. 1 for the 类 lines of 表1). */
  level?: CodeLevel;
  /** Only direct children of this code. */
  parent?: string | null;
}

export interface DisplayNameOptions {
  /** Prefix the code: "2010308 信访事务" (default true). */
  withCode?: boolean;
}

export interface CodeList {
  readonly kind: CodeListKind;
  readonly year: number;
  readonly title: string;
  readonly source: string;
  /** All entries in official order, parents before children. */
  readonly entries: readonly CodeEntry[];
  /** Top-level entries (类 / procurement letters) in order. */
  readonly roots: readonly CodeEntry[];
  get(code: string): CodeEntry | undefined;
  has(code: string): boolean;
  levelOf(code: string): CodeLevel | undefined;
  parentOf(code: string): CodeEntry | undefined;
  /** Direct children in official order; empty for unknown codes and leaves. */
  childrenOf(code: string): readonly CodeEntry[];
  /** The chain from the top-level entry down to `code` itself (e.g. 201, 20103, 2010308); empty if unknown. */
  pathOf(code: string): readonly CodeEntry[];
  /** Entries whose name or an alias equals `name` after normalizeName, in official order. */
  findByName(name: string, options?: FindByNameOptions): readonly CodeEntry[];
  /** The single entry findByName returns, or undefined when there is none or the name is ambiguous. */
  findOneByName(name: string, options?: FindByNameOptions): CodeEntry | undefined;
  /** True if `name` (normalised) equals the entry's name or one of its aliases; false for unknown codes. */
  nameMatches(code: string, name: string): boolean;
  /** "2010308 信访事务" (or "信访事务" with withCode: false); the bare code if unknown. */
  displayName(code: string, options?: DisplayNameOptions): string;
}

/**
 * Build the lookup object from a code-list file (parsed JSON, validated here).
 * Throws CodeListError listing every problem, e.g. `代码表 functional.json 第 12 项：代码 20103 的上级 201 不存在`.
 */
export function createCodeList(data: unknown, options: CodeListOptions = {}): CodeList {
  const file = parseCodeListFile(data, options);
  const { kind } = file;

  const byCode = new Map<string, CodeEntry>();
  const children = new Map<string, CodeEntry[]>();
  const byName = new Map<string, CodeEntry[]>();
  const entries: CodeEntry[] = [];
  const roots: CodeEntry[] = [];

  for (const raw of file.entries) {
    const parent = raw.parent !== undefined ? raw.parent : (parentCandidates(kind, raw.code).find((c) => byCode.has(c)) ?? null);
    const parentEntry = parent === null ? undefined : byCode.get(parent);
    const level = (parentEntry === undefined ? 1 : parentEntry.level + 1) as CodeLevel;
    const aliases = Object.freeze([...raw.aliases]);
    const entry: CodeEntry = Object.freeze({
      code: raw.code,
      name: raw.name,
      aliases,
      level,
      parent,
      ...(raw.note !== undefined ? { note: raw.note } : {}),
    });
    byCode.set(entry.code, entry);
    entries.push(entry);
    if (parent === null) roots.push(entry);
    else {
      const list = children.get(parent);
      if (list) list.push(entry);
      else children.set(parent, [entry]);
    }
    const keys = new Set([entry.name, ...entry.aliases].map(normalizeName));
    for (const key of keys) {
      const list = byName.get(key);
      if (list) list.push(entry);
      else byName.set(key, [entry]);
    }
  }

  const empty: readonly CodeEntry[] = Object.freeze([]);
  const frozenChildren = new Map<string, readonly CodeEntry[]>();
  for (const [code, list] of children) frozenChildren.set(code, Object.freeze(list));

  const findByName = (name: string, opts: FindByNameOptions = {}): readonly CodeEntry[] => {
    const hits = byName.get(normalizeName(name)) ?? empty;
    return hits.filter(
      (e) => (opts.level === undefined || e.level === opts.level) && (opts.parent === undefined || e.parent === opts.parent),
    );
  };

  const list: CodeList = {
    kind,
    year: file.year,
    title: file.title,
    source: file.source,
    entries: Object.freeze(entries),
    roots: Object.freeze(roots),
    get: (code) => byCode.get(code),
    has: (code) => byCode.has(code),
    levelOf: (code) => byCode.get(code)?.level,
    parentOf: (code) => {
      const parent = byCode.get(code)?.parent;
      return parent == null ? undefined : byCode.get(parent);
    },
    childrenOf: (code) => frozenChildren.get(code) ?? empty,
    pathOf: (code) => {
      const path: CodeEntry[] = [];
      for (let e = byCode.get(code); e !== undefined; e = e.parent === null ? undefined : byCode.get(e.parent)) {
        path.unshift(e);
      }
      return path;
    },
    findByName,
    findOneByName: (name, opts) => {
      const hits = findByName(name, opts);
      return hits.length === 1 ? hits[0] : undefined;
    },
    nameMatches: (code, name) => {
      const entry = byCode.get(code);
      if (entry === undefined) return false;
      const key = normalizeName(name);
      return normalizeName(entry.name) === key || entry.aliases.some((a) => normalizeName(a) === key);
    },
    displayName: (code, opts = {}) => {
      const entry = byCode.get(code);
      if (entry === undefined) return code;
      return opts.withCode === false ? entry.name : `${entry.code} ${entry.name}`;
    },
  };
  return Object.freeze(list);
}
