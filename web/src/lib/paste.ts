/**
 * Paste indicator rows from Excel (tab-separated text). Columns follow 附件2:
 * 一级指标, 二级指标, 三级指标, 年度指标值(目标), 实际完成值, 分值, 得分, 偏差原因分析及改进措施.
 * A header row is recognised and skipped; blank 一级/二级 cells (merged cells in Excel paste as
 * blanks) take the value from the row above. Numbers stay text (no parseFloat).
 */
import { asciiDigits } from '../../../src/core/text/digits.ts';

export interface PastedIndicator {
  id: string;
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual?: string;
  weight: string;
  score?: string;
  deviation?: string;
}

export interface PasteResult {
  readonly rows: PastedIndicator[];
  /** Problems per source line (1-based), e.g. a missing name or weight. */
  readonly problems: { line: number; message: string }[];
}

const HEADER_RE = /一级|二级|三级|指标名称|分值|权重/;

/** Split TSV honouring Excel's quoting ("a\tb" cells with embedded newlines are quoted). */
export function splitTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/\r\n?/g, '\n');
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === '\t') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const numeric = (s: string) => asciiDigits(s.replace(/[,，\s]/g, '')).replace(/[．]/g, '.');

export function parsePastedIndicators(text: string, newId: (i: number) => string): PasteResult {
  const rows: PastedIndicator[] = [];
  const problems: { line: number; message: string }[] = [];
  let level1 = '';
  let level2 = '';
  splitTsv(text).forEach((cells, index) => {
    const line = index + 1;
    const c = cells.map((x) => x.trim());
    if (index === 0 && HEADER_RE.test(c.join(' ')) && !/\d/.test(c[5] ?? '')) return;
    level1 = c[0] || level1;
    level2 = c[1] || level2;
    const name = c[2] ?? '';
    const target = c[3] ?? '';
    const weight = numeric(c[5] ?? '');
    if (!name) {
      problems.push({ line, message: `第 ${line} 行：缺少三级指标名称` });
      return;
    }
    if (!level1 || !level2) {
      problems.push({ line, message: `第 ${line} 行：缺少一级或二级指标` });
      return;
    }
    if (!target) {
      problems.push({ line, message: `第 ${line} 行：缺少年度指标值` });
      return;
    }
    if (!/^\d+(\.\d+)?$/.test(weight)) {
      problems.push({ line, message: `第 ${line} 行：分值“${c[5] ?? ''}”不是数字` });
      return;
    }
    const row: PastedIndicator = { id: newId(rows.length), level1, level2, name, target, weight };
    if (c[4]) row.actual = c[4];
    const score = numeric(c[6] ?? '');
    if (score) row.score = score;
    if (c[7]) row.deviation = c[7];
    rows.push(row);
  });
  return { rows, problems };
}

/** One cell of a spreadsheet paste landing on a form field. */
export interface CellWrite {
  readonly path: string;
  readonly text: string;
}

/**
 * Spread a block of pasted cells over a grid of fields like a spreadsheet does: the top-left cell
 * lands on the field pasted into, the others go right and down. `fieldAt(row, col)` gives the
 * path of the field at an offset from it, or undefined past the grid's edge; cells that land
 * outside are counted, not written, so nothing is silently merged into one field.
 */
export function spreadCells(
  cells: readonly (readonly string[])[],
  fieldAt: (row: number, col: number) => string | undefined,
): { writes: CellWrite[]; outside: number } {
  const writes: CellWrite[] = [];
  let outside = 0;
  cells.forEach((line, r) =>
    line.forEach((text, c) => {
      const path = fieldAt(r, c);
      if (path === undefined) outside += 1;
      else writes.push({ path, text: text.trim() });
    }),
  );
  return { writes, outside };
}

/** Whether clipboard text holds more than one cell (a tab or a line break between values). */
export const isMultiCell = (text: string): boolean => /[\t\n]/.test(text.replace(/[\r\n]+$/, ''));
