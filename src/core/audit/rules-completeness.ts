/**
 * Completeness (domain.md §5 "Completeness"): deviation reasons where points are lost or a target
 * is missed, quantitative targets with an operator and a unit, measurable actuals, the annual goal.
 */
import { decimalOf } from '../money.ts';
import { formatTarget, type Target } from '../dossier/indicator-values.ts';
import { normUnit, targetMet } from './met.ts';
import { allIndicators, defineRule, engineScore, finding } from './support.ts';
import type { AuditContext, Finding, RuleMeta } from './types.ts';

/** "得分 6，低于分值 10" or "实际 80% 未达目标 ≥90%": how an indicator fell short. */
function shortfallZh(
  ind: {
    score?: unknown;
    weight: unknown;
    actual?: { text?: string } | undefined;
    target?: Parameters<typeof formatTarget>[0];
  },
  lost: boolean,
): string {
  return lost
    ? `得分 ${String(ind.score)}，低于分值 ${String(ind.weight)}`
    : `实际 ${ind.actual?.text ?? ''} 未达目标 ${formatTarget(ind.target)}`;
}

/** The unit a numeric target is measured in ("%", "万元"); none for a phrase or a blank target. */
const targetUnit = (t: Target | undefined): string | undefined =>
  t === undefined || t.kind === 'text' ? undefined : t.unit;

/** Which parts of the annual goal are empty, in English. */
function goalPartsEn(missing: readonly string[]): string {
  if (missing.length === 2) return 'expected and achieved are';
  return missing[0] === '预期目标' ? 'expected is' : 'achieved is';
}

const SRC_21 =
  '财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引》：定量指标应明确计量单位与比较关系';

const DEVIATION: RuleMeta = {
  code: 'COMPL-DEVIATION-REASON',
  severity: 'warning',
  family: 'completeness',
  title: {
    zh: '扣分或未达目标却未写偏差原因',
    en: 'Points lost or target missed without a deviation reason',
  },
  source: '部门整体支出绩效自评表“偏差原因分析及改进措施”栏；财预〔2020〕10号',
  example: '“社会公众满意度”分值 3、得分 2，偏差原因栏为空。',
};
export function checkDeviationReason(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const { ind, path, scope } of allIndicators(ctx)) {
    if (ind.deviation?.trim() || ind.notApplicable) continue;
    const lost = ind.score !== undefined && decimalOf(ind.score).lt(decimalOf(ind.weight));
    const eng = engineScore(ctx, ind.id, scope);
    const missed = (eng ? eng.met : targetMet(ind.target, ind.actual)) === false;
    if (!lost && !missed) continue;
    out.push(
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh: `指标“${ind.name}”：${shortfallZh(ind, lost)}，未写偏差原因及改进措施。`,
          en:
            `Indicator "${ind.name}": ` +
            `${lost ? `score ${ind.score ?? ''} below weight ${ind.weight}` : 'target missed'}, ` +
            `no deviation reason.`,
        },
        values: {
          weight: ind.weight,
          ...(ind.score !== undefined ? { score: ind.score } : {}),
          target: formatTarget(ind.target),
          actual: ind.actual?.text ?? '',
        },
        locations: [{ path: `${path}.deviation` }],
      }),
    );
  }
  return out;
}

const OPERATOR: RuleMeta = {
  code: 'COMPL-TARGET-OPERATOR',
  severity: 'warning',
  family: 'completeness',
  title: { zh: '定量目标缺少比较符号', en: 'Quantitative target without an operator' },
  source: SRC_21,
  example: '“新增各项贷款”目标写“220 亿”，未写 ≥ 或 ≤，无法判断完成方向。',
};
export function checkTargetOperator(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return allIndicators(ctx)
    .filter(({ ind }) => ind.target?.kind === 'number' && ind.target.op === undefined)
    .map(({ ind, path, scope }) =>
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh: `指标“${ind.name}”：目标“${formatTarget(ind.target)}”没有比较符号（≥、≤、＝ 等），按“越大越好”理解需人工确认。`,
          en: `Indicator "${ind.name}": target "${formatTarget(ind.target)}" has no operator.`,
        },
        values: { target: formatTarget(ind.target) },
        locations: [{ path: `${path}.target` }],
      }),
    );
}

const UNIT: RuleMeta = {
  code: 'COMPL-TARGET-UNIT',
  severity: 'warning',
  family: 'completeness',
  title: { zh: '定量目标缺少计量单位', en: 'Quantitative target without a unit' },
  source: SRC_21,
  example: '“培训人次”目标写“≥500”，未写单位（人次）。',
};
export function checkTargetUnit(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return allIndicators(ctx)
    .filter(
      ({ ind }) =>
        (ind.target?.kind === 'number' || ind.target?.kind === 'range') && !ind.target.unit,
    )
    .map(({ ind, path, scope }) =>
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh: `指标“${ind.name}”：目标“${formatTarget(ind.target)}”没有计量单位。`,
          en: `Indicator "${ind.name}": target "${formatTarget(ind.target)}" has no unit.`,
        },
        values: { target: formatTarget(ind.target) },
        locations: [{ path: `${path}.target` }],
      }),
    );
}

const MEASURABLE: RuleMeta = {
  code: 'COMPL-ACTUAL-NOT-MEASURABLE',
  severity: 'error',
  family: 'completeness',
  title: { zh: '定量目标的实际完成值不是数值', en: 'Quantitative target answered with words' },
  source: `${SRC_21}；财预〔2020〕10号：实际完成值应与目标值口径一致、可衡量`,
  example: '“主管考核部门满意度”目标 ≥95%，实际完成写“均完成”。',
};
export function checkActualMeasurable(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return allIndicators(ctx)
    .filter(
      ({ ind }) =>
        ind.target !== undefined &&
        ind.target.kind !== 'text' &&
        ind.actual &&
        ind.actual.value === undefined &&
        !ind.notApplicable,
    )
    .map(({ ind, path, scope }) =>
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh:
            `指标“${ind.name}”：目标 ${formatTarget(ind.target)} 是数值，实际完成却写` +
            `“${ind.actual?.text ?? ''}”，无法判断是否达标，也无法按规则计分。`,
          en:
            `Indicator "${ind.name}": numeric target ${formatTarget(ind.target)} answered ` +
            `"${ind.actual?.text ?? ''}".`,
        },
        values: { target: formatTarget(ind.target), actual: ind.actual?.text ?? '' },
        locations: [{ path: `${path}.actual` }],
      }),
    );
}

const MISSING: RuleMeta = {
  code: 'COMPL-ACTUAL-MISSING',
  severity: 'warning',
  family: 'completeness',
  title: { zh: '未填实际完成值', en: 'Actual not filled' },
  source: '部门整体支出绩效自评表“实际完成值”栏',
  example: '“按时完成率”实际完成值为空。',
};
export function checkActualMissing(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return allIndicators(ctx)
    .filter(({ ind }) => (!ind.actual || !ind.actual.text.trim()) && !ind.notApplicable)
    .map(({ ind, path, scope }) =>
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh: `指标“${ind.name}”：未填实际完成值。`,
          en: `Indicator "${ind.name}": actual not filled.`,
        },
        values: { target: formatTarget(ind.target) },
        locations: [{ path: `${path}.actual` }],
      }),
    );
}

const UNIT_MISMATCH: RuleMeta = {
  code: 'COMPL-UNIT-MISMATCH',
  severity: 'warning',
  family: 'completeness',
  title: { zh: '实际完成值与目标的单位不一致', en: 'Actual and target in different units' },
  source: SRC_21,
  example: '目标“≥300 万元”，实际写“3 亿元”。',
};
export function checkUnitMismatch(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return allIndicators(ctx)
    .filter(
      ({ ind }) =>
        targetUnit(ind.target) !== undefined &&
        ind.actual?.value !== undefined &&
        ind.actual.unit &&
        normUnit(targetUnit(ind.target)) !== normUnit(ind.actual.unit),
    )
    .map(({ ind, path, scope }) =>
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh:
            `指标“${ind.name}”：目标单位“${targetUnit(ind.target) ?? ''}”，实际完成单位` +
            `“${ind.actual?.unit ?? ''}”。`,
          en: `Indicator "${ind.name}": target unit differs from actual unit.`,
        },
        values: { target: formatTarget(ind.target), actual: ind.actual?.text ?? '' },
        locations: [{ path: `${path}.actual` }],
      }),
    );
}

const GOAL: RuleMeta = {
  code: 'COMPL-GOAL-MISSING',
  severity: 'warning',
  family: 'completeness',
  title: { zh: '年度总体目标未填写', en: 'Annual goal not filled' },
  source: '部门整体支出绩效自评表“年度总体目标：预期目标 / 实际完成情况”栏',
  example: '“实际完成情况”栏为空。',
};
export function checkGoal(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const g = ctx.dossier.goal;
  const missing = [
    !g.expected.trim() ? '预期目标' : '',
    !g.achieved.trim() ? '实际完成情况' : '',
  ].filter(Boolean);
  if (!missing.length) return [];
  return [
    finding(rule, {
      message: {
        zh: `年度总体目标：${missing.join('、')}未填写。`,
        en: `Annual goal: ${goalPartsEn(missing)} empty.`,
      },
      values: { missing: missing.join('、') },
      locations: [{ path: 'goal' }],
    }),
  ];
}

const MEASURES: RuleMeta = {
  code: 'COMPL-MEASURES-MISSING',
  severity: 'warning',
  family: 'completeness',
  title: { zh: '列出问题却无改进措施', en: 'Problems listed without measures' },
  source: '部门整体支出绩效自评报告提纲：“存在的问题及原因分析”“下一步改进措施”',
  example: '“存在的问题”写了预算执行未到位，“下一步改进措施”为空。',
};
export function checkMeasures(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const n = ctx.dossier.narrative;
  if (!n.problems?.trim() || /^(无|暂无|没有)[。.]?$/.test(n.problems.trim()) || n.measures?.trim())
    return [];
  return [
    finding(rule, {
      message: {
        zh: '报告列出了存在的问题，但“下一步改进措施”为空。',
        en: 'Problems are listed but measures are empty.',
      },
      values: {},
      locations: [{ path: 'narrative.measures' }],
    }),
  ];
}

const FILING: RuleMeta = {
  code: 'COMPL-FILING-MISSING',
  severity: 'info',
  family: 'completeness',
  title: { zh: '未填填表人或填报日期', en: 'Preparer or filing date missing' },
  source: '部门整体支出绩效评价基础数据表（附件1）表尾：填表人、填报日期',
  example: '附件1 表尾未写填报日期。',
};
export function checkFiling(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const f = ctx.dossier.filing;
  const missing = [!f.preparer ? '填表人' : '', !f.date ? '填报日期' : ''].filter(Boolean);
  if (!missing.length) return [];
  return [
    finding(rule, {
      message: {
        zh: `未填${missing.join('、')}。`,
        en:
          `Missing: ` +
          `${missing.map((m) => (m === '填表人' ? 'preparer' : 'filing date')).join(', ')}.`,
      },
      values: { missing: missing.join('、') },
      locations: [{ path: 'filing' }],
    }),
  ];
}

export const COMPLETENESS_RULES = [
  defineRule(DEVIATION, checkDeviationReason),
  defineRule(OPERATOR, checkTargetOperator),
  defineRule(UNIT, checkTargetUnit),
  defineRule(MEASURABLE, checkActualMeasurable),
  defineRule(MISSING, checkActualMissing),
  defineRule(UNIT_MISMATCH, checkUnitMismatch),
  defineRule(GOAL, checkGoal),
  defineRule(MEASURES, checkMeasures),
  defineRule(FILING, checkFiling),
];
