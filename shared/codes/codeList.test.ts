import { describe, expect, it } from 'vitest';
import functionalJson from '../../resources/codes/2020/functional.json';
import economicJson from '../../resources/codes/2020/economic.json';
import procurementJson from '../../resources/codes/2020/procurement.json';
import {
  CodeListError,
  codeListFileSchema,
  createCodeList,
  formatCodeListIssues,
  isValidCodeShape,
  type CodeList,
  type CodeListKind,
} from './codeList';
import { normalizeName, sameName } from './normalize';
import { BUNDLED_FILES, availableCodeListYears, createCodeListRegistry, fallbackNote, getCodeLists, importedCodeLists, installImportedCodeLists } from './registry';

const lists2020 = getCodeLists(2020);
const functional = lists2020.functional;
const economic = lists2020.economic;
const procurement = lists2020.procurement;

function problemsOf(data: unknown, fileName?: string): readonly string[] {
  try {
    createCodeList(data, fileName === undefined ? {} : { fileName });
  } catch (err) {
    if (err instanceof CodeListError) return err.problems;
    throw err;
  }
  return [];
}

describe('bundled 2020 files', () => {
  it.each([
    ['functional.json', functionalJson, 'functional'],
    ['economic.json', economicJson, 'economic'],
    ['procurement.json', procurementJson, 'procurement'],
  ] as const)('%s validates', (fileName, json, kind) => {
    const parsed = codeListFileSchema.safeParse(json);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))).toBe(true);
    expect(problemsOf(json, fileName)).toEqual([]);
    const list = createCodeList(json);
    expect(list.kind).toBe(kind);
    expect(list.year).toBe(2020);
    expect(list.title).not.toBe('');
    expect(list.source).not.toBe('');
  });

  it.each([
    ['functional', functional],
    ['economic', economic],
    ['procurement', procurement],
  ] as const)('%s: parents listed before children, sibling names distinct', (_kind, list: CodeList) => {
    const seen = new Set<string>();
    for (const e of list.entries) {
      if (e.parent !== null) expect(seen.has(e.parent), `${e.code} before its parent`).toBe(true);
      seen.add(e.code);
    }
    // Within one parent a name or alias must identify one entry, so name lookups scoped by parent are unambiguous.
    const parents = [null, ...list.entries.map((e) => e.code)];
    for (const parent of parents) {
      const siblings = parent === null ? list.roots : list.childrenOf(parent);
      const owner = new Map<string, string>();
      for (const e of siblings) {
        for (const key of new Set([e.name, ...e.aliases].map(normalizeName))) {
          expect(owner.get(key), `name ${key} used by ${owner.get(key)} and ${e.code}`).toBeUndefined();
          owner.set(key, e.code);
        }
      }
    }
  });

  it('functional levels follow code length (3/5/7)', () => {
    for (const e of functional.entries) {
      expect(e.level).toBe(({ 3: 1, 5: 2, 7: 3 } as Record<number, number>)[e.code.length]);
      expect(e.parent).toBe(e.code.length === 3 ? null : e.code.slice(0, -2));
    }
  });

  it('economic levels follow code length (3/5)', () => {
    for (const e of economic.entries) {
      expect(e.level).toBe(e.code.length === 3 ? 1 : 2);
      expect(e.parent).toBe(e.code.length === 3 ? null : e.code.slice(0, 3));
    }
  });
});

describe('functional 2020 (支出功能分类)', () => {
  it('has every 类 of the 2020 list, in order', () => {
    expect(functional.roots.map((e) => `${e.code} ${e.name}`)).toEqual([
      '201 一般公共服务支出',
      '202 外交支出',
      '203 国防支出',
      '204 公共安全支出',
      '205 教育支出',
      '206 科学技术支出',
      '207 文化旅游体育与传媒支出',
      '208 社会保障和就业支出',
      '210 卫生健康支出',
      '211 节能环保支出',
      '212 城乡社区支出',
      '213 农林水支出',
      '214 交通运输支出',
      '215 资源勘探工业信息等支出',
      '216 商业服务业等支出',
      '217 金融支出',
      '219 援助其他地区支出',
      '220 自然资源海洋气象等支出',
      '221 住房保障支出',
      '222 粮油物资储备支出',
      '224 灾害防治及应急管理支出',
      '227 预备费',
      '229 其他支出',
      '230 转移性支出',
      '231 债务还本支出',
      '232 债务付息支出',
      '233 债务发行费用支出',
    ]);
  });

  it('every 类 except 预备费 has 款', () => {
    for (const root of functional.roots) {
      if (root.code === '227') expect(functional.childrenOf('227')).toEqual([]);
      else expect(functional.childrenOf(root.code).length, root.code).toBeGreaterThan(0);
    }
  });

  // 表1 / 表6 of the reference print the expenditure side as 类 / 款 / 项 names (类 numbered 一、二…).
  // Each printed line: [code it stands for, name exactly as printed].
  const table1Lines: [string, string][] = [
    ['201', '一般公共服务'],
    ['20103', '政府办公厅（室）及相关机构事务'],
    ['2010308', '信访事务'],
    ['205', '教育支出'],
    ['20508', '进修及培训'],
    ['2050803', '培训支出'],
    ['208', '社会保障和就业支出'],
    ['20805', '行政事业单位养老支出'],
    ['2080501', '行政单位离退休'],
    ['2080505', '机关事业单位基本养老保险缴费支出'],
    ['2080506', '机关事业单位职业年金缴费支出'],
    ['210', '卫生健康支出'],
    ['21011', '行政事业单位医疗'],
    ['2101101', '行政单位医疗'],
    ['221', '住房保障支出'],
    ['22102', '住房改革支出'],
    ['2210201', '住房公积金'],
    ['2210203', '购房补贴'],
  ];

  it.each(table1Lines)('表1 line %s “%s” is present and its printed name matches', (code, printed) => {
    expect(functional.has(code)).toBe(true);
    expect(functional.nameMatches(code, printed)).toBe(true);
    expect(functional.levelOf(code)).toBe(({ 3: 1, 5: 2, 7: 3 } as Record<number, number>)[code.length]);
  });

  it('表1 lines resolve back to their codes by name, scoped by level and parent', () => {
    let currentCategory: string | null = null;
    let currentSection: string | null = null;
    for (const [code, printed] of table1Lines) {
      const level = code.length === 3 ? 1 : code.length === 5 ? 2 : 3;
      const parent = level === 1 ? null : level === 2 ? currentCategory : currentSection;
      const hit = functional.findOneByName(printed, { level, parent });
      expect(hit?.code, printed).toBe(code);
      if (level === 1) currentCategory = code;
      if (level === 2) currentSection = code;
    }
    // The short 类 name printed in 表1 is an alias of the official name.
    expect(functional.get('201')?.name).toBe('一般公共服务支出');
    expect(functional.get('201')?.aliases).toContain('一般公共服务');
    expect(functional.findOneByName('一般公共服务', { level: 1 })?.code).toBe('201');
  });

  // 表7 of the reference: 科目编码 (7-digit 项) with 科目名称, exactly as printed.
  const table7Rows: [string, string][] = [
    ['2210203', '购房补贴'],
    ['2210201', '住房公积金'],
    ['2010308', '信访事务'],
    ['2080505', '机关事业单位基本养老保险缴费支出'],
    ['2080506', '机关事业单位职业年金缴费支出'],
    ['2101101', '行政单位医疗'],
    ['2080501', '行政单位离退休'],
    ['2050803', '培训支出'],
  ];

  it.each(table7Rows)('表7 row %s “%s” is a 项 whose name matches', (code, printed) => {
    expect(functional.levelOf(code)).toBe(3);
    expect(functional.nameMatches(code, printed)).toBe(true);
    expect(functional.get(code)?.name).toBe(printed);
  });

  it('表7 rows sum up to the 表1 类/款 lines through pathOf', () => {
    const paths = table7Rows.map(([code]) => functional.pathOf(code).map((e) => e.code));
    expect(paths).toContainEqual(['201', '20103', '2010308']);
    expect(paths).toContainEqual(['208', '20805', '2080505']);
    expect(paths).toContainEqual(['221', '22102', '2210203']);
    const printedCodes = new Set(table1Lines.map(([c]) => c));
    for (const path of paths) for (const c of path) expect(printedCodes.has(c), c).toBe(true);
  });

  it('has the detail a city department uses', () => {
    const expected: [string, string][] = [
      ['20101', '人大事务'],
      ['2010301', '行政运行'],
      ['2010302', '一般行政管理事务'],
      ['2010303', '机关服务'],
      ['2010308', '信访事务'],
      ['2010350', '事业运行'],
      ['2010399', '其他政府办公厅（室）及相关机构事务支出'],
      ['2050801', '教师进修'],
      ['2050802', '干部教育'],
      ['2050803', '培训支出'],
      ['2050899', '其他进修及培训'],
      ['2080501', '行政单位离退休'],
      ['2080502', '事业单位离退休'],
      ['2080505', '机关事业单位基本养老保险缴费支出'],
      ['2080506', '机关事业单位职业年金缴费支出'],
      ['2080599', '其他行政事业单位养老支出'],
      ['2101101', '行政单位医疗'],
      ['2101102', '事业单位医疗'],
      ['2101103', '公务员医疗补助'],
      ['2101199', '其他行政事业单位医疗支出'],
      ['2210201', '住房公积金'],
      ['2210202', '提租补贴'],
      ['2210203', '购房补贴'],
    ];
    for (const [code, name] of expected) expect(functional.get(code)?.name, code).toBe(name);
    // Several 款 of 201 are detailed to 项.
    const detailed = functional.childrenOf('201').filter((k) => functional.childrenOf(k.code).length > 0);
    expect(detailed.length).toBeGreaterThanOrEqual(10);
    expect(functional.childrenOf('20103').map((e) => e.code)).toEqual(
      expect.arrayContaining(['2010301', '2010302', '2010303', '2010308', '2010350', '2010399']),
    );
  });

  it('lookup helpers', () => {
    expect(functional.parentOf('2010308')?.code).toBe('20103');
    expect(functional.parentOf('201')).toBeUndefined();
    expect(functional.parentOf('9999999')).toBeUndefined();
    expect(functional.levelOf('9999999')).toBeUndefined();
    expect(functional.childrenOf('2010308')).toEqual([]);
    expect(functional.childrenOf('nope')).toEqual([]);
    expect(functional.displayName('2010308')).toBe('2010308 信访事务');
    expect(functional.displayName('2010308', { withCode: false })).toBe('信访事务');
    expect(functional.displayName('2019998')).toBe('2019998');
    expect(functional.nameMatches('2019998', '信访事务')).toBe(false);
    expect(functional.nameMatches('2010308', '信访')).toBe(false);
    // 行政运行 exists under many 款: unscoped it is ambiguous, scoped it is unique.
    expect(functional.findByName('行政运行').length).toBeGreaterThan(10);
    expect(functional.findOneByName('行政运行')).toBeUndefined();
    expect(functional.findOneByName('行政运行', { parent: '20103' })?.code).toBe('2010301');
    expect(functional.findByName('不存在的科目')).toEqual([]);
  });
});

describe('economic 2020 (部门预算支出经济分类)', () => {
  it('has the 类', () => {
    expect(economic.roots.map((e) => `${e.code} ${e.name}`)).toEqual([
      '301 工资福利支出',
      '302 商品和服务支出',
      '303 对个人和家庭的补助',
      '307 债务利息及费用支出',
      '309 资本性支出（基本建设）',
      '310 资本性支出',
      '311 对企业补助（基本建设）',
      '312 对企业补助',
      '313 对社会保障基金补助',
      '399 其他支出',
    ]);
    for (const root of economic.roots) expect(economic.childrenOf(root.code).length, root.code).toBeGreaterThan(0);
  });

  // 表4 of the reference: every 经济分类 line (类 and 款) exactly as printed, with the code it stands for.
  const table4Lines: [string, string][] = [
    ['工资福利支出', '301'],
    ['基本工资', '30101'],
    ['津贴补贴', '30102'],
    ['机关事业单位基本养老保险缴费', '30108'],
    ['职业年金缴费', '30109'],
    ['职工基本医疗保险缴费', '30110'],
    ['其他社会保险缴费', '30112'],
    ['住房公积金', '30113'],
    ['商品和服务支出', '302'],
    ['办公费', '30201'],
    ['印刷费', '30202'],
    ['邮电费', '30207'],
    ['物业管理费', '30209'],
    ['维修（护）费', '30213'],
    ['租赁费', '30214'],
    ['公务接待费', '30217'],
    ['劳务费', '30226'],
    ['工会经费', '30228'],
    ['福利费', '30229'],
    ['公务用车运行维护费', '30231'],
    ['其他交通费用', '30239'],
    ['其他商品和服务支出', '30299'],
    ['对个人和家庭的补助支出', '303'],
    ['退休费', '30302'],
    ['奖励金', '30309'],
  ];

  it.each(table4Lines)('表4 line “%s” resolves to %s', (printed, code) => {
    expect(economic.findOneByName(printed)?.code).toBe(code);
    expect(economic.nameMatches(code, printed)).toBe(true);
  });

  it('printed variants are aliases of the official names', () => {
    expect(economic.get('30112')?.name).toBe('其他社会保障缴费');
    expect(economic.get('30112')?.aliases).toContain('其他社会保险缴费');
    expect(economic.get('303')?.name).toBe('对个人和家庭的补助');
    expect(economic.get('303')?.aliases).toContain('对个人和家庭的补助支出');
    // Half-width brackets and stray spaces still match.
    expect(economic.findOneByName('维修(护)费')?.code).toBe('30213');
    expect(economic.findOneByName(' 维修（护） 费 ')?.code).toBe('30213');
    expect(economic.nameMatches('30212', '因公出国(境)费用')).toBe(true);
  });

  it('has the 款 of 301/302/303', () => {
    const expected: [string, string][] = [
      ['30101', '基本工资'],
      ['30102', '津贴补贴'],
      ['30103', '奖金'],
      ['30106', '伙食补助费'],
      ['30107', '绩效工资'],
      ['30108', '机关事业单位基本养老保险缴费'],
      ['30109', '职业年金缴费'],
      ['30110', '职工基本医疗保险缴费'],
      ['30111', '公务员医疗补助缴费'],
      ['30112', '其他社会保障缴费'],
      ['30113', '住房公积金'],
      ['30114', '医疗费'],
      ['30199', '其他工资福利支出'],
      ['30201', '办公费'],
      ['30202', '印刷费'],
      ['30204', '手续费'],
      ['30205', '水费'],
      ['30206', '电费'],
      ['30207', '邮电费'],
      ['30208', '取暖费'],
      ['30209', '物业管理费'],
      ['30211', '差旅费'],
      ['30213', '维修（护）费'],
      ['30214', '租赁费'],
      ['30215', '会议费'],
      ['30216', '培训费'],
      ['30217', '公务接待费'],
      ['30218', '专用材料费'],
      ['30226', '劳务费'],
      ['30227', '委托业务费'],
      ['30228', '工会经费'],
      ['30229', '福利费'],
      ['30231', '公务用车运行维护费'],
      ['30239', '其他交通费用'],
      ['30240', '税金及附加费用'],
      ['30299', '其他商品和服务支出'],
      ['30301', '离休费'],
      ['30302', '退休费'],
      ['30303', '退职（役）费'],
      ['30304', '抚恤金'],
      ['30305', '生活补助'],
      ['30306', '救济费'],
      ['30307', '医疗费补助'],
      ['30308', '助学金'],
      ['30309', '奖励金'],
      ['30310', '个人农业生产补贴'],
      ['30311', '代缴社会保险费'],
      ['30399', '其他对个人和家庭的补助'],
    ];
    for (const [code, name] of expected) expect(economic.get(code)?.name, code).toBe(name);
  });
});

describe('procurement 2020 (政府采购品目)', () => {
  // 表11 of the reference: 编号 and 采购品目 exactly as printed.
  const table11Lines: [string, string][] = [
    ['A', '货物类'],
    ['A03', '一般设备'],
    ['C', '服务类'],
    ['C1000', '物业管理'],
    ['C1600', '保安服务'],
    ['C9900', '其他服务'],
  ];

  it.each(table11Lines)('表11 line %s “%s” is present and matches', (code, printed) => {
    expect(procurement.has(code)).toBe(true);
    expect(procurement.nameMatches(code, printed)).toBe(true);
  });

  it('derives levels and parents by prefix', () => {
    expect(procurement.levelOf('A')).toBe(1);
    expect(procurement.levelOf('A03')).toBe(2);
    expect(procurement.parentOf('A03')?.code).toBe('A');
    expect(procurement.parentOf('C1000')?.code).toBe('C');
    expect(procurement.levelOf('C1000')).toBe(2);
    expect(procurement.childrenOf('C').map((e) => e.code)).toEqual(['C1000', 'C1600', 'C9900']);
    expect(procurement.roots.map((e) => e.code)).toEqual(['A', 'B', 'C']);
  });

  it('a deeper code hangs under the longest listed prefix', () => {
    const list = createCodeList({
      kind: 'procurement',
      year: 2020,
      title: '测试',
      entries: [
        { code: 'A', name: '货物类' },
        { code: 'A03', name: '一般设备' },
        { code: 'A0301', name: '计算机' },
        { code: 'C', name: '服务类' },
        { code: 'C1000', name: '物业管理' },
      ],
    });
    expect(list.parentOf('A0301')?.code).toBe('A03');
    expect(list.levelOf('A0301')).toBe(3);
    expect(list.parentOf('C1000')?.code).toBe('C');
  });
});

describe('broken lists are rejected', () => {
  const base = { kind: 'functional', year: 2020, title: '测试' };

  it('duplicate code', () => {
    const problems = problemsOf({
      ...base,
      entries: [
        { code: '201', name: '一般公共服务支出' },
        { code: '20103', name: '政府办公厅（室）及相关机构事务' },
        { code: '20103', name: '重复' },
      ],
    });
    expect(problems).toEqual(['代码表 functional.json 第 3 项：代码 20103 重复（与第 2 项相同）']);
  });

  it('missing parent', () => {
    const problems = problemsOf(
      {
        ...base,
        entries: [
          { code: '205', name: '教育支出' },
          { code: '20103', name: '政府办公厅（室）及相关机构事务' },
        ],
      },
      'functional.json',
    );
    expect(problems).toEqual(['代码表 functional.json 第 2 项：代码 20103 的上级 201 不存在']);
  });

  it('parent listed after its child', () => {
    const problems = problemsOf({
      ...base,
      entries: [
        { code: '20103', name: '政府办公厅（室）及相关机构事务' },
        { code: '201', name: '一般公共服务支出' },
      ],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^代码表 functional\.json 第 1 项：代码 20103 .*上级 201/);
  });

  it('bad shapes for the kind', () => {
    expect(problemsOf({ ...base, entries: [{ code: '2011', name: '四位' }] })[0]).toMatch(
      /^代码表 functional\.json 第 1 项：代码 2011 格式不对/,
    );
    expect(problemsOf({ ...base, kind: 'economic', entries: [{ code: '3010101', name: '七位' }] })[0]).toMatch(
      /^代码表 economic\.json 第 1 项：代码 3010101 格式不对/,
    );
    expect(problemsOf({ ...base, kind: 'procurement', entries: [{ code: 'A3', name: '单个数字' }] })[0]).toMatch(
      /^代码表 procurement\.json 第 1 项：代码 A3 格式不对/,
    );
    expect(isValidCodeShape('functional', '2010308')).toBe(true);
    expect(isValidCodeShape('functional', '201030')).toBe(false);
    expect(isValidCodeShape('economic', '30213')).toBe(true);
    expect(isValidCodeShape('procurement', 'C1000')).toBe(true);
    expect(isValidCodeShape('procurement', 'c1000')).toBe(false);
  });

  it('missing procurement letter', () => {
    expect(problemsOf({ ...base, kind: 'procurement', entries: [{ code: 'C1000', name: '物业管理' }] })).toEqual([
      '代码表 procurement.json 第 1 项：代码 C1000 的上级 C 不存在',
    ]);
  });

  it('field errors are reported in Chinese, every problem at once', () => {
    const problems = problemsOf({
      kind: 'functional',
      year: '2020',
      title: '',
      entries: [{ code: '201', name: '' }, { name: '无代码' }],
    });
    expect(problems).toEqual([
      '代码表 functional.json：年度（year）必须是数字',
      '代码表 functional.json：标题（title）不能为空',
      '代码表 functional.json 第 1 项：名称不能为空',
      '代码表 functional.json 第 2 项：代码必须是文字',
    ]);
    expect(problemsOf({ ...base, kind: 'other', entries: [{ code: '1', name: 'x' }] })[0]).toMatch(/种类（kind）/);
    expect(problemsOf(null)[0]).toMatch(/JSON 对象/);
    expect(problemsOf({ ...base, entries: [] })).toEqual(['代码表 functional.json：条目（entries）不能为空']);
  });
});

describe('normalizeName', () => {
  it('unifies brackets, quotes, width and spacing', () => {
    expect(normalizeName('维修（护）费')).toBe('维修(护)费');
    expect(normalizeName(' 维修 ( 护 )\u3000费 ')).toBe('维修(护)费');
    expect(normalizeName('政府办公厅【室】及相关机构事务')).toBe(normalizeName('政府办公厅（室）及相关机构事务'));
    expect(sameName('“三公”经费财政拨款预算总额', '"三公"经费财政拨款预算总额')).toBe(true);
    expect(sameName('三公经费', '“三公”经费')).toBe(true);
    expect(sameName('收 入 总 计', '收入总计')).toBe(true);
    expect(sameName('ＡＢＣ１２３', 'ABC123')).toBe(true);
    expect(sameName('2020.1.1—2020.12.31', '2020.1.1-2020.12.31')).toBe(true);
    expect(sameName('面向小型、微型企业', '面向小型，微型企业')).toBe(false);
  });
});

describe('registry and year fallback', () => {
  it('bundled lists: any year resolves to 2020 for now', () => {
    expect(availableCodeListYears()).toEqual([2020]);
    for (const year of [2018, 2020, 2025]) {
      const set = getCodeLists(year);
      expect(set.requestedYear).toBe(year);
      expect(set.year).toBe(2020);
      expect(set.functional.kind).toBe('functional');
      expect(set.economic.kind).toBe('economic');
      expect(set.procurement.kind).toBe('procurement');
    }
    // Lists are parsed once per year and shared.
    expect(getCodeLists(2021).functional).toBe(getCodeLists(2020).functional);
  });

  const withYear = (year: number, name201: string) => {
    const files = BUNDLED_FILES[2020];
    if (!files) throw new Error('2020 files missing');
    const retag = (json: unknown): Record<string, unknown> => ({ ...(json as object), year });
    const functionalFile = retag(files.functional);
    functionalFile.entries = (functionalFile.entries as { code: string; name: string }[]).map((e) =>
      e.code === '201' ? { ...e, name: name201 } : e,
    );
    return {
      functional: functionalFile,
      economic: retag(files.economic),
      procurement: retag(files.procurement),
    } satisfies Record<CodeListKind, unknown>;
  };

  it('uses the latest year ≤ the requested one, else the earliest', () => {
    const registry = createCodeListRegistry({ 2021: withYear(2021, '二〇二一'), 2019: withYear(2019, '二〇一九') });
    expect(registry.years).toEqual([2019, 2021]);
    expect(registry.resolveYear(2018)).toBe(2019);
    expect(registry.resolveYear(2019)).toBe(2019);
    expect(registry.resolveYear(2020)).toBe(2019);
    expect(registry.resolveYear(2021)).toBe(2021);
    expect(registry.resolveYear(2030)).toBe(2021);
    expect(registry.getCodeLists(2020).functional.get('201')?.name).toBe('二〇一九');
    expect(registry.getCodeLists(2020).year).toBe(2019);
    expect(registry.getCodeLists(2022).functional.get('201')?.name).toBe('二〇二一');
    expect(registry.getCodeLists(2017).functional.year).toBe(2019);
  });

  it('rejects a file filed under the wrong year or kind', () => {
    const files = withYear(2020, '一般公共服务支出');
    const registry = createCodeListRegistry({ 2021: { ...files, economic: files.procurement } });
    expect(() => registry.getCodeLists(2021)).toThrowError(CodeListError);
    try {
      registry.getCodeLists(2021);
    } catch (err) {
      const problems = (err as CodeListError).problems;
      expect(problems).toContain('代码表 2021/functional.json：年度应为 2021，文件中为 2020');
      expect(problems).toContain('代码表 2021/economic.json：种类应为 economic，文件中为 procurement');
    }
  });

  const procurement2022 = {
    kind: 'procurement',
    year: 2022,
    title: '2022年政府采购品目（导入）',
    entries: [
      { code: 'A', name: '货物', parent: null },
      { code: 'A02000000', name: '设备', parent: 'A' },
      { code: 'A02010104', name: '服务器', parent: 'A02000000' },
    ],
  };

  it('resolves each kind on its own and says in words which lists stand in for the year', () => {
    const registry = createCodeListRegistry({ 2020: BUNDLED_FILES[2020]!, 2022: { procurement: procurement2022 } });
    const set = registry.getCodeLists(2023);
    expect(set.procurement.year).toBe(2022);
    expect(set.functional.year).toBe(2020);
    expect(registry.resolveYear(2021, 'procurement')).toBe(2020);
    expect(fallbackNote(set)).toBe('2023年没有自己的代码表，使用 2020 年的支出功能分类、部门预算支出经济分类，2022 年的政府采购品目（可在“代码表”中导入2023年的代码表）');
    expect(fallbackNote(registry.getCodeLists(2020))).toBeNull();
  });

  it('imported lists join every lookup, replacing the bundled list of the same year and kind; bad files are named and left out', () => {
    try {
      const problems = installImportedCodeLists([procurement2022, { kind: 'economic', year: 2022, title: '坏', entries: [] }]);
      expect(problems).toEqual(['代码表 （导入的2022年部门预算支出经济分类）：条目（entries）不能为空']);
      expect(importedCodeLists()).toEqual([procurement2022]);
      expect(getCodeLists(2022).procurement.get('A02010104')?.name).toBe('服务器');
      expect(getCodeLists(2022).economic.year).toBe(2020);
      expect(getCodeLists(2021).procurement.has('A03')).toBe(true);
      expect(availableCodeListYears()).toEqual([2020, 2022]);
    } finally {
      installImportedCodeLists([]);
    }
    expect(getCodeLists(2022).procurement.year).toBe(2020);
  });
});

describe('code list messages', () => {
  it('a field named like a prototype property is named as written, not as a function', () => {
    const issues = [{ code: 'custom', path: ['constructor'], message: '格式不对', input: null }] as unknown as Parameters<typeof formatCodeListIssues>[0];
    expect(formatCodeListIssues(issues, 'a.json')).toEqual(['代码表 a.json constructor：格式不对']);
  });
});
