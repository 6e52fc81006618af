/**
 * Whether a quantitative target was met, told from target and actual alone (domain.md §4 operator
 * semantics: strict operators are not met on equality). The auditor prefers the scoring engine's
 * verdict and uses this only when the engine did not run. Null when it cannot be told.
 */
import type { Actual, Target } from '../dossier/indicator-values.ts';
import { decimalOf } from '../money.ts';

/** Units compared loosely: "亿" = "亿元", "％" = "%". */
export const normUnit = (u: string | undefined): string =>
  (u ?? '').replace(/\s/g, '').replace(/％/g, '%').replace(/元$/, '');

export function targetMet(target: Target | undefined, actual: Actual | undefined): boolean | null {
  if (!target || !actual || actual.value === undefined) return null;
  if (target.kind === 'text') return null;
  if (
    target.unit !== undefined &&
    actual.unit !== undefined &&
    normUnit(target.unit) !== normUnit(actual.unit)
  )
    return null;
  const a = decimalOf(actual.value);
  if (target.kind === 'range') return a.gte(decimalOf(target.min)) && a.lte(decimalOf(target.max));
  const t = decimalOf(target.value);
  switch (target.op) {
    case '>=':
      return a.gte(t);
    case '>':
      return a.gt(t);
    case '<=':
      return a.lte(t);
    case '<':
      return a.lt(t);
    case '=':
      return a.eq(t);
    default:
      return null;
  }
}
