/**
 * ReportModel → .xlsx (exceljs): one sheet per annex (附件1, 附件2, one per project table), laid out
 * like the official tables, with live formulas for totals, rates, the execution score, the total and
 * the grade (the model's `{id}` formulas become A1 references). Every formula cell also carries its
 * cached result so readers that do not recalculate still see values. Number formats 0.00 (万元,
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

function addSheet(wb: ExcelJS.Workbook, annex: Annex): void {
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
  ws.columns = widest.columns.map((w) => ({
    width: Math.max(8, Math.round((w / sum) * (annex.landscape ? 150 : 100))),
  }));

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
    r++;
  };
  line(annex.label, { size: 14, font: '黑体' });
  line(annex.title, { size: 18, center: true, font: '方正小标宋简体' });
  ws.getRow(r - 1).height = 30;
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
  const resolve = (formula: string): string =>
    formula.replace(/\{([^}]+)\}/g, (_m, id: string) => {
      const a = address.get(id);
      if (!a) throw new Error(`formula refers to unknown cell ${id} in ${annex.sheet}`);
      return a;
    });

  // Pass 2: write values, formulas, merges and styles.
  let titleRows: [number, number] | undefined;
  annex.tables.forEach((t, ti) => {
    const pl = placements[ti];
    if (!pl) return;
    const heads = headerRowCount(t);
    // Repeat the header rows of the last table with a leading header (the indicator grid, the 经费 table).
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
    }
    for (let i = 0; i < pl.grid.rows; i++)
      for (let j = 1; j <= pl.grid.cols; j++) ws.getCell(pl.top + i, j).border = BORDER;
  });
  for (const l of annex.after) line(l, { size: 10.5 });
  if (titleRows) ws.pageSetup.printTitlesRow = `${titleRows[0]}:${titleRows[1]}`;
  ws.pageSetup.printArea = `A1:${columnLetters(cols - 1)}${r - 1}`;
}

/** Render the annex tables of the report model as an .xlsx workbook (bytes). */
export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.title = `${model.unitName}${model.title}`;
  // Ask Excel/WPS to recalculate on open: the cached results are ours, the formulas are live.
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const a of model.annexes) addSheet(wb, a);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
