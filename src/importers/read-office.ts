/**
 * DOCX (mammoth → HTML, tables kept as rows and cells) and XLSX annex tables (exceljs). A merged
 * cell's value is read once, at its top-left cell: merged across columns it is one cell (like an
 * HTML colspan); merged down rows, the cells below are blank, which the grid reader treats as
 * "same as above". Every row keeps the sheet's full width, so a blank cell is "not filled".
 */
import { Decimal } from '../core/money.ts';
import type { SourceCell, SourceDoc, SourceLine } from './model.ts';
import { normaliseLine } from './normalise.ts';
import { htmlToText, readText } from './read-text.ts';
import { assertZipWithinLimits } from './zip-guard.ts';

export async function readDocx(data: Uint8Array, file: string): Promise<SourceDoc> {
  assertZipWithinLimits(data, file);
  const mammoth = (await import('mammoth')).default;
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(data) });
  const text = readText(htmlToText(value), file);
  return { ...text, kind: 'docx' };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as {
      richText?: { text: string }[];
      result?: unknown;
      text?: string;
      error?: string;
    };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return String(o.text);
    if (o.error) return '';
  }
  return '';
}

export async function readXlsx(data: Uint8Array, file: string): Promise<SourceDoc> {
  assertZipWithinLimits(data, file);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  const lines: SourceLine[] = [];
  wb.eachSheet((ws) => {
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: SourceCell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        const slave = cell.isMerged && cell.master.address !== cell.address;
        // A cell merged across columns is one cell (as in HTML colspan); merged down rows, the
        // lower cells are blank ("same as above").
        if (slave && Number(cell.master.row) === rowNumber) continue;
        let raw = slave ? '' : cellText(cell.value).replace(/\s*\n\s*/g, '');
        // A percentage stored as a fraction with a % format: show it as the sheet does.
        const v =
          typeof cell.value === 'object' && cell.value !== null && 'result' in cell.value
            ? (cell.value as { result?: unknown }).result
            : cell.value;
        if (!slave && typeof v === 'number' && /%/.test(cell.numFmt ?? '')) {
          const percent = new Decimal(String(v)).times(100);
          raw = `${percent.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
        }
        cells.push({ text: normaliseLine(raw).text.trim(), cell: cell.address });
      }
      const rawText = cells
        .map((c) => c.text)
        .filter(Boolean)
        .join(' ');
      if (!rawText) return;
      const norm = normaliseLine(rawText);
      lines.push({
        line: rowNumber,
        sheet: ws.name,
        text: norm.text.replace(/\s+/g, ' '),
        raw: rawText,
        cells: cells.length > 1 ? cells : [],
        ...(norm.repaired ? { repaired: true } : {}),
      });
    });
  });
  return { kind: 'xlsx', file, pages: 0, lines };
}
