/**
 * 评分复核说明 (issue #11 item 1): when the dossier holds figures a unit filed (an imported or
 * hand-filed report: `statements`, an indicator's stated score) that differ from what jixiao
 * computed, the report states the computed figures once and lists each difference — the filed
 * value, the computed value, the rule, the reason — in a short paragraph and a table.
 */
import type { Dossier } from '../dossier/schema.ts';
import { conceptInfo } from '../dossier/concepts.ts';
import { projectLabel } from '../dossier/stand-ins.ts';
import type { ExecutionBase } from '../derive.ts';
import { parseStated } from '../audit/support.ts';
import { Decimal } from '../money.ts';
import type { GridScore, IndicatorScore, ScoreResult } from '../scoring/types.ts';
import type { Block, Cell, Run, Table } from './model.ts';
import { pointsInProse, tidyText } from './prose.ts';

export interface ReviewRow {
  /** What changed: an indicator's name, a figure's label. */
  readonly item: string;
  readonly filed: string;
  readonly computed: string;
  readonly rule: string;
  readonly reason: string;
}

/**
 * A stated or generated figure as a number: "404.92", "84.8%", "98.9分" → Decimal; null for words.
 */
function numberOf(text: string): Decimal | null {
  const m = /^[^\d-]*(-?\d+(?:\.\d+)?)\s*(万元|%|分|名|个)?$/.exec(text.replace(/,/g, '').trim());
  if (!m || m[1] === undefined) return null;
  try {
    return new Decimal(m[1]);
  } catch {
    return null;
  }
}

const BASE_LABEL: Record<ExecutionBase, string> = {
  adjustedBudget: '全年预算数',
  initialBudget: '年初预算数',
};

/** The rule a figure follows, in words (domain.md §3). */
function figureRule(concept: string, base: ExecutionBase): string {
  if (/execution\.rate$/.test(concept)) return `执行率＝全年执行数÷${BASE_LABEL[base]}`;
  if (/\.share$/.test(concept)) return '占比＝分项÷基本支出';
  if (/control\.rate$/.test(concept)) return '控制率＝决算数÷预算数';
  if (/growth\.rate$|change\.rate$/.test(concept)) return '增长率＝（本年－上年）÷上年';
  if (/^expenditure\.basic\./.test(concept)) return '基本支出＝人员经费＋公用经费';
  if (/^threePublic\.total\./.test(concept)) return '“三公”经费＝各分项之和';
  if (/^income\.total\./.test(concept)) return '收入合计＝各资金来源之和';
  return '按填报明细重新计算';
}

function indicatorRows(grid: GridScore, prefix: string): ReviewRow[] {
  const rows: ReviewRow[] = [];
  for (const s of grid.indicators) {
    if (s.stated === null || s.status === 'stated-used') continue;
    const name = `${prefix}${s.name}`;
    const changed = s.score !== null && !new Decimal(s.stated).eq(s.score);
    if (changed)
      rows.push({
        item: name,
        filed: `${pointsInProse(s.stated)}分`,
        computed: `${pointsInProse(s.score ?? '0')}分`,
        rule: s.trace,
        reason:
          s.status === 'override'
            ? `人工调整${s.note ? `：${s.note}` : ''}`
            : '填报得分与按评分规则计算的得分不一致',
      });
    else if (keptOutsideTier(s))
      rows.push({
        item: name,
        filed: `${pointsInProse(s.stated)}分`,
        computed: `${pointsInProse(s.score ?? '0')}分（保留）`,
        rule: s.trace,
        reason: '填报得分不在实际完成情况所属档次内，按单位判断保留，须人工复核',
      });
  }
  return rows;
}

const keptOutsideTier = (s: IndicatorScore): boolean =>
  s.rule === 'scoreQualitative' && s.trace.includes('不在档内');

/**
 * The differences between what the dossier says it filed and what the report states. `stated`
 * figures are compared with the generated runs of the narrative carrying the same concept.
 */
export function reviewRows(
  d: Dossier,
  score: ScoreResult | null,
  body: readonly Block[],
  base: ExecutionBase,
  headline: GridScore | null = score,
): ReviewRow[] {
  const rows: ReviewRow[] = [];
  if (score && headline) {
    const st = score.stated;
    // The filed total is text as written ("98.9", "98.9分"); a text with no number is not compared.
    // It is compared with the total the report states (the unit's, or a project-level table's).
    const filedTotal = st.total === null ? null : parseStated(st.total);
    if (filedTotal && !filedTotal.value.eq(headline.total))
      rows.push({
        item: '自评总分',
        filed: `${pointsInProse(filedTotal.value.toFixed())}分`,
        computed: `${new Decimal(headline.total).toFixed(2)}分`,
        rule: '总分＝预算执行得分＋各项绩效指标得分',
        reason: '填报总分与各项得分之和不一致，以复核计算结果为准',
      });
    if (st.grade !== null && st.grade !== headline.grade)
      rows.push({
        item: '评价等次',
        filed: st.grade,
        computed: headline.grade,
        rule: '按总分所在等次区间确定',
        reason: '等次随复核后的总分确定',
      });
    rows.push(...indicatorRows(score, ''));
    for (const p of score.projects) {
      const index = d.expenditure.projects.findIndex((q) => q.id === p.projectId);
      rows.push(...indicatorRows(p, `${projectLabel(p.name, index)}：`));
    }
  }
  // Figures of the narrative: the first generated run of each concept (and scope).
  const runs = new Map<string, Run>();
  for (const b of body)
    if (b.kind === 'paragraph' && b.source === 'generated')
      for (const r of b.runs) {
        if (!r.figure) continue;
        const key = `${r.figure}\u0000${r.scope ?? ''}`;
        if (!runs.has(key)) runs.set(key, r);
      }
  const seen = new Set<string>();
  for (const s of d.statements) {
    if (s.concept === 'score.total' || s.concept === 'score.grade') continue;
    const key = `${s.concept}\u0000${s.scope ?? ''}`;
    const run = runs.get(key);
    if (!run || seen.has(key)) continue;
    const filed = numberOf(String(s.value));
    const computed = numberOf(run.text);
    if (!filed || !computed || filed.eq(computed)) continue;
    seen.add(key);
    const label = conceptInfo(s.concept)?.zh ?? '填报数';
    const unit = /%$/.test(run.text) ? '%' : /万元$/.test(run.text) ? '万元' : '';
    rows.push({
      item: label,
      filed: `${String(s.value).replace(/(万元|%)$/, '')}${unit}`,
      computed: run.text,
      rule: figureRule(s.concept, base),
      reason: '填报数与按明细数据计算的结果不一致，以计算结果为准',
    });
  }
  return rows;
}

const c = (text: string, more: Omit<Cell, 'text'> = {}): Cell => ({ text, ...more });

/** The 评分复核说明 paragraph and table; nothing when there is no difference. */
export function reviewBlocks(rows: readonly ReviewRow[], total: string | null): Block[] {
  if (rows.length === 0) return [];
  const totalRow = rows.find((r) => r.item === '自评总分');
  const lead =
    totalRow && total !== null
      ? `评分复核说明：本单位原填报自评总分${totalRow.filed}，` +
        `按评分规则复核计算为${new Decimal(total).toFixed(2)}分，本报告以复核计算结果为准。`
      : '评分复核说明：本报告所列数据按填报明细和评分规则复核计算，与原填报数不一致之处以复核计算结果为准。';
  const table: Table = {
    id: 'review',
    columns: [18, 11, 11, 34, 26],
    rows: [
      {
        header: true,
        cells: ['项目', '原填报', '复核计算', '依据', '说明'].map((t) => c(t)),
      },
      ...rows.map((r) => ({
        cells: [
          c(r.item, { align: 'left' as const }),
          c(r.filed, { align: 'right' as const }),
          c(r.computed, { align: 'right' as const }),
          c(tidyText(r.rule), { align: 'left' as const }),
          c(r.reason, { align: 'left' as const }),
        ],
      })),
    ],
  };
  return [
    {
      kind: 'paragraph',
      runs: [{ text: `${lead}变动情况如下表（共${rows.length}项）。` }],
      source: 'generated',
    },
    { kind: 'table', table },
  ];
}
