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
import { statedName } from '../dossier/stand-ins.ts';
import { Decimal, decimalOf } from '../money.ts';
import type { AuditContext, Finding, Rule } from './types.ts';

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
 * The unit's name as the document states it; undefined when the reader found none (it lists
 * “单位名称” as missing and the dossier holds a stand-in, which no report or summary may print).
 */
export function statedUnitName(d: Dossier): string | undefined {
  return documentShape(d).missing.includes('单位名称') ? undefined : statedName(d.unit.name);
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

/**
 * Rules that read the 分值 of indicator rows: silent when the document's grid has no 分值 column
 * (the reader lists “指标分值” as missing and the rows carry no weight of their own).
 */
export const READS_WEIGHTS: ReadonlySet<string> = new Set([
  'SCORE-WEIGHT-NONPOSITIVE',
  'SCORE-ABOVE-WEIGHT',
  'SCORE-RULE-MISMATCH',
  'SCORE-QUALITATIVE-TIER',
  'SCORE-FULL-BUT-MISSED',
  'SCORE-LEVEL1-STATED',
  'DOC-WEIGHT-TOTAL',
  'COMPL-DEVIATION-REASON',
  'PRACT-ALL-FULL',
]);
/** The missing-part label the reader gives a grid without a 分值 column. */
export const WEIGHTS_MISSING = '指标分值';

/**
 * Sums of a row against its 其中 sub-rows. On a partial document a total above the sub-rows read
 * may only mean the list was cut (an excerpt ends inside it): said as info. Sub-rows above their
 * total contradict each other whatever is missing, and stay an error.
 */
export const SUB_ROW_SUMS: ReadonlySet<string> = new Set([
  'ARITH-INCOME-SUM',
  'ARITH-FUNDS-BY-NATURE',
  'ARITH-BASIC-SUM',
  'ARITH-EXPENDITURE-SUM',
  'ARITH-PROJECTS-SUM',
  'ARITH-THREE-PUBLIC-SUM',
  'ARITH-VEHICLE-SUM',
  'ARITH-STAFFING-SUM',
]);

const amountOf = (v: string | undefined): Decimal | undefined => {
  const t = v?.replace(/[,\s]|万元/g, '');
  return t && /^-?\d+(\.\d+)?$/.test(t) ? decimalOf(t) : undefined;
};

/** A sum finding on a partial document whose total exceeds the sub-rows read: info. */
function softenCutSum(f: Finding): Finding {
  const stated = amountOf(f.values.stated);
  const sum = amountOf(f.values.sum);
  if (f.severity !== 'error' || !stated || !sum || stated.lte(sum)) return f;
  return {
    ...f,
    severity: 'info',
    message: {
      zh: `${f.message.zh}（报告只读到一部分，其余分项可能未列出）`,
      en: `${f.message.en} (only part of the report was read; other parts may not be listed)`,
    },
  };
}

/**
 * Rules comparing a stated score with the one its rule computes. A published table often writes
 * scores to the integer or to one decimal: a stated score that is the computed one so rounded is
 * info on an imported document, not an error.
 */
export const SCORE_ROUNDING: ReadonlySet<string> = new Set(['SCORE-RULE-MISMATCH']);

/**
 * Whether a stated value is the exact value rounded: to the integer half up (9.29 → 9, 9.5 → 10),
 * or to one decimal any way (2.154 → 2.2 or 2.1). Rounding 9.29 up to 10 is not rounding but
 * 0.71 points given away, and stays an error.
 */
export function isRoundingOf(stated: Decimal, exact: Decimal): boolean {
  if (exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).eq(stated)) return true;
  for (const mode of [Decimal.ROUND_HALF_UP, Decimal.ROUND_UP, Decimal.ROUND_DOWN])
    if (exact.toDecimalPlaces(1, mode).eq(stated)) return true;
  return false;
}

function softenRounding(f: Finding): Finding {
  const stated = amountOf(f.values.stated);
  const computed = amountOf(f.values.computed);
  if (f.severity !== 'error' || !stated || !computed || !isRoundingOf(stated, computed)) return f;
  return {
    ...f,
    severity: 'info',
    message: {
      zh: `${f.message.zh}（表中得分为计算结果取整）`,
      en: `${f.message.en} (the table writes the computed score rounded)`,
    },
  };
}

/** Whether a rule applies to the audited document (see the sets above). */
export function ruleApplies(code: string, shape: DocumentShape): boolean {
  if (shape.partial && (NEEDS_WHOLE_REPORT.has(code) || DEPARTMENT_TEMPLATE.has(code)))
    return false;
  if (shape.level === 'project' && DEPARTMENT_TEMPLATE.has(code)) return false;
  if (READS_WEIGHTS.has(code) && shape.missing.includes(WEIGHTS_MISSING)) return false;
  return true;
}

/** The rule, silent where it does not apply to the document. */
export function gated(rule: Rule): Rule {
  const gates = [
    NEEDS_WHOLE_REPORT,
    DEPARTMENT_TEMPLATE,
    READS_WEIGHTS,
    SUB_ROW_SUMS,
    SCORE_ROUNDING,
  ];
  if (!gates.some((g) => g.has(rule.code))) return rule;
  return {
    ...rule,
    check: (ctx: AuditContext) => {
      const shape = documentShape(ctx.dossier);
      if (!ruleApplies(rule.code, shape)) return [];
      const found = rule.check(ctx);
      if (shape.partial && SUB_ROW_SUMS.has(rule.code)) return found.map(softenCutSum);
      if (ctx.dossier.document && SCORE_ROUNDING.has(rule.code)) return found.map(softenRounding);
      return found;
    },
  };
}
