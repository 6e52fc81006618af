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
  for (const line of lines) {
    if (line.cells.length) {
      for (const c of line.cells) {
        const t = c.text.replace(/\s+/g, ' ').trim();
        if (!t || FILLER.test(t)) continue;
        out.push({ text: t, line, ...(c.cell ? { ref: c.cell } : {}) });
      }
      continue;
    }
    for (const w of wordsOf(line.text)) if (!FILLER.test(w)) out.push({ text: w, line });
  }
  return out;
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
