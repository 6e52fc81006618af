/**
 * The auditor's data types (domain.md §5). Findings are data, never exceptions: each carries a
 * stable code, a severity, the family of checks it belongs to, a message in Chinese and English
 * that names the values compared, the values themselves and where each was stated.
 */
import type { ConceptKey } from '../concepts/index.ts';
import type { Derived } from '../derive.ts';
import type { RuleSet } from '../scoring/ruleset.ts';
import type { Dossier, Statement } from '../dossier/schema.ts';
import type { ScoreResult } from '../scoring/types.ts';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Families of domain.md §5, in the order findings are listed. */
export const FAMILIES = [
  'arithmetic',
  'ratio',
  'cross',
  'scoring',
  'completeness',
  'plausibility',
  'practice',
] as const;
export type Family = (typeof FAMILIES)[number];

export const FAMILY_LABELS: Record<Family, { zh: string; en: string }> = {
  arithmetic: { zh: '合计与分项', en: 'Arithmetic totals' },
  ratio: { zh: '比率与推算数', en: 'Recomputed ratios' },
  cross: { zh: '前后表述一致', en: 'Cross-statement' },
  scoring: { zh: '评分', en: 'Scoring' },
  completeness: { zh: '填报完整性', en: 'Completeness' },
  plausibility: { zh: '合理性', en: 'Plausibility' },
  practice: { zh: '实务提示', en: 'Warnings from practice' },
};

export const SEVERITY_LABELS: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

/**
 * Where a compared value comes from: a statement's place in the published report (section, annex,
 * row, column, page, quote), the real JSON path of the structured dossier field, or — for a figure
 * the dossier does not store but sums from its parts (基本支出, “三公”经费合计) — its concept key.
 */
export interface AuditLocation {
  readonly path?: string;
  readonly concept?: ConceptKey;
  readonly section?: string;
  readonly annex?: 1 | 2 | 3;
  readonly table?: string;
  readonly row?: string;
  readonly column?: string;
  readonly page?: number;
  readonly line?: number;
  readonly quote?: string;
}

export interface Text2 {
  readonly zh: string;
  readonly en: string;
}

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly family: Family;
  readonly title: Text2;
  readonly message: Text2;
  /** The numbers compared, as displayed (万元 with two decimals, % as stated, points). */
  readonly values: Readonly<Record<string, string>>;
  readonly locations: readonly AuditLocation[];
  readonly indicatorId?: string;
  /** Project id when the finding concerns a project. */
  readonly scope?: string;
}

export interface AuditContext {
  readonly dossier: Dossier;
  readonly derived: Derived;
  /** The scoring engine's result, when available; rules needing it are silent otherwise. */
  readonly score?: ScoreResult;
  /** The rule set scored with; the national default when absent. */
  readonly ruleset?: RuleSet;
  /** ISO date (YYYY-MM-DD) of the audit; core has no clock. */
  readonly today?: string;
  /** Statements by concept and scope, built once by audit(); rules called alone build their own. */
  readonly index?: AuditIndex;
}

/** The dossier's statements grouped by concept and scope (project id, indicator id, 一级 name). */
export interface AuditIndex {
  /** Each group of one concept and scope, in the order of its first statement. */
  readonly groups: readonly (readonly Statement[])[];
  /** The same groups by concept, then scope ('' for unscoped): statementsOf joins no key. */
  readonly byConcept: ReadonlyMap<ConceptKey, ReadonlyMap<string, readonly Statement[]>>;
  /** By concept, then scope, then placeKey: the group's first statement at that place. */
  readonly atPlace: ReadonlyMap<ConceptKey, ReadonlyMap<string, ReadonlyMap<string, Statement>>>;
  /** Each statement's placeKey (section|annex|table), built once. */
  readonly places: ReadonlyMap<Statement, string>;
}

export interface RuleMeta {
  readonly code: string;
  /** The highest severity the rule reports (a finding within tolerance may be lower). */
  readonly severity: Severity;
  readonly family: Family;
  readonly title: Text2;
  /** The regulation or practice the rule implements. */
  readonly source: string;
  /** The tolerance applied, stated in words (e.g. "0.01 万元 per summed item"). */
  readonly tolerance?: string;
  /** An example of what the rule catches, in Chinese. */
  readonly example: string;
}

export interface Rule extends RuleMeta {
  readonly check: (ctx: AuditContext) => Finding[];
}
