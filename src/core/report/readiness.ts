/**
 * Is a dossier ready to be submitted as the unit's report (issue #11 item 4)? Not while the auditor
 * finds an error-level problem, nor while a figure the report cannot do without is missing: the
 * report would otherwise print a gap where a finance bureau expects a number. Such a dossier can
 * still be printed as a draft (草稿 on every page).
 */
import type { Finding } from '../audit/types.ts';
import { moneyConcept, type ConceptKey } from '../concepts/index.ts';
import { budgetOf, derive, fundsColumns, fundsSource, type ExecutionBase } from '../derive.ts';
import type { Dossier } from '../dossier/schema.ts';
import { projectLabel } from '../dossier/stand-ins.ts';
import type { ScoreResult } from '../scoring/types.ts';

export interface MissingFigure {
  /** What is missing, in words ("全年预算数"). */
  readonly label: string;
  /** Where a person fills it in the dossier (JSON path). */
  readonly path: string;
  /** The concept a total stands for, when the figure is a sum of what is filled at `path`. */
  readonly concept?: ConceptKey;
}

export interface Readiness {
  readonly ready: boolean;
  /** The auditor's error-level findings. */
  readonly errors: readonly Finding[];
  readonly missing: readonly MissingFigure[];
}

const BASE_LABEL: Record<ExecutionBase, string> = {
  adjustedBudget: '全年预算数',
  initialBudget: '年初预算数',
};

/**
 * The figures every report states and the 落款 needs: the budget the execution rate is taken
 * against (the rule set's denominator), the year's actual spending, 基本支出, at least one
 * indicator, a score for every indicator, the filing date.
 */
export function missingFigures(
  d: Dossier,
  score: ScoreResult | null,
  base: ExecutionBase,
): MissingFigure[] {
  const x = derive(d, base);
  const funds = fundsColumns(x);
  const out: MissingFigure[] = [];
  // The total funds are a sum of the parts filled under income (or expenditure): that object is
  // where a person fills them, and the total's concept names the missing figure.
  const source = fundsSource(x);
  if (budgetOf(funds, base) === undefined)
    out.push({
      label: BASE_LABEL[base],
      path: source,
      concept: moneyConcept(source, 'total', base),
    });
  if (x.executionActual === undefined)
    out.push({
      label: '全年执行数（决算数）',
      path: source,
      concept: moneyConcept(source, 'total', 'actual'),
    });
  if (x.basic.actual === undefined)
    out.push({ label: '基本支出全年执行数', path: 'expenditure.personnel.actual' });
  // A project-level table's grid is its project's (expenditure.projects[i].indicators).
  if (d.indicators.length === 0 && !d.expenditure.projects.some((p) => p.indicators.length > 0))
    out.push({ label: '绩效指标', path: 'indicators' });
  if (!score) out.push({ label: '评分结果（评分规则集）', path: 'ruleset' });
  else {
    const grids = [
      { prefix: '', grid: score, path: (i: number) => `indicators[${i}]` },
      ...score.projects.map((p) => ({
        prefix: `${projectLabel(
          p.name,
          d.expenditure.projects.findIndex((q) => q.id === p.projectId),
        )}：`,
        grid: p,
        path: (i: number) => {
          const pi = d.expenditure.projects.findIndex((q) => q.id === p.projectId);
          return `expenditure.projects[${pi}].indicators[${i}]`;
        },
      })),
    ];
    for (const g of grids)
      g.grid.indicators.forEach((s, i) => {
        if (s.score === null)
          out.push({ label: `${g.prefix}指标“${s.name}”的得分（需人工评分）`, path: g.path(i) });
      });
  }
  if (!d.filing.date) out.push({ label: '填报日期（落款日期）', path: 'filing.date' });
  return out;
}

export function reportReadiness(
  d: Dossier,
  score: ScoreResult | null,
  findings: readonly Finding[],
  base: ExecutionBase,
): Readiness {
  const errors = findings.filter((f) => f.severity === 'error');
  const missing = missingFigures(d, score, base);
  return { ready: errors.length === 0 && missing.length === 0, errors, missing };
}
