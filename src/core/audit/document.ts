/**
 * What the audited document is (issue 15): a whole department report, or a project-level
 * 项目支出绩效自评表, or only part of one (an excerpt, a single table, half a grid). The reader
 * states it in `dossier.document`; a dossier without it is a whole department report, as every
 * dossier was before documents were imported from the world.
 *
 * The catalogue gates rules on it (one decision, in one place): a rule that needs the whole report
 * stays silent on a partial one, and a rule that measures a department report against the rule
 * set's template stays silent on a project-level table, which is audited in its own terms by
 * rules-document.ts instead.
 */
import type { Dossier } from '../dossier/schema.ts';
import type { AuditContext, Rule } from './types.ts';

export type DocumentLevel = 'department' | 'project';

export interface DocumentShape {
  readonly level: DocumentLevel;
  /** Only part of a report was read: totals over the whole report cannot be checked. */
  readonly partial: boolean;
  /** What a complete report states and this one did not (labels a person reads). */
  readonly missing: readonly string[];
}

/** A dossier with no unit-level money or grid but with a project holding them is project-level. */
function looksProjectLevel(d: Dossier): boolean {
  const unitMoney =
    Object.values(d.income).some((c) => c && Object.values(c).some((v) => v !== undefined)) ||
    Object.values(d.expenditure.personnel).some((v) => v !== undefined) ||
    Object.values(d.expenditure.publicFunds).some((v) => v !== undefined);
  if (unitMoney || d.indicators.length > 0) return false;
  return d.expenditure.projects.some(
    (p) => p.indicators.length > 0 || Object.values(p.money).some((v) => v !== undefined),
  );
}

export function documentShape(d: Dossier): DocumentShape {
  return {
    level: d.document?.level ?? (d.document && looksProjectLevel(d) ? 'project' : 'department'),
    partial: d.document?.partial ?? false,
    missing: d.document?.missing ?? [],
  };
}

/**
 * Rules that need the whole report: a goal, measures or filing data that an excerpt may simply not
 * reach; totals over every project or every row of a grid. Silent on a partial document.
 */
export const NEEDS_WHOLE_REPORT: ReadonlySet<string> = new Set([
  'COMPL-GOAL-MISSING',
  'COMPL-MEASURES-MISSING',
  'COMPL-FILING-MISSING',
  'PRACT-PROBLEMS-EMPTY',
  'PRACT-ALL-FULL',
  'SCORE-WEIGHT-SUM',
  'SCORE-TOTAL-SUM',
  'ARITH-PROJECTS-SUM',
  'PLAUS-COPIED-COLUMN',
]);

/**
 * Rules that measure a department report against the rule set's template (its 一级 weights, its
 * execution weight and base): silent on a project-level table, whose own 分值 and rule are checked
 * by rules-document.ts, and on a partial document.
 */
export const DEPARTMENT_TEMPLATE: ReadonlySet<string> = new Set([
  'SCORE-LEVEL1-RULESET',
  'SCORE-EXECUTION',
  'SCORE-WEIGHT-SUM',
]);

/** Whether a rule applies to the audited document (see the two sets above). */
export function ruleApplies(code: string, shape: DocumentShape): boolean {
  if (shape.partial && (NEEDS_WHOLE_REPORT.has(code) || DEPARTMENT_TEMPLATE.has(code)))
    return false;
  if (shape.level === 'project' && DEPARTMENT_TEMPLATE.has(code)) return false;
  return true;
}

/** The rule, silent where it does not apply to the document. */
export function gated(rule: Rule): Rule {
  if (!NEEDS_WHOLE_REPORT.has(rule.code) && !DEPARTMENT_TEMPLATE.has(rule.code)) return rule;
  return {
    ...rule,
    check: (ctx: AuditContext) =>
      ruleApplies(rule.code, documentShape(ctx.dossier)) ? rule.check(ctx) : [],
  };
}
