/**
 * How the corpus measurement (corpus.ts) compares an import and an audit with a hand reading:
 * key figures through the concept registry, indicator rows by fuzzy name, inconsistencies by the
 * figures they involve. Pure functions, tested in corpus-match.test.ts.
 */
import { conceptInfo } from '../core/dossier/concepts.ts';
import type { Dossier } from '../core/dossier/schema.ts';
import { Decimal } from '../core/money.ts';
import type { Finding } from '../core/audit/index.ts';

/** The key figures of a hand reading (README "the key figures"), in 万元, %, points. */
export const KEY_FIGURES = [
  'budget_total',
  'actual_total',
  'execution_rate_pct',
  'basic_actual',
  'project_actual',
  'personnel',
  'public_funds',
  'three_public_actual',
  'self_score',
] as const;
export type KeyFigure = (typeof KEY_FIGURES)[number];

/**
 * Each key figure as the dossier's concepts (src/core/dossier/concepts.ts). A document states its
 * budget as the unit's income or expenditure total, or as the project's money block; which column
 * (年初 / 全年) the hand reading took varies, so any of the listed concepts stating the value counts.
 */
export const FIGURE_CONCEPTS: Record<KeyFigure, readonly string[]> = {
  budget_total: [
    'project.adjustedBudget',
    'project.initialBudget',
    'income.total.adjustedBudget',
    'income.total.initialBudget',
    'expenditure.total.adjustedBudget',
    'expenditure.total.initialBudget',
  ],
  actual_total: ['project.actual', 'income.total.actual', 'expenditure.total.actual'],
  execution_rate_pct: ['execution.rate'],
  basic_actual: ['expenditure.basic.actual'],
  project_actual: ['expenditure.projects.actual'],
  personnel: ['expenditure.personnel.actual'],
  public_funds: ['expenditure.publicFunds.actual'],
  three_public_actual: ['threePublic.total.actual'],
  self_score: ['score.total'],
};
for (const keys of Object.values(FIGURE_CONCEPTS))
  for (const k of keys)
    if (!conceptInfo(k)) throw new Error(`eval: ${k} is not a concept of the registry`);

export interface HandIndicator {
  readonly name: string;
  readonly weight: number | null;
  readonly score: number | null;
}
export interface HandInconsistency {
  readonly what: string;
  readonly evidence: string;
  readonly severity: 'hard' | 'soft' | 'minor';
}
export interface HandReading {
  readonly clean: boolean;
  readonly report_level: string;
  readonly indicators: readonly HandIndicator[];
  readonly inconsistencies: readonly HandInconsistency[];
  readonly [figure: string]: unknown;
}

/** Decimal at 2 places (万元 to the 分, % and points to the hundredth), or null. */
export function dec2(v: string | number): string | null {
  const t = String(v)
    .replace(/[,，\s]/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const m = /-?\d+(?:\.\d+)?/.exec(t);
  if (!m) return null;
  return new Decimal(m[0]).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** The values the dossier gives for one key figure: its statements, then structured fields. */
export function figureValues(d: Dossier, fig: KeyFigure): string[] {
  const out = new Set<string>();
  for (const concept of FIGURE_CONCEPTS[fig])
    for (const s of d.statements)
      if (s.concept === concept) {
        const v = dec2(s.value);
        if (v !== null) out.add(v);
      }
  const add = (v: string | undefined) => {
    const x = v === undefined ? null : dec2(v);
    if (x !== null) out.add(x);
  };
  const e = d.expenditure;
  if (fig === 'budget_total')
    for (const p of e.projects) {
      add(p.money.adjustedBudget);
      add(p.money.initialBudget);
    }
  if (fig === 'actual_total') for (const p of e.projects) add(p.money.actual);
  if (fig === 'personnel') add(e.personnel.actual);
  if (fig === 'public_funds') add(e.publicFunds.actual);
  return [...out];
}

/** Name as compared: CJK, letters and digits only, without "指标1:" numbering. */
const normName = (s: string) =>
  s.replace(/指标\s*\d+\s*[:：]?/g, '').replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out.length ? out : [s];
}
/** Name similarity in [0, 1]: 1 when one name holds the other, else the bigram Dice coefficient. */
export function nameSimilarity(a: string, b: string): number {
  const x = normName(a);
  const y = normName(b);
  if (!x || !y) return 0;
  if (x.includes(y) || y.includes(x)) return 1;
  const bx = bigrams(x);
  const by = new Map<string, number>();
  for (const g of bigrams(y)) by.set(g, (by.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of bx) {
    const n = by.get(g) ?? 0;
    if (n > 0) {
      common++;
      by.set(g, n - 1);
    }
  }
  return (2 * common) / (bx.length + bigrams(y).length);
}

const NAME_MATCH = 0.5;
const sameNumber = (hand: number | null, stated: string | undefined) =>
  hand === null || (stated !== undefined && dec2(stated) === dec2(hand));

/** An indicator row as found: a dossier indicator or a row as read (weight may be unstated). */
export interface FoundRow {
  readonly name: string;
  readonly level2?: string | undefined;
  readonly weight?: string | undefined;
  readonly score?: string | undefined;
}

export interface IndicatorMatch {
  readonly hand: HandIndicator;
  readonly found?: FoundRow;
  readonly right: boolean;
}
/**
 * Match hand rows to imported rows greedily by name similarity (each imported row used once); the
 * 二级 label with the name counts at 0.9 of its similarity.
 */
export function matchIndicators(
  hand: readonly HandIndicator[],
  found: readonly FoundRow[],
): IndicatorMatch[] {
  const pairs: { h: number; f: number; sim: number }[] = [];
  hand.forEach((h, hi) =>
    found.forEach((f, fi) => {
      // A hand reading may name a row by its 二级 label when the 三级 cell holds prose; the
      // label with the name counts then, a little below the name alone.
      const sim = Math.max(
        nameSimilarity(h.name, f.name),
        f.level2 ? 0.9 * nameSimilarity(h.name, `${f.level2}${f.name}`) : 0,
      );
      if (sim >= NAME_MATCH) pairs.push({ h: hi, f: fi, sim });
    }),
  );
  pairs.sort((a, b) => b.sim - a.sim);
  const byHand = new Map<number, number>();
  const used = new Set<number>();
  for (const p of pairs)
    if (!byHand.has(p.h) && !used.has(p.f)) {
      byHand.set(p.h, p.f);
      used.add(p.f);
    }
  return hand.map((h, hi) => {
    const fi = byHand.get(hi);
    const f = fi === undefined ? undefined : found[fi];
    return {
      hand: h,
      ...(f ? { found: f } : {}),
      right: !!f && sameNumber(h.weight, f.weight) && sameNumber(h.score, f.score),
    };
  });
}

/** The distinct numbers of a text at 2 places, years (2000–2100 as integers) left out. */
export function numbersIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.replace(/,/g, '').matchAll(/\d+(?:\.\d+)?/g)) {
    const n = Number(m[0]);
    if (Number.isInteger(n) && n >= 2000 && n <= 2100) continue;
    const v = dec2(m[0]);
    if (v !== null) out.add(v);
  }
  return out;
}

/** How many of the evidence's numbers a finding names (its values and its message). */
export function commonFigures(f: Finding, inc: HandInconsistency): number {
  const want = numbersIn(inc.evidence);
  const have = numbersIn([...Object.values(f.values), f.message.zh].join(' '));
  let common = 0;
  for (const n of want) if (have.has(n)) common++;
  return common;
}

/**
 * A finding matches an inconsistency when it names the figures involved: at least two of the
 * evidence's numbers (or its one number) appear among the finding's values or message.
 */
export function findingMatches(f: Finding, inc: HandInconsistency): boolean {
  const want = numbersIn(inc.evidence).size;
  return want > 0 && commonFigures(f, inc) >= Math.min(2, want);
}

/**
 * Pair inconsistencies with findings one to one, the pairs naming most figures first, so that one
 * finding is not counted for two inconsistencies. `eligible` says which findings may count for an
 * inconsistency (by severity). Returns, per inconsistency, the finding found for it.
 */
export function assignFindings(
  incs: readonly HandInconsistency[],
  findings: readonly Finding[],
  eligible: (f: Finding, inc: HandInconsistency) => boolean,
): (Finding | undefined)[] {
  const pairs: { i: number; f: number; n: number }[] = [];
  incs.forEach((inc, i) =>
    findings.forEach((f, fi) => {
      if (eligible(f, inc) && findingMatches(f, inc))
        pairs.push({ i, f: fi, n: commonFigures(f, inc) });
    }),
  );
  pairs.sort((a, b) => b.n - a.n || a.i - b.i || a.f - b.f);
  const out: (Finding | undefined)[] = incs.map(() => undefined);
  const used = new Set<number>();
  for (const p of pairs)
    if (out[p.i] === undefined && !used.has(p.f)) {
      out[p.i] = findings[p.f];
      used.add(p.f);
    }
  return out;
}
