/**
 * Cross-statement consistency (domain.md §5 "Cross-table"): the narrative, 附件1 and 附件2 state
 * the same figure for the same thing, and what they state agrees with the dossier's data.
 */
import { conceptInfo, MONEY_COLUMNS, type MoneyColumn } from '../dossier/concepts.ts';
import type { Statement } from '../dossier/schema.ts';
import { Decimal } from '../money.ts';
import {
  conceptLabel,
  defineRule,
  finding,
  parseStated,
  placeLabel,
  saidAt,
  statementLocation,
  wan,
} from './support.ts';
import type { AuditContext, Finding, RuleMeta } from './types.ts';

/** The dossier's own value for a concept (structured field or derived sum), with its JSON path. */
export function dataValueOf(
  ctx: AuditContext,
  concept: string,
  scope?: string,
): { value: string; path: string } | undefined {
  const d = ctx.dossier;
  const der = ctx.derived;
  const parts = concept.split('.');
  const last = parts[parts.length - 1] as MoneyColumn;
  if ((MONEY_COLUMNS as readonly string[]).includes(last)) {
    const head = parts.slice(0, -1).join('.');
    const pick = (cols: Partial<Record<MoneyColumn, string>> | undefined, path: string) => {
      const v = cols?.[last];
      return v === undefined ? undefined : { value: v, path: `${path}.${last}` };
    };
    if (head === 'project') {
      const i = d.expenditure.projects.findIndex((p) => p.id === scope);
      return i < 0
        ? undefined
        : pick(d.expenditure.projects[i]?.money, `expenditure.projects[${i}].money`);
    }
    if (scope !== undefined) return undefined;
    const tp = d.threePublic;
    const anyTp = Boolean(tp.abroad || tp.vehiclePurchase || tp.vehicleOperation || tp.reception);
    // A derived total is only compared when every part that exists is filled in that column:
    // a project without an actual makes Σ projects incomplete, not smaller.
    const filled = (parts: readonly (Partial<Record<MoneyColumn, string>> | undefined)[]) =>
      parts.every((p) => p === undefined || p[last] !== undefined);
    const basicOk = filled([d.expenditure.personnel, d.expenditure.publicFunds]);
    const projectsOk =
      d.expenditure.projects.length > 0 && filled(d.expenditure.projects.map((p) => p.money));
    switch (head) {
      case 'income.total':
        return pick(der.income, 'income.*');
      case 'expenditure.total':
        return basicOk && (projectsOk || !d.expenditure.projects.length)
          ? pick(der.expenditure, 'expenditure.*')
          : undefined;
      case 'expenditure.basic':
        return basicOk ? pick(der.basic, 'expenditure.personnel+publicFunds') : undefined;
      case 'expenditure.projects':
        return projectsOk ? pick(der.projects, 'expenditure.projects[*].money') : undefined;
      case 'expenditure.personnel':
        return pick(d.expenditure.personnel, 'expenditure.personnel');
      case 'expenditure.publicFunds':
        return pick(d.expenditure.publicFunds, 'expenditure.publicFunds');
      case 'threePublic.total':
        return anyTp && filled([tp.abroad, tp.vehiclePurchase, tp.vehicleOperation, tp.reception])
          ? pick(der.threePublic, 'threePublic.*')
          : undefined;
      case 'threePublic.vehicle':
        return (tp.vehiclePurchase || tp.vehicleOperation) &&
          filled([tp.vehiclePurchase, tp.vehicleOperation])
          ? pick(der.vehicle, 'threePublic.vehiclePurchase+vehicleOperation')
          : undefined;
    }
    const [group, item] = parts;
    if (group === 'income' && item)
      return pick(d.income[item as keyof typeof d.income], `income.${item}`);
    if (group === 'threePublic' && item)
      return pick(tp[item as keyof typeof tp], `threePublic.${item}`);
    if (group === 'controls' && item)
      return pick(d.controls[item as keyof typeof d.controls], `controls.${item}`);
    return undefined;
  }
  if (scope !== undefined) return undefined;
  const s = d.unit.staffing;
  const count = (v: number | undefined, path: string) =>
    v === undefined ? undefined : { value: String(v), path };
  switch (concept) {
    case 'staffing.authorized':
      return count(s.authorized, 'unit.staffing.authorized');
    case 'staffing.actual':
      return count(s.actual, 'unit.staffing.actual');
    case 'staffing.retired':
      return count(s.retired, 'unit.staffing.retired');
    case 'assets.yearEnd':
      return d.assets.yearEnd === undefined
        ? undefined
        : { value: d.assets.yearEnd, path: 'assets.yearEnd' };
    case 'assets.previousYearEnd':
      return d.assets.previousYearEnd === undefined
        ? undefined
        : { value: d.assets.previousYearEnd, path: 'assets.previousYearEnd' };
    case 'projects.count':
      return { value: String(der.projectCount), path: 'expenditure.projects' };
  }
  return undefined;
}

function groups(ctx: AuditContext): Map<string, Statement[]> {
  const m = new Map<string, Statement[]>();
  for (const s of ctx.dossier.statements) {
    const k = `${s.concept}\u0000${s.scope ?? ''}`;
    const g = m.get(k);
    if (g) g.push(s);
    else m.set(k, [s]);
  }
  return m;
}

/** Values agree when equal, or (percentages) equal at the coarser of the two precisions. */
function sameValue(a: Statement, b: Statement, kind: string): boolean {
  const x = parseStated(a.value);
  const y = parseStated(b.value);
  if (!x || !y) return a.value.replace(/\s/g, '') === b.value.replace(/\s/g, '');
  if (x.value.eq(y.value)) return true;
  if (kind === 'percent') {
    const dp = Math.min(x.decimals, y.decimals);
    return x.value
      .toDecimalPlaces(dp, Decimal.ROUND_HALF_UP)
      .eq(y.value.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP));
  }
  return false;
}

const unitOf = (kind: string | undefined) =>
  kind === 'amount' ? '万元' : kind === 'points' ? '分' : '';

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

/** Statements of one concept (and scope) that disagree with each other, with the dossier's value. */
export function checkStatementsDiffer(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const group of groups(ctx).values()) {
    const first = group[0];
    if (!first || group.length < 2) continue;
    const info = conceptInfo(first.concept);
    const kind = info?.kind ?? 'amount';
    const distinct: Statement[] = [];
    for (const s of group) if (!distinct.some((x) => sameValue(x, s, kind))) distinct.push(s);
    if (distinct.length < 2) continue;
    const nums = distinct
      .map((s) => parseStated(s.value)?.value)
      .filter((v): v is Decimal => v !== undefined);
    const spread =
      nums.length === distinct.length
        ? Decimal.max(...nums).minus(Decimal.min(...nums))
        : undefined;
    const severity =
      kind === 'amount' && spread !== undefined && spread.lte('0.01') ? 'info' : 'error';
    const data = dataValueOf(ctx, first.concept, first.scope);
    const label =
      conceptLabel(first.concept) +
      (first.scope
        ? `（${ctx.dossier.expenditure.projects.find((p) => p.id === first.scope)?.name ?? first.scope}）`
        : '');
    const unit = unitOf(kind);
    const values: Record<string, string> = {};
    group.forEach((s, i) => {
      values[`${placeLabel(s.where)}#${i + 1}`] = s.value;
    });
    if (data) values.dossier = kind === 'amount' ? wan(data.value) : data.value;
    out.push(
      finding(rule, {
        severity,
        ...(first.scope ? { scope: first.scope } : {}),
        message: {
          zh: `${label}：${saidAt(group, unit)}${data ? `；档案数据为 ${kind === 'amount' ? wan(data.value) : data.value}${unit ? ` ${unit}` : ''}（${data.path}）` : ''}。`,
          en: `${conceptLabel(first.concept, 'en')}${first.scope ? ` (${first.scope})` : ''}: ${saidAt(group, unit, 'en')}${data ? `; the dossier has ${data.value} (${data.path})` : ''}.`,
        },
        values,
        locations: [...group.map(statementLocation), ...(data ? [{ path: data.path }] : [])],
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

/** Statements that agree with each other but not with the structured value (amounts and counts). */
export function checkStatedVsData(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const group of groups(ctx).values()) {
    const first = group[0];
    if (!first) continue;
    const kind = conceptInfo(first.concept)?.kind;
    if (kind !== 'amount' && kind !== 'count') continue;
    if (group.some((s) => !sameValue(s, first, kind))) continue; // CROSS-STATEMENTS-DIFFER reports it
    const stated = parseStated(first.value);
    const data = dataValueOf(ctx, first.concept, first.scope);
    if (!stated || !data || stated.value.eq(data.value)) continue;
    const diff = stated.value.minus(data.value).abs();
    const unit = unitOf(kind);
    out.push(
      finding(rule, {
        severity: kind === 'amount' && diff.lte('0.01') ? 'info' : 'error',
        ...(first.scope ? { scope: first.scope } : {}),
        message: {
          zh: `${conceptLabel(first.concept)}${first.scope ? `（${first.scope}）` : ''}：${saidAt(group, unit)}；档案数据为 ${kind === 'amount' ? wan(data.value) : data.value}${unit ? ` ${unit}` : ''}（${data.path}），相差 ${kind === 'amount' ? wan(diff) : diff.toFixed()}。`,
          en: `${conceptLabel(first.concept, 'en')}: ${saidAt(group, unit, 'en')}; the dossier has ${data.value} (${data.path}).`,
        },
        values: {
          stated: first.value,
          dossier: kind === 'amount' ? wan(data.value) : data.value,
          difference: kind === 'amount' ? wan(diff) : diff.toFixed(),
        },
        locations: [...group.map(statementLocation), { path: data.path }],
      }),
    );
  }
  return out;
}

export const CROSS_RULES = [
  defineRule(DIFFER, checkStatementsDiffer),
  defineRule(VS_DATA, checkStatedVsData),
];
