/** What route modules share: the store, options, and the caller of a request. */
import type { FastifyRequest } from 'fastify';
import { listRegions, listUnits, subtreeIds, type User } from '../storage/accounts.ts';
import type { Store } from '../storage/store.ts';
import type { Caller } from './access.ts';
import type { DossierCache } from './compute.ts';
import type { SaveCheckPool } from './dossier-check-pool.ts';
import type { ReportService } from './reports.ts';
import { unauthorized } from './errors.ts';

export interface AppDeps {
  readonly store: Store;
  /** Session lifetime, ms. */
  readonly sessionTtlMs: number;
  readonly secureCookies: boolean;
  /** Upload limit for POST /api/imports, bytes. */
  readonly uploadLimit: number;
  /** Score/audit results and read checks of stored dossier versions, owned by this app. */
  readonly dossierCache: DossierCache;
  /** Report files: rendered in a bounded worker pool, cached per version and format. */
  readonly reports: ReportService;
  /** The checks of a PUT's body, in worker threads (inline when it has none). */
  readonly saveChecks: SaveCheckPool;
}

export const SESSION_COOKIE = 'jixiao_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    callerPromise: Promise<Caller> | null;
  }
}

/** Units the user can see: all (admin), their region's subtree (reviewer), their unit (editor). */
export async function visibleUnits(
  store: Store,
  user: User,
): Promise<ReadonlySet<number> | undefined> {
  if (user.role === 'admin') return undefined;
  if (user.role === 'editor') return new Set(user.unitId === null ? [] : [user.unitId]);
  if (user.regionId === null) return new Set();
  const regions = subtreeIds(await listRegions(store.db), user.regionId);
  return new Set((await listUnits(store.db, { regionIds: [...regions] })).map((u) => u.id));
}

export function callerOf(deps: AppDeps, request: FastifyRequest): Promise<Caller> {
  if (!request.callerPromise) {
    const user = request.user;
    request.callerPromise = user
      ? visibleUnits(deps.store, user).then((v) => ({ user, visibleUnits: v }))
      : Promise.resolve({ user: null, visibleUnits: new Set<number>() });
  }
  return request.callerPromise;
}

/** The signed-in caller, or 401. */
export async function signedIn(
  deps: AppDeps,
  request: FastifyRequest,
): Promise<Caller & { user: User }> {
  const c = await callerOf(deps, request);
  if (!c.user) throw unauthorized();
  return c as Caller & { user: User };
}

export const presentUser = (u: User) => ({
  id: u.id,
  username: u.username,
  role: u.role,
  ...(u.unitId !== null ? { unitId: u.unitId } : {}),
  ...(u.regionId !== null ? { regionId: u.regionId } : {}),
});
