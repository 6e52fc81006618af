/**
 * 附件2 部门整体支出绩效自评表: the budget block (年初预算 / 调整后 / 执行数, 分值, 执行率, 得分, and
 * the amounts by source and by nature), the annual goal, and the indicator grid (grid.ts).
 */
import {
  headConcept,
  moneyConcept,
  type ConceptKey,
  type IncomeSource,
  type MoneyColumn,
  type MoneyHead,
} from '../../core/concepts/index.ts';
import type { Collector } from '../collect.ts';
import { placeOf } from '../collect.ts';
import type { SourceLine } from '../model.ts';
import { joinLines, lineAt, tableJoin } from '../stream.ts';
import { plain } from './sections.ts';
import { amountOf } from './cells.ts';

const N = String.raw`(-?\d+(?:\.\d+)?)`;

export interface BudgetBlock {
  /** Amounts by source as stated (the column is not named in the form). */
  readonly sources: Partial<Record<string, string>>;
}

const SOURCES: ReadonlyArray<[RegExp, IncomeSource, string]> = [
  [new RegExp(String.raw`一般公共预算(?:拨款)?(?:收入)?[:：]?\s*${N}`), 'general', '一般公共预算'],
  [
    new RegExp(String.raw`政府性基金(?:预算)?(?:拨款)?[:：]?\s*${N}`),
    'governmentFund',
    '政府性基金拨款',
  ],
  [
    new RegExp(String.raw`国有资本经营(?:预算)?(?:拨款)?[:：]?\s*${N}`),
    'stateCapital',
    '国有资本经营预算',
  ],
  [new RegExp(String.raw`社会保险基金(?:预算)?[:：]?\s*${N}`), 'socialInsurance', '社会保险基金'],
  [
    new RegExp(String.raw`纳入专户管理的非税收入(?:拨款)?[:：]?\s*${N}`),
    'specialAccount',
    '纳入专户管理的非税收入拨款',
  ],
  [new RegExp(String.raw`上年结转(?:资金)?[:：]?\s*${N}`), 'carryover', '上年结转'],
  [new RegExp(String.raw`其他资金[:：]?\s*${N}`), 'other', '其他资金'],
];

export function extractBudgetBlock(lines: readonly SourceLine[], col: Collector): BudgetBlock {
  const texts = lines.map(plain);
  const name = texts
    .map((t, i) => ({ m: /预算部门名称[:：]?\s*(\S+)/.exec(t), i }))
    .find((x) => x.m);
  if (name?.m?.[1]) col.set('unit.name', name.m[1], placeOf(lines[name.i], name.m[0]));
  const start = texts.findIndex((t) => /年度预算申请|年度资金总/.test(t));
  const end = texts.findIndex((t, i) => i > start && /年度总体目标|总体目标/.test(t));
  const sources: Partial<Record<string, string>> = {};
  if (start < 0) return { sources };
  const blockLines = lines.slice(start, end > start ? end : Math.min(lines.length, start + 40));
  if (budgetCells(blockLines, col)) return { sources };
  const block = joinLines(blockLines, tableJoin);
  const t = block.text.replace(/\|/g, ' ');
  const at = (offset: number, quote?: string) => {
    const line = lineAt(block, offset);
    return { line, place: placeOf(line, quote ?? (line ? plain(line) : '')) };
  };
  const total = new RegExp(
    String.raw`年度资金总\s*额[:：]?\s*${N}?\s+${N}?\s+${N}\s+${N}\s+${N}%?\s+${N}\s*分?`,
    'd',
  ).exec(t);
  if (total) {
    const where = { annex: 2 as const, table: '年度预算申请', row: '年度资金总额' };
    const { line, place } = at(total.indices?.[3]?.[0] ?? total.index);
    const quote = line ? plain(line) : total[0];
    const cols: Array<[number, ConceptKey, string, (v: string) => string]> = [
      [1, 'income.total.initialBudget', '年初预算数', (v) => v],
      [2, 'income.total.adjustedBudget', '调整后预算数', (v) => v],
      [3, 'income.total.actual', '全年执行数', (v) => v],
      [4, 'execution.weight', '分值', (v) => v],
      [5, 'execution.rate', '执行率', (v) => `${v}%`],
      [6, 'execution.score', '得分', (v) => v],
    ];
    for (const [g, concept, column, fmt] of cols) {
      const v = total[g];
      if (v === undefined) continue;
      col.state(
        concept,
        fmt(amountOf(v) ?? v),
        { ...where, column, quote },
        { ...place, text: quote },
        line?.repaired ? 0.7 : 1,
      );
    }
  }
  for (const [re, key, label] of SOURCES) {
    const m = new RegExp(re.source, 'd').exec(t);
    if (!m?.[1]) continue;
    const { line } = at(m.indices?.[1]?.[0] ?? m.index);
    const quote = line ? plain(line) : m[0];
    const v = amountOf(m[1]) ?? m[1];
    sources[key] = v;
    col.state(
      moneyConcept('income', key, 'actual'),
      v,
      { annex: 2, table: '年度预算申请', row: `按收入性质分 ${label}`, quote },
      placeOf(line, quote),
      0.9,
    );
  }
  for (const [re, concept, label] of [
    [
      new RegExp(String.raw`基本支出[:：]?\s*${N}`, 'd'),
      'expenditure.basic.actual',
      '其中:基本支出',
    ],
    [new RegExp(String.raw`项目支出[:：]?\s*${N}`, 'd'), 'expenditure.projects.actual', '项目支出'],
  ] as const) {
    const m = re.exec(t);
    if (!m?.[1]) continue;
    const { line } = at(m.indices?.[1]?.[0] ?? m.index);
    const quote = line ? plain(line) : m[0];
    col.state(
      concept,
      amountOf(m[1]) ?? m[1],
      { annex: 2, table: '年度预算申请', row: `按支出性质分 ${label}`, quote },
      placeOf(line, quote),
    );
  }
  return { sources };
}

/** A column of the budget block: a money column, or the execution row's 分值, 执行率, 得分. */
type BudgetColumn = MoneyColumn | 'weight' | 'rate' | 'score';
const EXECUTION_CONCEPT: Record<Exclude<BudgetColumn, MoneyColumn>, ConceptKey> = {
  weight: 'execution.weight',
  rate: 'execution.rate',
  score: 'execution.score',
};
const isExecutionColumn = (k: BudgetColumn): k is keyof typeof EXECUTION_CONCEPT =>
  k in EXECUTION_CONCEPT;

const HEADER_KEYS: ReadonlyArray<[RegExp, BudgetColumn]> = [
  [/年初预算/, 'initialBudget'],
  [/调整后|全年预算/, 'adjustedBudget'],
  [/执行数/, 'actual'],
  [/分值/, 'weight'],
  [/执行率/, 'rate'],
  [/得分/, 'score'],
];
const ROW_LABELS: ReadonlyArray<[RegExp, MoneyHead, string]> = [
  [/年度资金总额/, 'income.total', '年度资金总额'],
  [/一般公共预算|财政拨款/, 'income.general', '一般公共预算'],
  [/政府性基金/, 'income.governmentFund', '政府性基金'],
  [/国有资本经营/, 'income.stateCapital', '国有资本经营'],
  [/社会保险基金/, 'income.socialInsurance', '社会保险基金'],
  [/纳入专户管理的非税收入/, 'income.specialAccount', '纳入专户管理的非税收入'],
  [/上年结转/, 'income.carryover', '上年结转'],
  [/其他资金/, 'income.other', '其他资金'],
  [/基本支出/, 'expenditure.basic', '基本支出'],
  [/项目支出/, 'expenditure.projects', '项目支出'],
];

/**
 * The budget block as a real table (HTML/DOCX/XLSX/PDF cells): columns named by the header row.
 * Returns false when there is no such table.
 */
function budgetCells(lines: readonly SourceLine[], col: Collector): boolean {
  const hdr = lines.findIndex(
    (l) =>
      l.cells.some((c) => /年初预算/.test(c.text)) && l.cells.some((c) => /执行数/.test(c.text)),
  );
  if (hdr < 0) return false;
  const header = (lines[hdr] as SourceLine).cells.map((c) => c.text.replace(/\s+/g, ''));
  const keys = header
    .map((h) => HEADER_KEYS.find(([re]) => re.test(h))?.[1])
    .filter((k): k is BudgetColumn => k !== undefined);
  let any = false;
  for (const line of lines.slice(hdr + 1)) {
    const cells = line.cells.map((c) => c.text.trim());
    const quote = plain(line);
    // Each label cell is followed by its value cells (up to the next label).
    const labelAt = cells.map((t) =>
      /^[\d.,%-]*$/.test(t) ? undefined : ROW_LABELS.find(([re]) => re.test(t)),
    );
    labelAt.forEach((label, li) => {
      if (!label) return;
      const [, base, rowName] = label;
      let end = li + 1;
      while (end < cells.length && !labelAt[end] && !/[\u4e00-\u9fa5]/.test(cells[end] ?? ''))
        end++;
      const values = cells.slice(li + 1, end);
      const filled = values.filter((v) => v !== '');
      if (base !== 'income.total' && filled.length === 1 && values.length <= 2) {
        // The Hengyang form: one amount per source, in no named column (as the text path reads it).
        const amount = amountOf(filled[0] ?? '');
        if (amount !== undefined) {
          col.state(
            headConcept(base, 'actual'),
            amount,
            { annex: 2, table: '年度预算申请', row: rowName, quote },
            placeOf(line, quote),
            base.startsWith('income') ? 0.9 : 1,
          );
          any = true;
        }
        return;
      }
      values.forEach((v, i) => {
        const key = keys[i];
        const amount = amountOf(v.replace(/%$/, ''));
        if (!key || amount === undefined) return;
        const where = {
          annex: 2 as const,
          table: '年度预算申请',
          row: rowName,
          column:
            header[header.findIndex((h) => HEADER_KEYS.find(([re]) => re.test(h))?.[1] === key)] ??
            key,
          quote,
        };
        if (isExecutionColumn(key)) {
          if (base === 'income.total')
            col.state(
              EXECUTION_CONCEPT[key],
              key === 'rate' ? `${amount}%` : amount,
              where,
              placeOf(line, quote),
            );
        } else col.state(headConcept(base, key), amount, where, placeOf(line, quote));
        any = true;
      });
    });
  }
  return any;
}

/** The first line of the indicator grid (its header). */
export const GRID_START = /^(绩效|绩效指标|绩|一级指标|一级)$|一级指标|三级指标/;

/** 年度总体目标: 预期目标 and 实际完成情况, as cells, as two blocks of text, or as labelled text. */
export function extractGoal(lines: readonly SourceLine[], col: Collector): void {
  const texts = lines.map(plain);
  const start = texts.findIndex((t) => /年度总体目标|总体目标|^预期目标/.test(t));
  if (start < 0) return;
  let end = texts.findIndex((t, i) => i > start && GRID_START.test(t));
  if (end < 0) end = Math.min(lines.length, start + 12);
  const body = lines.slice(start, end);
  const joined = body.map(plain).join('\n');
  const labelled = /预期目标[:：]\s*([\s\S]+?)\s*实际完成(?:情况)?[:：]\s*([\s\S]+)$/.exec(
    joined.replace(/^年度总体目标/, ''),
  );
  const set = (
    expected: string,
    achieved: string,
    le: SourceLine | undefined,
    la: SourceLine | undefined,
  ) => {
    if (expected) col.set('goal.expected', expected, placeOf(le, expected));
    if (achieved) col.set('goal.achieved', achieved, placeOf(la, achieved));
  };
  if (labelled?.[1] && labelled[2]) {
    set(labelled[1].replace(/\n/g, ''), labelled[2].replace(/\n/g, ''), body[0], body[0]);
    return;
  }
  // A PDF page: two text columns told apart by x (the header word 预期目标 ends before the
  // achieved column starts).
  const hdrLine = body.find(
    (l) =>
      l.cells.some((c) => /实际完成/.test(c.text)) && l.cells.some((c) => /预期目标/.test(c.text)),
  );
  const expCell = hdrLine?.cells.find((c) => /预期目标/.test(c.text));
  if (hdrLine && expCell?.end !== undefined) {
    const boundary = expCell.end + 1;
    const exp: string[] = [];
    const ach: string[] = [];
    let le: SourceLine | undefined;
    let la: SourceLine | undefined;
    for (const l of body.slice(body.indexOf(hdrLine) + 1)) {
      const pieces = l.cells.length
        ? l.cells
        : [{ text: l.text, ...(l.x !== undefined ? { x: l.x } : {}) }];
      for (const p of pieces) {
        if (!p.text || /^年度总体目标$/.test(p.text) || p.x === undefined) continue;
        if (p.x >= boundary) {
          ach.push(p.text);
          la ??= l;
        } else {
          exp.push(p.text);
          le ??= l;
        }
      }
    }
    if (exp.length || ach.length) {
      set(exp.join(''), ach.join(''), le, la);
      return;
    }
  }
  // Content lines after the header row "预期目标 实际完成情况".
  const hdr = body.findIndex((l) => /预期目标/.test(l.text));
  const content = body
    .slice(hdr >= 0 ? hdr : 1)
    .filter((l) => !/^(年度总体目标|预期目标|实际完成情况|预期目标 实际完成情况)$/.test(plain(l)));
  const clean = (l: SourceLine) =>
    l.cells
      .filter((c) => c.text && !/^(年度总体目标|预期目标|实际完成情况)$/.test(c.text))
      .map((c) => c.text);
  const two = content.map(clean).filter((c) => c.length >= 2);
  if (two.length) {
    const exp = two.map((c) => c[c.length - 2]).join('');
    const ach = two.map((c) => c[c.length - 1]).join('');
    set(exp ?? '', ach ?? '', content[0], content[0]);
    return;
  }
  // Two blocks separated by a blank line (or a page gap): first expected, then achieved.
  const blocks: SourceLine[][] = [];
  for (const l of content) {
    if (!blocks.length || l.gapBefore) blocks.push([]);
    blocks[blocks.length - 1]?.push(l);
  }
  if (blocks.length >= 2) {
    const j = (b: SourceLine[]) => joinLines(b, tableJoin).text.replace(/\s+/g, '');
    set(j(blocks[0] ?? []), j(blocks[1] ?? []), blocks[0]?.[0], blocks[1]?.[0]);
  } else if (content.length === 2) {
    set(plain(content[0] as SourceLine), plain(content[1] as SourceLine), content[0], content[1]);
  }
}
