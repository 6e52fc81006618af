/**
 * The engine's outcomes pinned by hand arithmetic: the execution score with its rate line, each
 * indicator status (computed, stated-used, manual-needed, override, not-applicable) with its trace,
 * redistributed weights that add up exactly, the rescaled total and the grade bands.
 */
import { describe, expect, it } from 'vitest';
import type { DossierInput } from '../dossier/schema.ts';
import { Decimal, percentOf } from '../money.ts';
import { makeDossier } from '../testing/factories.ts';
import { NATIONAL_RULESET, NATIONAL_RULESET_INPUT, RuleSetSchema } from './ruleset.ts';
import { gradeOf, redistributedWeights, score, scoreExecution, scoreIndicator } from './score.ts';

type IndicatorInput = NonNullable<DossierInput['indicators']>[number];

const withRules = (patch: Record<string, unknown>) =>
  RuleSetSchema.parse({ ...NATIONAL_RULESET_INPUT, name: 'test', ...patch });
const stepRules = withRules({
  execution: { ...NATIONAL_RULESET_INPUT.execution, rule: 'step' },
});
const redistribute = withRules({ notApplicable: 'redistribute' });

function indicator(input: Partial<IndicatorInput>) {
  const full = {
    id: 'X1',
    level1: '产出指标',
    level2: '数量指标',
    name: '测试',
    target: '≥100个',
    actual: '100个',
    weight: 10,
    ...input,
  } as IndicatorInput;
  const parsed = makeDossier({ indicators: [full] }).indicators[0];
  if (!parsed) throw new Error('no indicator');
  return parsed;
}

describe('scoreExecution', () => {
  it('a missing rate needs a person, with the reason', () => {
    expect(scoreExecution({ ok: false, reason: 'missing' }, NATIONAL_RULESET)).toEqual({
      weight: '10.00',
      rate: { ok: false, reason: 'missing' },
      score: null,
      rule: 'scoreExecutionProportional',
      trace: '预算执行率不适用（预算数或执行数未填），需人工评分',
      denominator: 'adjustedBudget',
    });
  });
  it('a zero budget says so; the step rule names itself', () => {
    const out = scoreExecution({ ok: false, reason: 'zero-base' }, stepRules, '0', '5');
    expect(out).toMatchObject({
      rule: 'scoreExecutionStep',
      trace: '预算执行率不适用（预算数为 0），需人工评分',
      budget: '0',
      actual: '5',
    });
  });
  it('480 of 500 → 96.00% → 9.60, with the division written out', () => {
    const out = scoreExecution(percentOf('480', '500'), NATIONAL_RULESET, '500', '480');
    expect(out).toMatchObject({
      score: '9.60',
      rule: 'scoreExecutionProportional',
      trace: '预算执行率 = 480 ÷ 500 = 96.00%；10 × min(96.00% ÷ 100%, 1) = 9.60',
      budget: '500',
      actual: '480',
    });
    expect(out).not.toHaveProperty('reasonRequired');
  });
  it('without the money, only the rate is written', () => {
    expect(scoreExecution(percentOf('480', '500'), NATIONAL_RULESET).trace).toBe(
      '预算执行率 96.00%；10 × min(96.00% ÷ 100%, 1) = 9.60',
    );
  });
  it('below the rule set’s reason threshold a written reason is required', () => {
    const strict = withRules({ reasonRequiredBelow: 97 });
    const low = scoreExecution(percentOf('480', '500'), strict);
    expect(low.reasonRequired).toBe(true);
    expect(low.trace.endsWith('（低于 97%，须书面说明原因）')).toBe(true);
    expect(scoreExecution(percentOf('490', '500'), strict).reasonRequired).toBe(false);
  });
  it('step rule: 96% is 4 points short → one started step → 10 − 2 = 8', () => {
    expect(scoreExecution(percentOf('480', '500'), stepRules).score).toBe('8.00');
  });
});

describe('scoreIndicator statuses', () => {
  it('computed, with an assumed operator said in the trace', () => {
    const s = scoreIndicator(indicator({ target: '100个', actual: '90个' }), NATIONAL_RULESET);
    expect(s).toMatchObject({
      status: 'computed',
      score: '9.00',
      computed: '9.00',
      rule: 'scoreLargerIsBetter',
      met: false,
      trace: '10 × min(90 ÷ 100, 1) = 9.00（目标“100个”未写比较符，按“≥”处理）',
    });
  });
  it('smaller is better: ≤5天, actual 6天 → 10 × 5 ÷ 6 = 8.33', () => {
    const s = scoreIndicator(indicator({ target: '≤5天', actual: '6天' }), NATIONAL_RULESET);
    expect(s).toMatchObject({ rule: 'scoreSmallerIsBetter', score: '8.33', met: false });
  });
  it('equality and strict operators go to their own rules', () => {
    const eq = scoreIndicator(indicator({ target: '=100%', actual: '90%' }), NATIONAL_RULESET);
    expect(eq).toMatchObject({ rule: 'scoreEquality', score: '9.00' });
    const gt = scoreIndicator(indicator({ target: '>100个', actual: '100个' }), NATIONAL_RULESET);
    expect(gt).toMatchObject({ rule: 'scoreLargerIsBetter', met: false });
    const lt = scoreIndicator(indicator({ target: '<5天', actual: '5天' }), NATIONAL_RULESET);
    expect(lt).toMatchObject({ rule: 'scoreSmallerIsBetter', met: false });
  });
  it('a range: 25 against 10-20 → nearer bound 20 → 8 × 0.75 = 6', () => {
    const s = scoreIndicator(
      indicator({ target: '10-20个', actual: '25个', weight: 8 }),
      NATIONAL_RULESET,
    );
    expect(s).toMatchObject({ rule: 'scoreRange', score: '6.00', weight: '8.00' });
  });
  it('units converted: ≥1万元 against 12000元 is met', () => {
    const s = scoreIndicator(indicator({ target: '≥1万元', actual: '12000元' }), NATIONAL_RULESET);
    expect(s.trace).toBe('单位换算：元 → 万元（× 0.0001）；10 × min(1.2 ÷ 1, 1) = 10.00');
    expect(s.met).toBe(true);
  });
  it('an actual in words with a filed score: the filed score is used', () => {
    const s = scoreIndicator(indicator({ actual: '按计划推进', score: 9.5 }), NATIONAL_RULESET);
    expect(s).toMatchObject({
      status: 'stated-used',
      score: '9.50',
      computed: null,
      rule: 'nonNumericActual',
      trace: '定量指标的实际值“按计划推进”不是数值，无法按公式计分；采用填报得分 9.50',
      note: '实际值“按计划推进”不可度量，需填写数值或人工评分',
    });
  });
  it('an actual in words without a score needs a person', () => {
    const s = scoreIndicator(indicator({ actual: '按计划推进' }), NATIONAL_RULESET);
    expect(s).toMatchObject({
      status: 'manual-needed',
      score: null,
      trace: '定量指标的实际值“按计划推进”不是数值，无法按公式计分；未填报得分，需人工评分',
    });
  });
  it('different units: a filed score cannot stand in', () => {
    const s = scoreIndicator(
      indicator({ target: '≥100千克', actual: '90个', score: 8 }),
      NATIONAL_RULESET,
    );
    expect(s).toMatchObject({
      status: 'manual-needed',
      rule: 'unitMismatch',
      stated: '8.00',
      trace: '单位不同：目标为“千克”，实际为“个”，无法比较；填报得分 8.00 不能代替，需人工评分',
    });
  });
  it('an override is clamped to the weight and keeps the computed score', () => {
    const s = scoreIndicator(
      indicator({ actual: '90个', override: { score: 12, reason: '复核调整' } }),
      NATIONAL_RULESET,
    );
    expect(s).toMatchObject({
      status: 'override',
      score: '10.00',
      computed: '9.00',
      note: '复核调整',
      trace:
        '10 × min(90 ÷ 100, 1) = 9.00；人工调整为 12（超出 [0, 10.00]，按 10.00 计）（理由：复核调整）',
    });
    const inside = scoreIndicator(
      indicator({ actual: '90个', override: { score: 9.5, reason: '复核调整' } }),
      NATIONAL_RULESET,
    );
    expect(inside.trace).toBe('10 × min(90 ÷ 100, 1) = 9.00；人工调整为 9.5（理由：复核调整）');
  });
  it('not applicable names the rule set’s policy', () => {
    const na = indicator({ notApplicable: { reason: '本年未开展' } });
    expect(scoreIndicator(na, NATIONAL_RULESET)).toMatchObject({
      status: 'not-applicable',
      score: '0.00',
      rule: 'notApplicable',
      trace: '不适用（本年未开展），分值按规则集“总分折算”处理',
    });
    expect(scoreIndicator(na, redistribute).trace).toBe(
      '不适用（本年未开展），分值按规则集“一级内重新分配”处理',
    );
  });
});

describe('redistributedWeights', () => {
  const four = ['A', 'B', 'C', 'D'].map((id) =>
    indicator({ id, ...(id === 'D' ? { notApplicable: { reason: '未开展' } } : {}) }),
  );
  it('40 points over three applicable 10s: 13.34 + 13.33 + 13.33 = 40 exactly', () => {
    const w = redistributedWeights(four);
    expect([...w.entries()].map(([id, v]) => [id, v.toFixed(2)])).toEqual([
      ['A', '13.34'],
      ['B', '13.33'],
      ['C', '13.33'],
    ]);
  });
  it('the largest remainder gets the missing hundredth', () => {
    const grid = [
      indicator({ id: 'A', weight: 5 }),
      indicator({ id: 'B', weight: 7 }),
      indicator({ id: 'C', weight: 3, notApplicable: { reason: '未开展' } }),
    ];
    // 15 over 12: A 6.25, B 8.75 — exact, nothing to hand out.
    const w = redistributedWeights(grid);
    expect(w.get('A')?.toFixed(2)).toBe('6.25');
    expect(w.get('B')?.toFixed(2)).toBe('8.75');
    // 10 over 3 + 6 = 9: A 3.333… (rem .0033…), B 6.666… (rem .0066…) → B takes the hundredth.
    const uneven = redistributedWeights([
      indicator({ id: 'A', weight: 3 }),
      indicator({ id: 'B', weight: 6 }),
      indicator({ id: 'C', weight: 1, notApplicable: { reason: '未开展' } }),
    ]);
    expect(uneven.get('A')?.toFixed(2)).toBe('3.33');
    expect(uneven.get('B')?.toFixed(2)).toBe('6.67');
  });
  it('a 一级 with nothing applicable keeps its weights (no entry)', () => {
    const none = redistributedWeights([indicator({ id: 'A', notApplicable: { reason: '无' } })]);
    expect(none.size).toBe(0);
  });
});

describe('the total', () => {
  it('the base dossier: 执行 10 + 指标 90 = 100 → 优', () => {
    const s = score(makeDossier());
    expect(s.total).toBe('100.00');
    expect(s.trace).toBe('执行 10.00 + 指标 90.00 = 100.00 → 优');
  });
  it('one manual-needed indicator counts 0 and is said', () => {
    const d = makeDossier();
    const stalled = indicator({ id: 'O1', target: '≥20次', actual: '推进中', weight: 20 });
    const inds = d.indicators.map((i) => (i.id === 'O1' ? stalled : i));
    const s = score({ ...d, indicators: inds });
    expect(s.total).toBe('80.00');
    expect(s.trace).toBe('执行 10.00 + 指标 70.00 = 80.00（1 项需人工评分，暂按 0 计） → 良');
  });
  it('rescaled over the applicable weights when one is not applicable', () => {
    const d = makeDossier();
    const inds = d.indicators.map((i) =>
      i.id === 'C1' ? { ...i, notApplicable: { reason: '未开展' } } : i,
    );
    const s = score({ ...d, indicators: inds });
    // 90 points of 90 applicable → 90 × 100 ÷ 90 = 100.
    expect(s.total).toBe('100.00');
    expect(s.trace).toBe(
      '(执行 10.00 + 指标 80.00) × 100 ÷ 90（不适用指标按适用分值折算）= 100.00 → 优',
    );
  });
  it('redistributed within the 一级 when a sibling takes the weight over: no rescale', () => {
    const d = makeDossier();
    const inds = d.indicators.map((i) =>
      i.id === 'O2' ? { ...i, notApplicable: { reason: '未开展' } } : i,
    );
    const s = score({ ...d, indicators: inds }, redistribute);
    expect(s.total).toBe('100.00');
    expect(s.trace).toBe('执行 10.00 + 指标 90.00 = 100.00 → 优');
  });
  it('the stated total prefers the unit’s own statement to a project’s', () => {
    const s = score(
      makeDossier({
        statements: [
          { concept: 'score.total', value: '95', scope: 'P1', where: { annex: 2 } },
          { concept: 'score.total', value: '98', where: { section: '六' } },
        ],
      } as Partial<DossierInput>),
    );
    expect(s.stated.total).toBe('98');
  });
});

describe('gradeOf', () => {
  it('bands listed in any order', () => {
    const ascending = withRules({
      grades: [
        { grade: '差', min: 0 },
        { grade: '中', min: 60 },
        { grade: '良', min: 80 },
        { grade: '优', min: 90 },
      ],
    });
    expect(gradeOf(new Decimal('85'), ascending)).toBe('良');
    expect(gradeOf(new Decimal('90'), ascending)).toBe('优');
    expect(gradeOf(new Decimal('59.99'), ascending)).toBe('差');
  });
  it('below every band: the lowest band', () => {
    const two = withRules({
      grades: [
        { grade: '优', min: 90 },
        { grade: '良', min: 60 },
      ],
    });
    expect(gradeOf(new Decimal('10'), two)).toBe('良');
  });
});
