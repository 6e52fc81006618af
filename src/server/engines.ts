/**
 * The pure engines the server calls (scoring, audit, renderers, importers), loaded lazily by module
 * path: the server starts and answers 501 `not-available` for a part that is not there yet, and
 * picks it up without code changes once it exists. A module that exists but fails to load is logged.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dossier } from '../core/dossier/schema.ts';
import type { ScoreResult } from '../core/scoring/types.ts';

const cache = new Map<string, Promise<Record<string, unknown> | null>>();

/** Import a module relative to src/ (e.g. "core/scoring/score.ts"); null when the file is missing. */
export function optionalModule(relToSrc: string): Promise<Record<string, unknown> | null> {
  const url = new URL(`../${relToSrc}`, import.meta.url);
  // A missing file is re-checked on every call (cheap), so a module written later is picked up.
  if (!existsSync(fileURLToPath(url))) return Promise.resolve(null);
  let p = cache.get(relToSrc);
  if (!p) {
    p = (import(url.href) as Promise<Record<string, unknown>>).catch((err: unknown) => {
      cache.delete(relToSrc); // retry later: the module may be mid-edit
      console.error(`jixiao: cannot load ${relToSrc}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
    cache.set(relToSrc, p);
  }
  return p;
}

function fn<T>(mod: Record<string, unknown> | null, ...names: string[]): T | undefined {
  if (!mod) return undefined;
  for (const n of names) if (typeof mod[n] === 'function') return mod[n] as T;
  return undefined;
}

// ---- rule sets and scoring

type RuleSetT = import('../core/scoring/ruleset.ts').RuleSet;

const rulesets = new Map<string, Promise<RuleSetT | undefined>>();

/**
 * The rule set a dossier names (default national); undefined when unknown. Only plain names are
 * accepted: a dossier comes from users, and the loader also reads file paths.
 */
export function loadRuleset(name: string): Promise<RuleSetT | undefined> {
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(name)) return Promise.resolve(undefined);
  let p = rulesets.get(name);
  if (!p) {
    p = (async () => {
      const loader = fn<(n: string) => Promise<RuleSetT>>(await optionalModule('io/load-ruleset.ts'), 'loadRuleset');
      if (loader) {
        try {
          return await loader(name);
        } catch {
          if (name !== 'national') return undefined;
        }
      }
      if (name !== 'national') return undefined;
      return (await optionalModule('core/scoring/ruleset.ts'))?.NATIONAL_RULESET as RuleSetT | undefined;
    })();
    p.then((r) => { if (r === undefined) rulesets.delete(name); }, () => rulesets.delete(name));
    rulesets.set(name, p);
  }
  return p;
}

export type ScoreFn = (d: Dossier, ruleset?: RuleSetT) => ScoreResult;

export async function scorer(): Promise<ScoreFn | undefined> {
  return fn<ScoreFn>(await optionalModule('core/scoring/score.ts'), 'score');
}

// ---- audit

export interface FindingLike { readonly severity: 'error' | 'warning' | 'info'; readonly code: string }
export type AuditFn = (d: Dossier, opts: { ruleset: RuleSetT; score: ScoreResult | null; today: string }) => readonly FindingLike[];

type AuditDossierFn = (d: Dossier, opts: { score?: ScoreResult; ruleset?: import('../core/audit/types.ts').AuditRuleset; today?: string }) => FindingLike[];

export async function auditor(): Promise<AuditFn | undefined> {
  const f = fn<AuditDossierFn>(await optionalModule('core/audit/audit.ts'), 'auditDossier');
  if (!f) return undefined;
  return (d, o) => f(d, {
    ...(o.score ? { score: o.score } : {}),
    today: o.today,
    ruleset: {
      name: o.ruleset.name,
      executionWeight: o.ruleset.execution.weight,
      executionBase: o.ruleset.execution.denominator,
      ...(o.ruleset.level1Weights.department ? { level1Weights: o.ruleset.level1Weights.department } : {}),
    },
  });
}
