/**
 * Plausibility (domain.md §5 "Plausibility"): figures that are possible arithmetically but not in
 * reality — the current-year column copied from last year, spending above budget without a word,
 * negative amounts, a filing date before the year ended, control rates above 100%, an indicator
 * filed under the wrong 二级 family, a project without money, a budget cut down to the spending.
 */
import {
  CONCEPTS,
  INCOME_SOURCES,
  MONEY_COLUMNS,
  THREE_PUBLIC_LABELS,
  CONTROL_LABELS,
  INCOME_SOURCE_LABELS,
  conceptPath,
  CONTROL_ITEMS,
  headConcept,
  moneyConceptParts,
  moneyHead,
  THREE_PUBLIC_STORED,
  type MoneyColumn,
  type MoneyHead,
} from '../dossier/concepts.ts';
import type { Dossier, MoneyColumns, Statement } from '../dossier/schema.ts';
import { decimalOf, formatPercent, percentOf } from '../money.ts';
import { budgetColumnOf, fundsColumns } from '../derive.ts';
import {
  conceptLabel,
  initialBudgetTotal,
  defineRule,
  keptPer,
  finding,
  parseStated,
  placeLabel,
  placeOf,
  compareStated,
  sameStated,
  statementLocation,
  wan,
  wrote,
  fundsLocation,
  type StatedNumber,
} from './support.ts';
import type { AuditContext, AuditLocation, Finding, RuleMeta } from './types.ts';

interface Item {
  readonly label: string;
  readonly path: string;
  readonly cols: MoneyColumns | Partial<Record<MoneyColumn, string>>;
}

/**
 * Every structured money item of the dossier with its label and JSON path (kept per dossier:
 * three rules read the list).
 */
export const moneyItems = (ctx: AuditContext): readonly Item[] => itemsOf(ctx.dossier);
const itemsOf = keptPer((d: Dossier): readonly Item[] => {
  const all: { readonly label: string; readonly path: string; readonly cols?: Item['cols'] }[] = [
    ...INCOME_SOURCES.map((s) => ({
      label: INCOME_SOURCE_LABELS[s],
      // A stored money head is also the JSON path of its columns (concepts/registry.ts).
      path: moneyHead('income', s),
      cols: d.income[s],
    })),
    { label: '人员经费', path: 'expenditure.personnel', cols: d.expenditure.personnel },
    { label: '公用经费', path: 'expenditure.publicFunds', cols: d.expenditure.publicFunds },
    ...d.expenditure.projects.map((p, i) => ({
      label: `项目“${p.name}”`,
      path: `expenditure.projects[${i}].money`,
      cols: p.money,
    })),
    ...THREE_PUBLIC_STORED.map((t) => ({
      label: THREE_PUBLIC_LABELS[t],
      path: moneyHead('threePublic', t),
      cols: d.threePublic[t],
    })),
    ...CONTROL_ITEMS.map((c) => ({
      label: CONTROL_LABELS[c],
      path: moneyHead('controls', c),
      cols: d.controls[c],
    })),
  ];
  return all.filter((i): i is Item => i.cols !== undefined);
});

/** A money head's name without the column ("基本支出" for expenditure.basic). */
const headName = (head: MoneyHead): string =>
  conceptLabel(headConcept(head, 'actual')).replace('全年执行数（决算数）', '');
/** What a statement quotes, else its value. */
const quoteOf = (s: Statement): string => s.where.quote ?? s.value;

const COPIED: RuleMeta = {
  code: 'PLAUS-COPIED-COLUMN',
  severity: 'error',
  family: 'plausibility',
  title: {
    zh: '本年决算数与上年决算数整列相同',
    en: 'Current-year column identical to the prior-year column',
  },
  source:
    '实务：套用上年表格未更新；财预〔2013〕53号 基础数据表三栏（上年决算、本年预算、本年决算）应分别填列',
  tolerance: '至少 3 行同时填有两列、且不全为 0',
  example: '附件1 “2023 年决算数”列（459.17、50.43、3.85、118.88……）与“2022 年决算数”列逐行相同。',
};
/**
 * Whether at least 3 items have both 决算 columns, all equal and not all zero: one pass that stops
 * at the first item whose columns differ (the usual case).
 */
function copiedItems(items: readonly Item[]): boolean {
  let both = 0;
  let allZero = true;
  for (const { cols } of items) {
    const { priorActual, actual } = cols;
    if (priorActual === undefined || actual === undefined) continue;
    const a = decimalOf(actual);
    if (!decimalOf(priorActual).eq(a)) return false;
    both++;
    allZero &&= a.isZero();
  }
  return both >= 3 && !allZero;
}

/** Where each row's statements were made, row by row. */
function statedLocations(rows: readonly { readonly stated: readonly Statement[] }[]) {
  const locations: AuditLocation[] = [];
  for (const r of rows) for (const s of r.stated) locations.push(statementLocation(s));
  return locations;
}

/** The Y 决算 column equals the Y-1 决算 column on every row of a table (≥ 3 non-zero rows). */
export function checkCopiedColumn(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  // Statements: per table (place, named by its first statement), rows stated in both columns.
  interface Row {
    readonly head: MoneyHead;
    prior?: string;
    actual?: string;
    /** Its statements: located only when the table is reported. */
    readonly stated: Statement[];
  }
  interface Table {
    readonly where: Statement['where'];
    /** In the order first stated. */
    readonly rows: Row[];
    /** The same rows by head, then scope ('' for none): no key joined per statement. */
    readonly byHead: Map<MoneyHead, Map<string, Row>>;
  }
  const byPlace = new Map<string, Table>();
  for (const s of ctx.dossier.statements) {
    const money = moneyConceptParts(s.concept);
    if (!money || (money.column !== 'priorActual' && money.column !== 'actual')) continue;
    const place = placeOf(ctx, s);
    let table = byPlace.get(place);
    if (!table) {
      table = { where: s.where, rows: [], byHead: new Map() };
      byPlace.set(place, table);
    }
    let scopes = table.byHead.get(money.head);
    if (!scopes) {
      scopes = new Map();
      table.byHead.set(money.head, scopes);
    }
    let row = scopes.get(s.scope ?? '');
    if (!row) {
      row = { head: money.head, stated: [] };
      scopes.set(s.scope ?? '', row);
      table.rows.push(row);
    }
    if (money.column === 'priorActual') row.prior = s.value;
    else row.actual = s.value;
    row.stated.push(s);
  }
  for (const { where, rows } of byPlace.values()) {
    // Rows with a number in both columns (text in words is not a row of the comparison).
    const numeric: { r: Row; actual: string; p: StatedNumber; a: StatedNumber }[] = [];
    for (const r of rows) {
      if (r.prior === undefined || r.actual === undefined) continue;
      const p = parseStated(r.prior);
      const a = parseStated(r.actual);
      if (p && a) numeric.push({ r, actual: r.actual, p, a });
    }
    if (
      numeric.length < 3 ||
      !numeric.every((x) => sameStated(x.p, x.a)) ||
      numeric.every((x) => x.a.value.isZero())
    )
      continue;
    const sample = [...numeric]
      .sort((x, y) => Number(x.a.value.isZero()) - Number(y.a.value.isZero()))
      .slice(0, 5)
      .map((x) => `${headName(x.r.head)} ${x.actual}`)
      .join('、');
    const label = placeLabel(where);
    out.push(
      finding(rule, {
        message: {
          zh: `${label}：本年决算数列与上年决算数列 ${numeric.length} 行全部相同（${sample}……），疑为套用上年数据。`,
          en:
            `${label}: the current-year column equals the prior-year column on all ` +
            `${numeric.length} rows.`,
        },
        values: { rows: String(numeric.length), sample },
        locations: statedLocations(numeric.map((x) => x.r)),
      }),
    );
  }
  // Structured data: items with both columns.
  if (copiedItems(moneyItems(ctx))) {
    const items = moneyItems(ctx).flatMap((i) => {
      const { priorActual, actual } = i.cols;
      return priorActual !== undefined && actual !== undefined ? [{ ...i, actual }] : [];
    });
    out.push(
      finding(rule, {
        message: {
          zh: `档案数据：${items.length} 个科目的本年决算数与上年决算数全部相同（${items
            .slice(0, 4)
            .map((i) => `${i.label} ${i.actual}`)
            .join('、')}……）。`,
          en: `Dossier: ${items.length} items have actual equal to prior-year actual.`,
        },
        values: { rows: String(items.length) },
        locations: items.map((i) => ({ path: `${i.path}.actual` })),
      }),
    );
  }
  return out;
}

const OVERSPENT: RuleMeta = {
  code: 'PLAUS-OVERSPENT',
  severity: 'warning',
  family: 'plausibility',
  title: { zh: '执行数超过预算数且未作说明', en: 'Spending above budget without explanation' },
  source: '《预算法》第十三条（支出以经批准的预算为依据）；自评报告应说明预算调整及超支原因',
  example: '附件1 项目支出 2023 年预算 102.86，决算 118.88，报告未说明超支原因。',
};
/** Words by which a report explains spending above the budget. */
const OVERSPENT_EXPLAINED = /超支|超预算|超出预算|追加|调增/;
export function checkOverspent(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const n = ctx.dossier.narrative;
  // budgetGrowthReason explains a budget larger than last year's, not spending above this year's.
  // join() writes an absent field as '' and keeps the fields apart with a comma.
  if (OVERSPENT_EXPLAINED.test([n.decreaseReason, n.other, n.overview, n.problems].join()))
    return [];
  const out: Finding[] = [];
  for (const i of moneyItems(ctx)) {
    if (i.path.startsWith('threePublic.')) continue; // PLAUS-THREE-PUBLIC-OVER-BUDGET
    // The approved budget: 全年预算数 (adjusted), else 年初预算数 (derive.budgetOf).
    const column = budgetColumnOf(i.cols, 'adjustedBudget');
    const budget = i.cols[column];
    const actual = i.cols.actual;
    if (budget === undefined || actual === undefined || !decimalOf(actual).gt(decimalOf(budget)))
      continue;
    // PLAUS-UNBUDGETED-SOURCE
    if (i.path.startsWith('income.') && decimalOf(budget).isZero()) continue;
    out.push(
      finding(rule, {
        message: {
          zh: `${i.label}：执行数 ${wan(actual)} 万元超过预算数 ${wan(budget)} 万元，报告未说明原因。`,
          en: `${i.label}: actual ${wan(actual)} above budget ${wan(budget)}, not explained.`,
        },
        values: { actual: wan(actual), budget: wan(budget) },
        locations: [{ path: `${i.path}.actual` }, { path: `${i.path}.${column}` }],
      }),
    );
  }
  // Statements: within one table, a row's 决算 above its 预算 (全年预算数, else 年初预算数, as in
  // the data: the first statement of each budget column, the last of the actual).
  interface Cell {
    readonly v: StatedNumber;
    /** The statement (located only when its row is reported). */
    readonly s: Statement;
    readonly t: string;
  }
  interface Row {
    readonly place: string;
    readonly head: MoneyHead;
    initialBudget?: Cell;
    adjustedBudget?: Cell;
    actual?: Cell;
  }
  // Rows in the order first stated, found by place, head and scope ('' for none): no key joined.
  const rows: Row[] = [];
  const byKey = new Map<string, Map<MoneyHead, Map<string, Row>>>();
  for (const s of ctx.dossier.statements) {
    const money = moneyConceptParts(s.concept);
    if (!money || money.column === 'priorActual' || money.column === 'priorInitialBudget') continue;
    const v = parseStated(s.value);
    if (!v) continue;
    if (money.head.startsWith('threePublic') || money.head.startsWith('income')) continue;
    const place = placeOf(ctx, s);
    let heads = byKey.get(place);
    if (!heads) {
      heads = new Map();
      byKey.set(place, heads);
    }
    let scopes = heads.get(money.head);
    if (!scopes) {
      scopes = new Map();
      heads.set(money.head, scopes);
    }
    let r = scopes.get(s.scope ?? '');
    if (!r) {
      r = { place, head: money.head };
      scopes.set(s.scope ?? '', r);
      rows.push(r);
    }
    const cell = { v, s, t: s.value };
    if (money.column === 'actual') r.actual = cell;
    else r[money.column] ??= cell;
  }
  // One finding per table, listing its rows.
  const byPlace = new Map<string, { at: Statement; over: { r: Row; a: Cell; b: Cell }[] }>();
  for (const r of rows) {
    const b = r[budgetColumnOf(r, 'adjustedBudget')];
    const a = r.actual;
    if (!a || !b || compareStated(a.v, b.v) <= 0) continue;
    const table = byPlace.get(r.place) ?? { at: a.s, over: [] };
    byPlace.set(r.place, table);
    table.over.push({ r, a, b });
  }
  for (const { at, over } of byPlace.values()) {
    const text = over
      .map(({ r, a, b }) => `${a.s.where.row ?? headName(r.head)} 决算 ${a.t} > 预算 ${b.t}`)
      .join('；');
    const values: Record<string, string> = {};
    over.forEach(({ r, a, b }, i) => {
      values[`row${i + 1}`] = `${a.s.where.row ?? r.head}: ${a.t} > ${b.t}`;
    });
    out.push(
      finding(rule, {
        message: {
          zh: `${placeLabel(at.where)}：${text}（万元），报告未说明超支原因。`,
          en:
            `${placeLabel(at.where, 'en')}: ${over.length} row(s) with actual above budget, not ` +
            `explained.`,
        },
        values,
        locations: over.flatMap(({ a, b }) => [statementLocation(a.s), statementLocation(b.s)]),
      }),
    );
  }
  return out;
}

const SIGNED_CONCEPTS = new Set([
  'budget.decrease',
  'budget.growth.amount',
  'threePublic.budget.change',
  'assets.growth.amount',
]);
const AMOUNT_CONCEPTS = new Set(
  CONCEPTS.filter((c) => c.kind === 'amount' && !SIGNED_CONCEPTS.has(c.key)).map((c) => c.key),
);

const NEGATIVE: RuleMeta = {
  code: 'PLAUS-NEGATIVE-AMOUNT',
  severity: 'error',
  family: 'plausibility',
  title: { zh: '金额为负数', en: 'Negative amount' },
  source: '决算报表口径：预算数、执行数不为负（增减额除外）',
  example: '公用经费决算数填 −61.57。',
};
export function checkNegativeAmounts(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const i of moneyItems(ctx))
    for (const c of MONEY_COLUMNS) {
      const v = i.cols[c];
      if (v !== undefined && decimalOf(v).isNegative() && !decimalOf(v).isZero())
        out.push(
          finding(rule, {
            message: {
              zh: `${i.label}：${c} 为 ${v} 万元（负数）。`,
              en: `${i.label}: ${c} is ${v} (negative).`,
            },
            values: { value: v },
            locations: [{ path: `${i.path}.${c}` }],
          }),
        );
    }
  for (const key of ['yearEnd', 'previousYearEnd'] as const) {
    const v = ctx.dossier.assets[key];
    if (v !== undefined && decimalOf(v).isNegative() && !decimalOf(v).isZero())
      out.push(
        finding(rule, {
          message: {
            zh: `资产总额（${key}）为 ${v} 万元（负数）。`,
            en: `Assets (${key}) ${v} negative.`,
          },
          values: { value: v },
          locations: [{ path: `assets.${key}` }],
        }),
      );
  }
  for (const s of ctx.dossier.statements) {
    const v = parseStated(s.value);
    if (AMOUNT_CONCEPTS.has(s.concept) && v?.value.isNegative() && !v.value.isZero())
      out.push(
        finding(rule, {
          message: {
            zh: `${conceptLabel(s.concept)}：${wrote(s.where)} ${s.value}（负数）。`,
            en: `${conceptLabel(s.concept, 'en')}: ${s.value} stated (negative).`,
          },
          values: { value: s.value },
          locations: [statementLocation(s)],
        }),
      );
  }
  return out;
}

const FILING_EARLY: RuleMeta = {
  code: 'PLAUS-FILING-BEFORE-YEAR-END',
  severity: 'error',
  family: 'plausibility',
  title: { zh: '填报日期早于年度结束', en: 'Filing date before the fiscal year ended' },
  source: '财预〔2020〕10号：绩效自评在预算年度结束后开展（次年春）；决算数须在年度终了后才能产生',
  example: '2023 年度自评的附件1 填报日期写 2023年5月24日。',
};
export function checkFilingBeforeYearEnd(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const date = ctx.dossier.filing.date;
  const end = `${ctx.dossier.year}-12-31`;
  if (!date || date > end) return [];
  return [
    finding(rule, {
      message: {
        zh:
          `填报日期 ${date} 不晚于 ${ctx.dossier.year} 年度结束日 ${end}：年度决算数此时尚不存在，日期应为 ` +
          `${ctx.dossier.year + 1} 年。`,
        en: `Filing date ${date} is not after the end of FY${ctx.dossier.year} (${end}).`,
      },
      values: { filingDate: date, fiscalYearEnd: end },
      locations: [{ path: 'filing.date' }],
    }),
  ];
}

const FILING_FUTURE: RuleMeta = {
  code: 'PLAUS-FILING-IN-FUTURE',
  severity: 'warning',
  family: 'plausibility',
  title: { zh: '填报日期晚于今天', en: 'Filing date in the future' },
  source: '实务：填报日期不应晚于审核日（审核日期由调用方传入）',
  example: '今天 2024-04-01，填报日期写 2024-05-24。',
};
export function checkFilingInFuture(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const date = ctx.dossier.filing.date;
  if (!date || !ctx.today || date <= ctx.today) return [];
  return [
    finding(rule, {
      message: {
        zh: `填报日期 ${date} 晚于审核日 ${ctx.today}。`,
        en: `Filing date ${date} is after today ${ctx.today}.`,
      },
      values: { filingDate: date, today: ctx.today },
      locations: [{ path: 'filing.date' }],
    }),
  ];
}

const STAFF: RuleMeta = {
  code: 'PLAUS-STAFF-OVER-QUOTA',
  severity: 'warning',
  family: 'plausibility',
  title: {
    zh: '实际在职人数超过编制数（控制率 > 100%）',
    en: 'Staff in post above the quota (control rate > 100%)',
  },
  source: '财预〔2013〕53号 共性指标“财政供养人员控制率”= 在职人数 ÷ 编制数，应 ≤ 100%',
  example: '编制 22 名，在职 25 名，控制率 113.64%。',
};
export function checkStaffOverQuota(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const s = ctx.dossier.unit.staffing;
  if (s.authorized === undefined || s.actual === undefined || s.actual <= s.authorized) return [];
  const rate = formatPercent(percentOf(String(s.actual), String(s.authorized)));
  return [
    finding(rule, {
      message: {
        zh: `实际在职 ${s.actual} 人超过编制 ${s.authorized} 名，控制率 ${rate}。`,
        en: `Staff ${s.actual} above quota ${s.authorized} (${rate}).`,
      },
      values: { actual: String(s.actual), authorized: String(s.authorized), rate },
      locations: [{ path: 'unit.staffing.actual' }, { path: 'unit.staffing.authorized' }],
    }),
  ];
}

const TP_OVER: RuleMeta = {
  code: 'PLAUS-THREE-PUBLIC-OVER-BUDGET',
  severity: 'error',
  family: 'plausibility',
  title: { zh: '“三公”经费超预算（控制率 > 100%）', en: 'Three-public spending above budget' },
  source: '《党政机关厉行节约反对浪费条例》：“三公”经费不得超预算；共性指标“三公经费控制率”≤ 100%',
  example: '公务接待费预算 3 万元，决算 3.6 万元。',
};
export function checkThreePublicOverBudget(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  // Each item's columns with where they are: a stored item's JSON path, the total's concept.
  const items = [
    ...THREE_PUBLIC_STORED.map((t) => ({
      label: THREE_PUBLIC_LABELS[t],
      head: moneyHead('threePublic', t),
      cols: ctx.dossier.threePublic[t],
    })),
    { label: THREE_PUBLIC_LABELS.total, head: 'threePublic.total', cols: ctx.derived.threePublic },
  ] as const;
  const at = (head: MoneyHead, c: MoneyColumn): AuditLocation => {
    const concept = headConcept(head, c);
    const path = conceptPath(concept);
    return path !== undefined ? { path } : { concept };
  };
  for (const i of items) {
    if (!i.cols) continue;
    // The initial budget, else the adjusted one (derive.budgetOf), located where it was read.
    const column = budgetColumnOf(i.cols, 'initialBudget');
    const budget = i.cols[column];
    const actual = i.cols.actual;
    if (budget === undefined || actual === undefined || !decimalOf(actual).gt(decimalOf(budget)))
      continue;
    const rate = formatPercent(percentOf(actual, budget));
    out.push(
      finding(rule, {
        message: {
          zh: `${i.label}：决算 ${wan(actual)} 万元超过预算 ${wan(budget)} 万元，控制率 ${rate}。`,
          en: `${i.label}: actual ${wan(actual)} above budget ${wan(budget)} (${rate}).`,
        },
        values: { actual: wan(actual), budget: wan(budget), rate },
        locations: [at(i.head, 'actual'), at(i.head, column)],
      }),
    );
  }
  return out;
}

/** Keywords an indicator under a 二级/一级 family is expected to contain (kept deliberately narrow). */
const FAMILY_KEYWORDS: { family: RegExp; keywords: RegExp; zh: string }[] = [
  {
    family: /生态/,
    keywords:
      /生态|环境|环保|绿色|节能|减排|低碳|碳|污染|排放|能耗|节水|节约|资源|植被|森林|空气|水质|土壤|垃圾|噪声/,
    zh: '生态效益',
  },
  { family: /满意/, keywords: /满意/, zh: '满意度' },
];

const WRONG_L2: RuleMeta = {
  code: 'PLAUS-WRONG-LEVEL2',
  severity: 'warning',
  family: 'plausibility',
  title: { zh: '指标归入了不相符的二级指标', en: 'Indicator filed under the wrong level-2 family' },
  source:
    '财预〔2013〕53号 共性指标体系框架；财预〔2021〕101号 指标释义（生态效益指标反映对生态环境的影响）',
  tolerance: '关键词判断：生态效益类须含生态/环境/节能等词，满意度类须含“满意”',
  example: '“生态效益指标”下填“金融工作成效”。',
};
export function checkWrongLevel2(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  const d = ctx.dossier;
  const all = [
    ...d.indicators.map((ind, i) => ({
      ind,
      path: `indicators[${i}]`,
      scope: undefined as string | undefined,
    })),
    ...d.expenditure.projects.flatMap((p, pi) =>
      p.indicators.map((ind, i) => ({
        ind,
        path: `expenditure.projects[${pi}].indicators[${i}]`,
        scope: p.id as string | undefined,
      })),
    ),
  ];
  for (const { ind, path, scope } of all) {
    const fam = FAMILY_KEYWORDS.find(
      (f) => f.family.test(ind.level2) || (f.zh === '满意度' && f.family.test(ind.level1)),
    );
    if (!fam || fam.keywords.test(ind.name)) continue;
    out.push(
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh: `指标“${ind.name}”归在“${ind.level1}/${ind.level2}”下，但名称与${fam.zh}无关。`,
          en:
            `Indicator "${ind.name}" is filed under ${ind.level1}/${ind.level2} but is not ` +
            `about it.`,
        },
        values: { name: ind.name, level1: ind.level1, level2: ind.level2 },
        locations: [{ path: `${path}.level2` }],
      }),
    );
  }
  return out;
}

const LEVEL2_OF: { level1: RegExp; level2: RegExp; zh: string }[] = [
  { level1: /产出/, level2: /数量|质量|时效|成本/, zh: '数量、质量、时效、成本指标' },
  {
    level1: /效益/,
    level2: /经济效益|社会效益|生态|可持续/,
    zh: '经济效益、社会效益、生态效益、可持续影响指标',
  },
  { level1: /满意/, level2: /满意/, zh: '满意度指标' },
  { level1: /成本/, level2: /成本/, zh: '经济成本、社会成本、生态环境成本指标' },
];

const L2_PARENT: RuleMeta = {
  code: 'PLAUS-LEVEL2-PARENT',
  severity: 'warning',
  family: 'plausibility',
  title: { zh: '二级指标不属于所在一级指标', en: 'Level-2 indicator under the wrong level-1' },
  source:
    '财预〔2020〕10号 附件1 指标框架；财预〔2021〕101号：成本、产出、效益、满意度各自的二级指标',
  example: '“数量指标”放在“效益指标”下。',
};
export function checkLevel2Parent(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  ctx.dossier.indicators.forEach((ind, i) => {
    const fam = LEVEL2_OF.find((f) => f.level1.test(ind.level1));
    const key = `${ind.level1}/${ind.level2}`;
    if (!fam || fam.level2.test(ind.level2) || seen.has(key)) return;
    seen.add(key);
    out.push(
      finding(rule, {
        indicatorId: ind.id,
        message: {
          zh: `二级指标“${ind.level2}”放在一级指标“${ind.level1}”下；“${ind.level1}”应含${fam.zh}。`,
          en: `Level-2 "${ind.level2}" under level-1 "${ind.level1}".`,
        },
        values: { level1: ind.level1, level2: ind.level2 },
        locations: [{ path: `indicators[${i}].level2` }],
      }),
    );
  });
  return out;
}

const NO_MONEY: RuleMeta = {
  code: 'PLAUS-PROJECT-NO-MONEY',
  severity: 'warning',
  family: 'plausibility',
  title: { zh: '列出的项目没有任何金额', en: 'A project listed with no money' },
  source: '附件1 “一个项目一行”：所列项目应填列预算数与决算数',
  example: '项目“市处非办工作经费”各栏均为空或“无”。',
};
export function checkProjectNoMoney(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return ctx.dossier.expenditure.projects.flatMap((p, i) => {
    const vals = MONEY_COLUMNS.map((c) => p.money[c]).filter((v) => v !== undefined);
    if (vals.some((v) => !decimalOf(v).isZero())) return [];
    return [
      finding(rule, {
        scope: p.id,
        message: {
          zh: `项目“${p.name}”没有填列任何金额。`,
          en: `Project "${p.name}" has no amounts.`,
        },
        values: { project: p.name },
        locations: [{ path: `expenditure.projects[${i}].money` }],
      }),
    ];
  });
}

const CUT: RuleMeta = {
  code: 'PLAUS-BUDGET-CUT-TO-ACTUAL',
  severity: 'warning',
  family: 'plausibility',
  title: {
    zh: '调整后预算数恰好等于执行数',
    en: 'Adjusted budget cut down to exactly the spending',
  },
  source:
    '实务：以执行数倒填“调整后预算数”使执行率恒为 100%；财预〔2020〕10号 要求如实反映预算执行',
  example: '附件2 年初预算 544.84、调整后预算 507.13、执行数 507.13，执行率写 100%。',
};
type CutColumn = 'initialBudget' | 'adjustedBudget' | 'actual';
/** One table's 收入合计 figure: the number as decimal text, where it is, the place in words. */
interface CutFigure {
  readonly v: string;
  readonly loc: AuditLocation;
  readonly where: string;
}
type CutTable = Readonly<Record<CutColumn, CutFigure>>;
/** The 收入合计 concepts the rule reads, with their column. */
const CUT_COLUMNS: ReadonlyMap<string, CutColumn> = new Map(
  (['initialBudget', 'adjustedBudget', 'actual'] as const).map((c) => [
    headConcept('income.total', c),
    c,
  ]),
);
export function checkBudgetCutToActual(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  /** Reports a cut when there is one (adjusted = actual < initial); says whether it did. */
  const flag = (
    initial: string,
    adjusted: string,
    actual: string,
    locs: AuditLocation[],
    where: string,
  ): boolean => {
    if (!decimalOf(adjusted).eq(decimalOf(actual)) || !decimalOf(initial).gt(decimalOf(adjusted)))
      return false;
    const initRate = formatPercent(percentOf(actual, initial));
    out.push(
      finding(rule, {
        message: {
          zh:
            `${where}：年初预算 ${wan(initial)} 万元，调整后预算 ${wan(adjusted)} 万元恰好等于执行数 ${wan(actual)} 万` +
            `元；按年初预算执行率为 ${initRate}，报告未说明预算调减依据。`,
          en:
            `${where}: adjusted budget ${wan(adjusted)} equals actual; initial ${wan(initial)} ` +
            `gives ${initRate}.`,
        },
        values: {
          initialBudget: wan(initial),
          adjustedBudget: wan(adjusted),
          actual: wan(actual),
          rateAgainstInitial: initRate,
        },
        locations: locs,
      }),
    );
    return true;
  };
  // Statements: per table, the first 收入合计 figure of each column.
  const places = new Map<string, Partial<Record<CutColumn, CutFigure>>>();
  for (const s of ctx.dossier.statements) {
    const column = CUT_COLUMNS.get(s.concept);
    const n = column ? parseStated(s.value) : null;
    if (!column || !n) continue;
    const place = placeOf(ctx, s);
    const p = places.get(place) ?? {};
    places.set(place, p);
    p[column] ??= {
      v: n.value.toFixed(),
      loc: statementLocation(s),
      where: placeLabel(s.where),
    };
  }
  const stated = [...places.values()].filter(
    (p): p is CutTable =>
      p.initialBudget !== undefined && p.adjustedBudget !== undefined && p.actual !== undefined,
  );
  const tableLocs = (p: CutTable) => [p.initialBudget.loc, p.adjustedBudget.loc, p.actual.loc];
  let tables = stated;
  const f = fundsColumns(ctx.derived);
  if (f.initialBudget !== undefined && f.adjustedBudget !== undefined && f.actual !== undefined) {
    const { adjustedBudget, actual } = f;
    // A table stating the same figures as the data is reported once, with both locations.
    const same = stated.filter(
      (p) =>
        decimalOf(p.adjustedBudget.v).eq(decimalOf(adjustedBudget)) &&
        decimalOf(p.actual.v).eq(decimalOf(actual)),
    );
    const locs = [fundsLocation(ctx, 'adjustedBudget'), fundsLocation(ctx, 'actual')];
    if (
      flag(
        f.initialBudget,
        adjustedBudget,
        actual,
        [...locs, ...same.flatMap(tableLocs)],
        '档案数据',
      )
    )
      tables = stated.filter((p) => !same.includes(p));
  }
  for (const p of tables)
    flag(p.initialBudget.v, p.adjustedBudget.v, p.actual.v, tableLocs(p), p.actual.where);
  return out;
}

const RATE_NAME = /满意度|完成率|覆盖率|合格率|达标率|入驻率|知晓率|到位率|及时率|办结率/;
const OVER_100: RuleMeta = {
  code: 'PLAUS-RATE-OVER-100',
  severity: 'error',
  family: 'plausibility',
  title: { zh: '满意度、完成率等比率超过 100%', en: 'Satisfaction or completion rate above 100%' },
  source: '比率定义：满意度、完成率、覆盖率等以 100% 为上限',
  example: '“服务对象满意度”实际完成写 105%。',
};
export function checkRateOver100(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const out: Finding[] = [];
  const d = ctx.dossier;
  const all = [
    ...d.indicators.map((ind, i) => ({
      ind,
      path: `indicators[${i}]`,
      scope: undefined as string | undefined,
    })),
    ...d.expenditure.projects.flatMap((p, pi) =>
      p.indicators.map((ind, i) => ({
        ind,
        path: `expenditure.projects[${pi}].indicators[${i}]`,
        scope: p.id as string | undefined,
      })),
    ),
  ];
  for (const { ind, path, scope } of all) {
    const a = ind.actual;
    if (
      !RATE_NAME.test(ind.name) ||
      /增长|增速|下降/.test(ind.name) ||
      a?.value === undefined ||
      !/%|％/.test(a.unit ?? '') ||
      !decimalOf(a.value).gt(100)
    )
      continue;
    out.push(
      finding(rule, {
        indicatorId: ind.id,
        ...(scope ? { scope } : {}),
        message: {
          zh: `指标“${ind.name}”实际完成 ${a.text}，超过 100%。`,
          en: `Indicator "${ind.name}" actual ${a.text} above 100%.`,
        },
        values: { actual: a.text },
        locations: [{ path: `${path}.actual` }],
      }),
    );
  }
  return out;
}

const UNBUDGETED: RuleMeta = {
  code: 'PLAUS-UNBUDGETED-SOURCE',
  severity: 'warning',
  family: 'plausibility',
  title: {
    zh: '资金来源有执行数却不在年初预算中',
    en: 'Income source spent but absent from the initial budget',
  },
  source: '《预算法》第十三条；部门整体支出绩效自评表“按收入性质分”：各来源应列示年初预算',
  example: '六 1 称年初预算 544.84 万元“均为财政拨款收入”，附件2 却列“其他资金 23.52 万元”。',
};
/**
 * A source with an actual (or adjusted budget) but no initial budget while the unit has an initial
 * budget.
 */
export function checkUnbudgetedSource(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const initial = initialBudgetTotal(ctx);
  if (!initial || decimalOf(initial.value).isZero()) return [];
  const out: Finding[] = [];
  for (const src of INCOME_SOURCES) {
    const c = ctx.dossier.income[src];
    const spent = c?.actual ?? c?.adjustedBudget;
    if (
      !c ||
      spent === undefined ||
      decimalOf(spent).isZero() ||
      (c.initialBudget !== undefined && !decimalOf(c.initialBudget).isZero())
    )
      continue;
    const general = ctx.dossier.statements.find(
      (s) => s.concept === 'income.general.initialBudget' && src !== 'general',
    );
    out.push(
      finding(rule, {
        message: {
          zh:
            `${INCOME_SOURCE_LABELS[src]}：执行 ${wan(spent)} 万元，但年初预算中没有这一来源（年初预算合计 ` +
            `${wan(initial.value)} 万元` +
            `${general ? `，${placeLabel(general.where)}称“${quoteOf(general)}”` : ''}），` +
            `报告未说明来源。`,
          en: `${src}: ${wan(spent)} spent with no initial budget for this source.`,
        },
        values: {
          source: INCOME_SOURCE_LABELS[src],
          actual: wan(spent),
          initialBudgetTotal: wan(initial.value),
        },
        locations: [
          { path: moneyHead('income', src) },
          ...(general ? [statementLocation(general)] : []),
        ],
      }),
    );
  }
  return out;
}

export const PLAUSIBILITY_RULES = [
  defineRule(UNBUDGETED, checkUnbudgetedSource),
  defineRule(COPIED, checkCopiedColumn),
  defineRule(OVERSPENT, checkOverspent),
  defineRule(NEGATIVE, checkNegativeAmounts),
  defineRule(FILING_EARLY, checkFilingBeforeYearEnd),
  defineRule(FILING_FUTURE, checkFilingInFuture),
  defineRule(STAFF, checkStaffOverQuota),
  defineRule(TP_OVER, checkThreePublicOverBudget),
  defineRule(WRONG_L2, checkWrongLevel2),
  defineRule(L2_PARENT, checkLevel2Parent),
  defineRule(NO_MONEY, checkProjectNoMoney),
  defineRule(CUT, checkBudgetCutToActual),
  defineRule(OVER_100, checkRateOver100),
];
