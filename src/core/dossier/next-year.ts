/**
 * Next year's dossier from this year's (`jixiao next-year`): what a finance officer does by copying
 * last year's Word file, without carrying last year's results into the new year by mistake.
 *
 * Carried: the unit profile, the rule set, project and indicator structure (names, kinds, targets,
 * weights), the expected goal as a draft, preparer/phone/basis of the filing.
 * Moved: this year's 决算数 (actual) → priorActual; this year's 年初预算数 → priorInitialBudget;
 * this year's year-end assets → previousYearEnd.
 * Cleared: budgets and actuals of the new year, indicator actuals, scores, tiers, overrides,
 * deviations, narrative, goal achieved, filing date, statements and provenance (a stated figure
 * belongs to the report that stated it).
 */
import { MONEY_COLUMNS } from './concepts.ts';
import {
  formatTarget,
  parseActual,
  parseTarget,
  type Actual,
  type Target,
} from './indicator-values.ts';
import type { Dossier, DossierInput, Indicator, MoneyColumns, Project } from './schema.ts';

/** One line of money moved a year on: actual → priorActual, initialBudget → priorInitialBudget. */
export function rollColumns(c: MoneyColumns | undefined): MoneyColumns {
  const out: MoneyColumns = {};
  if (c?.actual !== undefined) out.priorActual = c.actual;
  if (c?.initialBudget !== undefined) out.priorInitialBudget = c.initialBudget;
  return out;
}

function rollKeyed<K extends string>(
  group: Partial<Record<K, MoneyColumns | undefined>>,
): Partial<Record<K, MoneyColumns>> {
  const out: Partial<Record<K, MoneyColumns>> = {};
  for (const [k, v] of Object.entries(group) as [K, MoneyColumns | undefined][]) {
    const rolled = rollColumns(v);
    if (Object.keys(rolled).length) out[k] = rolled;
  }
  return out;
}

/** An indicator with its target and weight, and nothing of this year's outcome. */
export function carryIndicator(i: Indicator): Indicator {
  return {
    id: i.id,
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    ...(i.kind ? { kind: i.kind } : {}),
    target: i.target,
    weight: i.weight,
  };
}

function carryProject(p: Project): Project {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    money: rollColumns(p.money),
    ...(p.goal?.expected ? { goal: { expected: p.goal.expected, achieved: '' } } : {}),
    indicators: p.indicators.map(carryIndicator),
  };
}

/** Next year's dossier (year + 1). Pure: the input is not changed. */
export function nextYearDossier(d: Dossier): Dossier {
  const f = d.filing;
  return {
    format: d.format,
    year: d.year + 1,
    ...(d.ruleset ? { ruleset: d.ruleset } : {}),
    unit: structuredClone(d.unit),
    income: rollKeyed(d.income),
    expenditure: {
      personnel: rollColumns(d.expenditure.personnel),
      publicFunds: rollColumns(d.expenditure.publicFunds),
      projects: d.expenditure.projects.map(carryProject),
    },
    threePublic: rollKeyed(d.threePublic),
    controls: rollKeyed(d.controls),
    assets: d.assets.yearEnd !== undefined ? { previousYearEnd: d.assets.yearEnd } : {},
    goal: { expected: d.goal.expected, achieved: '' },
    indicators: d.indicators.map(carryIndicator),
    narrative: { savingMeasures: [] },
    filing: {
      ...(f.preparer ? { preparer: f.preparer } : {}),
      ...(f.phone ? { phone: f.phone } : {}),
      ...(f.basis ? { basis: f.basis } : {}),
    },
    statements: [],
  };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A target back in its written form ("≥95%") when that parses to the same target, else the object.
 */
function targetFileForm(t: Target): string | Target {
  if (t.kind === 'text') return t.text;
  const written = t.text ?? formatTarget(t);
  const back = parseTarget(written);
  const { text: _a, ...want } = t;
  const { text: _b, ...got } = back as Target & { text?: string };
  return sameJson(want, got) ? written : t;
}

/**
 * An actual back in its written form when that parses to the same value and unit, else the object.
 */
function actualFileForm(a: Actual): string | Actual {
  return sameJson(parseActual(a.text), a) ? a.text : a;
}

function indicatorFileForm(i: Indicator): Record<string, unknown> {
  const { target, actual, ...rest } = i;
  return {
    ...dropEmpty(rest),
    ...(target ? { target: targetFileForm(target) } : {}),
    ...(actual ? { actual: actualFileForm(actual) } : {}),
  };
}

const dropEmpty = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));

function columnsFileForm(c: MoneyColumns | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of MONEY_COLUMNS) if (c?.[k] !== undefined) out[k] = c[k];
  return out;
}

/**
 * A parsed dossier in the form people write files in: targets and actuals as their written text,
 * no undefined fields, money columns in the canonical column order. Parsing the result gives the
 * same dossier back (next-year.test.ts checks the round trip).
 */
export function dossierFileForm(d: Dossier): DossierInput {
  const keyed = (g: Record<string, MoneyColumns | undefined>) =>
    Object.fromEntries(
      Object.entries(g)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, columnsFileForm(v)]),
    );
  return {
    format: d.format,
    year: d.year,
    ...(d.ruleset ? { ruleset: d.ruleset } : {}),
    unit: { ...d.unit, staffing: dropEmpty({ ...d.unit.staffing }) } as DossierInput['unit'],
    income: keyed(d.income),
    expenditure: {
      personnel: columnsFileForm(d.expenditure.personnel),
      publicFunds: columnsFileForm(d.expenditure.publicFunds),
      projects: d.expenditure.projects.map((p) => ({
        ...dropEmpty({ ...p, money: undefined, indicators: undefined }),
        money: columnsFileForm(p.money),
        indicators: p.indicators.map(indicatorFileForm),
      })),
    },
    threePublic: keyed(d.threePublic),
    controls: keyed(d.controls),
    assets: dropEmpty({ ...d.assets }),
    goal: d.goal,
    indicators: d.indicators.map(indicatorFileForm),
    narrative: dropEmpty({ ...d.narrative }),
    filing: dropEmpty({ ...d.filing }),
    statements: d.statements,
    ...(d.provenance ? { provenance: d.provenance } : {}),
  } as DossierInput;
}
