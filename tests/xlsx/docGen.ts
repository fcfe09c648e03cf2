/**
 * fast-check generators of small random documents for the Excel round-trip property: 1–3 units,
 * economic lines, projects with sub-items, functional/transfer/procurement lines, “三公” amounts,
 * texts (with line breaks and CJK punctuation) and indicators.
 *
 * `visibleOnly`: only what the printed tables show (no functional lines of funds outside 表7–表9,
 * no 表1 other-expenditure inputs, only code-list names of economic lines, no full names of units
 * without a 表13 row) — what a workbook without the hidden metadata can carry.
 */
import fc from 'fast-check';
import { getCodeLists } from '../../shared/codes/registry';
import { departmentBudgetSchema, FUND_USES, PROJECT_TYPES, type DepartmentBudget } from '../../shared/model/document';
import { FUNDING_LEAVES } from '../../shared/model/funding';
import { emptyDocument } from '../../shared/model/emptyDocument';
import type { z } from 'zod';

type Input = z.input<typeof departmentBudgetSchema>;

const lists = getCodeLists(2020);
const ECON = lists.economic.entries.filter((e) => e.level === 2).map((e) => e.code);
const FUNCTIONAL = lists.functional.entries.filter((e) => e.level === 3).map((e) => e.code);
const PROCUREMENT = ['A03', 'C1000', 'C1600', 'C9900', 'B01', 'A02'];
const UNIT_NAMES = ['信息中心', '档案馆', '培训中心', '服务中心', '研究所'];
const PROJECT_WORDS = ['运维', '专项', '调研', '建设', '宣传', '培训', '检查', '保障'];
const CHARS = [...'预算项目绩效目标完成率提高维护信息系统运行合格及时满意度，。；（）“”、1234567890abc %≥'];

const text = (max: number) => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((cs) => cs.join(''));
const trimmed = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...CHARS.filter((c) => c.trim())), { minLength: min, maxLength: max })
    .map((cs) => cs.join(''));
const paragraph = fc.array(trimmed(1, 30), { maxLength: 3 }).map((ls) => ls.join('\n'));
/** Amounts in 分 up to a billion 元, sometimes empty, sometimes zero or negative. */
const amount = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 100_000_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5_000_000_000, max: -1 }) },
);
const fundingAmounts = fc.array(fc.tuple(fc.constantFrom(...FUNDING_LEAVES), amount), { maxLength: 4 }).map((pairs) => Object.fromEntries(pairs));
/** Indicators; only 表15 prints a 目标值来源 (source). */
const indicator = (i: number, withSource: boolean) =>
  fc
    .record({ level1: fc.constantFrom('产出指标', '效益指标', '满意度指标'), level2: fc.constantFrom('数量指标', '质量指标', '时效指标'), name: trimmed(1, 20), value: trimmed(1, 10), source: withSource ? fc.option(trimmed(1, 8), { nil: undefined }) : fc.constant(undefined) })
    .map(({ source, ...x }) => ({ id: `ind-${i}`, ...x, ...(source !== undefined ? { source } : {}) }));
const indicatorList = (withSource: boolean) => fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => indicator(i, withSource))));

export function documentArbitrary(visibleOnly: boolean): fc.Arbitrary<{ doc: DepartmentBudget; decimals: number }> {
  return fc
    .record({
      unitCount: fc.integer({ min: 1, max: 3 }),
      displayUnit: fc.constantFrom<'wan' | 'yuan'>('wan', 'yuan'),
      year: fc.integer({ min: 2020, max: 2023 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .chain(({ unitCount, displayUnit, year, seed }) => {
      const unitIds = Array.from({ length: unitCount }, (_, i) => `unit-${i}`);
      const unitNames = unitIds.map((_, i) => (i === 0 ? '市测试局本级' : `市测试局${UNIT_NAMES[(seed + i) % UNIT_NAMES.length]}`));
      const perUnit = (u: string, ui: number) =>
        fc.record({
          econ: fc.uniqueArray(fc.constantFrom(...ECON), { maxLength: 5 }).chain((codes) => fc.tuple(...codes.map((code) => fc.record({ code: fc.constant(code), amounts: fundingAmounts, rename: visibleOnly ? fc.constant(false) : fc.boolean() })))),
          projects: fc.integer({ min: 0, max: 3 }).chain((n) =>
            fc.tuple(
              ...Array.from({ length: n }, (_, pi) =>
                fc.record({
                  name: fc.constantFrom(...PROJECT_WORDS).map((w) => `${unitNames[ui]}${w}项目${pi + 1}`),
                  subItems: fc.array(fc.record({ name: trimmed(1, 8), amounts: fundingAmounts }), { maxLength: 3 }),
                  type: fc.constantFrom(...PROJECT_TYPES),
                  fundUses: fc.uniqueArray(fc.constantFrom(...FUND_USES), { maxLength: 3 }),
                  managed: fc.boolean(),
                  totalAmount: amount,
                  asset: amount,
                  assetItems: text(20),
                  texts: fc.record({ task: paragraph, overview: paragraph, usage: paragraph, midTermGoal: paragraph, annualGoal: paragraph }),
                  indicators: indicatorList(true),
                  t13: fc.option(trimmed(2, 10), { nil: undefined }),
                  t15: fc.option(trimmed(2, 10), { nil: undefined }),
                }),
              ),
            ),
          ),
          functional: fc.uniqueArray(fc.constantFrom(...FUNCTIONAL), { maxLength: 4 }).chain((codes) =>
            fc.tuple(...codes.map((code) => fc.record({ code: fc.constant(code), fund: visibleOnly ? fc.constantFrom('generalPublicBudget', 'governmentFund', 'stateCapitalBudget') : fc.constantFrom('generalPublicBudget', 'governmentFund', 'stateCapitalBudget', 'nonFiscal', 'specialAccountFunding'), basic: amount, project: amount }))),
          ),
          procurement: fc.uniqueArray(fc.constantFrom(...PROCUREMENT), { maxLength: 3 }).chain((codes) => fc.tuple(...codes.map((code) => fc.record({ code: fc.constant(code), amount })))),
          transfers: fc.array(fc.record({ code: fc.constantFrom(...FUNCTIONAL.slice(0, 40)), projectName: trimmed(2, 10), amount }), { maxLength: 2 }),
          income: fundingAmounts,
          procurementInputs: fc.tuple(amount, amount, amount),
          three: fc.tuple(amount, amount, amount, amount, amount, amount, amount, amount),
          other: fc.tuple(amount, amount, amount),
          fullName: fc.boolean(),
        });
      return fc.record({
        units: fc.tuple(...unitIds.map((u, i) => perUnit(u, i))),
        performance: fc.record({ overallGoal: paragraph, basicTaskContent: paragraph, indicators: indicatorList(false) }),
        notes: fc.dictionary(fc.constantFrom('T8', 'T9', 'T10', 'T12'), trimmed(1, 20).map((t) => `注：${t}`), { maxKeys: 2 }),
        competent: trimmed(2, 10),
        decimals: displayUnit === 'wan' ? fc.constantFrom(0, 2) : fc.constant(2),
      }).map(({ units, performance, notes, competent, decimals }) => {
        const input: Input = {
          ...emptyDocument({ name: '测试市测试局', shortName: '市测试局', competentDepartment: competent, fiscalYear: year, displayUnit }, 'shenzhen-2020'),
          performance,
          notes,
        };
        const add = <T extends { id: string }>(c: { byId: Record<string, T>; order: string[] }, x: T) => {
          c.byId[x.id] = x;
          c.order.push(x.id);
        };
        units.forEach((u, ui) => {
          const id = unitIds[ui]!;
          const managed = u.projects.some((p) => p.managed);
          const fullName = u.fullName && (!visibleOnly || managed) ? { fullName: `测试市${unitNames[ui]!.slice(1)}` } : {};
          add(input.units as never, { id, name: unitNames[ui]!, kind: ui === 0 ? 'ownOffice' : 'subordinateUnit', ...fullName });
          input.incomes[id] = u.income;
          u.econ.forEach((e, k) => add(input.economicLines as never, { id: `${id}-e${k}`, unitId: id, code: e.code, amounts: e.amounts, ...(e.rename ? { name: `自定${e.code}支出` } : {}) }));
          u.projects.forEach((p, k) => {
            const pid = `${id}-p${k}`;
            add(input.projects as never, {
              id: pid,
              unitId: id,
              name: p.name,
              // Without metadata a renamed 表13 row is found by order, which needs every project of the unit in 表13.
              tableNames: { ...(p.t13 && p.managed && (!visibleOnly || u.projects.every((q) => q.managed)) ? { table13: p.t13 } : {}), ...(p.t15 ? { table15: p.t15 } : {}) },
              type: p.type,
              fundUses: p.fundUses,
              startDate: `${year}-01-01`,
              endDate: `${year}-12-31`,
              performanceManaged: p.managed,
              totalAmount: p.totalAmount,
              assetPurchaseAmount: p.asset,
              assetPurchaseItems: p.assetItems,
              texts: p.texts,
              indicators: p.indicators.map((x, j) => ({ ...x, id: `${pid}-i${j}` })),
            });
            p.subItems.forEach((s, j) => add(input.subItems as never, { id: `${pid}-s${j}`, projectId: pid, name: s.name, amounts: s.amounts }));
          });
          u.functional.forEach((f, k) => add(input.functionalLines as never, { id: `${id}-f${k}`, unitId: id, code: f.code, fund: f.fund, basicExpenditure: f.basic, projectExpenditure: f.project }));
          u.procurement.forEach((p, k) => add(input.procurementItems as never, { id: `${id}-pi${k}`, unitId: id, code: p.code, amount: p.amount }));
          u.transfers.forEach((t, k) => add(input.transferLines as never, { id: `${id}-t${k}`, unitId: id, code: t.code, projectName: t.projectName, amount: t.amount }));
          input.unitProcurement![id] = { smeReserved: u.procurementInputs[0], microReserved: u.procurementInputs[1], priorYearProcurementPayable: u.procurementInputs[2] };
          const [a, b, c, d, e, f, g, h] = u.three;
          input.threePublicExpenses![id] = { previousYear: { officialTravelAbroad: a, officialReception: b, vehiclePurchase: c, vehicleOperation: d }, currentYear: { officialTravelAbroad: e, officialReception: f, vehiclePurchase: g, vehicleOperation: h } };
          if (!visibleOnly) input.otherExpenditure![id] = { subsidyToAffiliates: u.other[0], remittanceToSuperior: u.other[1], carryOverOut: u.other[2] };
        });
        return { doc: departmentBudgetSchema.parse(input), decimals };
      });
    });
}

