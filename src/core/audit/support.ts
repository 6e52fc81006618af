/**
 * Helpers shared by the audit rules: reading stated figures, grouping statements by place,
 * describing places in words, and building findings.
 */
import {
  conceptLabel as registryLabel,
  conceptPath,
  moneyConcept,
  type ConceptKey,
  type MoneyColumn,
} from '../concepts/index.ts';
import type { Statement } from '../dossier/schema.ts';
import { fundsColumns, fundsSource } from '../derive.ts';
import { Decimal, decimalOf, formatPoints, formatWan, wanToFen } from '../money.ts';
import { asciiDigits, asciiMinus } from '../text/digits.ts';
import { NATIONAL_RULESET, type RuleSet } from '../scoring/ruleset.ts';
import type { IndicatorScore, ScoreResult } from '../scoring/types.ts';
import type {
  AuditContext,
  AuditIndex,
  AuditLocation,
  Finding,
  RuleMeta,
  Severity,
  Text2,
} from './types.ts';

/**
 * The largest difference two amounts may have and still be the same figure, 万元 (the last digit
 * of an amount written to two decimals). A Decimal made once: comparing with the text '0.01'
 * parsed it on every call, and the rules compare thousands of times per audit (issue 14).
 */
export const AMOUNT_TOLERANCE = new Decimal('0.01');
/** Scores equal to the hundredth of a point, 分. */
export const SCORE_TOLERANCE = new Decimal('0.01');

/** A number as stated in the report, with the number of decimals it was written with. */
export interface StatedNumber {
  readonly value: Decimal;
  readonly decimals: number;
  readonly text: string;
  /** The value in integer 分 when exact to the 分, else null (set when the text is read). */
  readonly fen?: number | null;
}

const NONE_RE = /^(无|—|-|－|–)$/;

/**
 * Read a stated figure: "404.92", "404.92万元", "84.8%", "98.9分", "１０", "无" (= 0).
 * Returns null for text that holds no number ("优", "均完成").
 */
export function parseStated(text: string): StatedNumber | null {
  const known = parsedTexts.get(text);
  if (known !== undefined) return known;
  if (parsedTexts.size >= PARSED_TEXTS_MAX) parsedTexts.clear();
  const n = parseStatedText(text);
  parsedTexts.set(text, n);
  return n;
}

/**
 * Stated texts already read: a dossier states a few hundred figures and some 20 rules read each,
 * so each text is parsed once (the result is immutable). Bounded so a long-running server does
 * not grow it without end.
 */
const parsedTexts = new Map<string, StatedNumber | null>();
const PARSED_TEXTS_MAX = 20_000;

function parseStatedText(text: string): StatedNumber | null {
  const t = asciiMinus(asciiDigits(text))
    .replace(/[．](?=\d)/g, '.')
    .replace(/,/g, '')
    .replace(/\s/g, '');
  if (NONE_RE.test(t)) return { value: new Decimal(0), decimals: 0, text, fen: 0 };
  const m = /^[^\d+-]*([+-]?\d+(?:\.(\d+))?)/.exec(t);
  if (!m?.[1]) return null;
  const value = decimalOf(m[1]);
  return { value, decimals: m[2]?.length ?? 0, text, fen: wanToFen(value.toFixed()) };
}

let fens = new WeakMap<StatedNumber, number | null>();
/**
 * A stated number in integer 分 (万元 × 10^6) when it is exact to the 分, else null; kept per parsed
 * number, which is kept per text. Sums compare in 分 first and make Decimals only when they differ.
 */
export function statedFen(n: StatedNumber): number | null {
  if (n.fen !== undefined) return n.fen;
  let f = fens.get(n);
  if (f === undefined) {
    f = wanToFen(n.value.toFixed());
    fens.set(n, f);
  }
  return f;
}

/** A statement's number (parsed once per text however many rules read it). */
export const statedNumber = (s: Statement): StatedNumber | null => parseStated(s.value);

// join() writes an absent scope as ''.
const groupKey = (concept: ConceptKey, scope: string | undefined) =>
  [concept, scope].join('\u0000');

const EMPTY: readonly Statement[] = [];
let indexes = new WeakMap<readonly Statement[], AuditIndex>();
/**
 * Statements grouped by concept and scope. audit() builds it once and passes it in the context;
 * a rule called on its own context gets one built (and kept) for that statement list.
 */
export function buildAuditIndex(statements: readonly Statement[] = EMPTY): AuditIndex {
  let index = indexes.get(statements);
  if (!index) {
    const groups = new Map<string, Statement[]>();
    const byConcept = new Map<ConceptKey, Map<string, Statement[]>>();
    for (const s of statements) {
      let scopes = byConcept.get(s.concept);
      if (!scopes) {
        scopes = new Map();
        byConcept.set(s.concept, scopes);
      }
      const scope = s.scope ?? '';
      const g = scopes.get(scope);
      if (g) g.push(s);
      else {
        const list = [s];
        scopes.set(scope, list);
        groups.set(groupKey(s.concept, s.scope), list);
      }
    }
    index = { groups, byConcept };
    indexes.set(statements, index);
  }
  return index;
}
const indexOf = (ctx: AuditContext): AuditIndex =>
  ctx.index ?? buildAuditIndex(ctx.dossier.statements);

/** Statements of one concept (and scope: undefined means unscoped only). */
export function statementsOf(
  ctx: AuditContext,
  concept: ConceptKey,
  scope?: string,
): readonly Statement[] {
  // Two lookups instead of a joined key: rules ask thousands of times per dossier (issue 14).
  return (
    indexOf(ctx)
      .byConcept.get(concept)
      ?.get(scope ?? '') ?? EMPTY
  );
}

/** Every group of statements of one concept and scope, each group in dossier order. */
export const statementGroups = (ctx: AuditContext): Iterable<readonly Statement[]> =>
  indexOf(ctx).groups.values();

/**
 * Two statements are at the same place when section, annex and table agree. Built each time: a
 * template is cheaper than keeping it per place in a WeakMap (issue 14: the WeakMap was 5 % of a
 * fresh dossier's audit).
 */
export const placeKey = (w: Statement['where']): string =>
  `${w.section ?? ''}|${w.annex ?? ''}|${w.table ?? ''}`;

/** "二（一）写", "六 1 写", "附件1 写": a place followed by 写 (a space after a trailing digit or letter). */
export function wrote(w: AuditLocation): string {
  const label = placeLabel(w);
  return /[A-Za-z0-9]$/.test(label) ? `${label} 写` : `${label}写`;
}

/** Short words for a place: "二（一）", "附件1", "附件1 三公经费行 2023年决算数列". */
export function placeLabel(w: AuditLocation, lang: 'zh' | 'en' = 'zh', detail = false): string {
  const parts: string[] = [];
  if (w.section) parts.push(w.section);
  if (w.annex) parts.push(lang === 'zh' ? `附件${w.annex}` : `annex ${w.annex}`);
  if (w.table && !w.annex) parts.push(w.table);
  if (detail && w.row) parts.push(lang === 'zh' ? `“${w.row}”行` : `row "${w.row}"`);
  if (detail && w.column) parts.push(lang === 'zh' ? `“${w.column}”列` : `column "${w.column}"`);
  if (!parts.length && w.path) parts.push(lang === 'zh' ? `档案 ${w.path}` : `dossier ${w.path}`);
  if (!parts.length && w.concept) parts.push(`${lang === 'zh' ? '档案' : 'dossier'} ${w.concept}`);
  if (!parts.length && w.page) parts.push(lang === 'zh' ? `第${w.page}页` : `page ${w.page}`);
  return parts.join(' ') || (lang === 'zh' ? '报告' : 'report');
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

let locations = new WeakMap<Statement, AuditLocation>();
/**
 * Where a statement was made, as a finding location (built once per statement; read-only). Fields
 * set one by one, in this order (the order JSON output shows): spreading eight conditional objects
 * was 8 % of a fresh dossier's audit (issue 14).
 */
export function statementLocation(s: Statement): AuditLocation {
  let loc = locations.get(s);
  if (!loc) {
    const w = s.where;
    const l: Mutable<AuditLocation> = {};
    if (w.section !== undefined) l.section = w.section;
    if (w.annex !== undefined) l.annex = w.annex;
    if (w.table !== undefined) l.table = w.table;
    if (w.row !== undefined) l.row = w.row;
    if (w.column !== undefined) l.column = w.column;
    if (w.page !== undefined) l.page = w.page;
    if (w.line !== undefined) l.line = w.line;
    if (w.quote !== undefined) l.quote = w.quote;
    locations.set(s, (loc = l));
  }
  return loc;
}

/** Display a 万元 amount (Decimal or text) with two decimals (money.formatWan). */
export const wan = (v: Decimal | string): string => formatWan(v);

/** Display points with two decimals (the one definition is money.formatPoints). */
export const pts = formatPoints;

/** Label of a concept key ("expenditure.basic.actual" → "基本支出全年执行数（决算数）"). */
export const conceptLabel = (key: ConceptKey, lang: 'zh' | 'en' = 'zh'): string =>
  registryLabel(key, lang);

export interface FindingInput {
  readonly message: Text2;
  readonly values: Record<string, string>;
  readonly locations: readonly AuditLocation[];
  readonly severity?: Severity;
  readonly indicatorId?: string;
  readonly scope?: string;
}

export function finding(rule: RuleMeta, f: FindingInput): Finding {
  return {
    code: rule.code,
    severity: f.severity ?? rule.severity,
    family: rule.family,
    title: rule.title,
    message: f.message,
    values: f.values,
    locations: f.locations,
    ...(f.indicatorId !== undefined ? { indicatorId: f.indicatorId } : {}),
    ...(f.scope !== undefined ? { scope: f.scope } : {}),
  };
}

/** "二（一）写 404.92，六 1 写 404.93" — each statement with its place. */
export function saidAt(all: readonly Statement[], unit = '', lang: 'zh' | 'en' = 'zh'): string {
  const seen = new Set<string>();
  const statements = all.filter((s) => {
    const k = `${placeLabel(s.where)}\u0000${s.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return statements
    .map((s) =>
      lang === 'zh'
        ? `${wrote(s.where)} ${s.value}${unit && !s.value.endsWith(unit) ? ` ${unit}` : ''}`
        : `${placeLabel(s.where, lang)} says ` +
          `${s.value}${unit && !s.value.endsWith(unit) ? ` ${unit}` : ''}`,
    )
    .join(lang === 'zh' ? '，' : '; ');
}

/** Indicators of the unit and of every project grid, with their JSON path and scope. */
export function allIndicators(ctx: AuditContext) {
  const d = ctx.dossier;
  const out = d.indicators.map((ind, i) => ({
    ind,
    path: `indicators[${i}]`,
    scope: undefined as string | undefined,
  }));
  d.expenditure.projects.forEach((p, pi) =>
    p.indicators.forEach((ind, i) =>
      out.push({ ind, path: `expenditure.projects[${pi}].indicators[${i}]`, scope: p.id }),
    ),
  );
  return out;
}

/**
 * Indicator scores by scope and id, built once per score result (rules look them up per indicator).
 */
let scoreIndex = new WeakMap<object, Map<string, IndicatorScore>>();
const indexKey = (scope: string | undefined, id: string) => [scope, id].join('\u0000');

/** The score engine's entry for an indicator, when the engine ran. */
export function engineScore(
  ctx: AuditContext,
  id: string,
  scope: string | undefined,
): IndicatorScore | undefined {
  if (!ctx.score) return undefined;
  const index = scoreIndex.get(ctx.score) ?? keepScoreIndex(ctx.score);
  return index.get(indexKey(scope, id));
}
function keepScoreIndex(score: ScoreResult): Map<string, IndicatorScore> {
  const index = new Map<string, IndicatorScore>();
  for (const s of score.indicators) index.set(indexKey(undefined, s.id), s);
  for (const p of score.projects)
    for (const s of p.indicators) index.set(indexKey(p.projectId, s.id), s);
  scoreIndex.set(score, index);
  return index;
}

/** A rule from its metadata and its named check function. */
export function defineRule(
  meta: RuleMeta,
  check: (ctx: AuditContext, rule: RuleMeta) => Finding[],
): import('./types.ts').Rule {
  return { ...meta, check: (ctx) => check(ctx, meta) };
}

/** The rule set a context was scored with: the national default when absent. */
export const rulesetOf = (ctx: AuditContext): RuleSet => ctx.ruleset ?? NATIONAL_RULESET;

/** Where a concept's value is: its real JSON path when stored, else the concept (a sum, a rate). */
export function conceptLocation(ctx: AuditContext, key: ConceptKey, scope?: string): AuditLocation {
  const path = conceptPath(key, ctx.dossier, scope);
  return path !== undefined ? { path } : { concept: key };
}

/**
 * Where the unit's total funds in a column come from: the income total when income is filled,
 * else the expenditure total (derive.fundsSource) — a concept, since the dossier stores only parts.
 */
export const fundsLocation = (ctx: AuditContext, column: MoneyColumn): AuditLocation => ({
  concept: moneyConcept(fundsSource(ctx.derived), 'total', column),
});

/**
 * The unit's 年初预算数 total, 万元: from the structured income (or expenditure), else as the
 * report states it (income.total.initialBudget) when the structured parts leave it unknown.
 */
export function initialBudgetTotal(
  ctx: AuditContext,
): { value: string; loc: AuditLocation } | undefined {
  const f = fundsColumns(ctx.derived);
  if (f.initialBudget !== undefined)
    return { value: f.initialBudget, loc: fundsLocation(ctx, 'initialBudget') };
  for (const s of statementsOf(ctx, 'income.total.initialBudget')) {
    const n = statedNumber(s);
    if (n) return { value: n.value.toFixed(), loc: statementLocation(s) };
  }
  return undefined;
}

/**
 * Forgets every kept result (parsed texts, 分 values, indexes, places, locations, score indexes).
 * For mutation testing, which reuses loaded modules between runs: a result kept under one mutant
 * would otherwise answer for the next. Results are the same without the caches, only slower.
 */
export function clearAuditCaches(): void {
  for (const reset of keptResets) reset();
  parsedTexts.clear();
  fens = new WeakMap();
  indexes = new WeakMap();
  locations = new WeakMap();
  scoreIndex = new WeakMap();
}

const keptResets: (() => void)[] = [];
/**
 * `make` kept per key object (a dossier, a statement list): what several rules compute from the
 * same input is computed once per audit (issue 14). The key must not change after the first call
 * (the core's inputs are immutable). Forgotten by clearAuditCaches like every other kept result.
 */
export function keptPer<K extends object, V>(make: (key: K) => V): (key: K) => V {
  let kept = new WeakMap<K, V>();
  keptResets.push(() => {
    kept = new WeakMap();
  });
  return (key) => {
    let v = kept.get(key);
    if (v === undefined) {
      v = make(key);
      kept.set(key, v);
    }
    return v;
  };
}
