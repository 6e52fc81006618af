/**
 * Score + audit of a stored dossier version, cached by (dossier id, version): a version never
 * changes, so neither does its result. The stored summary (total, grade, execution rate, finding
 * counts) that listings sort on comes from here.
 */
import { auditDossier } from '../core/audit/audit.ts';
import type { Finding } from '../core/audit/types.ts';
import type { Dossier } from '../core/dossier/schema.ts';
import { roundPercent } from '../core/money.ts';
import { NATIONAL_RULESET, type RuleSet } from '../core/scoring/ruleset.ts';
import { score } from '../core/scoring/score.ts';
import type { ScoreResult } from '../core/scoring/types.ts';
import { loadRuleset } from '../io/load-ruleset.ts';
import type { Summary } from '../storage/dossiers.ts';
import { HttpError } from './errors.ts';

/** A dossier scored and audited under the rule set it names. */
export interface Scored {
  readonly ruleset: RuleSet;
  readonly score: ScoreResult;
  readonly findings: readonly Finding[];
  readonly summary: Summary;
}

/** A dossier naming a rule set that does not exist: nothing to score against (summary all null). */
export interface Unscored {
  readonly ruleset: null;
  /** The unknown name, as the dossier wrote it. */
  readonly rulesetName: string;
  readonly score: null;
  readonly findings: null;
  readonly summary: Summary;
}

export type Computed = Scored | Unscored;

const rulesets = new Map<string, Promise<RuleSet | undefined>>();

/**
 * The rule set a dossier names (default national); undefined when unknown. Only plain names are
 * accepted: a dossier comes from users, and the loader also reads file paths.
 */
export function rulesetNamed(name: string): Promise<RuleSet | undefined> {
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(name)) return Promise.resolve(undefined);
  let p = rulesets.get(name);
  if (!p) {
    p = loadRuleset(name).catch(() => (name === 'national' ? NATIONAL_RULESET : undefined));
    // Unknown names are not kept: they come from users, so caching them would grow without bound.
    p.then(
      (r) => {
        if (r === undefined) rulesets.delete(name);
      },
      () => rulesets.delete(name),
    );
    rulesets.set(name, p);
  }
  return p;
}

const MAX_CACHE = 1000;
const cache = new Map<string, Promise<Computed>>();

/**
 * `dossier` may be the document or a loader for it: on a cache hit the document is not read at all.
 * A loader must return exactly that version (e.g. the immutable revision).
 */
export function computeCached(
  id: number,
  version: number,
  dossier: unknown | (() => Promise<unknown>),
): Promise<Computed> {
  const today = new Date().toISOString().slice(0, 10);
  // The audit's date checks depend on today, so the day is part of the key.
  const key = `${id}:${version}:${today}`;
  let p = cache.get(key);
  if (!p) {
    p = (
      typeof dossier === 'function'
        ? (dossier as () => Promise<unknown>)()
        : Promise.resolve(dossier)
    ).then((d) => compute(d as Dossier, today));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value as string);
  }
  return p;
}

export async function compute(
  dossier: Dossier,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<Computed> {
  const rulesetName = dossier.ruleset ?? 'national';
  const ruleset = await rulesetNamed(rulesetName);
  if (ruleset === undefined) {
    return {
      ruleset: null,
      rulesetName,
      score: null,
      findings: null,
      summary: {
        total: null,
        grade: null,
        executionRate: null,
        findings: { error: 0, warning: 0, info: 0 },
        ruleset: null,
      },
    };
  }
  const result = score(dossier, ruleset);
  const findings = auditDossier(dossier, { ruleset, score: result, today });
  const count = (sev: Finding['severity']) => findings.filter((f) => f.severity === sev).length;
  const rate = result.execution.rate;
  return {
    ruleset,
    score: result,
    findings,
    summary: {
      total: result.total,
      grade: result.grade,
      executionRate: rate.ok ? roundPercent(rate.percent).toFixed(2) : null,
      findings: { error: count('error'), warning: count('warning'), info: count('info') },
      ruleset: `${result.ruleset.name}@${result.ruleset.version}`,
    },
  };
}

/** The scored result, or 422 `ruleset-unknown` when the dossier names a rule set that does not exist. */
export function requireScored(c: Computed): Scored {
  if (c.ruleset === null)
    throw new HttpError(422, 'ruleset-unknown', `规则集 ${c.rulesetName} 不可用`);
  return c;
}
