/**
 * The server on PostgreSQL: the route suite runs on SQLite; this smoke test runs the main paths
 * (bootstrap, login, create, save, conflict, listing with summary, workflow) on a real PostgreSQL
 * server, in a fresh schema dropped afterwards. Skipped with a loud warning only outside CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDossier } from '../core/testing/factories.ts';
import { openTestStore, postgresAvailable, type TestStore } from '../storage/test-db.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { cookieOf } from './test-fixture.ts';

const pgUp = await postgresAvailable();

describe.skipIf(!pgUp)('server on PostgreSQL', () => {
  let t: TestStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await openTestStore('postgres');
    await bootstrap(t.store, {
      env: { JIXIAO_ADMIN_PASSWORD: 'pg-admin', JIXIAO_DEMO_PASSWORD: 'pg-demo' },
    });
    app = await buildApp({ store: t.store });
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('runs login → create → save → conflict → workflow → listing', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'editor', password: 'pg-demo' },
    });
    expect(login.statusCode).toBe(200);
    const editor = { cookie: cookieOf(login) as string };
    const reviewer = {
      cookie: cookieOf(
        await app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'reviewer', password: 'pg-demo' },
        }),
      ) as string,
    };
    const unitId = login.json().user.unitId as number;
    const before = (
      await app.inject({ method: 'GET', url: '/api/dossiers', headers: reviewer })
    ).json().total as number;
    const created = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: editor,
      payload: {
        unitId,
        year: 2030,
        // Filed after the year's end: no error-level finding, so the submit guard lets it through.
        dossier: makeDossier({ year: 2030, filing: { preparer: '张三', date: '2031-04-20' } }),
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const evil = "'); drop table units;--";
    const body = { ...created.json().dossier, narrative: { problems: evil } };
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/dossiers/${id}`,
          headers: editor,
          payload: { version: 1, dossier: body },
        })
      ).json().version,
    ).toBe(2);
    const stale = await app.inject({
      method: 'PUT',
      url: `/api/dossiers/${id}`,
      headers: editor,
      payload: { version: 1, dossier: body },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(2);
    expect(
      (await app.inject({ method: 'GET', url: `/api/dossiers/${id}`, headers: editor })).json()
        .dossier.narrative.problems,
    ).toBe(evil);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/dossiers/${id}/transitions`,
          headers: editor,
          payload: { action: 'submit' },
        })
      ).json().status,
    ).toBe('submitted');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/dossiers/${id}/transitions`,
          headers: reviewer,
          payload: { action: 'return', comment: '请修改' },
        })
      ).json().status,
    ).toBe('returned');
    const list = (
      await app.inject({
        method: 'GET',
        url: '/api/dossiers?sort=total&order=desc',
        headers: reviewer,
      })
    ).json();
    expect(list.total).toBe(before + 1);
    expect(
      list.items.every((i: { summary: { total: string | null } }) =>
        /^\d+\.\d\d$/.test(i.summary.total ?? ''),
      ),
    ).toBe(true);
    const diff = (
      await app.inject({
        method: 'GET',
        url: `/api/dossiers/${id}/diff?from=1&to=2`,
        headers: editor,
      })
    ).json();
    expect(diff.changes).toContainEqual({ path: 'narrative.problems', after: evil });
    const csv = await app.inject({
      method: 'GET',
      url: '/api/dossiers/export.csv',
      headers: reviewer,
    });
    expect(csv.body.trim().split('\r\n')).toHaveLength(before + 2);
  });
});
