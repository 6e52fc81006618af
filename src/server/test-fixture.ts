/**
 * Route-test fixture: a real SQLite file in a temp dir with two regions (衡阳市 ⊃ 衡南县, and 长沙市),
 * three units (A in 衡阳市, B in 衡南县, C in 长沙市), one user per role and signed-in cookies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { makeDossier } from '../core/testing/factories.ts';
import { createRegion, createUnit, createUser, type Unit } from '../storage/accounts.ts';
import { createDossier, transitionDossier, type DossierRecord } from '../storage/dossiers.ts';
import { openStore, type Store } from '../storage/store.ts';
import type { DossierStatus } from '../storage/types.ts';
import { buildApp, type AppOptions } from './app.ts';

export type RoleName = 'anonymous' | 'admin' | 'editor' | 'reviewer';
export const PASSWORD = 'correct horse battery';

export interface Fixture {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly units: { readonly A: Unit; readonly B: Unit; readonly C: Unit };
  readonly cookies: Record<RoleName, string | undefined>;
  /**
   * A fresh dossier (year 2023) of a fresh unit in the region of A, B or C, in a given status, so
   * cases do not interact; for A the editor is moved to the new unit (it stays "their own unit").
   */
  dossier(unit: 'A' | 'B' | 'C', status?: DossierStatus): Promise<DossierRecord>;
  req(
    role: RoleName,
    method: string,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function cookieOf(res: LightMyRequestResponse): string | undefined {
  const c = res.cookies.find((k) => k.name === 'jixiao_session');
  return c ? `jixiao_session=${c.value}` : undefined;
}

export async function makeFixture(appOptions: Partial<AppOptions> = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-routes-'));
  const store = await openStore({ sqliteFile: join(dir, 'routes.sqlite') });
  const db = store.db;
  const hy = await createRegion(db, { name: '衡阳市' });
  const hn = await createRegion(db, { name: '衡南县', parentId: hy.id });
  const cs = await createRegion(db, { name: '长沙市' });
  const units = {
    A: await createUnit(db, { name: '衡阳市甲局', regionId: hy.id }),
    B: await createUnit(db, { name: '衡南县乙局', regionId: hn.id }),
    C: await createUnit(db, { name: '长沙市丙局', regionId: cs.id }),
  };
  await createUser(db, { username: 'admin', password: PASSWORD, role: 'admin' });
  await createUser(db, {
    username: 'editor',
    password: PASSWORD,
    role: 'editor',
    unitId: units.A.id,
  });
  await createUser(db, {
    username: 'reviewer',
    password: PASSWORD,
    role: 'reviewer',
    regionId: hy.id,
  });
  await createUser(db, {
    username: 'editorC',
    password: PASSWORD,
    role: 'editor',
    unitId: units.C.id,
  });
  const app = await buildApp({
    store,
    loginRateLimit: { max: 1000, timeWindow: 60_000 },
    ...appOptions,
  });
  const cookies: Record<RoleName, string | undefined> = {
    anonymous: undefined,
    admin: undefined,
    editor: undefined,
    reviewer: undefined,
  };
  for (const role of ['admin', 'editor', 'reviewer'] as const) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: role, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${role}: ${res.statusCode} ${res.body}`);
    cookies[role] = cookieOf(res);
  }
  let unitSeq = 0;
  const PATH: Record<DossierStatus, DossierStatus[]> = {
    draft: [],
    submitted: ['submitted'],
    returned: ['submitted', 'returned'],
    approved: ['submitted', 'approved'],
    published: ['submitted', 'approved', 'published'],
  };
  return {
    app,
    store,
    units,
    cookies,
    async dossier(u, status = 'draft') {
      const year = 2023;
      const unit = await createUnit(db, {
        name: `${units[u].name}${++unitSeq}`,
        regionId: units[u].regionId,
      });
      if (u === 'A')
        await db
          .updateTable('users')
          .set({ unit_id: unit.id })
          .where('username', '=', 'editor')
          .execute();
      const rec = await createDossier(db, {
        unitId: unit.id,
        year,
        dossier: makeDossier({ year, unit: { name: unit.name } }),
        actor: 'fixture',
      });
      let from: DossierStatus = 'draft';
      for (const to of PATH[status]) {
        await transitionDossier(db, { id: rec.id, from, to, action: 'fixture', actor: 'fixture' });
        from = to;
      }
      return { ...rec, status };
    },
    req(role, method, url, payload, headers = {}) {
      const cookie = cookies[role];
      return app.inject({
        method: method as 'GET',
        url,
        ...(payload !== undefined ? { payload: payload as object } : {}),
        headers: { ...(cookie ? { cookie } : {}), ...headers },
      });
    },
    async close() {
      await app.close();
      await store.close().catch(() => undefined); // a test may have closed it already
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
