/**
 * Test helper: the audit context one rule is called on, built from a dossier the way audit() and
 * auditDossier() build it (derive under the rule set's execution base, the engine's score), so a
 * test can call a single check function instead of running the whole catalogue.
 */
import type { AuditContext, Finding, Rule } from '../audit/types.ts';
import type { ConceptKey } from '../concepts/index.ts';
import { derive } from '../derive.ts';
import { Dossier, type DossierInput } from '../dossier/schema.ts';
import { NATIONAL_RULESET, type RuleSet } from '../scoring/ruleset.ts';
import { score as scoreDossier } from '../scoring/score.ts';
import { baseDossierInput } from './factories.ts';

export interface ContextOptions {
  readonly ruleset?: RuleSet;
  /** Leave the engine's score out of the context (rules then fall back or stay silent). */
  readonly unscored?: boolean;
  readonly today?: string;
}

/** The context of an already parsed dossier. */
export function contextOfDossier(dossier: Dossier, opts: ContextOptions = {}): AuditContext {
  const ruleset = opts.ruleset ?? NATIONAL_RULESET;
  const derived = derive(dossier, ruleset.execution.denominator);
  return {
    dossier,
    derived,
    ruleset,
    ...(opts.unscored ? {} : { score: scoreDossier(dossier, ruleset, derived) }),
    ...(opts.today !== undefined ? { today: opts.today } : {}),
  };
}

/** The context of the base factory dossier with `patch` replacing its top-level keys. */
export function contextOf(patch: Partial<DossierInput> = {}, opts: ContextOptions = {}) {
  return contextOfDossier(Dossier.parse({ ...baseDossierInput(), ...patch }), opts);
}

/** The context of a dossier given whole (no base dossier underneath). */
export const contextOfInput = (input: DossierInput, opts: ContextOptions = {}): AuditContext =>
  contextOfDossier(Dossier.parse(input), opts);

export type StatementInput = NonNullable<DossierInput['statements']>[number];
export type Where = StatementInput['where'];

/** A statement of `concept` written `value` at `where` (default: section 二（一）). */
export const stated = (
  concept: ConceptKey,
  value: string,
  where: Where = { section: '二（一）' },
  scope?: string,
): StatementInput => ({ concept, value, where, ...(scope !== undefined ? { scope } : {}) });

export interface BareContextOptions {
  /** Put in ctx.ruleset; absent, the rules fall back to the national default themselves. */
  readonly ruleset?: RuleSet;
  /** Put the engine's score in the context (default: none, so rules needing it stay silent). */
  readonly scored?: boolean;
  readonly today?: string;
}

/**
 * A context over the base dossier with `patch`, holding only what is asked for: no rule set
 * unless given, no score unless `scored` (for the fallbacks a rule takes when they are absent).
 */
export function auditContext(
  patch: Partial<DossierInput> = {},
  opts: BareContextOptions = {},
): AuditContext {
  const full = contextOf(patch, { ...opts, unscored: !opts.scored });
  const { ruleset: _national, ...bare } = full;
  return opts.ruleset ? full : bare;
}

/** The findings one rule reports on a context built as auditContext builds it. */
export const runRule = (
  rule: Rule,
  patch: Partial<DossierInput> = {},
  opts: BareContextOptions = {},
): Finding[] => rule.check(auditContext(patch, opts));

export type IndicatorInput = NonNullable<DossierInput['indicators']>[number];

/** The base dossier's indicators with one changed (a key set to undefined is removed). */
export function withIndicator(id: string, patch: Partial<IndicatorInput>): IndicatorInput[] {
  return (baseDossierInput().indicators ?? []).map((i) =>
    i.id === id
      ? (Object.fromEntries(
          Object.entries({ ...i, ...patch }).filter(([, v]) => v !== undefined),
        ) as IndicatorInput)
      : i,
  );
}

/** A project's own 产出 indicator PQ: target ≥10个, actual 10个, 90 分 of 90. */
export const projectIndicator = (patch: Partial<IndicatorInput> = {}): IndicatorInput => ({
  id: 'PQ',
  level1: '产出指标',
  level2: '数量指标',
  name: '项目产出',
  target: '≥10个',
  actual: '10个',
  weight: 90,
  score: 90,
  ...patch,
});

/** Project P1 of the base dossier with its own indicator grid. */
export function projectGrid(indicators: IndicatorInput[]): Partial<DossierInput> {
  const expenditure = baseDossierInput().expenditure!;
  return {
    expenditure: { ...expenditure, projects: [{ ...expenditure.projects![0]!, indicators }] },
  };
}
