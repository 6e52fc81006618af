/**
 * Tables whose cells ran together with no separator at all (document-sharing sites flatten a
 * DOCX table into one string: "…执行率(B/A)年度资金总额194.9194.9100%其中：…"). The money row is
 * found by its row word; the digits after it are split into as many numbers as the header has
 * columns, and only a split whose own arithmetic holds is kept: the rate equals actual ÷ budget
 * (as a percentage or a fraction) and, when the table scores execution, the score equals weight ×
 * rate. With no confirming split nothing is read.
 */
import type { SourceLine } from '../../model.ts';
import { placeOf } from '../../collect.ts';
import { plain } from '../sections.ts';
import type { MoneyBlock, MoneyColumn, MoneyValue } from './money-block.ts';
import { canonical, type Currency, splitsOf } from './values.ts';

const HEADER: ReadonlyArray<[RegExp, MoneyColumn]> = [
  [/年初预算数?/g, 'initialBudget'],
  [/全年预算数?|调整后?预算数?|(?<![年初])预算数/g, 'adjustedBudget'],
  [/全年执行数|预算执行数|(?<!全年)执行数/g, 'actual'],
  [/分值|权重/g, 'weight'],
  [/执行率/g, 'rate'],
  [/(?<!自评|总)得分/g, 'score'],
];
const ROW = /(年度财政资金总额|年度资金总额)([^\d]{0,60}?)([\d.]{4,}%?)/;
const WEIGHT = /[（(]\s*(\d+)\s*分\s*(?:[*×xX]\s*执行率)?[)）]/;

const num = (s: string) => Number(s.replace(/%$/, ''));

export function blobMoney(
  lines: readonly SourceLine[],
  currency: Currency,
): MoneyBlock | undefined {
  for (const l of lines) {
    const t = plain(l).replace(/\s+/g, '');
    if (t.length < 40) continue;
    const m = ROW.exec(t);
    if (!m?.[3]) continue;
    // Header words around the row word (some forms print the header after it).
    const from = Math.max(0, m.index - 80);
    const window = t.slice(from, m.index + (m[1]?.length ?? 0) + (m[2]?.length ?? 0));
    const found: { col: MoneyColumn; at: number }[] = [];
    for (const [re, col] of HEADER)
      for (const h of window.matchAll(re))
        if (!found.some((f) => f.col === col)) found.push({ col, at: h.index });
    found.sort((a, b) => a.at - b.at);
    const weightLabel = WEIGHT.exec(window);
    const run = m[3];
    const tryCols = (cols: MoneyColumn[]) => {
      const keep = cols.filter((c) => c !== 'weight' || !weightLabel);
      const ok: string[][] = [];
      for (const parts of splitsOf(run, keep.length)) {
        const v = Object.fromEntries(keep.map((c, i) => [c, parts[i] as string])) as Partial<
          Record<MoneyColumn, string>
        >;
        const pctPart = keep.indexOf('rate');
        if (
          pctPart >= 0 &&
          pctPart !== keep.length - 1 &&
          parts[pctPart]?.endsWith('%') === false &&
          run.endsWith('%')
        )
          continue;
        const budget = v.adjustedBudget ?? v.initialBudget;
        if (v.rate !== undefined && budget !== undefined && v.actual !== undefined) {
          const r = num(v.rate);
          const expect = num(budget) ? (num(v.actual) / num(budget)) * 100 : NaN;
          // Within half a unit of the rate's last printed decimal ("86%" ±0.5, "10.77%" ±0.005).
          const decimals = /\.(\d+)/.exec(v.rate)?.[1]?.replace(/%$/, '').length ?? 0;
          const tol = 0.5 * 10 ** -decimals + 1e-9;
          const asPct = Math.abs(r - expect) <= tol;
          const asFraction = !v.rate.endsWith('%') && Math.abs(r * 100 - expect) <= tol * 100;
          if (!asPct && !asFraction) continue;
          if (v.score !== undefined) {
            const w = weightLabel?.[1] ?? v.weight;
            if (w !== undefined && Math.abs(num(v.score) - (num(w) * expect) / 100) > 0.1) continue;
          }
        } else continue;
        ok.push(parts);
      }
      return ok.length === 1 ? { cols: keep, parts: ok[0] as string[] } : undefined;
    };
    const cols = found.map((f) => f.col);
    const hit =
      tryCols(cols) ??
      (!cols.includes('initialBudget') ? tryCols(['initialBudget', ...cols]) : undefined);
    if (!hit) continue;
    const place = placeOf(l, m[0]);
    const values: Partial<Record<MoneyColumn, MoneyValue>> = {};
    hit.cols.forEach((col, i) => {
      const p = hit.parts[i] as string;
      let value = canonical(p.replace(/%$/, ''));
      if (col === 'rate' && !p.endsWith('%') && value !== undefined)
        value = canonical(String(Number(value) * 100));
      if (value !== undefined) values[col] = { value, written: p, place };
    });
    return {
      columns: hit.cols,
      headers: Object.fromEntries(
        found.map((f) => [f.col, window.slice(f.at).match(/^[^\d(（]{2,6}/)?.[0] ?? f.col]),
      ),
      rows: [{ kind: 'total', label: m[1] as string, place, values }],
      ...(weightLabel?.[1]
        ? { weight: { value: weightLabel[1], written: weightLabel[0], place } }
        : {}),
      currency,
      end: 0,
    };
  }
  return undefined;
}
