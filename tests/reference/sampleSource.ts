/**
 * The bundled sample: the published 2020 budget of 深圳市信访局 (/work/shared/reference/
 * shenzhen-xinfang-2020-budget.txt) transcribed by hand into a `.budget` document.
 *
 * - Inputs (表2 leaf columns, 表4 款 lines, 表5 sub-items, 表7 项 lines, 表11 品目, 表12 unit rows, 表3
 *   unit procurement columns, project forms of 表13–表15, 表14 texts and indicators, notes) are stored
 *   as inputs; amounts are printed 万元 integers converted to 分 (× 1,000,000).
 * - Every printed number of a COMPUTED cell is kept in `reported`, keyed by cell key (see
 *   shared/model/cellKey.ts), so the audit compares printed totals with totals computed from the
 *   (rounded) inputs. Rounding gaps (尾差) between them are expected: the publication says its
 *   figures are rounded to 万元.
 * - tests/reference/sample.test.ts checks every number of the reference against this document,
 *   through an independent reader of the text (referenceTables.ts).
 *
 * Write the sample file with `npx tsx tests/reference/writeSample.ts`.
 */
import type { z } from 'zod';
import { departmentBudgetSchema, DOCUMENT_FORMAT, DOCUMENT_VERSION } from '../../shared/model/document';
import { FEN_PER_WAN } from '../../shared/money/fen';

export type DepartmentBudgetInput = z.input<typeof departmentBudgetSchema>;
type FundingAmountsInput = DepartmentBudgetInput['incomes'][string];
type ProjectInput = DepartmentBudgetInput['projects']['byId'][string];
type SubItemInput = DepartmentBudgetInput['subItems']['byId'][string];
type IndicatorInput = NonNullable<ProjectInput['indicators']>[number];

export const SAMPLE_FILE_NAME = 'shenzhen-xinfang-2020.budget';

const UNIT = 'u-bj';

/** 万元 (as printed) → 分. */
function wan(value: number): number {
  return value * FEN_PER_WAN;
}

function byIdOrder<T extends { id: string }>(items: T[]): { byId: Record<string, T>; order: string[] } {
  const byId: Record<string, T> = {};
  for (const item of items) {
    if (item.id in byId) throw new Error(`duplicate id ${item.id}`);
    byId[item.id] = item;
  }
  return { byId, order: items.map((i) => i.id) };
}

// ---------------------------------------------------------------------------------------------
// 表4 基本支出预算表: 款 lines in printed order: [code, printed name, 万元]. Every line is funded by
// 一般性经费拨款 only (the row prints the same figure under 总计, 财政预算拨款 小计, 一般公共预算拨款
// 小计 and 一般性经费拨款). The name is stored only where it differs from the code list's name.
// ---------------------------------------------------------------------------------------------
const ECONOMIC_LINES: [code: string, printedName: string, amountWan: number][] = [
  // 301 工资福利支出 (printed 1,681)
  ['30101', '基本工资', 1011],
  ['30102', '津贴补贴', 321],
  ['30108', '机关事业单位基本养老保险缴费', 110],
  ['30109', '职业年金缴费', 50],
  ['30110', '职工基本医疗保险缴费', 45],
  ['30112', '其他社会保险缴费', 1], // code list: 其他社会保障缴费
  ['30113', '住房公积金', 144],
  // 302 商品和服务支出 (printed 163)
  ['30201', '办公费', 32],
  ['30202', '印刷费', 10],
  ['30207', '邮电费', 10],
  ['30209', '物业管理费', 2],
  ['30213', '维修（护）费', 15],
  ['30214', '租赁费', 1],
  ['30217', '公务接待费', 1],
  ['30226', '劳务费', 13],
  ['30228', '工会经费', 14],
  ['30229', '福利费', 2],
  ['30231', '公务用车运行维护费', 4],
  ['30239', '其他交通费用', 40],
  ['30299', '其他商品和服务支出', 18],
  // 303 对个人和家庭的补助支出 (printed 121)
  ['30302', '退休费', 90],
  ['30309', '奖励金', 30],
];
/** Printed names that differ from the 部门预算支出经济分类 code list (kept as aliases on the line). */
const ECONOMIC_PRINTED_ALIASES: Record<string, true> = { '30112': true };

// ---------------------------------------------------------------------------------------------
// 表5 项目支出预算表: projects (一级) and sub-items (二级) in printed order.
// ---------------------------------------------------------------------------------------------
interface SubItemRow {
  id: string;
  name: string;
  amountWan: number;
}
interface ProjectRow {
  id: string;
  name: string;
  /** 表5 prints the project's figure in the leaf column of its sub-items. */
  leaf: 'generalFunding' | 'investmentFunding';
  amountWan: number;
  subItems: SubItemRow[];
}
const PROJECT_ROWS: ProjectRow[] = [
  {
    id: 'p-dating',
    name: '信访大厅运行',
    leaf: 'generalFunding',
    amountWan: 482,
    subItems: [
      { id: 's-dating-baoan', name: '大厅保安服务费', amountWan: 50 },
      { id: 's-dating-wuye', name: '物业管理', amountWan: 129 },
      { id: 's-dating-qita', name: '其他', amountWan: 116 },
      { id: 's-dating-yunxing', name: '大厅运行管理经费', amountWan: 187 },
    ],
  },
  {
    id: 'p-zhuanxiang',
    name: '信访专项',
    leaf: 'generalFunding',
    amountWan: 387,
    subItems: [
      { id: 's-zhuanxiang-anjian', name: '信访案件处理', amountWan: 189 },
      { id: 's-zhuanxiang-peixun', name: '信访专项培训', amountWan: 100 },
      { id: 's-zhuanxiang-diaoyan', name: '信访调研', amountWan: 98 },
    ],
  },
  {
    id: 'p-daizhifu',
    name: '待支付以前年度采购项目',
    leaf: 'generalFunding',
    // 表5, 表13 and 表15-3 (and the narrative, 第三部分 and 第四部分) print 252; only 表14 prints 251,
    // which is kept as a reported value (T14|p:p-daizhifu|…) so the audit flags it.
    amountWan: 252,
    subItems: [{ id: 's-daizhifu', name: '待支付以前年度采购项目', amountWan: 252 }],
  },
  {
    id: 'p-xinxi',
    name: '信息管理',
    leaf: 'generalFunding',
    amountWan: 164,
    subItems: [
      { id: 's-xinxi-weihu', name: '信息化系统维护', amountWan: 134 },
      { id: 's-xinxi-wangshang', name: '网上信访', amountWan: 30 },
    ],
  },
  {
    id: 'p-yankong',
    name: '严控类项目',
    leaf: 'generalFunding',
    amountWan: 12,
    subItems: [
      { id: 's-yankong-jiedai', name: '公务接待', amountWan: 10 },
      { id: 's-yankong-gongche', name: '公务用车购置及运行', amountWan: 2 },
    ],
  },
  {
    id: 'p-zhunbeijin',
    name: '预算准备金',
    leaf: 'generalFunding',
    amountWan: 100,
    subItems: [{ id: 's-zhunbeijin', name: '预算准备金', amountWan: 100 }],
  },
  {
    id: 'p-touzi',
    name: '政府投资项目建设',
    leaf: 'investmentFunding',
    amountWan: 18,
    subItems: [{ id: 's-touzi', name: '政府投资项目建设', amountWan: 18 }],
  },
];

// ---------------------------------------------------------------------------------------------
// Indicator grids. 表15: [目标内容 (level1), 二级指标, 绩效指标, 指标目标值, 目标值来源];
// 表14: [一级指标, 二级指标, 三级指标, 指标值]. Texts as printed (including the PDF's spacing).
// ---------------------------------------------------------------------------------------------
type Table15IndicatorRow = [level1: string, level2: string, name: string, value: string, source: string];
type Table14IndicatorRow = [level1: string, level2: string, name: string, value: string];

function indicators15(prefix: string, rows: Table15IndicatorRow[]): IndicatorInput[] {
  return rows.map(([level1, level2, name, value, source], i) => ({
    id: `${prefix}-${String(i + 1).padStart(2, '0')}`,
    level1,
    level2,
    name,
    value,
    source,
  }));
}

function indicators14(prefix: string, rows: Table14IndicatorRow[]): IndicatorInput[] {
  return rows.map(([level1, level2, name, value], i) => ({ id: `${prefix}-${String(i + 1).padStart(2, '0')}`, level1, level2, name, value }));
}

const INDICATORS_15_1: Table15IndicatorRow[] = [
  ['产出目标', '数量', '社工咨询、调解、家访、辅导', '≥100 人次', '历史服务需求'],
  ['产出目标', '数量', '联动公益组织参与服务活动 (含团建、宣传、团体督导等)', '≥10 场', '历史服务需求'],
  ['产出目标', '数量', '常驻律师', '不少于 1 名执业律师和 5 名实习律师', '历史服务需求'],
  ['产出目标', '数量', '常驻心理咨询师', '1 名', '工作计划'],
  ['产出目标', '数量', '办公设备购置完成数', '10 台', '工作计划'],
  ['产出目标', '质量', '建设心理咨询室验收', '合格', '工作计划'],
  ['产出目标', '质量', '社工持证上岗率', '100%', '历史服务需求'],
  ['产出目标', '质量', '办公设备购置验收合格率', '100%', '历史服务需求'],
  ['产出目标', '时效', '信访事项受理及时率', '提高', '工作计划'],
  ['产出目标', '时效', '心理咨询室建设及时性', '2020 年 12 月', '工作计划'],
  ['产出目标', '时效', '办公设备购置及时性', '2020 年 12 月', '工作计划'],
  ['效果目标', '社会效益', '信访窗口接待信访数量下降', '下降', '工作计划'],
  ['效果目标', '社会效益', '维护社会和谐与稳定', '维护', '工作计划'],
  ['效果目标', '满意度', '购买社工服务满意度', '≥80%', '工作计划'],
  ['效果目标', '满意度', '购买律师服务满意度', '≥80%', '工作计划'],
  ['效果目标', '满意度', '群众信访评价满意率', '提高', '工作计划'],
];

const INDICATORS_15_2: Table15IndicatorRow[] = [
  ['产出目标', '数量', '入驻大厅接待工作人员上岗培训参加率', '100%', '年度工作计划'],
  ['产出目标', '数量', '大厅应急处置演练参与度', '大厅所有工作人员', '年度工作计划'],
  ['产出目标', '质量', '入驻大厅接待工作人员上岗培训合格率', '100%', '年度工作计划'],
  ['产出目标', '质量', '重点领域、重点群体、重点问题、重点人员四大信访矛盾攻坚案件办结率', '90%以上', '年度工作计划'],
  ['产出目标', '质量', '进京上访数量', '降低', '年度工作计划'],
  ['产出目标', '质量', '进京上访劝返率', '提高', '年度工作计划'],
  ['产出目标', '时效', '上岗培训开展及时性', '及时', '年度工作计划'],
  ['产出目标', '时效', '重点领域、重点群体、重点问题、重点人员四大信访矛盾攻坚案件办结及时性', '及时', '年度工作计划'],
  ['效果目标', '社会效益', '提高深圳市人民来访接待厅工作人员应急处置实战能力', '提高', '年度工作计划'],
  ['效果目标', '社会效益', '维护社会和谐与稳定', '维护', '年度工作计划'],
  ['效果目标', '满意度', '入驻大厅接待工作人员上岗培训满意度', '≥80%', '年度工作计划'],
  ['效果目标', '满意度', '群众信访评价满意率', '提高', '年度工作计划'],
];

const INDICATORS_15_4: Table15IndicatorRow[] = [
  ['产出目标', '数量', '市网上信访信息系统运行维护完成率', '100%', '工作计划'],
  ['产出目标', '质量', '市网上信访信息系统故障率', '降低', '工作计划'],
  ['产出目标', '质量', '信访局门户网站运行维护服务验收', '合格', '工作计划'],
  ['产出目标', '质量', '局网络与信息化建设维保服务验收', '合格', '工作计划'],
  ['产出目标', '时效', '市网上信访信息系统运行维护及时性', '及时', '工作计划'],
  ['产出目标', '时效', '局网络与信息化建设维保服务技术人员系统运行维护响应时间', '1小时内响应, 3小时内到达现场', '工作计划'],
  ['效果目标', '社会效益', '信息事故发生数', '减少', '工作计划'],
  ['效果目标', '社会效益', '系统安全率提高', '提高', '工作计划'],
  [
    '效果目标',
    '社会效益',
    '通畅信访渠道, 为群众提供更为便捷的网上信访通道, 节省信访成本',
    '进一步规范信访工作行为, 创新工作机制, 整合信息资源, 减少信访事项重复登记, 缩短交办信访事项的在途时间和经费成本, 同时通畅信访渠道, 为群众提供更为便捷的网上信访通道, 节省信访成本',
    '工作计划',
  ],
  [
    '效果目标',
    '社会效益',
    '进一步引导群众多上网、少走访, 逐步把网上信访作为解决信访问题的主渠道',
    '促进并引导群众多上网、少走访, 逐步把网上信访作为解决信访问题的主渠道',
    '工作计划',
  ],
  ['效果目标', '满意度', '使用信访信息系统工作人员满意度', '≥80%', '满意度调查'],
  ['效果目标', '满意度', '使用信访信息系统社会人员满意度', '≥80%', '满意度调查'],
];

/** 表14 年度绩效指标. */
const INDICATORS_14: Table14IndicatorRow[] = [
  ['产出指标', '数量指标', '社工咨询、调解、家访、辅导', '≥100 人次'],
  ['产出指标', '数量指标', '联动公益组织参与服务活动(含团建、宣传、团体督导等)', '≥10 场'],
  ['产出指标', '数量指标', '常驻律师', '不少于 1 名执业律师和 5 名实习律师'],
  ['产出指标', '数量指标', '大厅应急处置演练参与度', '大厅所有工作人员'],
  ['产出指标', '数量指标', '市网上信访信息系统运行维护完成率', '=100%'],
  ['产出指标', '数量指标', '常驻心理咨询师', '1 名'],
  ['产出指标', '质量指标', '建设心理咨询室验收合格', '合格'],
  ['产出指标', '质量指标', '重点领域、重点群体、重点问题、重点人员四大信访矛盾攻坚案件办结率', '≥90%'],
  ['产出指标', '质量指标', '进京上访数量', '降低'],
  ['产出指标', '质量指标', '进京上访劝返率', '提高'],
  ['产出指标', '质量指标', '局网络与信息化建设维保服务验收', '合格'],
  ['产出指标', '时效指标', '心理咨询室建设及时性', '2020年12月'],
  ['产出指标', '时效指标', '信访事项受理及时率', '提高'],
  ['产出指标', '时效指标', '局网络与信息化建设维保服务技术人员系统运行维护响应时间', '1小时内响应,3小时内到达现场'],
  ['产出指标', '时效指标', '重点领域、重点群体、重点问题、重点人员四大信访矛盾攻坚案件办结及时性', '及时'],
  ['产出指标', '成本指标', '支出进度达标率', '≥90%'],
  ['产出指标', '成本指标', '预算执行率', '≥90%'],
  [
    '效益指标',
    '社会效益指标',
    '进一步规范信访工作行为,创新工作机制,整合信息资源,减少信访事项重复登记,缩短交办信访事项的在途时间和经费成本,同时畅通信访渠道,为群众提供更为便捷的网上信访通道,节省信访成本',
    '进一步规范信访工作行为,创新工作机制,整合信息资源,减少信访事项重复登记,缩短交办信访事项的在途时间和经费成本,同时畅通信访渠道,为群众提供更为便捷的网上信访通道,节省信访成本',
  ],
  ['效益指标', '社会效益指标', '进一步引导群众多上网、少走访,逐步把网上信访作为解决信访问题的主渠道', '促进并引导群众多上网、少走访,逐步把网上信访作为解决信访问题的主渠道'],
  ['效益指标', '社会效益指标', '维护社会和谐与稳定', '维护'],
  ['效益指标', '可持续影响指标', '信访工作规范化', '规范'],
  ['满意度指标', '服务对象满意度指标', '群众信访评价满意率', '提高'],
  ['满意度指标', '服务对象满意度指标', '使用信访信息系统工作人员满意度', '≥80%'],
  ['满意度指标', '服务对象满意度指标', '使用信访信息系统社会人员满意度', '≥80%'],
];

/** 表14 年度总体目标: the ten <p>目标 n…</p> paragraphs, one per line (tags removed). */
const OVERALL_GOAL = [
  '目标 1.深入学习贯彻党的十九届四中全会精神，围绕建设中国特色社会主义先行示范区，全面深化特区信访工作制度变革；',
  '目标 2.持续推进信访业务流程改革迈向纵深，向各区信访部门推广信访业务流程改革经验；',
  '目标 3.完善重点信访案件案审制度，成立专项调研组深入研究，把“三到位一处理”原则具体化，形成可操作性的指导意见，推动“三到位一处理”在深圳真正落地；',
  '目标 4.加紧推进“智慧信访”立项建设，力争 2020 年底前初步展现“智慧信访”项目成果，提高信访事项办理质量和规范化水平，提升群众信访评价满意率；',
  '目标 5.加强信访工作法治化建设，进一步落实访诉分离、依法分类处理工作要求，推动律师参与信访矛盾化解；',
  '目标 6.坚持和发展新时代“枫桥经验”，深入推动领导干部接访下访和包案处理信访事项，进一步密切党群干群关系，完善社会矛盾纠纷多元预防调处化解综合机制；',
  '目标 7.继续开展信访矛盾化解攻坚专项行动，减存量控增量；',
  '目标 8.完善信访工作考核细则，发挥指挥棒作用，努力提高信访事项及时受理率、按期办结率和群众满意率；',
  '目标 9.加强我市信访接待场所规范化建设，建设心理服务室，健全应急处理机制，升级接待大厅监控等安保工作设备，配置更新便民服务设施等，确保市人民来访接待厅安全、舒适；',
  '目标 10.加强培训学习，抓好政治建设、作风建设、能力建设，提升信访工作者业务知识和群众工作能力，提高信访工作专业化水平，着力锻造一支忠诚干净担当的高素质信访干部队伍。',
].join('\n');

// ---------------------------------------------------------------------------------------------
// Project forms (表13 / 表14 主要内容 / 表15-N), in 表5 order.
// ---------------------------------------------------------------------------------------------
type ProjectForm = Omit<ProjectInput, 'id' | 'unitId' | 'name' | 'startDate' | 'endDate'>;

const PROJECT_FORMS: Record<string, ProjectForm> = {
  // 表15-1
  'p-dating': {
    type: 'general',
    fundUses: ['business'],
    totalAmount: wan(482),
    assetPurchaseAmount: wan(9),
    assetPurchaseItems: '1.笔记本电脑 6 台，合计 4.8 万； 2.高速双面扫描仪 1 台，0.4 万； 3.投影仪 3 台，合计 3.6 万。',
    texts: {
      task: '主要用于保障深圳市人民来访接待厅日常运行所需的各项开支，包括物业管理、水电、心理咨询室建设、办公设备、耗材购置、各类人员经费。人员经费主要用于邀请律师、心理咨询师、社会工作者、法律援助机构进驻接访场所。',
      overview:
        '为贯彻落实《国务院信访条例》、《广东省信访条例》、中共广东省委、广东省人民政府《关于进一步加强和改进新时期信访工作的意见》、《深圳经济特区信访条例》文件精神，按要求受理信访案件，邀请律师、心理咨询师、社会工作者、法律援助机构进驻接访场所，为信访人和信访机构提供法律和其他专业服务，畅通信访渠道，提高重大信访问题的处置效率，诉讼与信访分离制度，深入推进依法分类处理信访诉求工作，健全社会力量参与信访工作机制，依法及时解决社会矛盾，特设立该项目以保证深圳市人民来访接待厅运行，推进我市信访工作规范化、制度化建设，维护社会和谐与稳定。',
      usage:
        '该项目主要用于保障深圳市人民来访接待厅日常运行所需的各项开支，包括物业管理、水电、心理咨询室建设、办公设备、耗材购置、各类人员经费。人员经费主要用于邀请律师、心理咨询师、社会工作者、法律援助机构进驻接访场所。',
      // The PDF breaks the cell inside “稳压阀” (extracted as “稳 压阀”); joined here. The missing
      // closing quote after 稳压阀 is the publication's own.
      midTermGoal:
        '通过保障深圳市人民来访接待厅有效运行，进一步畅通信访渠道，及时、有序、高效做好群众来访接待处理工作，以切实维护群众合法权益为本，以解决信访突出问题，维护好社会稳定，保障正常的生产生活和工作秩序为目标，充分发挥部门职能作用，优化整合力。强化工作责任，及时妥善解决群众信访问题。实现信访工作“一站式接待，一条龙办理，一揽子解决”，力争把群众反映诉求解决在市级，使信访部门真正成为解决信访问题的“终点站”和化解矛盾的“稳压阀，成为全市维稳工作的中坚力量。',
      annualGoal:
        '通过购买社工服务深入开展深圳市信访局“助力空间”的服务及宣传推广工作，切实解决群众信访诉求，探索信访部门、社工机构、社会组织、社会公益力量多方联动助力信访工作的新路子，在充分发挥党委政府部门化解矛盾“主渠道作用”的同时，将社工、社会组织、社会公益力量引入信访工作，合力解决群众各种诉求特别是“信访外”诉求，以促进社会和谐稳定；通过购买律师服务，进一步提升信访工作法治化水平，引导群众理性表达合理诉求，依法维护权益。按照涉法涉诉信访工作机制改革的总体要求，严格实行诉讼与信访分离，把涉法涉诉信访纳入法治轨道解决，逐步建立涉法涉诉信访依法终结制度。引导信访人依照规定程序向有关政法机关提出，或者及时转同级政法机关依法办理。完善法院、检察院、公安、司法行政机关信访事项受理办理制度，落实便民利民措施，为群众提供便捷高效热情服务。完善诉讼、仲裁、行政复议等法定诉求表达方式，使合理合法诉求通过法律程序得到解决。加强司法能力建设，不断满足人民群众日益增长的司法需求，让人民群众在每一个司法案件中都感受到公平正义；通过建立心理咨询室，将心理咨询与信访工作有效融合，构建由信访工作人员、驻点心理咨询师、个案处理心理专家组成的信访工作小组，通过联动配合、优势互补，提高信访工作手段与过程的人性化程度，提升信访接待水平、化解矛盾纠纷、实现息诉止访、促进社会稳定和谐；通过保障深圳市人民来访接待厅有效运行，切实维护群众合法权益为本，保障正常的生产生活和工作秩序为目标,充分发挥部门职能作用,优化整合力,强化工作责任,及时妥善解决群众信访问题。',
    },
    indicators: indicators15('i-dating', INDICATORS_15_1),
  },
  // 表15-2
  'p-zhuanxiang': {
    type: 'general',
    fundUses: ['business'],
    totalAmount: wan(387),
    assetPurchaseAmount: 0, // printed 0
    assetPurchaseItems: '',
    texts: {
      task: '主要用于信访调研、人员培训、信访案件处理等业务。',
      overview:
        '为贯彻落实《国务院信访条例》、《广东省信访条例》、《深圳经济特区信访条例》文件精神，信访工作应当在各级人民政府领导下，坚持属地管理、分级负责，谁主管、谁负责，依法、及时、就地解决问题与疏导教育相结合的原则，各级人民政府、县级以上人民政府工作部门应当科学、民主决策，依法履行职责，从源头上预防导致信访事项的矛盾和纠纷。',
      // Printed as five <p> paragraphs: one per line, tags removed.
      usage: [
        '该项目主要用于以下几个方面：',
        '1.培训经费：主要用于入驻深圳市人民来访接待厅的工作人员的上岗培训及大厅所有人员的应急处置培训经费支出。',
        '2.信访维稳专项经费：主要用于驻京、驻穗工作组等经费支出。',
        '3.信访局专项经费：主要用于信访日常工作中的会议、调研、档案整理等相关经费支出。',
        '4.信访维稳专项经费（突发信访事项费用）：主要用于各类突发信访事件差旅费、租赁费、其他商品和服务费支出。',
      ].join('\n'),
      midTermGoal:
        '切实解决各类信访问题、息访息诉、充分发挥资金效益，落实政策、化解矛盾、包案稳控等多种措施相结合，及时帮助人民群众解决生产和生活中存在的困难和问题，从源头上减少信访问题的产生，提高进京上访劝返率，降低进京上访数量。',
      // The cell continues on the next page (“…前瞻性、系” + “统性、针对性…”); joined.
      annualGoal:
        '一是加强培训教育。通过开展党性教育、信访业务培训，提升深圳市信访干部自身素质，不断提高与群众沟通、做群众工作以及为党委政府建言献策的能力和水平。二是加强作风建设。强化责任担当，团结协作奋进，严格廉洁自律，打造一支政治坚定、纪律严明、业务精湛、作风优良的信访干部队伍，以更好的改革开放精神状态，把信访工作作为“了理民情、集中民智、维护民利、凝聚民心”的一项重要工作抓紧抓好，为深圳市朝着“建设中国特色社会主义先行示范区的方向前行、努力创建社会主义现代化强国的城市范例”做出贡献。三是坚持把信访工作作为了解民情、集中民智、维护民利、凝聚民心的一项重要工作，千方百计为群众排忧解难。切实依法及时就地解决群众合理诉求，注重源头预防，夯实基层基础，加强法治建设，健全化解机制，不断增强工作的前瞻性、系统性、针对性，真正把解决信访问题的过程作为践行党的群众路线、做好群众工作的过程，努力把矛盾化解在早，化解在小，化解在基层，更好地为党和国家事业发展凝聚民心。',
    },
    indicators: indicators15('i-zhuanxiang', INDICATORS_15_2),
  },
  // 表15-3
  'p-daizhifu': {
    type: 'general',
    fundUses: ['business'],
    totalAmount: wan(252),
    assetPurchaseAmount: null, // printed blank
    assetPurchaseItems: '',
    texts: {
      task: '用于支付以前年度待支付采购项目剩余尾款。',
      overview: '项目主要为以前年度未支付采购项目而设立。主要未支付采购项目有市网上信访信息系统升级改造、市信访信息系统（OA）升级改造、业务数据分析研究项目等项目。',
      usage: '项目资金用于支付以前年度待支付采购项目剩余尾款。',
      midTermGoal: '牢固树立过“紧日子”的思想，坚持勤俭办一切事业，合理安排符合规定的各项支出。',
      annualGoal: '牢固树立过“紧日子”的思想，坚持勤俭办一切事业，合理安排符合规定的各项支出。',
    },
    indicators: [],
  },
  // 表15-4
  'p-xinxi': {
    type: 'general',
    fundUses: ['business'],
    totalAmount: wan(164),
    assetPurchaseAmount: 0, // printed 0
    assetPurchaseItems: '',
    texts: {
      task: '主要用于信访信息系统升级改造及日常维护业务',
      overview:
        '为贯彻落实《国务院信访条例》、《广东省信访条例》、《深圳经济特区信访条例》文件精神，关于密切联系群众，保护信访人合法权益，维护信访秩序的相关工作要求，进一步畅通信访渠道，提高工作效率，降低信访群众因长途跋涉带来的人力财力开支等现实需求。同时，为落实《中共中央 国务院<关于进一步加强新时期信访工作的意见>》关于完善信访诉求表达方式，确保信访渠道畅通，通过开通信访绿色邮政、专线电话、网上信访等多种渠道，引导群众更多地以书信、传真、电子邮件等书面形式表达诉求，确保民情、民意、民智顺畅上达，设立该项目，保障市网上信访信息系统、智能办公系统、信访局门户网站的正常运行，走好网上群众路线，积极推进大数据与信访工作的深度融合，以智能化推动信访基础业务规范化，切实提升服务群众水平。',
      usage:
        '该项目主要用于深圳市网上信访信息系统与广东省网上信访信息系统 V4.0 规范对接改造项目、电子政务内网电子文件交换系统建设项目、信息安全服务、局网络信息化办公，网站、政府在线与微信公众号运营维护、市网上信访信息系统运行维护等信息管理经费支出。',
      midTermGoal:
        '贯彻落实党的十八大以来和中共中央办公厅、国务院办公厅《关于创新群众工作方法解决信访突出问题的意见》文件精神及市领导关于加快推进全市“智慧信访”建设有关指示要求，积极适应创新社会治理体制的新要求，不断满足人民群众对改进信访工作的新期待，以信息化建设和应用为突破口，推动信访工作效能水平和公信力的全面提升，加快推进信访工作信息化建设，保障信访工作有序务实高效、促进民主决策、提升信访工作科学管理水平的迫切需要。',
      annualGoal:
        '完成各项信息系统或设备的日常运维工作，确保系统日常正常运行，健全我市信访局信息系统安全应急响应工作机制，提高应对信息系统突发事件的防控和应急处置能力，保证信息系统漏洞修复工作有预案、有研判、有突发处置能力，确保信息系统安全稳定运行，创造安全、可靠的网络工作环境。',
    },
    indicators: indicators15('i-xinxi', INDICATORS_15_4),
  },
  // 表15-5
  'p-yankong': {
    type: 'general',
    fundUses: ['business'],
    totalAmount: wan(12),
    assetPurchaseAmount: 0, // printed 0
    assetPurchaseItems: '',
    texts: {
      task: '该项目主要用于我局公务用车运行维护、公务接待经费支出。',
      overview:
        '为有效保障公务活动，按照《中共深圳市委办公厅 深圳市人民政府办公厅关于印发<深圳市党政机关国内公务接待管理制度>的通知》（深办发〔2014〕12号）、《中共中央办公厅 国务院办公厅关于印发《党政机关公务用车管理办法》的通知》（中办发〔2017〕71号）等相关文件要求设立该项目。',
      usage: '该项目主要用于我局公务用车运行维护、公务接待经费支出。',
      midTermGoal: '有效保障市信访局各项公务活动。',
      annualGoal:
        '按照《中共深圳市委办公厅 深圳市人民政府办公厅关于印发<深圳市党政机关国内公务接待管理制度>的通知》（深办发〔2014〕12号）、《中共中央办公厅 国务院办公厅关于印发《党政机关公务用车管理办法》的通知》（中办发〔2017〕71号）等相关文件要求严控公务用车运行维护、公务接待经费支出，有效保障公务活动的同时，厉行勤俭节约，反对铺张浪费，促进党风廉政建设和节约型机关建设。',
    },
    indicators: [],
  },
  // 表15-6
  'p-zhunbeijin': {
    type: 'general',
    fundUses: ['business'],
    totalAmount: wan(100),
    assetPurchaseAmount: 0, // printed 0
    assetPurchaseItems: '',
    texts: {
      // 表14 breaks this cell across a page (“…因公出” + “国(境)经费; 4.…”); joined. 表14 prints
      // “经费; 4.” where 表15-6 项目用途 prints “经费； 4.”: both kept as printed.
      task: '预算准备金是我局在一般性项目支预算中按一定比例预留的部门机动经费,以满足年度预算行中因临时增加工作确需安排的资金需求。具体资金使用范围如下： 1.应对预算执行中突发应急工作等临时性急需开支； 2.因市委市政府或上级部门临时安排的工作任务的新增开支； 3.按有关规定审核安排的因公出国(境)经费; 4.其他不可预见的开支。',
      overview: '按照《预算法》、《深圳市本级部门预算项目支出编审工作规程（试行）》、《深圳市本级部门预算准备金管理办法（暂行）》要求设立本项目。',
      usage:
        '预算准备金是我局在一般性项目支预算中按一定比例预留的部门机动经费,以满足年度预算行中因临时增加工作确需安排的资金需求。具体资金使用范围如下： 1.应对预算执行中突发应急工作等临时性急需开支； 2.因市委市政府或上级部门临时安排的工作任务的新增开支； 3.按有关规定审核安排的因公出国(境)经费； 4.其他不可预见的开支。',
      midTermGoal:
        '预算准备金使用严格执行厉行节约和严控“三公”经费相关管理规定，切实有效地控制行政运行成使用时应按照项目库管理要求,认真细化编制项目,真实、准确地反映项目的支出内容,并按规定程序审批后，方可使用。',
      annualGoal: '预算准备金使用应充分体优化资源配置和勤俭节约办事的要求,通过强化预算绩效理等方式不断提升财政资金使用绩效。',
    },
    indicators: [],
  },
  // 表15-7
  'p-touzi': {
    tableNames: { table13: '政府投资建设项目', table15: '深圳市人民政府热线全面整合工程' },
    type: 'investment', // 政府投资项目支出 is the checked box
    fundUses: ['business'], // 业务类 is the checked box
    totalAmount: wan(18),
    assetPurchaseAmount: null, // printed blank
    assetPurchaseItems: '无',
    texts: {
      task: '主要用于支付深圳市人民政府 12345 公开电话系统建设尾款。',
      overview:
        '根据《深圳市发展和改革委员会关于下达深圳书城宝安城等项目 2017 年政府投资计划工程结算款》的通知（深发改 2017），设立该项目，现阶段项目已建设完成，为支付项目尾款。',
      usage: '该项目资金用于 12345 公开电话系统建设项目中的尾款支出。',
      midTermGoal: '按相关文件要求做好项目竣工验收工作及项目尾款支付。',
      annualGoal: '按相关文件要求做好项目竣工验收工作及项目尾款支付。', // same text as the 中期目标; 表15-7 prints no indicator grid
    },
    indicators: [],
  },
};

// ---------------------------------------------------------------------------------------------
// Inputs of the other tables.
// ---------------------------------------------------------------------------------------------
/** 表7 一般公共预算支出情况表: [项 code, 基本支出, 项目支出] in printed order (null = printed blank). */
const FUNCTIONAL_LINES: [code: string, basicWan: number | null, projectWan: number | null][] = [
  ['2210203', 358, null], // 购房补贴
  ['2210201', 144, null], // 住房公积金
  ['2010308', 1231, 1316], // 信访事务 (printed “2547”/“1231” without thousands separators)
  ['2080505', 110, null], // 机关事业单位基本养老保险缴费支出
  ['2080506', 50, null], // 机关事业单位职业年金缴费支出
  ['2101101', 45, null], // 行政单位医疗
  ['2080501', 27, null], // 行政单位离退休
  ['2050803', null, 100], // 培训支出
];

/** 表11 政府采购项目支出预算表: [品目 code, 万元]; the groups A 货物类 (9) and C 服务类 (434) are computed. */
const PROCUREMENT_ITEMS: [code: string, amountWan: number][] = [
  ['A03', 9], // 一般设备
  ['C1000', 129], // 物业管理
  ['C1600', 50], // 保安服务
  ['C9900', 255], // 其他服务
];

// ---------------------------------------------------------------------------------------------
// `reported`: printed values of computed cells (万元; null = printed blank where that matters).
// ---------------------------------------------------------------------------------------------
const reportedWan: Record<string, number | null> = {};
function report(table: string, row: string, values: Record<string, number | null>): void {
  for (const [column, value] of Object.entries(values)) {
    const key = `${table}|${row}|${column}`;
    if (key in reportedWan) throw new Error(`duplicate reported cell ${key}`);
    reportedWan[key] = value;
  }
}

// 表1 部门收支预算总表 (every cell computed). Printed blanks are not recorded (they are empty sums).
report('T1', 'in:fiscalAppropriation', { amount: 3380 }); // 一、财政预算拨款
report('T1', 'in:generalPublicBudget', { amount: 3380 }); // 一般公共预算拨款
report('T1', 'in:generalFunding', { amount: 3362 }); // 一般性经费拨款
report('T1', 'in:investmentFunding', { amount: 18 }); // 政府投资项目拨款
report('T1', 'in:currentYearIncome', { amount: 3380 }); // 本年收入合计
report('T1', 'in:incomeTotal', { amount: 3380 }); // 收入总计
const OVERVIEW_EXPENDITURE: [code: string, amountWan: number][] = [
  ['201', 2547], // 一、一般公共服务
  ['20103', 2547], // 政府办公厅（室）及相关机构事务
  ['2010308', 2547], // 信访事务
  ['205', 100], // 二、教育支出
  ['20508', 100], // 进修及培训
  ['2050803', 100], // 培训支出
  ['208', 187], // 三、社会保障和就业支出
  ['20805', 187], // 行政事业单位养老支出
  ['2080501', 27], // 行政单位离退休
  ['2080505', 110], // 机关事业单位基本养老保险缴费支出
  ['2080506', 50], // 机关事业单位职业年金缴费支出
  ['210', 45], // 四、卫生健康支出
  ['21011', 45], // 行政事业单位医疗
  ['2101101', 45], // 行政单位医疗
  ['221', 502], // 五、住房保障支出
  ['22102', 502], // 住房改革支出
  ['2210201', 144], // 住房公积金
  ['2210203', 358], // 购房补贴
];
for (const [code, amount] of OVERVIEW_EXPENDITURE) report('T1', `out:${code}`, { amount });
report('T1', 'out:currentYearExpenditure', { amount: 3380 }); // 本年支出合计
report('T1', 'out:expenditureTotal', { amount: 3380 }); // 支出总计

// 表6 财政拨款收支总体情况表 (every cell computed): same expenditure side as 表1.
report('T6', 'in:generalPublicBudget', { amount: 3380 }); // 一、一般公共预算拨款
report('T6', 'in:generalFunding', { amount: 3362 });
report('T6', 'in:investmentFunding', { amount: 18 });
report('T6', 'in:currentYearIncome', { amount: 3380 }); // 本年收入合计
report('T6', 'in:incomeTotal', { amount: 3380 }); // 收入总计
for (const [code, amount] of OVERVIEW_EXPENDITURE) report('T6', `out:${code}`, { amount });
report('T6', 'out:currentYearExpenditure', { amount: 3380 });
report('T6', 'out:expenditureTotal', { amount: 3380 });

// 表2 部门收入预算总表: the department row, and the group columns of the unit row.
report('T2', 'dept', { incomeTotal: 3380, fiscalAppropriation: 3380, generalPublicBudget: 3380, generalFunding: 3362, investmentFunding: 18 });
report('T2', `u:${UNIT}`, { incomeTotal: 3380, fiscalAppropriation: 3380, generalPublicBudget: 3380 });

// 表3 部门支出预算总表.
report('T3', 'dept', { total: 3380, basic: 1964, project: 1416, procurement: 443, smeReserved: 133, microReserved: 80, priorYearProcurementPayable: 252 });
report('T3', `u:${UNIT}`, { total: 3380, basic: 1964, project: 1416, procurement: 443 });

// 表4 基本支出预算表: the printed figure repeats under 总计 / 财政预算拨款 / 一般公共预算拨款 (and
// 一般性经费拨款 on aggregate rows). Σ of the printed 款 lines differs from the printed 类 rows by
// rounding (301: 1,682 vs 1,681; 302: 162 vs 163; 303: 120 vs 121; unit: 1,965 vs 1,964).
const t4 = (amount: number) => ({ total: amount, fiscalAppropriation: amount, generalPublicBudget: amount });
report('T4', 'dept', { ...t4(1964), generalFunding: 1964 });
report('T4', `u:${UNIT}`, { ...t4(1964), generalFunding: 1964 });
report('T4', `ec:${UNIT}:301`, { ...t4(1681), generalFunding: 1681 }); // 工资福利支出
report('T4', `ec:${UNIT}:302`, { ...t4(163), generalFunding: 163 }); // 商品和服务支出
report('T4', `ec:${UNIT}:303`, { ...t4(121), generalFunding: 121 }); // 对个人和家庭的补助支出
for (const [code, , amount] of ECONOMIC_LINES) report('T4', `e:e-${code}`, t4(amount));

// 表5 项目支出预算表. On the department and unit rows the PDF text puts 18 one cell further right
// (under 政府性基金预算拨款) than on the 政府投资项目建设 rows (政府投资项目拨款). It is recorded as
// investmentFunding: 表1 (and 表2, read with the template's columns) print 政府投资项目拨款 18 and
// 政府性基金预算拨款 empty, 表8 says the department has no 政府性基金 expenditure, and 1,398 + 18 =
// 1,416 = 一般公共预算拨款 小计, which does not include 政府性基金.
// Σ of the printed projects is 1,415 (and 1,397 一般性经费) against the printed 1,416 (1,398): rounding.
report('T5', 'dept', { total: 1416, fiscalAppropriation: 1416, generalPublicBudget: 1416, generalFunding: 1398, investmentFunding: 18 });
report('T5', `u:${UNIT}`, { total: 1416, fiscalAppropriation: 1416, generalPublicBudget: 1416, generalFunding: 1398, investmentFunding: 18 });
for (const p of PROJECT_ROWS) {
  report('T5', `p:${p.id}`, { total: p.amountWan, fiscalAppropriation: p.amountWan, generalPublicBudget: p.amountWan, [p.leaf]: p.amountWan });
  for (const s of p.subItems) report('T5', `s:${s.id}`, { total: s.amountWan, fiscalAppropriation: s.amountWan, generalPublicBudget: s.amountWan });
}

// 表7 一般公共预算支出情况表: department and unit rows; 支出总计 of each 项 line.
report('T7', 'dept', { total: 3380, basic: 1964, project: 1416 });
report('T7', `u:${UNIT}`, { total: 3380, basic: 1964, project: 1416 });
const T7_TOTALS: Record<string, number> = { '2210203': 358, '2210201': 144, '2010308': 2547, '2080505': 110, '2080506': 50, '2101101': 45, '2080501': 27, '2050803': 100 };
for (const [code, total] of Object.entries(T7_TOTALS)) report('T7', `f:f-${code}`, { total });

// 表8, 表9, 表10: printed empty (with notes); nothing to record.

// 表11 政府采购项目支出预算表.
report('T11', 'dept', { amount: 443 });
report('T11', `u:${UNIT}`, { amount: 443 });
report('T11', `pg:${UNIT}:A`, { amount: 9 }); // 货物类
report('T11', `pg:${UNIT}:C`, { amount: 434 }); // 服务类

// 表12 “三公”经费: 公务用车购置及运行维护费 小计 is printed blank on every row although 购置费 (blank)
// + 运行维护费 6 = 6 and 总额 18 = 接待 12 + 6: a real inconsistency of the publication, kept as null.
for (const row of ['dept:prev', 'dept:cur']) report('T12', row, { total: 18, officialReception: 12, vehicleSubtotal: null, vehicleOperation: 6 });
for (const row of [`u:${UNIT}:prev`, `u:${UNIT}:cur`]) report('T12', row, { total: 18, vehicleSubtotal: null });

// 表13 部门预算绩效管理项目情况表: 合计 and 一般公共预算拨款 (其他资金 printed blank on every row).
for (const p of PROJECT_ROWS) report('T13', `p:${p.id}`, { total: p.amountWan, generalPublicBudget: p.amountWan });

// 表14 部门整体支出绩效目标表: 其他资金 printed “0.00” on every row → 0. 待支付以前年度采购项目 is
// printed 251 here against 252 in 表5/表13/表15-3. Σ tasks printed = 3,378 against 合计 3,380.
report('T14', 'total', { total: 3380, fiscal: 3380, other: 0 });
report('T14', 'basic', { total: 1964, fiscal: 1964, other: 0 });
for (const p of PROJECT_ROWS) {
  const printed = p.id === 'p-daizhifu' ? 251 : p.amountWan;
  report('T14', `p:${p.id}`, { total: printed, fiscal: printed, other: 0 });
}

// 表15-N 项目支出绩效目标表: 本年度项目金额 and 财政拨款资金; 其他资金 printed “0” in 15-1…15-5 and
// blank in 15-6 and 15-7.
for (const p of PROJECT_ROWS) {
  const otherBlank = p.id === 'p-zhunbeijin' || p.id === 'p-touzi';
  report('T15', `p:${p.id}`, { currentYear: p.amountWan, fiscal: p.amountWan, other: otherBlank ? null : 0 });
}

// ---------------------------------------------------------------------------------------------
// The document.
// ---------------------------------------------------------------------------------------------
const projects: ProjectInput[] = PROJECT_ROWS.map((p) => {
  const form = PROJECT_FORMS[p.id];
  if (!form) throw new Error(`no form for ${p.id}`);
  return { id: p.id, unitId: UNIT, name: p.name, startDate: '2020-01-01', endDate: '2020-12-31', performanceManaged: true, tableNames: {}, ...form };
});

const subItems: SubItemInput[] = PROJECT_ROWS.flatMap((p) =>
  p.subItems.map((s) => ({ id: s.id, projectId: p.id, name: s.name, amounts: { [p.leaf]: wan(s.amountWan) } as FundingAmountsInput })),
);

export const sampleSource: DepartmentBudgetInput = {
  format: DOCUMENT_FORMAT,
  version: DOCUMENT_VERSION,
  catalogueId: 'shenzhen-2020',
  department: {
    name: '深圳市信访局',
    shortName: '市信访局',
    competentDepartment: '深圳市信访局',
    fiscalYear: 2020,
    displayUnit: 'wan',
  },
  printedPrecisionFen: FEN_PER_WAN, // 万元 integers
  units: byIdOrder([{ id: UNIT, name: '市信访局本级', fullName: '深圳市信访局本级', kind: 'ownOffice' as const }]),
  // 表2: the unit's income by funding leaf.
  incomes: {
    [UNIT]: { generalFunding: wan(3362), investmentFunding: wan(18) },
  },
  economicLines: byIdOrder(
    ECONOMIC_LINES.map(([code, printedName, amount]) => ({
      id: `e-${code}`,
      unitId: UNIT,
      code,
      ...(ECONOMIC_PRINTED_ALIASES[code] ? { name: printedName } : {}),
      amounts: { generalFunding: wan(amount) },
    })),
  ),
  projects: byIdOrder(projects),
  subItems: byIdOrder(subItems),
  functionalLines: byIdOrder(
    FUNCTIONAL_LINES.map(([code, basic, project]) => ({
      id: `f-${code}`,
      unitId: UNIT,
      code,
      fund: 'generalPublicBudget' as const,
      basicExpenditure: basic === null ? null : wan(basic),
      projectExpenditure: project === null ? null : wan(project),
    })),
  ),
  transferLines: byIdOrder([]),
  procurementItems: byIdOrder(PROCUREMENT_ITEMS.map(([code, amount]) => ({ id: `pi-${code}`, unitId: UNIT, code, amount: wan(amount) }))),
  // 表3: entered per unit (本年政府采购 443 is Σ 表11).
  unitProcurement: {
    [UNIT]: { smeReserved: wan(133), microReserved: wan(80), priorYearProcurementPayable: wan(252) },
  },
  // 表12: 2019 and 2020 are printed identical.
  threePublicExpenses: {
    [UNIT]: {
      previousYear: { officialTravelAbroad: null, officialReception: wan(12), vehiclePurchase: null, vehicleOperation: wan(6) },
      currentYear: { officialTravelAbroad: null, officialReception: wan(12), vehiclePurchase: null, vehicleOperation: wan(6) },
    },
  },
  otherExpenditure: {},
  performance: {
    overallGoal: OVERALL_GOAL,
    basicTaskContent: '1.根据部门（单位）本年度在编人数（含工勤人员）计算的人员经费； 2.根据部门预算编制标准计算的公用经费金额。',
    indicators: indicators14('i-perf', INDICATORS_14),
  },
  notes: {
    T8: '注：我局无政府性基金预算支出。',
    T9: '注：我局无国有资本经营预算支出。',
    T10: '注：我局无上级专项转移支付预算支出。',
    T11: '注：本表只反映 2020 年当年政府采购项目，不包括“待支付以前年度政府采购项目”。',
    T12: '注：为进一步规范因公出国（境）经费管理，我市因公出国（境）经费完全按零基预算的原则根据市因公出国计划预审会议审定计划动态调配使用，因此各单位2020年因公出国（境）经费预算数为零，在实际执行中根据计划据实调配。',
  },
  reported: Object.fromEntries(Object.entries(reportedWan).map(([key, value]) => [key, value === null ? null : wan(value)])),
  previousYear: {},
  acceptedWarnings: {},
};
