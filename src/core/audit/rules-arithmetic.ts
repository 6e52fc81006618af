/**
 * Arithmetic totals (domain.md §5 "Arithmetic"): every stated total equals the sum of its parts.
 *
 * Parts are taken from the same place in the report when stated there (a table row, a paragraph),
 * otherwise from the dossier's structured fields. Tolerance: 0.01 万元 per summed item — a
 * difference within it is an "info" rounding note, beyond it an error.
 */
import {
  conceptPath,
  headConcept,
  INCOME_SOURCES,
  moneyHead,
  MONEY_COLUMN_LABELS,
  MONEY_COLUMNS,
  MONEY_HEADS,
  projectById,
  projectConcept,
  type ConceptKey,
  type MoneyColumn,
  type MoneyHead,
  type ThreePublicStored,
} from '../concepts/index.ts';
import type { Statement } from '../dossier/schema.ts';
import { Decimal, decimalOf, wanToFen } from '../money.ts';
import {
  conceptLabel,
  conceptLocation,
  defineRule,
  finding,
  placeLabel,
  placeOf,
  statementLocation,
  statedAtPlace,
  statedFen,
  statedNumber,
  statementsOf,
  wan,
  wrote,
  AMOUNT_TOLERANCE,
} from './support.ts';
import type { AuditContext, AuditLocation, Finding, RuleMeta, Text2 } from './types.ts';

const SOURCE_10 = '财预〔2013〕53号 部门整体支出绩效评价基础数据表；决算报表勾稽关系';
const TOLERANCE = '0.01 万元 × 参与求和的项数（在此范围内的差异记为“提示”）';

/** A part's structured value: read in every sum, located only for a finding. */
interface PartData {
  /** The value in a column, 万元 decimal text; undefined when not filled. */
  readonly value: (ctx: AuditContext, c: MoneyColumn) => string | undefined;
  /** Where that value is: its JSON path (or its concept, for a sum derive() computed). */
  readonly locate: (ctx: AuditContext, c: MoneyColumn) => AuditLocation;
}

interface Part {
  readonly head: MoneyHead;
  readonly scope?: string;
  readonly data?: PartData;
  /** Used instead of the data value when these are stated at the place (e.g. 购置 + 运行 for 公务用车). */
  readonly alternatives?: readonly Part[];
}

interface SumSpec {
  readonly total: MoneyHead;
  readonly parts: (ctx: AuditContext) => readonly Part[];
  /** Only compare when at least one part is stated at the same place as the total. */
  readonly requireStatedPart?: boolean;
}

interface TermBase {
  /** The part and column the term is of: its label is built only when written into a finding. */
  readonly part: Part;
  readonly column: MoneyColumn;
  readonly value: Decimal;
  /** The value in integer 分 when exact to the 分 (the usual case), else null. */
  readonly fen: number | null;
}
/** A term read from a statement at the total's place. */
interface StatedTerm extends TermBase {
  readonly stated: true;
  readonly statement: Statement;
}
/** A term read from the dossier's structured value. */
interface DataTerm extends TermBase {
  readonly stated: false;
  readonly data: PartData;
}
type Term = StatedTerm | DataTerm;

/** A term's location, built only for a finding (most sums add up). */
const termLocation = (ctx: AuditContext, t: Term): AuditLocation =>
  t.stated ? statementLocation(t.statement) : t.data.locate(ctx, t.column);

/** A money concept's label without its column: "人员经费" / "expenditure personnel". */
function labelWithoutColumn(concept: ConceptKey, c: MoneyColumn): Text2 {
  return {
    zh: conceptLabel(concept).replace(MONEY_COLUMN_LABELS[c].zh, ''),
    en: conceptLabel(concept, 'en').replace(MONEY_COLUMN_LABELS[c].en, '').trim(),
  };
}
/** labelWithoutColumn of every money concept, made once: the same few for every dossier. */
const HEAD_LABELS: ReadonlyMap<ConceptKey, Text2> = new Map(
  MONEY_HEADS.flatMap((head) =>
    MONEY_COLUMNS.map((c) => {
      const concept = headConcept(head, c);
      return [concept, labelWithoutColumn(concept, c)] as const;
    }),
  ),
);

/** A part's label without the column: "人员经费", "项目“网站运维”" / "expenditure personnel". */
function partLabel(ctx: AuditContext, part: Part, c: MoneyColumn): Text2 {
  const concept = headConcept(part.head, c);
  const { zh, en } = HEAD_LABELS.get(concept) ?? labelWithoutColumn(concept, c);
  if (part.scope === undefined) return { zh, en };
  const name = projectById(ctx.dossier, part.scope)?.name ?? part.scope;
  return { zh: `${zh}“${name}”`, en: `${en} "${part.scope}"` };
}

/**
 * The terms a part adds to a sum at one place, appended to `out`: the figure stated there, else
 * its alternatives when any of them is stated there, else the dossier's value. Returns whether a
 * term was stated. Appends instead of returning lists: sums run per column and place (issue 14).
 */
function resolvePart(
  ctx: AuditContext,
  part: Part,
  c: MoneyColumn,
  key: string,
  out: Term[],
): boolean {
  const st = statedAtPlace(ctx, headConcept(part.head, c), part.scope, key);
  const n = st ? statedNumber(st) : null;
  if (st && n) {
    out.push({ part, column: c, value: n.value, fen: statedFen(n), stated: true, statement: st });
    return true;
  }
  if (part.alternatives) {
    const start = out.length;
    let stated = false;
    for (const a of part.alternatives) stated = resolvePart(ctx, a, c, key, out) || stated;
    if (stated) return true;
    out.length = start;
  }
  const data = part.data;
  const value = data?.value(ctx, c);
  if (data && value !== undefined)
    out.push({
      part,
      column: c,
      value: decimalOf(value),
      fen: wanToFen(value),
      stated: false,
      data,
    });
  return false;
}

/** "人员经费 343.36（档案数据） + 公用经费 50.43" / "expenditure personnel 343.36 (dossier) + …". */
function termsText(terms: readonly Term[], labels: readonly Text2[]): Text2 {
  const mark = (t: Term, lang: 'zh' | 'en') =>
    t.stated ? '' : lang === 'zh' ? '（档案数据）' : ' (dossier)';
  const one = (t: Term, i: number, lang: 'zh' | 'en') =>
    `${labels[i]?.[lang] ?? ''} ${wan(t.value)}${mark(t, lang)}`;
  return {
    zh: terms.map((t, i) => one(t, i, 'zh')).join(' + '),
    en: terms.map((t, i) => one(t, i, 'en')).join(' + '),
  };
}

interface SumComparison {
  readonly total: ConceptKey;
  readonly st: Statement;
  readonly terms: readonly Term[];
  readonly sum: Decimal;
  readonly diff: Decimal;
  readonly tol: Decimal;
  readonly severity: 'info' | 'error';
}

function sumMessage(x: SumComparison, labels: readonly Text2[]): Text2 {
  const terms = termsText(x.terms, labels);
  const within = x.severity === 'info';
  const zhTail = within ? `（在 ${wan(x.tol)} 万元舍入容差内）` : '';
  const enTail = within ? ' (within rounding tolerance)' : '';
  return {
    zh:
      `${conceptLabel(x.total)}：${wrote(x.st.where)} ${x.st.value} 万元；` +
      `${terms.zh} = ${wan(x.sum)} 万元，相差 ${wan(x.diff)} 万元${zhTail}。`,
    en:
      `${conceptLabel(x.total, 'en')}: ${placeLabel(x.st.where, 'en')} says ${x.st.value}; ` +
      `${terms.en} = ${wan(x.sum)}, off by ${wan(x.diff)} 万元${enTail}.`,
  };
}

function sumFinding(ctx: AuditContext, rule: RuleMeta, x: SumComparison, stated: Decimal): Finding {
  const labels = x.terms.map((t) => partLabel(ctx, t.part, t.column));
  const values: Record<string, string> = {
    stated: wan(stated),
    sum: wan(x.sum),
    difference: wan(x.diff),
    tolerance: wan(x.tol),
  };
  x.terms.forEach((t, i) => {
    values[`part${i + 1}`] = `${labels[i]?.zh ?? ''} ${wan(t.value)}`;
  });
  return finding(rule, {
    severity: x.severity,
    message: sumMessage(x, labels),
    values,
    locations: [statementLocation(x.st), ...x.terms.map((t) => termLocation(ctx, t))],
  });
}

/**
 * Whether the stated total equals the sum of the terms, decided in integer 分 when every figure is
 * exact to the 分 (most sums add up, and then no Decimal is made: issue 14). False when they differ
 * or a figure has more decimals; the Decimal comparison below then decides, as it always did.
 */
function addsUpInFen(total: number | null, terms: readonly Term[]): boolean {
  if (total === null) return false;
  let sum = 0;
  for (const t of terms) {
    if (t.fen === null) return false;
    sum += t.fen;
  }
  return Number.isSafeInteger(sum) && sum === total;
}

function checkSum(ctx: AuditContext, rule: RuleMeta, spec: SumSpec): Finding[] {
  const out: Finding[] = [];
  const parts = spec.parts(ctx);
  for (const c of MONEY_COLUMNS) {
    const total = headConcept(spec.total, c);
    for (const st of statementsOf(ctx, total)) {
      const stated = statedNumber(st);
      if (!stated) continue;
      const key = placeOf(ctx, st);
      const terms: Term[] = [];
      let anyStated = false;
      for (const p of parts) anyStated = resolvePart(ctx, p, c, key, terms) || anyStated;
      if (!terms.length || (spec.requireStatedPart && !anyStated)) continue;
      if (addsUpInFen(statedFen(stated), terms)) continue;
      const sum = terms.reduce((a, t) => a.plus(t.value), new Decimal(0));
      const diff = stated.value.minus(sum).abs();
      if (diff.isZero()) continue;
      const tol = AMOUNT_TOLERANCE.times(terms.length);
      const severity = diff.lte(tol) ? 'info' : 'error';
      out.push(sumFinding(ctx, rule, { total, st, terms, sum, diff, tol, severity }, stated.value));
    }
  }
  return out;
}

type Columns = Partial<Record<MoneyColumn, string>> | undefined;

/**
 * A stored part's columns, located at their real JSON path: the paths are the head's own, found
 * once here (a column without one is not read, as before).
 */
function storedMoney(head: MoneyHead, get: (ctx: AuditContext) => Columns): PartData {
  const at: Partial<Record<MoneyColumn, AuditLocation>> = {};
  for (const c of MONEY_COLUMNS) {
    const path = conceptPath(headConcept(head, c));
    if (path !== undefined) at[c] = { path };
  }
  return {
    value: (ctx, c) => (at[c] ? get(ctx)?.[c] : undefined),
    // Only asked for a column value() read, which has its path.
    locate: (_, c) => at[c] ?? { concept: headConcept(head, c) },
  };
}
/** A column of a sum derive() computed, located by its concept (the dossier does not store it). */
const summedMoney = (head: MoneyHead, get: (ctx: AuditContext) => Columns): PartData => ({
  value: (ctx, c) => get(ctx)?.[c],
  locate: (_, c) => ({ concept: headConcept(head, c) }),
});

const personnel: Part = {
  head: 'expenditure.personnel',
  data: storedMoney('expenditure.personnel', (ctx) => ctx.dossier.expenditure.personnel),
};
const publicFunds: Part = {
  head: 'expenditure.publicFunds',
  data: storedMoney('expenditure.publicFunds', (ctx) => ctx.dossier.expenditure.publicFunds),
};
const basic: Part = {
  head: 'expenditure.basic',
  data: summedMoney('expenditure.basic', (ctx) => ctx.derived.basic),
  alternatives: [personnel, publicFunds],
};
const projectParts = (ctx: AuditContext): Part[] =>
  ctx.dossier.expenditure.projects.map((p) => ({
    head: 'project',
    scope: p.id,
    data: {
      // A listed project has its path (expenditure.projects[i].money.<column>).
      value: (_, c) => p.money[c],
      locate: (x, c) => conceptLocation(x, projectConcept(c), p.id),
    },
  }));
const projectsData = summedMoney('expenditure.projects', (x) => x.derived.projects);
const projects = (ctx: AuditContext): Part => ({
  head: 'expenditure.projects',
  data: projectsData,
  alternatives: projectParts(ctx),
});
const tp = (item: ThreePublicStored): Part => {
  const head = moneyHead('threePublic', item);
  return { head, data: storedMoney(head, (ctx) => ctx.dossier.threePublic[item]) };
};
// Parts made once (their paths are found when made), not per audit.
const abroad = tp('abroad');
const reception = tp('reception');
const vehiclePurchase = tp('vehiclePurchase');
const vehicleOperation = tp('vehicleOperation');
const vehicle: Part = {
  head: 'threePublic.vehicle',
  data: summedMoney('threePublic.vehicle', (ctx) =>
    ctx.dossier.threePublic.vehiclePurchase || ctx.dossier.threePublic.vehicleOperation
      ? ctx.derived.vehicle
      : undefined,
  ),
  alternatives: [vehiclePurchase, vehicleOperation],
};
const incomeParts = INCOME_SOURCES.map((s): Part => {
  const head = moneyHead('income', s);
  return { head, data: storedMoney(head, (x) => x.dossier.income[s]) };
});

const BASIC: RuleMeta = {
  code: 'ARITH-BASIC-SUM',
  severity: 'error',
  family: 'arithmetic',
  title: {
    zh: '基本支出 ≠ 人员经费 + 公用经费',
    en: 'Basic expenditure ≠ personnel + public funds',
  },
  source: `${SOURCE_10}：基本支出 = 人员经费 + 日常公用经费`,
  tolerance: TOLERANCE,
  example:
    '二（一）写基本支出 404.92 万元，人员经费 343.36 + 公用经费 61.57 = 404.93（提示）；附件1 写 459.17（错误）。',
};
/** 基本支出 = 人员经费 + 公用经费, per column and per place (财预〔2013〕53号 基础数据表). */
export function checkBasicSum(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return checkSum(ctx, rule, { total: 'expenditure.basic', parts: () => [personnel, publicFunds] });
}

const EXPENDITURE: RuleMeta = {
  code: 'ARITH-EXPENDITURE-SUM',
  severity: 'error',
  family: 'arithmetic',
  title: { zh: '支出合计 ≠ 基本支出 + 项目支出', en: 'Total expenditure ≠ basic + projects' },
  source: `${SOURCE_10}：支出合计 = 基本支出 + 项目支出`,
  tolerance: TOLERANCE,
  example: '六 1 写支出决算 507.13 万元，其中基本支出 404.93 + 项目支出 102.86 = 507.79。',
};
/** 支出合计 = 基本支出 + 项目支出 (domain.md §2 expenditure by nature). */
export function checkExpenditureSum(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return checkSum(ctx, rule, { total: 'expenditure.total', parts: (c) => [basic, projects(c)] });
}

const PROJECTS: RuleMeta = {
  code: 'ARITH-PROJECTS-SUM',
  severity: 'error',
  family: 'arithmetic',
  title: { zh: '项目支出 ≠ 各项目之和', en: 'Project expenditure ≠ Σ projects' },
  source: `${SOURCE_10}：项目支出需逐项填列（一个项目一行）`,
  tolerance: TOLERANCE,
  example:
    '附件1 项目支出 2023 年预算数 102.86，各项目 62.86 + 10 + 30 = 102.86（通过）；若写 102.98 则报错。',
};
/** 项目支出 = Σ 各项目 (附件1 "一个项目一行"). */
export function checkProjectsSum(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return checkSum(ctx, rule, { total: 'expenditure.projects', parts: projectParts });
}

const THREE_PUBLIC: RuleMeta = {
  code: 'ARITH-THREE-PUBLIC-SUM',
  severity: 'error',
  family: 'arithmetic',
  title: { zh: '“三公”经费合计 ≠ 各分项之和', en: '"Three public" total ≠ its parts' },
  source:
    '《党政机关厉行节约反对浪费条例》；财政部“三公”经费公开口径：因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费',
  tolerance: TOLERANCE,
  example:
    '二（一）写“三公”经费实际支出 4.19 万元，公务用车运行维护费 3.42 + 公务接待费 0.39 = 3.81。',
};
/** “三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费. */
export function checkThreePublicSum(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return checkSum(ctx, rule, {
    total: 'threePublic.total',
    parts: () => [abroad, vehicle, reception],
  });
}

const VEHICLE: RuleMeta = {
  code: 'ARITH-VEHICLE-SUM',
  severity: 'error',
  family: 'arithmetic',
  title: { zh: '公务用车经费 ≠ 购置费 + 运行维护费', en: 'Vehicle costs ≠ purchase + operation' },
  source: '“三公”经费公开口径：公务用车购置及运行维护费 = 购置费 + 运行维护费',
  tolerance: TOLERANCE,
  example: '附件1 公务用车购置和维护经费 3.46，其中购置 0 + 运行维护 3.46（通过）。',
};
/** 公务用车购置及运行维护费 = 购置费 + 运行维护费. */
export function checkVehicleSum(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return checkSum(ctx, rule, {
    total: 'threePublic.vehicle',
    parts: () => [vehiclePurchase, vehicleOperation],
  });
}

const INCOME: RuleMeta = {
  code: 'ARITH-INCOME-SUM',
  severity: 'error',
  family: 'arithmetic',
  title: { zh: '年度资金总额 ≠ 按收入性质分项之和', en: 'Total funds ≠ Σ income by source' },
  source: '部门整体支出绩效自评表（附件2）“年度资金总额”与“按收入性质分”的勾稽关系',
  tolerance: TOLERANCE,
  example:
    '附件2 年度资金总额年初预算 544.84 万元，一般公共预算 483.61 + 其他资金 23.52 = 507.13。',
};
/** 年度资金总额 = Σ 收入来源 (附件2 "按收入性质分"). */
export function checkIncomeSum(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return checkSum(ctx, rule, { total: 'income.total', parts: () => incomeParts });
}

const BY_NATURE: RuleMeta = {
  code: 'ARITH-FUNDS-BY-NATURE',
  severity: 'error',
  family: 'arithmetic',
  title: {
    zh: '年度资金总额 ≠ 按支出性质分项之和',
    en: 'Total funds ≠ basic + projects stated beside it',
  },
  source: '部门整体支出绩效自评表（附件2）“按支出性质分”：基本支出 + 项目支出 = 年度资金总额',
  tolerance: TOLERANCE,
  example: '附件2 全年执行数 507.13，基本支出 404.92 + 项目支出 102.21 = 507.13（通过）。',
};
/** Within one table, 基本支出 + 项目支出 stated beside 年度资金总额 add up to it (附件2). */
export function checkFundsByNature(ctx: AuditContext, rule: RuleMeta): Finding[] {
  return checkSum(ctx, rule, {
    total: 'income.total',
    parts: (c) => [basic, projects(c)],
    requireStatedPart: true,
  });
}

const STAFF: RuleMeta = {
  code: 'ARITH-STAFFING-SUM',
  severity: 'error',
  family: 'arithmetic',
  title: {
    zh: '编制数 ≠ 行政编制 + 事业编制',
    en: 'Authorised staff ≠ administrative + institutional',
  },
  source: '机构编制批复：编制总数 = 行政编制 + 事业编制',
  example: '编制 22 名，其中行政编制 21 名、事业编制 1 名（通过）；写 22 = 20 + 1 则报错。',
};
/** 编制数 = 行政编制 + 事业编制, when both parts are given. */
export function checkStaffingSum(ctx: AuditContext, rule: RuleMeta): Finding[] {
  const s = ctx.dossier.unit.staffing;
  if (s.authorizedAdministrative === undefined || s.authorizedInstitutional === undefined)
    return [];
  const sum = s.authorizedAdministrative + s.authorizedInstitutional;
  const totals: { value: number; loc: AuditLocation; label: string }[] = [];
  if (s.authorized !== undefined)
    totals.push({ value: s.authorized, loc: { path: 'unit.staffing.authorized' }, label: '档案' });
  for (const st of statementsOf(ctx, 'staffing.authorized')) {
    const n = statedNumber(st);
    if (n)
      totals.push({
        value: n.value.toNumber(),
        loc: statementLocation(st),
        label: placeLabel(st.where),
      });
  }
  return totals
    .filter((t) => t.value !== sum)
    .map((t) =>
      finding(rule, {
        message: {
          zh:
            `编制数：${t.label}写 ${t.value} 名；行政编制 ${s.authorizedAdministrative} + 事业编制 ` +
            `${s.authorizedInstitutional} = ${sum} 名。`,
          en:
            `Authorised staff: ${t.value} stated; administrative ${s.authorizedAdministrative} ` +
            `+ institutional ${s.authorizedInstitutional} = ${sum}.`,
        },
        values: {
          stated: String(t.value),
          administrative: String(s.authorizedAdministrative),
          institutional: String(s.authorizedInstitutional),
          sum: String(sum),
        },
        locations: [
          t.loc,
          { path: 'unit.staffing.authorizedAdministrative' },
          { path: 'unit.staffing.authorizedInstitutional' },
        ],
      }),
    );
}

export const ARITHMETIC_RULES = [
  defineRule(INCOME, checkIncomeSum),
  defineRule(BY_NATURE, checkFundsByNature),
  defineRule(BASIC, checkBasicSum),
  defineRule(EXPENDITURE, checkExpenditureSum),
  defineRule(PROJECTS, checkProjectsSum),
  defineRule(THREE_PUBLIC, checkThreePublicSum),
  defineRule(VEHICLE, checkVehicleSum),
  defineRule(STAFF, checkStaffingSum),
];
