/**
 * Bring a stored dossier into the editor's shape: indicator targets as objects (one input per
 * part). Everything else stays as stored — the form state is the dossier JSON. A target the table
 * left blank stays absent (an empty object would not validate).
 */
import { targetToForm } from './indicator-form.ts';

type Obj = Record<string, unknown>;

const normIndicators = (list: unknown): unknown =>
  Array.isArray(list)
    ? list.map((ind: Obj) =>
        ind && typeof ind === 'object' && ind.target !== undefined
          ? { ...ind, target: targetToForm(ind.target) }
          : ind,
      )
    : list;

export function forEditor<T>(dossier: T): T {
  if (!dossier || typeof dossier !== 'object') return dossier;
  const d = { ...(dossier as Obj) };
  d.indicators = normIndicators(d.indicators);
  const exp = d.expenditure as Obj | undefined;
  if (exp && Array.isArray(exp.projects)) {
    d.expenditure = {
      ...exp,
      projects: (exp.projects as Obj[]).map((p) => ({
        ...p,
        indicators: normIndicators(p.indicators ?? []),
      })),
    };
  }
  return d as T;
}
