/**
 * Authorisation matrix (docs/api.md): every endpoint × every role × own / same-region /
 * other-region
 * unit, asserting exactly who may read and write what. Each case gets a fresh dossier in the status
 * it needs, so cases do not interact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDossier } from '../core/testing/factories.ts';
import { createDossier, type DossierRecord } from '../storage/dossiers.ts';
import type { DossierStatus } from '../storage/types.ts';
import { makeFixture, type Fixture, type RoleName } from './test-fixture.ts';

type Expect = 'ok' | 401 | 403 | 404 | 422;
type Target = 'A' | 'B' | 'C';
type Grid = Record<RoleName, Record<Target, Expect>>;

const all = (e: Expect): Record<Target, Expect> => ({ A: e, B: e, C: e });
/**
 * A: the editor's own unit, in the reviewer's region; B: another unit in a sub-region of the
 * reviewer's; C: another region. A dossier or unit the caller may not see is a 404, as a missing
 * one is (ids are not disclosed, issue #13); 403 only where the caller sees it but may not act.
 */
const READ: Grid = {
  anonymous: all(401),
  admin: all('ok'),
  editor: { A: 'ok', B: 404, C: 404 },
  reviewer: { A: 'ok', B: 'ok', C: 404 },
};
const EDITOR_OWN: Grid = {
  anonymous: all(401),
  admin: all('ok'),
  editor: { A: 'ok', B: 404, C: 404 },
  reviewer: { A: 403, B: 403, C: 404 },
};
const REVIEW: Grid = {
  anonymous: all(401),
  admin: all('ok'),
  editor: { A: 403, B: 404, C: 404 },
  reviewer: { A: 'ok', B: 'ok', C: 404 },
};
const ADMIN_ONLY: Grid = {
  anonymous: all(401),
  admin: all('ok'),
  editor: { A: 403, B: 404, C: 404 },
  reviewer: { A: 403, B: 403, C: 404 },
};
/** Creating a dossier: a unit id in the body the caller cannot see is unknown-unit (422). */
const CREATE: Grid = {
  anonymous: all(401),
  admin: all('ok'),
  editor: { A: 'ok', B: 422, C: 422 },
  reviewer: { A: 403, B: 403, C: 422 },
};
const ANYONE: Grid = {
  anonymous: all('ok'),
  admin: all('ok'),
  editor: all('ok'),
  reviewer: all('ok'),
};
const NOBODY_404: Grid = {
  anonymous: all(404),
  admin: all(404),
  editor: all(404),
  reviewer: all(404),
};

interface Case {
  readonly name: string;
  readonly method: string;
  readonly status?: DossierStatus;
  readonly url: (d: DossierRecord, f: Fixture) => string;
  readonly body?: (d: DossierRecord, f: Fixture) => unknown;
  readonly grid: Grid;
}

const CASES: Case[] = [
  { name: 'GET dossier', method: 'GET', url: (d) => `/api/dossiers/${d.id}`, grid: READ },
  {
    name: 'GET revisions',
    method: 'GET',
    url: (d) => `/api/dossiers/${d.id}/revisions`,
    grid: READ,
  },
  {
    name: 'GET revision',
    method: 'GET',
    url: (d) => `/api/dossiers/${d.id}/revisions/1`,
    grid: READ,
  },
  {
    name: 'GET diff',
    method: 'GET',
    url: (d) => `/api/dossiers/${d.id}/diff?from=1&to=1`,
    grid: READ,
  },
  { name: 'GET score', method: 'GET', url: (d) => `/api/dossiers/${d.id}/score`, grid: READ },
  { name: 'GET audit', method: 'GET', url: (d) => `/api/dossiers/${d.id}/audit`, grid: READ },
  {
    name: 'GET report.html',
    method: 'GET',
    url: (d) => `/api/dossiers/${d.id}/report.html`,
    grid: READ,
  },
  {
    name: 'GET report.docx',
    method: 'GET',
    url: (d) => `/api/dossiers/${d.id}/report.docx`,
    grid: READ,
  },
  { name: 'GET comments', method: 'GET', url: (d) => `/api/dossiers/${d.id}/comments`, grid: READ },
  { name: 'GET log', method: 'GET', url: (d) => `/api/dossiers/${d.id}/log`, grid: READ },
  { name: 'GET unit', method: 'GET', url: (d) => `/api/units/${d.unitId}`, grid: READ },
  {
    name: 'PUT dossier (draft)',
    method: 'PUT',
    url: (d) => `/api/dossiers/${d.id}`,
    body: (d) => ({ version: 1, dossier: d.dossier }),
    grid: EDITOR_OWN,
  },
  {
    name: 'PUT dossier (returned)',
    method: 'PUT',
    status: 'returned',
    url: (d) => `/api/dossiers/${d.id}`,
    body: (d) => ({ version: 1, dossier: d.dossier }),
    grid: EDITOR_OWN,
  },
  {
    name: 'PUT dossier (submitted)',
    method: 'PUT',
    status: 'submitted',
    url: (d) => `/api/dossiers/${d.id}`,
    body: (d) => ({ version: 1, dossier: d.dossier }),
    grid: ADMIN_ONLY,
  },
  {
    name: 'PUT dossier (published)',
    method: 'PUT',
    status: 'published',
    url: (d) => `/api/dossiers/${d.id}`,
    body: (d) => ({ version: 1, dossier: d.dossier }),
    grid: ADMIN_ONLY,
  },
  {
    name: 'POST comment',
    method: 'POST',
    url: (d) => `/api/dossiers/${d.id}/comments`,
    body: () => ({ target: { kind: 'indicator', ref: 'O1' }, body: '请核对' }),
    grid: READ,
  },
  {
    name: 'POST submit',
    method: 'POST',
    url: (d) => `/api/dossiers/${d.id}/transitions`,
    body: () => ({ action: 'submit' }),
    grid: EDITOR_OWN,
  },
  {
    name: 'POST return',
    method: 'POST',
    status: 'submitted',
    url: (d) => `/api/dossiers/${d.id}/transitions`,
    body: () => ({ action: 'return', comment: '请补充' }),
    grid: REVIEW,
  },
  {
    name: 'POST approve',
    method: 'POST',
    status: 'submitted',
    url: (d) => `/api/dossiers/${d.id}/transitions`,
    body: () => ({ action: 'approve' }),
    grid: REVIEW,
  },
  {
    name: 'POST publish',
    method: 'POST',
    status: 'approved',
    url: (d) => `/api/dossiers/${d.id}/transitions`,
    body: () => ({ action: 'publish' }),
    grid: REVIEW,
  },
  {
    name: 'POST dossier (create)',
    method: 'POST',
    url: () => '/api/dossiers',
    body: (d) => ({ unitId: d.unitId, year: 2024 }),
    grid: CREATE,
  },
  {
    name: 'GET public report (published)',
    method: 'GET',
    status: 'published',
    url: (d) => `/api/public/reports/${d.id}`,
    grid: ANYONE,
  },
  {
    name: 'GET public report (draft)',
    method: 'GET',
    url: (d) => `/api/public/reports/${d.id}`,
    grid: NOBODY_404,
  },
  {
    name: 'GET public report (approved)',
    method: 'GET',
    status: 'approved',
    url: (d) => `/api/public/reports/${d.id}`,
    grid: NOBODY_404,
  },
  {
    name: 'GET public download (draft)',
    method: 'GET',
    url: (d) => `/api/public/reports/${d.id}/report.pdf`,
    grid: NOBODY_404,
  },
];

/** Endpoints without a dossier target. */
const BOUNDARY = '----authzBoundary';
const UPLOAD = Buffer.from(
  `--${BOUNDARY}\r\n` +
    'Content-Disposition: form-data; name="file"; filename="d.yaml"\r\n' +
    'Content-Type: application/x-yaml\r\n\r\n' +
    'year: 2023\nunit:\n  name: 上传局\n' +
    `\r\n--${BOUNDARY}--\r\n`,
);

const GLOBAL: {
  name: string;
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  expect: Record<RoleName, Expect>;
}[] = [
  {
    name: 'POST imports',
    method: 'POST',
    url: '/api/imports',
    body: UPLOAD,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    expect: { anonymous: 401, admin: 'ok', editor: 'ok', reviewer: 'ok' },
  },
  {
    name: 'GET regions',
    method: 'GET',
    url: '/api/regions',
    expect: { anonymous: 401, admin: 'ok', editor: 'ok', reviewer: 'ok' },
  },
  {
    name: 'GET units',
    method: 'GET',
    url: '/api/units',
    expect: { anonymous: 401, admin: 'ok', editor: 'ok', reviewer: 'ok' },
  },
  {
    name: 'GET dossiers',
    method: 'GET',
    url: '/api/dossiers',
    expect: { anonymous: 401, admin: 'ok', editor: 'ok', reviewer: 'ok' },
  },
  {
    name: 'GET export.csv',
    method: 'GET',
    url: '/api/dossiers/export.csv',
    expect: { anonymous: 401, admin: 'ok', editor: 403, reviewer: 'ok' },
  },
  {
    name: 'GET export.xlsx',
    method: 'GET',
    url: '/api/dossiers/export.xlsx',
    expect: { anonymous: 401, admin: 'ok', editor: 403, reviewer: 'ok' },
  },
  {
    name: 'POST units',
    method: 'POST',
    url: '/api/units',
    body: { name: '新单位', regionId: 1 },
    expect: { anonymous: 401, admin: 'ok', editor: 403, reviewer: 403 },
  },
  {
    name: 'GET log',
    method: 'GET',
    url: '/api/log',
    expect: { anonymous: 401, admin: 'ok', editor: 403, reviewer: 403 },
  },
  {
    name: 'GET users',
    method: 'GET',
    url: '/api/users',
    expect: { anonymous: 401, admin: 'ok', editor: 403, reviewer: 403 },
  },
  {
    name: 'POST users',
    method: 'POST',
    url: '/api/users',
    body: { username: 'new-reviewer', password: 'long-enough-pw', role: 'reviewer', regionId: 1 },
    expect: { anonymous: 401, admin: 'ok', editor: 403, reviewer: 403 },
  },
  {
    name: 'POST regions',
    method: 'POST',
    url: '/api/regions',
    body: { name: '新区', parentId: 1 },
    expect: { anonymous: 401, admin: 'ok', editor: 403, reviewer: 403 },
  },
  {
    name: 'GET session',
    method: 'GET',
    url: '/api/session',
    expect: { anonymous: 'ok', admin: 'ok', editor: 'ok', reviewer: 'ok' },
  },
  {
    name: 'GET public reports',
    method: 'GET',
    url: '/api/public/reports',
    expect: { anonymous: 'ok', admin: 'ok', editor: 'ok', reviewer: 'ok' },
  },
  {
    name: 'GET healthz',
    method: 'GET',
    url: '/healthz',
    expect: { anonymous: 'ok', admin: 'ok', editor: 'ok', reviewer: 'ok' },
  },
  {
    name: 'DELETE session (anonymous)',
    method: 'DELETE',
    url: '/api/session',
    expect: { anonymous: 401, admin: 'ok', editor: 'ok', reviewer: 'ok' },
  },
];

const ROLES: RoleName[] = ['anonymous', 'admin', 'editor', 'reviewer'];

describe('authorisation matrix', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  const rows = CASES.flatMap((c) =>
    ROLES.flatMap((role) =>
      (['A', 'B', 'C'] as const).map((target) => ({ c, role, target, want: c.grid[role][target] })),
    ),
  );
  it.each(rows.map((r) => [`${r.c.name} · ${r.role} · ${r.target} → ${r.want}`, r] as const))(
    '%s',
    async (_label, { c, role, target, want }) => {
      const d = await f.dossier(target, c.status ?? 'draft');
      const res = await f.req(role, c.method, c.url(d, f), c.body?.(d, f));
      if (want === 'ok') {
        const allowed = res.statusCode === 200 || res.statusCode === 201;
        expect(allowed, `${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
      } else {
        expect(res.statusCode, res.body.slice(0, 200)).toBe(want);
        const codes = {
          401: 'unauthorized',
          403: 'forbidden',
          404: 'not-found',
          422: 'unknown-unit',
        };
        expect(res.json().error.code).toBe(codes[want]);
      }
    },
  );

  // Global endpoints; DELETE session last because it signs the caller out.
  const globalRows = GLOBAL.flatMap((g) =>
    ROLES.map((role) => ({ g, role, want: g.expect[role] })),
  );
  it.each(globalRows.map((r) => [`${r.g.name} · ${r.role} → ${r.want}`, r] as const))(
    '%s',
    async (_label, { g, role, want }) => {
      const res = await f.req(role, g.method, g.url, g.body, g.headers);
      if (want === 'ok') expect([200, 201], res.body.slice(0, 200)).toContain(res.statusCode);
      else expect(res.statusCode, res.body.slice(0, 200)).toBe(want);
    },
  );
});

describe('hidden ids answer as missing ones (issue #13)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it("an editor gets the same 404 for another unit's dossier or unit as for none", async () => {
    const other = await f.dossier('C', 'draft');
    const missing = 2 ** 31 - 1;
    for (const [hidden, none] of [
      [`/api/dossiers/${other.id}`, `/api/dossiers/${missing}`],
      [`/api/dossiers/${other.id}/log`, `/api/dossiers/${missing}/log`],
      [`/api/units/${other.unitId}`, `/api/units/${missing}`],
    ] as const) {
      const a = await f.req('editor', 'GET', hidden);
      const b = await f.req('editor', 'GET', none);
      expect(a.statusCode, hidden).toBe(404);
      expect(a.body, hidden).toBe(b.body);
    }
    const create = (unitId: number) =>
      f.req('editor', 'POST', '/api/dossiers', { unitId, year: 2024 });
    const [a, b] = [await create(other.unitId), await create(missing)];
    expect(a.statusCode).toBe(422);
    expect(a.json().error.code).toBe('unknown-unit');
    expect(a.json().error.message).toBe(`单位 ${other.unitId} 不存在`);
    expect(b.json().error.message).toBe(`单位 ${missing} 不存在`);
  });
});

describe('what each role sees in listings', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
    for (const u of ['A', 'B', 'C'] as const) {
      const year = 2023;
      await createDossier(f.store.db, {
        unitId: f.units[u].id,
        year,
        dossier: makeDossier({ year, unit: { name: f.units[u].name } }),
        actor: 'fixture',
      });
    }
    const pub = await createDossier(f.store.db, {
      unitId: f.units.C.id,
      year: 2022,
      dossier: makeDossier({ year: 2022 }),
      actor: 'fixture',
    });
    await f.store.db
      .updateTable('dossiers')
      .set({ status: 'published' })
      .where('id', '=', pub.id)
      .execute();
  });
  afterAll(async () => {
    await f.close();
  });

  it('listing, units and public reports are filtered by role', async () => {
    const names = async (role: RoleName, url: string) => {
      const body = (await f.req(role, 'GET', url)).json();
      return [
        ...new Set(
          (Array.isArray(body) ? body : body.items).map(
            (i: { unitName?: string; name?: string }) => i.unitName ?? i.name,
          ),
        ),
      ].sort();
    };
    expect(await names('admin', '/api/dossiers')).toEqual(
      ['衡南县乙局', '衡阳市甲局', '长沙市丙局'].sort(),
    );
    expect(await names('reviewer', '/api/dossiers')).toEqual(['衡南县乙局', '衡阳市甲局'].sort());
    expect(await names('editor', '/api/dossiers')).toEqual(['衡阳市甲局']);
    expect(await names('editor', '/api/units')).toEqual(['衡阳市甲局']);
    expect(await names('reviewer', '/api/units')).toEqual(['衡南县乙局', '衡阳市甲局'].sort());
    expect(await names('anonymous', '/api/public/reports')).toEqual(['长沙市丙局']);
    // Filtering by another unit's id does not widen what an editor sees.
    expect(
      (await f.req('editor', 'GET', `/api/dossiers?unitId=${f.units.C.id}`)).json().total,
    ).toBe(0);
    const csv = (await f.req('reviewer', 'GET', '/api/dossiers/export.csv')).body;
    expect(csv).toContain('衡阳市甲局');
    expect(csv).not.toContain('长沙市丙局');
  });
});
