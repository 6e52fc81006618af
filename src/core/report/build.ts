/**
 * Dossier (+ derived figures + score) → ReportModel (issue #4).
 *
 * Every sentence that states a figure is generated here from derive() and the score result, never
 * from the dossier's `statements` (those are what a published report *said*; the auditor compares
 * them). People-written sections (functions, achievements, problems, measures, other) are inserted
 * as written. A missing figure drops its clause (or the sentence), never a placeholder word.
 * Outline and tables follow the Hengyang FY2023 report (domain.md §1, §7) and 财预〔2020〕10号.
 *
 * One total: a department report states the unit's total; a project-level document (a
 * 项目支出绩效自评表 read from the world, core/audit/document.ts) states its project's total only —
 * no 部门整体支出绩效自评表 is added beside the project's own table.
 */
import type { Dossier, Indicator } from '../dossier/schema.ts';
import { PROJECT_KINDS, PROJECT_KIND_LABELS } from '../dossier/schema.ts';
import { projectLabel, statedName } from '../dossier/stand-ins.ts';
import {
  headConcept,
  INCOME_SOURCES,
  INCOME_SOURCE_LABELS,
  moneyConcept,
  moneyHead,
  type ConceptKey,
  type IncomeSource,
  type ThreePublicStored,
} from '../concepts/index.ts';
import { formatTarget } from '../dossier/indicator-values.ts';
import {
  budgetOf,
  derive,
  fundsColumns,
  sumColumns,
  type Columns,
  type Derived,
  type ExecutionBase,
} from '../derive.ts';
import {
  Decimal,
  formatPercent,
  formatWan,
  percentOf,
  roundScore,
  sumWan,
  type Percent,
  type Wan,
} from '../money.ts';
import { documentShape, statedUnitName } from '../audit/document.ts';
import { NATIONAL_RULESET } from '../scoring/ruleset.ts';
import type { GridScore, IndicatorScore, ScoreResult } from '../scoring/types.ts';
import type { Annex, Block, Cell, ParagraphRole, Row, Run, ReportModel, Table } from './model.ts';
import { indicatorPieces, pointsInProse, tidyText, withoutStatedTotal } from './prose.ts';
import { reviewBlocks, reviewRows } from './review.ts';

export interface BuildOptions {
  /** The score result for this dossier (score(dossier, ruleset)); without it no score is stated. */
  readonly score?: ScoreResult | null;
  /** Denominator of execution rates (the rule set's choice; domain.md §3). */
  readonly base?: ExecutionBase;
  /**
   * Grade bands of the rule set (highest min first is not required); default 优 90, 良 80, 中 60, 差 0.
   */
  readonly grades?: readonly { readonly grade: string; readonly min: string }[];
  /** The rule set's Chinese title, named in the narrative (falls back to name and version). */
  readonly rulesetTitle?: string;
  /** A draft: the dossier is not ready (reportReadiness); every page is marked 草稿. */
  readonly draft?: boolean;
}

/**
 * Full-width punctuation and no stray spaces in every plain run of generated text (a figure's run
 * is left as it is: "93.73%").
 */
function tidyRuns(b: Block): Block {
  if (b.kind !== 'paragraph' || b.source !== 'generated') return b;
  return { ...b, runs: b.runs.map((r) => (r.figure ? r : { ...r, text: tidyText(r.text) })) };
}

// ---------- runs and sentences ----------

/** A part of a sentence; null stands for a missing figure and drops the clause that holds it. */
type Part = string | Run | null | undefined | false;

const fig = (figure: ConceptKey, text: string, scope?: string): Run =>
  scope ? { text, figure, scope } : { text, figure };

/** An amount run "404.92万元"; null when not filled. */
function wan(concept: ConceptKey, v: Wan | undefined, scope?: string): Run | null {
  return v === undefined ? null : fig(concept, `${formatWan(v)}万元`, scope);
}

function pct(concept: ConceptKey, p: Percent, scope?: string): Run | null {
  return p.ok ? fig(concept, formatPercent(p), scope) : null;
}

/**
 * A clause whose every figure is known, else nothing: a sentence is written without the figure
 * it lacks instead of printing a placeholder (issue #11 item 2).
 */
function clause(...parts: Part[]): Part[] {
  return parts.some((p) => p === null) ? [] : parts;
}

/** Signed change: "增加30.56万元" / "减少0.50万元" / "持平"; null when not known. */
function change(
  concept: ConceptKey,
  v: Wan | undefined,
  up = '增加',
  down = '减少',
): Part[] | null {
  if (v === undefined) return null;
  const d = new Decimal(v);
  if (d.isZero()) return ['持平'];
  return [d.isNegative() ? down : up, fig(concept, `${formatWan(d.abs().toFixed())}万元`)];
}

/** Signed rate: "增长28.24%" / "下降74.21%"; the figure text is the absolute value. */
function rateChange(concept: ConceptKey, p: Percent): Part[] | null {
  if (!p.ok) return null;
  if (p.percent.isZero()) return ['增长', fig(concept, '0.00%')];
  return [
    p.percent.isNegative() ? '下降' : '增长',
    fig(concept, formatPercent({ ok: true, percent: p.percent.abs() })),
  ];
}

const BASE_LABEL: Record<ExecutionBase, string> = {
  adjustedBudget: '全年预算数',
  initialBudget: '年初预算数',
};

/**
 * A rate with its base named, "93.73%（全年预算数704.00万元）", following the rule set's
 * denominator (issue #11 item 3); the fallback column is named when the chosen one is blank.
 */
function rateWithBase(
  concept: ConceptKey,
  p: Percent,
  c: Columns,
  base: ExecutionBase,
  scope?: string,
): Part[] | null {
  const r = pct(concept, p, scope);
  const used: ExecutionBase =
    c[base] !== undefined ? base : base === 'adjustedBudget' ? 'initialBudget' : 'adjustedBudget';
  const b = c[used];
  if (!r || b === undefined) return null;
  return [r, `（${BASE_LABEL[used]}${formatWan(b)}万元）`];
}

/** Join clauses with "，", dropping empty ones; `end` closes the sentence. */
function joined(clauses: readonly (Part[] | null)[], sep = '，'): Part[] {
  const out: Part[] = [];
  for (const cl of clauses) {
    if (!cl || cl.length === 0) continue;
    if (out.length) out.push(sep);
    out.push(...cl);
  }
  return out;
}

function para(
  parts: readonly Part[],
  source: 'generated' | 'written' | 'missing' = 'generated',
  role?: ParagraphRole,
): Block {
  const runs: Run[] = [];
  for (const p of parts) {
    if (p === null || p === undefined || p === false || p === '') continue;
    const run = typeof p === 'string' ? { text: p } : p;
    // Merge adjacent plain runs so the model stays readable.
    const last = runs[runs.length - 1];
    if (last && last.figure === undefined && run.figure === undefined)
      runs[runs.length - 1] = { text: last.text + run.text };
    else runs.push(run);
  }
  return role ? { kind: 'paragraph', runs, source, role } : { kind: 'paragraph', runs, source };
}

/** A person's text, one paragraph per line, tidied; nothing when empty. */
function written(text: string | undefined): Block[] {
  return (text ?? '')
    .split(/\n+/)
    .map((l) => tidyText(l))
    .filter(Boolean)
    .map((l) => para([l], 'written'));
}

const h1 = (text: string): Block => ({ kind: 'heading', level: 1, text });
const h2 = (text: string): Block => ({ kind: 'heading', level: 2, text });

/** Any column filled (zero counts: zero is a value, absent is "not filled"). */
const filled = (c: Columns | undefined): boolean =>
  !!c && Object.values(c).some((v) => v !== undefined);
/** Any non-zero column: a fund or 三公 item with nothing in it reads "无". */
const hasAny = (c: Columns | undefined): boolean =>
  !!c && Object.values(c).some((v) => v !== undefined && !new Decimal(v).isZero());

/** Points as written by the score contract, two decimals; blank without a score. */
const pointsText = (v: string | null | undefined): string =>
  v === null || v === undefined ? '' : new Decimal(v).toFixed(2);

/** A sentence ending: drop a trailing "。" a person wrote before the report adds its own. */
const noStop = (s: string): string => tidyText(s).replace(/[。；，]$/, '');

// ---------- narrative ----------

function basicSituation(d: Dossier): Block[] {
  const out: Block[] = [h1('一、部门（单位）基本情况'), h2('（一）主要职能')];
  d.unit.functions.forEach((f, i) =>
    out.push(
      para(
        [
          `${i + 1}.${tidyText(f.replace(/^[（(]?[\d一二三四五六七八九十⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽]+[)）.、．]?\s*/, ''))}`,
        ],
        'written',
      ),
    ),
  );
  out.push(h2('（二）机构情况'));
  if (d.unit.offices.length > 0)
    out.push(
      para([
        `${d.year}年，单位内部设${d.unit.offices.map(tidyText).join('、')}共`,
        fig('offices.count', String(d.unit.offices.length)),
        '个科室（机构）。',
      ]),
    );
  out.push(h2('（三）人员情况'));
  const s = d.unit.staffing;
  const count = (concept: ConceptKey, n: number | undefined, unit: string): Run | null =>
    n === undefined ? null : fig(concept, `${n}${unit}`);
  const split = joined([
    clause(
      '行政编制',
      count('staffing.authorizedAdministrative', s.authorizedAdministrative, '名'),
    ),
    clause('事业编制', count('staffing.authorizedInstitutional', s.authorizedInstitutional, '名')),
  ]);
  const staff = joined(
    [
      clause(
        '编制数',
        count('staffing.authorized', s.authorized, '名'),
        ...(split.length ? ['（其中', ...split, '）'] : []),
      ),
      clause('实际在职人数', count('staffing.actual', s.actual, '名')),
      clause('离退休人员', count('staffing.retired', s.retired, '名')),
    ],
    '；',
  );
  if (staff.length) out.push(para([`${d.year}年末，`, ...staff, '。']));
  return out;
}

function threePublicSentences(d: Dossier, x: Derived): Block[] {
  const tp = d.threePublic;
  if (!filled(x.threePublic)) return [];
  const items: [ThreePublicStored, string][] = [
    ['abroad', '因公出国（境）费'],
    ['vehiclePurchase', '公务用车购置费'],
    ['vehicleOperation', '公务用车运行维护费'],
    ['reception', '公务接待费'],
  ];
  const initial = budgetOf(x.threePublic, 'initialBudget');
  const budgetChange = change('threePublic.budget.change', x.threePublicBudgetChange);
  const rate = pct('threePublic.control.rate', x.threePublicControlRate);
  const prior = rateChange('threePublic.change.rate', x.threePublicChangeRate);
  const head = joined([
    clause(`${d.year}年度“三公”经费年初预算`, wan('threePublic.total.initialBudget', initial)),
    budgetChange
      ? budgetChange[0] === '持平'
        ? ['与上年预算持平']
        : ['比上年预算', ...budgetChange]
      : null,
  ]);
  const spent = joined([
    clause('全年实际支出', wan('threePublic.total.actual', x.threePublic.actual)),
    rate && initial !== undefined
      ? ['“三公”经费控制率', rate, `（年初预算数${formatWan(initial)}万元）`]
      : null,
    prior ? ['比上年决算', ...prior] : null,
  ]);
  const parts: Part[] = [...joined([head, spent], '；')];
  const detail: Part[][] = [];
  for (const [key, label] of items) {
    const c = tp[key];
    const head = moneyHead('threePublic', key);
    if (!hasAny(c)) {
      detail.push([`${label}无`]);
      continue;
    }
    const one = joined(
      [
        clause('预算', wan(headConcept(head, 'initialBudget'), budgetOf(c ?? {}, 'initialBudget'))),
        clause('实际支出', wan(headConcept(head, 'actual'), c?.actual)),
      ],
      '、',
    );
    detail.push(one.length ? [label, ...one] : [`${label}无`]);
  }
  if (parts.length === 0) return [];
  parts.push('。其中：', ...joined(detail, '；'), '。');
  return [para(parts)];
}

function generalBudget(d: Dossier, x: Derived, base: ExecutionBase): Block[] {
  const out: Block[] = [h1('二、一般公共预算支出情况'), h2('（一）基本支出情况')];
  const e = d.expenditure;
  if (filled(x.basic)) {
    const basicInitial = budgetOf(x.basic, 'initialBudget');
    const dec =
      basicInitial !== undefined && x.basic.actual !== undefined
        ? new Decimal(basicInitial).minus(x.basic.actual).toFixed()
        : undefined;
    const decrease: Part[] | null =
      dec === undefined
        ? null
        : new Decimal(dec).isZero()
          ? ['与年初预算持平']
          : [
              '比年初预算',
              new Decimal(dec).isNegative() ? '增加支出' : '减少支出',
              fig(
                'expenditure.basic.decrease',
                `${formatWan(new Decimal(dec).abs().toFixed())}万元`,
              ),
            ];
    const head = joined([
      clause(
        `${d.year}年度基本支出年初预算数`,
        wan('expenditure.basic.initialBudget', basicInitial),
      ),
      clause('全年执行数', wan('expenditure.basic.actual', x.basic.actual)),
      decrease,
    ]);
    const split = joined(
      [
        clause(
          '人员经费',
          wan('expenditure.personnel.actual', e.personnel.actual),
          ...(x.personnelShare.ok
            ? ['，占基本支出的', pct('expenditure.personnel.share', x.personnelShare)]
            : []),
        ),
        clause(
          '公用经费',
          wan('expenditure.publicFunds.actual', e.publicFunds.actual),
          ...(x.publicFundsShare.ok
            ? ['，占基本支出的', pct('expenditure.publicFunds.share', x.publicFundsShare)]
            : []),
        ),
      ],
      '；',
    );
    if (head.length || split.length)
      out.push(
        para([
          ...head,
          head.length ? '。' : '',
          ...(split.length ? ['其中：', ...split, '。'] : []),
        ]),
      );
  }
  out.push(...threePublicSentences(d, x));
  out.push(h2('（二）项目支出情况'));
  const projects = e.projects;
  if (projects.length === 0) out.push(para(['本单位无项目支出。']));
  else {
    const byKind = PROJECT_KINDS.map(
      (k) => [k, projects.filter((p) => p.kind === k).length] as const,
    ).filter(([, n]) => n > 0);
    const totals = joined([
      clause(
        '项目支出年初预算数',
        wan('expenditure.projects.initialBudget', budgetOf(x.projects, 'initialBudget')),
      ),
      clause('全年执行数', wan('expenditure.projects.actual', x.projects.actual)),
      clause(
        '执行率',
        ...(rateWithBase(
          'projects.execution.rate',
          percentOf(x.projects.actual, budgetOf(x.projects, base)),
          x.projects,
          base,
        ) ?? [null]),
      ),
    ]);
    out.push(
      para([
        `${d.year}年度本单位有项目支出`,
        fig('projects.count', String(projects.length)),
        // Names only when the document names every project: a partial list would miscount.
        projects.every((p) => statedName(p.name) !== undefined)
          ? `个：${projects.map((p) => p.name).join('、')}（`
          : '个（',
        byKind.map(([k, n]) => `${PROJECT_KIND_LABELS[k]}${n}个`).join('，'),
        '）。',
        ...totals,
        totals.length ? '。' : '',
      ]),
    );
    for (const p of projects) {
      const rate = x.projectExecution.get(p.id) ?? {
        ok: false as const,
        reason: 'missing' as const,
      };
      const parts = joined([
        clause(
          '年初预算数',
          wan('project.initialBudget', budgetOf(p.money, 'initialBudget'), p.id),
        ),
        clause('全年执行数', wan('project.actual', p.money.actual, p.id)),
        clause(
          '执行率',
          ...(rateWithBase('project.execution.rate', rate, p.money, base, p.id) ?? [null]),
        ),
      ]);
      const note = p.note ? `${noStop(p.note)}。` : '';
      if (parts.length || note)
        out.push(
          para([
            // One unnamed project is “该项目” after the sentence that counts it.
            projects.length === 1 && statedName(p.name) === undefined
              ? '该项目'
              : projectLabel(p.name, projects.indexOf(p)),
            parts.length ? '：' : '',
            ...parts,
            parts.length ? '。' : '',
            note,
          ]),
        );
    }
  }
  return out;
}

function otherFund(d: Dossier, source: IncomeSource, heading: string, what: string): Block[] {
  const c = d.income[source];
  if (!hasAny(c)) return [h1(heading), para([`本单位无${what}。`])];
  const parts = joined([
    clause(`年初预算数`, wan(moneyConcept('income', source, 'initialBudget'), c?.initialBudget)),
    clause('全年预算数', wan(moneyConcept('income', source, 'adjustedBudget'), c?.adjustedBudget)),
    clause('全年执行数', wan(moneyConcept('income', source, 'actual'), c?.actual)),
  ]);
  return [h1(heading), para([`${d.year}年度${INCOME_SOURCE_LABELS[source]}`, ...parts, '。'])];
}

/**
 * The rule set named by what it is: a scoring rule set of jixiao, with the document it follows in
 * brackets when its title gives one ("全国通用评分规则（财预〔2020〕10号）").
 */
function rulesetPhrase(score: ScoreResult, title: string | undefined): string {
  const t = title ?? `${score.ruleset.name} ${score.ruleset.version}`;
  const m = /^(.*?)[（(](.*)[）)]$/.exec(t.trim());
  return m && m[1] && m[2] ? `评分规则集“${m[1]}”（依据${m[2]}的评分方法）` : `评分规则集“${t}”`;
}

/**
 * The grid whose total the report states (one total): the unit's, or for a project-level document
 * its project's (the first project with a grid), with the indicators that grid scores.
 */
interface Headline {
  readonly grid: GridScore;
  readonly indicators: readonly Indicator[];
  /**
   * Set for a project-level document: the project the report is about; `name` only when the
   * document states it (the reader lists a name it did not find in `document.missing`).
   */
  readonly project?: { readonly id: string; readonly name?: string };
}

function headlineOf(d: Dossier, score: ScoreResult | null): Headline | null {
  if (!score) return null;
  if (documentShape(d).level === 'project') {
    const proj =
      d.expenditure.projects.find((p) => p.indicators.length > 0) ?? d.expenditure.projects[0];
    const grid = proj && score.projects.find((p) => p.projectId === proj.id);
    // The reader lists “项目名称” as missing when the document names no project.
    const unnamed =
      documentShape(d).missing.includes('项目名称') || statedName(proj?.name ?? '') === undefined;
    if (proj && grid)
      return {
        grid,
        indicators: proj.indicators,
        project: { id: proj.id, ...(unnamed ? {} : { name: proj.name }) },
      };
  }
  return { grid: score, indicators: d.indicators };
}

/** "初中公用经费项目": a project's name as the subject of a sentence or a title ("本项目"). */
const projectSubject = (name: string | undefined): string =>
  name === undefined ? '本项目' : `${name.replace(/项目$/, '')}项目`;

function performance(
  d: Dossier,
  x: Derived,
  score: ScoreResult | null,
  headline: Headline | null,
  rulesetTitle: string | undefined,
  base: ExecutionBase,
): Block[] {
  const project = headline?.project;
  const out: Block[] = [h1(project ? '六、项目支出绩效情况' : '六、部门整体支出绩效情况')];
  if (score && headline)
    out.push(
      para([
        project
          ? `根据项目支出绩效评价指标体系，按照${rulesetPhrase(score, rulesetTitle)}计分，` +
            `${projectSubject(project.name)}${d.year}年度绩效自评得分`
          : `根据部门整体支出绩效评价指标体系，按照${rulesetPhrase(score, rulesetTitle)}计分，` +
            `本单位${d.year}年度整体支出绩效自评得分`,
        fig('score.total', `${pointsText(headline.grid.total)}分`),
        '，评价等次为“',
        fig('score.grade', headline.grid.grade),
        '”。',
      ]),
    );
  out.push(...written(d.narrative.overview ? withoutStatedTotal(d.narrative.overview) : ''));

  out.push(h2('（一）运行成本'));
  const funds = fundsColumns(x);
  const sources = INCOME_SOURCES.filter((s) => d.income[s]?.initialBudget !== undefined);
  const growth = change('budget.growth.amount', x.budgetGrowthAmount);
  const growthRate = rateChange('budget.growth.rate', x.budgetGrowthRate);
  const income = clause(
    `${d.year}年度收入年初预算数`,
    wan('income.total.initialBudget', funds.initialBudget),
  );
  const compare = joined([growth, growthRate]);
  if (income.length || compare.length)
    out.push(
      para([
        ...income,
        ...(income.length && sources.length > 0
          ? [
              '（其中：',
              ...joined(
                sources.map((s) => [
                  INCOME_SOURCE_LABELS[s],
                  wan(moneyConcept('income', s, 'initialBudget'), d.income[s]?.initialBudget),
                ]),
              ),
              '）',
            ]
          : []),
        income.length ? '。' : '',
        ...(compare.length
          ? [
              '与上年相比，年初预算',
              ...compare,
              d.narrative.budgetGrowthReason
                ? `，主要原因是${noStop(d.narrative.budgetGrowthReason)}`
                : null,
              '。',
            ]
          : []),
      ]),
    );
  const dec = x.decreaseAgainstInitial;
  const decrease: Part[] | null =
    dec === undefined
      ? null
      : new Decimal(dec).isZero()
        ? ['与年初预算持平']
        : [
            '比年初预算',
            new Decimal(dec).isNegative() ? '增加支出' : '减少支出',
            fig('budget.decrease', `${formatWan(new Decimal(dec).abs().toFixed())}万元`),
          ];
  const exec = joined([
    clause(`${d.year}年度全年预算数`, wan('income.total.adjustedBudget', funds.adjustedBudget)),
    clause('全年执行数（决算数）', wan('income.total.actual', x.executionActual)),
    decrease,
    clause(
      '预算执行率',
      ...(rateWithBase('execution.rate', x.executionRate, funds, base) ?? [null]),
    ),
  ]);
  const parts = joined([
    clause('基本支出', wan('expenditure.basic.actual', x.basic.actual)),
    clause('项目支出', wan('expenditure.projects.actual', x.projects.actual)),
  ]);
  if (exec.length)
    out.push(
      para([
        ...exec,
        '。',
        ...(parts.length ? ['其中：', ...parts, '。'] : []),
        d.narrative.decreaseReason
          ? `预算执行差异的主要原因是${noStop(d.narrative.decreaseReason)}。`
          : null,
      ]),
    );

  out.push(h2('（二）资产管理'));
  const assetChange = change('assets.growth.amount', x.assetGrowthAmount);
  const assetRate = rateChange('assets.growth.rate', x.assetGrowthRate);
  const assets = clause(
    `截至${d.year}年12月31日，单位资产总额`,
    wan('assets.yearEnd', d.assets.yearEnd),
  );
  if (assets.length)
    out.push(
      para([
        ...assets,
        ...(assetChange || assetRate ? ['，比上年末', ...joined([assetChange, assetRate])] : []),
        d.narrative.assetChangeReason
          ? `，主要原因是${noStop(d.narrative.assetChangeReason)}`
          : null,
        '。',
      ]),
    );

  out.push(h2('（三）经济效益'), ...written(d.narrative.economicBenefits));
  out.push(h2('（四）社会效益'), ...written(d.narrative.socialBenefits));
  out.push(h2('（五）社会公众或服务对象满意度'), ...written(d.narrative.satisfaction));

  out.push(h2('（六）绩效指标完成情况'));
  if (headline) {
    const ex = headline.grid.execution;
    const rate = rateWithBase('execution.rate', ex.rate, funds, base);
    const weight = fig('execution.weight', `${pointsInProse(ex.weight)}分`);
    if (ex.score === null) {
      // No rate to score (the grid leaves the cell blank and the total does not count it): say
      // why instead of printing a 0 the rule set did not give.
      const why =
        !ex.rate.ok && ex.rate.reason === 'zero-base'
          ? `${BASE_LABEL[base]}为0`
          : '预算执行数据不全';
      out.push(para(['预算执行指标（分值', weight, `）因${why}未计分，须人工评分。`]));
    } else
      out.push(
        para([
          ...(rate ? ['预算执行率', ...rate, '，'] : []),
          '预算执行指标得',
          fig('execution.score', `${pointsInProse(ex.score)}分`),
          '（分值',
          weight,
          '）。',
        ]),
      );
  }
  const byId = new Map(
    (headline?.grid.indicators ?? [])
      .filter((s) => s.scope === headline?.project?.id)
      .map((s) => [s.id, s]),
  );
  for (const pieces of indicatorPieces(headline?.indicators ?? d.indicators, byId))
    out.push(para(pieces));
  return out;
}

/** "2024年3月1日" (GB/T 9704 7.3.5.2: 成文日期 in Arabic numerals, no leading zeros). */
function formatDate(iso: string): string {
  const [y, m, day] = iso.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

function closing(d: Dossier, annexes: readonly Pick<Annex, 'label' | 'title'>[]): Block[] {
  const out: Block[] = [
    h1('七、存在的问题及原因分析'),
    ...written(d.narrative.problems),
    h1('八、下一步改进措施'),
    ...written(d.narrative.measures),
    h1('九、其他需要说明的情况'),
  ];
  const other = d.narrative.other ? tidyText(d.narrative.other) : '';
  const basis = d.filing.basis ? noStop(d.filing.basis) : '';
  // The basis sentence only when the unit's own text does not already say it.
  if (basis && !other.includes(basis))
    out.push(para([`本单位依据${basis}开展${d.year}年度部门整体支出绩效自评。`]));
  out.push(...written(other));
  if (d.filing.publication)
    out.push(para([`本自评报告${noStop(d.filing.publication)}，接受社会监督。`]));
  // GB/T 9704 7.3.4: "附件：1．…", numbered like the annexes' own labels, no stop after a name.
  annexes.forEach((a, i) => {
    const n = a.label.replace(/^附件/, '');
    out.push(
      i === 0
        ? para([`附件：${n}．${a.title}`], 'generated', 'annex-list')
        : para([`${n}．${a.title}`], 'generated', 'annex-item'),
    );
  });
  // 落款: the unit and the date (GB/T 9704 7.3.5).
  const unit = statedUnitName(d);
  if (unit) out.push(para([unit], 'generated', 'signature'));
  if (d.filing.date) out.push(para([formatDate(d.filing.date)], 'generated', 'signature'));
  return out;
}

// ---------- tables ----------

const c = (text: string, more: Omit<Cell, 'text'> = {}): Cell => ({ text, ...more });
const label = (text: string, more: Omit<Cell, 'text'> = {}): Cell => ({
  text,
  align: 'left',
  ...more,
});

function wanCell(id: string, v: Wan | undefined, formula?: string): Cell {
  if (v === undefined) return { text: '', id, format: 'wan', ...(formula ? { formula } : {}) };
  return {
    text: formatWan(v),
    id,
    value: v,
    format: 'wan',
    align: 'right',
    ...(formula ? { formula } : {}),
  };
}

const sumFormula = (ids: readonly string[]): string | undefined =>
  ids.length ? `SUM(${ids.map((i) => `{${i}}`).join(',')})` : undefined;

/** A rate cell with a live formula when both parts are filled. */
function rateCell(
  id: string,
  num: string | undefined,
  den: string | undefined,
  numId: string,
  denId: string,
): Cell {
  const p = percentOf(num, den);
  if (!p.ok) return { text: '', id, format: 'percent', align: 'right' };
  return {
    text: formatPercent(p),
    id,
    format: 'percent',
    value: p.percent.div(100).toFixed(),
    formula: `IFERROR({${numId}}/{${denId}},"")`,
    align: 'right',
  };
}

const COLS = ['priorActual', 'initialBudget', 'actual'] as const;
/** The three 附件1 columns: Y-1 决算, Y 预算 (年初, else 调整后), Y 决算. */
const a1Values = (m: Columns | undefined): (Wan | undefined)[] => [
  m?.priorActual,
  m ? budgetOf(m, 'initialBudget') : undefined,
  m?.actual,
];

function annex1(d: Dossier, x: Derived): Annex {
  const y = d.year;
  const rows: Row[] = [];
  const s = d.unit.staffing;
  const staffRows: Row[] = [
    {
      header: true,
      cells: [
        c('财政供养人员情况', { bold: true }),
        c('编制数'),
        c(`${y}年实际在职人数`),
        c('控制率'),
      ],
    },
  ];
  const count = (id: string, n: number | undefined): Cell =>
    n === undefined ? { text: '', id } : { text: String(n), id, value: String(n), format: 'count' };
  staffRows.push({
    cells: [
      c('人数'),
      count('a1.staff.authorized', s.authorized),
      count('a1.staff.actual', s.actual),
      rateCell(
        'a1.staff.rate',
        s.actual?.toString(),
        s.authorized?.toString(),
        'a1.staff.actual',
        'a1.staff.authorized',
      ),
    ],
  });
  rows.push({
    header: true,
    cells: [
      c('经费控制情况', { bold: true }),
      c(`${y - 1}年决算数`),
      c(`${y}年预算数`),
      c(`${y}年决算数`),
    ],
  });

  /** A money row; with `parts`, each column is a SUM over the parts' cells of that column. */
  const moneyRow = (
    key: string,
    text: string,
    m: Columns | undefined,
    parts?: readonly string[],
  ): Row => ({
    cells: [
      label(text),
      ...a1Values(m).map((v, i) => {
        const col = COLS[i] ?? 'actual';
        const formula =
          parts && v !== undefined ? sumFormula(parts.map((p) => `a1.${p}.${col}`)) : undefined;
        return wanCell(`a1.${key}.${col}`, v, formula);
      }),
    ],
  });
  const e = d.expenditure;
  const ctl = d.controls;
  const tp = d.threePublic;
  rows.push(moneyRow('basic', '一、部门基本支出', x.basic, ['personnel', 'publicFunds']));
  rows.push(moneyRow('personnel', '其中：人员经费', e.personnel));
  rows.push(moneyRow('publicFunds', '　　　公用经费', e.publicFunds));
  rows.push(moneyRow('office', '其中：办公经费', ctl.office));
  rows.push(moneyRow('utilitiesTravel', '　　　水费、电费、差旅费', ctl.utilitiesTravel));
  rows.push(moneyRow('meetingTraining', '　　　会议费、培训费', ctl.meetingTraining));
  rows.push(
    moneyRow('threePublic', '“三公”经费', x.threePublic, ['vehicle', 'abroad', 'reception']),
  );
  rows.push(
    moneyRow('vehicle', '1. 公务用车购置和运行维护费', x.vehicle, [
      'vehiclePurchase',
      'vehicleOperation',
    ]),
  );
  rows.push(moneyRow('vehiclePurchase', '其中：公务用车购置费', tp.vehiclePurchase));
  rows.push(moneyRow('vehicleOperation', '　　　公务用车运行维护费', tp.vehicleOperation));
  rows.push(moneyRow('abroad', '2. 因公出国（境）费', tp.abroad));
  rows.push(moneyRow('reception', '3. 公务接待费', tp.reception));
  const kindRows: Row[] = [];
  const kindKeys: string[] = [];
  PROJECT_KINDS.forEach((k, i) => {
    const ps = e.projects.filter((p) => p.kind === k);
    const key = `kind.${k}`;
    kindKeys.push(key);
    const title = `${i + 1}. ${PROJECT_KIND_LABELS[k]}（一个项目一行）`;
    if (ps.length === 0) {
      kindRows.push({
        cells: [
          label(title),
          c('无', { id: `a1.${key}.priorActual` }),
          c('无', { id: `a1.${key}.initialBudget` }),
          c('无', { id: `a1.${key}.actual` }),
        ],
      });
      return;
    }
    kindRows.push(
      moneyRow(
        key,
        title,
        sumColumns(ps.map((p) => p.money)),
        ps.map((p) => `project.${p.id}`),
      ),
    );
    for (const p of ps) {
      const title = `　　${projectLabel(p.name, d.expenditure.projects.indexOf(p))}`;
      kindRows.push(moneyRow(`project.${p.id}`, title, p.money));
    }
  });
  rows.push(moneyRow('projects', '二、部门项目支出', x.projects, kindKeys));
  rows.push(...kindRows);
  rows.push(moneyRow('procurement', '政府采购金额', ctl.procurement));
  const measures = d.narrative.savingMeasures;
  rows.push({
    cells: [label('厉行节约保障措施'), label(measures.map(tidyText).join('\n'), { colSpan: 3 })],
  });
  const f = d.filing;
  return {
    id: 'annex1',
    label: '附件1',
    title: '部门整体支出绩效评价基础数据表',
    sheet: '附件1',
    before: [`填报单位：${statedUnitName(d) ?? ''}`, '单位：万元、人'],
    tables: [
      { id: 'a1.staff', columns: [46, 18, 18, 18], rows: staffRows },
      { id: 'a1', columns: [46, 18, 18, 18], rows },
    ],
    after: [
      '说明：“项目支出”填报基本支出以外的所有项目支出，包括业务工作专项、运行维护专项和市级专项资金等；“公用经费”填报基本支出中的一般商品和服务支出。表中空白处为无数据。',
      [
        f.preparer ? `填表人：${f.preparer}` : '',
        f.date ? `填报日期：${formatDate(f.date)}` : '',
        f.phone ? `联系电话：${f.phone}` : '',
      ]
        .filter(Boolean)
        .join('　　'),
    ],
    landscape: false,
  };
}

interface GridAnnexInput {
  readonly prefix: string;
  readonly head: readonly Row[];
  readonly moneyLabel: string;
  readonly money: Columns;
  readonly breakdown: readonly {
    readonly group: string;
    readonly items: readonly {
      readonly key: string;
      readonly label: string;
      readonly money: Columns | undefined;
      /** Cells of 附件1 holding the same figure: this cell becomes a formula over them. */
      readonly link?: Partial<Record<'initialBudget' | 'adjustedBudget' | 'actual', string>>;
    }[];
  }[];
  /** Which breakdown group the total is the SUM of (its items' cells). */
  readonly sumGroup?: number;
  readonly base: ExecutionBase;
  readonly grid: GridScore | undefined;
  readonly goal: { readonly expected: string; readonly achieved: string } | undefined;
  readonly indicators: readonly Indicator[];
  readonly scope?: string;
  readonly grades: readonly { readonly grade: string; readonly min: string }[];
}

/** The 附件2 / 项目支出绩效自评表 layout: budget block + goal (8 columns), then the indicator grid. */
function gridTables(g: GridAnnexInput): Table[] {
  const p = g.prefix;
  const rows: Row[] = [...g.head];
  rows.push({
    header: true,
    cells: [
      c(g.moneyLabel, { colSpan: 2 }),
      c('年初预算数'),
      c('全年预算数（调整后）'),
      c('全年执行数'),
      c('分值'),
      c('执行率'),
      c('得分'),
    ],
  });
  const cols = ['initialBudget', 'adjustedBudget', 'actual'] as const;
  const group = g.sumGroup !== undefined ? g.breakdown[g.sumGroup] : undefined;
  const totalCells = cols.map((col) => {
    const v = g.money[col];
    const parts =
      group?.items
        .filter((it) => it.money?.[col] !== undefined)
        .map((it) => `${p}.${it.key}.${col}`) ?? [];
    return wanCell(`${p}.total.${col}`, v, v !== undefined ? sumFormula(parts) : undefined);
  });
  const ex = g.grid?.execution;
  const budget = budgetOf(g.money, g.base);
  const budgetCol =
    g.base === 'adjustedBudget'
      ? g.money.adjustedBudget !== undefined
        ? 'adjustedBudget'
        : 'initialBudget'
      : g.money.initialBudget !== undefined
        ? 'initialBudget'
        : 'adjustedBudget';
  const rate = rateCell(
    `${p}.exec.rate`,
    g.money.actual,
    budget,
    `${p}.total.actual`,
    `${p}.total.${budgetCol}`,
  );
  const weight = ex
    ? { text: ex.weight, id: `${p}.exec.weight`, value: ex.weight, format: 'points' as const }
    : { text: '', id: `${p}.exec.weight` };
  rows.push({
    cells: [
      label('年度资金总额', { colSpan: 2 }),
      ...totalCells,
      weight,
      rate,
      executionScoreCell(p, ex, rate),
    ],
  });
  for (const grp of g.breakdown) {
    grp.items.forEach((it, i) =>
      rows.push({
        cells: [
          ...(i === 0 ? [label(grp.group, { rowSpan: grp.items.length })] : []),
          label(it.label),
          ...cols.map((col) => {
            const v = it.money?.[col];
            const link = it.link?.[col];
            return wanCell(
              `${p}.${it.key}.${col}`,
              v,
              v !== undefined && link ? `{${link}}` : undefined,
            );
          }),
          c('', { colSpan: 3 }),
        ],
      }),
    );
  }
  rows.push({
    cells: [
      c('年度总体目标', { rowSpan: 2, colSpan: 2, bold: true }),
      c('预期目标', { colSpan: 3, bold: true }),
      c('实际完成情况', { colSpan: 3, bold: true }),
    ],
  });
  rows.push({
    cells: [
      label(tidyText(g.goal?.expected ?? ''), { colSpan: 3 }),
      label(tidyText(g.goal?.achieved ?? ''), { colSpan: 3 }),
    ],
  });
  const budgetTable: Table = { id: `${p}.budget`, columns: [9, 12, 12, 12, 12, 8, 10, 25], rows };
  return [budgetTable, indicatorGrid(g)];
}

function executionScoreCell(p: string, ex: GridScore['execution'] | undefined, rate: Cell): Cell {
  const id = `${p}.exec.score`;
  if (!ex || ex.score === null) return { text: '', id, format: 'points' };
  // Live formula only when the engine's score is the default rule (domain.md §4):
  // min(rate, 100%) × W.
  let formula: string | undefined;
  if (rate.value !== undefined) {
    const expected = roundScore(Decimal.min(new Decimal(rate.value), 1).times(ex.weight));
    if (expected.eq(ex.score))
      formula = `IFERROR(ROUND(MIN({${p}.exec.rate},1)*{${p}.exec.weight},2),"")`;
  }
  return {
    text: pointsText(ex.score),
    id,
    value: ex.score,
    format: 'points',
    ...(formula ? { formula } : {}),
  };
}

function indicatorGrid(g: GridAnnexInput): Table {
  const p = g.prefix;
  const rows: Row[] = [
    {
      header: true,
      cells: [
        '一级指标',
        '二级指标',
        '三级指标',
        '年度指标值',
        '实际完成值',
        '分值',
        '得分',
        '偏差原因分析及改进措施',
      ].map((t) => c(t)),
    },
  ];
  const scores = new Map((g.grid?.indicators ?? []).map((s) => [s.id, s]));
  // Keep the dossier's order but group 一级 then 二级 (merged cells need contiguous rows).
  const level1s = [...new Set(g.indicators.map((i) => i.level1))];
  const weightIds: string[] = [];
  const scoreIds: string[] = [];
  let idx = 0;
  for (const l1 of level1s) {
    const in1 = g.indicators.filter((i) => i.level1 === l1);
    const l1Weight = sumWan(in1.map((i) => i.weight));
    const level2s = [...new Set(in1.map((i) => i.level2))];
    let first1 = true;
    for (const l2 of level2s) {
      const in2 = in1.filter((i) => i.level2 === l2);
      in2.forEach((ind, j) => {
        const s = scores.get(ind.id);
        const wId = `${p}.ind.${idx}.weight`;
        const sId = `${p}.ind.${idx}.score`;
        idx += 1;
        weightIds.push(wId);
        scoreIds.push(sId);
        const cells: Cell[] = [];
        // A level the document left blank stays a blank cell (its weight still shown).
        const l1Text = `${statedName(l1) ?? ''}（${l1Weight}分）`;
        if (first1) cells.push(c(l1Text, { rowSpan: in1.length }));
        if (j === 0) cells.push(c(statedName(l2) ?? '', { rowSpan: in2.length }));
        cells.push(
          label(ind.name),
          c(formatTarget(ind.target)),
          c(ind.actual?.text ?? ''),
          { text: ind.weight, id: wId, value: ind.weight, format: 'points' },
          scoreCell(sId, s),
          label(deviationText(ind, s)),
        );
        rows.push({ cells });
        first1 = false;
      });
    }
  }
  const grid = g.grid;
  const ex = grid?.execution;
  rows.push({
    cells: [
      label(ex && ex.rate.ok ? `预算执行（执行率${formatPercent(ex.rate)}）` : '预算执行', {
        colSpan: 5,
      }),
      {
        text: ex?.weight ?? '',
        id: `${p}.grid.exec.weight`,
        ...(ex
          ? { value: ex.weight, format: 'points' as const, formula: `{${p}.exec.weight}` }
          : {}),
      },
      {
        text: ex ? pointsText(ex.score) : '',
        id: `${p}.grid.exec.score`,
        ...(ex?.score
          ? { value: ex.score, format: 'points' as const, formula: `{${p}.exec.score}` }
          : {}),
      },
      c(''),
    ],
  });
  const allWeights = [...weightIds, `${p}.grid.exec.weight`];
  const weightSum =
    grid?.weightSum ?? sumWan([...g.indicators.map((i) => i.weight), ...(ex ? [ex.weight] : [])]);
  const totalCell = (): Cell => {
    if (!grid) return { text: '', id: `${p}.total.score` };
    const plain = roundScore(
      new Decimal(sumWan([...grid.indicators.map((s) => s.score ?? '0'), ex?.score ?? '0'])),
    );
    // Formula only when the total is the plain sum (not rescaled for not-applicable indicators).
    const formula = plain.eq(grid.total)
      ? `ROUND(SUM(${[...scoreIds, `${p}.grid.exec.score`].map((i) => `{${i}}`).join(',')}),2)`
      : undefined;
    return {
      text: pointsText(grid.total),
      id: `${p}.total.score`,
      value: grid.total,
      format: 'points',
      bold: true,
      ...(formula ? { formula } : {}),
    };
  };
  const total = totalCell();
  const bands = [...g.grades].sort((a, b) => new Decimal(b.min).cmp(a.min));
  const t = `{${p}.total.score}`;
  const gradeFormula = `IF(${t}="","",${bands
    .slice(0, -1)
    .map((b) => `IF(${t}>=${b.min},"${b.grade}",`)
    .join('')}"${bands[bands.length - 1]?.grade ?? ''}"${')'.repeat(bands.length - 1)})`;
  const plainWeights = sumWan([...g.indicators.map((i) => i.weight), ...(ex ? [ex.weight] : [])]);
  const weightFormula = new Decimal(plainWeights).eq(weightSum)
    ? sumFormula(allWeights)
    : undefined;
  rows.push({
    cells: [
      c('总分', { colSpan: 5, bold: true }),
      {
        text: weightSum,
        id: `${p}.weightSum`,
        value: weightSum,
        format: 'points',
        ...(weightFormula ? { formula: weightFormula } : {}),
      },
      total,
      label(grid ? `评价等次：${grid.grade}` : '评价等次：', {
        id: `${p}.grade`,
        ...(grid && total.value !== undefined && gradeOf(total.value, bands) === grid.grade
          ? { formula: `"评价等次："&${gradeFormula}`, value: `评价等次：${grid.grade}` }
          : {}),
      }),
    ],
  });
  return { id: `${p}.grid`, columns: [9, 11, 18, 10, 10, 8, 8, 24], rows };
}

/** The band a total falls in (domain.md §4), bands sorted by min, highest first. */
function gradeOf(
  total: string,
  bands: readonly { readonly grade: string; readonly min: string }[],
): string | undefined {
  return bands.find((b) => new Decimal(total).gte(b.min))?.grade;
}

function scoreCell(id: string, s: IndicatorScore | undefined): Cell {
  if (!s) return { text: '', id };
  if (s.status === 'not-applicable') return { text: '', id };
  if (s.score === null) return { text: '', id };
  return { text: pointsText(s.score), id, value: s.score, format: 'points' };
}

/**
 * The 偏差原因 cell holds the unit's own words; the only engine text added is a manual override,
 * which the report must show beside the computed score (domain.md §4). Scores the engine could not
 * compute already read 待人工评分 in the score cell.
 */
function deviationText(ind: Indicator, s: IndicatorScore | undefined): string {
  const parts: string[] = [];
  if (ind.deviation) parts.push(ind.deviation);
  if (s?.status === 'override')
    parts.push(
      `人工调整得分：计算得分${pointsText(s.computed)}分，调整为${pointsText(s.score)}分` +
        (s.note ? `，理由：${s.note}` : ''),
    );
  if (s?.status === 'not-applicable' && ind.notApplicable)
    parts.push(`不适用：${ind.notApplicable.reason}`);
  return parts.join('；');
}

/**
 * The 附件1 cells of a row that hold the same figure as 附件2's: 附件1's 预算数 column is the
 * initial budget (adjusted only when no initial one is filled), its 决算数 the actual.
 */
function a1Link(key: string, m: Columns): Partial<Record<'initialBudget' | 'actual', string>> {
  return {
    ...(m.initialBudget !== undefined ? { initialBudget: `a1.${key}.initialBudget` } : {}),
    ...(m.actual !== undefined ? { actual: `a1.${key}.actual` } : {}),
  };
}

function annex2(
  d: Dossier,
  x: Derived,
  base: ExecutionBase,
  score: ScoreResult | null,
  grades: GridAnnexInput['grades'],
): Annex {
  const incomeItems = INCOME_SOURCES.filter((s) => d.income[s] !== undefined).map((s) => ({
    key: moneyHead('income', s),
    label: INCOME_SOURCE_LABELS[s],
    money: d.income[s],
  }));
  const breakdown = [
    ...(incomeItems.length ? [{ group: '按收入性质分', items: incomeItems }] : []),
    {
      group: '按支出性质分',
      items: [
        { key: 'basic', label: '基本支出', money: x.basic, link: a1Link('basic', x.basic) },
        {
          key: 'projects',
          label: '项目支出',
          money: x.projects,
          link: a1Link('projects', x.projects),
        },
      ],
    },
  ];
  return {
    id: 'annex2',
    label: '附件2',
    title: '部门整体支出绩效自评表',
    sheet: '附件2',
    before: ['（单位：万元）'],
    tables: gridTables({
      prefix: 'a2',
      base,
      grades,
      grid: score ?? undefined,
      goal: d.goal,
      indicators: d.indicators,
      head: [
        {
          header: true,
          cells: [
            c('预算部门名称', { colSpan: 2 }),
            label(statedUnitName(d) ?? '', { colSpan: 6 }),
          ],
        },
      ],
      moneyLabel: '年度预算申请（万元）',
      money: fundsColumns(x),
      breakdown,
      sumGroup: 0,
    }),
    after: [],
    landscape: true,
  };
}

function sheetName(label: string, name: string): string {
  return `${label} ${name}`.replace(/[[\]:*?/\\]/g, '').slice(0, 31);
}

/** One 项目支出绩效自评表 per project with indicators, numbered from `first` (附件3, or 附件2). */
function projectAnnexes(
  d: Dossier,
  base: ExecutionBase,
  score: ScoreResult | null,
  grades: GridAnnexInput['grades'],
  first: number,
): Annex[] {
  return d.expenditure.projects
    .filter((p) => p.indicators.length > 0)
    .map((proj, i) => {
      const label3 = `附件${i + first}`;
      const name = projectLabel(proj.name, d.expenditure.projects.indexOf(proj));
      const ps = score?.projects.find((s) => s.projectId === proj.id);
      return {
        id: `annex${i + first}`,
        label: label3,
        title: `项目支出绩效自评表（${name}）`,
        sheet: sheetName(label3, name),
        before: ['（单位：万元）'],
        tables: gridTables({
          prefix: `p${i + 1}`,
          base,
          grades,
          grid: ps,
          goal: proj.goal,
          indicators: proj.indicators,
          scope: proj.id,
          head: [
            {
              header: true,
              cells: [
                c('项目名称', { colSpan: 2 }),
                label(statedName(proj.name) ?? '', { colSpan: 6 }),
              ],
            },
            {
              cells: [
                c('主管部门', { colSpan: 2 }),
                label(statedUnitName(d) ?? '', { colSpan: 3 }),
                c('项目类型'),
                label(PROJECT_KIND_LABELS[proj.kind], { colSpan: 2 }),
              ],
            },
          ],
          moneyLabel: '项目资金（万元）',
          money: proj.money,
          breakdown: [],
        }),
        after: [],
        landscape: true,
      };
    });
}

/** Build the report model. Pure: the same dossier and score give the same model. */
export function buildReportModel(d: Dossier, opts: BuildOptions = {}): ReportModel {
  const base = opts.base ?? 'adjustedBudget';
  const score = opts.score ?? null;
  const x = derive(d, base);
  const grades = opts.grades ?? NATIONAL_RULESET.grades;
  const headline = headlineOf(d, score);
  // A project-level document has its project's table, not a 部门整体支出绩效自评表 beside it.
  const unitTable = !headline?.project;
  const projects = projectAnnexes(d, base, score, grades, unitTable ? 3 : 2);
  const body: Block[] = [
    ...basicSituation(d),
    ...generalBudget(d, x, base),
    ...otherFund(d, 'governmentFund', '三、政府性基金预算支出情况', '政府性基金预算支出'),
    ...otherFund(d, 'stateCapital', '四、国有资本经营预算支出情况', '国有资本经营预算支出'),
    ...otherFund(d, 'socialInsurance', '五、社会保险基金预算支出情况', '社会保险基金预算支出'),
    ...performance(d, x, score, headline, opts.rulesetTitle, base),
    ...closing(d, [
      { label: '附件1', title: '部门整体支出绩效评价基础数据表' },
      ...(unitTable ? [{ label: '附件2', title: '部门整体支出绩效自评表' }] : []),
      ...projects,
    ]),
  ];
  // 评分复核说明 after the total's sentence: filed figures compared with the ones just written.
  const total = headline?.grid ?? null;
  const review = reviewBlocks(reviewRows(d, score, body, base, total), total?.total ?? null);
  const at = body.findIndex(
    (b) => b.kind === 'paragraph' && b.runs.some((r) => r.figure === 'score.total'),
  );
  if (review.length) body.splice(at >= 0 ? at + 1 : body.length, 0, ...review);
  const annexes = [
    annex1(d, x),
    ...(unitTable ? [annex2(d, x, base, score, grades)] : []),
    ...projects,
  ];
  const subject = headline?.project
    ? (headline.project.name?.replace(/项目$/, '') ?? '') + '项目'
    : '部门整体';
  return {
    format: 'jixiao/report@1',
    year: d.year,
    unitName: statedUnitName(d) ?? '',
    title: `（${d.year}年度）${subject}支出绩效自评报告`,
    body: body.map(tidyRuns),
    annexes,
    ...(opts.draft ? { draft: true } : {}),
    summary: {
      total: total?.total ?? null,
      grade: total?.grade ?? null,
      ruleset: score ? `${score.ruleset.name}@${score.ruleset.version}` : null,
      executionRate: formatPercent(x.executionRate),
    },
  };
}
