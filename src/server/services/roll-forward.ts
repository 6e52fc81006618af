/**
 * The first document of a new dossier: the one posted, the previous year's rolled forward (the
 * same rules as `jixiao next-year`, core/dossier/next-year.ts) or a blank one for the unit.
 * Routes validate the result for storage and create the record.
 */
import type { Kysely } from 'kysely';
import { blankDossierInput } from '../../core/dossier/blank.ts';
import { nextYearDossier } from '../../core/dossier/next-year.ts';
import { validateDossier } from '../../core/dossier/validate.ts';
import type { Unit } from '../../storage/accounts.ts';
import { findDossier } from '../../storage/dossiers.ts';
import type { DB } from '../../storage/types.ts';
import { HttpError } from '../errors.ts';

/** Where the first document comes from (POST /api/dossiers body). */
export interface InitialSource {
  /** A complete document; wins over `from`. */
  readonly dossier?: unknown;
  /** 'previous': roll the unit's previous year forward; otherwise blank. */
  readonly from?: 'blank' | 'previous' | undefined;
}

const noPrevious = (unit: Unit, year: number) =>
  new HttpError(422, 'no-previous', `${unit.name} 没有 ${year - 1} 年度档案`, [
    { path: 'body.from', message: 'no previous year' },
  ]);

const previousInvalid = (unit: Unit, year: number) =>
  new HttpError(422, 'no-previous', `${unit.name} 的 ${year - 1} 年度档案无效，无法沿用`);

/**
 * The unit's dossier of `year - 1` rolled forward to `year`: structure carried, this year's
 * figures moved to the prior-year columns, results cleared. 422 no-previous when there is none
 * or it is not a valid dossier.
 */
export async function rollForward(db: Kysely<DB>, unit: Unit, year: number): Promise<unknown> {
  const prev = await findDossier(db, unit.id, year - 1);
  if (!prev) throw noPrevious(unit, year);
  const parsed = validateDossier(prev.dossier, 'zh');
  if (!parsed.ok) throw previousInvalid(unit, year);
  return nextYearDossier(parsed.dossier);
}

/** A blank dossier for the unit and year, with the unit's budget code when it has one. */
export function blankForUnit(unit: Unit, year: number): unknown {
  const blank = blankDossierInput(unit.name, year);
  const budgetCode = unit.budgetCode ? { budgetCode: unit.budgetCode } : {};
  return { ...blank, unit: { ...blank.unit, ...budgetCode } };
}

/** The first document of the unit's dossier for `year`, not yet validated. */
export async function initialDossier(
  db: Kysely<DB>,
  unit: Unit,
  year: number,
  source: InitialSource,
): Promise<unknown> {
  if (source.dossier !== undefined) return source.dossier;
  if (source.from === 'previous') return rollForward(db, unit, year);
  return blankForUnit(unit, year);
}
