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
import { Decimal, decimalOf, fen, formatPoints, formatWan, wanToFen } from '../money.ts';
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
/** AMOUNT_TOLERANCE in integer 分 (0.01 万元 = 100 元 = 10^4 分), for amounts compared in 分. */
export const AMOUNT_TOLERANCE_FEN = fen(AMOUNT_TOLERANCE.toFixed());
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

/**
 * Whether two stated numbers are equal: in integer 分 when both are exact to the 分 (the usual
 * case: no Decimal is made), else as Decimals.
 */
export const sameStated = (x: StatedNumber, y: StatedNumber): boolean => compareStated(x, y) === 0;

/** Like sameStated, the order of two stated numbers: negative, zero or positive as x <, =, > y. */
export function compareStated(x: StatedNumber, y: StatedNumber): number {
  const fx = statedFen(x);
  const fy = statedFen(y);
  return fx !== null && fy !== null ? fx - fy : x.value.cmp(y.value);
}

/** A statement's number (parsed once per text however many rules read it). */
export const statedNumber = (s: Statement): StatedNumber | null => parseStated(s.value);

const EMPTY: readonly Statement[] = [];
let indexes = new WeakMap<readonly Statement[], AuditIndex>();
/**
 * Statements grouped by concept and scope, with each statement's place and, per group, the first
 * statement at each place. audit() builds it once and passes it in the context; a rule called on
 * its own context gets one built (and kept) for that statement list.
 */
export function buildAuditIndex(statements: readonly Statement[] = EMPTY): AuditIndex {
  let index = indexes.get(statements);
  if (!index) {
    const groups: Statement[][] = [];
    const byConcept = new Map<ConceptKey, Map<string, Statement[]>>();
    const atPlace = new Map<ConceptKey, Map<string, Map<string, Statement>>>();
    const places = new Map<Statement, string>();
    for (const s of statements) {
      const place = placeKey(s.where);
      places.set(s, place);
      let scopes = byConcept.get(s.concept);
      let placed = atPlace.get(s.concept);
      if (!scopes || !placed) {
        scopes = new Map();
        byConcept.set(s.concept, scopes);
        placed = new Map();
        atPlace.set(s.concept, placed);
      }
      const scope = s.scope ?? '';
      const g = scopes.get(scope);
      if (g) {
        g.push(s);
        const first = placed.get(scope);
        if (first && !first.has(place)) first.set(place, s);
      } else {
        const list = [s];
        scopes.set(scope, list);
        groups.push(list);
        const first = new Map<string, Statement>();
        first.set(place, s);
        placed.set(scope, first);
      }
    }
    index = { groups, byConcept, atPlace, places };
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
  indexOf(ctx).groups;

/**
 * The first statement of a concept (and scope) at a place (a placeKey): where a sum looks for the
 * parts stated beside its total. Looked up in the index, not found by scanning the group.
 */
export const statedAtPlace = (
  ctx: AuditContext,
  concept: ConceptKey,
  scope: string | undefined,
  place: string,
): Statement | undefined =>
  indexOf(ctx)
    .atPlace.get(concept)
    ?.get(scope ?? '')
    ?.get(place);

/**
 * Two statements are at the same place when section, annex and table agree. The audit index keeps
 * each statement's key (placeOf), built once per audit; a WeakMap over every place ever seen was
 * 5 % of a fresh dossier's audit (issue 14).
 */
export const placeKey = (w: Statement['where']): string =>
  `${w.section ?? ''}|${w.annex ?? ''}|${w.table ?? ''}`;

/** A statement's placeKey, built once per audit in the index (one not in the list: built now). */
export const placeOf = (ctx: AuditContext, s: Statement): string =>
  indexOf(ctx).places.get(s) ?? placeKey(s.where);

/** "二（一）写", "六 1 写", "附件1 写": a place followed by 写 (a space after a trailing digit or letter). */
export const wrote = (w: AuditLocation): string => wroteAfter(placeLabel(w));

/** A place's label followed by 写: "附件1 写", "二（一）写". */
function wroteAfter(label: string): string {
  const last = label.charCodeAt(label.length - 1);
  // A trailing ASCII digit or letter ([A-Za-z0-9]) keeps a space before 写.
  const alnum =
    (last >= 48 && last <= 57) || (last >= 65 && last <= 90) || (last >= 97 && last <= 122);
  return alnum ? `${label} 写` : `${label}写`;
}

/** `label` and `part` joined by a space ("二（一） 附件1"), `part` alone after an empty label. */
const joinPart = (label: string, part: string): string => (label ? `${label} ${part}` : part);

/**
 * Short words for a place: "二（一）", "附件1", "附件1 三公经费行 2023年决算数列". Built as one string,
 * part by part (no array joined): every finding names its places, most more than once.
 */
export function placeLabel(w: AuditLocation, lang: 'zh' | 'en' = 'zh', detail = false): string {
  const zh = lang === 'zh';
  let label = w.section || '';
  if (w.annex) label = joinPart(label, zh ? `附件${w.annex}` : `annex ${w.annex}`);
  if (w.table && !w.annex) label = joinPart(label, w.table);
  if (detail && w.row) label = joinPart(label, zh ? `“${w.row}”行` : `row "${w.row}"`);
  if (detail && w.column) label = joinPart(label, zh ? `“${w.column}”列` : `column "${w.column}"`);
  // Every part above is non-empty: an empty label means no part was found.
  if (!label && w.path) label = zh ? `档案 ${w.path}` : `dossier ${w.path}`;
  if (!label && w.concept) label = `${zh ? '档案' : 'dossier'} ${w.concept}`;
  if (!label && w.page) label = zh ? `第${w.page}页` : `page ${w.page}`;
  return label || (zh ? '报告' : 'report');
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Where a statement was made, as a finding location. Fields set one by one, in this order (the
 * order JSON output shows): spreading eight conditional objects was 8 % of a fresh dossier's audit
 * (issue 14). Built anew on each call, not kept per statement: a WeakMap over every statement
 * audited grows with each fresh dossier, and its lookups cost more than building the few
 * locations a finding names (issue 14).
 */
export function statementLocation(s: Statement): AuditLocation {
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
  return l;
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

/**
 * "二（一）写 404.92，六 1 写 404.93" — each statement with its place; a place and value stated
 * twice is listed once (in either language, by the Chinese place label).
 */
export function saidAt(all: readonly Statement[], unit = '', lang: 'zh' | 'en' = 'zh'): string {
  const zh = lang === 'zh';
  const seen = all.length > 1 ? new Set<string>() : undefined;
  let text = '';
  for (const s of all) {
    const label = placeLabel(s.where);
    if (seen) {
      const key = `${label}\u0000${s.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const value = unit && !s.value.endsWith(unit) ? `${s.value} ${unit}` : s.value;
    const said = zh
      ? `${wroteAfter(label)} ${value}`
      : `${placeLabel(s.where, 'en')} says ${value}`;
    text = text ? `${text}${zh ? '，' : '; '}${said}` : said;
  }
  return text;
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
 * Indicator scores by scope ('' for the unit's grid) and id, built once per score result (rules
 * look them up per indicator). Nested maps, not a joined key: no text is built per lookup.
 */
let scoreIndex = new WeakMap<object, Map<string, Map<string, IndicatorScore>>>();

/** The score engine's entry for an indicator, when the engine ran. */
export function engineScore(
  ctx: AuditContext,
  id: string,
  scope: string | undefined,
): IndicatorScore | undefined {
  if (!ctx.score) return undefined;
  const index = scoreIndex.get(ctx.score) ?? keepScoreIndex(ctx.score);
  return index.get(scope ?? '')?.get(id);
}
function keepScoreIndex(score: ScoreResult): Map<string, Map<string, IndicatorScore>> {
  const index = new Map<string, Map<string, IndicatorScore>>();
  const add = (scope: string, s: IndicatorScore) => {
    let ids = index.get(scope);
    if (!ids) {
      ids = new Map();
      index.set(scope, ids);
    }
    ids.set(s.id, s);
  };
  for (const s of score.indicators) add('', s);
  for (const p of score.projects) for (const s of p.indicators) add(p.projectId, s);
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
 * Forgets every kept result (parsed texts, 分 values, indexes, score indexes).
 * For mutation testing, which reuses loaded modules between runs: a result kept under one mutant
 * would otherwise answer for the next. Results are the same without the caches, only slower.
 */
export function clearAuditCaches(): void {
  for (const reset of keptResets) reset();
  parsedTexts.clear();
  fens = new WeakMap();
  indexes = new WeakMap();
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
