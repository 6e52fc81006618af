/**
 * The indicator grid as a tree table: 一级 → 二级 → 三级 rows, with merged (row-spanning) 一级 and
 * 二级 cells the way 附件2 prints them. Merging follows the row order the user set: consecutive
 * rows with the same 一级 merge; 二级 merges within the same 一级.
 */

export interface RowKeyed {
  readonly level1?: string;
  readonly level2?: string;
}

export interface RowSpan {
  /** rowSpan for the 一级 cell: >0 on the first row of a run, 0 on the others (hidden). */
  readonly level1: number;
  readonly level2: number;
}

export function rowSpans(rows: readonly RowKeyed[]): RowSpan[] {
  const out: { level1: number; level2: number }[] = rows.map(() => ({ level1: 0, level2: 0 }));
  let i = 0;
  while (i < rows.length) {
    const l1 = rows[i]?.level1 ?? '';
    let j = i;
    while (j < rows.length && (rows[j]?.level1 ?? '') === l1) j += 1;
    (out[i] as { level1: number }).level1 = j - i;
    let k = i;
    while (k < j) {
      const l2 = rows[k]?.level2 ?? '';
      let m = k;
      while (m < j && (rows[m]?.level2 ?? '') === l2) m += 1;
      (out[k] as { level2: number }).level2 = m - k;
      k = m;
    }
    i = j;
  }
  return out;
}

/** A fresh indicator id not used in `ids` ("I1", "I2", …). */
export function nextIndicatorId(ids: readonly string[], prefix = 'I'): string {
  const used = new Set(ids);
  let n = ids.length + 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/**
 * A merged cell as drawn when only rows [start, end) are mounted (a windowed grid): the run it
 * belongs to (its first row and length, for renaming the whole run) and the rowSpan it gets in
 * the window. A run that began above the window is drawn again on the window's first row.
 */
export interface WindowCell {
  readonly runStart: number;
  readonly runLength: number;
  readonly span: number;
}

export function windowSpans(
  spans: readonly RowSpan[],
  start: number,
  end: number,
): { level1: WindowCell | null; level2: WindowCell | null }[] {
  const runStartAt = (i: number, key: 'level1' | 'level2') => {
    let j = i;
    while (j > 0 && (spans[j]?.[key] ?? 0) === 0) j -= 1;
    return j;
  };
  const cell = (i: number, key: 'level1' | 'level2'): WindowCell | null => {
    if (i !== start && (spans[i]?.[key] ?? 0) === 0) return null;
    const runStart = runStartAt(i, key);
    const runLength = spans[runStart]?.[key] ?? 1;
    return { runStart, runLength, span: Math.min(runStart + runLength, end) - i };
  };
  const out: { level1: WindowCell | null; level2: WindowCell | null }[] = [];
  for (let i = start; i < end; i += 1)
    out.push({ level1: cell(i, 'level1'), level2: cell(i, 'level2') });
  return out;
}

/**
 * Rows to mount for a scroll position: those that overlap [top, top + height) (pixels inside the
 * grid body), widened by `overscan` rows each side. `heights` are the rows' heights in pixels.
 */
export function visibleRows(
  heights: readonly number[],
  top: number,
  height: number,
  overscan: number,
): { start: number; end: number } {
  let y = 0;
  let first = heights.length;
  let last = heights.length;
  for (let i = 0; i < heights.length; i += 1) {
    const h = heights[i] ?? 0;
    if (first === heights.length && y + h > top) first = i;
    if (y >= top + height) {
      last = i;
      break;
    }
    y += h;
  }
  if (first === heights.length) first = Math.max(0, heights.length - 1);
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(heights.length, last + overscan),
  };
}
