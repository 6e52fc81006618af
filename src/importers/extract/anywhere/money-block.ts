/**
 * The money block of a self-evaluation table, wherever it stands: a header of column words
 * (年初预算数 · 全年预算数/调整后预算数/预算数(A) · 全年执行数/执行数(B) · 分值/权重 · 执行率 · 得分)
 * and rows under it (年度资金总额 / 其中：财政拨款 / 上年结转 / 其他资金, or 基本支出 / 项目支出).
 * A row's values are the value cells that follow its label; they fill the header's columns left to
 * right, a rate (%) going to the rate column, so a row that leaves its last cells blank still
 * reads. The block's own weight may be printed in a group label ("预算执行情况（20分）",
 * "得分（20分*执行率）", "分值（10分）").
 */
import type { Place } from '../../model.ts';
import { type Cell, matchRun, placeOfCell } from './tokens.ts';
import { amountCell, type Currency, NIL_MARK, percentCell, pointsCell } from './values.ts';

export type MoneyColumn =
  | 'initialBudget'
  | 'adjustedBudget'
  | 'actual'
  | 'weight'
  | 'rate'
  | 'score';
export type MoneyRowKind =
  | 'total'
  | 'general'
  | 'carryover'
  | 'other'
  | 'specialAccount'
  | 'unitFunds'
  | 'basic'
  | 'projects';

export interface MoneyValue {
  readonly value: string;
  readonly written: string;
  readonly place: Place;
}

export interface MoneyRow {
  readonly kind: MoneyRowKind;
  readonly label: string;
  readonly place: Place;
  readonly values: Partial<Record<MoneyColumn, MoneyValue>>;
}

export interface MoneyBlock {
  readonly columns: readonly MoneyColumn[];
  /** Each column's header as written ("全年执行数(B)"), for the places a person reads. */
  readonly headers: Partial<Record<MoneyColumn, string>>;
  readonly rows: readonly MoneyRow[];
  /** The execution weight printed in a group label, when any. */
  readonly weight?: MoneyValue;
  readonly currency: Currency;
  /** Index of the first cell after the block. */
  readonly end: number;
}

const COLUMN_WORDS: ReadonlyArray<[RegExp, MoneyColumn]> = [
  [/^年初预算数?(?:[（(]A[)）])?$/, 'initialBudget'],
  [/^(?:全年预算数?|调整后预算数?|调整预算数?|预算数)(?:[（(][AB][)）])?$/, 'adjustedBudget'],
  [/^(?:全年执行数|预算执行数|执行数|实际支出数?|决算数)(?:[（(][BC][)）])?$/, 'actual'],
  [/^(?:分值|权重)(?:[（(]\d+分?[)）])?$/, 'weight'],
  [/^(?:预算)?执行率(?:[（(][A-C]\/[A-C][)）])?$/, 'rate'],
  [/^得分(?:[（(].*[)）])?$/, 'score'],
];
const SKIP_HEADER = /^(?:得分计算方法|原因|备注|说明|资金来源|资金来源|项目资金|资\s*金\s*来\s*源)/;

const ROW_WORDS: ReadonlyArray<[RegExp, MoneyRowKind]> = [
  [/^(?:年度资金总额|年度财政资金总额|资金总额|总额|合计)[:：]?$/, 'total'],
  [/^(?:其中[:：]?)?(?:当年|本年)?(?:财政拨款|财政资金)(?:收入|资金)?$/, 'general'],
  [/^其中[:：].{2,20}(?:补助|拨款|资金)[\u4e00-\u9fa5]{0,6}$/, 'general'],
  [/^(?:其中[:：]?)?上年结转(?:资金|结余)?$/, 'carryover'],
  [/^(?:其中[:：]?)?其他资金$/, 'other'],
  [/^(?:其中[:：]?)?财政专户管理资金$/, 'specialAccount'],
  [/^(?:其中[:：]?)?单位资金$/, 'unitFunds'],
  [/^(?:其中[:：]?)?基本支出$/, 'basic'],
  [/^(?:其中[:：]?)?项目支出$/, 'projects'],
];

const columnOf = (t: string): MoneyColumn | undefined =>
  COLUMN_WORDS.find(([re]) => re.test(t.replace(/\s+/g, '')))?.[1];
const rowOf = (t: string): MoneyRowKind | undefined =>
  ROW_WORDS.find(([re]) => re.test(t.replace(/\s+/g, '')))?.[1];

/** A header column word spanning 1–3 cells from i: its column and how many cells it takes. */
function headerAt(cells: readonly Cell[], i: number): { col: MoneyColumn; n: number } | undefined {
  for (let n = 3; n >= 1; n--) {
    if (i + n > cells.length) continue;
    let s = '';
    for (let k = i; k < i + n; k++) s += cells[k]?.text ?? '';
    const col = columnOf(s);
    if (col) return { col, n };
  }
  return undefined;
}

const WEIGHT_IN_LABEL = /[（(]\s*(\d+(?:\.\d+)?)\s*分(?:\s*[*×xX]\s*执行率)?\s*[)）]/;

/** All money blocks of the stream, in order. */
export function moneyBlocks(cells: readonly Cell[], currencyHint: Currency): MoneyBlock[] {
  const blocks: MoneyBlock[] = [];
  let i = 0;
  while (i < cells.length) {
    const h = headerAt(cells, i);
    if (!h) {
      i++;
      continue;
    }
    // A header: column words, with group labels and skipped words between them.
    const columns: MoneyColumn[] = [];
    const headers: Partial<Record<MoneyColumn, string>> = {};
    let weight: MoneyValue | undefined;
    let currency = currencyHint;
    let j = i;
    // Group labels just before the header ("预算执行情况（20分）", "项目资金（万元）").
    for (let k = Math.max(0, i - 3); k < i; k++) {
      const t = (cells[k] as Cell).text;
      const w = WEIGHT_IN_LABEL.exec(t);
      if (w?.[1] && /预算执行|资金|分值/.test(t))
        weight = { value: w[1], written: t, place: placeOfCell(cells[k] as Cell) };
      if (/[（(]元[)）]|单位[:：]\s*元/.test(t)) currency = '元';
      if (/万元/.test(t)) currency = '万元';
    }
    let misses = 0;
    let headerEnd = j;
    while (j < cells.length && misses <= 1) {
      const hh = headerAt(cells, j);
      const t = (cells[j] as Cell).text;
      if (hh) {
        headerEnd = j + hh.n;
        if (!columns.includes(hh.col)) {
          columns.push(hh.col);
          headers[hh.col] = cells
            .slice(j, j + hh.n)
            .map((c) => c.text)
            .join('')
            .replace(/\s+/g, '');
        }
        const w = WEIGHT_IN_LABEL.exec(
          cells
            .slice(j, j + hh.n)
            .map((c) => c.text)
            .join(''),
        );
        if (w?.[1] && (hh.col === 'weight' || hh.col === 'score'))
          weight = { value: w[1], written: t, place: placeOfCell(cells[j] as Cell) };
        j += hh.n;
        misses = 0;
        continue;
      }
      if (SKIP_HEADER.test(t) || /^[（(]?[万]?元[)）]?$/.test(t)) {
        j++;
        headerEnd = j;
        continue;
      }
      if (rowOf(t)) break;
      misses++;
      j++;
    }
    // The cells passed after the last header word are not header.
    if (!rowOf((cells[j] as Cell | undefined)?.text ?? '')) j = headerEnd;
    const moneyCols = columns.filter(
      (c) => c === 'initialBudget' || c === 'adjustedBudget' || c === 'actual',
    );
    if (columns.length < 2 || moneyCols.length < 1) {
      i = j > i ? j : i + 1;
      continue;
    }
    // Rows: a row word, then its value cells.
    const rows: MoneyRow[] = [];
    let k = j;
    let gap = 0;
    // Values right under the header, their row word printed before it (a flattened workbook
    // moves merged label cells): they belong to the nearest row word before the header.
    if (k < cells.length && isValue((cells[k] as Cell).text, currency)) {
      for (let b = i - 1; b >= Math.max(0, i - 12); b--) {
        const kind = rowOf((cells[b] as Cell).text);
        if (!kind) continue;
        const vals: Cell[] = [];
        while (
          k < cells.length &&
          vals.length < columns.length &&
          isValue((cells[k] as Cell).text, currency)
        )
          vals.push(cells[k++] as Cell);
        const label = cells[b] as Cell;
        rows.push({
          kind,
          label: label.text,
          place: placeOfCell(label),
          values: assign(columns, vals, currency),
        });
        break;
      }
    }
    while (k < cells.length && gap < 6) {
      const label = cells[k] as Cell;
      const n = matchRun(cells, k, /^(?:其中[:：]?)?[\u4e00-\u9fa5、，,]{2,24}[:：]?$/, 2);
      const run = n
        ? cells
            .slice(k, k + n)
            .map((c) => c.text)
            .join('')
        : label.text;
      const kind = rowOf(run) ?? rowOf(label.text);
      if (!kind) {
        gap++;
        k++;
        continue;
      }
      k += rowOf(run) ? Math.max(1, n) : 1;
      const vals: Cell[] = [];
      while (k < cells.length && vals.length < columns.length) {
        const t = (cells[k] as Cell).text;
        if (isValue(t, currency)) {
          vals.push(cells[k] as Cell);
          k++;
        } else break;
      }
      rows.push({
        kind,
        label: run,
        place: placeOfCell(label, run),
        values: assign(columns, vals, currency),
      });
      gap = 0;
    }
    if (rows.length) {
      blocks.push({ columns, headers, rows, ...(weight ? { weight } : {}), currency, end: k });
      i = k;
    } else i = j;
  }
  return blocks;
}

const isValue = (t: string, currency: Currency) =>
  amountCell(t, currency) !== undefined || percentCell(t) !== undefined || NIL_MARK.test(t);

/** Values fill the columns left to right; a rate goes to the rate column, skipping the rest. */
function assign(
  columns: readonly MoneyColumn[],
  vals: readonly Cell[],
  currency: Currency,
): Partial<Record<MoneyColumn, MoneyValue>> {
  const out: Partial<Record<MoneyColumn, MoneyValue>> = {};
  let c = 0;
  for (const v of vals) {
    const pct = percentCell(v.text);
    if (pct !== undefined) {
      const r = columns.indexOf('rate', c);
      if (r >= 0) {
        out.rate = { value: pct, written: v.text, place: placeOfCell(v) };
        c = r + 1;
      }
      continue;
    }
    const col = columns[c];
    if (col === undefined) break;
    c++;
    if (NIL_MARK.test(v.text)) continue;
    const value =
      col === 'weight' || col === 'score'
        ? pointsCell(v.text)
        : col === 'rate'
          ? amountCell(v.text)
          : amountCell(v.text, currency);
    if (value !== undefined) out[col] = { value, written: v.text, place: placeOfCell(v) };
  }
  return out;
}
