/**
 * A project report told in prose (no money table): the project's budget, actual and execution rate
 * from the clause each figure stands in — the nearest money word before the figure decides
 * (预算数 / 补助资金 / 下达…资金 → budget, 年初预算 → initial budget, 执行数 / 发放资金 / 支付 →
 * actual, 执行率 → rate). The first such figure of each kind is the project's; parts of a total
 * (clauses with 其中 / 分别 / 每) are not totals and are skipped.
 */
import type { SourceLine } from '../../model.ts';
import { placeOf } from '../../collect.ts';
import { joinLines, lineAt, proseJoin } from '../../stream.ts';
import type { Place } from '../../model.ts';
import { canonical } from './values.ts';

export type ProseMoneyKey = 'initialBudget' | 'adjustedBudget' | 'actual' | 'rate';

const WORDS: ReadonlyArray<[RegExp, ProseMoneyKey]> = [
  [/年初(?:批复)?预算/g, 'initialBudget'],
  [
    /调整后?(?:项目)?预算|全年预算|预算数|项目预算|预算资金|资金总额|补助资金|补助金额|下达.{0,16}?资金|安排.{0,6}资金|批复.{0,4}资金/g,
    'adjustedBudget',
  ],
  [/执行数|实际支出|完成预算资金|发放资金|已支付|支付资金|实际使用|支出/g, 'actual'],
  [/执行率/g, 'rate'],
];
const FIGURE = /(?<![\d.])(\d+(?:\.\d+)?)\s*(万元|%)/g;

export interface ProseMoney {
  readonly key: ProseMoneyKey;
  readonly value: string;
  readonly place: Place;
}

export function projectProseMoney(lines: readonly SourceLine[]): ProseMoney[] {
  const s = joinLines(lines, proseJoin);
  const out: ProseMoney[] = [];
  let clauseStart = 0;
  for (const m of s.text.matchAll(FIGURE)) {
    const before = s.text.slice(0, m.index);
    const cut = Math.max(...['，', ',', '。', '；', ';', '\n'].map((p) => before.lastIndexOf(p)));
    clauseStart = Math.max(clauseStart, cut + 1);
    const clause = s.text.slice(clauseStart, m.index);
    if (/其中|分别|每|各/.test(clause)) continue;
    let best: { key: ProseMoneyKey; end: number } | undefined;
    for (const [re, key] of WORDS)
      for (const w of clause.matchAll(re)) {
        const end = w.index + w[0].length;
        if (!best || end > best.end) best = { key, end };
      }
    if (!best) continue;
    const isRate = m[2] === '%';
    if (isRate !== (best.key === 'rate')) continue;
    if (out.some((o) => o.key === best.key)) continue;
    const value = canonical(m[1] as string);
    if (value === undefined) continue;
    const quote = s.text.slice(Math.max(clauseStart, m.index - 20), m.index + m[0].length);
    out.push({ key: best.key, value, place: placeOf(lineAt(s, m.index), quote) });
  }
  return out;
}
