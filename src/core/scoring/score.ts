/**
 * The traced scoring engine (domain.md §4): score(dossier, ruleset) → ScoreResult.
 *
 * Pure: the rule set comes in as data (src/io/load-ruleset.ts reads the files). Every indicator
 * carries its trace; totals are the sum of the two-decimal parts, rescaled when indicators are not
 * applicable (rule set policy), and graded by the rule set's bands.
 */
import { Decimal, decimalOf, formatPercent, percentOf, type Percent } from '../money.ts';
import { budgetOf, derive, fundsColumns, type Derived } from '../derive.ts';
import type { Dossier, Indicator } from '../dossier/schema.ts';
import type { Columns } from '../derive.ts';
import type {
  ExecutionScore,
  GridScore,
  Grade,
  IndicatorScore,
  Level1Subtotal,
  ProjectScore,
  ScoreResult,
} from './types.ts';
import { level1Key, NATIONAL_RULESET, type RuleSet } from './ruleset.ts';
import {
  applyOvershoot,
  clampScore,
  matchUnits,
  num,
  pts,
  scoreEquality,
  scoreExecutionProportional,
  scoreExecutionStep,
  scoreLargerIsBetter,
  scoreQualitative,
  scoreRange,
  scoreSmallerIsBetter,
  type RuleOutcome,
} from './rules.ts';

const ZERO = new Decimal(0);

// ---------------------------------------------------------------------------------------------
// Execution
// ---------------------------------------------------------------------------------------------

/** Execution score of a rate under the rule set (proportional or step). */
export function scoreExecution(
  rate: Percent,
  rs: RuleSet,
  budget?: string,
  actual?: string,
): ExecutionScore {
  const ex = rs.execution;
  const weight = decimalOf(ex.weight);
  const money = {
    ...(budget !== undefined ? { budget } : {}),
    ...(actual !== undefined ? { actual } : {}),
    denominator: ex.denominator,
  };
  const rule = ex.rule === 'step' ? 'scoreExecutionStep' : 'scoreExecutionProportional';
  if (!rate.ok) {
    const why = rate.reason === 'zero-base' ? '预算数为 0' : '预算数或执行数未填';
    return {
      weight: pts(weight),
      rate,
      score: null,
      rule,
      trace: `预算执行率不适用（${why}），需人工评分`,
      ...money,
    };
  }
  const out =
    ex.rule === 'step'
      ? scoreExecutionStep(
          rate.percent,
          weight,
          decimalOf(ex.stepPoints),
          decimalOf(ex.stepWidth),
          ex.stepRounding,
        )
      : scoreExecutionProportional(rate.percent, weight);
  const rateLine =
    budget !== undefined && actual !== undefined
      ? `预算执行率 = ${actual} ÷ ${budget} = ${formatPercent(rate)}；`
      : `预算执行率 ${formatPercent(rate)}；`;
  const below = rs.reasonRequiredBelow;
  const reasonRequired = below !== null && rate.percent.lt(decimalOf(below));
  return {
    weight: pts(weight),
    rate,
    score: out.score === null ? null : pts(out.score),
    rule: out.rule,
    trace: `${rateLine}${out.trace}${reasonRequired ? `（低于 ${below}%，须书面说明原因）` : ''}`,
    ...money,
    ...(below !== null ? { reasonRequired } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------------------------

/** What the rule for this indicator's target computes, before stated scores and overrides. */
export function computeIndicator(ind: Indicator, weight: Decimal, rs: RuleSet): RuleOutcome {
  const stated = ind.score !== undefined ? decimalOf(ind.score) : undefined;
  const t = ind.target;
  if (t?.kind === 'text' || ind.kind === 'qualitative')
    return scoreQualitative(ind.tier, ind.actual?.text, weight, stated, rs.qualitative);
  // A quantitative indicator whose 年度指标值 the table left blank: nothing to compare the actual
  // with, so no rule computes; the stated score stands in, else a person scores it.
  if (t === undefined)
    return {
      rule: 'targetMissing',
      score: null,
      met: null,
      trace: '未填年度指标值（目标），无法与实际完成值比较',
      note: '年度指标值（目标）未填，无法按规则计分',
    };

  const a = ind.actual;
  if (!a || a.value === undefined) {
    const text = a?.text ?? '';
    return {
      rule: 'nonNumericActual',
      score: null,
      met: null,
      trace: text
        ? `定量指标的实际值“${text}”不是数值，无法按公式计分`
        : '定量指标未填实际值，无法按公式计分',
      note: text ? `实际值“${text}”不可度量，需填写数值或人工评分` : '实际值未填，需人工评分',
    };
  }
  const units = matchUnits(t.unit, a.unit);
  if (!units.ok)
    return {
      rule: 'unitMismatch',
      score: null,
      met: null,
      manual: true,
      trace: units.note,
      note: units.note,
    };
  const actual = decimalOf(a.value).times(units.factor);
  const prefix = units.note ? `${units.note}；` : '';

  let out: RuleOutcome;
  let assumed = '';
  if (t.kind === 'range') {
    out = scoreRange(decimalOf(t.min), decimalOf(t.max), actual, weight);
  } else {
    const target = decimalOf(t.value);
    const op = t.op ?? '>=';
    if (!t.op) assumed = `（目标“${t.text ?? t.value}”未写比较符，按“≥”处理）`;
    if (op === '>=' || op === '>')
      out = applyOvershoot(
        scoreLargerIsBetter(op, target, actual, weight),
        target,
        actual,
        weight,
        rs.overshoot,
      );
    else if (op === '<=' || op === '<') out = scoreSmallerIsBetter(op, target, actual, weight);
    else out = scoreEquality(target, actual, weight);
  }
  return { ...out, trace: `${prefix}${out.trace}${assumed}` };
}

/** Trace of a not-applicable indicator: the reason and how the rule set moves its weight. */
function notApplicableTrace(reason: string, mode: RuleSet['notApplicable']): string {
  const moved = mode === 'rescale' ? '总分折算' : '一级内重新分配';
  return `不适用（${reason}），分值按规则集“${moved}”处理`;
}

/**
 * Why a person must score the indicator: the rule needs a person (a stated score cannot stand
 * in for it), or no score was stated.
 */
function manualNeededNote(manual: boolean | undefined, stated: string | null): string {
  if (!manual) return '未填报得分，需人工评分';
  return stated !== null ? `填报得分 ${stated} 不能代替，需人工评分` : '需人工评分';
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** How an indicator's score came about: the fields after its description. */
type ScoreTail = Pick<
  IndicatorScore,
  'score' | 'computed' | 'status' | 'rule' | 'met' | 'trace'
> & {
  readonly note?: string | undefined;
};

/**
 * An indicator's score from its description (`head`, a fresh object the result is made of), the
 * rule's tier and overshoot when it ran, and how the score came about, in the one key order JSON
 * output shows. Fields are set one by one: spreading conditional objects into each result was
 * most of score()'s own time (issue 14).
 */
function finishScore(
  head: Mutable<IndicatorScore>,
  out: RuleOutcome | undefined,
  tail: ScoreTail,
): IndicatorScore {
  if (out?.tier) head.tier = out.tier;
  if (out?.overshoot) head.overshoot = true;
  head.score = tail.score;
  head.computed = tail.computed;
  head.status = tail.status;
  head.rule = tail.rule;
  head.met = tail.met;
  head.trace = tail.trace;
  if (tail.note !== undefined) head.note = tail.note;
  return head;
}

/** One indicator's score, with status, stated score and override handled (domain.md §4). */
export function scoreIndicator(
  ind: Indicator,
  rs: RuleSet,
  opts: { scope?: string; effectiveWeight?: Decimal } = {},
): IndicatorScore {
  const weight = decimalOf(ind.weight);
  const w = opts.effectiveWeight ?? weight;
  // Built field by field in output order; finishScore sets the score fields, so the cast only
  // holds back what is set before the object is returned.
  const head = { id: ind.id } as Mutable<IndicatorScore>;
  if (opts.scope !== undefined) head.scope = opts.scope;
  head.level1 = ind.level1;
  head.level2 = ind.level2;
  head.name = ind.name;
  head.weight = pts(weight);
  head.stated = ind.score !== undefined ? pts(decimalOf(ind.score)) : null;
  if (opts.effectiveWeight !== undefined && !opts.effectiveWeight.eq(weight))
    head.effectiveWeight = pts(opts.effectiveWeight);
  if (ind.notApplicable) {
    return finishScore(head, undefined, {
      score: pts(ZERO),
      computed: null,
      status: 'not-applicable',
      rule: 'notApplicable',
      met: null,
      trace: notApplicableTrace(ind.notApplicable.reason, rs.notApplicable),
      note: ind.notApplicable.reason,
    });
  }
  const out = computeIndicator(ind, w, rs);
  const weightNote = head.effectiveWeight ? `（一级内重新分配后分值 ${head.effectiveWeight}）` : '';
  const computed = out.score === null ? null : pts(out.score);
  if (ind.override) {
    const raw = decimalOf(ind.override.score);
    const o = clampScore(raw, w);
    const clamped = o.eq(raw) ? '' : `（超出 [0, ${pts(w)}]，按 ${pts(o)} 计）`;
    return finishScore(head, out, {
      score: pts(o),
      computed,
      status: 'override',
      rule: out.rule,
      met: out.met,
      trace: `${out.trace}${weightNote}；人工调整为 ${num(raw)}${clamped}（理由：${ind.override.reason}）`,
      note: ind.override.reason,
    });
  }
  if (out.score === null) {
    if (ind.score !== undefined && !out.manual) {
      const s = clampScore(decimalOf(ind.score), w);
      return finishScore(head, out, {
        score: pts(s),
        computed: null,
        status: 'stated-used',
        rule: out.rule,
        met: out.met,
        trace: `${out.trace}；采用填报得分 ${pts(s)}`,
        note: out.note || undefined,
      });
    }
    return finishScore(head, out, {
      score: null,
      computed: null,
      status: 'manual-needed',
      rule: out.rule,
      met: out.met,
      trace: `${out.trace}；${manualNeededNote(out.manual, head.stated)}`,
      note: out.note || undefined,
    });
  }
  return finishScore(head, out, {
    score: computed,
    computed,
    status: 'computed',
    rule: out.rule,
    met: out.met,
    trace: `${out.trace}${weightNote}`,
  });
}

/**
 * Effective weights under the 'redistribute' policy: within each 一级, the not-applicable weight is
 * spread over the applicable indicators in proportion to their weights (two decimals, adding up
 * exactly). A 一级 with nothing applicable keeps its weights (the total is then rescaled instead).
 */
export function redistributedWeights(indicators: readonly Indicator[]): Map<string, Decimal> {
  const groups = new Map<string, { all: Decimal; applicable: Decimal }>();
  for (const i of indicators) {
    const k = level1Key(i.level1);
    const g = groups.get(k) ?? { all: ZERO, applicable: ZERO };
    const w = decimalOf(i.weight);
    groups.set(k, {
      all: g.all.plus(w),
      applicable: i.notApplicable ? g.applicable : g.applicable.plus(w),
    });
  }
  // Exact shares rounded down to 0.01 point, the missing hundredths given to the largest
  // remainders,
  // so that the effective weights of a 一级 add up exactly to its weight.
  const out = new Map<string, Decimal>();
  for (const [k, g] of groups) {
    if (g.applicable.isZero()) continue;
    const members = indicators.filter((i) => !i.notApplicable && level1Key(i.level1) === k);
    const exact = members.map((i) => decimalOf(i.weight).times(g.all).div(g.applicable));
    const floors = exact.map((e) => e.toDecimalPlaces(2, Decimal.ROUND_DOWN));
    let left = g.all
      .minus(floors.reduce((a, f) => a.plus(f), ZERO))
      .times(100)
      .round()
      .toNumber();
    const order = exact
      .map((e, idx) => ({ idx, rem: e.minus(floors[idx] as Decimal) }))
      .sort((a, b) => b.rem.comparedTo(a.rem) || a.idx - b.idx);
    for (const o of order) {
      if (left <= 0) break;
      floors[o.idx] = (floors[o.idx] as Decimal).plus('0.01');
      left -= 1;
    }
    members.forEach((i, idx) => out.set(i.id, floors[idx] as Decimal));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Grid
// ---------------------------------------------------------------------------------------------

/** The grade band a total falls in (rule set grades: highest min first). */
export function gradeOf(total: Decimal, rs: RuleSet): Grade {
  const bands = [...rs.grades].sort((a, b) => decimalOf(b.min).comparedTo(decimalOf(a.min)));
  for (const b of bands) if (total.gte(decimalOf(b.min))) return b.grade;
  return bands[bands.length - 1]?.grade ?? '差';
}

function subtotals(
  scores: readonly IndicatorScore[],
  expected: Readonly<Record<string, string>> | undefined,
): Level1Subtotal[] {
  const order: string[] = [];
  const acc = new Map<string, { level1: string; weight: Decimal; score: Decimal }>();
  for (const s of scores) {
    const k = level1Key(s.level1);
    let g = acc.get(k);
    if (!g) {
      g = { level1: s.level1, weight: ZERO, score: ZERO };
      acc.set(k, g);
      order.push(k);
    }
    g.weight = g.weight.plus(s.weight);
    if (s.score !== null) g.score = g.score.plus(s.score);
  }
  const exp = new Map(
    Object.entries(expected ?? {}).map(([name, w]) => [level1Key(name), { name, w }]),
  );
  const out: Level1Subtotal[] = order.map((k) => {
    const g = acc.get(k) as { level1: string; weight: Decimal; score: Decimal };
    const e = exp.get(k);
    return {
      level1: g.level1,
      weight: pts(g.weight),
      score: pts(g.score),
      ...(e ? { expectedWeight: pts(decimalOf(e.w)) } : {}),
    };
  });
  // 一级 indicators the rule set expects but the grid lacks: listed with weight 0 so the gap shows.
  for (const [k, e] of exp)
    if (!acc.has(k))
      out.push({
        level1: e.name,
        weight: pts(ZERO),
        score: pts(ZERO),
        expectedWeight: pts(decimalOf(e.w)),
      });
  return out;
}

/** Score one grid (the unit's or a project's): execution + indicators → subtotals, total, grade. */
export function scoreGrid(
  indicators: readonly Indicator[],
  execution: ExecutionScore,
  rs: RuleSet,
  kind: 'department' | 'project',
  scope?: string,
): GridScore {
  const redistribute =
    rs.notApplicable === 'redistribute' ? redistributedWeights(indicators) : undefined;
  const scores = indicators.map((ind) => {
    const ew = redistribute?.get(ind.id);
    return scoreIndicator(ind, rs, {
      ...(scope !== undefined ? { scope } : {}),
      ...(ew ? { effectiveWeight: ew } : {}),
    });
  });

  const exWeight = decimalOf(execution.weight);
  let weightSum = exWeight;
  let applicable = exWeight;
  let sum = execution.score !== null ? decimalOf(execution.score) : ZERO;
  for (const s of scores) {
    const w = decimalOf(s.weight);
    weightSum = weightSum.plus(w);
    // A not-applicable weight counts as applicable when its 一级 siblings took it over
    // (redistribute).
    const covered =
      s.status === 'not-applicable' &&
      redistribute !== undefined &&
      scores.some(
        (o) => o.status !== 'not-applicable' && level1Key(o.level1) === level1Key(s.level1),
      );
    if (s.status !== 'not-applicable' || covered) applicable = applicable.plus(w);
    if (s.score !== null) sum = sum.plus(s.score);
  }
  sum = sum.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const parts = `执行 ${execution.score ?? '—'} + 指标 ${pts(sum.minus(execution.score ?? 0))}`;
  let total = sum;
  let trace = `${parts} = ${pts(sum)}`;
  if (applicable.lt(weightSum) && applicable.isPositive()) {
    total = sum.times(weightSum).div(applicable);
    trace = `(${parts}) × ${num(weightSum)} ÷ ${num(applicable)}（不适用指标按适用分值折算）= ${pts(total)}`;
  }
  total = Decimal.max(total, ZERO).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const manual =
    scores.filter((s) => s.status === 'manual-needed').length + (execution.score === null ? 1 : 0);
  if (manual) trace += `（${manual} 项需人工评分，暂按 0 计）`;
  const grade = gradeOf(total, rs);
  return {
    execution,
    indicators: scores,
    byLevel1: subtotals(scores, rs.level1Weights[kind]),
    weightSum: pts(weightSum),
    total: pts(total),
    grade,
    trace: `${trace} → ${grade}`,
  };
}

/**
 * Score a dossier under a rule set. `derived` (optional, to avoid recomputing) must come from
 * derive(dossier, ruleset.execution.denominator).
 */
export function score(
  dossier: Dossier,
  ruleset: RuleSet = NATIONAL_RULESET,
  derived?: Derived,
): ScoreResult {
  const base = ruleset.execution.denominator;
  const d = derived ?? derive(dossier, base);
  const funds = fundsColumns(d);
  const unitBudget = d.executionBudget ?? budgetOf(funds, base);
  const execution = scoreExecution(
    d.executionRate,
    ruleset,
    unitBudget,
    d.executionActual ?? funds.actual,
  );
  const grid = scoreGrid(dossier.indicators, execution, ruleset, 'department');

  const projects: ProjectScore[] = dossier.expenditure.projects
    .filter((p) => p.indicators.length > 0)
    .map((p) => {
      const cols: Columns = p.money;
      const budget = budgetOf(cols, base);
      const ex = scoreExecution(percentOf(cols.actual, budget), ruleset, budget, cols.actual);
      return {
        projectId: p.id,
        name: p.name,
        ...scoreGrid(p.indicators, ex, ruleset, 'project', p.id),
      };
    });

  const first = (concept: string): string | null => {
    const all = dossier.statements.filter((s) => s.concept === concept);
    return (all.find((s) => s.scope === undefined) ?? all[0])?.value ?? null;
  };
  return {
    ruleset: { name: ruleset.name, version: ruleset.version },
    ...grid,
    projects,
    stated: { total: first('score.total'), grade: first('score.grade') },
  };
}
