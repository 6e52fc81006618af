/**
 * The narrative part of a report: unit facts (functions, offices, staffing), the prose of each
 * section, and every figure stated in 万元, % or 分, tied to the concept its sentence is about
 * (concepts.ts). The subject is the nearest concept word before the figure in the same sentence
 * (基本支出, 人员经费, “三公”经费, 资产总额 …); the column is the nearest column word (预算数 →
 * 年初预算, 实际发生/决算 → 执行数), carried over from the previous sentence of the same section
 * ("其中：人员经费 343.36万元" continues "实际发生 404.92万元"). Figures with no concept are
 * listed as unassigned, never guessed.
 */
import type { Collector, LocationInput } from '../collect.ts';
import { placeOf } from '../collect.ts';
import {
  headConcept,
  type ConceptKey,
  type MoneyColumn,
  type MoneyHead,
} from '../../core/concepts/index.ts';
import type { SourceLine } from '../model.ts';
import { joinLines, lineAt, proseJoin, type Stream } from '../stream.ts';
import { sectionLabels, plain, type Heading } from './sections.ts';

/** A money head, or a subject with no money concept of its own (its figures are read apart). */
type SubjectBase = MoneyHead | 'none' | 'assets' | 'score' | 'execution';
const isMoneyHead = (b: SubjectBase): b is MoneyHead =>
  b !== 'none' && b !== 'assets' && b !== 'score' && b !== 'execution';
interface Subject {
  readonly re: RegExp;
  readonly base: SubjectBase;
}

// Most specific first; the nearest (rightmost) match before the figure wins.
const SUBJECTS: readonly Subject[] = [
  { re: /公务用车运行维护费?/g, base: 'threePublic.vehicleOperation' },
  { re: /公务用车购置费?/g, base: 'threePublic.vehiclePurchase' },
  { re: /公务接待费?/g, base: 'threePublic.reception' },
  { re: /因公出国[（(]境[)）]费?/g, base: 'threePublic.abroad' },
  { re: /[“"]?三公[”"]?经费/g, base: 'threePublic.total' },
  { re: /人员经费/g, base: 'expenditure.personnel' },
  { re: /(?:日常)?公用经费/g, base: 'expenditure.publicFunds' },
  { re: /基本支出/g, base: 'expenditure.basic' },
  { re: /项目支出/g, base: 'expenditure.projects' },
  { re: /支出决算|支出合计|总支出|支出总额|(?<=年)支出/g, base: 'expenditure.total' },
  // Kinds of income with no concept of their own, and 收支总计 (income and spending together):
  // nearer than 收入, so their figures stay unassigned instead of becoming the income total.
  { re: /(?:财政拨款|上级补助|事业|经营|附属单位上缴|其他)收入|收[、，,]?支总计/g, base: 'none' },
  { re: /收入|资金总额/g, base: 'income.total' },
  { re: /资产总额/g, base: 'assets' },
  { re: /政府采购/g, base: 'controls.procurement' },
  { re: /得分/g, base: 'score' },
  { re: /执行率/g, base: 'execution' },
];

const COLUMNS: ReadonlyArray<[RegExp, MoneyColumn]> = [
  [/调整后预算数?|全年预算数?/g, 'adjustedBudget'],
  [/上年决算数?/g, 'priorActual'],
  [/年初预算数?|预算数|预算(?!执行|绩效|管理|规定)/g, 'initialBudget'],
  [/实际发生|实际支出|决算数?|执行数|实际完成/g, 'actual'],
];

// Comparisons name a budget without being the column of the figure: "比年初预算减少支出".
const COMPARISON_RE = /[比较]年初预算|[未不]超[年初]*预算|与上年相比|[比较]上年/g;

function lastMatch(
  text: string,
  re: RegExp,
): { index: number; end: number; text: string } | undefined {
  let best: { index: number; end: number; text: string } | undefined;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if (!best || end > best.end || (end === best.end && m[0].length > best.text.length))
      best = { index: m.index, end, text: m[0] };
  }
  return best;
}

function subjectOf(text: string): Subject | undefined {
  let best: { s: Subject; end: number; len: number } | undefined;
  for (const s of SUBJECTS) {
    const m = lastMatch(text, s.re);
    if (m && (!best || m.end > best.end || (m.end === best.end && m.text.length > best.len)))
      best = { s, end: m.end, len: m.text.length };
  }
  return best?.s;
}

function columnOf(text: string): MoneyColumn | undefined {
  const masked = text.replace(COMPARISON_RE, (m) => '＿'.repeat(m.length));
  let best: { col: MoneyColumn; end: number } | undefined;
  for (const [re, col] of COLUMNS) {
    const m = lastMatch(masked, re);
    if (m && (!best || m.end > best.end)) best = { col, end: m.end };
  }
  return best?.col;
}

const FIGURE_RE = /(?<![\d.])(-?\d+(?:\.\d+)?)\s*(万元|%|分(?![之钟别类期]))/g;
const SENTENCE_END = /[。；;！？!?]/;

/** The 占比 of a part of basic spending (a figure of its own, not a money column). */
const SHARE_OF: Partial<Record<SubjectBase, ConceptKey>> = {
  'expenditure.personnel': 'expenditure.personnel.share',
  'expenditure.publicFunds': 'expenditure.publicFunds.share',
};

interface Tagged {
  concept: ConceptKey;
  value: string;
  note?: string;
  scope?: string;
}

/** The concept a figure is about, from the words before it (see the module comment). */
export function tagFigure(
  sentenceBefore: string,
  near: string,
  unit: string,
  value: string,
  carriedColumn: MoneyColumn | undefined,
): Tagged | undefined {
  const subject = subjectOf(sentenceBefore);
  const growthContext = /[比较]上年|与上年相比|同比/.test(sentenceBefore);
  const neg = (v: string) => (v.startsWith('-') ? v.slice(1) : `-${v}`);
  if (subject?.base === 'none') return undefined;
  if (unit === '万元') {
    if (/[比较]年初预算(?:数)?(?:减少|节约|结余)(?:支出)?\s*$/.test(near)) {
      return subject?.base === 'expenditure.basic'
        ? { concept: 'expenditure.basic.decrease', value }
        : { concept: 'budget.decrease', value };
    }
    const g = /(增加|增长|提高|减少|降低|下降)\s*$/.exec(near);
    if (g && growthContext) {
      const down = /减少|降低|下降/.test(g[1] ?? '');
      const v = down ? neg(value) : value;
      const note = down ? `stated as a decrease (${g[1] ?? ''} ${value} 万元)` : undefined;
      if (subject?.base === 'assets')
        return { concept: 'assets.growth.amount', value: v, ...(note ? { note } : {}) };
      if (subject?.base === 'threePublic.total')
        return { concept: 'threePublic.budget.change', value: v, ...(note ? { note } : {}) };
      if (/年初预算|预算|收入/.test(sentenceBefore))
        return { concept: 'budget.growth.amount', value: v, ...(note ? { note } : {}) };
      return undefined;
    }
    if (!subject) return undefined;
    if (subject.base === 'assets') return { concept: 'assets.yearEnd', value };
    if (subject.base === 'score' || subject.base === 'execution') return undefined;
    // "其中基本支出76.36万元": an amount right after the spending word is what was spent.
    const spentRightAfter =
      /^expenditure\.(?:basic|projects|total)$/.test(subject.base) && /支出\s*$/.test(near);
    const col = columnOf(sentenceBefore) ?? (spentRightAfter ? 'actual' : carriedColumn);
    if (!col) return undefined;
    return { concept: headConcept(subject.base, col), value };
  }
  if (unit === '%') {
    const v = `${value}%`;
    const share = subject ? SHARE_OF[subject.base] : undefined;
    if (/占比(?:重|例)?(?:为)?\s*$/.test(near) && share) return { concept: share, value: v };
    if (/(?:执行率|预算完成率)(?:为|达到?|是)?\s*$/.test(near))
      return { concept: 'execution.rate', value: v };
    const g = /(增加|增长|提高|减少|降低|下降)(?:了)?\s*$/.exec(near);
    if (g && growthContext) {
      const down = /减少|降低|下降/.test(g[1] ?? '');
      const val = down ? `${neg(value)}%` : v;
      if (subject?.base === 'assets') return { concept: 'assets.growth.rate', value: val };
      if (subject?.base === 'threePublic.total')
        return { concept: 'threePublic.change.rate', value: val };
      if (/年初预算|预算|收入/.test(sentenceBefore))
        return { concept: 'budget.growth.rate', value: val };
      return undefined;
    }
    if (/控制率(?:为)?\s*$/.test(near)) {
      if (subject?.base === 'threePublic.total')
        return { concept: 'threePublic.control.rate', value: v };
      if (subject?.base === 'expenditure.publicFunds')
        return { concept: 'controls.publicFunds.rate', value: v };
    }
    return undefined;
  }
  if (unit === '分' && /得分(?:为|是)?\s*$|自评(?:总)?分(?:为|是)?\s*$/.test(near))
    return { concept: 'score.total', value };
  return undefined;
}

/** Sections whose figures are business results (deposits, listings): no budget concepts there. */
const BUSINESS_SECTION = /效益|满意度/;

function tagSection(s: Stream, label: string, title: string, col: Collector): void {
  if (BUSINESS_SECTION.test(title)) return;
  let carried: MoneyColumn | undefined;
  let sentenceStart = 0;
  let lastEnd = 0;
  const t = s.text;
  const reportYear = col.get('year') as number | undefined;
  for (const m of t.matchAll(FIGURE_RE)) {
    // Sentence start: after the last sentence end before the figure.
    for (let i = m.index - 1; i >= sentenceStart; i--) {
      // A full stop typed as "." (not a decimal point) also ends a sentence.
      if (SENTENCE_END.test(t[i] ?? '') || (t[i] === '.' && !/\d/.test(t[i + 1] ?? ''))) {
        // A new sentence: carry the column the previous one ended with.
        carried = columnOf(t.slice(sentenceStart, i)) ?? carried;
        sentenceStart = i + 1;
        lastEnd = Math.max(lastEnd, sentenceStart);
        break;
      }
    }
    const before = t.slice(sentenceStart, m.index);
    const near = t.slice(Math.max(lastEnd, sentenceStart), m.index);
    // A figure whose clause names another year ("2017年度预算安排的…32万元" in a 2018 report) is
    // about that year: not a figure of this report's columns.
    const clause = before.slice(Math.max(0, before.search(/[，,][^，,]*$/)));
    const otherYear = [...clause.matchAll(/(20\d{2})\s*年/g)].some(
      (y) => reportYear !== undefined && Number(y[1]) !== reportYear,
    );
    lastEnd = m.index + m[0].length;
    const value = m[1] ?? '';
    const unit = m[2] ?? '';
    const tag = otherYear ? undefined : tagFigure(before, near, unit, value, carried);
    const line = lineAt(s, m.index);
    const quoteStart = Math.max(sentenceStart, m.index - 16);
    const quote = t.slice(quoteStart, m.index + m[0].length).replace(/^[，,：:。]/, '');
    if (!tag) {
      if (unit === '万元' || (unit === '%' && !BUSINESS_SECTION.test(title)))
        col.unassigned.push({
          text: quote,
          ...(line?.page !== undefined ? { page: line.page } : {}),
          ...(line ? { line: line.line } : {}),
        });
      continue;
    }
    const where: LocationInput = { section: label, quote };
    col.state(tag.concept, tag.value, where, placeOf(line, quote), line?.repaired ? 0.7 : 1, {
      ...(tag.scope ? { scope: tag.scope } : {}),
      ...(tag.note ? { note: tag.note } : {}),
    });
  }
}

/** "⑴…", "(1)…", "1.…" items of a list, wrapped lines joined. */
function items(lines: readonly SourceLine[], startRe: RegExp): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const t = plain(l);
    if (startRe.test(t)) out.push(t.replace(startRe, '').trim());
    else if (out.length) out[out.length - 1] += t;
  }
  return out.filter((x) => x.length > 0);
}

function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (/[（(]/.test(ch)) depth++;
    if (/[）)]/.test(ch)) depth--;
    if (depth === 0 && (ch === '、' || ch === '和' || ch === '及' || ch === '，')) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export interface NarrativeResult {
  readonly projectNames: string[];
}

export function extractNarrative(lines: readonly SourceLine[], col: Collector): NarrativeResult {
  const { headings, labels } = sectionLabels(lines);
  const all = joinLines(lines, proseJoin);
  const text = all.text;
  const at = (offset: number, quote: string) => placeOf(lineAt(all, offset), quote);

  // Year: "（2023年度）" or "2023年度部门整体支出绩效自评报告".
  const year = /(20\d{2})\s*年度/.exec(text);
  if (year?.[1]) col.set('year', Number(year[1]), at(year.index, year[0]));
  const title = /^(.{2,40}?)(?:20\d{2}\s*年度)?部门整体支出绩效自评报告/.exec(
    plain(
      lines.find((l) => /部门整体支出绩效自评报告/.test(l.text)) ??
        lines[0] ?? { text: '', raw: '', line: 1, cells: [] },
    ),
  );
  if (title?.[1] && !/^[（(]/.test(title[1])) {
    const l = lines.find((x) => /部门整体支出绩效自评报告/.test(x.text));
    col.set(
      'unit.name',
      title[1].replace(/[（(]?20\d{2}\s*年度[）)]?/, '').trim(),
      placeOf(l),
      0.9,
    );
  }

  // Functions: ⑴ … ⒇ or （1） items under 主要职能.
  const fnHeading = headings.find((h) => /主要职能|职能职责|部门职责/.test(h.title));
  if (fnHeading) {
    const next = headings.find((h) => h.index > fnHeading.index);
    const body = lines.slice(fnHeading.index + 1, next ? next.index : lines.length);
    const fns = items(body, /^(?:[⑴-⒇]|[（(]\d{1,2}[)）]|\d{1,2}[.．、](?!\d))\s*/);
    if (fns.length) col.set('unit.functions', fns, placeOf(body[0]), 0.9);
  }
  // Offices: "下设综合科、…和金融稳定科 7 个科室".
  const off =
    /(?:下设|内设|内部设)(.+?)(?:等)?\s*共?\s*(\d+)\s*个(?:内设)?(?:科室|股室|处室|机构|部门|科|股|处)/.exec(
      text,
    );
  if (off?.[1])
    col.set('unit.offices', splitList(off[1].replace(/[等共]+$/, '')), at(off.index, off[0]), 0.9);

  // Staffing.
  const staff: Array<[RegExp, string, ConceptKey | undefined]> = [
    [
      /(?<!行政|事业)(?:机关)?编制(?:数)?(?:为)?\s*(\d+)\s*[名人个]/,
      'unit.staffing.authorized',
      'staffing.authorized',
    ],
    [/行政编制\s*(\d+)\s*[名人个]/, 'unit.staffing.authorizedAdministrative', undefined],
    [/事业编制\s*(\d+)\s*[名人个]/, 'unit.staffing.authorizedInstitutional', undefined],
    [
      /(?:现有)?在职(?:人员|人数)(?:为)?\s*(\d+)\s*[名人]/,
      'unit.staffing.actual',
      'staffing.actual',
    ],
    [/离退休(?:人员|人数)(?:为)?\s*(\d+)\s*[名人]/, 'unit.staffing.retired', 'staffing.retired'],
  ];
  for (const [re, path, concept] of staff) {
    const m = re.exec(text);
    if (!m?.[1]) continue;
    const line = lineAt(all, m.index);
    const label = labels[lines.indexOf(line as SourceLine)] ?? '';
    col.set(path, Number(m[1]), at(m.index, m[0]));
    if (concept) col.state(concept, m[1], { section: label, quote: m[0] }, at(m.index, m[0]));
  }

  // Projects: "有项目支出 3 个：A、B和C，均为…".
  let projectNames: string[] = [];
  const pc = /项目(?:支出)?\s*(\d+)\s*个(?:[:：]\s*([^。，]+?)(?:[，,]\s*均为|[。；]))?/.exec(text);
  if (pc?.[1]) {
    const line = lineAt(all, pc.index);
    col.state(
      'projects.count',
      pc[1],
      { section: labels[lines.indexOf(line as SourceLine)] ?? '', quote: pc[0].slice(0, 20) },
      at(pc.index, pc[0]),
    );
    if (pc[2]) projectNames = splitList(pc[2]);
  }

  // "因公出国（境）费无": a stated nil.
  for (const m of text.matchAll(
    /(因公出国[（(]境[)）]费?|公务用车购置费?|公务用车运行维护费?|公务接待费?)\s*(无|为零|为0)(?![\d.])/g,
  )) {
    const base = subjectOf(m[1] ?? '')?.base;
    if (!base || !isMoneyHead(base)) continue;
    // Cite the line of the value ("无"), which a wrap may put below the label.
    const valueAt = m.index + m[0].length - (m[2]?.length ?? 0);
    const line = lineAt(all, valueAt);
    col.state(
      headConcept(base, 'actual'),
      '无',
      { section: labels[lines.indexOf(line as SourceLine)] ?? '', quote: m[1] ?? '' },
      at(valueAt, m[0]),
    );
  }

  // Figures section by section.
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i === lines.length || labels[i] !== labels[start]) {
      const label = labels[start] ?? '';
      const h = [...headings].reverse().find((x) => x.label === label);
      tagSection(joinLines(lines.slice(start, i), proseJoin), label, h?.title ?? '', col);
      start = i;
    }
  }

  // Grade: "自评结果为优", "评价等级为良".
  const grade = /(?:自评|评价)(?:结果|等级|结论)(?:为|是|：|:)\s*[“"]?([优良中差])/.exec(text);
  if (grade?.[1]) {
    const line = lineAt(all, grade.index);
    col.state(
      'score.grade',
      grade[1],
      { section: labels[lines.indexOf(line as SourceLine)] ?? '', quote: grade[0] },
      at(grade.index, grade[0]),
    );
  }

  // Filing basis and publication.
  const basis = /(?:根据|依据|按照)(《[^》]{2,40}》)\s*[（(]([^)）]{2,30})[)）]/.exec(text);
  if (basis?.[1])
    col.set(
      'filing.basis',
      `${basis[1]}${basis[2] ? `（${basis[2]}）` : ''}`,
      at(basis.index, basis[0]),
      0.9,
    );
  const pub =
    /将于\s*(.+?)进行公开/.exec(text) ??
    /(\d{1,2}\s*月\s*\d{1,2}\s*日前在[^。，]{2,30}?)公开/.exec(text);
  if (pub?.[1])
    col.set('filing.publication', `${pub[1].replace(/\s+/g, '')}公开`, at(pub.index, pub[0]), 0.9);

  proseSections(lines, headings, col);
  return { projectNames };
}

function sectionText(
  lines: readonly SourceLine[],
  headings: readonly Heading[],
  re: RegExp,
  levels: ReadonlyArray<1 | 2 | 3>,
): { text: string; line?: SourceLine } | undefined {
  const h = headings.find((x) => levels.includes(x.level) && re.test(x.title));
  if (!h) return undefined;
  const next = headings.find((x) => x.index > h.index && x.level <= h.level);
  const body = lines.slice(h.index, next ? next.index : lines.length);
  const joined = joinLines(body, proseJoin).text.replace(
    /^\s*(?:[一二三四五六七八九十]+、|\d+、|[（(][一二三四五六七八九十]+[)）])/,
    '',
  );
  const text = joined.startsWith(h.title)
    ? joined.slice(h.title.length).replace(/^[：:。]/, '')
    : joined.replace(/^[^：:]{0,20}[：:]/, '');
  return { text: text.trim(), line: body[0] };
}

function proseSections(
  lines: readonly SourceLine[],
  headings: readonly Heading[],
  col: Collector,
): void {
  const put = (path: string, re: RegExp, levels: ReadonlyArray<1 | 2 | 3>) => {
    const s = sectionText(lines, headings, re, levels);
    if (s?.text) col.set(path, s.text, placeOf(s.line, s.text.slice(0, 40)), 0.9);
  };
  put('narrative.economicBenefits', /经济效益/, [2, 3]);
  put('narrative.socialBenefits', /社会效益/, [2, 3]);
  put('narrative.satisfaction', /满意度/, [2, 3]);
  put('narrative.problems', /存在的?问题/, [1]);
  put('narrative.measures', /改进措施|下一步/, [1]);
  put('narrative.other', /其他需要说明/, [1]);
  // Overview: the performance section's text before its first subsection.
  const perf = headings.find((h) => h.level === 1 && /绩效情况|整体支出绩效/.test(h.title));
  if (perf) {
    const next = headings.find((x) => x.index > perf.index);
    const body = lines.slice(perf.index + 1, next ? next.index : lines.length);
    const t = joinLines(body, proseJoin).text.trim();
    if (t) col.set('narrative.overview', t, placeOf(body[0], t.slice(0, 40)), 0.9);
  }
  // Reasons: "主要原因是…" after the figure they explain.
  const all = joinLines(lines, proseJoin);
  const reason = (path: string, re: RegExp) => {
    const m = re.exec(all.text);
    if (m?.[1]) col.set(path, m[1].trim(), placeOf(lineAt(all, m.index), m[0].slice(0, 40)), 0.9);
  };
  reason('narrative.decreaseReason', /减少支出[^。]*?主要原因是([^。]+)。/);
  reason('narrative.budgetGrowthReason', /年初预算(?:增加|增长)[^。]*?主要原因是([^。]+)。/);
  reason('narrative.assetChangeReason', /资产总额[^。]*?主要原因是([^。]+)。/);
}
