/**
 * The JSON form of a ScoreResult (`jixiao score --json`, API responses): plain strings and numbers,
 * rates as two-decimal percent text, each indicator with its target and actual as written.
 */
import { Decimal, formatPercent, roundPercent, type Percent } from '../money.ts';
import { formatTarget } from '../dossier/indicator-values.ts';
import type { Dossier, Indicator } from '../dossier/schema.ts';
import type { ExecutionScore, GridScore, IndicatorScore, ScoreResult } from './types.ts';

export interface IndicatorJson extends IndicatorScore {
  /** Same as `stated`: the score the dossier states, points. */
  readonly statedScore: string | null;
  readonly target?: string;
  readonly actual?: string;
}

export interface ExecutionJson extends Omit<ExecutionScore, 'rate'> {
  /** Percent, two decimals ("93.08"); null when not applicable. */
  readonly rate: string | null;
  /** "93.08%" or "不适用". */
  readonly rateText: string;
}

export interface GridJson extends Omit<GridScore, 'execution' | 'indicators'> {
  readonly execution: ExecutionJson;
  readonly indicators: readonly IndicatorJson[];
}

export interface ScoreJson extends GridJson {
  readonly ruleset: ScoreResult['ruleset'];
  readonly projects: readonly (GridJson & { readonly projectId: string; readonly name: string })[];
  readonly stated: ScoreResult['stated'];
  /**
   * Computed total − stated total, points (two decimals, signed); null when nothing numeric is
   * stated.
   */
  readonly difference: string | null;
}

const rateText = (p: Percent): string | null => (p.ok ? roundPercent(p.percent).toFixed(2) : null);

export function executionToJson(e: ExecutionScore): ExecutionJson {
  const { rate, ...rest } = e;
  return { ...rest, rate: rateText(rate), rateText: formatPercent(rate) };
}

function indicatorToJson(s: IndicatorScore, source: Indicator | undefined): IndicatorJson {
  return {
    ...s,
    statedScore: s.stated,
    ...(source ? { target: formatTarget(source.target) } : {}),
    ...(source?.actual ? { actual: source.actual.text } : {}),
  };
}

function gridToJson(g: GridScore, sources: readonly Indicator[]): GridJson {
  const byId = new Map(sources.map((i) => [i.id, i]));
  return {
    ...g,
    execution: executionToJson(g.execution),
    indicators: g.indicators.map((s) => indicatorToJson(s, byId.get(s.id))),
  };
}

/**
 * Computed − stated, signed, two decimals; null when the stated total is not a number ("98.9分"
 * reads as 98.9).
 */
export function totalDifference(total: string, stated: string | null): string | null {
  const m = stated ? /-?\d+(\.\d+)?/.exec(stated) : null;
  if (!m) return null;
  const d = new Decimal(total).minus(m[0]).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return `${d.isPositive() && !d.isZero() ? '+' : ''}${d.toFixed(2)}`;
}

export function scoreResultToJson(result: ScoreResult, dossier?: Dossier): ScoreJson {
  const projectSources = new Map(
    (dossier?.expenditure.projects ?? []).map((p) => [p.id, p.indicators]),
  );
  const { ruleset, projects, stated, ...grid } = result;
  return {
    ruleset,
    ...gridToJson(grid, dossier?.indicators ?? []),
    projects: projects.map((p) => ({
      ...gridToJson(p, projectSources.get(p.projectId) ?? []),
      projectId: p.projectId,
      name: p.name,
    })),
    stated,
    difference: totalDifference(result.total, stated.total),
  };
}
