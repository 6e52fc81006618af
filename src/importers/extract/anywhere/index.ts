/**
 * The reading that does not depend on the seed's shape (issue #15): the document becomes one cell
 * stream, and structures are recognised wherever they are — label–value pairs, money blocks,
 * indicator grids, 基础数据表 — by their header words and row words, never by the order of the
 * parts or one document's wording. Each figure becomes a statement at its place (page, line, cell)
 * with a confidence; the structured fields of the dossier are filled from them.
 *
 * Project-level documents (项目支出绩效自评表) become a dossier whose first project carries the
 * table's money block, execution score and indicator grid, so they are scored and audited like a
 * unit's own grid.
 */
import { STAND_IN_NAMES } from '../../../core/dossier/stand-ins.ts';
import {
  type ConceptKey,
  headConcept,
  type MoneyHead,
  moneyConcept,
  moneyHead,
  projectConcept,
} from '../../../core/concepts/index.ts';
import { type Collector, placeOf } from '../../collect.ts';
import type { Place, SourceLine } from '../../model.ts';
import type { IndicatorRowRead } from '../../key-figures.ts';
import { plain } from '../sections.ts';
import { baseTables } from './base-table.ts';
import { findYear, labelValues, looksLikeUnit, reportLevel, unitFromTitle } from './facts.ts';
import { indicatorGrids, type GridRowRead } from './indicator-grid.ts';
import {
  type MoneyBlock,
  type MoneyColumn,
  moneyBlocks,
  type MoneyRowKind,
} from './money-block.ts';
import { blobMoney } from './run-together.ts';
import { runTogetherGridRows } from './run-together-grid.ts';
import { projectProseMoney } from './project-prose.ts';
import { proseScoreRows, weightInLabelRows } from './score-table.ts';
import { cellStream } from './tokens.ts';
import type { Currency } from './values.ts';

export interface AnywhereResult {
  readonly level?: 'department' | 'project';
  readonly currency?: Currency;
  /** Indicator rows as read (with or without weight), for the measurement and the summary. */
  readonly rows: readonly IndicatorRowRead[];
  /** What the document does not state that a complete report has. */
  readonly missing: readonly string[];
  /** A 基础数据表 was read (its 经费控制情况 rows supersede the seed-shaped reader's). */
  readonly baseTable: boolean;
  /** A whole project table was read: not cut at its start, its end or inside (see wholeTable). */
  readonly whole: boolean;
}

export interface AnywhereOptions {
  /** The seed-shaped readers already read the tables: only fill who/when. */
  readonly factsOnly: boolean;
}

const SOURCE_OF: Partial<Record<MoneyRowKind, MoneyHead>> = {
  general: moneyHead('income', 'general'),
  carryover: moneyHead('income', 'carryover'),
  other: moneyHead('income', 'other'),
  specialAccount: moneyHead('income', 'specialAccount'),
};
const DEPT_PART: Partial<Record<MoneyRowKind, MoneyHead>> = {
  total: moneyHead('expenditure', 'total'),
  basic: moneyHead('expenditure', 'basic'),
  projects: moneyHead('expenditure', 'projects'),
};

/** The amount columns of a money block (the others hold weight, rate and score). */
const isAmountColumn = (c: MoneyColumn): c is 'initialBudget' | 'adjustedBudget' | 'actual' =>
  c === 'initialBudget' || c === 'adjustedBudget' || c === 'actual';

export function readAnywhere(
  lines: readonly SourceLine[],
  c: Collector,
  opts: AnywhereOptions,
): AnywhereResult {
  const cells = cellStream(lines);
  const head = lines
    .slice(0, 60)
    .map((l) => plain(l))
    .join(' ');
  const currency: Currency =
    /单位[:：]\s*元(?!\/)|[（(]元[)）]/.test(head) && !/万元/.test(head) ? '元' : '万元';
  const level = reportLevel(lines);
  const labels = labelValues(cells, lines);
  const label = (k: string) => labels.find((l) => l.key === k);
  const missing: string[] = [];

  // Year.
  if (!c.has('year')) {
    const y = findYear(lines);
    if (y) c.set('year', y.year, y.place, y.confidence, y.reason ? { reason: y.reason } : {});
    else missing.push('year');
  }
  // Unit: the implementing unit of a project table, else the named unit, the title, the issuer.
  if (!c.has('unit.name')) {
    const title = unitFromTitle(lines);
    const named = label('unit');
    const impl = label('implementer');
    const dept = label('department');
    const issuer = label('issuer');
    const source = labels.find((l) => l.key === 'source' && looksLikeUnit(l.value));
    const fromTitle = title
      ? { value: title.name, place: title.place, confidence: 0.8 }
      : undefined;
    // A project table names its implementing unit; an internal section (…股, …室, …组) is not a
    // budget unit, so its 主管部门 is taken then.
    const section = impl && /[股室组]$/.test(impl.value) ? impl : undefined;
    const pick =
      level === 'project'
        ? (named ?? (section ? dept : impl) ?? fromTitle ?? issuer ?? dept ?? source)
        : (named ?? fromTitle ?? impl ?? issuer ?? dept ?? source);
    if (pick) {
      const name = pick.value.replace(/部门$/, '');
      c.set('unit.name', name, pick.place, pick === source ? 0.7 : pick.confidence);
    } else {
      c.set('unit.name', STAND_IN_NAMES.unit, { text: '' }, 0, { reason: '文中未注明单位名称' });
      missing.push('unit.name');
    }
  }
  const fill = label('fillDate');
  if (fill && !c.has('filing.date')) {
    const m = /(20\d{2})\D+(\d{1,2})\D+(\d{1,2})/.exec(fill.value);
    if (m) {
      const iso = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
      c.set('filing.date', iso, fill.place, fill.confidence);
    }
  }

  const rows: IndicatorRowRead[] = [];
  if (opts.factsOnly)
    return { ...(level ? { level } : {}), rows, missing, baseTable: false, whole: false };

  const projectScope = level === 'project' ? 'P1' : undefined;
  const where = (table: string, row: string, column: string, place: Place) => ({
    table,
    row,
    column,
    quote: place.text,
  });

  // Money blocks: the first block with a total row is the document's (a paginated repost may start
  // inside the previous table; the last complete block is then the document's own).
  const blocks = moneyBlocks(cells, currency);
  const blob = blocks.length ? undefined : blobMoney(lines, currency);
  const block: MoneyBlock | undefined =
    blocks.find((b) => b.rows.some((r) => r.kind === 'total')) ?? blocks[0] ?? blob;
  const projectMoney: Record<string, string> = {};
  const proseMoneyPlaces: Record<string, Place> = {};
  if (block) {
    for (const r of block.rows) {
      for (const [col, v] of Object.entries(r.values) as [
        MoneyColumn,
        NonNullable<(typeof r.values)[MoneyColumn]>,
      ][]) {
        if (!isAmountColumn(col)) continue;
        const head: MoneyHead | undefined = projectScope
          ? r.kind === 'total'
            ? 'project'
            : SOURCE_OF[r.kind]
          : (DEPT_PART[r.kind] ?? SOURCE_OF[r.kind]);
        if (!head) continue;
        const concept: ConceptKey = headConcept(head, col);
        const note = v.written !== v.value ? { note: `as written: ${v.written}` } : {};
        const w = where('预算执行', r.label, block.headers[col] ?? col, v.place);
        // The project's own figures carry its scope; the funds by source of a one-project table
        // are the document's funds (unscoped), so the sources-against-total checks read them.
        c.state(concept, v.value, w, v.place, 0.9, {
          ...(projectScope && r.kind === 'total' ? { scope: projectScope } : {}),
          ...note,
        });
        if (projectScope && r.kind === 'total') {
          projectMoney[col] = v.value;
          c.state(moneyConcept('income', 'total', col), v.value, w, v.place, 0.9, note);
        }
      }
      // A 其中 row of a department block with its own 分值 and 得分 ("基本支出 985.19 914.97 10
      // 10"): its execution score is stated under the row's money head, checked like the total's.
      const subHead = projectScope ? undefined : DEPT_PART[r.kind];
      if (r.kind !== 'total' && subHead && r.values.weight && r.values.score) {
        const scope = { scope: subHead };
        const label = r.label.replace(/[:：]$/, '');
        for (const [col, concept] of [
          ['weight', 'execution.weight'],
          ['score', 'execution.score'],
        ] as const) {
          const v = r.values[col];
          if (v)
            c.state(
              concept,
              v.value,
              where('预算执行', r.label, col === 'weight' ? '分值' : '得分', v.place),
              v.place,
              0.8,
              scope,
            );
        }
        rows.push({
          level1: '预算执行',
          name: `预算执行（${label}）`,
          weight: r.values.weight.value,
          score: r.values.score.value,
        });
      }
      if (
        r.kind === 'total' ||
        (r === block.rows[0] && !block.rows.some((x) => x.kind === 'total'))
      ) {
        const w = r.values.weight ?? block.weight;
        const extra = projectScope ? { scope: projectScope } : {};
        if (r.values.rate)
          c.state(
            'execution.rate',
            `${r.values.rate.value}%`,
            where('预算执行', r.label, '执行率', r.values.rate.place),
            r.values.rate.place,
            0.9,
            extra,
          );
        if (w)
          c.state(
            'execution.weight',
            w.value,
            where('预算执行', r.label, '分值', w.place),
            w.place,
            0.9,
            extra,
          );
        if (r.values.score)
          c.state(
            'execution.score',
            r.values.score.value,
            where('预算执行', r.label, '得分', r.values.score.place),
            r.values.score.place,
            0.9,
            extra,
          );
        if (w || r.values.score)
          rows.push({
            level1: '预算执行',
            name: `预算执行（${r.label.replace(/[:：]$/, '')}）`,
            ...(r.values.rate ? { actual: `${r.values.rate.value}%` } : {}),
            ...(w ? { weight: w.value } : {}),
            ...(r.values.score ? { score: r.values.score.value } : {}),
          });
      }
    }
  }

  // A project report in prose: its money from the clauses the figures stand in.
  if (projectScope && !block)
    for (const f of projectProseMoney(lines)) {
      const concept: ConceptKey = f.key === 'rate' ? 'execution.rate' : projectConcept(f.key);
      const value = f.key === 'rate' ? `${f.value}%` : f.value;
      c.state(concept, value, { quote: f.place.text }, f.place, 0.7, { scope: projectScope });
      if (f.key !== 'rate') {
        projectMoney[f.key] = f.value;
        proseMoneyPlaces[f.key] = f.place;
      }
    }

  // Indicator grids: all rows of all grids, the first grid after the money block preferred.
  const grids = indicatorGrids(cells);
  let gridRows: GridRowRead[] = grids.flatMap((g) => g.rows);
  // A grid whose cells ran together with no separator is read by the grammar of its rows.
  const runTogether = runTogetherGridRows(lines);
  if (runTogether.length > gridRows.length) gridRows = runTogether;
  // Department score tables (weight and score, no target/actual), when no grid was found.
  if (!gridRows.length) gridRows = weightInLabelRows(lines);
  if (!gridRows.length) gridRows = proseScoreRows(cells);
  for (const r of gridRows)
    rows.push({
      level1: r.level1,
      level2: r.level2,
      name: r.name,
      ...(r.target !== undefined ? { target: r.target } : {}),
      ...(r.actual !== undefined ? { actual: r.actual } : {}),
      ...(r.weight !== undefined ? { weight: r.weight } : {}),
      ...(r.score !== undefined ? { score: r.score } : {}),
    });
  // Rows of a form without a 分值 column stay out of the dossier (an indicator has a weight
  // above 0); they are kept in the reading (`rows`) and the missing 分值 is listed.
  const weighted = gridRows.filter((r) => r.weight !== undefined);
  if (gridRows.some((r) => r.weight === undefined)) missing.push('指标分值');
  const base = projectScope ? 'expenditure.projects[0].indicators' : 'indicators';
  const indicators = weighted.map((r, i) => toIndicator(r, i));
  if (indicators.length && !c.has(projectScope ? 'expenditure.projects' : 'indicators')) {
    weighted.forEach((r, i) => {
      const p = `${base}[${i}]`;
      c.record(`${p}.name`, r.name, r.place, r.confidence);
      for (const [col, field] of [
        ['target', 'target'],
        ['actual', 'actual'],
        ['weight', 'weight'],
        ['score', 'score'],
        ['reason', 'deviation'],
      ] as const) {
        const pl = r.places[col];
        const v = col === 'target' ? r.target : col === 'reason' ? r.reason : r[col];
        if (pl && v !== undefined) c.record(`${p}.${field}`, v, pl, r.confidence);
      }
    });
  }
  for (const g of grids)
    for (const s of g.subtotals)
      c.state(
        'indicators.level1.subtotal',
        s.value,
        { table: '绩效指标', row: s.level1, column: '一级指标', quote: s.place.text },
        s.place,
        0.9,
        { scope: s.level1 },
      );

  // The stated total score and grade.
  const score = label('score');
  if (score && !c.statements.some((s) => s.concept === 'score.total'))
    c.state(
      'score.total',
      score.value,
      { table: '自评表', row: '自评得分', quote: score.place.text },
      score.place,
      score.confidence,
    );
  const grade = label('grade');
  if (grade && !c.statements.some((s) => s.concept === 'score.grade'))
    c.state(
      'score.grade',
      grade.value,
      { table: '自评表', row: '自评等级', quote: grade.place.text },
      grade.place,
      grade.confidence,
    );

  // The project of a project-level document.
  if (projectScope && !c.has('expenditure.projects')) {
    const name = label('projectName') ?? projectFromTitle(lines);
    c.set(
      'expenditure.projects',
      [
        {
          id: 'P1',
          name: name?.value ?? STAND_IN_NAMES.project,
          kind: 'business',
          money: projectMoney,
          indicators,
        },
      ],
      { text: '' },
    );
    delete c.provenance['expenditure.projects'];
    if (name) c.record('expenditure.projects[0].name', name.value, name.place, name.confidence);
    else missing.push('expenditure.projects[0].name');
    for (const [col, pl] of Object.entries(proseMoneyPlaces))
      c.record(`expenditure.projects[0].money.${col}`, projectMoney[col] ?? '', pl, 0.7);
    if (block)
      for (const r of block.rows.filter((x) => x.kind === 'total'))
        for (const [col, v] of Object.entries(r.values))
          if (col in projectMoney && v)
            c.record(`expenditure.projects[0].money.${col}`, v.value, v.place, 0.9);
  } else if (indicators.length && !c.has('indicators')) {
    c.set('indicators', indicators, { text: '' });
    delete c.provenance.indicators;
  }

  // 基础数据表 (财政供养人员 / 经费控制情况 with two or three year columns).
  const baseTable = baseTables(cells, c, c.get('year') as number | undefined, currency);

  if (!block) missing.push('预算执行表');
  if (!gridRows.length) missing.push('绩效指标表');
  const whole =
    level === 'project' &&
    blocks.length + (blob ? 1 : 0) === 1 &&
    wholeTable(lines, block, gridRows);
  return { ...(level ? { level } : {}), currency, rows, missing, baseTable, whole };
}

/** What closes a 自评表 after its grid: the total row, the deviation summary or the signatures. */
const CLOSING =
  /(?:总分|合计)\s*[:：]?\s*\d|偏差大或目标未完成原因|评价结论|填表人|联系电话|审核人/;

/**
 * Whether the project table was read whole, so that checks over the whole table (its 分值 adding
 * up to 100) may run: one money block with its 年度资金总额 row standing before the grid (a page
 * that starts inside the previous table has rows first), every grid row with its 得分 (an excerpt
 * cut inside a row leaves it without), and the table's closing part (总分 row, deviation summary
 * or signatures) after the last row. Any doubt leaves the document partial.
 */
function wholeTable(
  lines: readonly SourceLine[],
  block: MoneyBlock | undefined,
  rows: readonly GridRowRead[],
): boolean {
  const total = block?.rows.find((r) => r.kind === 'total');
  if (!total || rows.length < 3) return false;
  if (rows.some((r) => r.score === undefined)) return false;
  const first = rows[0] as GridRowRead;
  const last = rows[rows.length - 1] as GridRowRead;
  const at = (p: Place) => p.line ?? 0;
  const samePage = (p: Place, q: Place) => (p.page ?? 0) === (q.page ?? 0);
  if (samePage(total.place, first.place) && at(total.place) > at(first.place)) return false;
  const after = lines
    .filter(
      (l) =>
        (l.page ?? 0) > (last.place.page ?? 0) ||
        ((l.page ?? 0) === (last.place.page ?? 0) && l.line >= at(last.place)),
    )
    .map((l, i) => {
      const t = plain(l);
      if (i > 0) return t;
      const k = t.indexOf(last.name);
      return k >= 0 ? t.slice(k + last.name.length) : t;
    })
    .join(' ');
  return CLOSING.test(after);
}

/** "…2023年<project>项目支出绩效自评报告": the project a titled report is about. */
function projectFromTitle(
  lines: readonly SourceLine[],
): { value: string; place: Place; confidence: number } | undefined {
  for (const l of lines.slice(0, 40)) {
    const t = plain(l).replace(/\s+/g, '');
    const m =
      /20\d{2}年度?([\u4e00-\u9fa5（）()—-]{2,30}?)(?:项目)?(?:支出)?绩效(?:自评|评价)/.exec(t);
    if (m?.[1] && m[1].length >= 2 && !/^(?:部门|单位|整体|项目)/.test(m[1]))
      return { value: m[1], place: placeOf(l, plain(l)), confidence: 0.7 };
  }
  return undefined;
}

const ID_PREFIX: ReadonlyArray<[RegExp, string]> = [
  [/成本/, 'C'],
  [/产出/, 'O'],
  [/效益/, 'E'],
  [/满意/, 'S'],
  [/决策/, 'D'],
  [/管理|过程/, 'M'],
];

function toIndicator(r: GridRowRead, i: number): Record<string, unknown> {
  const prefix = ID_PREFIX.find(([re]) => re.test(r.level1))?.[1] ?? 'I';
  // A 年度指标值 the table left blank stays absent: neither a number nor a phrase is stated, so
  // the kind is not told either (scoring then cannot compare and uses the stated 得分).
  const target = r.target;
  return {
    id: `${prefix}${i + 1}`,
    level1: r.level1,
    level2: r.level2,
    name: r.name,
    ...(target !== undefined
      ? { kind: /\d/.test(target) ? 'quantitative' : 'qualitative', target }
      : {}),
    ...(r.actual !== undefined ? { actual: r.actual } : {}),
    weight: r.weight as string,
    ...(r.score !== undefined ? { score: r.score } : {}),
    ...(r.reason ? { deviation: r.reason } : {}),
  };
}
