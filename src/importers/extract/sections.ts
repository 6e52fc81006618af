/**
 * Where the parts of a published report are: the narrative (with its numbered sections), 附件1
 * (基础数据表) and 附件2 (自评表). Headings are recognised by their numbering: "六、", "（一）", "1、".
 */
import type { SourceLine } from '../model.ts';

export interface Parts {
  readonly narrative: readonly SourceLine[];
  readonly annex1: readonly SourceLine[];
  readonly annex2: readonly SourceLine[];
}

/** The line's text without table separators. */
const plainCache = new WeakMap<SourceLine, string>();
export const plain = (l: SourceLine): string => {
  let p = plainCache.get(l);
  if (p === undefined) {
    p = l.text.includes('|') ? l.text.replace(/\|/g, ' ').replace(/\s+/g, ' ').trim() : l.text;
    plainCache.set(l, p);
  }
  return p;
};

const ANNEX1_RE =
  /^(附件\s*[1１一]\s*[:：]?\s*(部门整体支出绩效评价基础数据表)?|部门整体支出绩效评价基础数据表)$/;
export const ANNEX2_RE =
  /^(附件\s*[2２二]\s*[:：]?\s*(部门整体支出绩效自评表)?|部门整体支出绩效自评表)$/;

export function splitParts(lines: readonly SourceLine[]): Parts {
  let a1 = lines.findIndex((l) => ANNEX1_RE.test(plain(l)));
  let a2 = lines.findIndex((l, i) => i > a1 && ANNEX2_RE.test(plain(l)));
  if (a2 < 0) {
    // No heading: the 自评表 starts at its first recognisable row.
    a2 = lines.findIndex(
      (l, i) => i > a1 && /预算部门名称|年度预算申请|年度资金总额/.test(plain(l)),
    );
  }
  if (a1 < 0) {
    const t = lines.findIndex((l) => /^财政供养人员情况|^经费控制情况/.test(plain(l)));
    if (t >= 0 && (a2 < 0 || t < a2)) a1 = t;
  }
  const end1 = a2 > a1 ? a2 : lines.length;
  const narrativeEnd = Math.min(...[a1, a2, lines.length].filter((i) => i >= 0));
  return {
    narrative: lines.slice(0, narrativeEnd),
    annex1: a1 >= 0 ? lines.slice(a1, end1) : [],
    annex2: a2 >= 0 ? lines.slice(a2) : [],
  };
}

export interface Heading {
  readonly level: 1 | 2 | 3;
  /** "六", "二（一）", "六 1". */
  readonly label: string;
  readonly title: string;
  /** Index of the heading line in the narrative lines. */
  readonly index: number;
}

const L1_RE = /^([一二三四五六七八九十]{1,3})[、．.]\s*(\S.*)$/;
const L2_RE = /^[（(]([一二三四五六七八九十]{1,3})[)）]\s*(\S.*)$/;
// Numbered headings use 、 ("1、运行成本"); "1. …" lines are list items (functions, annex lists).
const N_RE = /^(\d{1,2})、\s*([^\d\s].*)$/;

/** Headings of the narrative and, for every line, the label of the section it is in. */
export function sectionLabels(lines: readonly SourceLine[]): {
  headings: Heading[];
  labels: string[];
} {
  const headings: Heading[] = [];
  const labels: string[] = [];
  let l1 = '';
  let current = '';
  lines.forEach((line, index) => {
    const t = plain(line);
    let m: RegExpExecArray | null;
    if ((m = L1_RE.exec(t))) {
      l1 = m[1] ?? '';
      current = l1;
      headings.push({ level: 1, label: current, title: m[2] ?? '', index });
    } else if ((m = L2_RE.exec(t)) && l1) {
      // Inside a numbered subsection, （一） items are paragraphs of that subsection.
      if (!/ \d+$/.test(current)) {
        current = `${l1}（${m[1] ?? ''}）`;
        headings.push({ level: 2, label: current, title: m[2] ?? '', index });
      }
    } else if ((m = N_RE.exec(t)) && l1) {
      current = `${l1} ${m[1] ?? ''}`;
      headings.push({ level: 3, label: current, title: m[2] ?? '', index });
    }
    labels.push(current);
  });
  return { headings, labels };
}
