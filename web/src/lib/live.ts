/**
 * Live score and findings: the browser runs the SAME pure core as the CLI and the server
 * (validateDossier → derive → score → audit) on every edit of the form state, in a worker
 * (live-worker.ts, through useLive in live-client.ts) so typing never waits for it. Timing is
 * measured with performance.now() and kept on window.__jixiaoRecompute for the browser tests.
 */
import {
  enteredValueErrors,
  validateDossier,
  type Validated,
} from '../../../src/core/dossier/validate.ts';
import { derive } from '../../../src/core/derive.ts';
import { score } from '../../../src/core/scoring/score.ts';
import { NATIONAL_RULESET, type RuleSet } from '../../../src/core/scoring/ruleset.ts';
import type { ScoreResult } from '../../../src/core/scoring/types.ts';
import type { Derived } from '../../../src/core/derive.ts';
import type { Finding } from '../../../src/core/audit/types.ts';
import { runAudit } from './audit-bridge.ts';
import { validPart } from './partial.ts';

export interface LiveResult {
  /** Validation of the whole form (its errors are shown at the fields and in the panel). */
  readonly validation: Validated;
  /**
   * False while the form has errors: the score and findings are then of the valid part only
   * (the panel marks the total 未完成). Rows and fields left out are listed.
   */
  readonly complete: boolean;
  readonly droppedRows: readonly string[];
  readonly droppedFields: readonly string[];
  readonly score: ScoreResult | null;
  /** Derived figures under the rule set's execution-rate denominator (null while invalid). */
  readonly derived: Derived | null;
  readonly findings: readonly Finding[];
  /** Recompute time, milliseconds (validate + derive + score + audit). */
  readonly ms: number;
  /** The same time split by step, milliseconds. */
  readonly parts: { readonly validate: number; readonly score: number; readonly audit: number };
}

declare global {
  interface Window {
    __jixiaoRecompute?: {
      count: number;
      last: number;
      samples: number[];
      lastParts?: LiveResult['parts'];
      /** Results computed in the live worker (the rest on the main thread). */
      inWorker?: number;
    };
  }
}

export function evaluate(
  input: unknown,
  /** ruleset: the dossier's own; null while it is loading or unknown (validate only, no score). */
  opts: { ruleset?: RuleSet | null; today?: string } = {},
): LiveResult {
  const t0 = performance.now();
  const validation = validateEntered(input);
  // With errors, score the valid part: leave out what the errors are about and validate again
  // (a left-out required field can surface one more error, hence a few rounds).
  let scored = validation;
  const droppedRows: string[] = [];
  const droppedFields: string[] = [];
  let current: unknown = input;
  for (let round = 0; round < 4 && !scored.ok; round += 1) {
    const part = validPart(current, scored.errors);
    if (part.droppedRows.length + part.droppedFields.length === 0) break;
    droppedRows.push(...part.droppedRows);
    droppedFields.push(...part.droppedFields);
    current = part.input;
    scored = validateEntered(current);
  }
  const t1 = performance.now();
  let t2 = t1;
  let result: ScoreResult | null = null;
  let derived: Derived | null = null;
  let findings: Finding[] = [];
  const rs = opts.ruleset === undefined ? NATIONAL_RULESET : opts.ruleset;
  if (scored.ok && rs) {
    derived = derive(scored.dossier, rs.execution.denominator);
    result = score(scored.dossier, rs, derived);
    t2 = performance.now();
    const today = opts.today ?? localToday();
    // The full rule set: a custom one's grade bands and qualitative tiers matter to the audit too.
    findings = runAudit({
      dossier: scored.dossier,
      derived,
      score: result,
      ruleset: rs,
      today,
    });
  }
  const t3 = performance.now();
  const ms = t3 - t0;
  const parts = { validate: t1 - t0, score: t2 - t1, audit: scored.ok && rs ? t3 - t2 : 0 };
  return {
    validation,
    complete: validation.ok,
    droppedRows,
    droppedFields,
    score: result,
    derived,
    findings,
    ms,
    parts,
  };
}

/** Keeps a recompute's time on window.__jixiaoRecompute (read by the browser tests). */
export function recordRecompute(
  live: Pick<LiveResult, 'ms' | 'parts'>,
  where: 'worker' | 'main' = 'main',
): void {
  if (typeof window === 'undefined') return;
  const rec = (window.__jixiaoRecompute ??= { count: 0, last: 0, samples: [], inWorker: 0 });
  rec.count += 1;
  if (where === 'worker') rec.inWorker = (rec.inWorker ?? 0) + 1;
  rec.last = live.ms;
  rec.lastParts = live.parts;
  rec.samples.push(live.ms);
  if (rec.samples.length > 200) rec.samples.shift();
}

/** A form state posted to the live worker; `seq` pairs the reply with it. */
export interface LiveRequest {
  readonly seq: number;
  readonly input: unknown;
  readonly ruleset: RuleSet | null;
  readonly today: string;
}

/**
 * The worker's answer: the result in its wire form (live-transfer.ts toWire), or why evaluate
 * failed on this input (the editor then computes it on the main thread).
 */
export type LiveReply =
  | { readonly seq: number; readonly wire: unknown }
  | { readonly seq: number; readonly failed: string };

/**
 * The schema plus the signs a person's entries must have (a negative 人员经费, a 分值 of 0): the
 * same checks the server applies before it stores a save, so what the browser accepts is saved.
 */
export function validateEntered(input: unknown): Validated {
  const v = validateDossier(input, 'zh');
  if (!v.ok) return v;
  const entered = enteredValueErrors(v.dossier, 'zh');
  return entered.length ? { ok: false, errors: entered } : v;
}

/** Today's date (YYYY-MM-DD) in the user's time zone: the audit checks filing dates against it. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * The dossier path a finding is about (first location with a path; an indicator's row otherwise).
 */
export function findingPath(
  f: Finding,
  indicatorIndex: (id: string, scope?: string) => string | undefined,
): string | undefined {
  const p = f.locations.find((l) => l.path)?.path;
  if (p) return p;
  if (f.indicatorId) return indicatorIndex(f.indicatorId, f.scope);
  return undefined;
}
