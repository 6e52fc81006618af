/**
 * Scoring checks (domain.md §4, §5 "Scoring"): weights sum to 100, 一级 subtotals match the rule
 * set, no score above its weight, stated scores follow their rules, the stated total is the sum of
 * the stated scores, the grade matches its band, the execution score follows from the rate, and a
 * qualitative score lies within its 10号 tier.
 */
import { budgetOf, fundsColumns } from '../derive.ts';
import { formatTarget } from '../dossier/indicator-values.ts';
import { Decimal, decimalOf, percentOf } from '../money.ts';
import { level1Key } from '../scoring/ruleset.ts';
import { gradeOf } from '../scoring/score.ts';
import { targetMet } from './met.ts';
import {
  allIndicators,
  rulesetOf,
  defineRule,
  engineScore,
  finding,
  parseStated,
  placeLabel,
  pts,
  statementLocation,
  statementsOf,
  wrote,
  SCORE_TOLERANCE,
} from './support.ts';
import type { AuditContext, AuditLocation, Finding, RuleMeta } from './types.ts';

/** The computed total score: the scoring engine's, not stored in the dossier. */
const COMPUTED_TOTAL: AuditLocation = { concept: 'score.total' };

const SRC_10 = '财预〔2020〕10号《项目支出绩效评价管理办法》';

/** Execution weight, points: engine, rule set, statement, else the default 10. */
export function executionWeight(ctx: AuditContext): Decimal {
  if (ctx.score) return decimalOf(ctx.score.execution.weight);
  if (ctx.ruleset) return decimalOf(rulesetOf(ctx).execution.weight);
  const st = statementsOf(ctx, 'execution.weight')
    .map((s) => parseStated(s.value))
    .find((n) => n !== null);
  return st ? st.value : new Decimal(10);
}

const WEIGHT_SUM: RuleMeta = {
  code: 'SCORE-WEIGHT-SUM',
  severity: 'error',
  family: 'scoring',
  title: { zh: '指标分值与执行分值之和不等于 100', en: 'Weights plus execution weight ≠ 100' },
  source: `${SRC_10} 附件：评价指标权重合计 100 分；domain.md §4 Weights`,
  example: '各三级指标分值合计 90 + 预算执行 10 = 100（通过）；合计 95 + 10 = 105 则报错。',
};
/** Σ indicator weights + execution weight = 100, for the unit grid and each project grid. */
export function checkWeightSum(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const ew = executionWeight(ctx);
  const grids = [
    {
      scope: undefined as string | undefined,
      name: '部门整体',
      inds: ctx.dossier.indicators,
      path: 'indicators',
    },
    ...ctx.dossier.expenditure.projects.map((p, i) => ({
      scope: p.id as string | undefined,
      name: p.name,
      inds: p.indicators,
      path: `expenditure.projects[${i}].indicators`,
    })),
  ];
  const out: Finding[] = [];
  for (const g of grids) {
    if (!g.inds.length) continue;
    const sum = g.inds.reduce((a, i) => a.plus(decimalOf(i.weight)), new Decimal(0));
    const total = sum.plus(ew);
    if (total.eq(100)) continue;
    out.push(
      finding(rule, {
        ...(g.scope ? { scope: g.scope } : {}),
        message: {
          zh: `${g.name}：三级指标分值合计 ${pts(sum)} + 预算执行分值 ${pts(ew)} = ${pts(total)}，应为 100 分。`,
          en:
            `${g.name}: indicator weights ${pts(sum)} + execution ${pts(ew)} = ${pts(total)}, ` +
            `expected 100.`,
        },
        values: { indicatorWeights: pts(sum), executionWeight: pts(ew), total: pts(total) },
        locations: [{ path: g.path }],
      }),
    );
  }
  return out;
}

const WEIGHT_POSITIVE: RuleMeta = {
  code: 'SCORE-WEIGHT-NONPOSITIVE',
  severity: 'error',
  family: 'scoring',
  title: { zh: '指标分值为零或负数', en: 'Indicator weight is zero or negative' },
  source: `${SRC_10}：每项指标应赋予分值`,
  example: '“服务对象满意度”分值写 0。',
};
export function checkWeightPositive(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return (
    allIndicators(ctx)
      // A not-applicable row (e.g. imported from a form without a 分值 column) has no weight to
      // check.
      .filter(({ ind }) => !ind.notApplicable && decimalOf(ind.weight).lte(0))
      .map(({ ind, path, scope }) =>
        finding(rule, {
          indicatorId: ind.id,
          ...(scope ? { scope } : {}),
          message: {
            zh: `指标“${ind.name}”分值为 ${ind.weight}。`,
            en: `Indicator "${ind.name}" has weight ${ind.weight}.`,
          },
          values: { weight: ind.weight },
          locations: [{ path: `${path}.weight` }],
        }),
      )
  );
}

function level1Sums(inds: readonly { level1: string; weight: string }[]): Map<string, Decimal> {
  const m = new Map<string, Decimal>();
  for (const i of inds)
    m.set(i.level1, (m.get(i.level1) ?? new Decimal(0)).plus(decimalOf(i.weight)));
  return m;
}

const L1_RULESET: RuleMeta = {
  code: 'SCORE-LEVEL1-RULESET',
  severity: 'error',
  family: 'scoring',
  title: { zh: '一级指标分值与规则集不符', en: 'Level-1 weight differs from the rule set' },
  source: '规则集（如衡阳：成本 10、产出 40、效益 30、满意度 10、执行 10）；domain.md §4 Weights',
  example: '规则集要求产出指标 40 分，表中产出指标分值合计 35 分。',
};
/**
 * Each 一级 subtotal of weights equals what the rule set expects (department grid and project grids).
 */
export function checkLevel1Ruleset(ctx: AuditContext, rule: RuleMeta): Finding[] {
  if (!ctx.ruleset) return [];
  const rs = rulesetOf(ctx);
  const grids = [
    {
      expected: rs.level1Weights.department,
      inds: ctx.dossier.indicators,
      name: '部门整体',
      scope: undefined as string | undefined,
      path: 'indicators',
    },
    ...ctx.dossier.expenditure.projects.map((p, i) => ({
      expected: rs.level1Weights.project,
      inds: p.indicators,
      name: `项目“${p.name}”`,
      scope: p.id as string | undefined,
      path: `expenditure.projects[${i}].indicators`,
    })),
  ];
  const out: Finding[] = [];
  for (const g of grids) {
    if (!g.expected || !g.inds.length) continue;
    const sums = new Map<string, Decimal>();
    for (const i of g.inds)
      sums.set(
        level1Key(i.level1),
        (sums.get(level1Key(i.level1)) ?? new Decimal(0)).plus(decimalOf(i.weight)),
      );
    for (const [name, want] of Object.entries(g.expected)) {
      const got = sums.get(level1Key(name)) ?? new Decimal(0);
      if (got.eq(decimalOf(want))) continue;
      out.push(
        finding(rule, {
          ...(g.scope ? { scope: g.scope } : {}),
          message: {
            zh: `${g.name}一级指标“${name}”：分值合计 ${pts(got)}，规则集“${rs.name}”要求 ${pts(want)}。`,
            en:
              `${g.scope ?? 'Unit'} level-1 "${name}": weights add up to ${pts(got)}, rule set ` +
              `"${rs.name}" expects ${pts(want)}.`,
          },
          values: { level1: name, weights: pts(got), expected: pts(want), ruleset: rs.name },
          locations: [{ path: g.path }],
        }),
      );
    }
  }
  return out;
}

const L1_STATED: RuleMeta = {
  code: 'SCORE-LEVEL1-STATED',
  severity: 'error',
  family: 'scoring',
  title: {
    zh: '所写一级指标分值与三级指标分值之和不符',
    en: 'Stated level-1 subtotal ≠ Σ its weights',
  },
  source: '部门整体支出绩效自评表（附件2）一级指标“（N分）”标注',
  example: '附件2 写“产出指标（40分）”，其下三级指标分值 5+5+5+8+7+10 = 40（通过）。',
};
export function checkLevel1Stated(ctx: AuditContext, rule: RuleMeta): Finding[] {
  // Keyed by 一级 name; an unscoped subtotal names no 一级 and finds nothing.
  const sums: ReadonlyMap<string | undefined, Decimal> = level1Sums(ctx.dossier.indicators);
  const out: Finding[] = [];
  for (const st of ctx.dossier.statements.filter(
    (s) => s.concept === 'indicators.level1.subtotal',
  )) {
    const n = parseStated(st.value);
    const got = sums.get(st.scope);
    if (!n || got === undefined || got.eq(n.value)) continue;
    out.push(
      finding(rule, {
        message: {
          zh: `一级指标“${st.scope}”：${wrote(st.where)} ${st.value} 分，其下三级指标分值合计 ${pts(got)} 分。`,
          en: `Level-1 "${st.scope}": ${st.value} stated, weights add up to ${pts(got)}.`,
        },
        values: { stated: st.value, weights: pts(got) },
        locations: [statementLocation(st), { path: 'indicators' }],
      }),
    );
  }
  return out;
}

const ABOVE: RuleMeta = {
  code: 'SCORE-ABOVE-WEIGHT',
  severity: 'error',
  family: 'scoring',
  title: { zh: '得分超过分值或为负', en: 'Score above its weight or negative' },
  source: 'domain.md §4：每项得分限于 [0, 分值]',
  example: '“新增各项贷款”分值 5，得分写 6。',
};
export function checkScoreAboveWeight(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return allIndicators(ctx)
    .filter(
      ({ ind }) =>
        ind.score !== undefined &&
        !ind.notApplicable &&
        (decimalOf(ind.score).gt(decimalOf(ind.weight)) || decimalOf(ind.score).lt(0)),
    )
    .map(({ ind, path, scope }) =>
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh: `指标“${ind.name}”：得分 ${ind.score} 不在 [0, ${ind.weight}] 内。`,
          en: `Indicator "${ind.name}": score ${ind.score ?? ''} is outside [0, ${ind.weight}].`,
        },
        values: { score: ind.score ?? '', weight: ind.weight },
        locations: [{ path: `${path}.score` }, { path: `${path}.weight` }],
      }),
    );
}

const RULE_MISMATCH: RuleMeta = {
  code: 'SCORE-RULE-MISMATCH',
  severity: 'error',
  family: 'scoring',
  title: { zh: '所写得分与评分规则计算结果不符', en: 'Stated score differs from the rule' },
  source: `${SRC_10} 附件2 评分方法；domain.md §4 各计分规则`,
  tolerance: '0.01 分',
  example: '目标 ≥95%、实际 90%、分值 10：规则得分 10 × 90 ÷ 95 = 9.47，表中写 10。',
};
/** Stated score vs the engine's computed score (only when the engine computed one). */
export function checkRuleMismatch(ctx: AuditContext, rule: RuleMeta): Finding[] {
  // engineScore is undefined without the engine's result: nothing is reported then.
  const out: Finding[] = [];
  for (const { ind, path, scope } of allIndicators(ctx)) {
    const s = engineScore(ctx, ind.id, scope);
    if (!s || s.computed === null || ind.score === undefined || s.status === 'not-applicable')
      continue;
    if (decimalOf(ind.score).minus(decimalOf(s.computed)).abs().lte(SCORE_TOLERANCE)) continue;
    out.push(
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh: `指标“${ind.name}”：表中得分 ${ind.score}，按规则 ${s.trace}。`,
          en: `Indicator "${ind.name}": stated ${ind.score}, rule gives ${s.trace}.`,
        },
        values: { stated: ind.score, computed: s.computed, trace: s.trace },
        locations: [{ path: `${path}.score` }],
      }),
    );
  }
  return out;
}

const TOTAL: RuleMeta = {
  code: 'SCORE-TOTAL-SUM',
  severity: 'error',
  family: 'scoring',
  title: { zh: '所写总分 ≠ 各项得分之和', en: 'Stated total ≠ Σ stated scores' },
  source: 'domain.md §4 Total = 预算执行得分 + Σ 指标得分；财预〔2020〕10号 评分汇总',
  tolerance: '0.01 分',
  example: '六 写评价得分 98.9 分；附件2 得分 10（执行）+ 10 + 40 + 28 + 10 = 98 分。',
};
export function checkTotalSum(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const all = ctx.dossier.indicators;
  // Every row applicable and scored, else there is no stated sum to compare.
  const inds = all.filter(
    (i): i is (typeof all)[number] & { score: string } => !i.notApplicable && i.score !== undefined,
  );
  if (!inds.length || inds.length < all.length) return [];
  const execSt = statementsOf(ctx, 'execution.score')
    .map((s) => ({ s, n: parseStated(s.value) }))
    .find((x) => x.n !== null);
  const exec =
    execSt?.n?.value ??
    (ctx.score?.execution.score != null ? decimalOf(ctx.score.execution.score) : undefined);
  if (exec === undefined) return [];
  const sum = inds.reduce((a, i) => a.plus(decimalOf(i.score)), new Decimal(0));
  const total = sum.plus(exec);
  const out: Finding[] = [];
  for (const st of statementsOf(ctx, 'score.total')) {
    const n = parseStated(st.value);
    if (!n || n.value.minus(total).abs().lte(SCORE_TOLERANCE)) continue;
    // The sums by 一级 are written only into a finding (most totals add up).
    const byL1 = [...level1Sums(inds.map((i) => ({ level1: i.level1, weight: i.score }))).entries()]
      .map(([k, v]) => `${k} ${pts(v)}`)
      .join(' + ');
    out.push(
      finding(rule, {
        message: {
          zh:
            `自评总分：${wrote(st.where)} ${st.value} 分；预算执行 ${pts(exec)} + ${byL1} = ${pts(total)} ` +
            `分，相差 ${pts(n.value.minus(total).abs())} 分。`,
          en:
            `Total score: ${placeLabel(st.where, 'en')} says ${st.value}; execution ` +
            `${pts(exec)} + indicators ${pts(sum)} = ${pts(total)}.`,
        },
        values: { stated: st.value, execution: pts(exec), indicators: pts(sum), sum: pts(total) },
        locations: [
          statementLocation(st),
          ...(execSt ? [statementLocation(execSt.s)] : []),
          { path: 'indicators' },
        ],
      }),
    );
  }
  return out;
}

const GRADE: RuleMeta = {
  code: 'SCORE-GRADE-BAND',
  severity: 'error',
  family: 'scoring',
  title: { zh: '所写等级与总分档次不符', en: 'Stated grade does not match the score band' },
  source: `${SRC_10} 第三十一条：90（含）以上为优，80（含）–90 为良，60（含）–80 为中，60 以下为差`,
  example: '总分 88 分，报告写“自评结果为优”（应为良）。',
};
export function checkGradeBand(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const totalSt = statementsOf(ctx, 'score.total')
    .map((s) => ({ s, n: parseStated(s.value) }))
    .find((x) => x.n !== null);
  const basis = totalSt?.n?.value ?? (ctx.score ? decimalOf(ctx.score.total) : undefined);
  if (basis === undefined) return [];
  const want = gradeOf(basis, rulesetOf(ctx));
  const out: Finding[] = [];
  for (const st of statementsOf(ctx, 'score.grade')) {
    const g = st.value.replace(/[^优良中差]/g, '');
    if (!g || g === want) continue;
    out.push(
      finding(rule, {
        message: {
          zh:
            `自评等级：${wrote(st.where)}“${st.value}”；` +
            `${totalSt ? `${placeLabel(totalSt.s.where)} 所写总分` : '计算总分'} ${pts(basis)} 分对应` +
            `“${want}”。`,
          en:
            `Grade: ${placeLabel(st.where, 'en')} says ${st.value}; total ${pts(basis)} is ` +
            `"${want}".`,
        },
        values: { stated: st.value, total: pts(basis), band: want },
        locations: [statementLocation(st), totalSt ? statementLocation(totalSt.s) : COMPUTED_TOTAL],
      }),
    );
  }
  return out;
}

const EXECUTION: RuleMeta = {
  code: 'SCORE-EXECUTION',
  severity: 'error',
  family: 'scoring',
  title: {
    zh: '预算执行得分与执行率不符',
    en: 'Execution score does not follow from the execution rate',
  },
  source:
    'domain.md §4 Budget execution：得分 = min(执行率, 100%) × 分值（湖南变体：按年初预算、每低 5 个百分点扣 2 分）',
  tolerance: '0.01 分',
  example: '附件2 执行得分 10 分，而按年初预算计算执行率 93.08%（湖南口径应扣分）。',
};
/** The execution score, points, with its formula: the engine's, else min(rate, 100%) × weight. */
function expectedExecution(ctx: AuditContext): { expected: Decimal; trace: string } | undefined {
  if (ctx.score) {
    const { score, trace } = ctx.score.execution;
    return score === null ? undefined : { expected: decimalOf(score), trace };
  }
  const funds = fundsColumns(ctx.derived);
  const budget = budgetOf(funds, rulesetOf(ctx).execution.denominator);
  const rate = percentOf(funds.actual, budget);
  if (!rate.ok) return undefined;
  const w = executionWeight(ctx);
  const expected = Decimal.min(rate.percent, 100)
    .div(100)
    .times(w)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return {
    expected,
    trace: `${pts(w)} × min(${funds.actual} ÷ ${budget}, 1) = ${pts(expected)}`,
  };
}

export function checkExecutionScore(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const computed = expectedExecution(ctx);
  if (!computed) return [];
  const { expected, trace } = computed;
  const out: Finding[] = [];
  for (const st of statementsOf(ctx, 'execution.score')) {
    const n = parseStated(st.value);
    if (!n || n.value.minus(expected).abs().lte(SCORE_TOLERANCE)) continue;
    out.push(
      finding(rule, {
        message: {
          zh: `预算执行得分：${wrote(st.where)} ${st.value}；按规则 ${trace}。`,
          en:
            `Execution score: ${placeLabel(st.where, 'en')} says ${st.value}; rule gives ` +
            `${trace}.`,
        },
        values: { stated: st.value, computed: pts(expected), trace },
        locations: [statementLocation(st)],
      }),
    );
  }
  return out;
}

type Tier = 'achieved' | 'partial' | 'notAchieved';
/** The tier an actual's wording claims (10号 three tiers): explicit words only. */
export function tierFromText(text: string | undefined): Tier | undefined {
  if (!text) return undefined;
  if (/未达成|未完成|较差|无效果|未实现/.test(text)) return 'notAchieved';
  if (/部分|基本|一定/.test(text)) return 'partial';
  if (/明显|显著|达成|全部完成|完成|良好|较好|有效/.test(text)) return 'achieved';
  return undefined;
}
const TIER_ZH: Record<Tier, string> = {
  achieved: '达成',
  partial: '部分达成并有一定效果',
  notAchieved: '未达成且效果较差',
};

const QUAL_TIER: RuleMeta = {
  code: 'SCORE-QUALITATIVE-TIER',
  severity: 'error',
  family: 'scoring',
  title: { zh: '定性指标得分不在所属档次内', en: 'Qualitative score outside its tier' },
  source: `${SRC_10} 附件：定性指标分“达成年度指标”[80%,100%]、“部分达成并具有一定效果”[60%,80%)、“未达成且效果较差”[0,60%) 三档`,
  example: '“金融工作成效”实际完成写“成效明显”（达成档，应得 4–5 分），得分 3 分。',
};
/**
 * Score within its tier; the tier is the stated one, or (warning) the one the actual's words claim.
 */
export function checkQualitativeTier(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const { ind, path, scope } of allIndicators(ctx)) {
    const qualitative =
      ind.kind === 'qualitative' || (ind.kind === undefined && ind.target?.kind === 'text');
    if (!qualitative || ind.score === undefined) continue;
    const tier = ind.tier ?? tierFromText(ind.actual?.text);
    if (!tier) continue;
    const w = decimalOf(ind.weight);
    const s = decimalOf(ind.score);
    const band = rulesetOf(ctx).qualitative[tier];
    const [lo, hi] = [w.times(decimalOf(band.min)), w.times(decimalOf(band.max))];
    // The top tier includes its upper edge (the full weight); the others end just below theirs.
    const inside = s.gte(lo) && (decimalOf(band.max).eq(1) ? s.lte(hi) : s.lt(hi));
    if (inside) continue;
    const from = ind.tier ? '档次' : `实际完成“${ind.actual?.text ?? ''}”所示档次`;
    out.push(
      finding(rule, {
        severity: ind.tier ? 'error' : 'warning',
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh:
            `定性指标“${ind.name}”：${from}为“${TIER_ZH[tier]}”，应得 ${pts(lo)}–${pts(hi)} 分，表中得分 ` +
            `${ind.score}（分值 ${ind.weight}）。`,
          en:
            `Qualitative "${ind.name}": tier ${tier} gives ${pts(lo)}–${pts(hi)}, stated ` +
            `${ind.score} of ${ind.weight}.`,
        },
        values: { tier, score: ind.score, weight: ind.weight, low: pts(lo), high: pts(hi) },
        locations: [
          { path: `${path}.score` },
          { path: ind.tier ? `${path}.tier` : `${path}.actual` },
        ],
      }),
    );
  }
  return out;
}

const FULL_MISSED: RuleMeta = {
  code: 'SCORE-FULL-BUT-MISSED',
  severity: 'error',
  family: 'scoring',
  title: { zh: '未达目标却得满分', en: 'Full marks with a missed target' },
  source: `${SRC_10}：未完成目标值的按比例或按档次扣分`,
  example: '目标“≥95%”，实际 90%，得分仍为满分 10 分。',
};
export function checkFullButMissed(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const { ind, path, scope } of allIndicators(ctx)) {
    if (
      ind.score === undefined ||
      !decimalOf(ind.score).eq(decimalOf(ind.weight)) ||
      ind.notApplicable
    )
      continue;
    const eng = engineScore(ctx, ind.id, scope);
    const met = eng ? eng.met : targetMet(ind.target, ind.actual);
    if (met !== false) continue;
    const loc: AuditLocation[] = [
      { path: `${path}.target` },
      { path: `${path}.actual` },
      { path: `${path}.score` },
    ];
    out.push(
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh:
            `指标“${ind.name}”：目标 ` +
            `${ind.target?.text || formatTarget(ind.target)}，实际 ` +
            `${ind.actual?.text ?? ''}，未达目标却得满分 ${ind.score} 分。`,
          en:
            `Indicator "${ind.name}": target missed (actual ${ind.actual?.text ?? ''}) yet ` +
            `full score ${ind.score}.`,
        },
        values: { actual: ind.actual?.text ?? '', score: ind.score, weight: ind.weight },
        locations: loc,
      }),
    );
  }
  return out;
}

const OVERRIDE: RuleMeta = {
  code: 'SCORE-OVERRIDE',
  severity: 'info',
  family: 'scoring',
  title: { zh: '人工调整的得分', en: 'Manually overridden score' },
  source: 'domain.md §4 Manual override：审核时列出每一处人工调整',
  example: '“行政效能”计算得分 4，人工调整为 5，理由：……',
};
export function checkOverrides(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return allIndicators(ctx)
    .filter(({ ind }) => ind.override)
    .map(({ ind, path, scope }) => {
      const eng = engineScore(ctx, ind.id, scope);
      return finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh:
            `指标“${ind.name}”：得分人工调整为 ` +
            `${ind.override?.score}${eng?.computed ? `（规则计算 ${eng.computed}）` : ''}，理由：` +
            `${ind.override?.reason}。`,
          en:
            `Indicator "${ind.name}": overridden to ` +
            `${ind.override?.score ?? ''}${eng?.computed ? ` (rule: ${eng.computed})` : ''}: ` +
            `${ind.override?.reason ?? ''}.`,
        },
        values: {
          override: ind.override?.score ?? '',
          ...(eng?.computed ? { computed: eng.computed } : {}),
          reason: ind.override?.reason ?? '',
        },
        locations: [{ path: `${path}.override` }],
      });
    });
}

const MANUAL: RuleMeta = {
  code: 'SCORE-MANUAL-NEEDED',
  severity: 'warning',
  family: 'scoring',
  title: {
    zh: '无法按规则计分，需要人工评分',
    en: 'No rule can score it: a manual score is needed',
  },
  source: 'domain.md §4 When a ratio is meaningless：评分引擎不能计算时需人工评分',
  example: '目标“＝100%”，实际写“均完成”：无法计算，采用表中所写得分。',
};
export function checkManualNeeded(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const { ind, path, scope } of allIndicators(ctx)) {
    const eng = engineScore(ctx, ind.id, scope);
    if (!eng || (eng.status !== 'manual-needed' && eng.status !== 'stated-used')) continue;
    const stated = eng.status === 'stated-used';
    out.push(
      finding(rule, {
        severity: stated ? 'info' : 'warning',
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh:
            `指标“${ind.name}”：${eng.note ?? '规则无法计算得分'}；` +
            `${stated ? `采用表中所写得分 ${eng.stated}` : '需人工评分（暂按 0 分计）'}。`,
          en:
            `Indicator "${ind.name}": ${eng.note ?? 'no rule can compute it'}; ` +
            `${stated ? `stated score ${eng.stated ?? ''} used` : 'manual score needed'}.`,
        },
        values: { status: eng.status, ...(eng.stated ? { stated: eng.stated } : {}) },
        // A blank 年度指标值 is what stops the rule; otherwise the actual is.
        locations: [{ path: `${path}.${eng.rule === 'targetMissing' ? 'target' : 'actual'}` }],
      }),
    );
  }
  return out;
}

export const SCORING_RULES = [
  defineRule(WEIGHT_SUM, checkWeightSum),
  defineRule(WEIGHT_POSITIVE, checkWeightPositive),
  defineRule(L1_RULESET, checkLevel1Ruleset),
  defineRule(L1_STATED, checkLevel1Stated),
  defineRule(ABOVE, checkScoreAboveWeight),
  defineRule(RULE_MISMATCH, checkRuleMismatch),
  defineRule(TOTAL, checkTotalSum),
  defineRule(GRADE, checkGradeBand),
  defineRule(EXECUTION, checkExecutionScore),
  defineRule(QUAL_TIER, checkQualitativeTier),
  defineRule(FULL_MISSED, checkFullButMissed),
  defineRule(OVERRIDE, checkOverrides),
  defineRule(MANUAL, checkManualNeeded),
];
