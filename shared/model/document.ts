/**
 * The budget document (部门预算) and its zod schema: the single source of truth for the `.budget`
 * file format, IPC payloads and worker messages that carry a document.
 *
 * Conventions
 * - Amounts are integers of 分 (Fen). An absent key or `null` means "empty" (blank cell): zero for
 *   arithmetic, but distinguishable for display and for "empty table needs a note" rules.
 * - Collections are id-keyed records plus an order array (`{ byId, order }`), so inserting a row
 *   patches one array and one record entry instead of every later index (cheap immer patches).
 * - Only inputs are stored. Totals, subtotals and derived tables are computed (shared/compute).
 *   Printed values of computed cells read from a published workbook are kept in `reported`, keyed
 *   by cell key (shared/model/cellKey.ts), so the rules can compare printed totals with computed ones.
 */
import { z } from 'zod';
import { FUNCTIONAL_FUNDS, FUNDING_LEAVES, type FundingLeaf } from './funding';
import { AMOUNT_BOUND_TEXT, MAX_AMOUNT_FEN, MAX_AMOUNT_VOLUME_FEN, VOLUME_BOUND_TEXT, type Fen } from '../money/fen';
import { documentVolume } from './amountVolume';

/** One unit of the last printed digit, in 分: 0.01 元 … 1 元 (1–100), or 0.000001 万元 … 1 万元 (1–1,000,000). */
const PRINTED_PRECISIONS: readonly number[] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

export const DOCUMENT_FORMAT = 'budget-tables/department-budget';
/** 2: fields named as the glossary (threePublicExpenses, basicExpenditure / projectExpenditure); model/documentMigration.ts reads 1. */
export const DOCUMENT_VERSION = 2;

// An integer within the domain bound (money/fen.ts), typed as Fen: one check per amount (not three:
// int, min and max), no refine or transform step, because a large department holds hundreds of
// thousands of amounts.
const fenSchema = z.number().check((ctx) => {
  const v = ctx.value;
  if (!Number.isInteger(v)) ctx.issues.push({ code: 'custom', message: '金额必须是以“分”为单位的整数', input: v, continue: true });
  else if (v > MAX_AMOUNT_FEN || v < -MAX_AMOUNT_FEN) ctx.issues.push({ code: 'custom', message: `金额超出了允许的范围（${AMOUNT_BOUND_TEXT}）`, input: v, continue: true });
}) as unknown as z.ZodType<Fen, number>;
export const nullableFen = fenSchema.nullable();

/**
 * Ids (of units, lines, projects …) are keys of the document's records and parts of cell keys
 * (`T4|e:<id>|total`), so they come from a safe alphabet: ASCII letters, digits, `-`, `_`, `.`,
 * starting with a letter or digit, at most 64 characters, and never a name every plain object
 * already has (`constructor`, `toString` …), which `in` and `obj[id]` would find on the prototype.
 */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Whether `id` is a safe id (above); a character loop, as every id of a document is checked on each load. */
export function isSafeId(id: string): boolean {
  const n = id.length;
  if (n === 0 || n > 64) return false;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!alnum && (i === 0 || (c !== 95 && c !== 46 && c !== 45))) return false;
  }
  return !PROTOTYPE_NAMES.has(id);
}

export const idSchema = z.string().check((ctx) => {
  if (!isSafeId(ctx.value)) ctx.issues.push({ code: 'custom', message: '编号只能由英文字母、数字和 - _ . 组成（不超过 64 个字符），且不能是保留字', input: ctx.value, continue: true });
});
/** Keys of the other records (cell keys, finding keys, table ids): any text but a prototype name. */
const NOT_PROTOTYPE_NAME = new RegExp(`^(?!(?:${Object.getOwnPropertyNames(Object.prototype).join('|')})$)`);
/** A key of a plain object that came from outside (a file, a message): never a prototype name. */
export const safeKeySchema = z.string().regex(NOT_PROTOTYPE_NAME, { message: '键名不能是保留字' });
export const recordKeySchema = safeKeySchema.min(1).max(500);
/** A cell key (model/cellKey.ts): `T4|u:unit-1|generalFunding`. */
export const cellKeySchema = z.string().check((ctx) => {
  if (!isCellKey(ctx.value)) ctx.issues.push({ code: 'custom', message: '不是有效的单元格编号', input: ctx.value, continue: true });
});

/**
 * Whether `key` has the shape of a cell key, `T<1–2 digits>|<row>|<column>` (at most 500 characters;
 * the row may hold `|` but no line break, the column no `|`): a character test rather than a regular
 * expression, as a rounded workbook's document holds a printed total for every total cell.
 */
export function isCellKey(key: string): boolean {
  const n = key.length;
  if (n > 500 || key.charCodeAt(0) !== 84) return false;
  let i = 1;
  while (i < n && i <= 2 && key.charCodeAt(i) >= 48 && key.charCodeAt(i) <= 57) i++;
  if (i === 1 || key.charCodeAt(i) !== 124) return false;
  const last = key.lastIndexOf('|');
  if (last <= i + 1 || last === n - 1) return false;
  for (let k = i + 1; k < last; k++) {
    const c = key.charCodeAt(k);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return false;
  }
  return true;
}
const textSchema = z.string().max(20_000);

export const fundingAmountsSchema = z.partialRecord(z.enum(FUNDING_LEAVES), nullableFen);
export type FundingAmounts = Partial<Record<FundingLeaf, Fen | null>>;

function collection<T extends z.ZodTypeAny>(item: T) {
  return z
    .object({ byId: z.record(idSchema, item), order: z.array(idSchema) })
    .superRefine((c, ctx) => {
      const seen = new Set<string>();
      c.order.forEach((id, i) => {
        if (!Object.hasOwn(c.byId, id)) ctx.addIssue({ code: 'custom', message: `顺序表引用了不存在的编号 ${id}`, path: ['order', i] });
        if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `顺序表中编号 ${id} 重复`, path: ['order', i] });
        seen.add(id);
      });
      for (const id of Object.keys(c.byId)) {
        if (!seen.has(id)) ctx.addIssue({ code: 'custom', message: `编号 ${id} 不在顺序表中`, path: ['byId', id] });
      }
    });
}
export interface Collection<T> {
  byId: Record<string, T>;
  order: string[];
}

export const displayUnitSchema = z.enum(['wan', 'yuan']);
export type DisplayUnit = z.infer<typeof displayUnitSchema>;

export const budgetUnitSchema = z.object({
  id: idSchema,
  /** Name as printed in the tables' 预算单位 column, e.g. 市信访局本级. */
  name: z.string().min(1).max(200),
  /** Longer name where a table prints it (表13 实施单位: 深圳市信访局本级). */
  fullName: z.string().max(200).optional(),
  kind: z.enum(['ownOffice', 'subordinateUnit']),
});
export type BudgetUnit = z.infer<typeof budgetUnitSchema>;

/** 部门预算支出经济分类 款-level line of 表4 (basic expenditure), per unit. */
export const economicLineSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  /** 5-digit 款 code, e.g. 30101. */
  code: z.string().regex(/^\d{5}$/),
  /** Name as printed when it differs from the code list (kept as an alias, e.g. 其他社会保险缴费). */
  name: z.string().max(200).optional(),
  amounts: fundingAmountsSchema,
});
export type EconomicLine = z.infer<typeof economicLineSchema>;

export const PROJECT_TYPES = ['general', 'special', 'investment', 'governmentFund'] as const;
export const PROJECT_TYPE_LABELS: Record<(typeof PROJECT_TYPES)[number], string> = {
  general: '一般性项目支出',
  special: '专项性项目支出',
  investment: '政府投资项目支出',
  governmentFund: '政府性基金项目支出',
};
export const FUND_USES = ['business', 'policy', 'engineering', 'construction', 'informatization', 'equipment'] as const;
export const FUND_USE_LABELS: Record<(typeof FUND_USES)[number], string> = {
  business: '业务类',
  policy: '政策类（转移性支出）',
  engineering: '工程及维护类',
  construction: '基本建设',
  informatization: '信息化工程',
  equipment: '设备购置及维护',
};

/** One row of an indicator grid (表14 年度绩效指标, 表15 绩效目标). */
export const indicatorSchema = z.object({
  id: idSchema,
  /** 一级指标 / 目标内容, e.g. 产出指标 (表14) or 产出目标 (表15). */
  level1: z.string().max(100),
  /** 二级指标, e.g. 数量指标 / 数量. */
  level2: z.string().max(100),
  /** 三级指标 / 绩效指标. */
  name: textSchema,
  /** 指标值 / 指标目标值. */
  value: textSchema,
  /** 目标值来源 (表15 only). */
  source: z.string().max(500).optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const projectSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  /** Name as in 表5. */
  name: z.string().min(1).max(300),
  /** Names other tables print for the same project (the reference uses three names for one). */
  tableNames: z
    .object({ table13: z.string().max(300).optional(), table14: z.string().max(300).optional(), table15: z.string().max(300).optional() })
    .default({}),
  type: z.enum(PROJECT_TYPES),
  fundUses: z.array(z.enum(FUND_USES)).default([]),
  /** ISO dates (YYYY-MM-DD). */
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** 表13 lists the project (部门预算绩效管理项目). */
  performanceManaged: z.boolean().default(true),
  /** 项目总金额 over the project's life (表15); ≥ this year's amount. */
  totalAmount: nullableFen.default(null),
  /** 资产采购计划: 固定资产采购金额 and 采购品目 text (表15). */
  assetPurchaseAmount: nullableFen.default(null),
  assetPurchaseItems: textSchema.default(''),
  texts: z
    .object({
      /** 表14 主要内容. */
      task: textSchema.default(''),
      /** 表15 项目概况 / 项目用途 / 项目总(中期)目标 / 年度绩效目标. */
      overview: textSchema.default(''),
      usage: textSchema.default(''),
      midTermGoal: textSchema.default(''),
      annualGoal: textSchema.default(''),
    })
    .default({ task: '', overview: '', usage: '', midTermGoal: '', annualGoal: '' }),
  indicators: z.array(indicatorSchema).default([]),
});
export type Project = z.infer<typeof projectSchema>;
export type ProjectType = Project['type'];
export type FundUse = Project['fundUses'][number];

/** 二级项目 (sub-item) of 表5 with its funding amounts. */
export const subItemSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  name: z.string().min(1).max(300),
  amounts: fundingAmountsSchema,
});
export type SubItem = z.infer<typeof subItemSchema>;

/** 支出功能分类 项-level line (表7/表8/表9 and, aggregated, 表1/表6). */
export const functionalLineSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  /** 7-digit 项 code, e.g. 2010308. */
  code: z.string().regex(/^\d{7}$/),
  name: z.string().max(200).optional(),
  fund: z.enum(FUNCTIONAL_FUNDS),
  basicExpenditure: nullableFen,
  projectExpenditure: nullableFen,
});
export type FunctionalLine = z.infer<typeof functionalLineSchema>;

/** 表10 上级专项转移支付 line. */
export const transferLineSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  code: z.string().regex(/^\d{7}$/),
  name: z.string().max(200).optional(),
  projectName: z.string().max(300),
  amount: nullableFen,
});
export type TransferLine = z.infer<typeof transferLineSchema>;

/** 表11 政府采购 item at the finest printed 品目 level (A03, C1000 …); groups (A, C) are computed. */
export const procurementItemSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  code: z.string().regex(/^[A-C][0-9A-Z]*$/),
  name: z.string().max(200).optional(),
  amount: nullableFen,
});
export type ProcurementItem = z.infer<typeof procurementItemSchema>;

/** 表3 procurement columns entered per unit (本年政府采购 itself is Σ 表11). */
export const unitProcurementSchema = z.object({
  smeReserved: nullableFen.default(null),
  microReserved: nullableFen.default(null),
  priorYearProcurementPayable: nullableFen.default(null),
});

/** 表1 expenditure-side rows outside the functional classification, per unit. */
export const otherExpenditureSchema = z.object({
  subsidyToAffiliates: nullableFen.default(null), // 对附属单位补助支出
  remittanceToSuperior: nullableFen.default(null), // 上缴上级支出
  carryOverOut: nullableFen.default(null), // 结转下年
});

export const threePublicExpensesAmountsSchema = z.object({
  officialTravelAbroad: nullableFen.default(null),
  officialReception: nullableFen.default(null),
  vehiclePurchase: nullableFen.default(null),
  vehicleOperation: nullableFen.default(null),
});
export type ThreePublicExpensesAmounts = z.infer<typeof threePublicExpensesAmountsSchema>;
export const THREE_PUBLIC_EXPENSES_FIELDS = ['officialTravelAbroad', 'officialReception', 'vehiclePurchase', 'vehicleOperation'] as const;

/** 表12: per unit, last year's and this year's “三公” budget. */
export const unitThreePublicExpensesSchema = z.object({
  previousYear: threePublicExpensesAmountsSchema,
  currentYear: threePublicExpensesAmountsSchema,
});

export const acceptedWarningSchema = z.object({
  reason: z.string().min(1).max(2000),
  acceptedAt: z.string(),
});

export const departmentSchema = z.object({
  /** 单位名称 line, e.g. 深圳市信访局. */
  name: z.string().min(1).max(200),
  /** Short form used as the department row label in the tables, e.g. 市信访局. */
  shortName: z.string().min(1).max(200),
  /** 主管部门 (表14/表15). */
  competentDepartment: z.string().max(200).default(''),
  fiscalYear: z.number().int().min(2000).max(2100),
  /** Unit the amounts are shown and exported in (the unit of the workbook the document was read from). */
  displayUnit: displayUnitSchema,
  /**
   * Decimals of amounts in `displayUnit` when they are not the catalogue's (a workbook read in 万元 with 2
   * decimals keeps 2). Absent: the catalogue's decimals for the unit.
   */
  displayDecimals: z.number().int().min(0).max(6).optional(),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentBudgetSchema = z.object({
  format: z.literal(DOCUMENT_FORMAT),
  version: z.literal(DOCUMENT_VERSION),
  /** Table-layout catalogue id (region + year layout), e.g. shenzhen-2020. */
  catalogueId: z.string().min(1),
  department: departmentSchema,
  /**
   * Precision of the amounts when they were read from a published workbook, as the size of one
   * unit of the last printed digit in 分 (万元 integers: 1,000,000). null: amounts are exact
   * (entered in the editor), so rounding tolerance is zero.
   */
  printedPrecisionFen: z
    .number()
    .refine((p) => PRINTED_PRECISIONS.includes(p), { message: `打印精度应为 ${PRINTED_PRECISIONS.join('、')} 分之一` })
    .nullable()
    .default(null),
  units: collection(budgetUnitSchema),
  /** 表2: income per unit by funding source. */
  incomes: z.record(idSchema, fundingAmountsSchema),
  economicLines: collection(economicLineSchema),
  projects: collection(projectSchema),
  subItems: collection(subItemSchema),
  functionalLines: collection(functionalLineSchema),
  transferLines: collection(transferLineSchema),
  procurementItems: collection(procurementItemSchema),
  unitProcurement: z.record(idSchema, unitProcurementSchema),
  threePublicExpenses: z.record(idSchema, unitThreePublicExpensesSchema),
  otherExpenditure: z.record(idSchema, otherExpenditureSchema).default({}),
  performance: z.object({
    /** 表14 年度总体目标. */
    overallGoal: textSchema.default(''),
    /** 表14 基本支出事项 主要内容. */
    basicTaskContent: textSchema.default(''),
    indicators: z.array(indicatorSchema).default([]),
  }),
  /** Notes printed under tables, by table id (e.g. T8 → 注：我局无政府性基金预算支出。). */
  notes: z.record(recordKeySchema, z.string().max(2000)).default({}),
  /** Printed values of computed cells (cell key → 分, null = printed blank). */
  reported: z.record(cellKeySchema, nullableFen).default({}),
  /** Last year's amounts kept for comparison after a roll-forward (cell key → 分). */
  previousYear: z.record(cellKeySchema, nullableFen).default({}),
  /** Accepted 提示性 findings: finding key → reason. */
  acceptedWarnings: z.record(recordKeySchema, acceptedWarningSchema).default({}),
}).superRefine(
  (doc, ctx) => {
    // Every total is a sum of distinct amounts: bounding their absolute sum keeps every sum exact.
    // Measured once per parsed document and remembered with it (an import then never walks it again).
    if (documentVolume(doc) > MAX_AMOUNT_VOLUME_FEN) ctx.addIssue({ code: 'custom', message: `${VOLUME_BOUND_TEXT}，超出了允许的范围`, path: [] });
  },
  // Only a document whose every amount is valid is measured (one message per problem).
  { when: (payload) => payload.issues.length === 0 },
);

/** The document as held in memory (parsed; defaults filled). */
export type DepartmentBudget = z.infer<typeof departmentBudgetSchema>;

/**
 * Where the clerk's input amounts are kept (every other amount is computed): each holder record is
 * `[...prefix, <unit or row id>, ...suffix]` and holds the listed fields. `inputsOnlyAt`: the path
 * length from which a record holds nothing but inputs (a patch replacing it only changes inputs);
 * absent when the row record holds its inputs beside other fields. The cell graph binds its inputs
 * to these holders (compute/buildGraph.ts) and the audit engine classifies patches by them
 * (rules/engine.ts): a new input field is a field of its schema, listed here, and a cell of the graph.
 */
export const INPUT_HOLDERS = {
  income: { prefix: ['incomes'], suffix: [], fields: FUNDING_LEAVES, inputsOnlyAt: 2 },
  economicLine: { prefix: ['economicLines', 'byId'], suffix: ['amounts'], fields: FUNDING_LEAVES, inputsOnlyAt: 4 },
  subItem: { prefix: ['subItems', 'byId'], suffix: ['amounts'], fields: FUNDING_LEAVES, inputsOnlyAt: 4 },
  procurementItem: { prefix: ['procurementItems', 'byId'], suffix: [], fields: ['amount'] },
  unitProcurement: { prefix: ['unitProcurement'], suffix: [], fields: unitProcurementSchema.keyof().options, inputsOnlyAt: 2 },
  functionalLine: { prefix: ['functionalLines', 'byId'], suffix: [], fields: ['basicExpenditure', 'projectExpenditure'] },
  transferLine: { prefix: ['transferLines', 'byId'], suffix: [], fields: ['amount'] },
  threePublicExpensesPrevious: { prefix: ['threePublicExpenses'], suffix: ['previousYear'], fields: THREE_PUBLIC_EXPENSES_FIELDS, inputsOnlyAt: 2 },
  threePublicExpensesCurrent: { prefix: ['threePublicExpenses'], suffix: ['currentYear'], fields: THREE_PUBLIC_EXPENSES_FIELDS, inputsOnlyAt: 2 },
  otherExpenditure: { prefix: ['otherExpenditure'], suffix: [], fields: otherExpenditureSchema.keyof().options, inputsOnlyAt: 2 },
  project: { prefix: ['projects', 'byId'], suffix: [], fields: ['totalAmount', 'assetPurchaseAmount'] },
} as const satisfies Record<string, { prefix: readonly string[]; suffix: readonly string[]; fields: readonly string[]; inputsOnlyAt?: number }>;

/** The input records every unit has, by unit id (INPUT_HOLDERS whose prefix is one of these). */
export const UNIT_RECORDS = ['incomes', 'unitProcurement', 'threePublicExpenses', 'otherExpenditure'] as const;

/** A new unit's input records, every amount empty (the schemas' defaults). */
export function emptyUnitRecords(): { [K in (typeof UNIT_RECORDS)[number]]: DepartmentBudget[K][string] } {
  const threePublicExpenses = unitThreePublicExpensesSchema.parse({ previousYear: {}, currentYear: {} });
  return { incomes: {}, unitProcurement: unitProcurementSchema.parse({}), threePublicExpenses, otherExpenditure: otherExpenditureSchema.parse({}) };
}

/**
 * What each field of a project is, for the audit: an input amount (INPUT_HOLDERS.project), a date
 * the rules compare, a description no total or rule reads, or part of the row itself (its place,
 * names and listing in the tables: changing it rebuilds the tables).
 */
export const PROJECT_FIELD_ROLES = {
  id: 'row', unitId: 'row', name: 'row', tableNames: 'row', performanceManaged: 'row', startDate: 'date', endDate: 'date',
  totalAmount: 'input', assetPurchaseAmount: 'input',
  type: 'description', fundUses: 'description', assetPurchaseItems: 'description', texts: 'description', indicators: 'description',
} as const satisfies Record<keyof Project, 'row' | 'description' | 'date' | 'input'>;
