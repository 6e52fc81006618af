/**
 * Derived figures (domain.md §3): computed from the dossier, never typed by the user.
 * A rate whose base is zero or missing is "not applicable" (Percent.ok = false), never an error.
 */
import type { Dossier, MoneyColumns } from './dossier/schema.ts';
import { INCOME_SOURCES, MONEY_COLUMNS, type MoneyColumn } from './concepts/keys.ts';
import {
  growthOf,
  percentOf,
  subWan,
  sumWan,
  type Percent,
  type Wan,
  type WanText,
} from './money.ts';

export type Columns = { readonly [C in MoneyColumn]?: Wan };

/**
 * Column-wise exact sum. Parts that are absent or entirely empty are skipped (nothing to add); but
 * when a part that is filled elsewhere leaves this column blank, the total is unknown (undefined):
 * a sum over unfilled parts would understate it and read as an inconsistency that is not there.
 */
export function sumColumns(parts: readonly (MoneyColumns | Columns | undefined)[]): Columns {
  const out: { [C in MoneyColumn]?: Wan } = {};
  const present = parts.filter(
    (p): p is MoneyColumns | Columns =>
      p !== undefined && MONEY_COLUMNS.some((c) => p[c] !== undefined),
  );
  for (const c of MONEY_COLUMNS) {
    const vals = present.map((p) => p[c]);
    const filled = vals.filter((v): v is Wan => v !== undefined);
    if (filled.length > 0 && filled.length === vals.length) out[c] = sumWan(filled);
  }
  return out;
}

/** Which budget a rate is taken against (domain.md §3: default 全年预算数, variant 年初预算数). */
export type ExecutionBase = 'adjustedBudget' | 'initialBudget';

/**
 * The budget a column set is executed against: the chosen base, falling back to the other when not
 * filled.
 */
export function budgetOf<T extends WanText>(
  c: { readonly [C in MoneyColumn]?: T },
  base: ExecutionBase,
): T | undefined {
  return c[budgetColumnOf(c, base)];
}

/** The column budgetOf reads (so a finding can point at the budget it compared). */
export function budgetColumnOf(
  c: { readonly [C in ExecutionBase]?: unknown },
  base: ExecutionBase,
): ExecutionBase {
  const other = base === 'adjustedBudget' ? 'initialBudget' : 'adjustedBudget';
  return c[base] === undefined && c[other] !== undefined ? other : base;
}

export interface Derived {
  readonly income: Columns;
  readonly basic: Columns;
  readonly projects: Columns;
  readonly expenditure: Columns;
  readonly threePublic: Columns;
  readonly vehicle: Columns;
  /** 预算执行率: 全年执行数 ÷ 全年预算数 of total funds (income when filled, else expenditure). */
  readonly executionRate: Percent;
  /** The budget and actual the execution rate was computed from, 万元. */
  readonly executionBudget?: Wan;
  readonly executionActual?: Wan;
  /** 比年初预算减少: 年初预算数 − 执行数, 万元 (negative = overspent). */
  readonly decreaseAgainstInitial?: Wan;
  readonly personnelShare: Percent;
  readonly publicFundsShare: Percent;
  /** Initial budget against last year's initial budget. */
  readonly budgetGrowthAmount?: Wan;
  readonly budgetGrowthRate: Percent;
  /** Actual against last year's actual. */
  readonly actualGrowthAmount?: Wan;
  readonly actualGrowthRate: Percent;
  readonly staffingControlRate: Percent;
  readonly threePublicChangeRate: Percent;
  readonly threePublicBudgetChange?: Wan;
  readonly threePublicControlRate: Percent;
  readonly publicFundsControlRate: Percent;
  readonly procurementRate: Percent;
  readonly assetGrowthAmount?: Wan;
  readonly assetGrowthRate: Percent;
  /** 未支出比例: (预算 − 执行) ÷ 预算. */
  readonly unspentShare: Percent;
  readonly projectCount: number;
  readonly projectExecution: ReadonlyMap<string, Percent>;
}

const diff = (a: Wan | undefined, b: Wan | undefined): Wan | undefined =>
  a !== undefined && b !== undefined ? subWan(a, b) : undefined;

/** Which side of the accounts the unit's total funds are read from. */
export type FundsSource = 'income' | 'expenditure';

/**
 * Which funds count as the unit's total (domain.md §2 "Income / funds by source", §3 预算执行率):
 * income by source when any column of its total is known; otherwise expenditure by nature
 * (基本支出 + 项目支出), for reports that give only the expenditure side. The one place that
 * decides it: the execution rate, the score, the audit rules and the report all call this.
 */
export function fundsSource(sums: Pick<Derived, 'income'>): FundsSource {
  return Object.keys(sums.income).length > 0 ? 'income' : 'expenditure';
}

/** The column totals of the unit's total funds (see fundsSource), 万元. */
export function fundsColumns(sums: Pick<Derived, 'income' | 'expenditure'>): Columns {
  return sums[fundsSource(sums)];
}

export function derive(d: Dossier, base: ExecutionBase = 'adjustedBudget'): Derived {
  const income = sumColumns(INCOME_SOURCES.map((s) => d.income[s]));
  const basic = sumColumns([d.expenditure.personnel, d.expenditure.publicFunds]);
  const projects = sumColumns(d.expenditure.projects.map((p) => p.money));
  // Over the stored parts, not over basic + projects: a basic total left unknown in every column
  // would be skipped as "empty" and the expenditure total would understate.
  const expenditure = sumColumns([
    d.expenditure.personnel,
    d.expenditure.publicFunds,
    ...d.expenditure.projects.map((p) => p.money),
  ]);
  const tp = d.threePublic;
  const vehicle = sumColumns([tp.vehiclePurchase, tp.vehicleOperation]);
  const threePublic = sumColumns([
    tp.abroad,
    tp.vehiclePurchase,
    tp.vehicleOperation,
    tp.reception,
  ]);
  const funds = fundsColumns({ income, expenditure });
  const executionBudget = budgetOf(funds, base);
  const executionActual = funds.actual;
  const staffing = d.unit.staffing;
  const projectExecution = new Map<string, Percent>(
    d.expenditure.projects.map((p) => [p.id, percentOf(p.money.actual, budgetOf(p.money, base))]),
  );

  return {
    income,
    basic,
    projects,
    expenditure,
    threePublic,
    vehicle,
    executionRate: percentOf(executionActual, executionBudget),
    ...(executionBudget !== undefined ? { executionBudget } : {}),
    ...(executionActual !== undefined ? { executionActual } : {}),
    ...opt('decreaseAgainstInitial', diff(funds.initialBudget, funds.actual)),
    personnelShare: percentOf(d.expenditure.personnel.actual, basic.actual),
    publicFundsShare: percentOf(d.expenditure.publicFunds.actual, basic.actual),
    ...opt('budgetGrowthAmount', diff(funds.initialBudget, funds.priorInitialBudget)),
    budgetGrowthRate: growthOf(funds.initialBudget, funds.priorInitialBudget),
    ...opt('actualGrowthAmount', diff(funds.actual, funds.priorActual)),
    actualGrowthRate: growthOf(funds.actual, funds.priorActual),
    staffingControlRate: percentOf(staffing.actual?.toString(), staffing.authorized?.toString()),
    threePublicChangeRate: growthOf(threePublic.actual, threePublic.priorActual),
    ...opt(
      'threePublicBudgetChange',
      diff(threePublic.initialBudget, threePublic.priorInitialBudget),
    ),
    threePublicControlRate: percentOf(threePublic.actual, budgetOf(threePublic, 'initialBudget')),
    publicFundsControlRate: percentOf(
      d.expenditure.publicFunds.actual,
      budgetOf(d.expenditure.publicFunds, 'initialBudget'),
    ),
    procurementRate: percentOf(
      d.controls.procurement?.actual,
      budgetOf(d.controls.procurement ?? {}, 'initialBudget'),
    ),
    ...opt('assetGrowthAmount', diff(d.assets.yearEnd, d.assets.previousYearEnd)),
    assetGrowthRate: growthOf(d.assets.yearEnd, d.assets.previousYearEnd),
    unspentShare:
      executionBudget !== undefined && executionActual !== undefined
        ? percentOf(subWan(executionBudget, executionActual), executionBudget)
        : { ok: false, reason: 'missing' },
    projectCount: d.expenditure.projects.length,
    projectExecution,
  };
}

function opt<K extends string>(key: K, value: Wan | undefined): { [P in K]?: Wan } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: Wan };
}
