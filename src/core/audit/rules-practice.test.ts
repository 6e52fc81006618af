/**
 * The warnings from practice called one rule at a time on the base factory dossier
 * (src/core/testing/factories.ts): income 500 万元 (年初 = 调整后 = 执行), project P1 “业务工作经费”
 * 100 of 100, seven indicators all at full score (weights 10 + 20 + 10 + 10 + 15 + 15 + 10).
 * Each case changes one field; expected figures are worked out by hand beside it.
 */
import { describe, expect, it } from 'vitest';
import type { DossierInput } from '../dossier/schema.ts';
import { baseDossierInput } from '../testing/factories.ts';
import { contextOf } from '../testing/audit-context.ts';
import {
  PRACTICE_RULES,
  checkAllFull,
  checkHighScoreLowExecution,
  checkProblemsEmpty,
  checkProjectLowExecution,
  checkTargetTooLow,
  checkUnspentShare,
} from './rules-practice.ts';
import type { AuditContext, Finding, RuleMeta } from './types.ts';

type Patch = Partial<DossierInput>;
type IndicatorInput = NonNullable<DossierInput['indicators']>[number];
type ProjectInput = NonNullable<NonNullable<DossierInput['expenditure']>['projects']>[number];

const rule = (code: string): RuleMeta => {
  const r = PRACTICE_RULES.find((x) => x.code === code);
  if (!r) throw new Error(`no rule ${code}`);
  return r;
};

const base = baseDossierInput();
const general = base.income?.general;
/** The base with 一般公共预算 income 年初预算 `initial` and 执行 `actual` (万元). */
const income = (actual: string | undefined, initial: string | undefined = '500'): Patch => ({
  income: {
    general: {
      ...general,
      ...(initial !== undefined ? { initialBudget: initial } : { initialBudget: undefined }),
      ...(actual !== undefined ? { actual } : { actual: undefined }),
    },
  },
});
/** The base indicators with one changed (by id). */
const indicators = (id: string, patch: Partial<IndicatorInput>): IndicatorInput[] =>
  (base.indicators ?? []).map((i) => (i.id === id ? { ...i, ...patch } : i));
const projects = (list: ProjectInput[]): Patch => ({
  expenditure: { ...base.expenditure, projects: list },
});
const scoreStated = (...values: string[]): Patch => ({
  statements: values.map((value, i) => ({
    concept: 'score.total',
    value,
    where: { section: i === 0 ? '二（一）' : '六 1' },
  })),
});

describe('PRACT-HIGH-SCORE-LOW-EXECUTION: score − execution rate > 5 points', () => {
  const HIGH_LOW = rule('PRACT-HIGH-SCORE-LOW-EXECUTION');
  const run = (patch: Patch, score?: string): Finding[] => {
    const ctx = contextOf(patch, { unscored: score === undefined });
    const withScore: AuditContext =
      score !== undefined && ctx.score ? { ...ctx, score: { ...ctx.score, total: score } } : ctx;
    return checkHighScoreLowExecution(withScore, HIGH_LOW);
  };

  // 465 of 500 = 93.00%; the gap is the stated score − 93.
  it.each([
    ['98', undefined],
    ['98.00分', undefined],
    ['98.01', '5.01'],
    ['100', '7.00'],
    ['60', undefined],
  ] as const)('stated score %s, 465 of 500 executed', (stated, gap) => {
    const found = run({ ...income('465'), ...scoreStated(stated) });
    expect(found.map((f) => [f.severity, f.values.gap])).toEqual(gap ? [['warning', gap]] : []);
  });

  it('names the score, where it is stated, the rate and its two amounts', () => {
    const [f] = run({ ...income('465'), ...scoreStated('98.01') });
    expect(f?.code).toBe('PRACT-HIGH-SCORE-LOW-EXECUTION');
    expect(f?.message.zh).toBe(
      '得分率 98.01%（二（一））比预算执行率 93.00%（执行 465.00 ÷ 年初预算 500.00）高 5.01 ' +
        '个百分点，超过 5 个百分点。',
    );
    expect(f?.message.en).toBe(
      'Score 98.01% exceeds the execution rate 93.00% by 5.01 points (> 5).',
    );
    expect(f?.values).toEqual({ score: '98.01', executionRate: '93.00%', gap: '5.01' });
    expect(f?.locations).toEqual([
      { section: '二（一）' },
      { concept: 'income.total.initialBudget' },
      { concept: 'income.total.actual' },
    ]);
  });

  it('a stated total that holds no number gives way to the next one', () => {
    const [f] = run({ ...income('465'), ...scoreStated('见附表', '99') });
    // 99 − 93 = 6.
    expect(f?.values.gap).toBe('6.00');
    expect(f?.locations[0]).toEqual({ section: '六 1' });
    expect(f?.message.zh).toContain('得分率 99.00%（六 1）');
  });

  it("without a stated total the engine's is used; without either nothing is said", () => {
    const [f] = run(income('465'), '98.5');
    // 98.5 − 93 = 5.5.
    expect(f?.values).toEqual({ score: '98.50', executionRate: '93.00%', gap: '5.50' });
    expect(f?.locations[0]).toEqual({ concept: 'score.total' });
    expect(f?.message.zh).toContain('得分率 98.50%（计算）');
    expect(run(income('465'), '98')).toEqual([]);
    expect(run(income('465'))).toEqual([]);
  });

  it('the initial budget, not the adjusted one: 年初 480, 调整后 500, 执行 456 is 95%', () => {
    // 456 ÷ 480 = 95%; against 500 it would be 91.2% and 99 − 91.2 = 7.8 > 5.
    expect(run({ ...income('456', '480'), ...scoreStated('99') })).toEqual([]);
    const [f] = run({ ...income('456', '480'), ...scoreStated('100.01') });
    expect(f?.values.gap).toBe('5.01');
  });

  it('says nothing without an actual or against a zero budget', () => {
    expect(run({ ...income(undefined), ...scoreStated('99') })).toEqual([]);
    expect(run({ ...income('465', '0'), ...scoreStated('99') })).toEqual([]);
  });
});

describe('PRACT-UNSPENT-SHARE: more than 20% of the initial budget unspent', () => {
  const UNSPENT = rule('PRACT-UNSPENT-SHARE');
  const run = (patch: Patch) => checkUnspentShare(contextOf(patch, { unscored: true }), UNSPENT);

  it.each([
    ['500', undefined],
    ['400', undefined], // 80% executed: 20% unspent, at the limit
    ['399.95', '20.01%'], // 79.99% executed
    ['250', '50.00%'],
    ['520', undefined], // overspent: −4% unspent
  ] as const)('年初 500, executed %s', (actual, unspent) => {
    expect(run(income(actual)).map((f) => [f.severity, f.values.unspent])).toEqual(
      unspent ? [['warning', unspent]] : [],
    );
  });

  it('names the budget, the actual and the share', () => {
    const [f] = run(income('399.95'));
    expect(f?.code).toBe('PRACT-UNSPENT-SHARE');
    expect(f?.message.zh).toBe(
      '年初预算 500.00 万元，执行 399.95 万元，未支出比例 20.01%，超过 20%。',
    );
    expect(f?.message.en).toBe('20.01% of the initial budget unspent (> 20%).');
    expect(f?.values).toEqual({ budget: '500.00', actual: '399.95', unspent: '20.01%' });
    expect(f?.locations).toEqual([
      { concept: 'income.total.initialBudget' },
      { concept: 'income.total.actual' },
    ]);
  });

  it('says nothing without an actual or against a zero budget', () => {
    expect(run(income(undefined))).toEqual([]);
    expect(run(income('100', '0'))).toEqual([]);
  });
});

describe('PRACT-ALL-FULL: every applicable indicator at full score', () => {
  const ALL_FULL = rule('PRACT-ALL-FULL');
  const run = (list: IndicatorInput[]) =>
    checkAllFull(contextOf({ indicators: list }, { unscored: true }), ALL_FULL);
  const all = base.indicators ?? [];

  it('the seven base indicators, all full, are one warning', () => {
    const [f, ...rest] = run(all);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.message.zh).toBe('全部 7 项三级指标均为满分，请核实自评是否客观。');
    expect(f?.message.en).toBe('All 7 indicators have full marks.');
    expect(f?.values).toEqual({ indicators: '7' });
    expect(f?.locations).toEqual([{ path: 'indicators' }]);
  });

  it('three is enough, two is not', () => {
    expect(run(all.slice(0, 3)).map((f) => f.values.indicators)).toEqual(['3']);
    expect(run(all.slice(0, 2))).toEqual([]);
  });

  it('one point short, or one unscored, is not all full', () => {
    expect(run(indicators('O1', { score: 19.99 }))).toEqual([]);
    expect(run(indicators('O1', { score: undefined }))).toEqual([]);
  });

  it('an indicator marked not applicable is left out of the count', () => {
    const list = indicators('O1', { score: 5, notApplicable: { reason: '本年未开展此项工作' } });
    expect(run(list).map((f) => f.values.indicators)).toEqual(['6']);
    // Three left, one of them not applicable: only two count.
    expect(run(list.slice(0, 3))).toEqual([]);
  });
});

describe('PRACT-PROBLEMS-EMPTY: points lost but no problems stated', () => {
  const PROBLEMS = rule('PRACT-PROBLEMS-EMPTY');
  // O1 (完成检查次数) 18 of 20 and E1 (服务质量提升) 13 of 15: 2 indicators, 2 + 2 = 4 points lost.
  const lost = indicators('O1', { score: 18 }).map((i) =>
    i.id === 'E1' ? { ...i, score: 13 } : i,
  );
  const run = (problems: string | undefined, list: IndicatorInput[] = lost, patch: Patch = {}) =>
    checkProblemsEmpty(
      contextOf(
        {
          indicators: list,
          narrative: problems === undefined ? {} : { problems },
          ...patch,
        },
        { unscored: true },
      ),
      PROBLEMS,
    );

  it('empty problems with 4 points lost over 2 indicators', () => {
    const [f, ...rest] = run(undefined);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.message.zh).toBe(
      '“存在的问题”未填写，但 2 项指标共扣 4.00 分（完成检查次数、服务质量提升）。',
    );
    expect(f?.message.en).toBe('Problems are empty while 2 indicators lost 4.00 points.');
    expect(f?.values).toEqual({ problems: '', lostIndicators: '2', lostPoints: '4.00' });
    expect(f?.locations).toEqual([
      { path: 'narrative.problems' },
      { path: 'indicators[1].score' },
      { path: 'indicators[4].score' },
    ]);
  });

  it('"暂无。" counts as empty and is quoted', () => {
    const [f] = run('暂无。');
    expect(f?.message.zh).toBe(
      '“存在的问题”写“暂无。”，但 2 项指标共扣 4.00 分（完成检查次数、服务质量提升）。',
    );
    expect(f?.message.en).toBe('Problems say "暂无。" while 2 indicators lost 4.00 points.');
    expect(f?.values.problems).toBe('暂无。');
  });

  it.each([
    ['无', true],
    ['  无  ', true],
    ['无.', true],
    ['无。', true],
    ['暂无', true],
    ['没有', true],
    ['无问题', true],
    ['', true],
    ['无。。', false],
    ['暂无问题', false],
    ['整改后无', false],
    ['无遗留问题但资金拨付偏晚', false],
    ['资金拨付偏晚，影响进度', false],
  ] as const)('problems %j: said empty %s', (problems, empty) => {
    expect(run(problems).length).toBe(empty ? 1 : 0);
  });

  it('no point lost: nothing to say, even with no problems written', () => {
    expect(run(undefined, base.indicators ?? [])).toEqual([]);
  });

  it('names at most three indicators; 0.01 short counts', () => {
    const list = (base.indicators ?? []).map((i) => ({
      ...i,
      score: Number(i.weight) - (i.id === 'S1' ? 0.01 : 1),
    }));
    const [f] = run(undefined, list);
    // Seven indicators: six lose 1 point, S1 loses 0.01: 6.01 points.
    expect(f?.values).toEqual({ problems: '', lostIndicators: '7', lostPoints: '6.01' });
    expect(f?.message.zh).toBe(
      '“存在的问题”未填写，但 7 项指标共扣 6.01 分（公用经费控制率、完成检查次数、检查覆盖率）。',
    );
    expect(f?.locations).toHaveLength(8);
  });

  it("a project's indicators count with their own path", () => {
    const [f] = run(
      undefined,
      base.indicators ?? [],
      projects([
        {
          id: 'P1',
          name: '业务工作经费',
          kind: 'business',
          money: { initialBudget: '100', adjustedBudget: '100', actual: '100' },
          indicators: [
            {
              id: 'PI1',
              level1: '产出指标',
              level2: '数量指标',
              name: '培训人次',
              target: '≥50人次',
              actual: '45人次',
              weight: 30,
              score: 27,
            },
          ],
        },
      ]),
    );
    expect(f?.values).toEqual({ problems: '', lostIndicators: '1', lostPoints: '3.00' });
    expect(f?.locations).toEqual([
      { path: 'narrative.problems' },
      { path: 'expenditure.projects[0].indicators[0].score' },
    ]);
  });
});

describe('PRACT-TARGET-TOO-LOW: actual more than 30% above a ≥ target', () => {
  const TOO_LOW = rule('PRACT-TARGET-TOO-LOW');
  const run = (patch: Partial<IndicatorInput>, extra: Patch = {}) =>
    checkTargetTooLow(
      contextOf({ indicators: indicators('O1', patch), ...extra }, { unscored: true }),
      TOO_LOW,
    );

  // O1 target ≥20次: 1.3 × 20 = 26 is the limit; 26.01 is (26.01 − 20) ÷ 20 = 30.05% over.
  it.each([
    ['24次', undefined],
    ['26次', undefined],
    ['26.01次', '30.05%'],
    ['40次', '100.00%'],
  ] as const)('≥20次, actual %s', (actual, over) => {
    expect(run({ actual }).map((f) => [f.severity, f.values.over])).toEqual(
      over ? [['info', over]] : [],
    );
  });

  it('names the indicator, the target, the actual and the share over', () => {
    const [f, ...rest] = run({ actual: '26.01次' });
    expect(rest).toEqual([]);
    expect(f?.indicatorId).toBe('O1');
    expect(f?.scope).toBeUndefined();
    expect(f?.message.zh).toBe(
      '指标“完成检查次数”：目标 ≥20次，实际 26.01次，超出 30.05%，目标可能定得过低。',
    );
    expect(f?.message.en).toBe(
      'Indicator "完成检查次数": actual 26.01次 exceeds target ≥20次 by 30.05%.',
    );
    expect(f?.values).toEqual({ target: '≥20次', actual: '26.01次', over: '30.05%' });
    expect(f?.locations).toEqual([
      { path: 'indicators[1].target' },
      { path: 'indicators[1].actual' },
    ]);
  });

  it.each([
    ['＞20次', '40次', '100.00%'],
    ['20次', '40次', '100.00%'], // no operator: read as a floor
    ['≤20次', '40次', undefined],
    ['＜20次', '40次', undefined],
    ['＝20次', '40次', undefined],
    ['≥20次', '40个', undefined], // other unit
    ['≥20次', '40', '100.00%'], // no unit on the actual
    ['≥20', '40次', '100.00%'], // no unit on the target
    ['≥100万元', '140万', '40.00%'], // 万 and 万元 are the same unit
    ['≥0次', '5次', undefined], // a zero target has no share
    ['成效明显', '成效显著', undefined], // not a number
  ] as const)('target %s, actual %s', (target, actual, over) => {
    expect(run({ target, actual }).map((f) => f.values.over)).toEqual(over ? [over] : []);
  });

  it('a row without a target or an actual is left out', () => {
    expect(run({ target: undefined, actual: '40次' })).toEqual([]);
    expect(run({ target: '≥20次', actual: undefined })).toEqual([]);
  });

  it('satisfaction surveys are left out', () => {
    expect(run({ name: '群众满意度', target: '≥50%', actual: '90%' })).toEqual([]);
    expect(run({ name: '群众参与度', target: '≥50%', actual: '90%' })).toHaveLength(1);
  });

  it("a project's indicator carries its scope and path", () => {
    const [f] = checkTargetTooLow(
      contextOf(
        projects([
          {
            id: 'P1',
            name: '业务工作经费',
            kind: 'business',
            money: { initialBudget: '100', adjustedBudget: '100', actual: '100' },
            indicators: [
              {
                id: 'PI1',
                level1: '产出指标',
                level2: '数量指标',
                name: '培训人次',
                target: '≥50人次',
                actual: '80人次',
                weight: 30,
                score: 30,
              },
            ],
          },
        ]),
        { unscored: true },
      ),
      TOO_LOW,
    );
    // (80 − 50) ÷ 50 = 60%.
    expect([f?.scope, f?.indicatorId, f?.values.over]).toEqual(['P1', 'PI1', '60.00%']);
    expect(f?.locations).toEqual([
      { path: 'expenditure.projects[0].indicators[0].target' },
      { path: 'expenditure.projects[0].indicators[0].actual' },
    ]);
  });
});

describe('PRACT-PROJECT-LOW-EXECUTION: a project below 80% of its initial budget', () => {
  const PROJECT_LOW = rule('PRACT-PROJECT-LOW-EXECUTION');
  const run = (...list: ProjectInput[]) =>
    checkProjectLowExecution(contextOf(projects(list), { unscored: true }), PROJECT_LOW);
  const project = (
    money: ProjectInput['money'],
    id = 'P1',
    name = '业务工作经费',
  ): ProjectInput => ({
    id,
    name,
    kind: 'business',
    money,
  });

  it.each([
    ['100', undefined],
    ['80', undefined],
    ['79.99', '79.99%'],
    ['0', '0.00%'],
  ] as const)('年初 100, executed %s', (actual, rate) => {
    expect(
      run(project({ initialBudget: '100', actual })).map((f) => [f.severity, f.values.rate]),
    ).toEqual(rate ? [['info', rate]] : []);
  });

  it('names the project, its budget, actual and rate', () => {
    const [f] = run(project({ initialBudget: '100', actual: '79.99' }));
    expect(f?.scope).toBe('P1');
    expect(f?.message.zh).toBe(
      '项目“业务工作经费”：预算 100.00 万元，执行 79.99 万元，执行率 79.99%。',
    );
    expect(f?.message.en).toBe('Project "业务工作经费": budget 100.00, execution 79.99%.');
    expect(f?.values).toEqual({ budget: '100.00', actual: '79.99', rate: '79.99%' });
    expect(f?.locations).toEqual([{ path: 'expenditure.projects[0].money.actual' }]);
  });

  it('an actual not filled is said', () => {
    const [f] = run(project({ initialBudget: '30' }));
    expect(f?.message.zh).toBe('项目“业务工作经费”：预算 30.00 万元，未填执行数。');
    expect(f?.message.en).toBe('Project "业务工作经费": budget 30.00, actual not filled.');
    expect(f?.values).toEqual({ budget: '30.00', actual: '', rate: '不适用' });
  });

  it('the initial budget first (年初 100, 调整后 75, 执行 78 is 78%), else the adjusted', () => {
    expect(
      run(project({ initialBudget: '100', adjustedBudget: '75', actual: '78' })).map(
        (f) => f.values.rate,
      ),
    ).toEqual(['78.00%']);
    // Only 调整后 100: 70 ÷ 100 = 70%.
    expect(run(project({ adjustedBudget: '100', actual: '70' })).map((f) => f.values.rate)).toEqual(
      ['70.00%'],
    );
  });

  it('no budget, or a zero one, is not checked; each project has its own path', () => {
    expect(
      run(project({ actual: '5' }), project({ initialBudget: '0', actual: '0' }, 'P2')),
    ).toEqual([]);
    const found = run(
      project({ initialBudget: '50', actual: '50' }),
      project({ initialBudget: '50', actual: '20' }, 'P2', '宣传经费'),
    );
    // 20 ÷ 50 = 40%.
    expect(found.map((f) => [f.scope, f.values.rate, f.locations[0]?.path])).toEqual([
      ['P2', '40.00%', 'expenditure.projects[1].money.actual'],
    ]);
  });
});
