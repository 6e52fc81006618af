/**
 * Checks over what a published document states, in its own terms (issue 15): the document's own
 * 分值, its own execution rule (执行率 × 分值, for any 分值), its own money block and its own
 * indicator grid, wherever both sides of a comparison are stated. They run on whatever was read —
 * a project-level 项目支出绩效自评表, an excerpt, a single table — and stay silent where a side is
 * missing. What a whole report would state and this one did not is listed as info.
 *
 * Tolerances: amounts to 0.01 万元; a stated rate agrees with 执行数 ÷ 预算数 when it is that
 * quotient rounded to the decimals it is written with; a score within the rounding of its rule
 * (to the integer or to one decimal) is an info note, beyond it an error.
 */
import type { Indicator, Project, Statement } from '../dossier/schema.ts';
import { Decimal, decimalOf } from '../money.ts';
import {
  conceptInfo,
  headConcept,
  INCOME_SOURCES,
  moneyConcept,
  moneyHead,
  projectConcept,
  type ConceptKey,
} from '../concepts/index.ts';
import {
  DEPARTMENT_TEMPLATE,
  documentShape,
  isRoundingOf,
  NEEDS_WHOLE_REPORT,
  ruleApplies,
} from './document.ts';
import {
  defineRule,
  finding,
  parseStated,
  placeLabel,
  pts,
  statedFen,
  statementLocation,
  statementGroups,
  statementsOf,
  wan,
  wrote,
  type StatedNumber,
  AMOUNT_TOLERANCE,
  SCORE_TOLERANCE,
} from './support.ts';
import type { AuditContext, AuditLocation, Finding, Rule, RuleMeta } from './types.ts';

const SRC_10 = '财预〔2020〕10号《项目支出绩效评价管理办法》附件2 项目支出绩效自评表';

// ---------------------------------------------------------------------------------------------
// Reading the document's money block and execution figures.

interface Figure {
  readonly value: Decimal;
  readonly loc: AuditLocation;
  readonly stated?: Statement;
}

/** Statements of a concept for a project: scoped to it, or unscoped in a one-project document. */
function stated(ctx: AuditContext, concept: ConceptKey, scope: string | undefined): Statement[] {
  const own = scope ? statementsOf(ctx, concept, scope) : [];
  const single = ctx.dossier.expenditure.projects.length <= 1 || scope === undefined;
  return [...own, ...(single ? statementsOf(ctx, concept) : [])];
}

function firstNumber(list: readonly Statement[]): Figure | undefined {
  for (const s of list) {
    const n = parseStated(s.value);
    if (n) return { value: n.value, loc: statementLocation(s), stated: s };
  }
  return undefined;
}

interface MoneyBlock {
  readonly actual?: Figure;
  readonly adjustedBudget?: Figure;
  readonly initialBudget?: Figure;
}

/** A project's money block: as stated (project.* or the document's 年度资金总额), else its data. */
function moneyBlock(ctx: AuditContext, project: Project | undefined, pi: number): MoneyBlock {
  const scope = project?.id;
  const col = (c: 'actual' | 'adjustedBudget' | 'initialBudget'): Figure | undefined => {
    const st =
      firstNumber(scope ? stated(ctx, projectConcept(c), scope) : []) ??
      firstNumber(statementsOf(ctx, moneyConcept('income', 'total', c))) ??
      firstNumber(statementsOf(ctx, moneyConcept('expenditure', 'total', c)));
    if (st) return st;
    const v = project?.money[c];
    if (v !== undefined)
      return { value: decimalOf(v), loc: { path: `expenditure.projects[${pi}].money.${c}` } };
    const income = ctx.derived.income[c];
    const d = income ?? ctx.derived.expenditure[c];
    if (d === undefined) return undefined;
    const total = moneyConcept(income !== undefined ? 'income' : 'expenditure', 'total', c);
    return { value: decimalOf(d), loc: { concept: total } };
  };
  return {
    actual: col('actual'),
    adjustedBudget: col('adjustedBudget'),
    initialBudget: col('initialBudget'),
  };
}

/**
 * The money block as the sum of its 其中 rows (funds by source), for a 年度资金总额 row that is
 * blank or zero: undefined when no source is stated.
 */
function sourcesBlock(ctx: AuditContext): MoneyBlock | undefined {
  const out: { -readonly [K in keyof MoneyBlock]: MoneyBlock[K] } = {};
  for (const c of ['actual', 'adjustedBudget', 'initialBudget'] as const) {
    const figs = INCOME_SOURCES.map((src) =>
      firstNumber(statementsOf(ctx, headConcept(moneyHead('income', src), c))),
    ).filter((f): f is Figure => f !== undefined);
    if (figs.length)
      out[c] = {
        value: figs.reduce((a, f) => a.plus(f.value), new Decimal(0)),
        loc: (figs[0] as Figure).loc,
      };
  }
  return Object.keys(out).length ? out : undefined;
}

const hasRate = (b: MoneyBlock | undefined): b is MoneyBlock =>
  !!b &&
  (rateOf(b.actual, b.adjustedBudget) !== undefined ||
    rateOf(b.actual, b.initialBudget) !== undefined);

/** The document's scopes: each project of a project-level document, else the unit. */
function scopes(ctx: AuditContext): { project?: Project; pi: number }[] {
  const projects = ctx.dossier.expenditure.projects;
  if (documentShape(ctx.dossier).level === 'project' && projects.length)
    return projects.map((project, pi) => ({ project, pi }));
  return [{ pi: -1 }];
}

/** A rate in %: the quotient, or undefined when the base is zero or missing. */
function rateOf(actual: Figure | undefined, budget: Figure | undefined): Decimal | undefined {
  if (!actual || !budget || budget.value.isZero()) return undefined;
  return actual.value.div(budget.value).times(100);
}

/** Half a unit of the last decimal written (86% → 0.5, 86.2% → 0.05), at least 0.005. */
const halfUnit = (n: StatedNumber): Decimal =>
  Decimal.max(new Decimal(10).pow(-n.decimals).div(2), '0.005');

const pct = (v: Decimal) => `${v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;

// ---------------------------------------------------------------------------------------------
// DOC-MISSING, DOC-PARTIAL: what was not read, listed, never refused.

const MISSING: RuleMeta = {
  code: 'DOC-MISSING',
  severity: 'info',
  family: 'completeness',
  title: { zh: '报告中未找到的内容', en: 'Not found in the document' },
  source: '项目支出绩效自评表、部门整体支出绩效自评表的必填项（单位名称、年度、资金、指标）',
  example: '报告没有写明单位名称：按已读到的内容审核，单位名称列为“未找到”。',
};
/** One info finding per part of a report the reading did not find. */
export function checkMissing(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return documentShape(ctx.dossier).missing.map((label) =>
    finding(rule, {
      message: {
        zh: `报告中未找到${label}；已按读到的内容审核。`,
        en: `The document does not state: ${label}; audited on what was read.`,
      },
      values: { missing: label },
      locations: [{ path: 'document.missing' }],
    }),
  );
}

const PARTIAL: RuleMeta = {
  code: 'DOC-PARTIAL',
  severity: 'info',
  family: 'completeness',
  title: { zh: '只读到报告的一部分', en: 'Only part of a report was read' },
  source: '审核只比较报告中两边都写明的数字；需要完整报告的检查在摘录上不运行',
  example: '网页摘录在指标表中途截断：合计与分值总和等检查未运行。',
};
/** Say which checks did not run because only part of the report was read. */
export function checkPartial(ctx: AuditContext, rule: RuleMeta): Finding[] {
  if (!documentShape(ctx.dossier).partial) return [];
  const skipped = [...new Set([...NEEDS_WHOLE_REPORT, ...DEPARTMENT_TEMPLATE])].sort();
  return [
    finding(rule, {
      message: {
        zh: `只读到报告的一部分（摘录、单张表或半张指标表），需要完整报告的检查未运行：${skipped.join('、')}。`,
        en:
          `Only part of a report was read; checks needing the whole report did not run: ` +
          `${skipped.join(', ')}.`,
      },
      values: { skipped: skipped.join(' ') },
      locations: [{ path: 'document.partial' }],
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// DOC-EXECUTION-RATE: a stated rate against 执行数 ÷ 预算数, saying which base matches.

const RATE: RuleMeta = {
  code: 'DOC-EXECUTION-RATE',
  severity: 'error',
  family: 'ratio',
  title: {
    zh: '所写执行率与执行数 ÷ 预算数不符',
    en: 'Stated execution rate ≠ actual ÷ budget',
  },
  source: `${SRC_10}：执行率 = 全年执行数 ÷ 全年预算数（部分地区按年初预算数）`,
  tolerance: '按所写小数位四舍五入后相等（写“86%”时 85.5%–86.5% 均可）',
  example: '全年预算数 40、全年执行数 36，执行率写 95%（36 ÷ 40 = 90%）。',
};
/** Project-level documents (the department report has RATIO-EXECUTION-RATE). */
export function checkExecutionRate(ctx: AuditContext, rule: RuleMeta): Finding[] {
  if (documentShape(ctx.dossier).level !== 'project') return [];
  const out: Finding[] = [];
  for (const { project, pi } of scopes(ctx)) {
    const block = moneyBlock(ctx, project, pi);
    const sources = hasRate(block) ? undefined : sourcesBlock(ctx);
    const m = hasRate(block) ? block : hasRate(sources) ? sources : undefined;
    if (!m) continue;
    const how = m === sources ? '（年度资金总额为空或为零，按“其中”分项合计）' : '';
    const adj = rateOf(m.actual, m.adjustedBudget);
    const init = rateOf(m.actual, m.initialBudget);
    const rates = [
      ...stated(ctx, 'execution.rate', project?.id),
      ...stated(ctx, 'project.execution.rate', project?.id),
    ];
    for (const st of rates) {
      const n = parseStated(st.value);
      if (!n) continue;
      const tol = halfUnit(n);
      const near = (r: Decimal | undefined) => r !== undefined && n.value.minus(r).abs().lte(tol);
      if (near(adj)) continue;
      const name = project ? `项目“${project.name}”` : '';
      const values: Record<string, string> = {
        stated: st.value,
        actual: wan((m.actual as Figure).value),
        ...(m.adjustedBudget ? { adjustedBudget: wan(m.adjustedBudget.value) } : {}),
        ...(m.initialBudget ? { initialBudget: wan(m.initialBudget.value) } : {}),
        ...(adj ? { byAdjusted: pct(adj) } : {}),
        ...(init ? { byInitial: pct(init) } : {}),
      };
      const parts = [
        adj ? `÷ 全年预算数 ${wan((m.adjustedBudget as Figure).value)} = ${pct(adj)}` : '',
        init ? `÷ 年初预算数 ${wan((m.initialBudget as Figure).value)} = ${pct(init)}` : '',
      ].filter(Boolean);
      const locs = [statementLocation(st), (m.actual as Figure).loc];
      if (near(init)) {
        out.push(
          finding(rule, {
            severity: 'info',
            ...(project ? { scope: project.id } : {}),
            message: {
              zh:
                `${name}执行率：${wrote(st.where)} ${st.value}，按年初预算数计算（执行数 ` +
                `${wan((m.actual as Figure).value)} ${parts.join('；')}）。`,
              en:
                `${project?.name ?? ''} execution rate ${st.value} is taken against the ` +
                `initial budget.`,
            },
            values,
            locations: locs,
          }),
        );
        continue;
      }
      out.push(
        finding(rule, {
          ...(project ? { scope: project.id } : {}),
          message: {
            zh:
              `${name}执行率：${wrote(st.where)} ${st.value}；执行数 ` +
              `${wan((m.actual as Figure).value)} ${parts.join('，')}${how}，两种口径都不相符。`,
            en: `${project?.name ?? ''} execution rate ${st.value} stated; actual ÷ budget gives ${[
              adj,
              init,
            ]
              .filter((x) => x)
              .map((x) => pct(x as Decimal))
              .join(' or ')}.`,
          },
          values,
          locations: locs,
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DOC-EXECUTION-SCORE: the execution score against the table's own rule 执行率 × 分值.

const EXEC_SCORE: RuleMeta = {
  code: 'DOC-EXECUTION-SCORE',
  severity: 'error',
  family: 'scoring',
  title: {
    zh: '预算执行得分不等于执行率 × 分值',
    en: 'Execution score ≠ execution rate × weight',
  },
  source: `${SRC_10}：预算执行率得分 = 执行率 × 该指标分值（执行率超过 100% 按 100% 计），分值以表中所写为准（10、20 或 100 分）`,
  tolerance: '0.01 分；等于按整数或一位小数取整的结果时记为“提示”',
  example: '分值 10 分，执行率 100%，得分写 9 分（应为 10 分）。',
};

/** A grid row that is the execution row: named for the execution rate. */
const EXECUTION_ROW = /预算执行率|资金执行率|预算执行情况|预算执行/;

function checkOneExecution(
  rule: RuleMeta,
  what: { name: string; scope?: string; indicatorId?: string },
  score: Figure,
  scoreText: string,
  weight: Figure,
  rate: Figure,
  rateHow: string,
): Finding | undefined {
  const expected = Decimal.min(rate.value, 100).div(100).times(weight.value);
  const diff = score.value.minus(expected).abs();
  if (diff.lte(SCORE_TOLERANCE)) return undefined;
  const rounding = isRoundingOf(score.value, expected);
  return finding(rule, {
    severity: rounding ? 'info' : 'error',
    ...(what.scope ? { scope: what.scope } : {}),
    ...(what.indicatorId ? { indicatorId: what.indicatorId } : {}),
    message: {
      zh:
        `${what.name}：得分 ${scoreText}；按表中规则 执行率 ${rateHow} × 分值 ${pts(weight.value)} = ` +
        `${pts(expected)} 分${rounding ? '（所写为取整结果）' : `，相差 ${pts(diff)} 分`}。`,
      en:
        `${what.name}: score ${scoreText}; rate ${rateHow} × weight ${pts(weight.value)} = ` +
        `${pts(expected)}.`,
    },
    values: {
      stated: scoreText,
      weight: pts(weight.value),
      rate: pct(rate.value),
      expected: pts(expected),
    },
    locations: [score.loc, weight.loc, rate.loc],
  });
}

/** The 其中 rows of a department money block that may carry their own 分值 and 得分. */
const SUB_ROW_HEADS = [
  ['expenditure.basic', '基本支出'],
  ['expenditure.projects', '项目支出'],
] as const;

/**
 * A 其中 row of the money block scored on its own ("基本支出 985.19 914.97 分值 10 得分 10"; the
 * reader states its 分值 and 得分 under the row's money head): its score against its own
 * 执行数 ÷ 预算数 × 分值, the same rule as the block's total row (财预〔2020〕10号 附件2: 执行率 ×
 * 分值, capped at 100%). Silent unless the row's 分值, 得分, 执行数 and a 预算数 are all stated.
 */
function subRowExecution(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const [head, label] of SUB_ROW_HEADS) {
    const weight = firstNumber(statementsOf(ctx, 'execution.weight', head));
    const score = firstNumber(statementsOf(ctx, 'execution.score', head));
    if (!weight || !score?.stated) continue;
    const col = (c: 'actual' | 'adjustedBudget' | 'initialBudget') =>
      firstNumber(statementsOf(ctx, headConcept(head, c)));
    const actual = col('actual');
    const base = col('adjustedBudget') ?? col('initialBudget');
    const computed = rateOf(actual, base);
    if (computed === undefined || !actual) continue;
    const f = checkOneExecution(
      rule,
      { name: `预算执行（${label}）` },
      score,
      score.stated.value,
      weight,
      { value: computed, loc: actual.loc },
      `${pct(computed)}（执行数 ÷ 预算数）`,
    );
    if (f) out.push(f);
  }
  return out;
}

/** The money block's 得分 and each execution row of a grid, against 执行率 × 分值. */
export function checkExecutionScore(ctx: AuditContext, rule: RuleMeta): Finding[] {
  // A whole department report is scored under its rule set (SCORE-EXECUTION).
  if (ruleApplies('SCORE-EXECUTION', documentShape(ctx.dossier))) return [];
  const out: Finding[] = [];
  for (const { project, pi } of scopes(ctx)) {
    const m = moneyBlock(ctx, project, pi);
    const computed = rateOf(m.actual, m.adjustedBudget) ?? rateOf(m.actual, m.initialBudget);
    const statedRate = firstNumber([
      ...stated(ctx, 'execution.rate', project?.id),
      ...stated(ctx, 'project.execution.rate', project?.id),
    ]);
    const rate: Figure | undefined =
      statedRate ??
      (computed !== undefined ? { value: computed, loc: (m.actual as Figure).loc } : undefined);
    const rateHow = statedRate
      ? pct(statedRate.value)
      : computed !== undefined
        ? `${pct(computed)}（执行数 ÷ 预算数）`
        : '';
    const name = project ? `项目“${project.name}”预算执行` : '预算执行';
    const weight = firstNumber(stated(ctx, 'execution.weight', project?.id));
    if (rate && weight)
      for (const st of stated(ctx, 'execution.score', project?.id)) {
        const n = parseStated(st.value);
        if (!n) continue;
        const f = checkOneExecution(
          rule,
          { name, ...(project ? { scope: project.id } : {}) },
          { value: n.value, loc: statementLocation(st) },
          st.value,
          weight,
          rate,
          rateHow,
        );
        if (f) out.push(f);
      }
    if (!project) out.push(...subRowExecution(ctx, rule));
    // Execution rows of the grid: the row's own actual rate, else the block's rate.
    const grid = project ? project.indicators : ctx.dossier.indicators;
    const path = project ? `expenditure.projects[${pi}].indicators` : 'indicators';
    grid.forEach((ind, i) => {
      if (!EXECUTION_ROW.test(ind.name) || ind.score === undefined) return;
      const own =
        ind.actual?.value !== undefined && /%|％/.test(ind.actual.unit ?? ind.actual.text)
          ? decimalOf(ind.actual.value)
          : undefined;
      const r: Figure | undefined =
        own !== undefined ? { value: own, loc: { path: `${path}[${i}].actual` } } : rate;
      if (!r) return;
      const f = checkOneExecution(
        rule,
        {
          name: `指标“${ind.name}”`,
          ...(project ? { scope: project.id } : {}),
          indicatorId: ind.id,
        },
        { value: decimalOf(ind.score), loc: { path: `${path}[${i}].score` } },
        ind.score,
        { value: decimalOf(ind.weight), loc: { path: `${path}[${i}].weight` } },
        r,
        own !== undefined ? pct(own) : rateHow,
      );
      if (f) out.push(f);
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DOC-TOTAL-BOUNDS: the stated total against Σ item scores and the weights left unscored.

const TOTAL: RuleMeta = {
  code: 'DOC-TOTAL-BOUNDS',
  severity: 'error',
  family: 'scoring',
  title: {
    zh: '所写总分超出各项得分所能达到的范围',
    en: 'Stated total outside what the item scores allow',
  },
  source: `${SRC_10}：总分为各项指标得分之和，满分 100 分`,
  tolerance: '0.01 分；表中分值合计不足 100 分（可能有未读到的行）时，超出上限记为“警告”',
  example: '表中各项得分合计 84 分，未填得分的“满意度”分值 10 分，最高 94 分，自评得分却写 98 分。',
};

interface GridSums {
  readonly scored: Decimal;
  readonly weights: Decimal;
  readonly unscoredWeights: Decimal;
  readonly rows: number;
  readonly unscored: number;
}
function gridSums(grid: readonly Indicator[]): GridSums {
  let scored = new Decimal(0);
  let weights = new Decimal(0);
  let unscoredWeights = new Decimal(0);
  let unscored = 0;
  for (const ind of grid) {
    weights = weights.plus(decimalOf(ind.weight));
    if (ind.score !== undefined) scored = scored.plus(decimalOf(ind.score));
    else {
      unscoredWeights = unscoredWeights.plus(decimalOf(ind.weight));
      unscored++;
    }
  }
  return { scored, weights, unscoredWeights, rows: grid.length, unscored };
}

/**
 * Lower bound Σ stated scores; upper bound that plus the weights of unscored rows plus, on a
 * partial document, the points of rows the excerpt did not reach (100 − Σ weights).
 */
export function checkTotalBounds(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const shape = documentShape(ctx.dossier);
  const out: Finding[] = [];
  for (const { project, pi } of scopes(ctx)) {
    const grid = project ? project.indicators : ctx.dossier.indicators;
    if (!grid.length) continue;
    const s = gridSums(grid);
    const inGrid = grid.some((i) => EXECUTION_ROW.test(i.name));
    const execScore = inGrid ? undefined : firstNumber(stated(ctx, 'execution.score', project?.id));
    const execWeight = inGrid
      ? undefined
      : firstNumber(stated(ctx, 'execution.weight', project?.id));
    // A whole department grid, all scored, is SCORE-TOTAL-SUM's: do not say it twice.
    if (!project && !shape.partial && s.unscored === 0 && execScore) continue;
    const lower = s.scored.plus(execScore?.value ?? 0);
    let upper = lower.plus(s.unscoredWeights);
    if (!inGrid && !execScore) upper = upper.plus(execWeight?.value ?? 0);
    const weighed = s.weights.plus(inGrid ? 0 : (execWeight?.value ?? 0));
    const unseen = Decimal.max(0, new Decimal(100).minus(weighed));
    // Rows the reading may not have reached: the bound then rests on the table's 100 points.
    const open = (shape.partial || (!inGrid && !execWeight)) && unseen.gt(0);
    if (open) upper = upper.plus(unseen);
    const totals = project
      ? [...statementsOf(ctx, 'score.total', project.id), ...statementsOf(ctx, 'score.total')]
      : statementsOf(ctx, 'score.total');
    for (const st of totals) {
      const n = parseStated(st.value);
      if (!n) continue;
      const above = n.value.minus(upper);
      const below = lower.minus(n.value);
      if (above.lte(SCORE_TOLERANCE) && below.lte(SCORE_TOLERANCE)) continue;
      const name = project ? `项目“${project.name}”` : '';
      const parts = [
        `各项得分合计 ${pts(s.scored)}`,
        execScore ? `预算执行得分 ${pts(execScore.value)}` : '',
        s.unscored ? `未填得分的 ${s.unscored} 项分值 ${pts(s.unscoredWeights)}` : '',
      ]
        .filter(Boolean)
        .join('，');
      out.push(
        finding(rule, {
          // Above a bound that assumes unread rows worth 100 − Σ weights: a warning, not an error.
          ...(above.gt(SCORE_TOLERANCE) && open ? { severity: 'warning' as const } : {}),
          ...(project ? { scope: project.id } : {}),
          message: {
            zh: above.gt(SCORE_TOLERANCE)
              ? `${name}自评得分：${wrote(st.where)} ${st.value} 分；${parts}，最高只能得 ${pts(upper)} 分。`
              : `${name}自评得分：${wrote(st.where)} ${st.value} 分，低于` +
                `${parts.split('，')[0]}${execScore ? ` + 预算执行得分 ${pts(execScore.value)}` : ''} = ` +
                `${pts(lower)} 分。`,
            en:
              `${project?.name ?? ''} total ${st.value} stated; item scores allow ` +
              `${pts(lower)}–${pts(upper)}.`,
          },
          values: {
            stated: st.value,
            scored: pts(s.scored),
            ...(execScore ? { execution: pts(execScore.value) } : {}),
            unscoredWeights: pts(s.unscoredWeights),
            lowest: pts(lower),
            highest: pts(upper),
          },
          locations: [
            statementLocation(st),
            { path: `${project ? `expenditure.projects[${pi}].` : ''}indicators[*].score` },
          ],
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DOC-WEIGHT-TOTAL: a whole project grid's weights add up to 100 with its own execution 分值.

const WEIGHTS: RuleMeta = {
  code: 'DOC-WEIGHT-TOTAL',
  severity: 'error',
  family: 'scoring',
  title: {
    zh: '项目自评表分值合计不等于 100 分',
    en: 'Project table weights do not add up to 100',
  },
  source: `${SRC_10}：各项指标分值合计 100 分（含预算执行率分值）`,
  tolerance: '0.01 分',
  example: '预算执行分值 10 分，指标分值合计 85 分，合计 95 分。',
};
/** Whole project-level tables only: Σ row weights (+ the money block's 分值) = 100. */
export function checkWeightTotal(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const shape = documentShape(ctx.dossier);
  if (shape.partial) return [];
  const out: Finding[] = [];
  // Only a project-level document has project scopes (scopes()).
  for (const { project, pi } of scopes(ctx)) {
    if (!project?.indicators.length) continue;
    const s = gridSums(project.indicators);
    const inGrid = project.indicators.some((i) => EXECUTION_ROW.test(i.name));
    const w = inGrid ? undefined : firstNumber(stated(ctx, 'execution.weight', project.id));
    if (!inGrid && !w) continue;
    const total = s.weights.plus(w?.value ?? 0);
    if (total.minus(100).abs().lte(SCORE_TOLERANCE)) continue;
    out.push(
      finding(rule, {
        scope: project.id,
        message: {
          zh:
            `项目“${project.name}”：指标分值合计 ` +
            `${pts(s.weights)}${w ? ` + 预算执行分值 ${pts(w.value)}` : ''} = ${pts(total)} 分，应为 100 分。`,
          en:
            `Project "${project.name}": weights ` +
            `${pts(s.weights)}${w ? ` + execution ${pts(w.value)}` : ''} = ${pts(total)}, ` +
            `expected 100.`,
        },
        values: {
          weights: pts(s.weights),
          ...(w ? { executionWeight: pts(w.value) } : {}),
          total: pts(total),
        },
        locations: [
          { path: `expenditure.projects[${pi}].indicators[*].weight` },
          ...(w ? [w.loc] : []),
        ],
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DOC-COST-VS-SPENT: a cost indicator's actual against the money spent.

const COST: RuleMeta = {
  code: 'DOC-COST-VS-SPENT',
  severity: 'error',
  family: 'cross',
  title: { zh: '成本指标实际值超过实际支出', en: 'Cost indicator actual exceeds the money spent' },
  source: `${SRC_10}：成本指标反映实际投入的成本，不能超过全年执行数`,
  tolerance: '0.01 万元；等于执行数按所写小数位取整的结果时记为“提示”',
  example: '全年执行数 125.25 万元，成本指标“项目总成本”实际完成值写 150 万元。',
};

/** An actual in money units, as 万元; undefined when it is not an amount. */
function actualWan(ind: Indicator): { value: Decimal; decimals: number; text: string } | undefined {
  const a = ind.actual;
  if (a?.value === undefined) return undefined;
  const unit = (a.unit ?? '').replace(/\s/g, '');
  const v = decimalOf(a.value);
  const decimals = a.value.split('.')[1]?.length ?? 0;
  const text = a.text;
  if (/^万元?$/.test(unit)) return { value: v, decimals, text };
  if (unit === '元') return { value: v.div(10000), decimals: decimals + 4, text };
  if (/^亿元?$/.test(unit))
    return { value: v.times(10000), decimals: Math.max(0, decimals - 4), text };
  return undefined;
}

const isCost = (ind: Indicator) => /成本/.test(ind.level2) || /成本/.test(ind.name);

export function checkCostVsSpent(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const { project, pi } of scopes(ctx)) {
    const spent = moneyBlock(ctx, project, pi).actual;
    if (!spent) continue;
    const grid = project ? project.indicators : ctx.dossier.indicators;
    const path = project ? `expenditure.projects[${pi}].indicators` : 'indicators';
    grid.forEach((ind, i) => {
      if (!isCost(ind)) return;
      const a = actualWan(ind);
      if (!a || a.value.minus(spent.value).lte(AMOUNT_TOLERANCE)) return;
      const rounding = spent.value.toDecimalPlaces(a.decimals, Decimal.ROUND_HALF_UP).eq(a.value);
      out.push(
        finding(rule, {
          severity: rounding ? 'info' : 'error',
          ...(project ? { scope: project.id } : {}),
          indicatorId: ind.id,
          message: {
            zh:
              `成本指标“${ind.name}”：实际完成值 ${a.text}（${wan(a.value)} 万元）` +
              `${rounding ? '是' : '超过'}全年执行数 ${wan(spent.value)} 万元${rounding ? '的取整' : ''}。`,
            en:
              `Cost indicator "${ind.name}": actual ${wan(a.value)} 万元 against ` +
              `${wan(spent.value)} spent.`,
          },
          values: { actual: wan(a.value), spent: wan(spent.value) },
          locations: [{ path: `${path}[${i}].actual` }, spent.loc],
        }),
      );
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DOC-YUAN-WAN: the same figure written in 元 at one place and in 万元 at another.

const YUAN: RuleMeta = {
  code: 'DOC-YUAN-WAN',
  severity: 'warning',
  family: 'cross',
  title: {
    zh: '同一数字一处按元、一处按万元',
    en: 'One figure in 元 at one place, 万元 at another',
  },
  source: '决算报表与自评表金额单位：自评表以万元填列；同一数字在不同位置应一致',
  tolerance: '两数相差 10000 倍（按较小数的小数位取整后相等）',
  example: '正文写全年执行数 362500 元，表中写 36.25 万元，导入后两处相差 10000 倍。',
};
/**
 * Whether `big` ÷ 10 000, rounded half up to the decimals `small` is written with, is `small`
 * (and the two differ; `small` is not zero). In integer 分 when both are exact to the 分 and
 * `small` has at most six decimals (the usual case: no Decimal division per pair, issue 14).
 */
function tenThousandfold(big: StatedNumber, small: StatedNumber): boolean {
  const b = statedFen(big);
  const s = statedFen(small);
  const d = small.decimals;
  if (b === null || s === null || d > 6) {
    if (small.value.isZero()) return false;
    const scaled = big.value.div(10000).toDecimalPlaces(d, Decimal.ROUND_HALF_UP);
    return scaled.eq(small.value) && !big.value.eq(small.value);
  }
  if (s === 0 || b === s) return false;
  // big ÷ 10 000 is b in units of 10^-10 万元; rounded to d decimals it is a count of 10^-d.
  const unit = 10 ** (10 - d);
  const abs = Math.abs(b);
  const rest = abs % unit;
  const units = (abs - rest) / unit + (2 * rest >= unit ? 1 : 0);
  return (b < 0 ? -units : units) === s / 10 ** (6 - d);
}

/** Two statements of one concept whose values differ by a factor of 10 000: a unit slip. */
export function checkYuanWan(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  // The audit's statement index: groups by concept and scope, in order of first statement. A
  // one-statement group pairs a figure only with itself, which the equal-values test skips.
  for (const list of statementGroups(ctx)) {
    if (conceptInfo((list[0] as Statement).concept)?.kind !== 'amount') continue;
    const nums = list
      .map((s) => ({ s, n: parseStated(s.value) }))
      .filter((x): x is { s: Statement; n: NonNullable<typeof x.n> } => x.n !== null);
    for (const big of nums)
      for (const small of nums) {
        if (!tenThousandfold(big.n, small.n)) continue;
        out.push(
          finding(rule, {
            ...(big.s.scope ? { scope: big.s.scope } : {}),
            message: {
              zh:
                `${placeLabel(big.s.where, 'zh', true)}写 ${big.s.value}，` +
                `${placeLabel(small.s.where, 'zh', true)}写 ${small.s.value}：相差 10000 倍，一处应是以元为单位。`,
              en: `${big.s.value} and ${small.s.value} differ by 10 000: one is in 元.`,
            },
            values: { large: big.s.value, small: small.s.value },
            locations: [statementLocation(big.s), statementLocation(small.s)],
          }),
        );
      }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DOC-SPENT-ABOVE-FUNDS: spending stated above every total of funds the document states.

const SPENT: RuleMeta = {
  code: 'DOC-SPENT-ABOVE-FUNDS',
  severity: 'warning',
  family: 'plausibility',
  title: {
    zh: '所写支出超过所写的全部资金',
    en: 'Stated spending above every stated total of funds',
  },
  source: '决算收支平衡：本年支出 ≤ 本年收入 + 上年结转结余；超出部分须说明资金来源',
  tolerance: '0.01 万元',
  example: '正文写预算收入 69.06 万元、支出 76.36 万元，未写其他资金来源或上年结转。',
};
/**
 * Where the document states no budget of its expenditure (PLAUS-OVERSPENT's case), its spending
 * against the largest total of funds it states (年初、调整后或执行数, plus a stated carry-over).
 */
export function checkSpentAboveFunds(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const expBudget = (['initialBudget', 'adjustedBudget'] as const).some(
    (c) => statementsOf(ctx, moneyConcept('expenditure', 'total', c)).length > 0,
  );
  const spent = firstNumber(statementsOf(ctx, 'expenditure.total.actual'));
  if (expBudget || !spent) return [];
  let funds: Figure | undefined;
  for (const c of ['initialBudget', 'adjustedBudget', 'actual'] as const)
    for (const s of statementsOf(ctx, moneyConcept('income', 'total', c))) {
      const n = parseStated(s.value);
      if (n && (!funds || n.value.gt(funds.value)))
        funds = { value: n.value, loc: statementLocation(s), stated: s };
    }
  if (!funds) return [];
  const carry = firstNumber(statementsOf(ctx, 'income.carryover.actual'));
  const available = funds.value.plus(carry?.value ?? 0);
  const excess = spent.value.minus(available);
  if (excess.lte(AMOUNT_TOLERANCE)) return [];
  return [
    finding(rule, {
      message: {
        zh:
          `${wrote(spent.loc)}支出 ${wan(spent.value)} 万元，超过${placeLabel(funds.loc)}所写资金 ` +
          `${wan(funds.value)} 万元${carry ? ` 加上年结转 ${wan(carry.value)} 万元` : ''}，多出 ` +
          `${wan(excess)} 万元，未见其他资金来源。`,
        en:
          `Spending ${wan(spent.value)} exceeds the funds stated (${wan(available)}) by ` +
          `${wan(excess)}.`,
      },
      values: { spent: wan(spent.value), funds: wan(available), excess: wan(excess) },
      locations: [spent.loc, funds.loc, ...(carry ? [carry.loc] : [])],
    }),
  ];
}

export const DOCUMENT_RULES: readonly Rule[] = [
  defineRule(RATE, checkExecutionRate),
  defineRule(EXEC_SCORE, checkExecutionScore),
  defineRule(TOTAL, checkTotalBounds),
  defineRule(WEIGHTS, checkWeightTotal),
  defineRule(COST, checkCostVsSpent),
  defineRule(YUAN, checkYuanWan),
  defineRule(SPENT, checkSpentAboveFunds),
  defineRule(MISSING, checkMissing),
  defineRule(PARTIAL, checkPartial),
];
