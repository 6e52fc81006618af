/**
 * Concept keys (domain.md §2 "Stated figures"): the names of every figure a report can state.
 *
 * Keys are stable: they appear in dossier files, findings and the API. They are typed: `ConceptKey`
 * is a union of string literals built from the `as const` tables below, so a misspelt key is a type
 * error. Code outside src/core/concepts never joins key strings itself: it calls the builders
 * (`moneyConcept`, `projectConcept`) or names a literal key.
 */

export const MONEY_COLUMNS = [
  'priorActual',
  'priorInitialBudget',
  'initialBudget',
  'adjustedBudget',
  'actual',
] as const;
export type MoneyColumn = (typeof MONEY_COLUMNS)[number];

export const MONEY_COLUMN_LABELS: Record<MoneyColumn, { zh: string; en: string }> = {
  priorActual: { zh: '上年决算数', en: 'prior-year actual' },
  priorInitialBudget: { zh: '上年年初预算数', en: 'prior-year initial budget' },
  initialBudget: { zh: '年初预算数', en: 'initial budget' },
  adjustedBudget: { zh: '全年预算数（调整后）', en: 'adjusted budget' },
  actual: { zh: '全年执行数（决算数）', en: 'actual' },
};

export const INCOME_SOURCES = [
  'general',
  'governmentFund',
  'stateCapital',
  'socialInsurance',
  'specialAccount',
  'carryover',
  'other',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INCOME_SOURCE_LABELS: Record<IncomeSource, string> = {
  general: '一般公共预算（财政拨款）',
  governmentFund: '政府性基金预算',
  stateCapital: '国有资本经营预算',
  socialInsurance: '社会保险基金预算',
  specialAccount: '纳入专户管理的非税收入',
  carryover: '上年结转',
  other: '其他资金',
};

export const EXPENDITURE_PARTS = [
  'total',
  'basic',
  'personnel',
  'publicFunds',
  'projects',
] as const;
export type ExpenditurePart = (typeof EXPENDITURE_PARTS)[number];
export const EXPENDITURE_PART_LABELS: Record<ExpenditurePart, string> = {
  total: '支出合计',
  basic: '基本支出',
  personnel: '人员经费',
  publicFunds: '公用经费',
  projects: '项目支出',
};

export const THREE_PUBLIC_ITEMS = [
  'total',
  'abroad',
  'vehicle',
  'vehiclePurchase',
  'vehicleOperation',
  'reception',
] as const;
export type ThreePublicItem = (typeof THREE_PUBLIC_ITEMS)[number];
/** The 三公 items a dossier stores; `total` and `vehicle` are sums of these. */
export const THREE_PUBLIC_STORED = [
  'abroad',
  'vehiclePurchase',
  'vehicleOperation',
  'reception',
] as const;
export type ThreePublicStored = (typeof THREE_PUBLIC_STORED)[number];
export const THREE_PUBLIC_LABELS: Record<ThreePublicItem, string> = {
  total: '“三公”经费合计',
  abroad: '因公出国（境）费',
  vehicle: '公务用车购置及运行维护费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费',
  reception: '公务接待费',
};

export const CONTROL_ITEMS = [
  'office',
  'utilitiesTravel',
  'meetingTraining',
  'procurement',
] as const;
export type ControlItem = (typeof CONTROL_ITEMS)[number];
export const CONTROL_LABELS: Record<ControlItem, string> = {
  office: '办公经费',
  utilitiesTravel: '水费、电费、差旅费',
  meetingTraining: '会议费、培训费',
  procurement: '政府采购金额',
};

/** The items of each money group; a money concept is `<group>.<item>.<column>`. */
export interface MoneyGroupItems {
  readonly income: 'total' | IncomeSource;
  readonly expenditure: ExpenditurePart;
  readonly threePublic: ThreePublicItem;
  readonly controls: ControlItem;
}
export type MoneyGroup = keyof MoneyGroupItems;

/** A money group and item, e.g. `expenditure.personnel`, or `project` (scoped by project id). */
export type MoneyHead = { [G in MoneyGroup]: `${G}.${MoneyGroupItems[G]}` }[MoneyGroup] | 'project';
/** An amount in one column: `expenditure.personnel.actual`, `project.initialBudget`. */
export type MoneyConceptKey = `${MoneyHead}.${MoneyColumn}`;

/**
 * Figures that are not one cell of a money table. Kind, labels, reading and place are in
 * registry.ts; this list only fixes the keys (and their order in the JSON schema).
 */
export const SCALAR_CONCEPT_KEYS = [
  'expenditure.personnel.share',
  'expenditure.publicFunds.share',
  'budget.decrease',
  'expenditure.basic.decrease',
  'budget.growth.amount',
  'budget.growth.rate',
  'execution.rate',
  'execution.score',
  'execution.weight',
  'threePublic.budget.change',
  'threePublic.change.rate',
  'threePublic.control.rate',
  'controls.publicFunds.rate',
  'controls.procurement.rate',
  'staffing.authorized',
  'staffing.actual',
  'staffing.retired',
  'staffing.controlRate',
  'assets.yearEnd',
  'assets.previousYearEnd',
  'assets.growth.amount',
  'assets.growth.rate',
  'projects.count',
  'score.total',
  'score.grade',
  'indicators.level1.subtotal',
  // Figures the generated report states (report/build.ts) that a published report states too.
  'offices.count',
  'staffing.authorizedAdministrative',
  'staffing.authorizedInstitutional',
  'projects.execution.rate',
  'project.execution.rate',
  'indicator.score',
  'indicator.weight',
] as const;
export type ScalarConceptKey = (typeof SCALAR_CONCEPT_KEYS)[number];

/** Every concept key; an unknown key is a type error. */
export type ConceptKey = MoneyConceptKey | ScalarConceptKey;

const MONEY_GROUP_ITEMS: { readonly [G in MoneyGroup]: readonly MoneyGroupItems[G][] } = {
  income: ['total', ...INCOME_SOURCES],
  expenditure: EXPENDITURE_PARTS,
  threePublic: THREE_PUBLIC_ITEMS,
  controls: CONTROL_ITEMS,
};
/** Money heads in catalogue order (the order of the JSON schema's enum). */
export const MONEY_HEADS: readonly MoneyHead[] = [
  ...MONEY_GROUP_ITEMS.income.map((i) => moneyHead('income', i)),
  ...MONEY_GROUP_ITEMS.expenditure.map((i) => moneyHead('expenditure', i)),
  ...MONEY_GROUP_ITEMS.threePublic.map((i) => moneyHead('threePublic', i)),
  ...MONEY_GROUP_ITEMS.controls.map((i) => moneyHead('controls', i)),
  'project',
];

/** `moneyHead('expenditure', 'personnel')` → `expenditure.personnel`. */
export function moneyHead<G extends MoneyGroup, I extends MoneyGroupItems[G]>(
  group: G,
  item: I,
): `${G}.${I}` {
  return `${group}.${item}`;
}

/** `moneyConcept('expenditure', 'personnel', 'actual')` → `expenditure.personnel.actual`. */
export function moneyConcept<
  G extends MoneyGroup,
  I extends MoneyGroupItems[G],
  C extends MoneyColumn,
>(group: G, item: I, column: C): `${G}.${I}.${C}` {
  return `${group}.${item}.${column}`;
}

/**
 * Every money key, by head and column, built once: headConcept returns these same strings, so a
 * rule's lookup by key hashes no freshly joined text (the audit asks thousands of times per
 * dossier, issue 14).
 */
const HEAD_KEYS = new Map<string, Readonly<Record<string, string>>>(
  MONEY_HEADS.map((h) => [h, Object.fromEntries(MONEY_COLUMNS.map((c) => [c, `${h}.${c}`]))]),
);

/** `headConcept('threePublic.vehicle', 'actual')`: a money head in one column. */
export function headConcept<H extends MoneyHead, C extends MoneyColumn>(
  head: H,
  column: C,
): `${H}.${C}` {
  return (HEAD_KEYS.get(head)?.[column] ?? `${head}.${column}`) as `${H}.${C}`;
}

/** A project's own amount in one column; statements carry the project id as `scope`. */
export const projectConcept = <C extends MoneyColumn>(column: C): `project.${C}` =>
  headConcept('project', column);

/** Every key, money concepts first (heads × columns), then the scalar concepts. */
export const CONCEPT_KEYS = [
  ...MONEY_HEADS.flatMap((h) => MONEY_COLUMNS.map((c) => headConcept(h, c))),
  ...SCALAR_CONCEPT_KEYS,
] as const satisfies readonly ConceptKey[];

const KEY_SET: ReadonlySet<string> = new Set(CONCEPT_KEYS);
/** Narrow text (a key read from a file or a request) to a registered key. */
export const isConceptKey = (key: string): key is ConceptKey => KEY_SET.has(key);

/**
 * A money concept's parts, or undefined for a scalar concept (no string splitting at call sites).
 */
export interface MoneyConceptParts {
  readonly head: MoneyHead;
  readonly column: MoneyColumn;
}
const MONEY_PARTS = new Map<string, MoneyConceptParts>(
  MONEY_HEADS.flatMap((head) =>
    MONEY_COLUMNS.map((column) => [headConcept(head, column), { head, column }] as const),
  ),
);
export const moneyConceptParts = (key: ConceptKey | string): MoneyConceptParts | undefined =>
  MONEY_PARTS.get(key);
