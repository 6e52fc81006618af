/**
 * Who and when, wherever the document says it: label–value pairs (项目名称, 主管部门, 实施单位,
 * 单位名称, 填报单位, 部门（单位）名称, 自评得分, 自评等级, 来源, 发布机构 …) as adjacent cells or as
 * "label：value" inside a line, the unit named in the title ("<unit>2023年度…绩效自评报告"), the
 * year of the report (title, "（2021年度）", year columns, or — with a low confidence — the year
 * before a filing or publication date), and the level of the report (department or project).
 */
import type { SourceLine } from '../../model.ts';
import { placeOf } from '../../collect.ts';
import type { Place } from '../../model.ts';
import { plain } from '../sections.ts';
import { type Cell, placeOfCell } from './tokens.ts';

export type LabelKey =
  | 'projectName'
  | 'department'
  | 'implementer'
  | 'unit'
  | 'issuer'
  | 'source'
  | 'score'
  | 'grade'
  | 'fillDate';

export interface LabelValue {
  readonly key: LabelKey;
  readonly value: string;
  readonly place: Place;
  readonly confidence: number;
}

const LABELS: ReadonlyArray<[RegExp, LabelKey]> = [
  [/^(?:项目名称|专项资金名称|资金名称)$/, 'projectName'],
  [/^(?:县级|市级|区级)?主管部门$/, 'department'],
  [/^(?:项目)?实施单位$/, 'implementer'],
  [
    /^(?:单位名称|填报单位|单位[（(]盖章[)）]|预算单位名称|预算部门名称|部门[（(]单位[)）]名称|部门名称)$/,
    'unit',
  ],
  [/^(?:发文单位|发文机构|发布机构|发布单位)$/, 'issuer'],
  [/^(?:来源|信息来源|文章来源)$/, 'source'],
  [/^(?:自评得分|自评总分|评价得分|总分|合计得分)$/, 'score'],
  [/^(?:自评等级|评价等级|自评结果|等级)$/, 'grade'],
  [/^(?:填报日期|报告日期|填表日期)$/, 'fillDate'],
];
const LABEL_WORDS =
  '项目名称|专项资金名称|主管部门|项目实施单位|实施单位|单位名称|填报单位|单位[（(]盖章[)）]|预算单位名称|' +
  '预算部门名称|部门[（(]单位[)）]名称|发文单位|发文机构|发布机构|来源|信息来源|自评得分|总分|自评等级|填报日期|' +
  '报告日期|负责人|联系电话|项目资金|项目类别|项目属性|预算编码|财政审[核定]?|作者|发布时间|发文日期|' +
  '浏览量|访问量|日期|文号|索引号|字体|项目基本情况';
const INLINE_RE = new RegExp(
  `(${LABEL_WORDS})\\s*[:：]?\\s*(.+?)(?=\\s*(?:${LABEL_WORDS})|\\s{2,}|$)`,
  'g',
);

const keyOf = (label: string): LabelKey | undefined => {
  const t = label.replace(/[:：\s]/g, '');
  return LABELS.find(([re]) => re.test(t))?.[1];
};

/** A value that cannot be a name or a score: another label, a blank, a unit-of-measure note. */
const NOT_A_VALUE =
  /^(?:[:：|/—\-–]*|单位[:：].*|[（(]?万?元[)）]?|无)$|[（(]万?元[)）]|^(?:项目资金|年度资金|预算执行|绩效指标|项目基本情况)/;

function cleanValue(key: LabelKey, v: string): string | undefined {
  let t = v
    .replace(/^[:：\s]+/, '')
    .replace(/[|｜]/g, ' ')
    .trim();
  if (key === 'score') {
    // "总分 3.部门整体…" is a list number, not a score.
    const m = /^(\d+(?:\.\d+)?)(?![.\d、])\s*分?/.exec(t);
    return m?.[1];
  }
  if (key === 'grade') return /^[优良中差]/.exec(t)?.[0] ?? /^(优秀|良好|合格|不合格)/.exec(t)?.[0];
  if (key === 'fillDate')
    return /20\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|20\d{2}-\d{1,2}-\d{1,2}/.exec(t)?.[0];
  // Codes before names ("219001-池州市…"), trailing punctuation.
  t = t
    .replace(/^[\dA-Za-z]{3,}[-—－]\s*/, '')
    .replace(/[，,。；;：:]+$/, '')
    .trim();
  if (NOT_A_VALUE.test(t) || keyOf(t) || t.length > 60) return undefined;
  return t;
}

/** Label–value pairs: a label cell followed by its value cell, and "label：value" inside lines. */
export function labelValues(cells: readonly Cell[], lines: readonly SourceLine[]): LabelValue[] {
  const out: LabelValue[] = [];
  for (let i = 0; i + 1 < cells.length; i++) {
    const c = cells[i] as Cell;
    const key = keyOf(c.text);
    if (!key) continue;
    let next = cells[i + 1] as Cell;
    let v = cleanValue(key, next.text);
    // A 总分 row under 分值 and 得分 columns: "总分 | 100 | 89" — Σ分值, then the score.
    const after = cells[i + 2];
    if (key === 'score' && v === '100' && /^(?:总分|合计)/.test(c.text.trim()) && after) {
      const s = cleanValue(key, after.text);
      if (s !== undefined && Number(s) <= 100 && after.line === next.line) {
        next = after;
        v = s;
      }
    }
    if (v) out.push({ key, value: v, place: placeOfCell(next), confidence: 0.95 });
  }
  for (const l of lines) {
    const t = plain(l);
    if (t.length > 400) {
      // A table run together into one line: read the labels inside it below.
    }
    for (const m of t.matchAll(INLINE_RE)) {
      const key = keyOf(m[1] ?? '');
      if (!key) continue;
      const v = cleanValue(key, m[2] ?? '');
      if (v && !out.some((o) => o.key === key && o.value === v))
        out.push({ key, value: v, place: placeOf(l, m[0]), confidence: 0.85 });
    }
  }
  return out;
}

const ORG_SUFFIX =
  '(?:人民政府|委员会|联合会|办公室|管理局|中心|局|委|办|院|站|所|学校|中学|小学|幼儿园|医院|卫生院|大学|学院|馆|队|社|科|股|处|厅|部|会|公司|集团)';
const ORG_RE = new RegExp(`^(.{2,40}?${ORG_SUFFIX})(?:[（(]|$)`);
const TITLE_UNIT_RE = new RegExp(
  '^(?:20\\d{2}\\s*年度?)?' +
    `([\\u4e00-\\u9fa5（）()]{2,40}?${ORG_SUFFIX})` +
    '(?:[（(].*?[)）][\\u4e00-\\u9fa5]{0,12})?' +
    '\\s*(?:20\\d{2}\\s*年度?|本级|部门|整体|项目)',
);
/** "<unit>2023年度部门整体支出绩效自评报告", "2022年度<unit>部门（单位）整体支出绩效自评报告". */
export function unitFromTitle(
  lines: readonly SourceLine[],
): { name: string; place: Place } | undefined {
  for (const l of lines.slice(0, 60)) {
    const t = plain(l).replace(/\s+/g, '');
    if (t.length > 120 || !/绩效|自评|决算|预算/.test(t)) continue;
    const a =
      /^(?:20\d{2}年度?)([\u4e00-\u9fa5]{2,40}?)(?:部门[（(]单位[)）]|单位)?(?:整体|部门整体)支出/.exec(
        t,
      );
    const name = a?.[1] && ORG_RE.test(a[1]) ? a[1] : TITLE_UNIT_RE.exec(t)?.[1];
    if (name && !/^(?:部门|单位|项目|本级)/.test(name))
      return { name, place: placeOf(l, plain(l)) };
  }
  // A line that is only a unit's name, next to the title.
  const title = lines.findIndex((l) => /绩效(?:自评|评价)报告|自评表/.test(plain(l)));
  if (title >= 0)
    for (const l of lines.slice(Math.max(0, title - 3), title + 4)) {
      const t = plain(l).replace(/\s+/g, '');
      if (t.length <= 30 && new RegExp(`^[\\u4e00-\\u9fa5]{3,30}${ORG_SUFFIX}$`).test(t))
        return { name: t, place: placeOf(l, plain(l)) };
    }
  return undefined;
}

/** The name a label gives is a unit when it ends like one ("…局", "…中心", "…卫生院"). */
export const looksLikeUnit = (v: string): boolean => ORG_RE.test(v);

export interface YearFound {
  readonly year: number;
  readonly place: Place;
  readonly confidence: number;
  readonly reason?: string;
}

const isDateLine = (t: string) => /发布|发文|日期|时间|编辑|浏览|访问/.test(t);

/** The report's year, by a fixed order of evidence (see the module comment). */
export function findYear(lines: readonly SourceLine[]): YearFound | undefined {
  const texts = lines.map((l) => plain(l));
  const at = (i: number, q: string) => placeOf(lines[i], q);
  const scan = (re: RegExp, skipDates: boolean): YearFound | undefined => {
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i] as string;
      if (skipDates && isDateLine(t) && !/绩效|自评/.test(t)) continue;
      const m = re.exec(t.replace(/\s+/g, ''));
      if (m?.[1]) return { year: Number(m[1]), place: at(i, m[0]), confidence: 0.9 };
    }
    return undefined;
  };
  const y =
    scan(/(20\d{2})年度/, true) ??
    scan(/[（(](20\d{2})年度?[)）]/, true) ??
    scan(/(20\d{2})年(?:部门|项目|整体|单位)?[^。，,；;]{0,25}?(?:绩效|自评)/, true);
  if (y) return y;
  // Year columns of a 基础数据表: "2018年实际在职人数", "2018年预算数", "2018年决算数".
  let best: YearFound | undefined;
  texts.forEach((t, i) => {
    for (const m of t.matchAll(/(20\d{2})\s*年\s*(?:预算数|决算数|实际在职人数)/g)) {
      const yy = Number(m[1]);
      if (!best || yy > best.year)
        best = {
          year: yy,
          place: at(i, m[0]),
          confidence: 0.7,
          reason: '年度取自表头（“Y 年预算数”）',
        };
    }
  });
  if (best) return best;
  // A filing date, then a publication date: the report is about the year before.
  const dated = (re: RegExp, confidence: number, what: string): YearFound | undefined => {
    for (let i = 0; i < texts.length; i++) {
      const m = re.exec(texts[i] as string);
      if (m?.[1])
        return {
          year: Number(m[1]) - 1,
          place: at(i, m[0]),
          confidence,
          reason: `年度未写明，按${what}的上一年推定`,
        };
    }
    return undefined;
  };
  return (
    dated(/(?:填报日期|报告日期|填表日期)\s*[:：]?\s*(20\d{2})/, 0.6, '填报日期') ??
    dated(/(?:发布时间|发布日期|发文日期|日期)\s*[:：]?\s*(20\d{2})/, 0.4, '发布日期')
  );
}

/** Project-level (项目支出绩效自评表 / 项目支出绩效自评报告) or department-level (部门整体支出). */
export function reportLevel(lines: readonly SourceLine[]): 'department' | 'project' | undefined {
  const head = lines
    .slice(0, 80)
    .map((l) => plain(l))
    .join(' ')
    .replace(/\s+/g, '');
  const dept = head.search(/整体支出|部门整体|单位整体|部门决算|部门[（(]单位[)）]整体/);
  // A project form names itself or its project; "项目绩效" inside a department's score table
  // does not make the report a project one.
  const proj = head.search(
    /项目支出绩效|项目自评表|项目名称|专项资金名称|(?:专项资金|转移支付|补助资金|[^部门]资金).{0,24}绩效(?:目标)?自评/,
  );
  if (dept < 0 && proj < 0) return undefined;
  if (dept < 0) return 'project';
  if (proj < 0) return 'department';
  return dept <= proj ? 'department' : 'project';
}
