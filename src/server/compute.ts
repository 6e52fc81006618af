/**
 * Score + audit of a stored dossier version, cached by (dossier id, version): a version never
 * changes, so neither does its result. The cache belongs to one app instance (createDossierCache
 * in buildApp, reached through AppDeps), so two apps in one process never share results. Stored
 * documents are validated on read (stored-dossier.ts). The stored summary (total, grade,
 * execution rate, finding counts) that listings sort on comes from here.
 */
import { scoreAndAudit } from '../core/audit/audit.ts';
import type { Finding } from '../core/audit/types.ts';
import type { Dossier } from '../core/dossier/schema.ts';
import { roundPercent } from '../core/money.ts';
import { NATIONAL_RULESET, type RuleSet } from '../core/scoring/ruleset.ts';
import type { ScoreResult } from '../core/scoring/types.ts';
import { loadRuleset } from '../io/load-ruleset.ts';
import type { Kysely } from 'kysely';
import { upsertSummaries, type Summary } from '../storage/dossiers.ts';
import type { DB } from '../storage/types.ts';
import { HttpError } from './errors.ts';
import { checkStoredText, storedDossier } from './stored-dossier.ts';

/** A dossier scored and audited under the rule set it names. */
export interface Scored {
  /** The document as validated on read. */
  readonly dossier: Dossier;
  readonly ruleset: RuleSet;
  readonly score: ScoreResult;
  readonly findings: readonly Finding[];
  readonly summary: Summary;
}

/** A dossier naming a rule set that does not exist: nothing to score against (summary all null). */
export interface Unscored {
  readonly dossier: Dossier;
  readonly ruleset: null;
  /** The unknown name, as the dossier wrote it. */
  readonly rulesetName: string;
  readonly score: null;
  readonly findings: null;
  readonly summary: Summary;
}

export type Computed = Scored | Unscored;

// Rule sets are shipped files keyed by name (not by dossier): one process-wide cache is right.
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

/** How long a scheduled summary waits for a later save of the same dossier, ms. */
const SUMMARY_DELAY_MS = 200;

/**
 * The longest a listing waits for the summaries of earlier saves, ms: beyond it the listing shows
 * what is stored (summaries follow soon after) rather than hang on a busy server.
 */
const SETTLE_MAX_MS = 5000;

/** Results kept per app (one entry per dossier version and day); the oldest go first. */
const MAX_CACHE = 1000;

/** Per-app caches over stored dossier versions (created in buildApp, reached via AppDeps). */
export interface DossierCache {
  /**
   * Score + audit of dossier `id` at `version`. `dossier` is the stored document or a loader for
   * it: on a hit the document is not read at all. A loader must return exactly that version (e.g.
   * the immutable revision). Throws CorruptStoredDossier when the document fails the schema.
   */
  computed(id: number, version: number, dossier: unknown): Promise<Computed>;
  /** Throws CorruptStoredDossier unless the stored text is a dossier; once per version. */
  checkText(id: number, version: number, json: string): void;
  /**
   * Score + audit of a just-saved version and its stored summary, after the response: the save
   * returns once it is durable and the summary follows. Per dossier only the latest version
   * scheduled is computed; summaries are written in batches, one transaction each.
   */
  scheduleSummary(db: Kysely<DB>, id: number, version: number, dossier: unknown, log?: Log): void;
  /**
   * Resolves once every summary scheduled before the call is written (listings wait: they show
   * the latest), or after `maxWaitMs` (default 5 s) at most. Later saves do not prolong the wait.
   */
  summariesSettled(maxWaitMs?: number): Promise<void>;
  /** Resolves once no summary is pending or being written (closing: nothing is left behind). */
  idle(): Promise<void>;
}

/** A summary waiting to be computed. */
interface Scheduled {
  readonly db: Kysely<DB>;
  readonly version: number;
  readonly dossier: unknown;
  readonly log?: Log;
}

/** A promise with its resolve function, for a batch's readers. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Where a summary that cannot be computed is reported (a request's or the app's logger). */
interface Log {
  warn(obj: object, msg: string): void;
}

/** Drops the oldest entries of an insertion-ordered map above `max`. */
function trim(map: Map<string, unknown>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value as string);
}

export function createDossierCache(maxEntries: number = MAX_CACHE): DossierCache {
  const results = new Map<string, Promise<Computed>>();
  const checked = new Map<string, true>();
  // Summaries waiting to be computed, by dossier id (a later save replaces an earlier one).
  const pending = new Map<number, Scheduled>();
  let draining: Promise<void> | undefined;
  /**
   * Wall time of the last batch of summaries (computing, including the requests served between).
   */
  let lastBatchMs = 0;
  // Resolves once the summaries pending now (the next batch taken) are written.
  let next = deferred();
  // The batch being computed and written, if any.
  let current: Promise<void> | undefined;
  // A listing waits: take the next batch without the wait for later saves.
  let urgent = false;
  // Resolves the current wait early (a listing wants the summaries now).
  let flush: (() => void) | undefined;

  async function drain(cache: DossierCache): Promise<void> {
    while (pending.size > 0) {
      // Saves of one dossier in quick succession (autosave, several editors) are scored once:
      // wait a moment for later versions, unless a listing asks for the summaries now.
      // Under a stream of saves, summaries take at most a third of the time: the wait is twice
      // the last batch's computing, and a longer wait folds more saves into one computation.
      if (!urgent)
        await new Promise<void>((r) => {
          const t = setTimeout(r, Math.max(SUMMARY_DELAY_MS, 2 * lastBatchMs));
          flush = () => {
            clearTimeout(t);
            r();
          };
        });
      flush = undefined;
      urgent = false;
      const batch = [...pending];
      pending.clear();
      const written = next;
      next = deferred();
      current = written.promise;
      try {
        await writeBatch(cache, batch);
      } finally {
        current = undefined;
        written.resolve();
      }
    }
  }

  async function writeBatch(cache: DossierCache, batch: [number, Scheduled][]): Promise<void> {
    const started = performance.now();
    const byDb = new Map<Kysely<DB>, { dossierId: number; summary: Summary }[]>();
    for (const [id, p] of batch) {
      try {
        const c = await cache.computed(id, p.version, p.dossier);
        const list = byDb.get(p.db) ?? [];
        list.push({ dossierId: id, summary: c.summary });
        byDb.set(p.db, list);
      } catch (err) {
        p.log?.warn({ err, dossierId: id }, 'summary not computed');
      }
      // Requests arriving meanwhile are served between two computations.
      await new Promise((r) => setImmediate(r));
    }
    lastBatchMs = performance.now() - started;
    for (const [db, entries] of byDb) {
      try {
        await upsertSummaries(db, entries);
      } catch (err) {
        batch[0]?.[1].log?.warn({ err }, 'summaries not stored');
      }
    }
  }

  function kick(): void {
    if (draining) return;
    draining = drain(cache).finally(() => {
      draining = undefined;
      // Scheduled after the loop's last look: start again.
      if (pending.size > 0) kick();
    });
  }

  const cache: DossierCache = {
    computed(id, version, dossier) {
      const today = new Date().toISOString().slice(0, 10);
      // The audit's date checks depend on today, so the day is part of the key.
      const key = `${id}:${version}:${today}`;
      let p = results.get(key);
      if (!p) {
        const raw =
          typeof dossier === 'function'
            ? (dossier as () => Promise<unknown>)()
            : Promise.resolve(dossier);
        p = raw.then((d) => compute(storedDossier(id, version, d), today));
        p.catch(() => results.delete(key));
        results.set(key, p);
        trim(results, maxEntries);
      }
      return p;
    },
    checkText(id, version, json) {
      const key = `${id}:${version}`;
      if (checked.has(key)) return;
      checkStoredText(id, version, json);
      checked.set(key, true);
      trim(checked, maxEntries);
    },
    scheduleSummary(db, id, version, dossier, log) {
      pending.set(id, { db, version, dossier, ...(log ? { log } : {}) });
      kick();
    },
    async summariesSettled(maxWaitMs = SETTLE_MAX_MS) {
      // Only what is scheduled now: saves arriving meanwhile would otherwise keep a listing
      // waiting as long as they arrive (16.7 s seen under a PUT load).
      const waits: Promise<void>[] = [];
      if (current) waits.push(current);
      if (pending.size > 0) {
        waits.push(next.promise);
        urgent = true;
        flush?.();
      }
      if (waits.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(waits),
        new Promise<void>((r) => {
          timer = setTimeout(r, maxWaitMs);
        }),
      ]);
      clearTimeout(timer);
    },
    async idle() {
      while (draining) {
        if (pending.size > 0) urgent = true;
        flush?.();
        await draining;
      }
    },
  };
  return cache;
}

export async function compute(
  dossier: Dossier,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<Computed> {
  const rulesetName = dossier.ruleset ?? 'national';
  const ruleset = await rulesetNamed(rulesetName);
  if (ruleset === undefined) {
    return {
      dossier,
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
  // Derived once for both (issue 14), as check, audit and report do.
  const { score: result, findings } = scoreAndAudit(dossier, { ruleset, today });
  const count = (sev: Finding['severity']) => findings.filter((f) => f.severity === sev).length;
  const rate = result.execution.rate;
  return {
    dossier,
    ruleset,
    score: result,
    findings,
    summary: {
      total: result.total,
      grade: result.grade,
      executionRate: rate.ok ? roundPercent(rate.percent).toFixed(2) : null,
      findings: { error: count('error'), warning: count('warning'), info: count('info') },
      ruleset: `${result.ruleset.name}@${result.ruleset.version}`,
      codes: [...new Set(findings.map((f) => f.code))].sort(),
    },
  };
}

/**
 * The scored result, or 422 `ruleset-unknown` when the dossier names a rule set that does not
 * exist.
 */
export function requireScored(c: Computed): Scored {
  if (c.ruleset === null)
    throw new HttpError(422, 'ruleset-unknown', `规则集 ${c.rulesetName} 不可用`);
  return c;
}
