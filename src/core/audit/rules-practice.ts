/**
 * Warnings from practice (domain.md §5): patterns finance bureaus send back for correction.
 * Execution here is measured against 年初预算数 (the budget the people's congress approved), so a
 * budget adjusted down to the spending does not hide under-execution.
 */
import { Decimal, decimalOf, formatPercent, percentOf, roundPercent } from '../money.ts';
import { formatTarget } from '../dossier/indicator-values.ts';
import { budgetOf, fundsColumns } from '../derive.ts';
import { normUnit } from './met.ts';
import {
  allIndicators,
  initialBudgetTotal,
  defineRule,
  finding,
  parseStated,
  placeLabel,
  pts,
  statementLocation,
  statementsOf,
  wan,
  fundsLocation,
} from './support.ts';
import type { AuditContext, AuditLocation, Finding, RuleMeta } from './types.ts';

/** The unit's actual against its 年初预算数 total (万元, %); undefined when either is unknown or 0. */
function fundsAgainstInitial(ctx: AuditContext) {
  const actual = fundsColumns(ctx.derived).actual;
  const budget = initialBudgetTotal(ctx)?.value;
  const rate = percentOf(actual, budget);
  // A rate is only computed from two known amounts.
  return rate.ok ? { budget: budget as string, actual: actual as string, rate } : undefined;
}

/** The total the report states, else the engine's. */
function totalScore(
  ctx: AuditContext,
): { value: Decimal; loc: AuditLocation; where: string } | undefined {
  for (const s of statementsOf(ctx, 'score.total')) {
    const n = parseStated(s.value);
    if (n) return { value: n.value, loc: statementLocation(s), where: placeLabel(s.where) };
  }
  return ctx.score
    ? { value: decimalOf(ctx.score.total), loc: { concept: 'score.total' }, where: '计算' }
    : undefined;
}

/** "执行 80.00 万元，执行率 80.00%", or that no actual is filled. */
const spentZh = (actual: string | undefined, rate: Parameters<typeof formatPercent>[0]): string =>
  actual === undefined ? '未填执行数' : `执行 ${wan(actual)} 万元，执行率 ${formatPercent(rate)}`;
const spentEn = (actual: string | undefined, rate: Parameters<typeof formatPercent>[0]): string =>
  actual === undefined ? 'actual not filled' : `execution ${formatPercent(rate)}`;

const HIGH_LOW: RuleMeta = {
  code: 'PRACT-HIGH-SCORE-LOW-EXECUTION',
  severity: 'warning',
  family: 'practice',
  title: { zh: '自评高分低执行', en: 'High score with low execution' },
  source: '财政部门复核实务“自评高分低执行”：得分率 − 预算执行率 > 5 个百分点',
  tolerance: '5 个百分点',
  example: '自评 98.9 分，而按年初预算执行率 93.08%，相差 5.82 个百分点。',
};
export function checkHighScoreLowExecution(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const t = totalScore(ctx);
  const e = fundsAgainstInitial(ctx);
  if (!t || !e) return [];
  const gap = t.value.minus(e.rate.percent);
  if (gap.lte(5)) return [];
  return [
    finding(rule, {
      message: {
        zh:
          `得分率 ${pts(t.value)}%（${t.where}）比预算执行率 ${formatPercent(e.rate)}（执行 ` +
          `${wan(e.actual)} ÷ 年初预算 ${wan(e.budget)}）高 ` +
          `${roundPercent(gap).toFixed(2)} 个百分点，超过 5 个百分点。`,
        en:
          `Score ${pts(t.value)}% exceeds the execution rate ${formatPercent(e.rate)} by ` +
          `${roundPercent(gap).toFixed(2)} points (> 5).`,
      },
      values: {
        score: pts(t.value),
        executionRate: formatPercent(e.rate),
        gap: roundPercent(gap).toFixed(2),
      },
      locations: [t.loc, fundsLocation(ctx, 'initialBudget'), fundsLocation(ctx, 'actual')],
    }),
  ];
}

const UNSPENT: RuleMeta = {
  code: 'PRACT-UNSPENT-SHARE',
  severity: 'warning',
  family: 'practice',
  title: { zh: '预算结余比例超过 20%', en: 'More than 20% of the budget unspent' },
  source: '实务：年初预算未执行比例超过 20% 的，财政部门视为预算编制不实（衡阳、湖南复核口径）',
  tolerance: '20%',
  example: '年初预算 500 万元，执行 380 万元，结余 24%。',
};
export function checkUnspentShare(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const e = fundsAgainstInitial(ctx);
  if (!e) return [];
  const unspent = new Decimal(100).minus(e.rate.percent);
  if (unspent.lte(20)) return [];
  return [
    finding(rule, {
      message: {
        zh:
          `年初预算 ${wan(e.budget)} 万元，执行 ${wan(e.actual)} 万元，未支出比例 ` +
          `${roundPercent(unspent).toFixed(2)}%，超过 20%。`,
        en: `${roundPercent(unspent).toFixed(2)}% of the initial budget unspent (> 20%).`,
      },
      values: {
        budget: wan(e.budget),
        actual: wan(e.actual),
        unspent: `${roundPercent(unspent).toFixed(2)}%`,
      },
      locations: [fundsLocation(ctx, 'initialBudget'), fundsLocation(ctx, 'actual')],
    }),
  ];
}

const ALL_FULL: RuleMeta = {
  code: 'PRACT-ALL-FULL',
  severity: 'warning',
  family: 'practice',
  title: { zh: '全部指标满分', en: 'Every indicator at full score' },
  source: '财预〔2020〕10号 第二十六条（自评应客观公正）；复核实务：全部满分的自评重点抽查',
  example: '14 项三级指标全部满分。',
};
export function checkAllFull(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const inds = ctx.dossier.indicators.filter((i) => !i.notApplicable);
  if (
    inds.length < 3 ||
    !inds.every((i) => i.score !== undefined && decimalOf(i.score).eq(decimalOf(i.weight)))
  )
    return [];
  return [
    finding(rule, {
      message: {
        zh: `全部 ${inds.length} 项三级指标均为满分，请核实自评是否客观。`,
        en: `All ${inds.length} indicators have full marks.`,
      },
      values: { indicators: String(inds.length) },
      locations: [{ path: 'indicators' }],
    }),
  ];
}

const PROBLEMS: RuleMeta = {
  code: 'PRACT-PROBLEMS-EMPTY',
  severity: 'warning',
  family: 'practice',
  title: { zh: '有扣分却未写存在的问题', en: 'Points lost but no problems stated' },
  source: '部门整体支出绩效自评报告提纲“存在的问题及原因分析”；实务：“问题 暂无”而得分未满',
  example: '“金融工作成效”扣 2 分，“存在的问题”写“暂无”。',
};
export function checkProblemsEmpty(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const p = ctx.dossier.narrative.problems?.trim() ?? '';
  if (p && !/^(无|暂无|没有|无问题)[。.]?$/.test(p)) return [];
  const lost = allIndicators(ctx).filter(
    ({ ind }) => ind.score !== undefined && decimalOf(ind.score).lt(decimalOf(ind.weight)),
  );
  if (!lost.length) return [];
  const points = lost.reduce(
    (a, { ind }) => a.plus(decimalOf(ind.weight)).minus(ind.score ?? 0),
    new Decimal(0),
  );
  return [
    finding(rule, {
      message: {
        zh: `“存在的问题”${p ? `写“${p}”` : '未填写'}，但 ${lost.length} 项指标共扣 ${pts(points)} 分（${lost
          .slice(0, 3)
          .map(({ ind }) => ind.name)
          .join('、')}）。`,
        en:
          `Problems ${p ? `say "${p}"` : 'are empty'} while ${lost.length} indicators lost ` +
          `${pts(points)} points.`,
      },
      values: { problems: p, lostIndicators: String(lost.length), lostPoints: pts(points) },
      locations: [
        { path: 'narrative.problems' },
        ...lost.map(({ path }) => ({ path: `${path}.score` })),
      ],
    }),
  ];
}

const TOO_LOW: RuleMeta = {
  code: 'PRACT-TARGET-TOO-LOW',
  severity: 'info',
  family: 'practice',
  title: {
    zh: '实际大幅超过目标，目标可能定得过低',
    en: 'Actual far above target: target set too low?',
  },
  source: '财预〔2020〕10号：目标设定明显偏低的应调减得分（domain.md §4 Overshoot，默认只提示）',
  tolerance: '超过目标 30% 以上',
  example: '目标“存款增长率 ≥1%”，实际 9.54%。',
};
export function checkTargetTooLow(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const { ind, path, scope } of allIndicators(ctx)) {
    const t = ind.target;
    const a = ind.actual;
    if (
      t?.kind !== 'number' ||
      (t.op !== '>=' && t.op !== '>' && t.op !== undefined) ||
      a?.value === undefined
    )
      continue;
    if (/满意/.test(ind.name) || (t.unit && a.unit && normUnit(t.unit) !== normUnit(a.unit)))
      continue;
    const tv = decimalOf(t.value);
    if (tv.lte(0) || decimalOf(a.value).lte(tv.times(1.3))) continue;
    const over = decimalOf(a.value).minus(tv).div(tv).times(100);
    out.push(
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh:
            `指标“${ind.name}”：目标 ${formatTarget(t)}，实际 ${a.text}，超出 ` +
            `${roundPercent(over).toFixed(2)}%，目标可能定得过低。`,
          en:
            `Indicator "${ind.name}": actual ${a.text} exceeds target ${formatTarget(t)} by ` +
            `${roundPercent(over).toFixed(2)}%.`,
        },
        values: {
          target: formatTarget(t),
          actual: a.text,
          over: `${roundPercent(over).toFixed(2)}%`,
        },
        locations: [{ path: `${path}.target` }, { path: `${path}.actual` }],
      }),
    );
  }
  return out;
}

const PROJECT_LOW: RuleMeta = {
  code: 'PRACT-PROJECT-LOW-EXECUTION',
  severity: 'info',
  family: 'practice',
  title: {
    zh: '项目预算执行率低于 80% 或未填执行数',
    en: 'Project execution below 80% or not filled',
  },
  source: '财预〔2020〕10号：项目预算执行率是项目支出绩效评价的共性指标',
  tolerance: '80%',
  example: '项目“市处非办工作经费”预算 30 万元，未填执行数。',
};
export function checkProjectLowExecution(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return ctx.dossier.expenditure.projects.flatMap((p, i) => {
    const budget = budgetOf(p.money, 'initialBudget');
    if (budget === undefined || decimalOf(budget).isZero()) return [];
    const rate = percentOf(p.money.actual, budget);
    if (rate.ok && rate.percent.gte(80)) return [];
    return [
      finding(rule, {
        scope: p.id,
        message: {
          zh: `项目“${p.name}”：预算 ${wan(budget)} 万元，${spentZh(p.money.actual, rate)}。`,
          en: `Project "${p.name}": budget ${wan(budget)}, ${spentEn(p.money.actual, rate)}.`,
        },
        values: {
          budget: wan(budget),
          actual: p.money.actual === undefined ? '' : wan(p.money.actual),
          rate: formatPercent(rate),
        },
        locations: [{ path: `expenditure.projects[${i}].money.actual` }],
      }),
    ];
  });
}

export const PRACTICE_RULES = [
  defineRule(HIGH_LOW, checkHighScoreLowExecution),
  defineRule(UNSPENT, checkUnspentShare),
  defineRule(ALL_FULL, checkAllFull),
  defineRule(PROBLEMS, checkProblemsEmpty),
  defineRule(TOO_LOW, checkTargetTooLow),
  defineRule(PROJECT_LOW, checkProjectLowExecution),
];
