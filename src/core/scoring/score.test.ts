import { describe, expect, it } from 'vitest';
import { Decimal } from '../money.ts';
import { derive } from '../derive.ts';
import { baseDossierInput, makeDossier, makeIndicatorInput } from '../testing/factories.ts';
import type { DossierInput } from '../dossier/schema.ts';
import {
  NATIONAL_RULESET,
  NATIONAL_RULESET_INPUT,
  RuleSetSchema,
  type RuleSetInput,
} from './ruleset.ts';
import { gradeOf, redistributedWeights, score, scoreIndicator } from './score.ts';

const rs = (patch: Partial<RuleSetInput>) =>
  RuleSetSchema.parse({ ...NATIONAL_RULESET_INPUT, ...patch });
const HUNAN = rs({
  name: 'hunan',
  execution: { rule: 'step' },
  level1Weights: { department: { 成本指标: 10, 产出指标: 40, 效益指标: 30, 满意度指标: 10 } },
});

type IndicatorInput = NonNullable<DossierInput['indicators']>[number];
const withIndicators = (indicators: IndicatorInput[], patch: Partial<DossierInput> = {}) =>
  makeDossier({ indicators, ...patch });
const one = (overrides: Partial<IndicatorInput>) => {
  const d = withIndicators([makeIndicatorInput(overrides)]);
  const r = score(d);
  return r.indicators[0] as (typeof r.indicators)[number];
};
const sum = (xs: (string | null)[]) =>
  xs.reduce((a, x) => a.plus(x ?? 0), new Decimal(0)).toFixed(2);

describe('score on the base factory dossier', () => {
  const r = score(makeDossier());
  it('every indicator computed, full marks, 优', () => {
    expect(r.indicators.map((i) => i.status)).toEqual(Array(7).fill('computed'));
    expect(r.execution.score).toBe('10.00');
    expect(r.execution.trace).toBe(
      '预算执行率 = 500 ÷ 500 = 100.00%；10 × min(100.00% ÷ 100%, 1) = 10.00',
    );
    expect(r.weightSum).toBe('100.00');
    expect(r.total).toBe('100.00');
    expect(r.grade).toBe('优');
    expect(r.ruleset).toEqual({ name: 'national', version: '2020.1' });
    expect(r.stated).toEqual({ total: null, grade: null });
  });
  it('subtotals by 一级 in order of appearance', () => {
    expect(r.byLevel1.map((l) => [l.level1, l.weight, l.score])).toEqual([
      ['成本指标', '10.00', '10.00'],
      ['产出指标', '40.00', '40.00'],
      ['效益指标', '30.00', '30.00'],
      ['满意度指标', '10.00', '10.00'],
    ]);
  });
  it('the 亿元 indicator converts nothing and traces the formula', () => {
    expect(r.indicators.find((i) => i.id === 'E2')?.trace).toBe('15 × min(120 ÷ 100, 1) = 15.00');
  });
});

describe('execution', () => {
  const input = baseDossierInput();
  const d = makeDossier({
    income: { general: { initialBudget: '500', adjustedBudget: '520', actual: '465' } },
  });
  it('proportional over the adjusted budget (national)', () => {
    const r = score(d);
    expect(r.execution.score).toBe('8.94');
    expect(r.execution.trace).toBe(
      '预算执行率 = 465 ÷ 520 = 89.42%；10 × min(89.42% ÷ 100%, 1) = 8.94',
    );
    expect(r.total).toBe('98.94');
    expect(input.year).toBe(2023);
  });
  it('over the initial budget when the rule set says so', () => {
    const r = score(d, rs({ execution: { denominator: 'initialBudget' } }));
    expect(r.execution.score).toBe('9.30');
    expect(r.execution.denominator).toBe('initialBudget');
  });
  it('Hunan step rule', () => {
    const r = score(d, HUNAN);
    // 89.42%: ⌈10.58 ÷ 5⌉ = 3 started steps → 10 − 6.
    expect(r.execution.score).toBe('4.00');
    expect(r.execution.rule).toBe('scoreExecutionStep');
  });
  it('Sichuan: a written reason is required below 90%', () => {
    const sichuan = rs({ name: 'sichuan', reasonRequiredBelow: 90 });
    const low = score(d, sichuan);
    expect(low.execution.reasonRequired).toBe(true);
    expect(low.execution.trace).toContain('须书面说明原因');
    expect(score(makeDossier(), sichuan).execution.reasonRequired).toBe(false);
    expect(score(d).execution.reasonRequired).toBeUndefined();
  });
  it('a zero budget is not applicable: no execution score, counted as 0 and said', () => {
    const r = score(
      makeDossier({ income: { general: { adjustedBudget: '0', actual: '0' } }, expenditure: {} }),
    );
    expect(r.execution.score).toBeNull();
    expect(r.execution.rate.ok).toBe(false);
    expect(r.total).toBe('90.00');
    // No execution score (—), indicators 90 分 at their weights; the execution is the one item
    // left to score by hand.
    expect(r.trace).toBe('执行 — + 指标 90.00 = 90.00（1 项需人工评分，暂按 0 计） → 优');
  });
  it('uses a derived passed in', () => {
    const der = derive(d, 'adjustedBudget');
    expect(score(d, NATIONAL_RULESET, der).total).toBe(score(d).total);
  });
});

describe('indicator statuses', () => {
  it('a blank target (left blank in the table) cannot be compared: the stated score stands', () => {
    const i = one({ target: undefined, actual: '96%', weight: 8, score: 6 });
    expect(i.status).toBe('stated-used');
    expect(i.rule).toBe('targetMissing');
    expect(i.score).toBe('6.00');
    expect(i.computed).toBeNull();
    expect(i.met).toBeNull();
    expect(i.note).toBe('年度指标值（目标）未填，无法按规则计分');
  });
  it('…and without a stated score a person must score it', () => {
    const i = one({ target: undefined, actual: '96%', weight: 8, score: undefined });
    expect(i.status).toBe('manual-needed');
    expect(i.score).toBeNull();
  });
  it('…while a qualitative one is still scored by its tier', () => {
    const i = one({ target: undefined, kind: 'qualitative', tier: 'achieved', weight: 5 });
    expect(i.rule).toBe('scoreQualitative');
    expect(i.status).toBe('computed');
  });
  it('non-numeric actual on a quantitative target uses the stated score, marked', () => {
    const i = one({ target: '＝100%', actual: '均完成', weight: 10, score: 10 });
    expect(i.status).toBe('stated-used');
    expect(i.score).toBe('10.00');
    expect(i.computed).toBeNull();
    expect(i.trace).toContain('“均完成”不是数值');
  });
  it('…or needs a manual score when none is stated', () => {
    const d = withIndicators([
      makeIndicatorInput({ target: '＜1%', actual: '均下降', weight: 10, score: undefined }),
    ]);
    const r = score(d);
    const i = r.indicators[0];
    expect(i?.status).toBe('manual-needed');
    expect(i?.score).toBeNull();
    expect(r.total).toBe('10.00');
    expect(r.trace).toContain('1 项需人工评分');
  });
  it('a missing operator is taken as ≥ and said so', () => {
    const i = one({ target: '220 亿', actual: '303.95 亿', weight: 5, score: 5 });
    expect(i.status).toBe('computed');
    expect(i.score).toBe('5.00');
    expect(i.trace).toBe('5 × min(303.95 ÷ 220, 1) = 5.00（目标“220 亿”未写比较符，按“≥”处理）');
  });
  it('亿元 and 万元 convert before comparing', () => {
    const i = one({ target: '≥100亿元', actual: '800000万元', weight: 10, score: 10 });
    expect(i.score).toBe('8.00');
    expect(i.trace).toContain('单位换算');
  });
  it('different units: manual score needed, even when one is stated', () => {
    const i = one({ target: '≥95%', actual: '12个', weight: 10, score: 9 });
    expect(i.status).toBe('manual-needed');
    expect(i.rule).toBe('unitMismatch');
    expect(i.score).toBeNull();
    expect(i.stated).toBe('9.00');
    expect(i.trace).toContain('填报得分 9.00 不能代替');
  });
  it('a meaningless ratio that is not met needs a manual score', () => {
    const i = one({ target: '≤-5%', actual: '2%', weight: 10, score: 10 });
    expect(i.status).toBe('manual-needed');
    expect(i.met).toBe(false);
    expect(i.note).toMatch(/人工/);
  });
  it('a stated score above the weight is clamped when used', () => {
    expect(one({ target: '≥95%', actual: '达标', weight: 5, score: 6 }).score).toBe('5.00');
  });
  it('manual override: both scores kept, status override, reason noted', () => {
    const i = one({
      target: '≥100个',
      actual: '50个',
      weight: 10,
      score: 8,
      override: { score: 7, reason: '客观原因：项目延期' },
    });
    expect(i.status).toBe('override');
    expect(i.computed).toBe('5.00');
    expect(i.score).toBe('7.00');
    expect(i.stated).toBe('8.00');
    expect(i.note).toBe('客观原因：项目延期');
    expect(i.trace).toContain('人工调整为 7');
  });
  it(
    'qualitative: tier from text; ' +
      'a stated score outside the tier is kept (the audit reports it)',
    () => {
      const i = one({
        level1: '效益指标',
        level2: '生态效益指标',
        target: '定性',
        actual: '成效明显',
        weight: 5,
        score: 3,
      });
      expect(i.rule).toBe('scoreQualitative');
      expect(i.tier).toBe('achieved');
      expect(i.score).toBe('3.00');
      expect(i.stated).toBe('3.00');
    },
  );
  it('qualitative with an unclear actual uses the stated score', () => {
    const i = one({ target: '定性', actual: '详见报告', weight: 5, score: 4 });
    expect(i.status).toBe('stated-used');
  });
  it('scoreIndicator works on one parsed indicator', () => {
    const d = makeDossier();
    const s = scoreIndicator(d.indicators[1]!, NATIONAL_RULESET, { scope: 'P1' });
    expect(s).toMatchObject({
      id: 'O1',
      scope: 'P1',
      score: '20.00',
      status: 'computed',
      met: true,
      rule: 'scoreLargerIsBetter',
    });
  });
  it('overshoot variant flags or scores as not met', () => {
    const d = withIndicators([
      makeIndicatorInput({ target: '≥100亿元', actual: '150亿元', weight: 10, score: 10 }),
    ]);
    expect(score(d).indicators[0]?.overshoot).toBeUndefined();
    expect(score(d, rs({ overshoot: { mode: 'flag', margin: 30 } })).indicators[0]).toMatchObject({
      overshoot: true,
      score: '10.00',
    });
    expect(score(d, rs({ overshoot: { mode: 'notMet', margin: 30 } })).indicators[0]).toMatchObject(
      { overshoot: true, score: '6.67', met: false },
    );
  });
});

describe('not applicable', () => {
  const indicators = (): IndicatorInput[] => {
    const base = baseDossierInput().indicators as IndicatorInput[];
    return base.map((i) =>
      i.id === 'O3'
        ? { ...i, notApplicable: { reason: '本年度未开展' } }
        : i.id === 'O1'
          ? { ...i, actual: '10次' }
          : i,
    );
  };
  it('rescale (default): total × weight sum ÷ applicable weight', () => {
    const r = score(withIndicators(indicators()));
    const na = r.indicators.find((i) => i.id === 'O3');
    expect(na?.status).toBe('not-applicable');
    expect(na?.score).toBe('0.00');
    // 10 + 10 + 10 (O1: 20 × 10 ÷ 20) + 10 + 15 + 15 + 10 = 80 of 90 applicable → 80 × 100 ÷ 90.
    expect(r.total).toBe('88.89');
    expect(r.grade).toBe('良');
    expect(r.trace).toContain('× 100 ÷ 90');
  });
  it('redistribute: the 一级 siblings carry the weight', () => {
    const r = score(withIndicators(indicators()), rs({ notApplicable: 'redistribute' }));
    const o1 = r.indicators.find((i) => i.id === 'O1');
    const o2 = r.indicators.find((i) => i.id === 'O2');
    // 产出 40 over applicable 30: O1 20 → 26.67, O2 10 → 13.33; O1 met half its target: 26.67 × 10 ÷
    // 20.
    expect(o1?.effectiveWeight).toBe('26.67');
    expect(o1?.score).toBe('13.34');
    expect(o2?.score).toBe('13.33');
    expect(r.total).toBe(sum([r.execution.score, ...r.indicators.map((i) => i.score)]));
    expect(r.total).toBe('86.67');
  });
  it('redistribute with weights that do not divide evenly does not trigger a rescale', () => {
    const three = ['A', 'B', 'C', 'D'].map((id) =>
      makeIndicatorInput({
        id,
        weight: 10,
        target: '≥100个',
        actual: '100个',
        ...(id === 'D' ? { notApplicable: { reason: '未开展' } } : {}),
      }),
    );
    const r = score(withIndicators(three), rs({ notApplicable: 'redistribute' }));
    // 40 over three applicable 10s: 13.34 + 13.33 + 13.33 (largest remainder, first on a tie).
    expect(r.indicators.map((i) => i.effectiveWeight)).toEqual([
      '13.34',
      '13.33',
      '13.33',
      undefined,
    ]);
    expect(r.trace).not.toContain('折算');
    expect(r.total).toBe('50.00');
  });
  it('redistributedWeights leaves a 一级 with nothing applicable alone', () => {
    const d = withIndicators([
      makeIndicatorInput({ id: 'A', level1: '成本指标', notApplicable: { reason: '无' } }),
      makeIndicatorInput({ id: 'B' }),
    ]);
    const m = redistributedWeights(d.indicators);
    expect(m.has('A')).toBe(false);
    expect(m.get('B')?.toFixed()).toBe('10');
  });
});

describe('grades and subtotals', () => {
  it('bands [90,100] 优, [80,90) 良, [60,80) 中, [0,60) 差', () => {
    const g = (t: string) => gradeOf(new Decimal(t), NATIONAL_RULESET);
    expect([
      g('100'),
      g('90'),
      g('89.99'),
      g('80'),
      g('79.99'),
      g('60'),
      g('59.99'),
      g('0'),
    ]).toEqual(['优', '优', '良', '良', '中', '中', '差', '差']);
  });
  it('expected 一级 weights come from the rule set; a missing 一级 shows with weight 0', () => {
    const d = withIndicators(
      (baseDossierInput().indicators as IndicatorInput[])
        .filter((i) => i.level1 !== '成本指标')
        .map((i) => ({ ...i, level1: i.level1 === '产出指标' ? '产出指标（40分）' : i.level1 })),
    );
    const r = score(d, HUNAN);
    expect(r.byLevel1.find((l) => l.level1 === '产出指标（40分）')?.expectedWeight).toBe('40.00');
    expect(r.byLevel1.at(-1)).toEqual({
      level1: '成本指标',
      weight: '0.00',
      score: '0.00',
      expectedWeight: '10.00',
    });
    expect(r.weightSum).toBe('90.00');
  });
});

describe('projects and statements', () => {
  it('a project with its own grid is scored with its own execution', () => {
    const input = baseDossierInput();
    const projects = [
      {
        id: 'P1',
        name: '业务工作经费',
        kind: 'business' as const,
        money: { initialBudget: '100', adjustedBudget: '100', actual: '80' },
        indicators: [
          {
            id: 'P1-O1',
            level1: '产出指标',
            level2: '数量指标',
            name: '培训人次',
            target: '≥200人次',
            actual: '220人次',
            weight: 50,
            score: 50,
          },
          {
            id: 'P1-E1',
            level1: '效益指标',
            level2: '社会效益指标',
            name: '业务水平提升',
            target: '定性',
            actual: '部分达成',
            weight: 30,
            score: 20,
          },
          {
            id: 'P1-S1',
            level1: '满意度指标',
            level2: '服务对象满意度指标',
            name: '学员满意度',
            target: '≥90%',
            actual: '95%',
            weight: 10,
            score: 10,
          },
        ],
      },
      { id: 'P2', name: '无指标项目', money: { actual: '1' } },
    ];
    const r = score(makeDossier({ expenditure: { ...input.expenditure, projects } }));
    expect(r.projects).toHaveLength(1);
    const p = r.projects[0];
    expect(p?.projectId).toBe('P1');
    expect(p?.execution.score).toBe('8.00');
    expect(p?.indicators.every((i) => i.scope === 'P1')).toBe(true);
    expect(p?.indicators[1]?.score).toBe('20.00'); // partial tier [18, 24): the stated 20 stands
    expect(p?.total).toBe('88.00');
    expect(p?.byLevel1.map((l) => l.expectedWeight)).toEqual(['50.00', '30.00', '10.00']);
  });
  it('stated total and grade come from the first statements found', () => {
    const r = score(
      makeDossier({
        statements: [
          { concept: 'score.total', value: '98.9', where: { section: '一', line: 135 } },
          { concept: 'score.total', value: '98', where: { annex: 2 } },
          { concept: 'score.grade', value: '优', where: { section: '五' } },
        ],
      }),
    );
    expect(r.stated).toEqual({ total: '98.9', grade: '优' });
  });
});
