/**
 * 基础数据表 (部门整体支出绩效评价基础数据表) wherever it stands: year columns ("2017年决算数 ·
 * 2018年预算数 · 2018年决算数", two or three of them) and rows (“三公”经费 and its parts, 项目支出,
 * 公用经费 and its parts, 政府采购金额), plus the staffing row (编制数 · 实际在职人数). A row with
 * fewer values than columns fills the rightmost columns (the current year's), as these forms are
 * filled: the prior year is the column most often left blank.
 */
import { headConcept, type MoneyColumn, type MoneyHead } from '../../../core/concepts/index.ts';
import type { Collector } from '../../collect.ts';
import { type Cell, placeOfCell } from './tokens.ts';
import { amountCell, type Currency } from './values.ts';

const ROWS: ReadonlyArray<[RegExp, MoneyHead]> = [
  [/^[“"]?三公[”"]?经费(?:合计)?[:：]?$/, 'threePublic.total'],
  [/^(?:\d+[、.])?公务用车购置(?:和|及)(?:运行)?维护(?:经)?费$/, 'threePublic.vehicle'],
  [/^(?:其中[:：])?公车购置(?:费)?$/, 'threePublic.vehiclePurchase'],
  [/^(?:其中[:：])?公车运行维护(?:费)?$/, 'threePublic.vehicleOperation'],
  [/^(?:\d+[、.])?(?:因公)?出国(?:[（(]境[)）])?(?:经)?费$/, 'threePublic.abroad'],
  [/^(?:\d+[、.])?公务接待(?:费)?$/, 'threePublic.reception'],
  [/^项目支出[:：]?$/, 'expenditure.projects'],
  [/^公用经费[:：]?$/, 'expenditure.publicFunds'],
  [/^(?:其中[:：])?办公经费$/, 'controls.office'],
  [/^(?:其中[:：])?水费[、,，]?电费[、,，]?差旅费$/, 'controls.utilitiesTravel'],
  [/^(?:其中[:：])?会议费[、,，]?培训费$/, 'controls.meetingTraining'],
  [/^政府采购金额$/, 'controls.procurement'],
];
const YEAR_COL = /^(20\d{2})年(决算数|预算数)$/;

export function baseTables(
  cells: readonly Cell[],
  c: Collector,
  year: number | undefined,
  currency: Currency,
): boolean {
  // The header: two or three year columns in a row.
  let at = -1;
  const cols: { year: number; kind: string }[] = [];
  for (let i = 0; i < cells.length; i++) {
    const m = YEAR_COL.exec((cells[i] as Cell).text.replace(/\s+/g, ''));
    if (!m) continue;
    cols.length = 0;
    let j = i;
    while (j < cells.length) {
      const mm = YEAR_COL.exec((cells[j] as Cell).text.replace(/\s+/g, ''));
      if (!mm) break;
      cols.push({ year: Number(mm[1]), kind: mm[2] as string });
      j++;
    }
    if (cols.length >= 2) {
      at = j;
      break;
    }
  }
  if (at < 0) return false;
  const current = Math.max(...cols.map((x) => x.year), year ?? 0);
  const columnKey = (x: { year: number; kind: string }): MoneyColumn =>
    x.year === current
      ? x.kind === '预算数'
        ? 'initialBudget'
        : 'actual'
      : x.kind === '预算数'
        ? 'priorInitialBudget'
        : 'priorActual';
  const keys = cols.map(columnKey);
  const headerOf = cols.map((x) => `${x.year}年${x.kind}`);
  const seen = new Set<string>();
  let idle = 0;
  for (let i = at; i < cells.length && idle < 40; i++) {
    const label = (cells[i] as Cell).text.replace(/\s+/g, '');
    const concept = ROWS.find(([re]) => re.test(label))?.[1];
    if (!concept) {
      // Rows of no concept (each project of 项目支出, one a line) and their figures pass by.
      if (amountCell(label, currency) === undefined) idle++;
      continue;
    }
    idle = 0;
    if (seen.has(concept)) continue;
    seen.add(concept);
    const vals: Cell[] = [];
    let j = i + 1;
    while (j < cells.length && vals.length < keys.length) {
      const v = cells[j] as Cell;
      if (amountCell(v.text, currency) === undefined) break;
      vals.push(v);
      j++;
    }
    const offset = keys.length - vals.length;
    vals.forEach((v, k) => {
      const key = keys[k + offset] as MoneyColumn;
      const value = amountCell(v.text, currency) as string;
      const place = placeOfCell(v);
      c.state(
        headConcept(concept, key),
        value,
        {
          annex: 1,
          table: '基础数据表',
          row: label,
          column: headerOf[k + offset] ?? key,
          quote: v.text,
        },
        place,
        offset ? 0.7 : 0.9,
      );
    });
    i = j - 1;
  }
  return seen.size > 0;
}
