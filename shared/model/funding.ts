/**
 * The funding-source tree (资金来源): columns of 表2/表4/表5, rows of 表1/表6.
 * Leaves are entered; groups are sums of their children, never typed.
 */
export const FUNDING_LEAVES = [
  'generalFunding', // 一般性经费拨款
  'specialFunding', // 财政专项资金拨款
  'investmentFunding', // 政府投资项目拨款
  'governmentFund', // 政府性基金预算拨款
  'stateCapitalBudget', // 国有资本经营预算拨款
  'specialAccountFunding', // 财政专户拨款
  'institutionRevenue', // 事业收入
  'businessRevenue', // 事业单位经营收入
  'otherIncome', // 其他收入
  'superiorSubsidy', // 上级补助收入
  'affiliateRemittance', // 附属单位上缴收入
  'institutionFundDrawdown', // 用事业基金弥补收支差额
  'carryOverIn', // 上年结余、结转
] as const;
export type FundingLeaf = (typeof FUNDING_LEAVES)[number];

export const FUNDING_GROUPS = {
  generalPublicBudget: ['generalFunding', 'specialFunding', 'investmentFunding'],
  fiscalAppropriation: ['generalPublicBudget', 'governmentFund', 'stateCapitalBudget', 'specialAccountFunding'],
  currentYearIncome: ['fiscalAppropriation', 'institutionRevenue', 'businessRevenue', 'otherIncome'],
  incomeTotal: ['currentYearIncome', 'superiorSubsidy', 'affiliateRemittance', 'institutionFundDrawdown', 'carryOverIn'],
} as const satisfies Record<string, readonly string[]>;
export type FundingGroup = keyof typeof FUNDING_GROUPS;
export type FundingNode = FundingLeaf | FundingGroup;

export const FUNDING_LABELS: Record<FundingNode, string> = {
  generalFunding: '一般性经费拨款',
  specialFunding: '财政专项资金拨款',
  investmentFunding: '政府投资项目拨款',
  governmentFund: '政府性基金预算拨款',
  stateCapitalBudget: '国有资本经营预算拨款',
  specialAccountFunding: '财政专户拨款',
  institutionRevenue: '事业收入',
  businessRevenue: '事业单位经营收入',
  otherIncome: '其他收入',
  superiorSubsidy: '上级补助收入',
  affiliateRemittance: '附属单位上缴收入',
  institutionFundDrawdown: '用事业基金弥补收支差额',
  carryOverIn: '上年结余、结转',
  generalPublicBudget: '一般公共预算拨款',
  fiscalAppropriation: '财政预算拨款',
  currentYearIncome: '本年收入',
  incomeTotal: '收入总计',
};

export function isFundingGroup(node: FundingNode): node is FundingGroup {
  return node in FUNDING_GROUPS;
}

/** All leaves under a node (the node itself if it is a leaf). */
export function fundingLeavesOf(node: FundingNode): FundingLeaf[] {
  if (!isFundingGroup(node)) return [node];
  return (FUNDING_GROUPS[node] as readonly FundingNode[]).flatMap(fundingLeavesOf);
}

/** Fund kinds of functional-classification lines (表7 一般公共预算, 表8 政府性基金, 表9 国有资本经营; the rest of 表1). */
export const FUNCTIONAL_FUNDS = ['generalPublicBudget', 'governmentFund', 'stateCapitalBudget', 'specialAccountFunding', 'nonFiscal'] as const;
export type FunctionalFund = (typeof FUNCTIONAL_FUNDS)[number];
export const FUNCTIONAL_FUND_LABELS: Record<FunctionalFund, string> = {
  generalPublicBudget: '一般公共预算',
  governmentFund: '政府性基金预算',
  stateCapitalBudget: '国有资本经营预算',
  specialAccountFunding: '财政专户管理资金',
  nonFiscal: '非财政拨款资金',
};
/** Which functional funds count as 财政拨款 (表6). */
export const FISCAL_FUNCTIONAL_FUNDS: readonly FunctionalFund[] = ['generalPublicBudget', 'governmentFund', 'stateCapitalBudget', 'specialAccountFunding'];
