/**
 * One stream of cells for the whole document, whatever the layout: `|`-filled rows (empty filler
 * cells dropped), one cell per line, cells run together on one line with spaces, and DOCX/XLSX/PDF
 * cells. Each cell keeps its line (page, line, sheet/cell), so every figure read from the stream is
 * cited where it stands. Header words a cell wrap split ("年初" / "预算数", "经济效益" / "指标")
 * are re-joined by the readers through `joinedAt`, not here: the same split also occurs between
 * two real cells.
 */
import type { Place, SourceLine } from '../../model.ts';
import { placeOf } from '../../collect.ts';

export interface Cell {
  readonly text: string;
  readonly line: SourceLine;
  /** XLSX cell reference, when the source is a workbook. */
  readonly ref?: string;
}

/** A unit word that belongs to the number before it ("不少于12 种", "38508 人"). */
const UNIT_ONLY =
  /^(%|亿元?|万元|万|元|个|次|家|项|人|户|天|日|月|年|件|场|笔|条|份|分|公里|平方米|亩|头|只|吨|组|例|种|台|所|元\/亩)$/;
const ENDS_WITH_NUMBER = /[≥≤<>=＝]?\s*[+-]?\d+(?:\.\d+)?$/;
/** Fillers of blank table rows ("……") and lone separators. */
const FILLER = /^(?:…+|\.{3,}|·+|[|｜]+)$/;

/** Split a line without explicit cells into whitespace-separated cells, units kept on numbers. */
function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const w of text.split(/\s+/)) {
    if (!w) continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && UNIT_ONLY.test(w) && ENDS_WITH_NUMBER.test(prev)) {
      out[out.length - 1] = `${prev}${w}`;
      continue;
    }
    // An operator alone ("≥") belongs to the value after it.
    if (prev !== undefined && /^[≥≤<>=＝]+$/.test(prev) && /^\d/.test(w)) {
      out[out.length - 1] = `${prev}${w}`;
      continue;
    }
    out.push(w);
  }
  return out;
}

export function cellStream(lines: readonly SourceLine[]): Cell[] {
  const out: Cell[] = [];
  let prevGlued = false;
  for (const line of lines) {
    if (line.cells.length) {
      prevGlued = false;
      for (const c of line.cells) {
        const t = c.text.replace(/\s+/g, ' ').trim();
        if (!t || FILLER.test(t)) continue;
        out.push({ text: t, line, ...(c.cell ? { ref: c.cell } : {}) });
      }
      continue;
    }
    // The next page of a run-together table ("3、…", after a run-together line) is one too.
    const glued: boolean =
      isRunTogether(line.text) || (prevGlued && /^\d{1,2}、\S/.test(line.text.trim()));
    prevGlued = glued;
    const words = glued ? segmentRunTogether(line.text.trim()) : wordsOf(line.text);
    for (const w of words) if (!FILLER.test(w)) out.push({ text: w, line });
  }
  return out;
}

/** A table flattened into one long string: few spaces, many figures (document-sharing sites). */
export function isRunTogether(text: string): boolean {
  if (text.length < 150) return false;
  // Figures glued to the words around them ("率100%100%库存") against figures standing apart.
  const glued = (text.match(/[\u4e00-\u9fa5)）]\d+(?:\.\d+)?%|\d%[\u4e00-\u9fa5\d]/g) ?? []).length;
  const apart = (text.match(/(?:^|\s)\d+(?:\.\d+)?%?(?=\s|$)/g) ?? []).length;
  return glued >= 2 && glued > apart;
}

// Words of the forms that start a new cell in a run-together table (headers, 一级/二级 labels).
const CELL_WORDS = new RegExp(
  String.raw`(一级指标|二级指标|三级指标|年度指标值|年初目标值|实际完成值|全年完成值|全年实际值|未完成原因和改进措施|得分|分值` +
    String.raw`|权重|偏差原因分析及改进措施|(?:产出|效益|满意度|成本)指标|(?:数量|质量|时效|成本|经济效益|社会效益|生态效益` +
    String.raw`|可持续影响|服务对象满意度)指标)`,
  'g',
);

/**
 * Cells of a run-together table: spaces left by wraps inside words are dropped, the form's header
 * and label words and every percentage become cells of their own, and the words between them are
 * one cell. Numbers run together without a % are left in their words (no split is guessed here).
 */
export function segmentRunTogether(text: string): string[] {
  const t = text
    .replace(/(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/g, '')
    .replace(/^\d、(?=[\u4e00-\u9fa5\d])/, '');
  const out: string[] = [];
  for (const part of t.split(CELL_WORDS)) {
    if (!part) continue;
    if (CELL_WORDS.test(part)) {
      CELL_WORDS.lastIndex = 0;
      out.push(part);
      continue;
    }
    CELL_WORDS.lastIndex = 0;
    for (const p of part.split(/([≥≤<>=≧≦]?\d+(?:\.\d+)?%)/)) {
      const w = p.trim();
      if (w) for (const x of w.split(/\s+/)) out.push(...splitTwice(x));
    }
  }
  return out;
}

/** A counting unit written after a figure ("0起", "6个", "12人次"). */
const COUNT_UNIT =
  '(?:人次|起|个|次|人|户|项|件|家|所|场|笔|条|份|吨|亩|组|例|种|台|辆|座|处|批|套)';
/**
 * A value written twice, as a row whose actual equals its target ("…发生数0起0起…", "…比例00…"):
 * the two values become cells of their own, and so do the words before and after them. Without a
 * unit, only values of one to three digits count (not a year such as "2020").
 */
const TWICE = new RegExp(
  `(?<![\\d.])(?:(\\d+(?:\\.\\d+)?${COUNT_UNIT})\\1|(\\d{1,3})\\2(?![\\d.%年月日]))(?!${COUNT_UNIT})`,
);
function splitTwice(w: string): string[] {
  const m = TWICE.exec(w);
  if (!m || m.index === 0 || !/[\u4e00-\u9fa5]$/.test(w.slice(0, m.index))) return [w];
  if (!m[1] && /^(?:19|20)\d\d$/.test(m[0])) return [w];
  const v = (m[1] ?? m[2]) as string;
  const rest = w.slice(m.index + m[0].length);
  return [w.slice(0, m.index), v, v, ...(rest ? splitTwice(rest) : [])];
}

/** The place of a cell for provenance: its line (and XLSX cell), quoting the cell. */
export const placeOfCell = (c: Cell, quote?: string): Place => ({
  ...placeOf(c.line, quote ?? c.text),
  ...(c.ref ? { cell: c.ref } : {}),
});

/** Cells i..i+n-1 joined without spaces (a header cell wrapped over several lines). */
export function joinedAt(cells: readonly Cell[], i: number, n: number): string {
  let s = '';
  for (let k = i; k < i + n && k < cells.length; k++) s += cells[k]?.text ?? '';
  return s.replace(/\s+/g, '');
}

/**
 * The longest run of 1–4 cells from i whose joined text matches `re` entirely; 0 when none does.
 * Header words and row labels wrap over cells ("年初" "预算数", "经济效益" "指标").
 */
export function matchRun(cells: readonly Cell[], i: number, re: RegExp, max = 4): number {
  for (let n = max; n >= 1; n--) {
    if (i + n > cells.length) continue;
    if (re.test(joinedAt(cells, i, n))) return n;
  }
  return 0;
}
