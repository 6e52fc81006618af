/**
 * Each scoring rule's full outcome pinned: rule name, score, met flag and the trace a reviewer
 * reads (domain.md §4: every score carries its formula with the numbers put in). Expected values
 * are hand arithmetic, e.g. 10 × 90 ÷ 95 = 9.4736… → 9.47.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money.ts';
import { NATIONAL_RULESET } from './ruleset.ts';
import {
  applyOvershoot,
  matchUnits,
  scoreEquality,
  scoreExecutionProportional,
  scoreExecutionStep,
  scoreLargerIsBetter,
  scoreQualitative,
  scoreRange,
  scoreSmallerIsBetter,
  tierFromText,
  type RuleOutcome,
} from './rules.ts';

const d = (v: number | string) => new Decimal(v);

/** The outcome as plain text, so one assertion compares every field. */
function plain(o: RuleOutcome) {
  return { ...o, score: o.score === null ? null : o.score.toFixed(2) };
}

describe('budget execution', () => {
  it('proportional: 93.0795% → 93.08% × 10 = 9.31 (rate rounded first)', () => {
    expect(plain(scoreExecutionProportional(d('93.0795'), d(10)))).toEqual({
      rule: 'scoreExecutionProportional',
      score: '9.31',
      met: false,
      trace: '10 × min(93.08% ÷ 100%, 1) = 9.31',
    });
  });
  it('proportional: over 100% is capped at W and met', () => {
    const o = plain(scoreExecutionProportional(d('104.5'), d(20)));
    expect(o).toMatchObject({ score: '20.00', met: true });
  });
  it('step at 100%: full marks', () => {
    expect(plain(scoreExecutionStep(d(100), d(10)))).toEqual({
      rule: 'scoreExecutionStep',
      score: '10.00',
      met: true,
      trace: '执行率 100.00% ≥ 100% → 10.00',
    });
  });
  it('step, started steps: 93.08% is 6.92 points short → ⌈1.384⌉ = 2 steps → 10 − 4 = 6', () => {
    expect(plain(scoreExecutionStep(d('93.08'), d(10), d(2), d(5), 'started'))).toEqual({
      rule: 'scoreExecutionStep',
      score: '6.00',
      met: false,
      trace: '10 − 2 × ⌈(100% − 93.08%) ÷ 5%⌉ = 10 − 2 × 2 = 6.00',
    });
  });
  it('step, complete steps: ⌊1.384⌋ = 1 step → 8', () => {
    expect(plain(scoreExecutionStep(d('93.08'), d(10), d(2), d(5), 'complete'))).toEqual({
      rule: 'scoreExecutionStep',
      score: '8.00',
      met: false,
      trace: '10 − 2 × ⌊(100% − 93.08%) ÷ 5%⌋ = 10 − 2 × 1 = 8.00',
    });
  });
});

describe('larger is better', () => {
  it('≥95, actual 90, W 10 → 9.47', () => {
    expect(plain(scoreLargerIsBetter('>=', d(95), d(90), d(10)))).toEqual({
      rule: 'scoreLargerIsBetter',
      score: '9.47',
      met: false,
      trace: '10 × min(90 ÷ 95, 1) = 9.47',
    });
  });
  it('≥95 met exactly: no strictness note', () => {
    expect(scoreLargerIsBetter('>=', d(95), d(95), d(10)).trace).toBe(
      '10 × min(95 ÷ 95, 1) = 10.00',
    );
  });
  it('＞95 with actual 95 is not met, and the trace says why', () => {
    const o = scoreLargerIsBetter('>', d(95), d(95), d(10));
    expect(o.met).toBe(false);
    expect(o.trace).toBe('10 × min(95 ÷ 95, 1) = 10.00（实际值等于目标值，不满足“＞”）');
  });
  it('both negative: the ratio is inverted (−10 target, −20 actual → 5)', () => {
    expect(plain(scoreLargerIsBetter('>=', d(-10), d(-20), d(10)))).toMatchObject({
      score: '5.00',
      met: false,
      trace: '10 × min(-10 ÷ -20, 1) = 5.00',
    });
  });
  it('a zero target that is met scores W', () => {
    expect(plain(scoreLargerIsBetter('>=', d(0), d(5), d(10)))).toEqual({
      rule: 'scoreLargerIsBetter',
      score: '10.00',
      met: true,
      trace: '实际值 5 满足 ≥0（比值无意义，已达标）→ 10.00',
    });
  });
  it('a zero actual that misses needs a person', () => {
    expect(plain(scoreLargerIsBetter('>=', d(5), d(0), d(10)))).toEqual({
      rule: 'scoreLargerIsBetter',
      score: null,
      met: false,
      manual: true,
      trace: '实际值 0 不满足 ≥5（目标值或实际值为 0 或符号相反，比值无意义）→ 需人工评分',
      note: '比值无意义且未达标，无法按公式计分，需人工评分',
    });
  });
});

describe('smaller is better', () => {
  it('≤100, actual 120, W 10 → 10 × 100 ÷ 120 = 8.33', () => {
    expect(plain(scoreSmallerIsBetter('<=', d(100), d(120), d(10)))).toEqual({
      rule: 'scoreSmallerIsBetter',
      score: '8.33',
      met: false,
      trace: '10 × min(100 ÷ 120, 1) = 8.33',
    });
  });
  it('＜100 with actual 100 is not met', () => {
    const o = scoreSmallerIsBetter('<', d(100), d(100), d(10));
    expect(o.met).toBe(false);
    expect(o.trace).toBe('10 × min(100 ÷ 100, 1) = 10.00（实际值等于目标值，不满足“＜”）');
  });
  it('≤100 with actual 80 is met, no note', () => {
    const o = scoreSmallerIsBetter('<=', d(100), d(80), d(10));
    expect(o.met).toBe(true);
    expect(o.trace).toBe('10 × min(100 ÷ 80, 1) = 10.00');
  });
  it('both negative: A ÷ T (−20 target, −10 actual → 5)', () => {
    expect(scoreSmallerIsBetter('<=', d(-20), d(-10), d(10)).trace).toBe(
      '10 × min(-10 ÷ -20, 1) = 5.00',
    );
  });
});

describe('equality', () => {
  it('met', () => {
    expect(plain(scoreEquality(d(100), d(100), d(10)))).toEqual({
      rule: 'scoreEquality',
      score: '10.00',
      met: true,
      trace: '实际值 100 ＝ 100 → 10.00',
    });
  });
  it('off by 10% → 9', () => {
    expect(plain(scoreEquality(d(100), d(90), d(10)))).toEqual({
      rule: 'scoreEquality',
      score: '9.00',
      met: false,
      trace: '10 × max(0, 1 − |90 − 100| ÷ |100|) = 9.00',
    });
  });
  it('a zero target missed needs a person', () => {
    const o = scoreEquality(d(0), d(5), d(10));
    expect(o).toMatchObject({ rule: 'scoreEquality', score: null, manual: true, met: false });
    expect(o.trace).toBe(
      '实际值 5 不满足 ＝0（目标值或实际值为 0 或符号相反，比值无意义）→ 需人工评分',
    );
  });
});

describe('range', () => {
  it('inside, bounds given in either order', () => {
    const want = {
      rule: 'scoreRange',
      score: '8.00',
      met: true,
      trace: '实际值 15 在 [10, 20] 内 → 8.00',
    };
    expect(plain(scoreRange(d(10), d(20), d(15), d(8)))).toEqual(want);
    expect(plain(scoreRange(d(20), d(10), d(15), d(8)))).toEqual(want);
  });
  it('above: nearer bound 20, 8 × (1 − 5 ÷ 20) = 6', () => {
    expect(plain(scoreRange(d(10), d(20), d(25), d(8)))).toEqual({
      rule: 'scoreRange',
      score: '6.00',
      met: false,
      trace: '最近边界 20：8 × max(0, 1 − |25 − 20| ÷ |20|) = 6.00',
    });
  });
  it('below a zero bound needs a person', () => {
    expect(plain(scoreRange(d(0), d(5), d(-1), d(8)))).toEqual({
      rule: 'scoreRange',
      score: null,
      met: false,
      manual: true,
      trace: '实际值 -1 不在 [0, 5] 内，最近边界为 0，比值无意义 → 需人工评分',
      note: '比值无意义且未达标，需人工评分',
    });
  });
});

describe('overshoot (target 100, actual 140, margin 30%)', () => {
  const met = scoreLargerIsBetter('>=', d(100), d(140), d(10));
  it('off: unchanged', () =>
    expect(applyOvershoot(met, d(100), d(140), d(10), { mode: 'off', margin: '30' })).toBe(met));
  it('flag: score kept, marked', () => {
    const o = applyOvershoot(met, d(100), d(140), d(10), { mode: 'flag', margin: '30' });
    expect(plain(o)).toEqual({
      ...plain(met),
      overshoot: true,
      trace: '10 × min(140 ÷ 100, 1) = 10.00（超出目标 40.00%，超过 30%：目标可能偏低）',
    });
  });
  it('notMet: scored as not met, 10 × 100 ÷ 140 = 7.14', () => {
    const o = applyOvershoot(met, d(100), d(140), d(10), { mode: 'notMet', margin: '30' });
    expect(plain(o)).toEqual({
      rule: 'scoreLargerIsBetter+overshoot',
      score: '7.14',
      met: false,
      overshoot: true,
      trace: '超出目标 40.00%（超过 30%）按未达标计：10 × min(100 ÷ 140, 1) = 7.14',
    });
  });
  it('exactly at the margin (130) is not an overshoot', () => {
    const at = scoreLargerIsBetter('>=', d(100), d(130), d(10));
    expect(applyOvershoot(at, d(100), d(130), d(10), { mode: 'notMet', margin: '30' })).toBe(at);
  });
  it('an outcome without a score is left alone', () => {
    const none: RuleOutcome = { rule: 'x', score: null, met: null, trace: 't' };
    expect(applyOvershoot(none, d(100), d(200), d(10), { mode: 'notMet', margin: '30' })).toBe(
      none,
    );
  });
});

describe('tierFromText', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['完 成', 'achieved'],
    ['未 完成', 'notAchieved'],
    ['部分完成', 'partial'],
    ['基本达到', 'partial'],
    ['成效明显', 'achieved'],
    ['正在推进', null],
  ] as const)('%j → %j', (text, tier) => expect(tierFromText(text)).toBe(tier));
});

describe('qualitative (national tiers: 达成 [0.8W, W], 部分 [0.6W, 0.8W), 未达成 [0, 0.6W))', () => {
  const tiers = NATIONAL_RULESET.qualitative;
  it('no tier and words that tell none', () => {
    expect(plain(scoreQualitative(undefined, '正在推进', d(10), undefined, tiers))).toEqual({
      rule: 'scoreQualitative',
      score: null,
      met: null,
      trace: '定性指标：实际“正在推进”未表明档次（达成/部分达成/未达成）',
      note: '定性指标档次不明，需人工评分',
    });
    expect(scoreQualitative(undefined, undefined, d(10), undefined, tiers).trace).toBe(
      '定性指标：实际“”未表明档次（达成/部分达成/未达成）',
    );
  });
  it('a stated score inside its tier is kept', () => {
    expect(plain(scoreQualitative('partial', undefined, d(10), d(7), tiers))).toEqual({
      rule: 'scoreQualitative',
      score: '7.00',
      met: false,
      tier: 'partial',
      trace: '定性：部分达成 [6.00, 8.00)，填报得分 7.00 在档内 → 7.00',
    });
  });
  it('the tier read from the words, and said so', () => {
    expect(plain(scoreQualitative(undefined, '成效明显', d(10), d(9), tiers))).toEqual({
      rule: 'scoreQualitative',
      score: '9.00',
      met: true,
      tier: 'achieved',
      trace: '定性：实际“成效明显”→达成 [8.00, 10.00]，填报得分 9.00 在档内 → 9.00',
    });
  });
  it('the top of a half-open band is outside it, and the filed score is kept', () => {
    expect(plain(scoreQualitative('partial', undefined, d(10), d(8), tiers))).toEqual({
      rule: 'scoreQualitative',
      score: '8.00',
      met: false,
      tier: 'partial',
      trace: '定性：部分达成 [6.00, 8.00)，填报得分 8.00 不在档内，保留填报得分 8.00（待复核）',
    });
  });
  it('without a stated score: the tier default (未达成 0.3W)', () => {
    expect(plain(scoreQualitative('notAchieved', undefined, d(10), undefined, tiers))).toEqual({
      rule: 'scoreQualitative',
      score: '3.00',
      met: false,
      tier: 'notAchieved',
      trace: '定性：未达成 [0.00, 6.00)，取 10 × 0.3 = 3.00',
    });
  });
});

describe('matchUnits', () => {
  it.each([
    ['%', '%', '1', undefined],
    ['‰', '‰', '1', undefined],
    ['个以上', '个', '1', undefined],
    ['人 次', '人次', '1', undefined],
    ['万元', '元', '0.0001', '单位换算：元 → 万元（× 0.0001）'],
    ['亿元', '万元', '0.0001', '单位换算：万元 → 亿元（× 0.0001）'],
    ['千人', '人', '0.001', '单位换算：人 → 千人（× 0.001）'],
    ['元', '万元', '10000', '单位换算：万元 → 元（× 10000）'],
  ])('target %j, actual %j → × %s', (target, actual, factor, note) => {
    const m = matchUnits(target, actual);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.factor.toFixed()).toBe(factor);
    expect(m.note).toBe(note);
  });
  it.each([
    ['千克', '克'],
    ['%', '个'],
    ['公里', '千米'],
  ])('target %j and actual %j do not compare', (target, actual) => {
    expect(matchUnits(target, actual)).toEqual({
      ok: false,
      note: `单位不同：目标为“${target}”，实际为“${actual}”，无法比较`,
    });
  });
  it('a side without a unit takes the other side’s', () =>
    expect(matchUnits(undefined, '元')).toMatchObject({ ok: true }));
});
