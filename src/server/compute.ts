/**
 * Score + audit of a stored dossier version, cached by (dossier id, version): a version never
 * changes, so neither does its result. The stored summary (total, grade, execution rate, finding
 * counts) that listings sort on comes from here.
 */
import { roundPercent } from '../core/money.ts';
import type { Dossier } from '../core/dossier/schema.ts';
import type { ScoreResult } from '../core/scoring/types.ts';
import type { Summary } from '../storage/dossiers.ts';
import { auditor, loadRuleset, scorer, type FindingLike } from './engines.ts';
import { HttpError } from './errors.ts';

export interface Computed {
  /** null when the scoring engine is not available. */
  readonly score: ScoreResult | null;
  /** null when the audit engine is not available. */
  readonly findings: readonly FindingLike[] | null;
  readonly summary: Summary;
  /** Why something is missing (ruleset unknown, engine missing). */
  readonly problems: readonly string[];
}

const MAX_CACHE = 1000;
const cache = new Map<string, Promise<Computed>>();

/**
 * `dossier` may be the document or a loader for it: on a cache hit the document is not read at all.
 * A loader must return exactly that version (e.g. the immutable revision).
 */
export function computeCached(id: number, version: number, dossier: unknown | (() => Promise<unknown>)): Promise<Computed> {
  const today = new Date().toISOString().slice(0, 10);
  // The audit's date checks depend on today, so the day is part of the key.
  const key = `${id}:${version}:${today}`;
  let p = cache.get(key);
  if (!p) {
    p = (typeof dossier === 'function' ? (dossier as () => Promise<unknown>)() : Promise.resolve(dossier)).then((d) => compute(d as Dossier, today));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value as string);
  }
  return p;
}

export async function compute(dossier: Dossier, today: string = new Date().toISOString().slice(0, 10)): Promise<Computed> {
  const problems: string[] = [];
  const rulesetName = dossier.ruleset ?? 'national';
  const ruleset = await loadRuleset(rulesetName);
  if (ruleset === undefined) problems.push(`规则集 ${rulesetName} 不可用`);
  const scoreFn = await scorer();
  if (!scoreFn) problems.push('评分引擎不可用');
  const score = scoreFn && ruleset !== undefined ? scoreFn(dossier, ruleset) : null;
  const auditFn = await auditor();
  if (!auditFn) problems.push('审核引擎不可用');
  const findings = auditFn && ruleset !== undefined ? auditFn(dossier, { ruleset, score, today }) : null;
  const count = (sev: FindingLike['severity']) => findings?.filter((f) => f.severity === sev).length ?? 0;
  const rate = score?.execution.rate;
  return {
    score,
    findings,
    problems,
    summary: {
      total: score?.total ?? null,
      grade: score?.grade ?? null,
      executionRate: rate && rate.ok ? roundPercent(rate.percent).toFixed(2) : null,
      findings: { error: count('error'), warning: count('warning'), info: count('info') },
      ruleset: score ? `${score.ruleset.name}@${score.ruleset.version}` : null,
    },
  };
}

export function requireScore(c: Computed): ScoreResult {
  if (!c.score) throw new HttpError(c.problems.some((p) => p.includes('规则集')) ? 422 : 501, c.problems.some((p) => p.includes('规则集')) ? 'ruleset-unknown' : 'not-available', c.problems.join('；') || '评分不可用');
  return c.score;
}
