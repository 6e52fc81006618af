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
