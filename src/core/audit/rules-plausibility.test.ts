/**
 * Plausibility rules called one at a time on small hand-built dossiers (an archive bureau's year,
 * not the base factory unless said): each case gives the figures at the edge of the rule — equal,
 * one 0.01 past, the other side — and the expected message, values and locations worked out by
 * hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { headConcept, type MoneyHead } from '../concepts/index.ts';
import type { DossierInput } from '../dossier/schema.ts';
import {
  contextOf,
  contextOfInput,
  stated,
  type StatementInput,
  type Where,
} from '../testing/audit-context.ts';
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
          // No initial budget: the adjusted one compared, and pointed at.
          { path: 'threePublic.abroad.adjustedBudget' },
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

/** 附件1 (经费控制情况): 上年决算数 and 本年决算数 side by side. */
const ANNEX1 = { annex: 1, table: '经费控制情况' } as const;
/** One row of a table stated in both 决算 columns, 上年 first (as the table reads left to right). */
const copiedRow = (head: MoneyHead, prior: string, actual: string, place: Where = ANNEX1) => [
  stated(headConcept(head, 'priorActual'), prior, { ...place, column: '上年决算数' }),
  stated(headConcept(head, 'actual'), actual, { ...place, column: '本年决算数' }),
];
const priorCell = { ...ANNEX1, column: '上年决算数' };
const actualCell = { ...ANNEX1, column: '本年决算数' };

describe('PLAUS-COPIED-COLUMN, statements: a table whose 本年决算 equals 上年决算 on ≥ 3 rows', () => {
  const run = (statements: StatementInput[]) =>
    check('PLAUS-COPIED-COLUMN', bare({ statements })).map(seen);
  it('three equal rows (212.4 = 212.40 as numbers) are an error naming each row', () => {
    const found = run([
      ...copiedRow('expenditure.personnel', '212.4', '212.40'),
      // Another column and a scalar figure of the same table are not rows of the comparison.
      stated('expenditure.personnel.initialBudget', '230', { ...ANNEX1, column: '本年预算数' }),
      stated('execution.rate', '96.5%', ANNEX1),
      ...copiedRow('expenditure.publicFunds', '38.06', '38.06'),
      ...copiedRow('expenditure.projects', '75', '75'),
      // One column in words: not a numeric row (with it the rows would differ: 75 vs nothing).
      ...copiedRow('expenditure.basic', '250.46', '见附表'),
    ]);
    const sample = '人员经费 212.40、公用经费 38.06、项目支出 75';
    expect(found).toEqual([
      {
        severity: 'error',
        zh: `附件1：本年决算数列与上年决算数列 3 行全部相同（${sample}……），疑为套用上年数据。`,
        en: '附件1: the current-year column equals the prior-year column on all 3 rows.',
        values: { rows: '3', sample },
        locations: [priorCell, actualCell, priorCell, actualCell, priorCell, actualCell],
      },
    ]);
  });
  it('non-zero rows first in the sample: 0、0、64 → 项目支出 64 first', () => {
    const found = run([
      ...copiedRow('expenditure.personnel', '0', '0'),
      ...copiedRow('expenditure.publicFunds', '0.00', '无'),
      ...copiedRow('expenditure.projects', '64', '64'),
    ]);
    expect(found.map((f) => f.values)).toEqual([
      { rows: '3', sample: '项目支出 64、人员经费 0、公用经费 无' },
    ]);
  });
  it('at most five rows in the sample; the count is all six', () => {
    const found = run([
      ...copiedRow('expenditure.personnel', '1', '1'),
      ...copiedRow('expenditure.publicFunds', '2', '2'),
      ...copiedRow('expenditure.projects', '3', '3'),
      ...copiedRow('expenditure.basic', '4', '4'),
      ...copiedRow('expenditure.total', '5', '5'),
      ...copiedRow('threePublic.total', '6', '6'),
    ]);
    expect(found.map((f) => f.values)).toEqual([
      { rows: '6', sample: '人员经费 1、公用经费 2、项目支出 3、基本支出 4、支出合计 5' },
    ]);
  });
  it('project rows by scope; a table without an annex is named by its title', () => {
    const table: Where = { table: '基础数据表' };
    const project = (scope: string, v: string) => [
      stated('project.priorActual', v, table, scope),
      stated('project.actual', v, table, scope),
    ];
    const found = run([...project('xm1', '12'), ...project('xm2', '8.5'), ...project('xm3', '3')]);
    expect(found.map((f) => f.zh)).toEqual([
      '基础数据表：本年决算数列与上年决算数列 3 行全部相同（项目 12、项目 8.5、项目 3……），' +
        '疑为套用上年数据。',
    ]);
  });
  it('each table on its own: two copied tables, two findings', () => {
    const s3: Where = { section: '三（二）' };
    const found = run([
      ...copiedRow('expenditure.personnel', '1', '1'),
      ...copiedRow('expenditure.publicFunds', '2', '2'),
      ...copiedRow('expenditure.projects', '3', '3'),
      ...copiedRow('expenditure.personnel', '7', '7', s3),
      ...copiedRow('expenditure.publicFunds', '8', '8', s3),
      ...copiedRow('expenditure.projects', '9', '9', s3),
    ]);
    expect(found.map((f) => [f.zh.slice(0, 6), f.values.sample, f.locations[0]])).toEqual([
      ['附件1：本年', '人员经费 1、公用经费 2、项目支出 3', priorCell],
      [
        '三（二）：本',
        '人员经费 7、公用经费 8、项目支出 9',
        { section: '三（二）', column: '上年决算数' },
      ],
    ]);
  });
  it.each<[string, StatementInput[]]>([
    [
      'two rows only',
      [
        ...copiedRow('expenditure.personnel', '1', '1'),
        ...copiedRow('expenditure.publicFunds', '2', '2'),
      ],
    ],
    [
      'three rows, one 0.01 apart (75.01 vs 75)',
      [
        ...copiedRow('expenditure.personnel', '1', '1'),
        ...copiedRow('expenditure.publicFunds', '2', '2'),
        ...copiedRow('expenditure.projects', '75.01', '75'),
      ],
    ],
    [
      'three rows all zero (0, 0.00, 无)',
      [
        ...copiedRow('expenditure.personnel', '0', '0'),
        ...copiedRow('expenditure.publicFunds', '0.00', '无'),
        ...copiedRow('expenditure.projects', '无', '0'),
      ],
    ],
    [
      'two full rows, one row with only 本年 and one with only 上年',
      [
        ...copiedRow('expenditure.personnel', '1', '1'),
        ...copiedRow('expenditure.publicFunds', '2', '2'),
        stated('expenditure.projects.actual', '3', actualCell),
        stated('expenditure.basic.priorActual', '3', priorCell),
      ],
    ],
    [
      'two numeric rows and one in words on both sides',
      [
        ...copiedRow('expenditure.personnel', '1', '1'),
        ...copiedRow('expenditure.publicFunds', '2', '2'),
        ...copiedRow('expenditure.projects', '见附表', '见附表'),
      ],
    ],
    [
      'three rows over two tables',
      [
        ...copiedRow('expenditure.personnel', '1', '1'),
        ...copiedRow('expenditure.publicFunds', '2', '2'),
        ...copiedRow('expenditure.projects', '3', '3', { section: '二（一）' }),
      ],
    ],
    [
      'three projects without a scope are one row',
      ['12', '8.5', '3'].flatMap((v) => [
        stated('project.priorActual', v, ANNEX1),
        stated('project.actual', v, ANNEX1),
      ]),
    ],
  ])('%s: silent', (_label, statements) => {
    expect(run(statements)).toEqual([]);
  });
});

describe('PLAUS-COPIED-COLUMN, dossier data: both columns equal on every item (≥ 3)', () => {
  const same = (v: string) => ({ priorActual: v, actual: v });
  it('five items: an error listing the first four, located at each 本年 column', () => {
    const found = check(
      'PLAUS-COPIED-COLUMN',
      bare({
        income: { general: same('300') },
        expenditure: {
          personnel: same('180.50'),
          publicFunds: same('40'),
          // One column only: not compared, not counted.
          projects: [project('a', '雷达站维护', { actual: '15' })],
        },
        threePublic: { reception: same('0.8'), abroad: { priorActual: '2' } },
        controls: { office: same('2.6') },
      }),
    ).map(seen);
    expect(found).toEqual([
      {
        severity: 'error',
        // moneyItems order: income, 人员, 公用, projects, 三公, controls; 180.50 is kept as 180.5.
        zh:
          '档案数据：5 个科目的本年决算数与上年决算数全部相同（一般公共预算（财政拨款） 300、' +
          '人员经费 180.5、公用经费 40、公务接待费 0.8……）。',
        en: 'Dossier: 5 items have actual equal to prior-year actual.',
        values: { rows: '5' },
        locations: [
          { path: 'income.general.actual' },
          { path: 'expenditure.personnel.actual' },
          { path: 'expenditure.publicFunds.actual' },
          { path: 'threePublic.reception.actual' },
          { path: 'controls.office.actual' },
        ],
      },
    ]);
  });
  it('exactly three, one of them zero: an error', () => {
    const found = check(
      'PLAUS-COPIED-COLUMN',
      bare({
        expenditure: { personnel: same('0'), publicFunds: same('6'), projects: [] },
        controls: { office: same('1') },
      }),
    );
    expect(found.map((f) => f.message.zh)).toEqual([
      '档案数据：3 个科目的本年决算数与上年决算数全部相同（人员经费 0、公用经费 6、办公经费 1……）。',
    ]);
  });
  it.each<[string, Patch]>([
    ['two items', { expenditure: { personnel: same('5'), publicFunds: same('6'), projects: [] } }],
    [
      'three items, one 0.01 apart',
      {
        expenditure: {
          personnel: same('5'),
          publicFunds: { priorActual: '6.01', actual: '6' },
          projects: [],
        },
        controls: { office: same('1') },
      },
    ],
    [
      'three items all zero',
      {
        expenditure: { personnel: same('0'), publicFunds: same('0'), projects: [] },
        controls: { office: same('0') },
      },
    ],
  ])('%s: silent', (_label, patch) => {
    expect(check('PLAUS-COPIED-COLUMN', bare(patch))).toEqual([]);
  });
});

describe('PLAUS-OVERSPENT, dossier data: 执行数 above the budget (全年预算数, else 年初预算数)', () => {
  const run = (patch: Patch) => check('PLAUS-OVERSPENT', bare(patch)).map(seen);
  const projects = (...money: Record<string, string>[]) => ({
    projects: money.map((m, i) => project(`xm${i + 1}`, `气象服务${i + 1}`, m)),
  });
  it('0.01 above the adjusted budget: a warning naming both figures and columns', () => {
    // 100.01 > 100 (the adjusted budget counts, not the initial 80).
    expect(
      run({
        expenditure: projects({ initialBudget: '80', adjustedBudget: '100', actual: '100.01' }),
      }),
    ).toEqual([
      {
        severity: 'warning',
        zh: '项目“气象服务1”：执行数 100.01 万元超过预算数 100.00 万元，报告未说明原因。',
        en: '项目“气象服务1”: actual 100.01 above budget 100.00, not explained.',
        values: { actual: '100.01', budget: '100.00' },
        locations: [
          { path: 'expenditure.projects[0].money.actual' },
          { path: 'expenditure.projects[0].money.adjustedBudget' },
        ],
      },
    ]);
  });
  it('without an adjusted budget, against the initial one, located there', () => {
    // 人员经费 150.01 > 150 (initial only); 公用经费 31 > 30 (adjusted only).
    const found = run({
      expenditure: {
        personnel: { initialBudget: '150', actual: '150.01' },
        publicFunds: { adjustedBudget: '30', actual: '31' },
        projects: [],
      },
    });
    expect(found.map((f) => [f.zh, f.locations])).toEqual([
      [
        '人员经费：执行数 150.01 万元超过预算数 150.00 万元，报告未说明原因。',
        [{ path: 'expenditure.personnel.actual' }, { path: 'expenditure.personnel.initialBudget' }],
      ],
      [
        '公用经费：执行数 31.00 万元超过预算数 30.00 万元，报告未说明原因。',
        [
          { path: 'expenditure.publicFunds.actual' },
          { path: 'expenditure.publicFunds.adjustedBudget' },
        ],
      ],
    ]);
  });
  it('an adjusted budget cut below the initial one is the budget: 90 > 80 (initial 100)', () => {
    const found = run({
      expenditure: projects({ initialBudget: '100', adjustedBudget: '80', actual: '90' }),
    });
    expect(found.map((f) => f.values)).toEqual([{ actual: '90.00', budget: '80.00' }]);
  });
  it('income sources with a budget and controls checked; a zero-budget project too', () => {
    const found = run({
      income: { general: { adjustedBudget: '500', actual: '512.3' } },
      expenditure: projects({ adjustedBudget: '0', actual: '5' }),
      controls: { procurement: { initialBudget: '20', actual: '25' } },
    });
    expect(found.map((f) => [f.zh, f.locations[0]?.path])).toEqual([
      [
        '一般公共预算（财政拨款）：执行数 512.30 万元超过预算数 500.00 万元，报告未说明原因。',
        'income.general.actual',
      ],
      [
        '项目“气象服务1”：执行数 5.00 万元超过预算数 0.00 万元，报告未说明原因。',
        'expenditure.projects[0].money.actual',
      ],
      [
        '政府采购金额：执行数 25.00 万元超过预算数 20.00 万元，报告未说明原因。',
        'controls.procurement.actual',
      ],
    ]);
  });
  it.each<[string, Patch]>([
    ['at the adjusted budget', { expenditure: projects({ adjustedBudget: '100', actual: '100' }) }],
    [
      'above the initial budget, within the adjusted one',
      { expenditure: projects({ initialBudget: '80', adjustedBudget: '100', actual: '90' }) },
    ],
    ['0.01 under the budget', { expenditure: projects({ initialBudget: '50', actual: '49.99' }) }],
    ['no budget', { expenditure: projects({ priorActual: '3', actual: '5' }) }],
    ['no actual', { expenditure: projects({ initialBudget: '5' }) }],
    // Its own rule: PLAUS-THREE-PUBLIC-OVER-BUDGET.
    ['a 三公 item', { threePublic: { reception: { initialBudget: '1', actual: '2' } } }],
    // Its own rule: PLAUS-UNBUDGETED-SOURCE.
    [
      'an income source without a budget',
      { income: { other: { initialBudget: '0', actual: '9' } } },
    ],
  ])('%s: silent', (_label, patch) => {
    expect(run(patch)).toEqual([]);
  });
});

/** 附件2 (部门整体支出绩效自评表): one row's 年初预算数, 全年预算数 and 全年执行数, left to right. */
const ANNEX2 = { annex: 2, table: '部门整体支出绩效自评表' } as const;
const budgetRow = (
  head: MoneyHead,
  [initial, adjusted, actual]: [string?, string?, string?],
  place: Where = ANNEX2,
  extra: { row?: string; scope?: string } = {},
): StatementInput[] => {
  const at = (column: string): Where => ({
    ...place,
    ...(extra.row !== undefined ? { row: extra.row } : {}),
    column,
  });
  return [
    ...(initial !== undefined
      ? [stated(headConcept(head, 'initialBudget'), initial, at('年初预算数'), extra.scope)]
      : []),
    ...(adjusted !== undefined
      ? [stated(headConcept(head, 'adjustedBudget'), adjusted, at('全年预算数'), extra.scope)]
      : []),
    ...(actual !== undefined
      ? [stated(headConcept(head, 'actual'), actual, at('全年执行数'), extra.scope)]
      : []),
  ];
};

describe('PLAUS-OVERSPENT, statements: a row of one table whose 决算 is above its 预算', () => {
  const run = (statements: StatementInput[], narrative: Patch['narrative'] = {}) =>
    check('PLAUS-OVERSPENT', bare({ statements, narrative })).map(seen);
  const cell = (row: string, column: string) => ({ ...ANNEX2, row, column });
  it('0.01 above the 全年预算数 (not the 年初预算数 left of it): one warning for the table', () => {
    // 基本支出 310.01 > 310 (初 300); 项目支出 125 = 125 passes.
    const found = run([
      ...budgetRow('expenditure.basic', ['300', '310', '310.01'], ANNEX2, { row: '一、基本支出' }),
      ...budgetRow('expenditure.projects', ['120', '125', '125'], ANNEX2, { row: '二、项目支出' }),
    ]);
    expect(found).toEqual([
      {
        severity: 'warning',
        zh: '附件2：一、基本支出 决算 310.01 > 预算 310（万元），报告未说明超支原因。',
        en: 'annex 2: 1 row(s) with actual above budget, not explained.',
        values: { row1: '一、基本支出: 310.01 > 310' },
        locations: [cell('一、基本支出', '全年执行数'), cell('一、基本支出', '全年预算数')],
      },
    ]);
  });
  it('rows without a row label are named by their head; each table its own finding', () => {
    const s2: Where = { section: '二（二）' };
    const found = run([
      ...budgetRow('expenditure.personnel', ['200', undefined, '201']),
      ...budgetRow('expenditure.publicFunds', [undefined, '40', '40.5']),
      ...budgetRow('expenditure.projects', ['90', undefined, '95'], s2),
    ]);
    expect(found.map((f) => [f.zh, f.en, f.values])).toEqual([
      [
        '附件2：人员经费 决算 201 > 预算 200；公用经费 决算 40.5 > 预算 40（万元），报告未说明超支原因。',
        'annex 2: 2 row(s) with actual above budget, not explained.',
        {
          row1: 'expenditure.personnel: 201 > 200',
          row2: 'expenditure.publicFunds: 40.5 > 40',
        },
      ],
      [
        '二（二）：项目支出 决算 95 > 预算 90（万元），报告未说明超支原因。',
        '二（二）: 1 row(s) with actual above budget, not explained.',
        { row1: 'expenditure.projects: 95 > 90' },
      ],
    ]);
  });
  it('projects are rows by their scope', () => {
    // Merged, xm2's 30 would be the actual against xm1's 40: no finding. Apart, xm1 45 > 40.
    const found = run([
      ...budgetRow('project', ['40', undefined, '45'], ANNEX2, { row: '预警雷达', scope: 'xm1' }),
      ...budgetRow('project', ['50', undefined, '30'], ANNEX2, { row: '人影作业', scope: 'xm2' }),
    ]);
    expect(found.map((f) => f.zh)).toEqual([
      '附件2：预警雷达 决算 45 > 预算 40（万元），报告未说明超支原因。',
    ]);
  });
  it.each<[string, StatementInput[]]>([
    ['at the budget', budgetRow('expenditure.basic', ['300', '310', '310'])],
    ['0.01 under the budget', budgetRow('expenditure.basic', ['300', undefined, '299.99'])],
    ['no budget stated', budgetRow('expenditure.basic', [undefined, undefined, '310'])],
    ['no actual stated', budgetRow('expenditure.basic', ['300', '310', undefined])],
    ['the actual in words', budgetRow('expenditure.basic', ['300', undefined, '见说明'])],
    [
      'last year’s columns are not a budget',
      [
        stated('expenditure.personnel.priorActual', '150', { ...ANNEX1, column: '上年决算数' }),
        stated('expenditure.personnel.priorInitialBudget', '150', ANNEX1),
        stated('expenditure.personnel.actual', '170', { ...ANNEX1, column: '本年决算数' }),
      ],
    ],
    // Income and 三公 rows have their own rules (PLAUS-UNBUDGETED-SOURCE, -THREE-PUBLIC-…).
    ['an income row', budgetRow('income.total', ['300', '310', '320'])],
    ['a 三公 row', budgetRow('threePublic.reception', ['1', undefined, '2'])],
    [
      'rows of different tables',
      [
        ...budgetRow('expenditure.basic', ['300', undefined, undefined]),
        ...budgetRow('expenditure.basic', [undefined, undefined, '310'], { section: '二（一）' }),
      ],
    ],
  ])('%s: silent', (_label, statements) => {
    expect(run(statements)).toEqual([]);
  });
});

describe('PLAUS-OVERSPENT: a reason in the report silences the rule', () => {
  // Spent above budget both in the data (人员经费 201 > 200) and in a table (附件2 基本支出).
  const patch: Patch = {
    expenditure: { personnel: { initialBudget: '200', actual: '201' }, projects: [] },
    statements: budgetRow('expenditure.basic', ['300', undefined, '310']),
  };
  const found = (narrative: Patch['narrative']) =>
    check('PLAUS-OVERSPENT', bare({ ...patch, narrative })).length;
  it.each<[string, NonNullable<Patch['narrative']>]>([
    ['超支 in the decrease reason', { decreaseReason: '因气象灾害应急超支 1 万元' }],
    ['超预算 in other matters', { other: '雷达维修超预算部分已报批' }],
    ['超出预算 in the overview', { overview: '人员经费超出预算系新增编制' }],
    ['追加 in the problems', { problems: '年中追加人影作业经费' }],
    ['调增 in other matters', { other: '预算年中调增 10 万元' }],
  ])('%s', (_label, narrative) => {
    expect(found(narrative)).toBe(0);
  });
  it('without one, or with one only in the budget growth reason: both found', () => {
    expect(found({})).toBe(2);
    // budgetGrowthReason explains a larger budget than last year's, not spending above it.
    expect(found({ budgetGrowthReason: '预算比上年超支部分增加', overview: '全年运行平稳' })).toBe(
      2,
    );
  });
});

describe('PLAUS-BUDGET-CUT-TO-ACTUAL, dossier data: 调整后预算 = 执行数 < 年初预算', () => {
  const run = (patch: Patch) => check('PLAUS-BUDGET-CUT-TO-ACTUAL', bare(patch)).map(seen);
  const cols = (initialBudget: string, adjustedBudget: string, actual: string) => ({
    initialBudget,
    adjustedBudget,
    actual,
  });
  it('income total cut to the spending: a warning, rate against the initial budget', () => {
    // Total 200 + 60 = 260, 185 + 55.5 = 240.5, 240.5; 240.5 ÷ 260 = 0.925 → 92.50%.
    expect(
      run({ income: { general: cols('200', '185', '185'), other: cols('60', '55.5', '55.5') } }),
    ).toEqual([
      {
        severity: 'warning',
        zh:
          '档案数据：年初预算 260.00 万元，调整后预算 240.50 万元恰好等于执行数 240.50 万元；' +
          '按年初预算执行率为 92.50%，报告未说明预算调减依据。',
        en: '档案数据: adjusted budget 240.50 equals actual; initial 260.00 gives 92.50%.',
        values: {
          initialBudget: '260.00',
          adjustedBudget: '240.50',
          actual: '240.50',
          rateAgainstInitial: '92.50%',
        },
        locations: [{ concept: 'income.total.adjustedBudget' }, { concept: 'income.total.actual' }],
      },
    ]);
  });
  it('0.01 of cut is a cut: 80 ÷ 80.01 = 99.9875…% → 99.99%', () => {
    const found = run({ income: { general: cols('80.01', '80', '80') } });
    expect(found.map((f) => f.values.rateAgainstInitial)).toEqual(['99.99%']);
  });
  it('no income: the expenditure total, 168 ÷ 180 = 93.333…% → 93.33%', () => {
    const found = run({
      expenditure: {
        personnel: cols('150', '140', '140'),
        publicFunds: cols('30', '28', '28'),
        projects: [],
      },
    });
    expect(found.map((f) => [f.values, f.locations])).toEqual([
      [
        {
          initialBudget: '180.00',
          adjustedBudget: '168.00',
          actual: '168.00',
          rateAgainstInitial: '93.33%',
        },
        [{ concept: 'expenditure.total.adjustedBudget' }, { concept: 'expenditure.total.actual' }],
      ],
    ]);
  });
  it.each<[string, Patch]>([
    ['no cut (80 = 80 = 80)', { income: { general: cols('80', '80', '80') } }],
    ['budget raised to the spending', { income: { general: cols('70', '80', '80') } }],
    ['0.01 left unspent', { income: { general: cols('90', '80.01', '80') } }],
    ['0.01 spent above the adjusted budget', { income: { general: cols('90', '80', '80.01') } }],
    [
      'the income total unknown (a source without columns), expenditure not consulted',
      {
        income: { general: cols('200', '185', '185'), other: { actual: '5' } },
        expenditure: { personnel: cols('150', '140', '140'), projects: [] },
      },
    ],
  ])('%s: silent', (_label, patch) => {
    expect(run(patch)).toEqual([]);
  });
});

describe('PLAUS-BUDGET-CUT-TO-ACTUAL, statements: one table’s 收入合计 row', () => {
  const total = (values: [string?, string?, string?], place: Where = ANNEX2) =>
    budgetRow('income.total', values, place, { row: '年度资金总额' });
  const cell = (column: string) => ({ ...ANNEX2, row: '年度资金总额', column });
  const run = (statements: StatementInput[], patch: Patch = {}) =>
    check('PLAUS-BUDGET-CUT-TO-ACTUAL', bare({ ...patch, statements })).map(seen);
  it('a table cut to its spending (no data): 270 ÷ 300 = 90.00%', () => {
    expect(run(total(['300.00', '270', '270万元']))).toEqual([
      {
        severity: 'warning',
        zh:
          '附件2：年初预算 300.00 万元，调整后预算 270.00 万元恰好等于执行数 270.00 万元；' +
          '按年初预算执行率为 90.00%，报告未说明预算调减依据。',
        en: '附件2: adjusted budget 270.00 equals actual; initial 300.00 gives 90.00%.',
        values: {
          initialBudget: '300.00',
          adjustedBudget: '270.00',
          actual: '270.00',
          rateAgainstInitial: '90.00%',
        },
        locations: [cell('年初预算数'), cell('全年预算数'), cell('全年执行数')],
      },
    ]);
  });
  it('the first figure of a column in a table counts; words are skipped', () => {
    const found = run([
      stated('income.total.actual', '见决算表', cell('全年执行数')),
      ...total(['300', '270', '270']),
      stated('income.total.adjustedBudget', '280', cell('全年预算数')),
    ]);
    expect(found.map((f) => f.values.adjustedBudget)).toEqual(['270.00']);
  });
  const data: Patch = {
    income: { general: { initialBudget: '260', adjustedBudget: '240.5', actual: '240.5' } },
  };
  it('a table stating the data’s figures: one finding, located in the data and the table', () => {
    // Same adjusted budget and actual as the data (its initial 265 is not compared).
    const found = run(total(['265', '240.50', '240.5']), data);
    expect(found.map((f) => [f.zh.split('：')[0], f.locations])).toEqual([
      [
        '档案数据',
        [
          { concept: 'income.total.adjustedBudget' },
          { concept: 'income.total.actual' },
          cell('年初预算数'),
          cell('全年预算数'),
          cell('全年执行数'),
        ],
      ],
    ]);
  });
  it('a table with other figures than the data: a finding each', () => {
    // Data 240.5 ÷ 260 = 92.50%; 附件2 241 ÷ 260 = 92.692…% → 92.69%.
    const found = run(total(['260', '241', '241']), data);
    expect(found.map((f) => [f.zh.split('：')[0], f.values.rateAgainstInitial])).toEqual([
      ['档案数据', '92.50%'],
      ['附件2', '92.69%'],
    ]);
  });
  it('the data not cut, the table cut: the table alone', () => {
    const uncut: Patch = {
      income: { general: { initialBudget: '240.5', adjustedBudget: '240.5', actual: '240.5' } },
    };
    const found = run(total(['260', '240.5', '240.5']), uncut);
    expect(found.map((f) => [f.zh.split('：')[0], f.locations.length])).toEqual([['附件2', 3]]);
  });
  it.each<[string, StatementInput[]]>([
    ['no initial budget stated', total([undefined, '270', '270'])],
    ['no actual stated', total(['300', '270', undefined])],
    [
      'the columns in different tables',
      [
        ...total(['300', undefined, undefined], { section: '三' }),
        ...total([undefined, '270', '270']),
      ],
    ],
    ['a source’s row, not the total', budgetRow('income.general', ['300', '270', '270'])],
    ['not cut', total(['270', '270', '270'])],
  ])('%s: silent', (_label, statements) => {
    expect(run(statements)).toEqual([]);
  });
});
