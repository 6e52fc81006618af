/**
 * Indicator grids whose cells ran together with no separator at all (a document-sharing site
 * flattens a DOCX table into one string per page: "…三级指标分值指标值实际值得分…保障人数10200人
 * 200人10质量指标(5分)…"). The cell reader cannot split such text; this one reads it by the
 * grammar of a row, which the header fixes:
 *   - with a 分值 column before the values: NAME WEIGHT BODY SCORE;
 *   - without one: NAME BODY SCORE;
 *   - with 分值 columns for the 一级/二级 groups too (a department 评价指标表): a NAME WEIGHT
 *     directly followed by another NAME WEIGHT is a group, not a row.
 * NAME is words; WEIGHT and SCORE are bare numbers (not followed by a unit: "12月", "15万元" are
 * values); BODY is the target and actual (or the 评价标准 prose). A row ends at the first SCORE
 * within its WEIGHT that is followed by the next row's NAME WEIGHT, a group label or the end.
 * Where a WEIGHT is glued to the value after it ("10200人200人") the split whose target equals its
 * actual is taken. Group labels ("产出指标(30分)", "数量指标") are read as 一级/二级 and break
 * the text into parts. A last row cut off by the end of the excerpt keeps its group's weight.
 * Nothing here is keyed on a document's wording: only on the form's header and label words.
 */
import { STAND_IN_NAMES } from '../../../core/dossier/stand-ins.ts';
import type { SourceLine } from '../../model.ts';
import { placeOf } from '../../collect.ts';
import { plain } from '../sections.ts';
import type { GridRowRead } from './indicator-grid.ts';
import { isRunTogether } from './tokens.ts';
import { canonical } from './values.ts';

interface Part {
  readonly text: string;
  readonly at: number;
}

/** A label with points: "产出指标(30分)", "项目决策（10分）" (一级 or 二级). */
const POINTS_LABEL = /([\u4e00-\u9fa5]{2,10})[(（](\d+(?:\.\d+)?)分[)）]/g;
/** 二级 words without points, and blank template placeholders ("指标1:", "指标2："). */
const LEVEL2_WORD =
  /(?:服务对象满意度|经济效益|社会效益|生态效益|可持续影响|数量|质量|时效|成本|满意度)指标|指标(?:\d{1,2}|[LlI])[:：]?/g;
/** Where the grid ends: a total row or the form's notes. */
const GRID_STOP =
  /总分|合计|评价结论|偏差大或目标未完成原因|存在问题|改进措施[:：]|备注[:：]|说明[:：]|项目负责人/;
/** Text that makes a number a value, not points ("12月", "15万元", "200人", "5%"). */
const UNIT_START = new RegExp(
  String.raw`^(?:%|万元|万|元|亿|个|次|家|项|人|户|天|日|月|年|件|场|笔|条|份|分|公里|平方|亩|头|只|吨` +
    String.raw`|组|例|种|台|所|小时|周|季度|批|本|套|辆|座|处|期|届|倍|‰|\.|-|—|－|~|～|至)`,
);
const DASH = /^(?:一|-|—|－|–|\/)/;
/**
 * The token after a number makes it a value: it starts with a unit and is short ("万元", "月完成");
 * a long name that starts with a unit character ("项目…") does not.
 */
const unitAfter = (after: Token | undefined) =>
  after !== undefined && !after.num && UNIT_START.test(after.text) && after.text.length < 6;

interface Token {
  readonly text: string;
  readonly num: boolean;
  readonly at: number;
}

function tokens(p: Part): Token[] {
  const out: Token[] = [];
  const re = /\d+(?:\.\d+)?%?/g;
  let last = 0;
  for (const m of p.text.matchAll(re)) {
    if (m.index > last)
      out.push({ text: p.text.slice(last, m.index), num: false, at: p.at + last });
    out.push({ text: m[0], num: true, at: p.at + m.index });
    last = m.index + m[0].length;
  }
  if (last < p.text.length) out.push({ text: p.text.slice(last), num: false, at: p.at + last });
  return out;
}

const isNameText = (t: string) =>
  (t.match(/[\u4e00-\u9fa5]/g) ?? []).length >= 2 &&
  t.length <= 40 &&
  !/[。；;:：=]/.test(t) &&
  !/^[,，、.．)）]/.test(t);
/** Points: a bare number in 0–100 with at most two decimals, no leading zero. */
const isPoints = (t: string) => /^(?:0|[1-9]\d?|100)(?:\.\d{1,2})?$/.test(t);
const isWeight = (t: string) => isPoints(t) && Number(t) > 0;

interface Grammar {
  readonly weight: boolean;
  readonly groups: boolean;
  /** The body is the 评价标准 prose of a score table, not a target and an actual. */
  readonly prose: boolean;
}

interface RowParse {
  readonly name: string;
  readonly nameAt: number;
  readonly weight?: string;
  readonly body: string;
  readonly score: string;
  /** Token index after the score. */
  readonly next: number;
}

/** Split the first number token of a body into a weight prefix and the value after it. */
function weightSplits(t: Token, after?: Token): { weight: string; rest?: Token }[] {
  const out: { weight: string; rest?: Token }[] = [];
  if (isWeight(t.text) && !unitAfter(after)) out.push({ weight: t.text });
  for (const k of [1, 2]) {
    const w = t.text.slice(0, k);
    const rest = t.text.slice(k);
    if (!rest || !isWeight(w) || /^0(?!\.)/.test(rest) || /^[.%]/.test(rest)) continue;
    out.push({ weight: w, rest: { text: rest, num: true, at: t.at + k } });
  }
  return out;
}

/** Whether tokens from i start a row (NAME [WEIGHT]) or nothing follows. */
function startsRow(toks: readonly Token[], i: number, g: Grammar): boolean {
  const t = toks[i];
  if (!t) return true;
  if (t.num) return false;
  if (unitAfter(t)) return false;
  if (!isNameText(t.text)) return false;
  const n = toks[i + 1];
  if (!n) return i === toks.length - 1;
  return !g.weight || weightSplits(n, toks[i + 2]).length > 0;
}

const halves = (s: string): string | undefined => {
  if (s.length < 2 || s.length % 2) return undefined;
  const h = s.slice(0, s.length / 2);
  return s.slice(s.length / 2) === h ? h : undefined;
};

function parseRow(toks: readonly Token[], i: number, g: Grammar): RowParse | undefined {
  const nameTok = toks[i];
  if (!nameTok || nameTok.num || !isNameText(nameTok.text) || unitAfter(nameTok)) return undefined;
  const candidates: { weight?: string; body: Token[]; from: number }[] = [];
  if (g.weight) {
    const w = toks[i + 1];
    if (!w?.num) return undefined;
    for (const s of weightSplits(w, toks[i + 2]))
      candidates.push({ weight: s.weight, body: s.rest ? [s.rest] : [], from: i + 2 });
  } else candidates.push({ body: [], from: i + 1 });
  let best: { p: RowParse; rank: number } | undefined;
  for (const c of candidates) {
    const body = [...c.body];
    for (let j = c.from; j < toks.length; j++) {
      const t = toks[j] as Token;
      const after = toks[j + 1];
      const bare = t.num && !t.text.endsWith('%') && isPoints(t.text);
      const unitNext = unitAfter(after);
      const within = c.weight === undefined || Number(t.text) <= Number(c.weight);
      if (bare && !unitNext && within && body.length && startsRow(toks, j + 1, g)) {
        const text = body.map((b) => b.text).join('');
        const rank = (halves(text) ? 2 : 0) + (DASH.test(text) ? 1 : 0);
        const p: RowParse = {
          name: nameTok.text,
          nameAt: nameTok.at,
          ...(c.weight !== undefined ? { weight: c.weight } : {}),
          body: text,
          score: t.text,
          next: j + 1,
        };
        if (!best || rank > best.rank) best = { p, rank };
        break;
      }
      body.push(t);
    }
  }
  return best?.p;
}

/** Target and actual of a body: equal halves, a dash for a blank target, or value then value. */
function targetActual(body: string): { target?: string; actual?: string } {
  const h = halves(body);
  if (h) return { target: h, actual: h };
  const dash = DASH.exec(body);
  // A dash in the target column: the form prints no target there; it is kept as printed (—).
  if (dash) {
    const rest = body.slice(dash[0].length);
    return rest ? { target: '—', actual: rest } : { target: '—' };
  }
  // "≥500亩520亩", "90%95%": a value ending in a unit followed by one starting with a digit.
  const m = /^([≥≤>＜<＝=≧≦]?\d+(?:\.\d+)?(?:%|[\u4e00-\u9fa5]{1,3}))([≥≤>＜<＝=≧≦]?\d.*)$/.exec(
    body,
  );
  if (m?.[1] && m[2]) return { target: m[1], actual: m[2] };
  return { actual: body };
}

/**
 * "6620" (target 6, actual 6, score 20): a body-less row of a form without 分值 whose numbers ran
 * together; the split whose target equals its actual is taken, when there is exactly one.
 */
function gluedTriple(run: string): { target: string; actual: string; score: string } | undefined {
  const hits: { target: string; actual: string; score: string }[] = [];
  for (let k = 1; 2 * k < run.length; k++) {
    const a = run.slice(0, k);
    if (run.slice(k, 2 * k) !== a) continue;
    const s = run.slice(2 * k);
    if (/^0\d/.test(a) || !isPoints(s)) continue;
    hits.push({ target: a, actual: a, score: s });
  }
  return hits.length === 1 ? hits[0] : undefined;
}

interface Joined {
  readonly text: string;
  readonly starts: readonly number[];
  readonly lines: readonly SourceLine[];
  /** The text runs to the end of the document (an excerpt cut mid-table). */
  readonly toEnd: boolean;
}

/** A long line with hardly a space and figures glued to words (besides tokens.isRunTogether). */
const glued = (t: string) =>
  t.length >= 100 &&
  (t.match(/\s/g) ?? []).length * 40 <= t.length &&
  (t.match(/[\u4e00-\u9fa5]\d|\d[\u4e00-\u9fa5]/g) ?? []).length >= 6;

/** Runs of run-together lines, joined with their page marks ("2、") dropped. */
function runs(lines: readonly SourceLine[]): Joined[] {
  const out: Joined[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i] as SourceLine;
    if (l.cells.length || !(isRunTogether(plain(l)) || glued(plain(l)))) {
      i++;
      continue;
    }
    let text = '';
    const starts: number[] = [];
    const ls: SourceLine[] = [];
    let j = i;
    while (j < lines.length) {
      const m = lines[j] as SourceLine;
      const t = plain(m).trim();
      if (m.cells.length || (j > i && t.length < 20 && !/^\d{1,2}、/.test(t))) break;
      const body = t.replace(/^\d{1,2}、(?=\S)/, '');
      starts.push(text.length - (t.length - body.length));
      ls.push(m);
      text += body;
      j++;
    }
    out.push({ text, starts, lines: ls, toEnd: j >= lines.length });
    i = j;
  }
  return out;
}

function lineAtOffset(j: Joined, at: number): SourceLine | undefined {
  let k = 0;
  while (k + 1 < j.starts.length && (j.starts[k + 1] ?? 0) <= at) k++;
  return j.lines[k];
}

/** Rows of run-together indicator grids; empty when none is found. */
export function runTogetherGridRows(lines: readonly SourceLine[]): GridRowRead[] {
  const out: GridRowRead[] = [];
  for (const j of runs(lines)) out.push(...gridIn(j));
  return out;
}

function gridIn(j: Joined): GridRowRead[] {
  const t = j.text;
  const h = /三级指标/.exec(t);
  if (!h) return [];
  const tail = t.slice(h.index, h.index + 90);
  const sc = /得分/.exec(tail);
  if (!sc) return [];
  let end = h.index + sc.index + 2;
  const reason = /^(?:未完成原因|偏差原因)(?:分析)?[及和]?(?:改进措施)?/.exec(t.slice(end));
  if (reason) end += reason[0].length;
  const headerFrom = Math.max(0, h.index - 40);
  const header = t.slice(headerFrom, end);
  const between = tail.slice(0, sc.index).replace(/^三级指标/, '');
  const firstValue = /指标值|目标值|评价标准|指标说明|实际|完成值/.exec(between);
  const g: Grammar = {
    weight: /分|权重/.test(firstValue ? between.slice(0, firstValue.index) : between),
    groups: (header.match(/分值/g) ?? []).length >= 2,
    prose: /评价标准|指标说明|评分标准/.test(header),
  };
  const stop = GRID_STOP.exec(t.slice(end));
  const bodyEnd = stop ? end + stop.index : t.length;
  const cut = !stop && j.toEnd;
  // OCR letters for the digits of a score between words ("人IO质量" = "人10质量").
  const body = t
    .slice(end, bodyEnd)
    .replace(/(?<=[\u4e00-\u9fa5%])[Il][O0](?=[\u4e00-\u9fa5]|$)/g, '10');

  // Labels split the body into parts.
  const labels: { at: number; len: number; name: string; points?: string }[] = [];
  for (const m of body.matchAll(POINTS_LABEL))
    labels.push({ at: m.index, len: m[0].length, name: m[1] as string, points: m[2] as string });
  for (const m of body.matchAll(LEVEL2_WORD))
    if (!labels.some((l) => m.index < l.at + l.len && l.at < m.index + m[0].length))
      labels.push({ at: m.index, len: m[0].length, name: m[0] });
  labels.sort((a, b) => a.at - b.at);

  const rows: GridRowRead[] = [];
  let level1 = '';
  let level2 = '';
  let lastPoints: { name: string; points: string } | undefined;
  let pos = 0;
  let groupRun = 0;
  const flush = (until: number, final: boolean) => {
    const part: Part = { text: body.slice(pos, until), at: end + pos };
    const toks = tokens(part);
    // A name that starts with a figure of its own ("12月底前完成") at the start of a part.
    const [t0, t1] = toks;
    if (t0?.num && t1 && !t1.num && /^[年月日号天]/.test(t1.text))
      toks.splice(0, 2, { text: t0.text + t1.text, num: false, at: t0.at });
    let i = 0;
    let found = 0;
    while (i < toks.length) {
      if (g.groups && g.weight) {
        const a = toks[i];
        const w = toks[i + 1];
        if (a && !a.num && isNameText(a.text) && w?.num && isWeight(w.text)) {
          const nxt = toks[i + 2];
          const nw = toks[i + 3];
          const nw2 = toks[i + 4];
          if (nxt && !nxt.num && isNameText(nxt.text) && nw?.num && weightSplits(nw, nw2).length) {
            if (groupRun === 0) {
              level1 = a.text;
              level2 = '';
            } else level2 = a.text;
            groupRun++;
            i += 2;
            continue;
          }
        }
      }
      const r = parseRow(toks, i, g);
      if (!r) {
        i++;
        continue;
      }
      found++;
      groupRun = 0;
      rows.push(toRow(g.prose ? { ...r, body: '' } : r, level1, level2, j));
      i = r.next;
    }
    // A glued body-less row ("补贴渔船数6620") of a form without 分值.
    if (!g.weight && !found && toks.length === 2 && toks[0] && toks[1]?.num) {
      const tri = gluedTriple(toks[1].text);
      if (tri && isNameText(toks[0].text))
        rows.push(
          toRow(
            { name: toks[0].text, nameAt: toks[0].at, body: '', score: tri.score, next: 2 },
            level1,
            level2,
            j,
            tri,
          ),
        );
    }
    // The excerpt ends inside a row: it keeps the weight of the group it stands in.
    if (final && cut && !found && lastPoints && toks.length && !toks[0]?.num) {
      const first = toks[0] as Token;
      rows.push({
        ...toRow(
          { name: first.text, nameAt: first.at, body: '', score: '', next: 1 },
          level1,
          lastPoints.name,
          j,
        ),
        weight: canonical(lastPoints.points) ?? lastPoints.points,
        confidence: 0.5,
      });
    }
  };
  for (const l of labels) {
    if (l.at > pos) flush(l.at, false);
    pos = l.at + l.len;
    const isL2 = /指标$/.test(l.name) || !l.points;
    if (/^指标(?:\d|[LlI])/.test(l.name)) continue;
    if (isL2) level2 = l.name;
    else {
      level1 = l.name;
      level2 = '';
    }
    lastPoints = l.points ? { name: l.name, points: l.points } : undefined;
  }
  if (pos < body.length) flush(body.length, true);
  return rows.length >= 2 ? rows : [];
}

function toRow(
  r: RowParse,
  level1: string,
  level2: string,
  j: Joined,
  glued?: { target: string; actual: string },
): GridRowRead {
  const line = lineAtOffset(j, r.nameAt);
  const place = placeOf(line, r.name);
  const ta = glued ?? (r.body ? targetActual(r.body) : {});
  return {
    level1: level1 || STAND_IN_NAMES.level1,
    level2: level2 || STAND_IN_NAMES.level2,
    name: r.name,
    ...(ta.target !== undefined ? { target: ta.target } : {}),
    ...(ta.actual !== undefined ? { actual: ta.actual } : {}),
    ...(r.weight !== undefined ? { weight: canonical(r.weight) ?? r.weight } : {}),
    ...(r.score ? { score: canonical(r.score) ?? r.score } : {}),
    place,
    places: { weight: place, ...(r.score ? { score: place } : {}) },
    confidence: 0.6,
  };
}
