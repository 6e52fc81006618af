/**
 * Who may do what (docs/api.md): pure decisions over the caller, the dossier's unit and status.
 * admin: everything; reviewer: units of their region and its sub-regions; editor: own unit only;
 * anonymous: published reports through /api/public only.
 *
 * A dossier or unit the caller may not see answers exactly as a missing one (404, or 422
 * unknown-unit for an id in a body), so ids do not tell what exists (issue #13); 403 is only for
 * what the caller can see but may not do.
 */
import type { User } from '../storage/accounts.ts';
import type { DossierStatus } from '../storage/types.ts';

export type Action =
  | 'read'
  | 'create'
  | 'write'
  | 'comment'
  | 'submit'
  | 'return'
  | 'approve'
  | 'publish'
  | 'unpublish'
  | 'export';

export interface Caller {
  readonly user: User | null;
  /** Unit ids the caller can see; undefined = all (admin). */
  readonly visibleUnits: ReadonlySet<number> | undefined;
}

export const canSeeUnit = (c: Caller, unitId: number): boolean =>
  c.user !== null && (c.visibleUnits === undefined || c.visibleUnits.has(unitId));

/** Editors may edit only while the dossier is with them. */
export const EDITABLE: readonly DossierStatus[] = ['draft', 'returned'];

export function may(c: Caller, action: Action, unitId: number, status?: DossierStatus): boolean {
  const u = c.user;
  if (!u) return false;
  if (u.role === 'admin') return true;
  if (!canSeeUnit(c, unitId)) return false;
  const own = u.role === 'editor' && u.unitId === unitId;
  switch (action) {
    case 'read':
      return true;
    case 'create':
    case 'submit':
      return own;
    case 'write':
      return own && status !== undefined && EDITABLE.includes(status);
    case 'comment':
      return own || u.role === 'reviewer';
    case 'return':
    case 'approve':
    case 'publish':
    case 'unpublish':
    case 'export':
      return u.role === 'reviewer';
  }
}
