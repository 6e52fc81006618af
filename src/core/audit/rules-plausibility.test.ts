/**
 * Plausibility rules called one at a time on small hand-built dossiers (an archive bureau's year,
 * not the base factory unless said): each case gives the figures at the edge of the rule — equal,
 * one 0.01 past, the other side — and the expected message, values and locations worked out by
 * hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import type { DossierInput } from '../dossier/schema.ts';
import { contextOf, contextOfInput, stated } from '../testing/audit-context.ts';
import { moneyItems, PLAUSIBILITY_RULES } from './rules-plausibility.ts';
import type { AuditContext, Finding } from './types.ts';

type Patch = Partial<DossierInput>;
type IndicatorInput = NonNullable<DossierInput['indicators']>[number];

/** A dossier holding only year 2023, a unit name and what the patch gives. */
const bare = (patch: Patch = {}, today?: string): AuditContext =>
  contextOfInput(
    { year: 2023, unit: { name: '某区档案馆' }, ...patch },
    { unscored: true, ...(today !== undefined ? { today } : {}) },
  );
function check(code: string, ctx: AuditContext): Finding[] {
  const rule = PLAUSIBILITY_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  return rule.check(ctx);
}
/** What a reader sees of a finding. */
const seen = (f: Finding) => ({
  severity: f.severity,
  zh: f.message.zh,
  en: f.message.en,
  values: f.values,
  locations: f.locations,
  ...(f.indicatorId !== undefined ? { indicatorId: f.indicatorId } : {}),
  ...(f.scope !== undefined ? { scope: f.scope } : {}),
});
const row = (
  id: string,
  level1: string,
  level2: string,
  name: string,
  actual = '100%',
): IndicatorInput => ({
  id,
  level1,
  level2,
  name,
  target: '≥90%',
  actual,
  weight: 10,
  score: 10,
});
const project = (id: string, name: string, money: Record<string, string>, indicators = []) => ({
  id,
  name,
  money,
  indicators: indicators as IndicatorInput[],
});

describe('moneyItems: every structured money item with its label and JSON path', () => {
  it('lists income sources, 人员/公用经费, projects, “三公” items and controls that are given', () => {
    const ctx = bare({
      income: { general: { actual: '10' }, other: { actual: '2' } },
      expenditure: {
        personnel: { actual: '5' },
        publicFunds: {},
        projects: [project('a', '库房改造', { actual: '3' }), project('b', '数字化', {})],
      },
      threePublic: { reception: { actual: '0.5' } },
      controls: { office: { actual: '1' } },
    });
    expect(moneyItems(ctx).map((i) => [i.label, i.path, i.cols])).toEqual([
      ['一般公共预算（财政拨款）', 'income.general', { actual: '10' }],
      ['其他资金', 'income.other', { actual: '2' }],
      ['人员经费', 'expenditure.personnel', { actual: '5' }],
      ['公用经费', 'expenditure.publicFunds', {}],
      ['项目“库房改造”', 'expenditure.projects[0].money', { actual: '3' }],
      ['项目“数字化”', 'expenditure.projects[1].money', {}],
      ['公务接待费', 'threePublic.reception', { actual: '0.5' }],
      ['办公经费', 'controls.office', { actual: '1' }],
    ]);
  });
});

describe('PLAUS-NEGATIVE-AMOUNT', () => {
  it('names negative columns, assets and stated amounts; −0, signed concepts, rates pass', () => {
    const ctx = bare({
      expenditure: {
        personnel: { actual: '-5', initialBudget: '-0' },
        publicFunds: { priorActual: '0' },
        projects: [project('a', '库房改造', { adjustedBudget: '-1.5', actual: '2' })],
      },
      assets: { yearEnd: '-2', previousYearEnd: '-0' },
      statements: [
        stated('expenditure.basic.actual', '-400.5'),
        stated('budget.decrease', '-20'),
        stated('execution.rate', '-5%'),
        stated('assets.yearEnd', '-0'),
        stated('expenditure.basic.initialBudget', '无'),
        stated('expenditure.basic.priorActual', '12'),
      ],
    });
    expect(check('PLAUS-NEGATIVE-AMOUNT', ctx).map(seen)).toEqual([
      {
        severity: 'error',
        zh: '人员经费：actual 为 -5 万元（负数）。',
        en: '人员经费: actual is -5 (negative).',
        values: { value: '-5' },
        locations: [{ path: 'expenditure.personnel.actual' }],
      },
      {
        severity: 'error',
        zh: '项目“库房改造”：adjustedBudget 为 -1.5 万元（负数）。',
        en: '项目“库房改造”: adjustedBudget is -1.5 (negative).',
        values: { value: '-1.5' },
        locations: [{ path: 'expenditure.projects[0].money.adjustedBudget' }],
      },
      {
        severity: 'error',
        zh: '资产总额（yearEnd）为 -2 万元（负数）。',
        en: 'Assets (yearEnd) -2 negative.',
        values: { value: '-2' },
        locations: [{ path: 'assets.yearEnd' }],
      },
      {
        severity: 'error',
        zh: '基本支出全年执行数（决算数）：二（一）写 -400.5（负数）。',
        en: 'expenditure basic actual: -400.5 stated (negative).',
        values: { value: '-400.5' },
        locations: [{ section: '二（一）' }],
      },
    ]);
  });
  it('a negative previous-year asset total is named too', () => {
    const [f] = check('PLAUS-NEGATIVE-AMOUNT', bare({ assets: { previousYearEnd: '-0.01' } }));
    expect(f?.message.zh).toBe('资产总额（previousYearEnd）为 -0.01 万元（负数）。');
    expect(f?.locations).toEqual([{ path: 'assets.previousYearEnd' }]);
  });
  it('nothing negative, nothing found', () => {
    expect(check('PLAUS-NEGATIVE-AMOUNT', contextOf({}, { unscored: true }))).toEqual([]);
  });
});

describe('PLAUS-FILING-BEFORE-YEAR-END (FY2023 ends 2023-12-31)', () => {
  const run = (date?: string) =>
    check('PLAUS-FILING-BEFORE-YEAR-END', bare({ filing: date ? { date } : {} }));
  it('the last day of the year is not after it', () => {
    expect(run('2023-12-31').map(seen)).toEqual([
      {
        severity: 'error',
        zh:
          '填报日期 2023-12-31 不晚于 2023 年度结束日 2023-12-31：年度决算数此时尚不存在，' +
          '日期应为 2024 年。',
        en: 'Filing date 2023-12-31 is not after the end of FY2023 (2023-12-31).',
        values: { filingDate: '2023-12-31', fiscalYearEnd: '2023-12-31' },
        locations: [{ path: 'filing.date' }],
      },
    ]);
  });
  it('May of the year itself is early; the first day of the next year is not', () => {
    expect(run('2023-05-24').map((f) => f.values.filingDate)).toEqual(['2023-05-24']);
    expect(run('2024-01-01')).toEqual([]);
    expect(run()).toEqual([]);
  });
});

describe('PLAUS-FILING-IN-FUTURE', () => {
  const run = (date: string | undefined, today?: string) =>
    check('PLAUS-FILING-IN-FUTURE', bare({ filing: date ? { date } : {} }, today));
  it('one day after the audit date is a warning naming both dates', () => {
    expect(run('2024-04-02', '2024-04-01').map(seen)).toEqual([
      {
        severity: 'warning',
        zh: '填报日期 2024-04-02 晚于审核日 2024-04-01。',
        en: 'Filing date 2024-04-02 is after today 2024-04-01.',
        values: { filingDate: '2024-04-02', today: '2024-04-01' },
        locations: [{ path: 'filing.date' }],
      },
    ]);
  });
  it('the audit date itself, no audit date or no filing date: silent', () => {
    expect(run('2024-04-01', '2024-04-01')).toEqual([]);
    expect(run('2024-04-02')).toEqual([]);
    expect(run(undefined, '2024-04-01')).toEqual([]);
  });
});

describe('PLAUS-STAFF-OVER-QUOTA', () => {
  const run = (staffing: { authorized?: number; actual?: number }) =>
    check('PLAUS-STAFF-OVER-QUOTA', bare({ unit: { name: '某区档案馆', staffing } }));
  it('25 in post against 22: 25 ÷ 22 = 113.636…% → 113.64%', () => {
    expect(run({ authorized: 22, actual: 25 }).map(seen)).toEqual([
      {
        severity: 'warning',
        zh: '实际在职 25 人超过编制 22 名，控制率 113.64%。',
        en: 'Staff 25 above quota 22 (113.64%).',
        values: { actual: '25', authorized: '22', rate: '113.64%' },
        locations: [{ path: 'unit.staffing.actual' }, { path: 'unit.staffing.authorized' }],
      },
    ]);
  });
  it('one above (23 ÷ 22 = 104.545…% → 104.55%); equal, below or unknown: silent', () => {
    expect(run({ authorized: 22, actual: 23 }).map((f) => f.values.rate)).toEqual(['104.55%']);
    expect(run({ authorized: 22, actual: 22 })).toEqual([]);
    expect(run({ authorized: 22, actual: 21 })).toEqual([]);
    expect(run({ actual: 25 })).toEqual([]);
    expect(run({ authorized: 22 })).toEqual([]);
  });
});

describe('PLAUS-THREE-PUBLIC-OVER-BUDGET', () => {
  it('each stored item against its initial budget (else the adjusted one)', () => {
    // 出国 1.01 > 1 (adjusted only) → 101.00%; 运行维护 4 = 4 passes; 接待 3.6 > 3 → 120.00%.
    // The total's budget column is partly filled, so unknown: no total finding.
    const ctx = bare({
      threePublic: {
        abroad: { adjustedBudget: '1', actual: '1.01' },
        vehicleOperation: { initialBudget: '4', actual: '4' },
        reception: { initialBudget: '3', adjustedBudget: '3.8', actual: '3.6' },
      },
    });
    expect(check('PLAUS-THREE-PUBLIC-OVER-BUDGET', ctx).map(seen)).toEqual([
      {
        severity: 'error',
        zh: '因公出国（境）费：决算 1.01 万元超过预算 1.00 万元，控制率 101.00%。',
        en: '因公出国（境）费: actual 1.01 above budget 1.00 (101.00%).',
        values: { actual: '1.01', budget: '1.00', rate: '101.00%' },
        locations: [
          { path: 'threePublic.abroad.actual' },
          { path: 'threePublic.abroad.initialBudget' },
        ],
      },
      {
        severity: 'error',
        zh: '公务接待费：决算 3.60 万元超过预算 3.00 万元，控制率 120.00%。',
        en: '公务接待费: actual 3.60 above budget 3.00 (120.00%).',
        values: { actual: '3.60', budget: '3.00', rate: '120.00%' },
        locations: [
          { path: 'threePublic.reception.actual' },
          { path: 'threePublic.reception.initialBudget' },
        ],
      },
    ]);
  });
  it('the total over the stored items: 3 + 4.5 = 7.5 against 3 + 4 = 7 → 107.14%', () => {
    const ctx = bare({
      threePublic: {
        vehicleOperation: { initialBudget: '4', actual: '4.5' },
        reception: { initialBudget: '3', actual: '3' },
      },
    });
    const found = check('PLAUS-THREE-PUBLIC-OVER-BUDGET', ctx).map(seen);
    expect(found.map((f) => f.values)).toEqual([
      { actual: '4.50', budget: '4.00', rate: '112.50%' },
      { actual: '7.50', budget: '7.00', rate: '107.14%' },
    ]);
    expect(found[1]?.zh).toBe('“三公”经费合计：决算 7.50 万元超过预算 7.00 万元，控制率 107.14%。');
    expect(found[1]?.locations).toEqual([
      { concept: 'threePublic.total.actual' },
      { concept: 'threePublic.total.initialBudget' },
    ]);
  });
  it('at the budget, or without an actual: silent', () => {
    const ctx = bare({
      threePublic: {
        abroad: { initialBudget: '2' },
        reception: { initialBudget: '3', actual: '3' },
      },
    });
    expect(check('PLAUS-THREE-PUBLIC-OVER-BUDGET', ctx)).toEqual([]);
  });
});

describe('PLAUS-WRONG-LEVEL2', () => {
  it('a name unrelated to 生态效益 or 满意度 under them, in the unit grid and in a project', () => {
    const ctx = bare({
      indicators: [
        row('u1', '效益指标', '生态效益指标', '档案利用成效'),
        row('u2', '效益指标', '生态效益指标', '库房能耗下降'),
        row('u3', '满意度指标', '服务对象满意度指标', '查档群众评价'),
        row('u4', '满意度指标', '社会公众', '查档群众评价'),
        row('u5', '生态效益', '社会效益指标', '查档人次'),
        row('u6', '满意度指标', '服务对象满意度指标', '查档群众满意度'),
      ],
      expenditure: {
        projects: [
          project('q1', '库房改造', { actual: '3' }, [
            row('p1', '效益指标', '生态效益指标', '修复卷数'),
          ] as never),
        ],
      },
    });
    const found = check('PLAUS-WRONG-LEVEL2', ctx).map(seen);
    expect(found.map((f) => [f.indicatorId, f.scope, f.locations])).toEqual([
      ['u1', undefined, [{ path: 'indicators[0].level2' }]],
      ['u3', undefined, [{ path: 'indicators[2].level2' }]],
      ['u4', undefined, [{ path: 'indicators[3].level2' }]],
      ['p1', 'q1', [{ path: 'expenditure.projects[0].indicators[0].level2' }]],
    ]);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      zh: '指标“档案利用成效”归在“效益指标/生态效益指标”下，但名称与生态效益无关。',
      en: 'Indicator "档案利用成效" is filed under 效益指标/生态效益指标 but is not about it.',
      values: { name: '档案利用成效', level1: '效益指标', level2: '生态效益指标' },
    });
    expect(found[2]?.zh).toBe(
      '指标“查档群众评价”归在“满意度指标/社会公众”下，但名称与满意度无关。',
    );
  });
});

describe('PLAUS-LEVEL2-PARENT', () => {
  it('a 二级 outside its 一级’s list, once per pair, unit grid only', () => {
    const ctx = bare({
      indicators: [
        row('u1', '产出指标', '质量指标', '案卷合格率'),
        row('u2', '效益指标', '数量指标', '接待查档人次'),
        row('u3', '效益指标', '数量指标', '出具证明件数'),
        row('u4', '产出指标', '满意度指标', '群众满意度'),
        row('u5', '成本指标', '数量指标', '每卷修复成本'),
        row('u6', '成本指标', '经济成本指标', '公用经费控制率'),
        row('u7', '满意度指标', '服务对象满意度指标', '群众满意度'),
        row('u8', '满意度指标', '质量指标', '群众满意度'),
        row('u9', '其他指标', '数量指标', '其他'),
        row('u10', '效益指标', '可持续影响指标', '长期保存'),
      ],
      expenditure: {
        projects: [
          project('q1', '库房改造', { actual: '3' }, [
            row('p1', '效益指标', '数量指标', '修复卷数'),
          ] as never),
        ],
      },
    });
    const found = check('PLAUS-LEVEL2-PARENT', ctx).map(seen);
    expect(found.map((f) => [f.indicatorId, f.locations[0]?.path, f.zh])).toEqual([
      [
        'u2',
        'indicators[1].level2',
        '二级指标“数量指标”放在一级指标“效益指标”下；“效益指标”应含经济效益、社会效益、生态效益、' +
          '可持续影响指标。',
      ],
      [
        'u4',
        'indicators[3].level2',
        '二级指标“满意度指标”放在一级指标“产出指标”下；“产出指标”应含数量、质量、时效、成本指标。',
      ],
      [
        'u5',
        'indicators[4].level2',
        '二级指标“数量指标”放在一级指标“成本指标”下；“成本指标”应含经济成本、社会成本、生态环境成本' +
          '指标。',
      ],
      [
        'u8',
        'indicators[7].level2',
        '二级指标“质量指标”放在一级指标“满意度指标”下；“满意度指标”应含满意度指标。',
      ],
    ]);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      en: 'Level-2 "数量指标" under level-1 "效益指标".',
      values: { level1: '效益指标', level2: '数量指标' },
    });
  });
});

describe('PLAUS-PROJECT-NO-MONEY', () => {
  it('a project with every column empty or zero; one 0.01 anywhere keeps it', () => {
    const ctx = bare({
      expenditure: {
        projects: [
          project('a', '档案征集', {}),
          project('b', '展览布置', { actual: '0', adjustedBudget: '0.00' }),
          project('c', '库房改造', { actual: '0', initialBudget: '0.01' }),
          project('d', '数字化', { priorActual: '-3' }),
        ],
      },
    });
    expect(check('PLAUS-PROJECT-NO-MONEY', ctx).map(seen)).toEqual([
      {
        severity: 'warning',
        zh: '项目“档案征集”没有填列任何金额。',
        en: 'Project "档案征集" has no amounts.',
        values: { project: '档案征集' },
        locations: [{ path: 'expenditure.projects[0].money' }],
        scope: 'a',
      },
      {
        severity: 'warning',
        zh: '项目“展览布置”没有填列任何金额。',
        en: 'Project "展览布置" has no amounts.',
        values: { project: '展览布置' },
        locations: [{ path: 'expenditure.projects[1].money' }],
        scope: 'b',
      },
    ]);
  });
});

describe('PLAUS-RATE-OVER-100', () => {
  it('a rate above 100% (one 0.01 past it); 100% itself, growth and counts pass', () => {
    const ctx = bare({
      indicators: [
        row('u1', '满意度指标', '服务对象满意度指标', '查档群众满意度', '100.01%'),
        row('u2', '产出指标', '质量指标', '档案整理合格率', '100%'),
        row('u3', '产出指标', '数量指标', '完成率增长', '120%'),
        row('u4', '产出指标', '数量指标', '接待人次', '120%'),
        row('u5', '产出指标', '数量指标', '数字化完成率', '105卷'),
        row('u6', '产出指标', '时效指标', '办结率', '全部办结'),
        row('u7', '产出指标', '数量指标', '馆藏增速达标率', '130%'),
        row('u8', '产出指标', '数量指标', '接收覆盖率', '101%'),
      ],
      expenditure: {
        projects: [
          project('q1', '库房改造', { actual: '3' }, [
            row('p1', '产出指标', '时效指标', '按期完成率', '110%'),
          ] as never),
        ],
      },
    });
    expect(check('PLAUS-RATE-OVER-100', ctx).map(seen)).toEqual([
      {
        severity: 'error',
        zh: '指标“查档群众满意度”实际完成 100.01%，超过 100%。',
        en: 'Indicator "查档群众满意度" actual 100.01% above 100%.',
        values: { actual: '100.01%' },
        locations: [{ path: 'indicators[0].actual' }],
        indicatorId: 'u1',
      },
      {
        severity: 'error',
        zh: '指标“接收覆盖率”实际完成 101%，超过 100%。',
        en: 'Indicator "接收覆盖率" actual 101% above 100%.',
        values: { actual: '101%' },
        locations: [{ path: 'indicators[7].actual' }],
        indicatorId: 'u8',
      },
      {
        severity: 'error',
        zh: '指标“按期完成率”实际完成 110%，超过 100%。',
        en: 'Indicator "按期完成率" actual 110% above 100%.',
        values: { actual: '110%' },
        locations: [{ path: 'expenditure.projects[0].indicators[0].actual' }],
        indicatorId: 'p1',
        scope: 'q1',
      },
    ]);
  });
});

describe('PLAUS-UNBUDGETED-SOURCE', () => {
  it('a source spent with a zero initial budget, against the unit’s initial total 500', () => {
    const ctx = bare({
      income: {
        general: { initialBudget: '500', actual: '480' },
        other: { initialBudget: '0', actual: '23.52' },
      },
      statements: [
        stated('income.general.initialBudget', '500', { section: '六', quote: '年初预算均为拨款' }),
      ],
    });
    expect(check('PLAUS-UNBUDGETED-SOURCE', ctx).map(seen)).toEqual([
      {
        severity: 'warning',
        zh:
          '其他资金：执行 23.52 万元，但年初预算中没有这一来源（年初预算合计 500.00 万元，' +
          '六称“年初预算均为拨款”），报告未说明来源。',
        en: 'other: 23.52 spent with no initial budget for this source.',
        values: { source: '其他资金', actual: '23.52', initialBudgetTotal: '500.00' },
        locations: [{ path: 'income.other' }, { section: '六', quote: '年初预算均为拨款' }],
      },
    ]);
  });
  it('the adjusted budget when nothing was spent yet; the stated figure when unquoted', () => {
    const ctx = bare({
      income: {
        general: { initialBudget: '500', actual: '480' },
        carryover: { initialBudget: '0', adjustedBudget: '20' },
      },
      statements: [stated('income.general.initialBudget', '500', { annex: 2 })],
    });
    const found = check('PLAUS-UNBUDGETED-SOURCE', ctx).map(seen);
    expect(found.map((f) => f.zh)).toEqual([
      '上年结转：执行 20.00 万元，但年初预算中没有这一来源（年初预算合计 500.00 万元，附件2称“500”），' +
        '报告未说明来源。',
    ]);
    expect(found[0]?.locations).toEqual([{ path: 'income.carryover' }, { annex: 2 }]);
  });
  it('the initial total as stated when the parts leave it unknown; 一般公共预算 cites nothing', () => {
    // general has no initial budget column: the income total's is unknown, the statement gives it.
    const ctx = bare({
      income: { general: { actual: '30' } },
      statements: [
        stated('income.total.initialBudget', '544.84', { annex: 2 }),
        stated('income.general.initialBudget', '544.84', { section: '六' }),
      ],
    });
    expect(check('PLAUS-UNBUDGETED-SOURCE', ctx).map(seen)).toEqual([
      {
        severity: 'warning',
        zh:
          '一般公共预算（财政拨款）：执行 30.00 万元，但年初预算中没有这一来源（年初预算合计 ' +
          '544.84 万元），报告未说明来源。',
        en: 'general: 30.00 spent with no initial budget for this source.',
        values: {
          source: '一般公共预算（财政拨款）',
          actual: '30.00',
          initialBudgetTotal: '544.84',
        },
        locations: [{ path: 'income.general' }],
      },
    ]);
  });
  it.each<[string, Patch]>([
    [
      'every source budgeted (0.01 is a budget)',
      {
        income: {
          general: { initialBudget: '500', actual: '480' },
          other: { initialBudget: '0.01', actual: '5' },
        },
      },
    ],
    [
      'spent nothing (an actual of 0 counts before the adjusted budget)',
      {
        income: {
          general: { initialBudget: '500', actual: '480' },
          other: { initialBudget: '0', adjustedBudget: '20', actual: '0' },
        },
      },
    ],
    [
      'a zero initial total',
      {
        income: {
          general: { initialBudget: '0', actual: '5' },
          other: { initialBudget: '0', actual: '3' },
        },
      },
    ],
    ['no initial total at all', { income: { general: { actual: '5' } } }],
    [
      'a source with neither actual nor adjusted budget',
      { income: { general: { initialBudget: '500' }, other: { priorActual: '4' } } },
    ],
  ])('%s: silent', (_label, patch) => {
    expect(check('PLAUS-UNBUDGETED-SOURCE', bare(patch))).toEqual([]);
  });
});
