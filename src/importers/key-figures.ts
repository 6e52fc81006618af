/**
 * The key figures of a read document, in one place: what a person checking a published report
 * looks at first (budget, actual, execution rate, basic / project / personnel / public funds,
 * “三公”, self score, grade) and the indicator rows as read. Used by the corpus measurement and the
 * many-document summary, so both say the same thing about one document.
 *
 * Amounts are decimal text in 万元 (as normalised on import); rates in %; scores in points.
 * A figure the document does not state is absent (never zero).
 */
import { conceptPathAt, projectConcept, type ConceptKey } from '../core/concepts/index.ts';
import type { StatementInput } from './collect.ts';
import { getPath } from './collect.ts';

export interface KeyFigures {
  readonly unit?: string;
  readonly year?: number;
  readonly level?: 'department' | 'project';
  readonly budgetTotal?: string;
  readonly actualTotal?: string;
  readonly executionRate?: string;
  readonly basicActual?: string;
  readonly projectActual?: string;
  readonly personnel?: string;
  readonly publicFunds?: string;
  readonly threePublicActual?: string;
  readonly selfScore?: string;
  readonly grade?: string;
  readonly indicators: readonly IndicatorRowRead[];
}

export interface IndicatorRowRead {
  readonly level1?: string;
  readonly level2?: string;
  readonly name: string;
  readonly target?: string;
  readonly actual?: string;
  readonly weight?: string;
  readonly score?: string;
}

const amount = (v: string | undefined): string | undefined => {
  if (v === undefined) return undefined;
  const t = v
    .replace(/,/g, '')
    .replace(/万元?$/, '')
    .trim();
  return /^-?\d+(?:\.\d+)?$/.test(t) ? t : v === '无' ? '0' : undefined;
};

/**
 * Key figures of an import's plain data (the dossier before validation, so partial reads count).
 */
export function keyFigures(
  data: Record<string, unknown>,
  rows: readonly IndicatorRowRead[] = [],
): KeyFigures {
  const statements = (data.statements as StatementInput[] | undefined) ?? [];
  const first = (...concepts: ConceptKey[]): string | undefined => {
    for (const k of concepts) {
      const s = statements.find((x) => x.concept === k);
      if (s) return s.value;
    }
    return undefined;
  };
  const str = (p: string): string | undefined => {
    const v = getPath(data, p);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  const doc = data.document as { level?: 'department' | 'project'; missing?: string[] } | undefined;
  const level = doc?.level;
  // A project-level document: its one project's money, at the registry's path for project 0.
  const projectMoney = (column: 'actual' | 'adjustedBudget' | 'initialBudget') => {
    const path = conceptPathAt(projectConcept(column), 0);
    return path === undefined ? undefined : str(path);
  };
  const project = level === 'project';
  const budgetTotal = project
    ? (projectMoney('adjustedBudget') ?? projectMoney('initialBudget'))
    : amount(
        first(
          'expenditure.total.adjustedBudget',
          'income.total.adjustedBudget',
          'expenditure.total.initialBudget',
          'income.total.initialBudget',
        ),
      );
  const actualTotal = project
    ? projectMoney('actual')
    : amount(first('expenditure.total.actual', 'income.total.actual'));
  const rate = first('execution.rate')?.replace(/%$/, '');
  const out: KeyFigures = {
    ...(str('unit.name') !== undefined && !doc?.missing?.includes('单位名称')
      ? { unit: str('unit.name') }
      : {}),
    ...(typeof data.year === 'number' ? { year: data.year } : {}),
    ...(level ? { level } : {}),
    ...(budgetTotal !== undefined ? { budgetTotal } : {}),
    ...(actualTotal !== undefined ? { actualTotal } : {}),
    ...(rate !== undefined ? { executionRate: rate } : {}),
    ...opt('basicActual', amount(first('expenditure.basic.actual'))),
    ...opt('projectActual', amount(first('expenditure.projects.actual'))),
    ...opt(
      'personnel',
      amount(str('expenditure.personnel.actual') ?? first('expenditure.personnel.actual')),
    ),
    ...opt(
      'publicFunds',
      amount(str('expenditure.publicFunds.actual') ?? first('expenditure.publicFunds.actual')),
    ),
    ...opt('threePublicActual', amount(first('threePublic.total.actual'))),
    ...opt('selfScore', first('score.total')),
    ...opt('grade', first('score.grade')),
    indicators: rows,
  };
  return out;
}

const opt = <K extends string>(k: K, v: string | undefined): Partial<Record<K, string>> =>
  v === undefined ? {} : ({ [k]: v } as Record<K, string>);
