/**
 * The catalogue of figures a report can state (domain.md §2 "Stated figures").
 *
 * A published report states the same concept in several places (narrative, 附件1, 附件2), sometimes
 * with different values. Each statement in a dossier names one of these concepts, so the auditor can
 * compare what was said with what follows from the data. Keys are stable: they appear in dossier
 * files, findings and the API.
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

export type ConceptKind = 'amount' | 'percent' | 'points' | 'grade' | 'count';
export interface ConceptInfo {
  readonly key: string;
  readonly kind: ConceptKind;
  readonly zh: string;
  readonly en: string;
}

function build(): ConceptInfo[] {
  const out: ConceptInfo[] = [];
  const add = (key: string, kind: ConceptKind, zh: string, en: string) =>
    out.push({ key, kind, zh, en });
  const columns = (prefix: string, zh: string, en: string) => {
    for (const c of MONEY_COLUMNS)
      add(
        `${prefix}.${c}`,
        'amount',
        `${zh}${MONEY_COLUMN_LABELS[c].zh}`,
        `${en} ${MONEY_COLUMN_LABELS[c].en}`,
      );
  };
  columns('income.total', '收入合计', 'total income');
  for (const s of INCOME_SOURCES) columns(`income.${s}`, INCOME_SOURCE_LABELS[s], `income ${s}`);
  for (const p of EXPENDITURE_PARTS)
    columns(`expenditure.${p}`, EXPENDITURE_PART_LABELS[p], `expenditure ${p}`);
  for (const t of THREE_PUBLIC_ITEMS)
    columns(`threePublic.${t}`, THREE_PUBLIC_LABELS[t], `three-public ${t}`);
  for (const c of CONTROL_ITEMS) columns(`controls.${c}`, CONTROL_LABELS[c], `control ${c}`);
  // A project's own figures; statements about them carry `scope: <project id>`.
  columns('project', '项目', 'project');

  add(
    'expenditure.personnel.share',
    'percent',
    '人员经费占基本支出比例',
    'personnel share of basic expenditure',
  );
  add(
    'expenditure.publicFunds.share',
    'percent',
    '公用经费占基本支出比例',
    'public funds share of basic expenditure',
  );
  add(
    'budget.decrease',
    'amount',
    '比年初预算减少支出',
    'decrease of actual against initial budget',
  );
  // 基本支出 alone against its initial budget (the seed states it in 二（一）, apart from the total in 六 1).
  add(
    'expenditure.basic.decrease',
    'amount',
    '基本支出比年初预算减少',
    'decrease of basic expenditure against its initial budget',
  );
  add(
    'budget.growth.amount',
    'amount',
    '年初预算比上年增加额',
    'initial budget growth against last year',
  );
  add('budget.growth.rate', 'percent', '年初预算比上年增长率', 'initial budget growth rate');
  add('execution.rate', 'percent', '预算执行率', 'budget execution rate');
  add('execution.score', 'points', '预算执行得分', 'budget execution score');
  add('execution.weight', 'points', '预算执行分值', 'budget execution weight');
  add(
    'threePublic.budget.change',
    'amount',
    '“三公”经费预算比上年增减',
    'three-public budget change against last year',
  );
  add('threePublic.change.rate', 'percent', '“三公”经费变动率', 'three-public change rate');
  add('threePublic.control.rate', 'percent', '“三公”经费控制率', 'three-public control rate');
  add('controls.publicFunds.rate', 'percent', '公用经费控制率', 'public funds control rate');
  add('controls.procurement.rate', 'percent', '政府采购执行率', 'procurement execution rate');
  add('staffing.authorized', 'count', '编制数', 'authorised staff');
  add('staffing.actual', 'count', '实际在职人数', 'staff in post');
  add('staffing.retired', 'count', '离退休人数', 'retired staff');
  add('staffing.controlRate', 'percent', '财政供养人员控制率', 'staffing control rate');
  add('assets.yearEnd', 'amount', '年末资产总额', 'assets at year end');
  add('assets.previousYearEnd', 'amount', '上年末资产总额', 'assets at previous year end');
  add('assets.growth.amount', 'amount', '资产比上年增加额', 'asset growth');
  add('assets.growth.rate', 'percent', '资产增长率', 'asset growth rate');
  add('projects.count', 'count', '项目个数', 'number of projects');
  add('score.total', 'points', '自评总分', 'total score');
  add('score.grade', 'grade', '自评等级', 'grade');
  add('indicators.level1.subtotal', 'points', '一级指标分值小计', 'level-1 weight subtotal');
  return out;
}

export const CONCEPTS: readonly ConceptInfo[] = build();
export const CONCEPT_KEYS = CONCEPTS.map((c) => c.key) as [string, ...string[]];
const byKey = new Map(CONCEPTS.map((c) => [c.key, c]));
export const conceptInfo = (key: string): ConceptInfo | undefined => byKey.get(key);
