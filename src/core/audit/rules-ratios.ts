/**
 * Recomputed ratios and derived amounts (domain.md §3, §5 "Ratios"): every stated rate, share,
 * growth or decrease equals the one recomputed from the dossier, compared at the precision it was
 * stated with (84.8% is compared with the recomputed share rounded half up to one decimal).
 */
import type { ConceptKey } from '../concepts/index.ts';
import type { Derived, ExecutionBase } from '../derive.ts';
import { percentOf, roundPercent, subWan, Decimal, decimalOf, type Percent } from '../money.ts';
import { budgetOf, fundsColumns } from '../derive.ts';
import {
  AMOUNT_TOLERANCE,
  defineRule,
  initialBudgetTotal,
  rulesetOf,
  finding,
  parseStated,
  placeLabel,
  statementLocation,
  statementsOf,
  wan,
  wrote,
  fundsLocation,
  conceptLocation,
} from './support.ts';
import type { AuditContext, Finding, Rule, RuleMeta } from './types.ts';

/** "（按所写精度为 84.8%）" when the report wrote fewer than two decimals, else nothing. */
const atStatedPrecision = (percent: Decimal, decimals: number): string =>
  decimals < 2 ? `（按所写精度为 ${pctText(percent, decimals)}）` : '';

const SOURCE_FORMULAS = 'domain.md §3 推算公式（财预〔2013〕53号 共性指标体系框架中的计算口径）';

interface PercentSpec {
  readonly code: string;
  readonly concept: ConceptKey;
  readonly zh: string;
  readonly en: string;
  readonly formula: string;
  readonly pick: (d: Derived) => Percent;
  /** The figures the rate is computed from (located by JSON path, or by concept for a sum). */
  readonly sources: readonly ConceptKey[];
  readonly example: string;
}

function pctText(p: Decimal, decimals: number): string {
  return `${roundPercent(p, decimals).toFixed(decimals)}%`;
}

/**
 * Compare each statement of a percent concept with the recomputed value at the stated precision.
 */
function checkPercent(ctx: AuditContext, rule: RuleMeta, spec: PercentSpec): Finding[] {
  const p = spec.pick(ctx.derived);
  if (!p.ok) return [];
  const out: Finding[] = [];
  for (const st of statementsOf(ctx, spec.concept)) {
    const n = parseStated(st.value);
    if (!n) continue;
    const recomputed = roundPercent(p.percent, n.decimals);
    // Growth and decrease words carry the sign ("降低 0.5%"): compare magnitudes.
    if (recomputed.abs().eq(n.value.abs())) continue;
    out.push(
      finding(rule, {
        message: {
          zh:
            `${spec.zh}：${wrote(st.where)} ${st.value}；按 ${spec.formula} 重新计算为 ` +
            `${pctText(p.percent, Math.max(n.decimals, 2))}` +
            `${atStatedPrecision(p.percent, n.decimals)}。`,
          en:
            `${spec.en}: ${placeLabel(st.where, 'en')} says ${st.value}; recomputed ` +
            `${pctText(p.percent, Math.max(n.decimals, 2))}.`,
        },
        values: { stated: st.value, recomputed: pctText(p.percent, Math.max(n.decimals, 2)) },
        locations: [statementLocation(st), ...spec.sources.map((key) => conceptLocation(ctx, key))],
      }),
    );
  }
  return out;
}

const PERCENT_SPECS: PercentSpec[] = [
  {
    code: 'RATIO-PERSONNEL-SHARE',
    concept: 'expenditure.personnel.share',
    zh: '人员经费占基本支出比例',
    en: 'Personnel share of basic expenditure',
    formula: '人员经费 ÷ 基本支出',
    pick: (d) => d.personnelShare,
    sources: ['expenditure.personnel.actual', 'expenditure.publicFunds.actual'],
    example: '人员经费 343.36 ÷ 基本支出 404.93 = 84.79%，报告写 85.8% 则报错。',
  },
  {
    code: 'RATIO-PUBLIC-SHARE',
    concept: 'expenditure.publicFunds.share',
    zh: '公用经费占基本支出比例',
    en: 'Public funds share of basic expenditure',
    formula: '公用经费 ÷ 基本支出',
    pick: (d) => d.publicFundsShare,
    sources: ['expenditure.personnel.actual', 'expenditure.publicFunds.actual'],
    example: '公用经费 61.57 ÷ 404.93 = 15.21%，写 15.2% 按一位小数比较为一致。',
  },
  {
    code: 'RATIO-BUDGET-GROWTH',
    concept: 'budget.growth.rate',
    zh: '年初预算比上年增长率',
    en: 'Initial budget growth rate',
    formula: '(本年年初预算 − 上年年初预算) ÷ 上年年初预算',
    pick: (d) => d.budgetGrowthRate,
    sources: ['income.total.initialBudget', 'income.total.priorInitialBudget'],
    example: '年初预算 544.84，上年 424.86，增长 28.24%（通过）。',
  },
  {
    code: 'RATIO-THREE-PUBLIC-CHANGE',
    concept: 'threePublic.change.rate',
    zh: '“三公”经费变动率',
    en: 'Three-public change rate',
    formula: '(本年决算 − 上年决算) ÷ 上年决算',
    pick: (d) => d.threePublicChangeRate,
    sources: ['threePublic.total.actual', 'threePublic.total.priorActual'],
    example: '“三公”经费本年 3.81、上年 3.85，变动率 −1.04%，写 −10% 则报错。',
  },
  {
    code: 'RATIO-THREE-PUBLIC-CONTROL',
    concept: 'threePublic.control.rate',
    zh: '“三公”经费控制率',
    en: 'Three-public control rate',
    formula: '“三公”经费决算 ÷ 预算',
    pick: (d) => d.threePublicControlRate,
    sources: ['threePublic.total.actual', 'threePublic.total.initialBudget'],
    example: '决算 3.81 ÷ 预算 7 = 54.43%。',
  },
  {
    code: 'RATIO-PUBLIC-FUNDS-CONTROL',
    concept: 'controls.publicFunds.rate',
    zh: '公用经费控制率',
    en: 'Public funds control rate',
    formula: '公用经费决算 ÷ 预算',
    pick: (d) => d.publicFundsControlRate,
    sources: ['expenditure.publicFunds.actual', 'expenditure.publicFunds.initialBudget'],
    example: '公用经费决算 61.57 ÷ 预算 84.33 = 73.01%。',
  },
  {
    code: 'RATIO-PROCUREMENT',
    concept: 'controls.procurement.rate',
    zh: '政府采购执行率',
    en: 'Procurement execution rate',
    formula: '实际采购 ÷ 采购预算',
    pick: (d) => d.procurementRate,
    sources: ['controls.procurement.actual', 'controls.procurement.initialBudget'],
    example: '采购预算 20、实际 18，执行率 90.00%。',
  },
  {
    code: 'RATIO-STAFF-CONTROL',
    concept: 'staffing.controlRate',
    zh: '财政供养人员控制率',
    en: 'Staffing control rate',
    formula: '实际在职人数 ÷ 编制数',
    pick: (d) => d.staffingControlRate,
    sources: ['staffing.actual', 'staffing.authorized'],
    example: '在职 22 ÷ 编制 22 = 100%（通过）。',
  },
  {
    code: 'RATIO-ASSET-GROWTH',
    concept: 'assets.growth.rate',
    zh: '资产增长率',
    en: 'Asset growth rate',
    formula: '(年末资产 − 上年末资产) ÷ 上年末资产',
    pick: (d) => d.assetGrowthRate,
    sources: ['assets.yearEnd', 'assets.previousYearEnd'],
    example: '年末 66.13、上年末 35.57，增长 85.92%（通过）。',
  },
];

interface AmountSpec {
  readonly code: string;
  readonly concept: ConceptKey;
  readonly zh: string;
  readonly en: string;
  readonly formula: string;
  readonly pick: (d: Derived, ctx: AuditContext) => string | undefined;
  readonly example: string;
}

const AMOUNT_SPECS: AmountSpec[] = [
  {
    code: 'RATIO-DECREASE',
    concept: 'budget.decrease',
    zh: '比年初预算减少支出',
    en: 'Decrease against initial budget',
    formula: '年初预算数 − 执行数',
    pick: (d) => d.decreaseAgainstInitial,
    example: '年初预算 544.84 − 决算 507.13 = 37.71（通过）；写 37.06 则报错。',
  },
  {
    code: 'RATIO-BASIC-DECREASE',
    concept: 'expenditure.basic.decrease',
    zh: '基本支出比年初预算减少',
    en: 'Basic expenditure decrease against initial budget',
    formula: '基本支出年初预算数 − 基本支出决算数',
    pick: (d) =>
      d.basic.initialBudget !== undefined && d.basic.actual !== undefined
        ? subWan(d.basic.initialBudget, d.basic.actual)
        : undefined,
    example:
      '二（一）基本支出预算 441.98 − 实际 404.92 = 37.06；按人员 + 公用 404.93 计为 37.05（提示）。',
  },
  {
    code: 'RATIO-BUDGET-GROWTH-AMOUNT',
    concept: 'budget.growth.amount',
    zh: '年初预算比上年增加额',
    en: 'Initial budget growth amount',
    formula: '本年年初预算 − 上年年初预算',
    pick: (d) => d.budgetGrowthAmount,
    example: '544.84 − 424.86 = 119.98（通过）。',
  },
  {
    code: 'RATIO-THREE-PUBLIC-BUDGET-CHANGE',
    concept: 'threePublic.budget.change',
    zh: '“三公”经费预算比上年增减',
    en: 'Three-public budget change',
    formula: '本年“三公”预算 − 上年“三公”预算',
    pick: (d) => d.threePublicBudgetChange,
    example: '预算 7，上年 7.5，较上年降低 0.5（通过）。',
  },
  {
    code: 'RATIO-ASSET-GROWTH-AMOUNT',
    concept: 'assets.growth.amount',
    zh: '资产比上年增加额',
    en: 'Asset growth amount',
    formula: '年末资产 − 上年末资产',
    pick: (d) => d.assetGrowthAmount,
    example: '66.13 − 35.57 = 30.56（通过）。',
  },
];

/**
 * How far a stated a − b may be from the recomputed one and still be a rounding slip, 万元: each
 * of the two amounts may be off by the last digit written (AMOUNT_TOLERANCE).
 */
const DIFFERENCE_TOLERANCE = AMOUNT_TOLERANCE.times(2);

/**
 * Stated amounts derived by subtraction; sign words ("减少", "降低") carry the direction, so
 * magnitudes are compared.
 */
function checkAmount(ctx: AuditContext, rule: RuleMeta, spec: AmountSpec): Finding[] {
  const v = spec.pick(ctx.derived, ctx);
  if (v === undefined) return [];
  const recomputed = decimalOf(v);
  const out: Finding[] = [];
  for (const st of statementsOf(ctx, spec.concept)) {
    const n = parseStated(st.value);
    if (!n || n.value.abs().eq(recomputed.abs())) continue;
    const diff = n.value.abs().minus(recomputed.abs()).abs();
    out.push(
      finding(rule, {
        severity: diff.lte(DIFFERENCE_TOLERANCE) ? 'info' : 'error',
        message: {
          zh:
            `${spec.zh}：${wrote(st.where)} ${st.value} 万元；按 ${spec.formula} 计算为 ` +
            `${wan(recomputed.abs())} 万元。`,
          en:
            `${spec.en}: ${placeLabel(st.where, 'en')} says ${st.value}; ` +
            `${wan(recomputed.abs())} recomputed.`,
        },
        values: { stated: st.value, recomputed: wan(recomputed.abs()), difference: wan(diff) },
        locations: [statementLocation(st)],
      }),
    );
  }
  return out;
}

const EXEC: RuleMeta = {
  code: 'RATIO-EXECUTION-RATE',
  severity: 'error',
  family: 'ratio',
  title: {
    zh: '所写预算执行率与重新计算不符',
    en: 'Stated execution rate differs from the recomputed one',
  },
  source:
    'domain.md §3 预算执行率 = 全年执行数 ÷ 全年预算数（变体：÷ 年初预算数）；财预〔2020〕10号',
  tolerance: '按所写精度比较；与另一口径（年初/调整后）一致时记为提示',
  example: '附件2 写执行率 100%；507.13 ÷ 年初预算 544.84 = 93.08%，六 1 亦写 93.08%。',
};

/**
 * 预算执行率 vs the rate recomputed against the rule set's base (and, for information, the other base).
 */
export function checkExecutionRate(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const funds = fundsColumns(ctx.derived);
  const base: ExecutionBase = rulesetOf(ctx).execution.denominator;
  const other: ExecutionBase = base === 'adjustedBudget' ? 'initialBudget' : 'adjustedBudget';
  const mainBudget = budgetOf(funds, base);
  // The other base only when it is itself filled (budgetOf would fall back to the main one).
  const otherBudget =
    other === 'initialBudget'
      ? (funds.initialBudget ?? initialBudgetTotal(ctx)?.value)
      : funds.adjustedBudget;
  const main = percentOf(funds.actual, mainBudget);
  const alt = percentOf(funds.actual, otherBudget);
  if (!main.ok) return [];
  const label = (b: ExecutionBase) =>
    b === 'adjustedBudget' ? '全年（调整后）预算数' : '年初预算数';
  const out: Finding[] = [];
  for (const st of statementsOf(ctx, 'execution.rate')) {
    const n = parseStated(st.value);
    if (!n) continue;
    if (roundPercent(main.percent, n.decimals).eq(n.value)) continue;
    const matchesOther = alt.ok && roundPercent(alt.percent, n.decimals).eq(n.value);
    out.push(
      finding(rule, {
        severity: matchesOther ? 'info' : 'error',
        message: {
          zh:
            `预算执行率：${wrote(st.where)} ${st.value}；执行数 ${wan(funds.actual ?? '0')} ÷ ` +
            `${label(base)} ${wan(mainBudget ?? '0')} = ` +
            `${pctText(main.percent, 2)}` +
            `${alt.ok ? `，÷ ${label(other)} ${wan(otherBudget ?? '0')} = ` : ''}` +
            `${alt.ok ? pctText(alt.percent, 2) : ''}` +
            `${matchesOther ? `（所写数按${label(other)}计算，规则集口径为${label(base)}）` : ''}。`,
          en:
            `Execution rate: ${placeLabel(st.where, 'en')} says ${st.value}; actual ` +
            `${wan(funds.actual ?? '0')} ÷ ${base} ${wan(mainBudget ?? '0')} = ` +
            `${pctText(main.percent, 2)}` +
            `${alt.ok ? `; ÷ ${other} = ${pctText(alt.percent, 2)}` : ''}.`,
        },
        values: {
          stated: st.value,
          recomputed: pctText(main.percent, 2),
          ...(alt.ok ? { recomputedOtherBase: pctText(alt.percent, 2) } : {}),
          actual: wan(funds.actual ?? '0'),
          budget: wan(mainBudget ?? '0'),
        },
        locations: [statementLocation(st), fundsLocation(ctx, base), fundsLocation(ctx, 'actual')],
      }),
    );
  }
  return out;
}

const PRECISION: RuleMeta = {
  code: 'RATIO-PRECISION',
  severity: 'warning',
  family: 'ratio',
  title: { zh: '百分比未保留两位小数', en: 'Percentage not given to two decimals' },
  source: 'domain.md §6：百分比保留两位小数，四舍五入',
  example: '二（一）写人员经费占比 84.8%；两位小数为 84.79%。',
};

/**
 * A percentage stated with fewer than two decimals whose two-decimal value differs (domain.md §6).
 */
export function checkPercentPrecision(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const spec of PERCENT_SPECS) {
    const p = spec.pick(ctx.derived);
    if (!p.ok) continue;
    for (const st of statementsOf(ctx, spec.concept)) {
      const n = parseStated(st.value);
      if (!n || n.decimals > 1) continue;
      const atStated = roundPercent(p.percent, n.decimals);
      const two = roundPercent(p.percent, 2);
      // Only when the stated value is right at its own precision (otherwise the ratio rule reports
      // it).
      if (!atStated.abs().eq(n.value.abs()) || two.abs().eq(n.value.abs())) continue;
      out.push(
        finding(rule, {
          message: {
            zh:
              `${spec.zh}：${wrote(st.where)} ${st.value}（${n.decimals} 位小数）；按两位小数应为 ` +
              `${pctText(p.percent, 2)}。`,
            en:
              `${spec.en}: ${placeLabel(st.where, 'en')} says ${st.value} (${n.decimals} ` +
              `decimals); to two decimals it is ${pctText(p.percent, 2)}.`,
          },
          values: { stated: st.value, twoDecimals: pctText(p.percent, 2) },
          locations: [statementLocation(st)],
        }),
      );
    }
  }
  return out;
}

const percentRules: Rule[] = PERCENT_SPECS.map((spec) =>
  defineRule(
    {
      code: spec.code,
      severity: 'error',
      family: 'ratio',
      title: {
        zh: `所写${spec.zh}与重新计算不符`,
        en: `Stated ${spec.en.toLowerCase()} differs from the recomputed one`,
      },
      source: `${SOURCE_FORMULAS}：${spec.zh} = ${spec.formula}`,
      tolerance: '按所写精度（小数位数）四舍五入后比较',
      example: spec.example,
    },
    (ctx, rule) => checkPercent(ctx, rule, spec),
  ),
);

const amountRules: Rule[] = AMOUNT_SPECS.map((spec) =>
  defineRule(
    {
      code: spec.code,
      severity: 'error',
      family: 'ratio',
      title: {
        zh: `所写${spec.zh}与重新计算不符`,
        en: `Stated ${spec.en.toLowerCase()} differs from the recomputed one`,
      },
      source: `${SOURCE_FORMULAS}：${spec.zh} = ${spec.formula}`,
      tolerance: `精确比较；差 ${DIFFERENCE_TOLERANCE.toFixed()} 万元以内记为提示`,
      example: spec.example,
    },
    (ctx, rule) => checkAmount(ctx, rule, spec),
  ),
);

export const RATIO_RULES: Rule[] = [
  defineRule(EXEC, checkExecutionRate),
  ...percentRules,
  ...amountRules,
  defineRule(PRECISION, checkPercentPrecision),
];
