/**
 * Cross-statement consistency (domain.md §5 "Cross-table"): the narrative, 附件1 and 附件2 state
 * the same figure for the same thing, and what they state agrees with the dossier's data.
 */
import {
  conceptInfo,
  conceptKind,
  conceptPath,
  conceptValue,
  projectById,
  type ConceptKey,
  type ConceptKind,
} from '../concepts/index.ts';
import type { Statement } from '../dossier/schema.ts';
import { Decimal, decimalOf, wanToFen } from '../money.ts';
import {
  conceptLabel,
  defineRule,
  finding,
  placeLabel,
  saidAt,
  sameStated,
  statedFen,
  statedNumber,
  statementGroups,
  statementLocation,
  wan,
  AMOUNT_TOLERANCE,
  AMOUNT_TOLERANCE_FEN,
} from './support.ts';
import type { AuditContext, AuditLocation, Finding, RuleMeta, Text2 } from './types.ts';

/** The dossier's own value for a stated concept, and where it is. */
export interface DataValue {
  readonly value: string;
  /** A real JSON path for a stored figure; the concept itself for a sum of stored parts. */
  readonly location: AuditLocation;
  /** The same place in words for the message: the JSON path, or "分项合计". */
  readonly where: Text2;
}

/**
 * The dossier's value for a concept (a structured field, or a sum of them), read through the
 * concept registry. Only amounts and counts that the dossier stores or sums are compared here;
 * rates, changes and scores are recomputed and checked by the ratio and scoring rules.
 */
export function dataValueOf(
  ctx: AuditContext,
  concept: ConceptKey,
  scope?: string,
): DataValue | undefined {
  const value = dataText(ctx, concept, scope);
  if (value === undefined) return undefined;
  const path = conceptPath(concept, ctx.dossier, scope);
  return path !== undefined
    ? { value, location: { path }, where: { zh: path, en: path } }
    : { value, location: { concept }, where: { zh: '分项合计', en: 'sum of its parts' } };
}

/** dataValueOf's value alone (nothing located): most stated figures agree with it. */
function dataText(ctx: AuditContext, concept: ConceptKey, scope?: string): string | undefined {
  const info = conceptInfo(concept);
  if (!info || (info.kind !== 'amount' && info.kind !== 'count')) return undefined;
  if (info.origin !== 'stored' && info.origin !== 'sum') return undefined;
  if ((info.scope !== undefined) !== (scope !== undefined)) return undefined;
  return conceptValue(concept, ctx.dossier, ctx.derived, scope);
}

/** Values agree when equal, or (rates) equal at the coarser of the two precisions. */
function sameValue(a: Statement, b: Statement, kind: ConceptKind): boolean {
  const x = statedNumber(a);
  const y = statedNumber(b);
  if (!x || !y) return a.value.replace(/\s/g, '') === b.value.replace(/\s/g, '');
  // In 分 when both are exact to the 分 (the usual case): no Decimal comparison (issue 14).
  if (sameStated(x, y)) return true;
  if (kind === 'rate') {
    const dp = Math.min(x.decimals, y.decimals);
    return x.value
      .toDecimalPlaces(dp, Decimal.ROUND_HALF_UP)
      .eq(y.value.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP));
  }
  return false;
}

/** The unit written after a figure of this kind in messages. */
const UNIT_OF: Record<ConceptKind, string> = {
  amount: '万元',
  score: '分',
  rate: '',
  count: '',
  grade: '',
  text: '',
};

/** A data value as shown: amounts with two decimals, counts as they are. */
const shown = (kind: ConceptKind, value: string | Decimal): string =>
  kind === 'amount' ? wan(value) : typeof value === 'string' ? value : value.toFixed();

/** "档案数据为 393.79 万元（分项合计）" / "the dossier has 393.79 (sum of its parts)". */
function dossierSays(kind: ConceptKind, data: DataValue): Text2 {
  const unit = UNIT_OF[kind];
  return {
    zh: `档案数据为 ${shown(kind, data.value)}${unit ? ` ${unit}` : ''}（${data.where.zh}）`,
    en: `the dossier has ${data.value} (${data.where.en})`,
  };
}

const DIFFER: RuleMeta = {
  code: 'CROSS-STATEMENTS-DIFFER',
  severity: 'error',
  family: 'cross',
  title: {
    zh: '同一数字在报告不同位置写法不一',
    en: 'The same figure is stated with different values',
  },
  source: '财预〔2020〕10号 第二十六条（自评结果应真实、准确）；决算公开“表述一致”要求',
  tolerance: '金额相差不超过 0.01 万元记为提示；百分比按较粗的精度比较',
  example: '基本支出决算数：二（一）写 404.92 万元，六 1 写 404.93 万元，附件1 写 459.17 万元。',
};

/** The concept's label with the project's name (or the scope as written) after it. */
function scopedLabel(ctx: AuditContext, concept: ConceptKey, scope: string | undefined): Text2 {
  if (scope === undefined) return { zh: conceptLabel(concept), en: conceptLabel(concept, 'en') };
  const name = projectById(ctx.dossier, scope)?.name ?? scope;
  return {
    zh: `${conceptLabel(concept)}（${name}）`,
    en: `${conceptLabel(concept, 'en')} (${scope})`,
  };
}

/** Amounts that differ by at most 0.01 万元 are a rounding note; anything else is an error. */
function differSeverity(kind: ConceptKind, distinct: readonly Statement[]): 'info' | 'error' {
  if (kind !== 'amount') return 'error';
  const values: Decimal[] = [];
  // The spread in 分 when every amount is exact to the 分 (the usual case), else in Decimals.
  let inFen = true;
  let least = Infinity;
  let most = -Infinity;
  for (const s of distinct) {
    const n = statedNumber(s);
    if (!n) return 'error';
    values.push(n.value);
    const f = statedFen(n);
    if (f === null) inFen = false;
    else {
      least = Math.min(least, f);
      most = Math.max(most, f);
    }
  }
  if (inFen) return most - least <= AMOUNT_TOLERANCE_FEN ? 'info' : 'error';
  return Decimal.max(...values)
    .minus(Decimal.min(...values))
    .lte(AMOUNT_TOLERANCE)
    ? 'info'
    : 'error';
}

function differMessage(
  label: Text2,
  group: readonly Statement[],
  kind: ConceptKind,
  data: DataValue | undefined,
): Text2 {
  const unit = UNIT_OF[kind];
  const dossier = data ? dossierSays(kind, data) : undefined;
  return {
    zh: `${label.zh}：${saidAt(group, unit)}${dossier ? `；${dossier.zh}` : ''}。`,
    en: `${label.en}: ${saidAt(group, unit, 'en')}${dossier ? `; ${dossier.en}` : ''}.`,
  };
}

/**
 * Statements of one concept (and scope) that disagree with each other, with the dossier's value.
 */
export function checkStatementsDiffer(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const group of statementGroups(ctx)) {
    const first = group[0];
    // A single statement has nothing to disagree with (the distinct values below are one).
    if (!first) continue;
    const kind = conceptKind(first.concept);
    const distinct: Statement[] = [];
    for (const s of group) if (!distinct.some((x) => sameValue(x, s, kind))) distinct.push(s);
    if (distinct.length < 2) continue;
    const data = dataValueOf(ctx, first.concept, first.scope);
    const values: Record<string, string> = {};
    group.forEach((s, i) => {
      values[`${placeLabel(s.where)}#${i + 1}`] = s.value;
    });
    if (data) values.dossier = shown(kind, data.value);
    out.push(
      finding(rule, {
        severity: differSeverity(kind, distinct),
        ...(first.scope ? { scope: first.scope } : {}),
        message: differMessage(scopedLabel(ctx, first.concept, first.scope), group, kind, data),
        values,
        locations: [...group.map(statementLocation), ...(data ? [data.location] : [])],
      }),
    );
  }
  return out;
}

const VS_DATA: RuleMeta = {
  code: 'CROSS-STATED-VS-DATA',
  severity: 'error',
  family: 'cross',
  title: { zh: '报告所写数字与档案数据不符', en: 'A stated figure differs from the dossier data' },
  source: '财预〔2013〕53号 基础数据表与决算数据一致；domain.md §2 “Stated figures”',
  tolerance: '金额差异不超过 0.01 万元记为提示',
  example: '“三公”经费决算：二（一）写 4.19 万元；分项数据 3.42 + 0.39 = 3.81 万元。',
};

function vsDataMessage(
  concept: ConceptKey,
  scope: string | undefined,
  group: readonly Statement[],
  kind: ConceptKind,
  data: DataValue,
  difference: string,
): Text2 {
  const unit = UNIT_OF[kind];
  const dossier = dossierSays(kind, data);
  const scoped = scope ? `（${scope}）` : '';
  return {
    zh: `${conceptLabel(concept)}${scoped}：${saidAt(group, unit)}；${dossier.zh}，相差 ${difference}。`,
    en: `${conceptLabel(concept, 'en')}: ${saidAt(group, unit, 'en')}; ${dossier.en}.`,
  };
}

/** Statements that agree with each other but not with the structured value (amounts and counts). */
export function checkStatedVsData(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const group of statementGroups(ctx)) {
    const first = group[0];
    if (!first) continue;
    // Only amounts and counts have a data value (dataValueOf).
    const kind = conceptKind(first.concept);
    // Statements that disagree among themselves are CROSS-STATEMENTS-DIFFER's.
    if (group.some((s) => !sameValue(s, first, kind))) continue;
    const stated = statedNumber(first);
    const text = stated ? dataText(ctx, first.concept, first.scope) : undefined;
    if (!stated || text === undefined) continue;
    // In 分 when both are exact to the 分 (the usual case): no Decimal comparison (issue 14).
    const sf = statedFen(stated);
    const df = wanToFen(text);
    if (sf !== null && df !== null ? sf === df : stated.value.eq(decimalOf(text))) continue;
    const data = dataValueOf(ctx, first.concept, first.scope);
    if (!data) continue;
    const diff = stated.value.minus(decimalOf(data.value)).abs();
    const difference = shown(kind, diff);
    out.push(
      finding(rule, {
        severity: kind === 'amount' && diff.lte(AMOUNT_TOLERANCE) ? 'info' : 'error',
        ...(first.scope ? { scope: first.scope } : {}),
        message: vsDataMessage(first.concept, first.scope, group, kind, data, difference),
        values: { stated: first.value, dossier: shown(kind, data.value), difference },
        locations: [...group.map(statementLocation), data.location],
      }),
    );
  }
  return out;
}

export const CROSS_RULES = [
  defineRule(DIFFER, checkStatementsDiffer),
  defineRule(VS_DATA, checkStatedVsData),
];
