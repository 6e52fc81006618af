/**
 * The scoring checks called one at a time on a small context. Hand arithmetic on the base factory
 * dossier (src/core/testing/factories.ts): 成本 C1 10 + 产出 O1 20, O2 10, O3 10 + 效益 E1 15
 * (qualitative, 达成), E2 15 + 满意度 S1 10 = 90 分, every score at its weight, plus execution 10.
 */
import { describe, expect, it } from 'vitest';
import type { DossierInput } from '../dossier/schema.ts';
import { NATIONAL_RULESET_INPUT, RuleSetSchema } from '../scoring/ruleset.ts';
import {
  auditContext,
  projectGrid,
  projectIndicator,
  runRule,
  stated,
  withIndicator,
  type IndicatorInput,
} from '../testing/audit-context.ts';
import {
  SCORING_RULES,
  checkExecutionScore,
  checkGradeBand,
  checkTotalSum,
  executionWeight,
  tierFromText,
} from './rules-scoring.ts';
import { engineScore } from './support.ts';
import type { Rule, RuleMeta } from './types.ts';

const ruleOf = (code: string): Rule => {
  const rule = SCORING_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  return rule;
};
const metaOf = (code: string): RuleMeta => ruleOf(code);

const ruleset = (patch: Record<string, unknown>) =>
  RuleSetSchema.parse({ ...NATIONAL_RULESET_INPUT, name: 'test-set', ...patch });

describe('executionWeight', () => {
  it('the default 10 without engine, rule set or statement', () => {
    expect(executionWeight(auditContext()).toFixed()).toBe('10');
  });
  it('the first statement that reads as a number', () => {
    const ctx = auditContext({
      statements: [
        stated('execution.weight', '若干', { section: '一' }),
        stated('execution.weight', '15分', { section: '二' }),
        stated('execution.weight', '12', { section: '三' }),
      ],
    });
    expect(executionWeight(ctx).toFixed()).toBe('15');
  });
  it('the rule set’s weight before any statement; the engine’s before both', () => {
    const rs = ruleset({ execution: { ...NATIONAL_RULESET_INPUT.execution, weight: 20 } });
    const patch = { statements: [stated('execution.weight', '15')] };
    expect(executionWeight(auditContext(patch, { ruleset: rs })).toFixed()).toBe('20');
    const scored = auditContext(patch, { ruleset: rs, scored: true });
    expect(executionWeight({ ...scored, ruleset: undefined }).toFixed()).toBe('20');
  });
});

describe('SCORE-WEIGHT-SUM', () => {
  const rule = ruleOf('SCORE-WEIGHT-SUM');
  it('90 + 10 = 100: silent', () => expect(runRule(rule)).toEqual([]));
  it('O1 at 25: 95 + 10 = 105', () => {
    const found = runRule(rule, { indicators: withIndicator('O1', { weight: 25, score: 25 }) });
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.values).toEqual({
      indicatorWeights: '95.00',
      executionWeight: '10.00',
      total: '105.00',
    });
    expect(found[0]?.message.zh).toBe(
      '部门整体：三级指标分值合计 95.00 + 预算执行分值 10.00 = 105.00，应为 100 分。',
    );
    expect(found[0]?.message.en).toBe(
      '部门整体: indicator weights 95.00 + execution 10.00 = 105.00, expected 100.',
    );
    expect(found[0]?.locations).toEqual([{ path: 'indicators' }]);
    expect(found[0]?.scope).toBeUndefined();
  });
  it('a stated execution weight of 15 makes 90 + 15 = 105', () => {
    const found = runRule(rule, { statements: [stated('execution.weight', '15')] });
    expect(found[0]?.values.total).toBe('105.00');
  });
  it('a project grid: 89.5 + 10 = 99.5, scoped to the project; an empty grid is skipped', () => {
    const found = runRule(rule, {
      indicators: [],
      ...projectGrid([projectIndicator({ weight: 89.5, score: 89.5 })]),
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.scope).toBe('P1');
    expect(found[0]?.values.total).toBe('99.50');
    expect(found[0]?.message.zh).toMatch(/^业务工作经费：三级指标分值合计 89\.50 /);
    expect(found[0]?.locations).toEqual([{ path: 'expenditure.projects[0].indicators' }]);
  });
});

describe('SCORE-WEIGHT-NONPOSITIVE', () => {
  const rule = ruleOf('SCORE-WEIGHT-NONPOSITIVE');
  it('weight 0 is reported; 0.01 is not; a not-applicable row is not', () => {
    const found = runRule(rule, {
      indicators: [
        ...withIndicator('S1', { weight: 0, score: 0 }),
        { ...projectIndicator(), id: 'Z1', weight: 0.01, score: 0 },
        {
          ...projectIndicator(),
          id: 'Z2',
          weight: 0,
          score: undefined,
          notApplicable: { reason: '无' },
        },
      ].map((i) =>
        Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)),
      ) as IndicatorInput[],
    });
    expect(found.map((f) => [f.indicatorId, f.values.weight, f.locations])).toEqual([
      ['S1', '0', [{ path: 'indicators[6].weight' }]],
    ]);
    expect(found[0]?.message.zh).toBe('指标“服务对象满意度”分值为 0。');
    expect(found[0]?.message.en).toBe('Indicator "服务对象满意度" has weight 0.');
    expect(found[0]?.scope).toBeUndefined();
  });
  it('in a project grid, scoped', () => {
    const [f] = runRule(rule, projectGrid([projectIndicator({ weight: 0, score: 0 })]));
    expect(f?.scope).toBe('P1');
    expect(f?.locations).toEqual([{ path: 'expenditure.projects[0].indicators[0].weight' }]);
  });
});

describe('SCORE-LEVEL1-RULESET', () => {
  const rule = ruleOf('SCORE-LEVEL1-RULESET');
  const department = { 成本指标: 10, 产出指标: 40, 效益指标: 30, 满意度指标: 10 };
  it('silent without a rule set in the context', () => {
    expect(runRule(rule, { indicators: withIndicator('O1', { weight: 5, score: 5 }) })).toEqual([]);
    // The national project weights would flag this grid (产出 90 against 50).
    expect(runRule(rule, projectGrid([projectIndicator()]))).toEqual([]);
  });
  it('the base grid matches 10/40/30/10; names match without 指标 or a （N分） note', () => {
    const rs = ruleset({ level1Weights: { department } });
    expect(runRule(rule, {}, { ruleset: rs })).toEqual([]);
    const loose = ruleset({
      level1Weights: {
        department: { 成本: 10, '产出指标（40分）': 40, 效益指标: 30, 满意度指标: 10 },
      },
    });
    expect(runRule(rule, {}, { ruleset: loose })).toEqual([]);
  });
  it('产出 expected 35, the grid has 40; 社会 expected 5, the grid has none', () => {
    const rs = ruleset({
      level1Weights: { department: { ...department, 产出指标: 35, 社会指标: 5 } },
    });
    const found = runRule(rule, {}, { ruleset: rs });
    expect(found.map((f) => f.values)).toEqual([
      { level1: '产出指标', weights: '40.00', expected: '35.00', ruleset: 'test-set' },
      { level1: '社会指标', weights: '0.00', expected: '5.00', ruleset: 'test-set' },
    ]);
    expect(found[0]?.message.zh).toBe(
      '部门整体一级指标“产出指标”：分值合计 40.00，规则集“test-set”要求 35.00。',
    );
    expect(found[0]?.message.en).toBe(
      'Unit level-1 "产出指标": weights add up to 40.00, rule set "test-set" expects 35.00.',
    );
    expect(found[0]?.locations).toEqual([{ path: 'indicators' }]);
    expect(found[0]?.scope).toBeUndefined();
  });
  it('a project grid against the project weights (national: 产出 50, 效益 30, 满意度 10)', () => {
    const rs = ruleset({});
    const found = runRule(rule, projectGrid([projectIndicator()]), { ruleset: rs });
    expect(found.map((f) => [f.scope, f.values.level1, f.values.weights])).toEqual([
      ['P1', '产出指标', '90.00'],
      ['P1', '效益指标', '0.00'],
      ['P1', '满意度指标', '0.00'],
    ]);
    expect(found[0]?.message.zh).toBe(
      '项目“业务工作经费”一级指标“产出指标”：分值合计 90.00，规则集“test-set”要求 50.00。',
    );
    expect(found[0]?.message.en).toMatch(/^P1 level-1 "产出指标"/);
    expect(found[0]?.locations).toEqual([{ path: 'expenditure.projects[0].indicators' }]);
  });
  it('a grid without indicators, or a rule set without expectations for it, is skipped', () => {
    expect(
      runRule(ruleOf('SCORE-LEVEL1-RULESET'), { indicators: [] }, { ruleset: ruleset({}) }),
    ).toEqual([]);
  });
});

describe('SCORE-LEVEL1-STATED', () => {
  const rule = ruleOf('SCORE-LEVEL1-STATED');
  const subtotal = (value: string, scope?: string) =>
    stated('indicators.level1.subtotal', value, { annex: 2 }, scope);
  it('产出指标 stated 40 = 20 + 10 + 10: silent; 35 → error', () => {
    expect(runRule(rule, { statements: [subtotal('40', '产出指标')] })).toEqual([]);
    const [f, ...rest] = runRule(rule, { statements: [subtotal('35分', '产出指标')] });
    expect(rest).toEqual([]);
    expect(f?.values).toEqual({ stated: '35分', weights: '40.00' });
    expect(f?.message.zh).toBe(
      '一级指标“产出指标”：附件2 写 35分 分，其下三级指标分值合计 40.00 分。',
    );
    expect(f?.message.en).toBe('Level-1 "产出指标": 35分 stated, weights add up to 40.00.');
    expect(f?.locations).toEqual([{ annex: 2 }, { path: 'indicators' }]);
  });
  it('no scope, an unknown 一级, or words only: skipped', () => {
    expect(
      runRule(rule, {
        statements: [subtotal('35'), subtotal('35', '社会指标'), subtotal('若干', '产出指标')],
      }),
    ).toEqual([]);
  });
});

describe('SCORE-ABOVE-WEIGHT', () => {
  const rule = ruleOf('SCORE-ABOVE-WEIGHT');
  it('at the weight: silent; 0.01 above: error', () => {
    expect(runRule(rule)).toEqual([]);
    const [f] = runRule(rule, { indicators: withIndicator('O2', { score: 10.01 }) });
    expect(f?.indicatorId).toBe('O2');
    expect(f?.values).toEqual({ score: '10.01', weight: '10' });
    expect(f?.message.zh).toBe('指标“检查覆盖率”：得分 10.01 不在 [0, 10] 内。');
    expect(f?.message.en).toBe('Indicator "检查覆盖率": score 10.01 is outside [0, 10].');
    expect(f?.locations).toEqual([
      { path: 'indicators[2].score' },
      { path: 'indicators[2].weight' },
    ]);
  });
  it('a negative score: error; zero: silent', () => {
    expect(runRule(rule, { indicators: withIndicator('O2', { score: -1 }) })).toHaveLength(1);
    expect(runRule(rule, { indicators: withIndicator('O2', { score: 0 }) })).toEqual([]);
  });
  it('no score, or not applicable: silent; a project row is scoped', () => {
    expect(runRule(rule, { indicators: withIndicator('O2', { score: undefined }) })).toEqual([]);
    expect(
      runRule(rule, {
        indicators: withIndicator('O2', { score: 12, notApplicable: { reason: '本年无' } }),
      }),
    ).toEqual([]);
    const [f] = runRule(rule, projectGrid([projectIndicator({ score: 91 })]));
    expect(f?.scope).toBe('P1');
  });
});

describe('SCORE-RULE-MISMATCH', () => {
  const rule = ruleOf('SCORE-RULE-MISMATCH');
  // O1: ≥20 次, actual 24 → the rule gives the full 20.
  it('within 0.01 of the rule: silent; 0.02 off: error with the engine’s trace', () => {
    expect(
      runRule(rule, { indicators: withIndicator('O1', { score: 19.99 }) }, { scored: true }),
    ).toEqual([]);
    const patch = { indicators: withIndicator('O1', { score: 19.98 }) };
    const ctx = auditContext(patch, { scored: true });
    const trace = engineScore(ctx, 'O1', undefined)?.trace ?? '';
    const [f, ...rest] = rule.check(ctx);
    expect(rest).toEqual([]);
    expect(f?.values).toEqual({ stated: '19.98', computed: '20.00', trace });
    expect(f?.message.zh).toBe(`指标“完成检查次数”：表中得分 19.98，按规则 ${trace}。`);
    expect(f?.message.en).toBe(`Indicator "完成检查次数": stated 19.98, rule gives ${trace}.`);
    expect(f?.locations).toEqual([{ path: 'indicators[1].score' }]);
  });
  it('silent without the engine, without a stated score, or when not applicable', () => {
    expect(runRule(rule, { indicators: withIndicator('O1', { score: 5 }) })).toEqual([]);
    expect(
      runRule(rule, { indicators: withIndicator('O1', { score: undefined }) }, { scored: true }),
    ).toEqual([]);
    expect(
      runRule(
        rule,
        { indicators: withIndicator('O1', { score: 5, notApplicable: { reason: '无' } }) },
        { scored: true },
      ),
    ).toEqual([]);
  });
  it('silent when no rule could compute (words for a numeric target)', () => {
    expect(
      runRule(
        rule,
        { indicators: withIndicator('O1', { actual: '均完成', score: 5 }) },
        {
          scored: true,
        },
      ),
    ).toEqual([]);
  });
  it('a project row is scoped', () => {
    const [f] = runRule(rule, projectGrid([projectIndicator({ actual: '5个', score: 90 })]), {
      scored: true,
    });
    expect(f?.scope).toBe('P1');
    expect(f?.values.computed).toBe('45.00');
  });
});

describe('SCORE-TOTAL-SUM', () => {
  const meta = metaOf('SCORE-TOTAL-SUM');
  const total = (value: string, where = { section: '六' }) => stated('score.total', value, where);
  const exec = (value: string) => stated('execution.score', value, { annex: 2 });
  it('stated execution 10 + 90 = 100; 0.01 off is within tolerance, 0.02 is not', () => {
    expect(
      checkTotalSum(auditContext({ statements: [total('100.01'), exec('10')] }), meta),
    ).toEqual([]);
    const [f] = checkTotalSum(auditContext({ statements: [total('99.98'), exec('10')] }), meta);
    expect(f?.severity).toBe('error');
    expect(f?.values).toEqual({
      stated: '99.98',
      execution: '10.00',
      indicators: '90.00',
      sum: '100.00',
    });
    expect(f?.message.zh).toBe(
      '自评总分：六写 99.98 分；预算执行 10.00 + 成本指标 10.00 + 产出指标 40.00 + 效益指标 30.00 + ' +
        '满意度指标 10.00 = 100.00 分，相差 0.02 分。',
    );
    expect(f?.message.en).toBe(
      'Total score: 六 says 99.98; execution 10.00 + indicators 90.00 = 100.00.',
    );
    expect(f?.locations).toEqual([{ section: '六' }, { annex: 2 }, { path: 'indicators' }]);
  });
  it('the sum uses the stated scores (O1 18): 10 + 88 = 98', () => {
    const ctx = auditContext({
      indicators: withIndicator('O1', { score: 18 }),
      statements: [total('100'), exec('无法计算'), exec('10')],
    });
    const [f] = checkTotalSum(ctx, meta);
    expect(f?.values).toMatchObject({ indicators: '88.00', sum: '98.00' });
    expect(f?.message.zh).toContain('产出指标 38.00');
  });
  it('without a stated execution score, the engine’s; without either, silent', () => {
    const [f] = checkTotalSum(auditContext({ statements: [total('95')] }, { scored: true }), meta);
    expect(f?.values).toMatchObject({ execution: '10.00', sum: '100.00' });
    expect(f?.locations).toEqual([{ section: '六' }, { path: 'indicators' }]);
    expect(checkTotalSum(auditContext({ statements: [total('95')] }), meta)).toEqual([]);
  });
  it('silent when a score is missing, a row is not applicable, or there are no indicators', () => {
    const statements = [total('50'), exec('10')];
    const none = (patch: Partial<DossierInput>) =>
      expect(checkTotalSum(auditContext({ ...patch, statements }), meta)).toEqual([]);
    none({ indicators: withIndicator('O3', { score: undefined }) });
    none({ indicators: withIndicator('O3', { notApplicable: { reason: '无此事项' } }) });
    none({ indicators: [] });
  });
  it('a total in words is skipped', () => {
    expect(checkTotalSum(auditContext({ statements: [total('满分'), exec('10')] }), meta)).toEqual(
      [],
    );
  });
});

describe('SCORE-GRADE-BAND', () => {
  const meta = metaOf('SCORE-GRADE-BAND');
  const grade = (value: string) => stated('score.grade', value, { section: '七' });
  it('the stated total decides; the message names where it was stated', () => {
    const ctx = auditContext({
      statements: [
        stated('score.total', '未评', { section: '五' }),
        stated('score.total', '85', { section: '六' }),
        grade('自评等级为“优”'),
      ],
    });
    const [f, ...rest] = checkGradeBand(ctx, meta);
    expect(rest).toEqual([]);
    expect(f?.values).toEqual({ stated: '自评等级为“优”', total: '85.00', band: '良' });
    expect(f?.message.zh).toBe('自评等级：七写“自评等级为“优””；六 所写总分 85.00 分对应“良”。');
    expect(f?.message.en).toBe('Grade: 七 says 自评等级为“优”; total 85.00 is "良".');
    expect(f?.locations).toEqual([{ section: '七' }, { section: '六' }]);
  });
  it('without a stated total, the computed one (100 → 优)', () => {
    const [f] = checkGradeBand(auditContext({ statements: [grade('良')] }, { scored: true }), meta);
    expect(f?.values).toEqual({ stated: '良', total: '100.00', band: '优' });
    expect(f?.message.zh).toBe('自评等级：七写“良”；计算总分 100.00 分对应“优”。');
    expect(f?.locations).toEqual([{ section: '七' }, { concept: 'score.total' }]);
  });
  it('silent when right, when no grade letter is written, or with no total at all', () => {
    expect(
      checkGradeBand(auditContext({ statements: [grade('优秀')] }, { scored: true }), meta),
    ).toEqual([]);
    expect(
      checkGradeBand(auditContext({ statements: [grade('已评价')] }, { scored: true }), meta),
    ).toEqual([]);
    expect(checkGradeBand(auditContext({ statements: [grade('差')] }), meta)).toEqual([]);
  });
  it('the rule set’s bands: 优 from 95 under a stricter set', () => {
    const rs = ruleset({
      grades: [
        { grade: '优', min: 95 },
        { grade: '良', min: 80 },
        { grade: '中', min: 60 },
        { grade: '差', min: 0 },
      ],
    });
    const statements = [stated('score.total', '92'), grade('优')];
    expect(
      checkGradeBand(auditContext({ statements }, { ruleset: rs }), meta)[0]?.values.band,
    ).toBe('良');
  });
});

describe('SCORE-EXECUTION without the engine', () => {
  const meta = metaOf('SCORE-EXECUTION');
  // 执行 500 ÷ 调整后 520 = 96.153…% → 10 × 0.96153… = 9.615… → 9.62.
  const adjusted520 = (value: string, more: Partial<DossierInput> = {}) =>
    auditContext({
      income: { general: { initialBudget: '500', adjustedBudget: '520', actual: '500' } },
      statements: [stated('execution.score', value, { annex: 2 })],
      ...more,
    });
  it('9.62 right, 9.61 within 0.01; 9.60 off', () => {
    expect(checkExecutionScore(adjusted520('9.62'), meta)).toEqual([]);
    expect(checkExecutionScore(adjusted520('9.63'), meta)).toEqual([]);
    expect(checkExecutionScore(adjusted520('9.61'), meta)).toEqual([]);
    const [f] = checkExecutionScore(adjusted520('9.60'), meta);
    expect(f?.values).toEqual({
      stated: '9.60',
      computed: '9.62',
      trace: '10.00 × min(500 ÷ 520, 1) = 9.62',
    });
    expect(f?.message.zh).toBe(
      '预算执行得分：附件2 写 9.60；按规则 10.00 × min(500 ÷ 520, 1) = 9.62。',
    );
    expect(f?.message.en).toBe(
      'Execution score: annex 2 says 9.60; rule gives 10.00 × min(500 ÷ 520, 1) = 9.62.',
    );
    expect(f?.locations).toEqual([{ annex: 2 }]);
  });
  it('above 100% the rate counts as 100%: 520 ÷ 500 → the full 10', () => {
    const ctx = auditContext({
      income: { general: { initialBudget: '520', adjustedBudget: '500', actual: '520' } },
      statements: [stated('execution.score', '10.4')],
    });
    expect(checkExecutionScore(ctx, meta)[0]?.values.computed).toBe('10.00');
  });
  it('the rule set’s base: against 年初预算 500 the rate is 100% → 10', () => {
    const rs = ruleset({
      execution: { ...NATIONAL_RULESET_INPUT.execution, denominator: 'initialBudget' },
    });
    const ctx = auditContext(
      {
        income: { general: { initialBudget: '500', adjustedBudget: '520', actual: '500' } },
        statements: [stated('execution.score', '9.62')],
      },
      { ruleset: rs },
    );
    expect(checkExecutionScore({ ...ctx, score: undefined }, meta)[0]?.values.computed).toBe(
      '10.00',
    );
  });
  it('a stated execution weight of 20: 20 × 0.9615… = 19.23', () => {
    const ctx = adjusted520('19.23');
    const withWeight = auditContext({
      income: { general: { initialBudget: '500', adjustedBudget: '520', actual: '500' } },
      statements: [stated('execution.score', '19.1'), stated('execution.weight', '20')],
    });
    expect(checkExecutionScore(ctx, meta)[0]?.values.computed).toBe('9.62');
    expect(checkExecutionScore(withWeight, meta)[0]?.values.trace).toBe(
      '20.00 × min(500 ÷ 520, 1) = 19.23',
    );
  });
  it('no budget: silent; words: skipped', () => {
    const noBudget = auditContext({
      income: { general: { actual: '500' } },
      expenditure: { projects: [] },
      statements: [stated('execution.score', '5')],
    });
    expect(checkExecutionScore(noBudget, meta)).toEqual([]);
    expect(checkExecutionScore(adjusted520('满分'), meta)).toEqual([]);
  });
});

describe('SCORE-EXECUTION with the engine', () => {
  const meta = metaOf('SCORE-EXECUTION');
  it('the engine’s score and trace', () => {
    const ctx = auditContext(
      {
        income: { general: { initialBudget: '500', adjustedBudget: '520', actual: '500' } },
        statements: [stated('execution.score', '10')],
      },
      { scored: true },
    );
    const [f] = checkExecutionScore(ctx, meta);
    expect(f?.values).toEqual({
      stated: '10',
      computed: '9.62',
      trace: ctx.score?.execution.trace,
    });
  });
  it('silent when the engine has no execution score', () => {
    const ctx = auditContext(
      {
        income: { general: { actual: '500' } },
        expenditure: { projects: [] },
        statements: [stated('execution.score', '3')],
      },
      { scored: true },
    );
    expect(ctx.score?.execution.score).toBeNull();
    expect(checkExecutionScore(ctx, meta)).toEqual([]);
  });
});

describe('tierFromText', () => {
  const cases: readonly [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ['', undefined],
    ['目标未达成', 'notAchieved'],
    ['未完成', 'notAchieved'],
    ['效果较差', 'notAchieved'],
    ['无效果', 'notAchieved'],
    ['未实现', 'notAchieved'],
    ['部分完成', 'partial'],
    ['基本完成', 'partial'],
    ['有一定成效', 'partial'],
    ['成效明显', 'achieved'],
    ['显著提升', 'achieved'],
    ['已达成', 'achieved'],
    ['全部完成', 'achieved'],
    ['完成', 'achieved'],
    ['良好', 'achieved'],
    ['较好', 'achieved'],
    ['有效', 'achieved'],
    ['持续推进', undefined],
  ];
  it.each(cases)('%s → %s', (text, tier) => expect(tierFromText(text)).toBe(tier));
});

describe('SCORE-QUALITATIVE-TIER', () => {
  const rule = ruleOf('SCORE-QUALITATIVE-TIER');
  // E1: weight 15, qualitative. 达成 [12, 15]; 部分达成 [9, 12); 未达成 [0, 9).
  const e1 = (patch: Partial<IndicatorInput>) =>
    runRule(rule, { indicators: withIndicator('E1', patch) });
  it.each([
    ['achieved', 12, false],
    ['achieved', 11.99, true],
    ['achieved', 15, false],
    ['partial', 9, false],
    ['partial', 11.99, false],
    ['partial', 12, true],
    ['partial', 8.99, true],
    ['notAchieved', 0, false],
    ['notAchieved', 8.99, false],
    ['notAchieved', 9, true],
  ] as const)('tier %s, score %s → finding %s', (tier, score, expected) => {
    expect(e1({ tier, score })).toHaveLength(expected ? 1 : 0);
  });
  it('a stated tier: error with its band', () => {
    const [f] = e1({ score: 11 });
    expect(f?.severity).toBe('error');
    expect(f?.values).toEqual({
      tier: 'achieved',
      score: '11',
      weight: '15',
      low: '12.00',
      high: '15.00',
    });
    expect(f?.message.zh).toBe(
      '定性指标“服务质量提升”：档次为“达成”，应得 12.00–15.00 分，表中得分 11（分值 15）。',
    );
    expect(f?.message.en).toBe(
      'Qualitative "服务质量提升": tier achieved gives 12.00–15.00, stated 11 of 15.',
    );
    expect(f?.locations).toEqual([{ path: 'indicators[4].score' }, { path: 'indicators[4].tier' }]);
    expect(f?.indicatorId).toBe('E1');
  });
  it('the tier the actual’s words claim: warning', () => {
    const [f] = e1({ tier: undefined, actual: '部分完成', score: 14 });
    expect(f?.severity).toBe('warning');
    expect(f?.values).toMatchObject({ tier: 'partial', low: '9.00', high: '12.00' });
    expect(f?.message.zh).toBe(
      '定性指标“服务质量提升”：实际完成“部分完成”所示档次为“部分达成并有一定效果”，应得 9.00–12.00 分，' +
        '表中得分 14（分值 15）。',
    );
    expect(f?.locations).toEqual([
      { path: 'indicators[4].score' },
      { path: 'indicators[4].actual' },
    ]);
    expect(e1({ tier: undefined, actual: '未达成', score: 9 })[0]?.values.tier).toBe('notAchieved');
  });
  it('no kind but a phrase for a target counts as qualitative; a number target does not', () => {
    expect(e1({ kind: undefined, score: 5 })).toHaveLength(1);
    expect(e1({ kind: undefined, target: '≥1项', actual: '1项', score: 5 })).toEqual([]);
    expect(e1({ kind: 'quantitative', score: 5 })).toEqual([]);
  });
  it('no score, or no tier to tell: silent', () => {
    expect(e1({ score: undefined })).toEqual([]);
    expect(e1({ tier: undefined, actual: '持续推进', score: 1 })).toEqual([]);
  });
  it('a rule set whose top band ends below 1 excludes its upper edge', () => {
    const rs = ruleset({
      qualitative: {
        achieved: { min: 0.8, max: 0.9, default: 0.85 },
        partial: { min: 0.6, max: 0.8, default: 0.7 },
        notAchieved: { min: 0, max: 0.6, default: 0.3 },
      },
    });
    const run = (score: number) =>
      runRule(rule, { indicators: withIndicator('E1', { score }) }, { ruleset: rs });
    expect(run(13.49)).toEqual([]);
    expect(run(13.5)[0]?.values).toMatchObject({ low: '12.00', high: '13.50' });
  });
  it('a project row is scoped', () => {
    const [f] = runRule(
      rule,
      projectGrid([
        projectIndicator({
          kind: 'qualitative',
          target: '明显改善',
          actual: '明显改善',
          tier: 'achieved',
          score: 10,
        }),
      ]),
    );
    expect(f?.scope).toBe('P1');
  });
});

describe('SCORE-FULL-BUT-MISSED', () => {
  const rule = ruleOf('SCORE-FULL-BUT-MISSED');
  // O1: ≥20 次; actual 18 次 with the full 20.
  const missed = { indicators: withIndicator('O1', { actual: '18次' }) };
  it('without the engine, by the target', () => {
    const [f, ...rest] = runRule(rule, missed);
    expect(rest).toEqual([]);
    expect(f?.values).toEqual({ actual: '18次', score: '20', weight: '20' });
    expect(f?.message.zh).toBe(
      '指标“完成检查次数”：目标 ≥20次，实际 18次，未达目标却得满分 20 分。',
    );
    expect(f?.message.en).toBe(
      'Indicator "完成检查次数": target missed (actual 18次) yet full score 20.',
    );
    expect(f?.locations).toEqual([
      { path: 'indicators[1].target' },
      { path: 'indicators[1].actual' },
      { path: 'indicators[1].score' },
    ]);
  });
  it('a target given as an object without its text is written out: ≥20次', () => {
    const target = { kind: 'number', op: '>=', value: '20', unit: '次' } as const;
    const [f] = runRule(rule, { indicators: withIndicator('O1', { actual: '18次', target }) });
    expect(f?.message.zh).toBe(
      '指标“完成检查次数”：目标 ≥20次，实际 18次，未达目标却得满分 20 分。',
    );
  });
  it('with the engine, by the engine’s verdict', () => {
    expect(runRule(rule, missed, { scored: true })).toHaveLength(1);
    expect(runRule(rule, {}, { scored: true })).toEqual([]);
  });
  it('below full marks, not applicable, or met: silent', () => {
    expect(
      runRule(rule, { indicators: withIndicator('O1', { actual: '18次', score: 18 }) }),
    ).toEqual([]);
    expect(
      runRule(rule, {
        indicators: withIndicator('O1', { actual: '18次', notApplicable: { reason: '无' } }),
      }),
    ).toEqual([]);
    expect(
      runRule(rule, { indicators: withIndicator('O1', { score: undefined, actual: '18次' }) }),
    ).toEqual([]);
    expect(runRule(rule)).toEqual([]);
  });
  it('a project row is scoped', () => {
    expect(runRule(rule, projectGrid([projectIndicator({ actual: '8个' })]))[0]?.scope).toBe('P1');
  });
});

describe('SCORE-OVERRIDE', () => {
  const rule = ruleOf('SCORE-OVERRIDE');
  const overridden = {
    indicators: withIndicator('O1', {
      actual: '18次',
      score: 20,
      override: { score: 20, reason: '任务调减' },
    }),
  };
  it('lists the override with the computed score when the engine ran', () => {
    const [f] = runRule(rule, overridden, { scored: true });
    expect(f?.severity).toBe('info');
    // ≥20 次, actual 18: 20 × 18 ÷ 20 = 18.
    expect(f?.values).toEqual({ override: '20', computed: '18.00', reason: '任务调减' });
    expect(f?.message.zh).toBe(
      '指标“完成检查次数”：得分人工调整为 20（规则计算 18.00），理由：任务调减。',
    );
    expect(f?.message.en).toBe(
      'Indicator "完成检查次数": overridden to 20 (rule: 18.00): 任务调减.',
    );
    expect(f?.locations).toEqual([{ path: 'indicators[1].override' }]);
    expect(f?.indicatorId).toBe('O1');
  });
  it('without the engine: no computed figure', () => {
    const [f] = runRule(rule, overridden);
    expect(f?.values).toEqual({ override: '20', reason: '任务调减' });
    expect(f?.message.zh).toBe('指标“完成检查次数”：得分人工调整为 20，理由：任务调减。');
    expect(f?.message.en).toBe('Indicator "完成检查次数": overridden to 20: 任务调减.');
  });
  it('none without an override; a project row is scoped', () => {
    expect(runRule(rule)).toEqual([]);
    const [f] = runRule(
      rule,
      projectGrid([projectIndicator({ override: { score: 80, reason: '调整' } })]),
    );
    expect(f?.scope).toBe('P1');
  });
});

describe('SCORE-MANUAL-NEEDED', () => {
  const rule = ruleOf('SCORE-MANUAL-NEEDED');
  it('words for a numeric actual with a stated score: the stated score is used (info)', () => {
    const ctx = auditContext(
      { indicators: withIndicator('O1', { actual: '均完成' }) },
      { scored: true },
    );
    const note = engineScore(ctx, 'O1', undefined)?.note;
    const [f, ...rest] = rule.check(ctx);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('info');
    expect(f?.values).toEqual({ status: 'stated-used', stated: '20.00' });
    expect(f?.message.zh).toBe(
      `指标“完成检查次数”：${note ?? '规则无法计算得分'}；采用表中所写得分 20.00。`,
    );
    expect(f?.locations).toEqual([{ path: 'indicators[1].actual' }]);
  });
  it('without a stated score: a manual score is needed (warning)', () => {
    const ctx = auditContext(
      { indicators: withIndicator('O1', { actual: '均完成', score: undefined }) },
      { scored: true },
    );
    const [f] = rule.check(ctx);
    expect(f?.severity).toBe('warning');
    expect(f?.values).toEqual({ status: 'manual-needed' });
    expect(f?.message.zh).toMatch(/；需人工评分（暂按 0 分计）。$/);
    expect(f?.message.en).toMatch(/; manual score needed\.$/);
  });
  it('a blank target is what stops the rule: located at the target', () => {
    const ctx = auditContext(
      { indicators: withIndicator('O1', { target: undefined, score: undefined }) },
      { scored: true },
    );
    const [f] = rule.check(ctx);
    expect(f?.locations).toEqual([{ path: 'indicators[1].target' }]);
  });
  it('silent without the engine or when every row computes; a project row is scoped', () => {
    expect(runRule(rule, { indicators: withIndicator('O1', { actual: '均完成' }) })).toEqual([]);
    expect(runRule(rule, {}, { scored: true })).toEqual([]);
    const [f] = runRule(rule, projectGrid([projectIndicator({ actual: '已完成' })]), {
      scored: true,
    });
    expect(f?.scope).toBe('P1');
  });
});
