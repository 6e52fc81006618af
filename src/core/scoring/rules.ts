/**
 * The scoring rules of domain.md §4, each a small pure function over decimals that returns its
 * score
 * together with a trace (the formula with the numbers put in). Notation: W weight (points), T
 * target,
 * A actual. Every score is clamped to [0, W] and rounded half up to two decimals.
 *
 * A rule returns `score: null` when it cannot compute. With `manual: true` (meaningless ratio not
 * met,
 * different units) a person must score it (domain.md §4: "the indicator needs a manual score");
 * otherwise (unknown tier, non-numeric actual) score.ts uses the stated score ('stated-used') when
 * there is one, else asks for a manual score ('manual-needed').
 */
import { Decimal, formatPoints, roundPercent, roundScore } from '../money.ts';
import type { Operator } from '../dossier/indicator-values.ts';
import type { RuleSet, QualitativeTier } from './ruleset.ts';

export interface RuleOutcome {
  /** Name of the rule function, e.g. "scoreLargerIsBetter". */
  readonly rule: string;
  /** Points, clamped to [0, W] and rounded to two decimals; null when the rule cannot compute. */
  readonly score: Decimal | null;
  /** Whether the target was met; null when it cannot be told. */
  readonly met: boolean | null;
  readonly trace: string;
  /** Why no score could be computed. */
  readonly note?: string;
  /** No score, and a stated one must not stand in for it: a person has to score it. */
  readonly manual?: boolean;
  /** Set when the overshoot rule found the actual far beyond the target. */
  readonly overshoot?: boolean;
  /** Qualitative tier used. */
  readonly tier?: QualitativeTier;
}

const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const HUNDRED = new Decimal(100);

/** Plain display of an input number: "303.95", "-74.21", "220". */
export const num = (d: Decimal): string => d.toFixed();
/** Points display: two decimals, half up (the one definition is money.formatPoints). */
export const pts = formatPoints;

/** Clamp to [0, W] and round half up to two decimals (domain.md §4: every score within [0, W]). */
export function clampScore(value: Decimal, weight: Decimal): Decimal {
  const w = Decimal.max(weight, ZERO);
  return roundScore(Decimal.min(Decimal.max(value, ZERO), w));
}

// ---------------------------------------------------------------------------------------------
// Budget execution
// ---------------------------------------------------------------------------------------------

/**
 * Budget execution, proportional (财预〔2020〕10号 附件: 预算执行率 × 分值):
 * score = min(rate, 100%) × W. The rate is taken as the report states it, two decimals half up.
 */
export function scoreExecutionProportional(ratePercent: Decimal, weight: Decimal): RuleOutcome {
  const rate = roundPercent(ratePercent);
  const score = clampScore(weight.times(Decimal.min(rate.div(HUNDRED), ONE)), weight);
  return {
    rule: 'scoreExecutionProportional',
    score,
    met: rate.gte(HUNDRED),
    trace: `${num(weight)} × min(${rate.toFixed(2)}% ÷ 100%, 1) = ${pts(score)}`,
  };
}

/**
 * Budget execution, Hunan step rule (湖南省部门整体支出绩效评价: 执行率 100% 得满分，每低 5 个百分点扣
 * 2 分): score = W − stepPoints × steps, where steps = ⌈(100 − rate) ÷ stepWidth⌉ ('started': every
 * started step deducts) or ⌊…⌋ ('complete'). Rate two decimals half up.
 */
export function scoreExecutionStep(
  ratePercent: Decimal,
  weight: Decimal,
  stepPoints: Decimal = new Decimal(2),
  stepWidth: Decimal = new Decimal(5),
  rounding: 'started' | 'complete' = 'started',
): RuleOutcome {
  const rate = roundPercent(ratePercent);
  if (rate.gte(HUNDRED)) {
    return {
      rule: 'scoreExecutionStep',
      score: clampScore(weight, weight),
      met: true,
      trace: `执行率 ${rate.toFixed(2)}% ≥ 100% → ${pts(weight)}`,
    };
  }
  const gap = HUNDRED.minus(rate);
  const exact = gap.div(stepWidth);
  const steps = rounding === 'started' ? exact.ceil() : exact.floor();
  const score = clampScore(weight.minus(stepPoints.times(steps)), weight);
  const [l, r] = rounding === 'started' ? ['⌈', '⌉'] : ['⌊', '⌋'];
  return {
    rule: 'scoreExecutionStep',
    score,
    met: false,
    trace:
      `${num(weight)} − ${num(stepPoints)} × ${l}(100% − ${rate.toFixed(2)}%)` +
      ` ÷ ${num(stepWidth)}%${r}` +
      ` = ${num(weight)} − ${num(stepPoints)} × ${num(steps)} = ${pts(score)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Quantitative indicators
// ---------------------------------------------------------------------------------------------

const SYM: Record<Operator, string> = { '>=': '≥', '>': '＞', '<=': '≤', '<': '＜', '=': '＝' };

/** Does A meet "op T"? Strict operators: A = T does not meet > or < (domain.md §4). */
export function meets(op: Operator, target: Decimal, actual: Decimal): boolean {
  switch (op) {
    case '>=':
      return actual.gte(target);
    case '>':
      return actual.gt(target);
    case '<=':
      return actual.lte(target);
    case '<':
      return actual.lt(target);
    case '=':
      return actual.eq(target);
  }
}

/**
 * A ratio of A and T is meaningless when either is zero or they have opposite signs (domain.md §4).
 */
export const ratioMeaningless = (target: Decimal, actual: Decimal): boolean =>
  target.isZero() || actual.isZero() || target.isNegative() !== actual.isNegative();

function meaningless(
  rule: string,
  op: Operator,
  target: Decimal,
  actual: Decimal,
  weight: Decimal,
  met: boolean,
): RuleOutcome {
  const cmp = `实际值 ${num(actual)} ${met ? '满足' : '不满足'} ${SYM[op]}${num(target)}`;
  if (met)
    return {
      rule,
      score: clampScore(weight, weight),
      met,
      trace: `${cmp}（比值无意义，已达标）→ ${pts(weight)}`,
    };
  return {
    rule,
    score: null,
    met,
    manual: true,
    trace: `${cmp}（目标值或实际值为 0 或符号相反，比值无意义）→ 需人工评分`,
    note: '比值无意义且未达标，无法按公式计分，需人工评分',
  };
}

const strictNote = (op: Operator, target: Decimal, actual: Decimal): string =>
  (op === '>' || op === '<') && actual.eq(target) ? `（实际值等于目标值，不满足“${SYM[op]}”）` : '';

/**
 * Larger is better (≥, >), 财预〔2020〕10号 附件 正向指标: A meets T → W; else W × A ÷ T.
 * Written uniformly as W × min(A ÷ T, 1). When both are negative the ratio is inverted (T ÷ A), so
 * a more negative actual scores lower. Zero or opposite signs: see ratioMeaningless.
 */
export function scoreLargerIsBetter(
  op: '>=' | '>',
  target: Decimal,
  actual: Decimal,
  weight: Decimal,
): RuleOutcome {
  const rule = 'scoreLargerIsBetter';
  const met = meets(op, target, actual);
  if (ratioMeaningless(target, actual)) return meaningless(rule, op, target, actual, weight, met);
  const [n, d] = target.isNegative() ? [target, actual] : [actual, target];
  const score = clampScore(weight.times(Decimal.min(n.div(d), ONE)), weight);
  return {
    rule,
    score,
    met,
    trace:
      `${num(weight)} × min(${num(n)} ÷ ${num(d)}, 1) = ${pts(score)}` +
      strictNote(op, target, actual),
  };
}

/**
 * Smaller is better (≤, <), 财预〔2020〕10号 附件 反向指标: A meets T → W; else W × T ÷ A.
 * Written uniformly as W × min(T ÷ A, 1); both negative: A ÷ T.
 */
export function scoreSmallerIsBetter(
  op: '<=' | '<',
  target: Decimal,
  actual: Decimal,
  weight: Decimal,
): RuleOutcome {
  const rule = 'scoreSmallerIsBetter';
  const met = meets(op, target, actual);
  if (ratioMeaningless(target, actual)) return meaningless(rule, op, target, actual, weight, met);
  const [n, d] = target.isNegative() ? [actual, target] : [target, actual];
  const score = clampScore(weight.times(Decimal.min(n.div(d), ONE)), weight);
  return {
    rule,
    score,
    met,
    trace:
      `${num(weight)} × min(${num(n)} ÷ ${num(d)}, 1) = ${pts(score)}` +
      strictNote(op, target, actual),
  };
}

/**
 * Equality (=), domain.md §4: met → W; else W × max(0, 1 − |A − T| ÷ |T|). Only T appears in a
 * denominator, so only T = 0 makes the ratio meaningless.
 */
export function scoreEquality(target: Decimal, actual: Decimal, weight: Decimal): RuleOutcome {
  const rule = 'scoreEquality';
  const met = actual.eq(target);
  if (met)
    return {
      rule,
      score: clampScore(weight, weight),
      met,
      trace: `实际值 ${num(actual)} ＝ ${num(target)} → ${pts(weight)}`,
    };
  if (target.isZero()) return meaningless(rule, '=', target, actual, weight, met);
  return deviation(rule, target, actual, weight, met);
}

function deviation(
  rule: string,
  bound: Decimal,
  actual: Decimal,
  weight: Decimal,
  met: boolean,
): RuleOutcome {
  const dev = actual.minus(bound).abs().div(bound.abs());
  const score = clampScore(weight.times(Decimal.max(ZERO, ONE.minus(dev))), weight);
  return {
    rule,
    score,
    met,
    trace:
      `${num(weight)} × max(0, 1 − |${num(actual)} − ${num(bound)}| ÷ |${num(bound)}|)` +
      ` = ${pts(score)}`,
  };
}

/**
 * Range [a, b], domain.md §4: a ≤ A ≤ b → W; else W × max(0, 1 − |A − B| ÷ |B|) with B the nearer
 * bound. B = 0 makes the ratio meaningless.
 */
export function scoreRange(
  min: Decimal,
  max: Decimal,
  actual: Decimal,
  weight: Decimal,
): RuleOutcome {
  const rule = 'scoreRange';
  const [lo, hi] = min.lte(max) ? [min, max] : [max, min];
  const met = actual.gte(lo) && actual.lte(hi);
  if (met)
    return {
      rule,
      score: clampScore(weight, weight),
      met,
      trace: `实际值 ${num(actual)} 在 [${num(lo)}, ${num(hi)}] 内 → ${pts(weight)}`,
    };
  const bound = actual.lt(lo) ? lo : hi;
  if (bound.isZero()) {
    return {
      rule,
      score: null,
      met,
      manual: true,
      trace: `实际值 ${num(actual)} 不在 [${num(lo)}, ${num(hi)}] 内，最近边界为 0，比值无意义 → 需人工评分`,
      note: '比值无意义且未达标，需人工评分',
    };
  }
  const out = deviation(rule, bound, actual, weight, met);
  return { ...out, trace: `最近边界 ${num(bound)}：${out.trace}` };
}

/**
 * Overshoot (财预〔2020〕10号 第二十三条: 目标设置明显偏低的应调减分值), off by default. Applies to
 * larger-is-better targets with positive T and A: A > T × (1 + margin%) is an overshoot.
 * 'flag' keeps the score and marks it; 'notMet' scores it as not met: W × min(T ÷ A, 1).
 */
export function applyOvershoot(
  outcome: RuleOutcome,
  target: Decimal,
  actual: Decimal,
  weight: Decimal,
  overshoot: RuleSet['overshoot'],
): RuleOutcome {
  if (
    overshoot.mode === 'off' ||
    outcome.score === null ||
    !target.isPositive() ||
    !actual.isPositive()
  )
    return outcome;
  const margin = new Decimal(overshoot.margin);
  if (!actual.gt(target.times(ONE.plus(margin.div(HUNDRED))))) return outcome;
  const over = roundPercent(actual.div(target).minus(ONE).times(HUNDRED)).toFixed(2);
  if (overshoot.mode === 'flag')
    return {
      ...outcome,
      overshoot: true,
      trace: `${outcome.trace}（超出目标 ${over}%，超过 ${num(margin)}%：目标可能偏低）`,
    };
  const score = clampScore(weight.times(Decimal.min(target.div(actual), ONE)), weight);
  return {
    ...outcome,
    rule: `${outcome.rule}+overshoot`,
    score,
    met: false,
    overshoot: true,
    trace:
      `超出目标 ${over}%（超过 ${num(margin)}%）按未达标计：` +
      `${num(weight)} × min(${num(target)} ÷ ${num(actual)}, 1) = ${pts(score)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Qualitative indicators
// ---------------------------------------------------------------------------------------------

export const TIER_LABELS: Record<QualitativeTier, string> = {
  achieved: '达成',
  partial: '部分达成',
  notAchieved: '未达成',
};

/**
 * The tier an actual's text clearly states, or null. Negative and partial phrases are tried first,
 * because "未完成" and "部分完成" contain "完成".
 */
export function tierFromText(text: string | undefined): QualitativeTier | null {
  if (!text) return null;
  const t = text.replace(/\s+/g, '');
  if (/未达成|未完成|未达到|未实现|效果较差|效果差|较差|不明显/.test(t)) return 'notAchieved';
  if (/部分|基本(达成|完成|实现|达到)|一定(效果|成效)|有所/.test(t)) return 'partial';
  if (
    /成效明显|成效显著|效果明显|效果显著|显著|达成|完成|达到|实现|良好|较好|明显|到位|有效/.test(t)
  )
    return 'achieved';
  return null;
}

/**
 * The points band of a qualitative tier for weight W: [min, max] for the top tier (max = W),
 * [min, max) otherwise. The auditor uses it to find a stated score outside its tier.
 */
export function qualitativeBand(
  tier: QualitativeTier,
  weight: Decimal,
  tiers: RuleSet['qualitative'],
): { min: Decimal; max: Decimal; maxInclusive: boolean } {
  const band = tiers[tier];
  return {
    min: clampScore(weight.times(band.min), weight),
    max: clampScore(weight.times(band.max), weight),
    maxInclusive: new Decimal(band.max).gte(ONE),
  };
}

/**
 * Qualitative, 财预〔2020〕10号 三档: 达成 → [0.8W, W], 部分达成并有一定效果 → [0.6W, 0.8W),
 * 未达成且效果较差 → [0, 0.6W) (fractions from the rule set). A stated score is the person's
 * judgment and is kept, inside its tier or not (outside: the auditor reports it); without one, the
 * tier's default (达成: W). The tier comes from the
 * indicator's `tier`, else from the actual text; when neither tells, score is null.
 */
export function scoreQualitative(
  tier: QualitativeTier | undefined,
  actualText: string | undefined,
  weight: Decimal,
  stated: Decimal | undefined,
  tiers: RuleSet['qualitative'],
): RuleOutcome {
  const rule = 'scoreQualitative';
  const fromText = tier === undefined ? tierFromText(actualText) : null;
  const used = tier ?? fromText;
  if (!used) {
    return {
      rule,
      score: null,
      met: null,
      trace: `定性指标：实际“${actualText ?? ''}”未表明档次（达成/部分达成/未达成）`,
      note: '定性指标档次不明，需人工评分',
    };
  }
  const band = tiers[used];
  const { min: lo, max: hi, maxInclusive: top } = qualitativeBand(used, weight, tiers);
  const source = tier !== undefined ? '' : `实际“${actualText ?? ''}”→`;
  const bandText = `[${pts(lo)}, ${pts(hi)}${top ? ']' : ')'}`;
  const head = `定性：${source}${TIER_LABELS[used]} ${bandText}`;
  const inBand = stated !== undefined && stated.gte(lo) && (top ? stated.lte(hi) : stated.lt(hi));
  if (inBand)
    return {
      rule,
      score: clampScore(stated, weight),
      met: used === 'achieved',
      tier: used,
      trace: `${head}，填报得分 ${pts(stated)} 在档内 → ${pts(stated)}`,
    };
  // A stated score outside its tier is the unit's own judgement: it is kept, not raised or lowered
  // silently; the auditor reports it (SCORE-QUALITATIVE-TIER) and a person may override it (issue
  // #11).
  if (stated !== undefined) {
    const kept = clampScore(stated, weight);
    return {
      rule,
      score: kept,
      met: used === 'achieved',
      tier: used,
      trace: `${head}，填报得分 ${pts(stated)} 不在档内，保留填报得分 ${pts(kept)}（待复核）`,
    };
  }
  const score = clampScore(weight.times(band.default), weight);
  return {
    rule,
    score,
    met: used === 'achieved',
    tier: used,
    trace: `${head}，取 ${num(weight)} × ${num(new Decimal(band.default))} = ${pts(score)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

const PREFIX: Record<string, number> = { 千: 1e3, 万: 1e4, 百万: 1e6, 千万: 1e7, 亿: 1e8 };

function splitUnit(unit: string): { factor: Decimal; base: string } {
  const u = unit.replace(/\s+/g, '').replace(/(以上|以内|以下|左右|及以上|及以下)$/, '');
  if (u === '%' || u === '‰') return { factor: ONE, base: u };
  const m = /^(千万|百万|千|万|亿)(.*)$/.exec(u);
  // "千克", "千米" are units of their own: only 元 and counted nouns take a 千 prefix here.
  if (m && m[1] && !(m[1] === '千' && /^(克|米|瓦|焦)/.test(m[2] ?? '')))
    return { factor: new Decimal(PREFIX[m[1]] ?? 1), base: m[2] ?? '' };
  return { factor: ONE, base: u };
}

export type UnitMatch =
  | { readonly ok: true; readonly factor: Decimal; readonly note?: string }
  | { readonly ok: false; readonly note: string };

/**
 * Compare like with like (domain.md §4 units): `factor` converts the actual into the target's unit.
 * 亿/亿元/万元/元 convert; a side without a unit is taken to be in the other side's unit
 * ("95%" target vs "96" actual); different units do not compare.
 */
export function matchUnits(
  targetUnit: string | undefined,
  actualUnit: string | undefined,
): UnitMatch {
  if (!targetUnit || !actualUnit) return { ok: true, factor: ONE };
  const t = splitUnit(targetUnit);
  const a = splitUnit(actualUnit);
  if (t.base === a.base || t.base === '' || a.base === '') {
    const factor = a.factor.div(t.factor);
    return factor.eq(ONE)
      ? { ok: true, factor }
      : { ok: true, factor, note: `单位换算：${actualUnit} → ${targetUnit}（× ${num(factor)}）` };
  }
  return { ok: false, note: `单位不同：目标为“${targetUnit}”，实际为“${actualUnit}”，无法比较` };
}
