/**
 * The concept registry (issue #10): every figure a report states, defined once — its key, kind,
 * Chinese and English label, how to read its value from a dossier and derive()'s figures, the JSON
 * path where a dossier stores it, and its place in the annex tables (附件1, 附件2, 附件3).
 *
 * Statements, the importer, the auditor, the report model and the web read concepts through here
 * instead of splitting keys and switching on the pieces.
 */
// derive.ts imports only keys.ts: an import of the registry from there would be a cycle.
import { budgetOf, type Derived, type ExecutionBase } from '../derive.ts';
import type { Dossier, Indicator, Project } from '../dossier/schema.ts';
import { Decimal, percentOf, sumWan, type Percent } from '../money.ts';
import type { ScoreResult } from '../scoring/types.ts';
import {
  CONCEPT_KEYS,
  CONTROL_ITEMS,
  CONTROL_LABELS,
  EXPENDITURE_PART_LABELS,
  headConcept,
  INCOME_SOURCE_LABELS,
  INCOME_SOURCES,
  MONEY_COLUMN_LABELS,
  moneyConceptParts,
  moneyHead,
  SCALAR_CONCEPT_KEYS,
  THREE_PUBLIC_LABELS,
  THREE_PUBLIC_STORED,
  type ConceptKey,
  type MoneyColumn,
  type MoneyHead,
  type ScalarConceptKey,
} from './keys.ts';

/** amount: 万元; rate: %; count: persons, items; score: points; grade: 优/良/中/差; text. */
export type ConceptKind = 'amount' | 'rate' | 'count' | 'score' | 'grade' | 'text';
export type Lang = 'zh' | 'en';

/**
 * How a value comes about: stored in the dossier; a sum of stored figures (compared like a stored
 * one); a formula over other figures (a rate or a change, checked by the ratio rules with their
 * own precision); or the scoring engine's result.
 */
export type ConceptOrigin = 'stored' | 'sum' | 'formula' | 'score';

/** A cell of an annex table, named like a statement's `where` (domain.md §7). */
export interface AnnexPlace {
  readonly annex: 1 | 2 | 3;
  readonly table: string;
  readonly row: string;
  readonly column: string;
}

/**
 * What a concept's value is read from. `base` is the execution-rate denominator (default 全年预算数).
 */
export interface ConceptSources {
  readonly dossier: Dossier;
  readonly derived: Derived;
  readonly score?: ScoreResult;
  readonly base?: ExecutionBase;
}

/** What a scope names: a project id (project.*), an indicator id (indicator.*), a 一级 name. */
export type ConceptScope = 'project' | 'indicator' | 'level1';

export interface ConceptInfo {
  readonly key: ConceptKey;
  readonly kind: ConceptKind;
  readonly zh: string;
  readonly en: string;
  readonly origin: ConceptOrigin;
  readonly scope?: ConceptScope;
  /** The JSON path where a dossier stores it, `[]` standing for the scoped item's index. */
  readonly pathPattern?: string;
  readonly annex: readonly AnnexPlace[];
}

interface ConceptDef extends ConceptInfo {
  /** The value as decimal text (万元, %, points, count) or text; undefined when not known. */
  readonly read: (src: ConceptSources, scope?: string) => string | undefined;
  /** The real JSON path of the stored value in this dossier. */
  readonly path?: (d: Dossier | undefined, scope?: string) => string | undefined;
}

// ---------- scope lookups (built once per list: rules ask per statement) ----------

/** Position of each id's first entry (a duplicate id is reported by validation, not here). */
function firstIndexById(list: readonly { readonly id: string }[]): Map<string, number> {
  const byId = new Map<string, number>();
  list.forEach((item, i) => {
    if (!byId.has(item.id)) byId.set(item.id, i);
  });
  return byId;
}

const projectIndexes = new WeakMap<readonly Project[], Map<string, number>>();
/** Position of a project in `expenditure.projects`, by id; -1 when absent. */
export function projectIndex(d: Dossier, id: string | undefined): number {
  if (id === undefined) return -1;
  const list = d.expenditure.projects;
  let byId = projectIndexes.get(list);
  if (!byId) {
    byId = firstIndexById(list);
    projectIndexes.set(list, byId);
  }
  return byId.get(id) ?? -1;
}
export const projectById = (d: Dossier, id: string | undefined): Project | undefined =>
  d.expenditure.projects[projectIndex(d, id)];

const indicatorIndexes = new WeakMap<readonly Indicator[], Map<string, number>>();
function indicatorIndex(d: Dossier, id: string | undefined): number {
  if (id === undefined) return -1;
  let byId = indicatorIndexes.get(d.indicators);
  if (!byId) {
    byId = firstIndexById(d.indicators);
    indicatorIndexes.set(d.indicators, byId);
  }
  return byId.get(id) ?? -1;
}

// ---------- money concepts ----------

type Cols = Partial<Record<MoneyColumn, string>> | undefined;

interface MoneyHeadDef {
  readonly zh: string;
  readonly en: string;
  readonly origin: 'stored' | 'sum';
  readonly read: (src: ConceptSources, c: MoneyColumn, scope?: string) => string | undefined;
  /** Stored heads only: where the dossier keeps the column. */
  readonly path?: (c: MoneyColumn, d: Dossier | undefined, scope?: string) => string | undefined;
  readonly pathPattern?: (c: MoneyColumn) => string;
  /** Row of the annex tables; the columns follow from the money column. */
  readonly rows: readonly { readonly annex: 1 | 2 | 3; readonly row: string }[];
}

/** A stored money head whose JSON path is its key (`income.general.actual`). */
function storedHead(
  head: MoneyHead,
  zh: string,
  en: string,
  get: (d: Dossier) => Cols,
  rows: MoneyHeadDef['rows'],
): [MoneyHead, MoneyHeadDef] {
  return [
    head,
    {
      zh,
      en,
      origin: 'stored',
      read: (src, c) => get(src.dossier)?.[c],
      path: (c) => headConcept(head, c),
      pathPattern: (c) => headConcept(head, c),
      rows,
    },
  ];
}

function sumHead(
  zh: string,
  en: string,
  read: MoneyHeadDef['read'],
  rows: MoneyHeadDef['rows'],
): MoneyHeadDef {
  return { zh, en, origin: 'sum', read, rows };
}

const a1 = (row: string) => ({ annex: 1, row }) as const;
const a2 = (row: string) => ({ annex: 2, row }) as const;

// Totals (收入合计, 基本支出, 项目支出, "三公"经费 …) are the derived sums: derive.sumColumns is the
// one place that decides a total over a partly filled column is unknown (undefined), not smaller.

const MONEY_HEAD_DEFS = new Map<MoneyHead, MoneyHeadDef>([
  [
    'income.total',
    sumHead('收入合计', 'total income', (s, c) => s.derived.income[c], [a2('年度资金总额')]),
  ],
  ...INCOME_SOURCES.map((s) =>
    storedHead(moneyHead('income', s), INCOME_SOURCE_LABELS[s], `income ${s}`, (d) => d.income[s], [
      a2(INCOME_SOURCE_LABELS[s]),
    ]),
  ),
  [
    'expenditure.total',
    sumHead(
      EXPENDITURE_PART_LABELS.total,
      'expenditure total',
      ({ derived }, c) => derived.expenditure[c],
      [],
    ),
  ],
  [
    'expenditure.basic',
    sumHead(
      EXPENDITURE_PART_LABELS.basic,
      'expenditure basic',
      ({ derived }, c) => derived.basic[c],
      [a1('一、部门基本支出'), a2('基本支出')],
    ),
  ],
  storedHead(
    'expenditure.personnel',
    EXPENDITURE_PART_LABELS.personnel,
    'expenditure personnel',
    (d) => d.expenditure.personnel,
    [a1('其中：人员经费')],
  ),
  storedHead(
    'expenditure.publicFunds',
    EXPENDITURE_PART_LABELS.publicFunds,
    'expenditure publicFunds',
    (d) => d.expenditure.publicFunds,
    [a1('公用经费')],
  ),
  [
    'expenditure.projects',
    sumHead(
      EXPENDITURE_PART_LABELS.projects,
      'expenditure projects',
      ({ derived }, c) => derived.projects[c],
      [a1('二、部门项目支出'), a2('项目支出')],
    ),
  ],
  [
    'threePublic.total',
    sumHead(
      THREE_PUBLIC_LABELS.total,
      'three-public total',
      ({ derived }, c) => derived.threePublic[c],
      [a1('“三公”经费')],
    ),
  ],
  [
    'threePublic.vehicle',
    sumHead(
      THREE_PUBLIC_LABELS.vehicle,
      'three-public vehicle',
      ({ derived }, c) => derived.vehicle[c],
      [a1('1. 公务用车购置和运行维护费')],
    ),
  ],
  ...THREE_PUBLIC_STORED.map((t) =>
    storedHead(
      moneyHead('threePublic', t),
      THREE_PUBLIC_LABELS[t],
      `three-public ${t}`,
      (d) => d.threePublic[t],
      [a1(THREE_PUBLIC_LABELS[t])],
    ),
  ),
  ...CONTROL_ITEMS.map((item) =>
    storedHead(
      moneyHead('controls', item),
      CONTROL_LABELS[item],
      `control ${item}`,
      (d) => d.controls[item],
      [a1(CONTROL_LABELS[item])],
    ),
  ),
  [
    'project',
    {
      zh: '项目',
      en: 'project',
      origin: 'stored',
      read: ({ dossier }, c, scope) => projectById(dossier, scope)?.money[c],
      path: (c, d, scope) => {
        const i = d ? projectIndex(d, scope) : -1;
        return i < 0 ? undefined : `expenditure.projects[${i}].money.${c}`;
      },
      pathPattern: (c) => `expenditure.projects[].money.${c}`,
      rows: [a1('项目行（一个项目一行）'), { annex: 3, row: '年度资金总额' }],
    },
  ],
]);

/** Column headings of the annex tables for each money column (附件1 has three; 附件2/3 three). */
const ANNEX_COLUMNS: Record<1 | 2 | 3, Partial<Record<MoneyColumn, string>>> = {
  1: { priorActual: '上年决算数', initialBudget: '本年预算数', actual: '本年决算数' },
  2: { initialBudget: '年初预算数', adjustedBudget: '全年预算数（调整后）', actual: '全年执行数' },
  3: { initialBudget: '年初预算数', adjustedBudget: '全年预算数（调整后）', actual: '全年执行数' },
};
const ANNEX_TABLES: Record<1 | 2 | 3, string> = {
  1: '经费控制情况',
  2: '部门整体支出绩效自评表',
  3: '项目支出绩效自评表',
};

function moneyDef(head: MoneyHead, c: MoneyColumn): ConceptDef {
  const h = MONEY_HEAD_DEFS.get(head);
  if (!h) throw new Error(`no definition for money head ${head}`);
  const annex = h.rows.flatMap((r) => {
    const column = ANNEX_COLUMNS[r.annex][c];
    return column ? [{ annex: r.annex, table: ANNEX_TABLES[r.annex], row: r.row, column }] : [];
  });
  const path = h.path;
  return {
    key: headConcept(head, c),
    kind: 'amount',
    zh: `${h.zh}${MONEY_COLUMN_LABELS[c].zh}`,
    en: `${h.en} ${MONEY_COLUMN_LABELS[c].en}`,
    origin: h.origin,
    ...(head === 'project' ? { scope: 'project' as const } : {}),
    ...(h.pathPattern ? { pathPattern: h.pathPattern(c) } : {}),
    annex,
    read: (src, scope) => h.read(src, c, scope),
    ...(path ? { path: (d: Dossier | undefined, scope?: string) => path(c, d, scope) } : {}),
  };
}

// ---------- scalar concepts ----------

const rate = (p: Percent | undefined): string | undefined =>
  p?.ok ? p.percent.toFixed() : undefined;
const count = (n: number | undefined): string | undefined =>
  n === undefined ? undefined : String(n);

type ScalarDef = Omit<ConceptDef, 'key' | 'annex'> & { readonly annex?: readonly AnnexPlace[] };

const formula = (
  kind: ConceptKind,
  zh: string,
  en: string,
  read: ConceptDef['read'],
  annex?: readonly AnnexPlace[],
): ScalarDef => ({ kind, zh, en, origin: 'formula', read, ...(annex ? { annex } : {}) });

/** A figure stored at one fixed JSON path (unscoped). */
const stored = (
  kind: ConceptKind,
  zh: string,
  en: string,
  path: string,
  read: (d: Dossier) => string | undefined,
  annex?: readonly AnnexPlace[],
): ScalarDef => ({
  kind,
  zh,
  en,
  origin: 'stored',
  pathPattern: path,
  path: () => path,
  read: (src) => read(src.dossier),
  ...(annex ? { annex } : {}),
});

const fromScore = (
  kind: ConceptKind,
  zh: string,
  en: string,
  read: (s: ScoreResult) => string | undefined,
  annex?: readonly AnnexPlace[],
): ScalarDef => ({
  kind,
  zh,
  en,
  origin: 'score',
  read: (src) => (src.score ? read(src.score) : undefined),
  ...(annex ? { annex } : {}),
});

const A2 = ANNEX_TABLES[2];
const a2Total = (column: string): AnnexPlace => ({
  annex: 2,
  table: A2,
  row: '年度资金总额',
  column,
});
const staffCell = (column: string): AnnexPlace => ({
  annex: 1,
  table: '财政供养人员情况',
  row: '人数',
  column,
});

const SCALAR_DEFS: { readonly [K in ScalarConceptKey]: ScalarDef } = {
  'expenditure.personnel.share': formula(
    'rate',
    '人员经费占基本支出比例',
    'personnel share of basic expenditure',
    (s) => rate(s.derived.personnelShare),
  ),
  'expenditure.publicFunds.share': formula(
    'rate',
    '公用经费占基本支出比例',
    'public funds share of basic expenditure',
    (s) => rate(s.derived.publicFundsShare),
  ),
  'budget.decrease': formula(
    'amount',
    '比年初预算减少支出',
    'decrease of actual against initial budget',
    (s) => s.derived.decreaseAgainstInitial,
  ),
  // 基本支出 alone against its initial budget (the seed states it in 二（一）, apart from 六 1).
  'expenditure.basic.decrease': formula(
    'amount',
    '基本支出比年初预算减少',
    'decrease of basic expenditure against its initial budget',
    ({ derived: { basic } }) => {
      const initial = basic.initialBudget ?? basic.adjustedBudget;
      return initial !== undefined && basic.actual !== undefined
        ? new Decimal(initial).minus(basic.actual).toFixed()
        : undefined;
    },
  ),
  'budget.growth.amount': formula(
    'amount',
    '年初预算比上年增加额',
    'initial budget growth against last year',
    (s) => s.derived.budgetGrowthAmount,
  ),
  'budget.growth.rate': formula('rate', '年初预算比上年增长率', 'initial budget growth rate', (s) =>
    rate(s.derived.budgetGrowthRate),
  ),
  'execution.rate': formula(
    'rate',
    '预算执行率',
    'budget execution rate',
    (s) => rate(s.derived.executionRate),
    [a2Total('执行率')],
  ),
  'execution.score': fromScore(
    'score',
    '预算执行得分',
    'budget execution score',
    (s) => s.execution.score ?? undefined,
    [a2Total('得分')],
  ),
  'execution.weight': fromScore(
    'score',
    '预算执行分值',
    'budget execution weight',
    (s) => s.execution.weight,
    [a2Total('分值')],
  ),
  'threePublic.budget.change': formula(
    'amount',
    '“三公”经费预算比上年增减',
    'three-public budget change against last year',
    (s) => s.derived.threePublicBudgetChange,
  ),
  'threePublic.change.rate': formula('rate', '“三公”经费变动率', 'three-public change rate', (s) =>
    rate(s.derived.threePublicChangeRate),
  ),
  'threePublic.control.rate': formula(
    'rate',
    '“三公”经费控制率',
    'three-public control rate',
    (s) => rate(s.derived.threePublicControlRate),
  ),
  'controls.publicFunds.rate': formula('rate', '公用经费控制率', 'public funds control rate', (s) =>
    rate(s.derived.publicFundsControlRate),
  ),
  'controls.procurement.rate': formula(
    'rate',
    '政府采购执行率',
    'procurement execution rate',
    (s) => rate(s.derived.procurementRate),
  ),
  'staffing.authorized': stored(
    'count',
    '编制数',
    'authorised staff',
    'unit.staffing.authorized',
    (d) => count(d.unit.staffing.authorized),
    [staffCell('编制数')],
  ),
  'staffing.actual': stored(
    'count',
    '实际在职人数',
    'staff in post',
    'unit.staffing.actual',
    (d) => count(d.unit.staffing.actual),
    [staffCell('实际在职人数')],
  ),
  'staffing.retired': stored('count', '离退休人数', 'retired staff', 'unit.staffing.retired', (d) =>
    count(d.unit.staffing.retired),
  ),
  'staffing.controlRate': formula(
    'rate',
    '财政供养人员控制率',
    'staffing control rate',
    (s) => rate(s.derived.staffingControlRate),
    [staffCell('控制率')],
  ),
  'assets.yearEnd': stored(
    'amount',
    '年末资产总额',
    'assets at year end',
    'assets.yearEnd',
    (d) => d.assets.yearEnd,
  ),
  'assets.previousYearEnd': stored(
    'amount',
    '上年末资产总额',
    'assets at previous year end',
    'assets.previousYearEnd',
    (d) => d.assets.previousYearEnd,
  ),
  'assets.growth.amount': formula(
    'amount',
    '资产比上年增加额',
    'asset growth',
    (s) => s.derived.assetGrowthAmount,
  ),
  'assets.growth.rate': formula('rate', '资产增长率', 'asset growth rate', (s) =>
    rate(s.derived.assetGrowthRate),
  ),
  // The number of entries in the projects list: stored as the list itself.
  'projects.count': stored('count', '项目个数', 'number of projects', 'expenditure.projects', (d) =>
    String(d.expenditure.projects.length),
  ),
  'score.total': fromScore('score', '自评总分', 'total score', (s) => s.total, [
    { annex: 2, table: A2, row: '总分', column: '得分' },
  ]),
  'score.grade': fromScore('grade', '自评等级', 'grade', (s) => s.grade, [
    { annex: 2, table: A2, row: '总分', column: '评价等次' },
  ]),
  'indicators.level1.subtotal': {
    kind: 'score',
    zh: '一级指标分值小计',
    en: 'level-1 weight subtotal',
    origin: 'sum',
    scope: 'level1',
    read: ({ dossier }, level1) => {
      const weights = dossier.indicators.filter((i) => i.level1 === level1).map((i) => i.weight);
      return weights.length ? sumWan(weights) : undefined;
    },
  },
  'offices.count': stored(
    'count',
    '内设机构数',
    'number of internal offices',
    'unit.offices',
    (d) => String(d.unit.offices.length),
  ),
  'staffing.authorizedAdministrative': stored(
    'count',
    '行政编制数',
    'administrative posts',
    'unit.staffing.authorizedAdministrative',
    (d) => count(d.unit.staffing.authorizedAdministrative),
  ),
  'staffing.authorizedInstitutional': stored(
    'count',
    '事业编制数',
    'institutional posts',
    'unit.staffing.authorizedInstitutional',
    (d) => count(d.unit.staffing.authorizedInstitutional),
  ),
  'projects.execution.rate': formula(
    'rate',
    '项目支出执行率',
    'project expenditure execution rate',
    ({ derived, base }) =>
      rate(
        percentOf(derived.projects.actual, budgetOf(derived.projects, base ?? 'adjustedBudget')),
      ),
  ),
  'project.execution.rate': {
    ...formula('rate', '项目执行率', 'project execution rate', ({ derived }, scope) =>
      scope === undefined ? undefined : rate(derived.projectExecution.get(scope)),
    ),
    scope: 'project',
    annex: [{ annex: 3, table: ANNEX_TABLES[3], row: '年度资金总额', column: '执行率' }],
  },
  'indicator.score': {
    kind: 'score',
    zh: '指标得分',
    en: 'indicator score',
    origin: 'stored',
    scope: 'indicator',
    pathPattern: 'indicators[].score',
    read: ({ dossier }, id) => dossier.indicators[indicatorIndex(dossier, id)]?.score,
    path: (d, id) => {
      const i = d ? indicatorIndex(d, id) : -1;
      return i < 0 ? undefined : `indicators[${i}].score`;
    },
  },
  'indicator.weight': {
    kind: 'score',
    zh: '指标分值',
    en: 'indicator weight',
    origin: 'stored',
    scope: 'indicator',
    pathPattern: 'indicators[].weight',
    read: ({ dossier }, id) => dossier.indicators[indicatorIndex(dossier, id)]?.weight,
    path: (d, id) => {
      const i = d ? indicatorIndex(d, id) : -1;
      return i < 0 ? undefined : `indicators[${i}].weight`;
    },
  },
};

// ---------- the registry ----------

const DEFS = new Map<ConceptKey, ConceptDef>();
for (const key of CONCEPT_KEYS) {
  const money = moneyConceptParts(key);
  if (money) DEFS.set(key, moneyDef(money.head, money.column));
}
for (const key of SCALAR_CONCEPT_KEYS) {
  const def = SCALAR_DEFS[key];
  DEFS.set(key, { ...def, key, annex: def.annex ?? [] });
}

function def(key: ConceptKey): ConceptDef {
  const d = DEFS.get(key);
  if (!d) throw new Error(`concept ${key} is not registered`);
  return d;
}

/** Every concept, in key order, without its reading functions. */
export const CONCEPTS: readonly ConceptInfo[] = CONCEPT_KEYS.map((k) => {
  const { read: _read, path: _path, ...info } = def(k);
  return info;
});
const INFOS = new Map<string, ConceptInfo>(CONCEPTS.map((c) => [c.key, c]));

/** The concept's definition; undefined for a key that is not registered (text from outside). */
export const conceptInfo = (key: string): ConceptInfo | undefined => INFOS.get(key);

export const conceptKind = (key: ConceptKey): ConceptKind => def(key).kind;

/** "expenditure.basic.actual" → "基本支出全年执行数（决算数）" / "expenditure basic actual". */
export const conceptLabel = (key: ConceptKey, lang: Lang = 'zh'): string => def(key)[lang];

/**
 * The concept's value in this dossier: decimal text (万元 for amounts, % for rates, points, a
 * count) or text (a grade); undefined when the dossier leaves it unknown. A total over a column
 * that is only partly filled is unknown, not the sum of what is there.
 */
export function conceptValue(
  key: ConceptKey,
  dossier: Dossier,
  derived: Derived,
  scope?: string,
  more?: { readonly score?: ScoreResult; readonly base?: ExecutionBase },
): string | undefined {
  // No spread when there is nothing more: the auditor reads a value per statement group.
  return def(key).read(more ? { dossier, derived, ...more } : { dossier, derived }, scope);
}

/**
 * The real JSON path where the dossier stores the concept (for project.* and indicator.* the
 * scoped item's path); undefined for a computed figure (a sum, a rate, a score).
 */
export function conceptPath(
  key: ConceptKey,
  dossier?: Dossier,
  scope?: string,
): string | undefined {
  return def(key).path?.(dossier, scope);
}

/**
 * The JSON path of a scoped concept for the item at `index` (`project.actual`, 0 →
 * `expenditure.projects[0].money.actual`), for data not yet validated into a dossier.
 */
export const conceptPathAt = (key: ConceptKey, index: number): string | undefined =>
  def(key).pathPattern?.replace('[]', `[${index}]`);

/** The annex cells the concept is shown in (附件1 row and column, …); empty when none. */
export const conceptAnnex = (key: ConceptKey): readonly AnnexPlace[] => def(key).annex;

/** A stable id for a table cell holding a concept: the key, with the scope after "@". */
export const conceptCellId = (key: ConceptKey, scope?: string): string =>
  scope === undefined ? key : `${key}@${scope}`;

/**
 * The value at a JSON path such as `expenditure.projects[2].money.actual` (dots and `[index]`);
 * undefined when any step is missing.
 */
export function valueAtPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const step of path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(step)] : (cur as Record<string, unknown>)[step];
  }
  return cur;
}
