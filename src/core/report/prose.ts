/**
 * Sentences of the report that read like a person wrote them (issue #11 item 8): a person's text
 * tidied (full-width punctuation, no stray ASCII spaces, no reviewer asides), points written the
 * way a report writes them, and the 绩效指标完成情况 paragraph: the indicators that met their targets in
 * one sentence, each one that did not in a sentence of its own, with varied wording.
 */
import type { ConceptKey } from '../concepts/index.ts';
import type { Indicator } from '../dossier/schema.ts';
import { formatTarget } from '../dossier/indicator-values.ts';
import { Decimal, sumWan } from '../money.ts';
import type { IndicatorScore } from '../scoring/types.ts';
import type { Run } from './model.ts';

const CJK = '\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef\\u201c\\u201d\\u2018\\u2019';
const SPACE_AFTER_CJK = new RegExp(`(?<=[${CJK}])[ \\t\\u00a0]+`, 'g');
const SPACE_BEFORE_CJK = new RegExp(`[ \\t\\u00a0]+(?=[${CJK}])`, 'g');
const ASCII_PUNCT_NEAR_CJK: readonly [RegExp, string][] = [
  [new RegExp(`(?<=[${CJK}]),|,(?=[${CJK}])`, 'g'), '，'],
  [new RegExp(`(?<=[${CJK}]);|;(?=[${CJK}])`, 'g'), '；'],
  [new RegExp(`(?<=[${CJK}]):|:(?=[${CJK}])`, 'g'), '：'],
  [new RegExp(`(?<=[${CJK}])\\?`, 'g'), '？'],
  [new RegExp(`(?<=[${CJK}])!`, 'g'), '！'],
  [new RegExp(`\\(([^()]*[${CJK}][^()]*)\\)`, 'g'), '（$1）'],
];

/**
 * An aside a reviewer or an importer left in the text, in full-width brackets: "（未给出调查数据）",
 * "（原文如此）". Such notes belong in findings, not in the unit's official prose.
 */
const ASIDE =
  /（[^（）]{0,30}?(未给出|未提供|未说明|未附|待核实|待补充|原文|编者|注：)[^（）]{0,30}?）/g;

/** Full-width punctuation in Chinese text, no ASCII spaces beside Chinese, no doubled stops. */
export function tidyText(text: string): string {
  let s = text.replace(ASIDE, '');
  for (const [re, to] of ASCII_PUNCT_NEAR_CJK) s = s.replace(re, to);
  s = s.replace(SPACE_AFTER_CJK, '').replace(SPACE_BEFORE_CJK, '');
  // A number and its Chinese unit stay together: "303.95 亿" → "303.95亿".
  s = s.replace(new RegExp(`(?<=\\d)[ \\t]+(?=[${CJK}])`, 'g'), '');
  return s
    .replace(/[，、；：]+。/g, '。')
    .replace(/。{2,}/g, '。')
    .trim();
}

/**
 * Points in a sentence: "10", "4.5", "3.81" (tables and the total keep money.formatPoints, two
 * decimals).
 */
export function pointsInProse(v: string): string {
  const d = new Decimal(v);
  return d.toDecimalPlaces(2).toFixed(d.decimalPlaces() > 0 ? Math.min(2, d.decimalPlaces()) : 0);
}

/** The sentence of a text that states a self-evaluation total or grade ("自评得分98.9分，等级为优"). */
const STATES_TOTAL = /(自评|评价)?(总)?得分\s*[\d.]+\s*分|(等级|等次)为[“"]?[优良中差]/;

/**
 * A person's text without the sentences that state the total score: the report states the total
 * jixiao computed once, and the 评分复核说明 gives the filed one.
 */
export function withoutStatedTotal(text: string): string {
  return text
    .split(/(?<=。)/)
    .filter((sentence) => !STATES_TOTAL.test(sentence))
    .join('');
}

type Piece = string | Run;

const fig = (figure: ConceptKey, text: string, scope?: string): Run =>
  scope ? { text, figure, scope } : { text, figure };

function actualText(ind: Indicator): string | undefined {
  const t = ind.actual?.text ? tidyText(ind.actual.text) : '';
  return t === '' ? undefined : t;
}

const isQualitative = (ind: Indicator): boolean =>
  ind.kind === 'qualitative' || (ind.kind === undefined && ind.target?.kind === 'text');

/** "得3分（分值5分）" with the score tagged. */
function scored(ind: Indicator, s: IndicatorScore, scope?: string): Piece[] {
  return [
    '得',
    fig('indicator.score', `${pointsInProse(s.score ?? '0')}分`, scope ?? ind.id),
    '（分值',
    fig('indicator.weight', `${pointsInProse(ind.weight)}分`, scope ?? ind.id),
    '）',
  ];
}

/**
 * One sentence for the quantitative indicators whose 年度指标值 the table left blank: what each
 * achieved and its points, then once that none was measured against a target (no rule compares).
 */
function noTargetSentence(list: readonly { ind: Indicator; s: IndicatorScore }[]): Piece[] {
  const out: Piece[] = [];
  list.forEach(({ ind, s }, k) => {
    const actual = actualText(ind);
    out.push(k === 0 ? '' : '，', `“${ind.name}”${actual ? `实际完成${actual}，` : ''}`);
    out.push(...scored(ind, s));
  });
  out.push(
    list.length === 1
      ? '；该指标自评表未列年度指标值，得分未经对照目标复核。'
      : `；以上${list.length}项指标自评表未列年度指标值，得分未经对照目标复核。`,
  );
  return out;
}

/**
 * One sentence for an indicator that did not reach full points; `variant` picks the wording so that
 * consecutive sentences do not repeat one pattern.
 */
function shortfallSentence(ind: Indicator, s: IndicatorScore, variant: number): Piece[] {
  const target = tidyText(formatTarget(ind.target));
  const actual = actualText(ind);
  const points = scored(ind, s);
  const out: Piece[] = [];
  if (isQualitative(ind)) {
    out.push(`${ind.name}为定性指标`, actual ? `，完成情况为“${actual}”，` : '，', ...points);
  } else if (!actual) {
    out.push(`${ind.name}年度指标值为${target}，`, ...points);
  } else if (variant % 3 === 0) {
    out.push(`${ind.name}年度指标值为${target}，实际完成${actual}，`, ...points);
  } else if (variant % 3 === 1) {
    out.push(`${ind.name}实际完成${actual}，对照年度指标值${target}，`, ...points);
  } else {
    out.push(`${ind.name}未完全达到年度指标值${target}（实际完成${actual}），`, ...points);
  }
  if (s.status === 'override')
    out.push(
      `，系经人工调整（计算得分${pointsInProse(s.computed ?? '0')}分` +
        (s.note ? `，理由是${tidyText(s.note).replace(/。$/, '')}` : '') +
        '）',
    );
  out.push('。');
  if (ind.deviation) {
    const why = tidyText(ind.deviation).replace(/。$/, '');
    out.push(variant % 2 === 0 ? `主要原因是${why}。` : `偏差原因：${why}。`);
  }
  return out;
}

/**
 * The 绩效指标完成情况 text: indicators at full points in one sentence, each other one on its own;
 * not-applicable ones named with their reason; ones awaiting a person's score said so.
 */
export function indicatorPieces(
  indicators: readonly Indicator[],
  scores: ReadonlyMap<string, IndicatorScore>,
): Piece[][] {
  const full: { ind: Indicator; s: IndicatorScore }[] = [];
  const noTarget: { ind: Indicator; s: IndicatorScore }[] = [];
  const rest: Piece[][] = [];
  let variant = 0;
  for (const ind of indicators) {
    const s = scores.get(ind.id);
    if (!s) continue;
    if (s.status === 'not-applicable') {
      const why = ind.notApplicable ? `（${tidyText(ind.notApplicable.reason)}）` : '';
      rest.push([`${ind.name}本年度不适用${why.replace(/。）$/, '）')}，不计分。`]);
      continue;
    }
    if (s.score === null) {
      rest.push([`${ind.name}的得分有待人工评定。`]);
      continue;
    }
    if (ind.target === undefined && !isQualitative(ind)) {
      noTarget.push({ ind, s });
      continue;
    }
    if (new Decimal(s.score).gte(ind.weight) && s.met !== false) {
      full.push({ ind, s });
      continue;
    }
    rest.push(shortfallSentence(ind, s, variant));
    variant += 1;
  }
  const paragraphs: Piece[][] = [];
  if (full.length > 0) {
    const names = full.map((f) => `“${f.ind.name}”`).join('、');
    const sum = pointsInProse(sumWan(full.map((f) => f.s.score ?? '0')));
    paragraphs.push(
      full.length === 1
        ? [`${names}达到年度指标值，得满分${sum}分。`]
        : [`${names}共${full.length}项指标均达到年度指标值，各得满分，合计${sum}分。`],
    );
  }
  if (noTarget.length > 0) rest.push(noTargetSentence(noTarget));
  if (rest.length > 0) paragraphs.push(rest.flat());
  return paragraphs;
}
