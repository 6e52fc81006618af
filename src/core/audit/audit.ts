/**
 * audit(ctx): run the rule catalogue over one dossier (domain.md §5). Pure: the dossier, its
 * derived figures, the score and the date come in; findings come out, sorted by severity, then
 * family, then code. A rule never throws on bad data: findings are data.
 */
import { derive } from '../derive.ts';
import type { Dossier } from '../dossier/schema.ts';
import type { ScoreResult } from '../scoring/types.ts';
import { CATALOGUE } from './catalogue.ts';
import { NATIONAL_RULESET, type RuleSet } from '../scoring/ruleset.ts';
import { score as scoreDossier } from '../scoring/score.ts';
import { buildAuditIndex } from './support.ts';
import {
  FAMILIES,
  SEVERITIES,
  type AuditContext,
  type Finding,
  type Rule,
  type Severity,
} from './types.ts';

const sevRank = (s: Severity) => SEVERITIES.indexOf(s);
const famRank = (f: Finding['family']) => FAMILIES.indexOf(f);

/** Codes of capital letters, digits and hyphens: the catalogue's, compared without ICU. */
const PLAIN_CODE = /^[A-Z0-9-]*$/;

/** A finding with what it is sorted by, read once (not once per comparison). */
interface SortKey {
  readonly finding: Finding;
  readonly severity: number;
  readonly family: number;
  readonly plain: boolean;
}

/**
 * a.localeCompare(b) for rule codes. On capitals, digits and hyphens the root collation orders as
 * the code units do (hyphen < digits < letters, a prefix first), so those skip ICU: the first
 * localeCompare of a process costs milliseconds (issue 14). Other text keeps localeCompare.
 */
function compareCodes(a: SortKey, b: SortKey): number {
  const x = a.finding.code;
  const y = b.finding.code;
  if (a.plain && b.plain) return x < y ? -1 : x > y ? 1 : 0;
  return x.localeCompare(y);
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  const keys = findings.map(
    (f): SortKey => ({
      finding: f,
      severity: sevRank(f.severity),
      family: famRank(f.family),
      plain: PLAIN_CODE.test(f.code),
    }),
  );
  // Array.prototype.sort is stable: equal keys keep the catalogue's order.
  keys.sort((a, b) => a.severity - b.severity || a.family - b.family || compareCodes(a, b));
  return keys.map((k) => k.finding);
}

/**
 * Run the rules over one context. The statement index (by concept and scope) is built here once,
 * so every rule looks statements up instead of scanning the list.
 */
export function audit(ctx: AuditContext, rules: readonly Rule[] = CATALOGUE): Finding[] {
  const indexed: AuditContext = ctx.index
    ? ctx
    : { ...ctx, index: buildAuditIndex(ctx.dossier.statements) };
  return sortFindings(rules.flatMap((r) => r.check(indexed)));
}

/** Derive, score (unless a score is given) and audit one dossier under a rule set. */
export function auditDossier(
  dossier: Dossier,
  opts: { score?: ScoreResult; ruleset?: RuleSet; today?: string } = {},
): Finding[] {
  const ruleset = opts.ruleset ?? NATIONAL_RULESET;
  const derived = derive(dossier, ruleset.execution.denominator);
  const score = opts.score ?? scoreDossier(dossier, ruleset, derived);
  return audit({
    dossier,
    derived,
    score,
    ruleset,
    ...(opts.today !== undefined ? { today: opts.today } : {}),
  });
}

/**
 * Score and audit one dossier under a rule set, deriving its figures once for both (what check,
 * audit, report and the server's summary each need; derive was a tenth of a check's core CPU when
 * score and audit each ran it, issue 14).
 */
export function scoreAndAudit(
  dossier: Dossier,
  opts: { ruleset?: RuleSet; today?: string } = {},
): { score: ScoreResult; findings: Finding[] } {
  const ruleset = opts.ruleset ?? NATIONAL_RULESET;
  const derived = derive(dossier, ruleset.execution.denominator);
  const score = scoreDossier(dossier, ruleset, derived);
  const findings = audit({
    dossier,
    derived,
    score,
    ruleset,
    ...(opts.today !== undefined ? { today: opts.today } : {}),
  });
  return { score, findings };
}

export interface FindingCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}
export function countFindings(findings: readonly Finding[]): FindingCounts {
  return {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
}

/** Keep findings at or above a severity. */
export const atLeast = (findings: readonly Finding[], min: Severity): Finding[] =>
  findings.filter((f) => sevRank(f.severity) <= sevRank(min));
