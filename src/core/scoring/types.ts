/**
 * The scoring contract (domain.md §4). The engine (score.ts) fills these; the auditor, the report
 * model, the CLI, the server and the web app read them. All points are decimal strings with two
 * decimals ("9.31"); rates are Percent values from money.ts.
 */
import type { Percent } from '../money.ts';

export type Grade = '优' | '良' | '中' | '差';

/**
 * How a score was obtained:
 * - computed: a rule computed it from target and actual;
 * - manual-needed: no rule can compute it (non-numeric actual, meaningless ratio) and nothing was
 *   stated: the indicator needs a person's score (counted as 0 until given);
 * - stated-used: no rule can compute it, so the stated score is used, marked as such;
 * - override: a person overrode the computed score with a reason (both are kept);
 * - not-applicable: excluded; its weight is handled by the rule set's not-applicable policy.
 */
export type ScoreStatus =
  | 'computed'
  | 'manual-needed'
  | 'stated-used'
  | 'override'
  | 'not-applicable';

export interface IndicatorScore {
  readonly id: string;
  /** Project id when the indicator belongs to a project grid. */
  readonly scope?: string;
  readonly level1: string;
  readonly level2: string;
  readonly name: string;
  /** Points (分值). */
  readonly weight: string;
  /** The score that counts in the total, points; null only for manual-needed. */
  readonly score: string | null;
  /** What the rule computed, points; null when no rule could compute. */
  readonly computed: string | null;
  /** What the dossier states (得分), points. */
  readonly stated: string | null;
  readonly status: ScoreStatus;
  /** Name of the rule function used, e.g. "scoreLargerIsBetter". */
  readonly rule: string;
  /** Whether the target was met; null when it cannot be told. */
  readonly met: boolean | null;
  /** The formula with the numbers put in, e.g. "5 × min(303.95 ÷ 220, 1) = 5.00". */
  readonly trace: string;
  /** Why a manual score is needed, or the override reason. */
  readonly note?: string;
  /**
   * Weight the score was computed against when not-applicable weight was redistributed within its
   * 一级, points.
   */
  readonly effectiveWeight?: string;
  /** Qualitative tier the score was placed in. */
  readonly tier?: 'achieved' | 'partial' | 'notAchieved';
  /** The overshoot rule (rule set variant) found the actual far beyond a target set too low. */
  readonly overshoot?: boolean;
}

export interface ExecutionScore {
  readonly weight: string;
  readonly rate: Percent;
  readonly score: string | null;
  readonly trace: string;
  readonly rule: string;
  /** The budget and actual the rate was computed from, 万元 (when filled). */
  readonly budget?: string;
  readonly actual?: string;
  /** Which budget column is the denominator (rule set execution.denominator). */
  readonly denominator?: 'adjustedBudget' | 'initialBudget';
  /** The rule set asks for a written reason at this rate (reasonRequiredBelow). */
  readonly reasonRequired?: boolean;
}

export interface Level1Subtotal {
  readonly level1: string;
  readonly weight: string;
  readonly score: string;
  /** What the rule set expects for this 一级 indicator's weight, if it says. */
  readonly expectedWeight?: string;
}

export interface GridScore {
  readonly execution: ExecutionScore;
  readonly indicators: readonly IndicatorScore[];
  readonly byLevel1: readonly Level1Subtotal[];
  /** Execution weight + Σ indicator weights, points (should be 100). */
  readonly weightSum: string;
  /**
   * Total, points, two decimals; rescaled to 100 when indicators are not applicable (default
   * policy).
   */
  readonly total: string;
  readonly grade: Grade;
  readonly trace: string;
}

export interface ProjectScore extends GridScore {
  readonly projectId: string;
  readonly name: string;
}

export interface ScoreResult extends GridScore {
  readonly ruleset: { readonly name: string; readonly version: string };
  readonly projects: readonly ProjectScore[];
  /**
   * What the dossier states about its total and grade (statements score.total / score.grade), or
   * null.
   */
  readonly stated: { readonly total: string | null; readonly grade: string | null };
}
