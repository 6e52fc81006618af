/**
 * Table geometry shared by the renderers: where each model cell lands on the row × column grid once
 * rowSpan/colSpan are taken into account (the model lists only the cells that start somewhere, as
 * HTML does). DOCX needs the positions to emit vMerge continuation cells, XLSX to merge ranges and
 * turn cell ids into A1 addresses.
 */
import type { Cell, Table } from '../core/report/model.ts';

export interface PlacedCell {
  readonly cell: Cell;
  /** 0-based row and column of the top-left corner. */
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

export interface Grid {
  readonly rows: number;
  readonly cols: number;
  /** Cells in reading order. */
  readonly placed: readonly PlacedCell[];
  /** For every grid slot, the placed cell covering it (undefined for a slot nothing covers). */
  readonly at: readonly (readonly (PlacedCell | undefined)[])[];
}

/**
 * Place the cells of a table; throws (a bug in the model builder) when a row overflows the columns.
 */
export function layoutTable(table: Table): Grid {
  const cols = table.columns.length;
  const at: (PlacedCell | undefined)[][] = table.rows.map(() =>
    new Array<PlacedCell | undefined>(cols).fill(undefined),
  );
  const placed: PlacedCell[] = [];
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (c < cols && at[r]?.[c] !== undefined) c++;
      const rowSpan = Math.max(1, cell.rowSpan ?? 1);
      const colSpan = Math.max(1, cell.colSpan ?? 1);
      if (c + colSpan > cols)
        throw new Error(`table ${table.id}: row ${r} overflows ${cols} columns`);
      const p: PlacedCell = { cell, row: r, col: c, rowSpan, colSpan };
      placed.push(p);
      for (let i = r; i < Math.min(r + rowSpan, table.rows.length); i++)
        for (let j = c; j < c + colSpan; j++) (at[i] as (PlacedCell | undefined)[])[j] = p;
      c += colSpan;
    }
  });
  return { rows: table.rows.length, cols, placed, at };
}

/** Number of leading header rows (repeated on each page). */
export const headerRowCount = (table: Table): number => {
  let n = 0;
  while (n < table.rows.length && table.rows[n]?.header) n++;
  return n;
};

/** 0-based column index → spreadsheet letters (0 → A, 26 → AA). */
export function columnLetters(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
