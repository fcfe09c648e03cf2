/**
 * Amount columns of the funding-source tables (表2 income; 表4 basic and 表5 project expenditure),
 * in printed order. Leaves are entered on detail rows; group columns are row-wise sums.
 */
import { FUNDING_GROUPS, FUNDING_LEAVES, type FundingLeaf, type FundingNode } from '../model/funding';

/** Printed column order below 收入总计/总计: groups precede their children. */
export const FUNDING_COLUMNS: readonly FundingNode[] = [
  'fiscalAppropriation',
  'generalPublicBudget',
  'generalFunding',
  'specialFunding',
  'investmentFunding',
  'governmentFund',
  'stateCapitalBudget',
  'specialAccountFunding',
  'institutionRevenue',
  'businessRevenue',
  'otherIncome',
  'superiorSubsidy',
  'affiliateRemittance',
  'institutionFundDrawdown',
  'carryOverIn',
];

/** Children of the total column: 本年收入 has no 小计 column in these tables, so its parts are summed directly. */
export const TOTAL_TERMS: readonly FundingNode[] = [
  'fiscalAppropriation',
  'institutionRevenue',
  'businessRevenue',
  'otherIncome',
  'superiorSubsidy',
  'affiliateRemittance',
  'institutionFundDrawdown',
  'carryOverIn',
];

export const GROUP_COLUMNS = ['generalPublicBudget', 'fiscalAppropriation'] as const;

export function groupTerms(group: (typeof GROUP_COLUMNS)[number]): readonly FundingNode[] {
  return FUNDING_GROUPS[group];
}

export const LEAF_COLUMNS: readonly FundingLeaf[] = FUNDING_LEAVES;

/** Leaves that are not 财政拨款 (the 其他资金 of 表14/表15). */
export const NON_FISCAL_LEAVES: readonly FundingLeaf[] = [
  'institutionRevenue',
  'businessRevenue',
  'otherIncome',
  'superiorSubsidy',
  'affiliateRemittance',
  'institutionFundDrawdown',
  'carryOverIn',
];

/** Leaves that are not 一般公共预算拨款 (the 其他资金 of 表13). */
export const NON_GENERAL_PUBLIC_LEAVES: readonly FundingLeaf[] = [
  'governmentFund',
  'stateCapitalBudget',
  'specialAccountFunding',
  ...NON_FISCAL_LEAVES,
];
