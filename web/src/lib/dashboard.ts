/** Pure aggregations behind the bureau dashboard charts. */
import type { DossierListItem } from '../api.ts';
import { GRADES } from '../../../src/core/scoring/ruleset.ts';

export { GRADES };

export function gradeDistribution(
  items: readonly DossierListItem[],
): { grade: string; count: number }[] {
  const counts = new Map<string, number>(GRADES.map((g) => [g, 0]));
  let none = 0;
  for (const d of items) {
    const g = d.summary?.grade;
    if (g && counts.has(g)) counts.set(g, (counts.get(g) ?? 0) + 1);
    else none += 1;
  }
  const out = GRADES.map((g) => ({ grade: g as string, count: counts.get(g) ?? 0 }));
  if (none) out.push({ grade: '未评分', count: none });
  return out;
}

/** Points for the score vs execution-rate scatter; dossiers missing either are left out. */
export function scoreVsExecution(
  items: readonly DossierListItem[],
): { name: string; value: [number, number] }[] {
  const out: { name: string; value: [number, number] }[] = [];
  for (const d of items) {
    // Display only: chart coordinates are numbers, the figures themselves stay decimal text.
    const total = d.summary?.total != null ? Number(d.summary.total) : NaN;
    const rate =
      d.summary?.executionRate != null
        ? Number(String(d.summary.executionRate).replace('%', ''))
        : NaN;
    if (Number.isFinite(total) && Number.isFinite(rate))
      out.push({ name: `${d.unitName} ${d.year}`, value: [rate, total] });
  }
  return out;
}
