/**
 * The audit of the bundled sample (the published 2020 budget of 深圳市信访局). The expected list is
 * written down from the reference text (万元 integers), not produced by the engine:
 *
 * Real inconsistencies of the publication (强制性 errors):
 * - 表14 prints 待支付以前年度采购项目 251 (总额 and 财政拨款) while 表5, 表13, 表15-3 and the
 *   narrative print 252: the same quantity printed twice must be equal.
 * - 表12 prints 公务用车购置及运行维护费 小计 blank in all four rows (市信访局 / 市信访局本级 × 2019 /
 *   2020) although 运行维护费 is 6 (and 总额 18 = 公务接待费 12 + 6, so 总额 is right).
 *
 * Rounding gaps (尾差, info):
 * - 表1 / 表6 本年支出合计 3,380 vs Σ 类 2,547 + 100 + 187 + 45 + 502 = 3,381 (5 figures).
 * - 表4 工资福利支出 1,681 vs Σ 款 1,011 + 321 + 110 + 50 + 45 + 1 + 144 = 1,682 (7 figures);
 *   商品和服务支出 163 vs Σ 13 款 = 162; 对个人和家庭的补助 121 vs 90 + 30 = 120 — each in the
 *   总计, 财政预算拨款小计, 一般公共预算拨款小计 and 一般性经费拨款 columns, which print the same figure.
 * - 表4 市信访局本级 1,964 vs Σ 类 1,681 + 163 + 121 = 1,965 (same four columns).
 * - 表5 市信访局本级 1,416 vs Σ projects 482 + 387 + 252 + 164 + 12 + 100 + 18 = 1,415 (总计,
 *   财政预算拨款小计, 一般公共预算拨款小计) and 一般性经费拨款 1,398 vs 1,397.
 * - 表7 市信访局本级 基本支出 1,964 vs Σ 项 358 + 144 + 1,231 + 110 + 50 + 45 + 27 = 1,965, and
 *   支出总计 3,380 vs Σ 项 3,381 (8 figures).
 * - 表14 合计 3,380 vs 基本支出事项 1,964 + projects (counting 待支付 as 表5's 252: 482 + 387 + 252 +
 *   164 + 12 + 100 + 18) = 3,379, in 总额 and 财政拨款 (8 figures; printed as they are, 3,378).
 * - 表12 公务接待费 12 vs 表4 30217 公务接待费 1 + 表5 严控类项目 / 公务接待 10 = 11 (2 figures),
 *   for 市信访局本级 and for the department row (提示性 rule, within the rounding tolerance).
 *
 * Everything else holds: e.g. 表2 收入总计 3,380 = 表3 支出总计 3,380; 表2 一般性经费拨款 3,362 =
 * 表4 1,964 + 表5 1,398; 表3 80 ≤ 133 ≤ 443 with 133 ≥ 30 % of 443 and 80 ≥ 60 % of 133; 表11 443 =
 * 9 + 434; 表15-1 资产采购 9 ≤ 表11 货物类 9; 30108 110 = 2080505 110, 30109 50 = 2080506 50, 30110 45
 * = 2101101 45, 30113 144 = 2210201 144; 表12 公务用车 0 + 6 = 表4 30231 4 + 表5 公务用车 2.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../io/budgetFile';
import type { DepartmentBudget } from '../model/document';
import { runAudit } from './audit';

const SAMPLE = new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url);
function sample(): DepartmentBudget {
  const r = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

const W = 1_000_000; // 分 per 万元
const FUNDING4 = ['total', 'fiscalAppropriation', 'generalPublicBudget', 'generalFunding'];

/** [finding id, severity, left (万元), right (万元)] */
const EXPECTED: [string, 'error' | 'warning' | 'info', number, number][] = [
  ['T14-project-eq-T5|T14|p:p-daizhifu|total', 'error', 251, 252],
  ['T14-project-eq-T5|T14|p:p-daizhifu|fiscal', 'error', 251, 252],
  ['T12-vehicle-subtotal|T12|dept:prev|vehicleSubtotal', 'error', 0, 6],
  ['T12-vehicle-subtotal|T12|dept:cur|vehicleSubtotal', 'error', 0, 6],
  ['T12-vehicle-subtotal|T12|u:u-bj:prev|vehicleSubtotal', 'error', 0, 6],
  ['T12-vehicle-subtotal|T12|u:u-bj:cur|vehicleSubtotal', 'error', 0, 6],
  ['T1-expenditure-sum|T1|out:currentYearExpenditure|amount', 'info', 3380, 3381],
  ['T6-expenditure-sum|T6|out:currentYearExpenditure|amount', 'info', 3380, 3381],
  ...FUNDING4.map((c): [string, 'info', number, number] => [`T4-category-sum|T4|ec:u-bj:301|${c}`, 'info', 1681, 1682]),
  ...FUNDING4.map((c): [string, 'info', number, number] => [`T4-category-sum|T4|ec:u-bj:302|${c}`, 'info', 163, 162]),
  ...FUNDING4.map((c): [string, 'info', number, number] => [`T4-category-sum|T4|ec:u-bj:303|${c}`, 'info', 121, 120]),
  ...FUNDING4.map((c): [string, 'info', number, number] => [`T4-unit-sum|T4|u:u-bj|${c}`, 'info', 1964, 1965]),
  ['T5-unit-sum|T5|u:u-bj|total', 'info', 1416, 1415],
  ['T5-unit-sum|T5|u:u-bj|fiscalAppropriation', 'info', 1416, 1415],
  ['T5-unit-sum|T5|u:u-bj|generalPublicBudget', 'info', 1416, 1415],
  ['T5-unit-sum|T5|u:u-bj|generalFunding', 'info', 1398, 1397],
  ['T7-unit-sum|T7|u:u-bj|basic', 'info', 1964, 1965],
  ['T7-unit-sum|T7|u:u-bj|total', 'info', 3380, 3381],
  ['T14-total-sum|T14|total|total', 'info', 3380, 3379],
  ['T14-total-sum|T14|total|fiscal', 'info', 3380, 3379],
  ['T12-reception-eq-T4-T5|u:u-bj', 'info', 12, 11],
  ['T12-reception-eq-T4-T5|dept', 'info', 12, 11],
];

describe('audit of the published 2020 budget of 深圳市信访局', () => {
  const findings = runAudit(sample());

  it('reports exactly the expected findings', () => {
    expect(findings.map((f) => f.id).sort()).toEqual(EXPECTED.map(([id]) => id).sort());
  });

  it.each(EXPECTED)('%s is %s: %d vs %d 万元', (id, severity, left, right) => {
    const f = findings.find((x) => x.id === id)!;
    expect(f.severity).toBe(severity);
    expect(f.leftFen).toBe(left * W);
    expect(f.rightFen).toBe(right * W);
    expect(f.differenceFen).toBe((left - right) * W);
  });

  it('lists rounding gaps as info only, never as errors or warnings', () => {
    expect(findings.filter((f) => f.severity === 'warning')).toEqual([]);
    for (const f of findings.filter((x) => x.severity === 'info')) {
      expect(Math.abs(f.differenceFen!)).toBeLessThanOrEqual(f.toleranceFen!);
      expect(f.message.startsWith('尾差：')).toBe(true);
    }
  });

  it('names the tables, rows and columns in the clerk’s words', () => {
    const byId = new Map(findings.map((f) => [f.id, f]));
    expect(byId.get('T12-vehicle-subtotal|T12|u:u-bj:cur|vehicleSubtotal')!.message).toBe(
      '表12 “市信访局本级 2020年”行“公务用车购置及运行维护费小计”列为空白，公务用车购置费与公务用车运行维护费之和为 6 万元，相差 -6 万元。',
    );
    expect(byId.get('T4-category-sum|T4|ec:u-bj:301|total')!.message).toBe(
      '尾差：表4 市信访局本级“工资福利支出”行“总计”列为 1,681 万元，所属各款之和为 1,682 万元，相差 -1 万元；7 个分别四舍五入的数字相加，允许相差 ±3.5 万元。',
    );
    // The printed blank 小计 is shown as blank (null) among the cells, with the parts it should add up.
    expect(byId.get('T12-vehicle-subtotal|T12|u:u-bj:cur|vehicleSubtotal')!.cells).toEqual([
      { table: 'T12', row: 'u:u-bj:cur', column: 'vehicleSubtotal', valueFen: null },
      { table: 'T12', row: 'u:u-bj:cur', column: 'vehiclePurchase', valueFen: null },
      { table: 'T12', row: 'u:u-bj:cur', column: 'vehicleOperation', valueFen: 6 * W },
    ]);
    // 表14 合计 explains that the misprinted 251 counts as 表5's 252.
    expect(byId.get('T14-total-sum|T14|total|total')!.message).toContain('表14“待支付以前年度采购项目”的“总额”印为 251 万元，与其组成部分不符，按 252 万元 计算');
  });
});

describe('messages follow the display unit, one unit per message', () => {
  it('in 元 when the editor shows 元 (the document is kept in 万元)', () => {
    const doc = sample();
    expect(doc.department.displayUnit).toBe('wan');
    const findings = runAudit(doc, { unit: 'yuan' });
    const t14 = findings.find((f) => f.id === 'T14-total-sum|T14|total|total')!;
    expect(t14.message).toContain('印为 2,510,000 元，与其组成部分不符，按 2,520,000 元 计算');
    for (const f of findings) expect(f.message, f.id).not.toContain('万元');
    for (const f of runAudit(doc)) expect(f.message, f.id).not.toMatch(/\d 元/);
  });
});
