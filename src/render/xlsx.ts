/**
 * ReportModel → .xlsx (exceljs): one sheet per annex (附件1, 附件2, one per project table), laid out
 * like the official tables, with live formulas for totals, rates, the execution score, the total
 * and the grade (the model's `{id}` formulas become A1 references). Every formula cell also carries
 * its cached result so readers that do not recalculate still see values. Number formats 0.00 (万元,
 * points), 0.00% (rates); merged cells; A4 print setup, fit to one page wide, header rows repeated.
 */
import ExcelJS from 'exceljs';
import type { Annex, Cell, CellFormat, ReportModel } from '../core/report/model.ts';
import { columnLetters, headerRowCount, layoutTable, type Grid } from './layout.ts';

const NUM_FMT: Record<CellFormat, string> = {
  wan: '0.00',
  points: '0.00',
  percent: '0.00%',
  count: '0',
};
const FONT = '仿宋_GB2312';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The cached result exceljs writes next to a formula: a number for numeric cells, else text. */
function cachedResult(c: Cell): number | string {
  if (c.value === undefined) return '';
  return c.format ? Number(c.value) : c.value;
}

function cellValue(c: Cell, resolve: (formula: string) => string): ExcelJS.CellValue {
  if (c.formula)
    return { formula: resolve(c.formula), result: cachedResult(c) } as ExcelJS.CellFormulaValue;
  if (c.value !== undefined && c.format) return Number(c.value);
  return c.text === '' ? null : c.text;
}

interface Placement {
  readonly grid: Grid;
  readonly top: number;
}

/** Rows above the first table of a sheet: the label, the title, the `before` lines. */
const headRows = (annex: Annex): number => 2 + annex.before.length;

/** Every cell id of every annex → its address, sheet-qualified ("'附件1'!D7"). */
function addressBook(annexes: readonly Annex[]): Map<string, { sheet: string; a1: string }> {
  const book = new Map<string, { sheet: string; a1: string }>();
  for (const annex of annexes) {
    let r = headRows(annex) + 1;
    for (const t of annex.tables) {
      const grid = layoutTable(t);
      for (const p of grid.placed)
        if (p.cell.id)
          book.set(p.cell.id, { sheet: annex.sheet, a1: `${columnLetters(p.col)}${r + p.row}` });
      r += grid.rows;
    }
  }
  return book;
}

/** Display width of a text in Excel column units: CJK and full-width characters count 2. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Lines a wrapped text needs in a cell `width` column units wide (font 10.5 pt ≈ the default
 * column unit per half-width character). Excel and WPS do not size rows of merged cells, so the
 * height is set here from this count.
 */
function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** Points per line of 10.5 pt text, with the cell's padding. */
const LINE_PT = 14;

function addSheet(
  wb: ExcelJS.Workbook,
  annex: Annex,
  book: ReadonlyMap<string, { sheet: string; a1: string }>,
): void {
  const cols = Math.max(...annex.tables.map((t) => t.columns.length));
  const ws = wb.addWorksheet(annex.sheet, {
    pageSetup: {
      paperSize: 9,
      orientation: annex.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C— &P —' },
    views: [{ showGridLines: false }],
  });
  // Column widths: the widest table's relative widths scaled to ~120 characters across.
  const widest = annex.tables.reduce(
    (a, t) => (t.columns.length >= a.columns.length ? t : a),
    annex.tables[0] ?? { columns: [] as number[] },
  );
  const sum = widest.columns.reduce((a, b) => a + b, 0) || 1;
  const widths = widest.columns.map((w) =>
    Math.max(8, Math.round((w / sum) * (annex.landscape ? 150 : 100))),
  );
  ws.columns = widths.map((width) => ({ width }));
  const spanWidth = (col: number, span: number): number =>
    widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  /** Row heights (points) needed so far, the largest asked for each row. */
  const need = new Map<number, number>();
  const ask = (row: number, pt: number) => need.set(row, Math.max(need.get(row) ?? 0, pt));

  let r = 1;
  const line = (
    text: string,
    opts: { size?: number; bold?: boolean; center?: boolean; font?: string } = {},
  ) => {
    ws.mergeCells(r, 1, r, cols);
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = { name: opts.font ?? FONT, size: opts.size ?? 11, bold: opts.bold ?? false };
    cell.alignment = {
      horizontal: opts.center ? 'center' : 'left',
      vertical: 'middle',
      wrapText: true,
    };
    const size = opts.size ?? 11;
    ask(r, wrappedLines(text, (spanWidth(0, cols) * 10.5) / size) * (size + 3.5));
    r++;
  };
  line(annex.label, { size: 14, font: '黑体' });
  line(annex.title, { size: 18, center: true, font: '方正小标宋简体' });
  for (const l of annex.before) line(l);

  // Pass 1: place every table and learn where each cell id lands.
  const address = new Map<string, string>();
  const placements: Placement[] = [];
  for (const t of annex.tables) {
    const grid = layoutTable(t);
    for (const p of grid.placed)
      if (p.cell.id) address.set(p.cell.id, `${columnLetters(p.col)}${r + p.row}`);
    placements.push({ grid, top: r });
    r += grid.rows;
  }
  // An id of this sheet → A1; of another sheet → 'Sheet'!A1 (附件2 refers to 附件1).
  const resolve = (formula: string): string =>
    formula.replace(/\{([^}]+)\}/g, (_m, id: string) => {
      const a = address.get(id);
      if (a) return a;
      const other = book.get(id);
      if (!other) throw new Error(`formula refers to unknown cell ${id} in ${annex.sheet}`);
      return `'${other.sheet.replace(/'/g, "''")}'!${other.a1}`;
    });

  // Pass 2: write values, formulas, merges and styles.
  let titleRows: [number, number] | undefined;
  annex.tables.forEach((t, ti) => {
    const pl = placements[ti];
    if (!pl) return;
    const heads = headerRowCount(t);
    // Repeat the header rows of the last table with a leading header (the indicator grid, the 经费
    // table).
    if (heads > 0 && ti > 0) titleRows = [pl.top, pl.top + heads - 1];
    if (heads > 0 && ti === 0 && annex.tables.length === 1)
      titleRows = [pl.top, pl.top + heads - 1];
    for (const p of pl.grid.placed) {
      const row = pl.top + p.row;
      const col = p.col + 1;
      if (p.rowSpan > 1 || p.colSpan > 1)
        ws.mergeCells(row, col, row + p.rowSpan - 1, col + p.colSpan - 1);
      const cell = ws.getCell(row, col);
      cell.value = cellValue(p.cell, resolve);
      if (p.cell.format) cell.numFmt = NUM_FMT[p.cell.format];
      const header = t.rows[p.row]?.header === true;
      cell.font = { name: FONT, size: 10.5, bold: header || p.cell.bold === true };
      cell.alignment = { horizontal: p.cell.align ?? 'center', vertical: 'middle', wrapText: true };
      // Height the text needs, spread over the rows a merged cell spans.
      if (p.cell.text !== '') {
        const lines = wrappedLines(p.cell.text, spanWidth(p.col, p.colSpan));
        const each = (lines * LINE_PT + 2) / p.rowSpan;
        for (let i = 0; i < p.rowSpan; i++) ask(row + i, each);
      }
    }
    for (let i = 0; i < pl.grid.rows; i++)
      for (let j = 1; j <= pl.grid.cols; j++) ws.getCell(pl.top + i, j).border = BORDER;
  });
  for (const l of annex.after) line(l, { size: 10.5 });
  if (titleRows) ws.pageSetup.printTitlesRow = `${titleRows[0]}:${titleRows[1]}`;
  // Absolute, so the print area stays on the table when rows are inserted or the sheet is copied.
  // exceljs puts a "$" before each corner; the row's "$" makes the print area absolute.
  ws.pageSetup.printArea = `A$1:${columnLetters(cols - 1)}$${r - 1}`;
  for (const [row, pt] of need) ws.getRow(row).height = Math.max(15, Math.ceil(pt));
}

/** Render the annex tables of the report model as an .xlsx workbook (bytes). */
export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.title = `${model.unitName}${model.title}`;
  // Ask Excel/WPS to recalculate on open: the cached results are ours, the formulas are live.
  wb.calcProperties = { fullCalcOnLoad: true };
  const book = addressBook(model.annexes);
  for (const a of model.annexes) addSheet(wb, a, book);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
