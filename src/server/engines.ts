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

type RuleSetT = unknown;

/** The rule set a dossier names (default national); undefined when unknown. */
export async function loadRuleset(name: string): Promise<RuleSetT | undefined> {
  const loader = fn<(n: string) => unknown>(await optionalModule('io/load-ruleset.ts'), 'loadRuleset', 'loadRulesetByName');
  if (loader) {
    try {
      const r = await loader(name);
      if (r && typeof r === 'object' && 'ok' in r) return (r as unknown as { ok: boolean; ruleset?: unknown }).ok ? (r as unknown as { ruleset: unknown }).ruleset : undefined;
      return r;
    } catch {
      if (name !== 'national') return undefined;
    }
  }
  if (name === 'national') {
    const mod = await optionalModule('core/scoring/ruleset.ts');
    return mod?.NATIONAL_RULESET;
  }
  return undefined;
}

export type ScoreFn = (d: Dossier, ruleset?: RuleSetT) => ScoreResult;

export async function scorer(): Promise<ScoreFn | undefined> {
  return fn<ScoreFn>(await optionalModule('core/scoring/score.ts'), 'score');
}

// ---- audit

export interface FindingLike { readonly severity: 'error' | 'warning' | 'info'; readonly code: string }
export type AuditFn = (d: Dossier, opts: { ruleset: RuleSetT; score: ScoreResult | null }) => readonly FindingLike[];

const AUDIT_MODULES = ['core/audit/audit.ts', 'core/audit/index.ts', 'core/audit/run.ts'];

export async function auditor(): Promise<AuditFn | undefined> {
  for (const m of AUDIT_MODULES) {
    const f = fn<(...a: unknown[]) => unknown>(await optionalModule(m), 'audit', 'runAudit', 'auditDossier');
    if (f) return adaptAudit(f);
  }
  return undefined;
}

/** The audit engine's result may be a list or `{ findings }`. */
function adaptAudit(f: (...a: unknown[]) => unknown): AuditFn {
  return (d, opts) => {
    const r = f(d, opts);
    if (Array.isArray(r)) return r as FindingLike[];
    if (r && typeof r === 'object' && Array.isArray((r as { findings?: unknown }).findings)) return (r as { findings: FindingLike[] }).findings;
    throw new Error('audit engine returned an unexpected shape');
  };
}
