import { describe, expect, it } from 'vitest';
import { Decimal } from '../money.ts';
import { NATIONAL_RULESET } from './ruleset.ts';
import {
  applyOvershoot,
  clampScore,
  matchUnits,
  meets,
  qualitativeBand,
  ratioMeaningless,
  scoreEquality,
  scoreExecutionProportional,
  scoreExecutionStep,
  scoreLargerIsBetter,
  scoreQualitative,
  scoreRange,
  scoreSmallerIsBetter,
  tierFromText,
} from './rules.ts';

const D = (v: string | number) => new Decimal(v);
const s = (o: { score: Decimal | null }) => (o.score === null ? null : o.score.toFixed(2));

describe('clampScore', () => {
  it('clamps to [0, W] and rounds half up to two decimals', () => {
    expect(clampScore(D('12'), D('10')).toFixed(2)).toBe('10.00');
    expect(clampScore(D('-1'), D('10')).toFixed(2)).toBe('0.00');
    expect(clampScore(D('3.145'), D('10')).toFixed(2)).toBe('3.15');
    expect(clampScore(D('3.1449'), D('10')).toFixed(2)).toBe('3.14');
  });
});

describe('scoreExecutionProportional', () => {
  it('min(rate, 100%) × W with the rate at two decimals', () => {
    const r = scoreExecutionProportional(D('93.0849'), D(10));
    expect(s(r)).toBe('9.31');
    expect(r.trace).toBe('10 × min(93.08% ÷ 100%, 1) = 9.31');
    expect(r.met).toBe(false);
  });
  it('caps at W above 100% and floors at 0 for a negative rate', () => {
    expect(s(scoreExecutionProportional(D('120'), D(10)))).toBe('10.00');
    expect(s(scoreExecutionProportional(D('-5'), D(10)))).toBe('0.00');
  });
});

describe('scoreExecutionStep (Hunan)', () => {
  it('100% → full marks', () => {
    const r = scoreExecutionStep(D(100), D(10));
    expect(s(r)).toBe('10.00');
    expect(r.met).toBe(true);
  });
  it('−2 points per started 5 percentage points below', () => {
    expect(s(scoreExecutionStep(D('99'), D(10)))).toBe('8.00');
    expect(s(scoreExecutionStep(D('95'), D(10)))).toBe('8.00');
    expect(s(scoreExecutionStep(D('94.99'), D(10)))).toBe('6.00');
    const r = scoreExecutionStep(D('93.08'), D(10));
    expect(s(r)).toBe('6.00');
    expect(r.trace).toBe('10 − 2 × ⌈(100% − 93.08%) ÷ 5%⌉ = 10 − 2 × 2 = 6.00');
  });
  it('complete steps only when the rule set says so', () => {
    expect(s(scoreExecutionStep(D('99'), D(10), D(2), D(5), 'complete'))).toBe('10.00');
    expect(s(scoreExecutionStep(D('93.08'), D(10), D(2), D(5), 'complete'))).toBe('8.00');
  });
  it('never below zero', () => {
    expect(s(scoreExecutionStep(D('3'), D(10)))).toBe('0.00');
  });
});

describe('meets: strict operators', () => {
  it('A = T meets ≥ ≤ = but not > <', () => {
    expect(meets('>=', D(5), D(5))).toBe(true);
    expect(meets('<=', D(5), D(5))).toBe(true);
    expect(meets('=', D(5), D(5))).toBe(true);
    expect(meets('>', D(5), D(5))).toBe(false);
    expect(meets('<', D(5), D(5))).toBe(false);
  });
});

describe('scoreLargerIsBetter', () => {
  it('met → W, with the trace of the brief', () => {
    const r = scoreLargerIsBetter('>=', D(220), D('303.95'), D(5));
    expect(s(r)).toBe('5.00');
    expect(r.met).toBe(true);
    expect(r.trace).toBe('5 × min(303.95 ÷ 220, 1) = 5.00');
  });
  it('not met → W × A ÷ T', () => {
    const r = scoreLargerIsBetter('>=', D(95), D(76), D(10));
    expect(s(r)).toBe('8.00');
    expect(r.met).toBe(false);
  });
  it('strict > is not met by equality (score by the formula, marked not met)', () => {
    const r = scoreLargerIsBetter('>', D(90), D(90), D(10));
    expect(r.met).toBe(false);
    expect(r.trace).toContain('不满足“＞”');
  });
  it('both negative: a more negative actual scores lower', () => {
    expect(s(scoreLargerIsBetter('>=', D(-5), D(-10), D(10)))).toBe('5.00');
    expect(s(scoreLargerIsBetter('>=', D(-5), D(-4), D(10)))).toBe('10.00');
  });
  it('meaningless ratio: met → W; not met → manual', () => {
    expect(s(scoreLargerIsBetter('>=', D(-5), D(3), D(10)))).toBe('10.00');
    const r = scoreLargerIsBetter('>=', D(5), D(-3), D(10));
    expect(r.score).toBeNull();
    expect(r.met).toBe(false);
    expect(r.note).toMatch(/人工/);
    expect(scoreLargerIsBetter('>=', D(0), D(-3), D(10)).score).toBeNull();
  });
});

describe('scoreSmallerIsBetter', () => {
  it('met → W', () => {
    expect(s(scoreSmallerIsBetter('<=', D(100), D(96), D(10)))).toBe('10.00');
  });
  it('not met → W × T ÷ A', () => {
    const r = scoreSmallerIsBetter('<=', D(2), D(4), D(10));
    expect(s(r)).toBe('5.00');
    expect(r.trace).toBe('10 × min(2 ÷ 4, 1) = 5.00');
  });
  it('strict < is not met by equality', () => {
    expect(scoreSmallerIsBetter('<', D(1), D(1), D(10)).met).toBe(false);
  });
  it('growth < 1% with −74.21% is met although the ratio is meaningless (seed 成本指标)', () => {
    const r = scoreSmallerIsBetter('<', D(1), D('-74.21'), D(10));
    expect(s(r)).toBe('10.00');
    expect(r.met).toBe(true);
    expect(r.trace).toContain('比值无意义，已达标');
  });
  it('"下降 ≥ 5%" written as ≤ −5 with a rise is not computable', () => {
    const r = scoreSmallerIsBetter('<=', D(-5), D(2), D(10));
    expect(r.score).toBeNull();
    expect(r.met).toBe(false);
  });
  it('both negative, not met: W × A ÷ T', () => {
    expect(s(scoreSmallerIsBetter('<=', D(-5), D(-3), D(10)))).toBe('6.00');
  });
});

describe('scoreEquality and scoreRange', () => {
  it('= met → W; else W × max(0, 1 − |A − T| ÷ |T|)', () => {
    expect(s(scoreEquality(D(100), D(100), D(10)))).toBe('10.00');
    const r = scoreEquality(D(100), D(98), D(10));
    expect(s(r)).toBe('9.80');
    expect(r.trace).toBe('10 × max(0, 1 − |98 − 100| ÷ |100|) = 9.80');
    expect(s(scoreEquality(D(100), D(250), D(10)))).toBe('0.00');
  });
  it('= with T = 0 and A ≠ 0 needs a manual score', () => {
    expect(scoreEquality(D(0), D(1), D(10)).score).toBeNull();
    expect(s(scoreEquality(D(0), D(0), D(10)))).toBe('10.00');
  });
  it('range uses the nearer bound', () => {
    expect(s(scoreRange(D(90), D(100), D(95), D(10)))).toBe('10.00');
    expect(s(scoreRange(D(90), D(100), D(81), D(10)))).toBe('9.00');
    expect(s(scoreRange(D(90), D(100), D(110), D(10)))).toBe('9.00');
    expect(scoreRange(D(90), D(100), D(81), D(10)).trace).toContain('最近边界 90');
  });
  it('range with a zero nearer bound needs a manual score', () => {
    expect(scoreRange(D(0), D(5), D(-1), D(10)).score).toBeNull();
  });
});

describe('applyOvershoot', () => {
  const base = scoreLargerIsBetter('>=', D(220), D('303.95'), D(5));
  it('off leaves the outcome alone', () => {
    expect(applyOvershoot(base, D(220), D('303.95'), D(5), { mode: 'off', margin: '30' })).toBe(
      base,
    );
  });
  it('flag keeps the score and marks it', () => {
    const r = applyOvershoot(base, D(220), D('303.95'), D(5), { mode: 'flag', margin: '30' });
    expect(s(r)).toBe('5.00');
    expect(r.overshoot).toBe(true);
    expect(r.trace).toContain('超出目标 38.16%');
  });
  it('notMet scores W × T ÷ A', () => {
    const r = applyOvershoot(base, D(220), D('303.95'), D(5), { mode: 'notMet', margin: '30' });
    expect(s(r)).toBe('3.62');
    expect(r.met).toBe(false);
  });
  it('within the margin nothing happens', () => {
    const within = scoreLargerIsBetter('>=', D(100), D(125), D(5));
    expect(applyOvershoot(within, D(100), D(125), D(5), { mode: 'notMet', margin: '30' })).toBe(
      within,
    );
  });
});

describe('scoreQualitative', () => {
  const tiers = NATIONAL_RULESET.qualitative;
  it('achieved defaults to W', () => {
    const r = scoreQualitative('achieved', '成效明显', D(10), undefined, tiers);
    expect(s(r)).toBe('10.00');
    expect(r.tier).toBe('achieved');
  });
  it('keeps a stated score, inside its tier or outside it (not raised silently)', () => {
    expect(s(scoreQualitative('achieved', undefined, D(10), D(9), tiers))).toBe('9.00');
    const out = scoreQualitative(undefined, '成效明显', D(5), D(3), tiers);
    expect(s(out)).toBe('3.00');
    expect(out.trace).toContain('填报得分 3.00 不在档内，保留填报得分 3.00');
    expect(s(scoreQualitative('partial', undefined, D(5), D(3), tiers))).toBe('3.00');
    // [0.6W, 0.8W): 0.8W itself is not partial, and is still kept.
    expect(s(scoreQualitative('partial', undefined, D(5), D(4), tiers))).toBe('4.00');
    // Without a stated score the tier's default: partial 0.7 W = 3.50.
    expect(s(scoreQualitative('partial', undefined, D(5), undefined, tiers))).toBe('3.50');
  });
  it('tier from the text; unknown tier → null', () => {
    expect(scoreQualitative(undefined, '部分完成', D(10), undefined, tiers).tier).toBe('partial');
    expect(s(scoreQualitative(undefined, '未完成', D(10), undefined, tiers))).toBe('3.00');
    expect(scoreQualitative(undefined, '见附件', D(10), undefined, tiers).score).toBeNull();
  });
});

describe('qualitativeBand', () => {
  it('top tier closed, the others half-open', () => {
    const b = qualitativeBand('achieved', D(5), NATIONAL_RULESET.qualitative);
    expect([b.min.toFixed(2), b.max.toFixed(2), b.maxInclusive]).toEqual(['4.00', '5.00', true]);
    const p = qualitativeBand('partial', D(5), NATIONAL_RULESET.qualitative);
    expect([p.min.toFixed(2), p.max.toFixed(2), p.maxInclusive]).toEqual(['3.00', '4.00', false]);
  });
});

describe('tierFromText', () => {
  it.each([
    ['成效明显', 'achieved'],
    ['已完成', 'achieved'],
    ['全面达成', 'achieved'],
    ['均完成', 'achieved'],
    ['部分完成', 'partial'],
    ['基本完成', 'partial'],
    ['有一定效果', 'partial'],
    ['未完成', 'notAchieved'],
    ['效果较差', 'notAchieved'],
    ['未达成', 'notAchieved'],
    ['见说明', null],
    ['', null],
  ])('%s → %s', (text, tier) => {
    expect(tierFromText(text)).toBe(tier);
  });
});

describe('ratioMeaningless', () => {
  it('zero or opposite signs', () => {
    expect(ratioMeaningless(D(0), D(1))).toBe(true);
    expect(ratioMeaningless(D(1), D(0))).toBe(true);
    expect(ratioMeaningless(D(1), D(-1))).toBe(true);
    expect(ratioMeaningless(D(-1), D(-2))).toBe(false);
    expect(ratioMeaningless(D(1), D(2))).toBe(false);
  });
});

describe('matchUnits', () => {
  it('same unit or a missing side compares as is', () => {
    expect(matchUnits('%', '%')).toMatchObject({ ok: true });
    expect(matchUnits('%', undefined)).toMatchObject({ ok: true });
    expect(matchUnits(undefined, '个')).toMatchObject({ ok: true });
    expect(matchUnits('亿', '亿')).toMatchObject({ ok: true });
  });
  it('亿/亿元/万元/元 convert exactly', () => {
    const m = matchUnits('亿元', '万元');
    expect(m.ok && m.factor.toFixed()).toBe('0.0001');
    const n = matchUnits('万元', '亿');
    expect(n.ok && n.factor.toFixed()).toBe('10000');
    const c = matchUnits('条', '万条');
    expect(c.ok && c.factor.toFixed()).toBe('10000');
  });
  it('different units do not compare', () => {
    const m = matchUnits('%', '个');
    expect(m.ok).toBe(false);
    expect(matchUnits('家', '个').ok).toBe(false);
    expect(matchUnits('千克', '克').ok).toBe(false);
  });
});
