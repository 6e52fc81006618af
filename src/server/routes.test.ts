/** In-process route tests (app.inject) on a real SQLite file: every endpoint of docs/api.md. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseDossierInput, makeDossier } from '../core/testing/factories.ts';
import { createUser } from '../storage/accounts.ts';
import { buildApp } from './app.ts';
import { cookieOf, makeFixture, PASSWORD, type Fixture } from './test-fixture.ts';

function multipart(filename: string, content: Buffer | string, field = 'file') {
  const boundary = '----jixiaoTestBoundary';
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.close();
});

describe('session', () => {
  it('logs in with an HttpOnly SameSite=Lax cookie, tells who is signed in, logs out', async () => {
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'editor', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      username: 'editor',
      role: 'editor',
      unitId: f.units.A.id,
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/jixiao_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = cookieOf(res) as string;
    expect(
      (await f.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json().user
        .username,
    ).toBe('editor');
    expect((await f.app.inject({ method: 'GET', url: '/api/session' })).json()).toEqual({
      user: null,
    });
    expect(
      (await f.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } }))
        .statusCode,
    ).toBe(200);
    // The old token no longer works.
    expect(
      (await f.app.inject({ method: 'GET', url: '/api/units', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('rejects bad credentials the same way for unknown users and wrong passwords', async () => {
    const a = await f.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'editor', password: 'nope' },
    });
    const b = await f.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'ghost', password: 'nope' },
    });
    expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.code).toBe('bad-credentials');
    const bad = await f.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 42 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.username',
      'body.password',
    ]);
  });

  it('rate-limits login attempts', async () => {
    const g = await makeFixture({ loginRateLimit: { max: 3, timeWindow: 60_000 } });
    try {
      // makeFixture itself logged in 3 times: the next attempt is over the limit.
      const res = await g.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'admin', password: PASSWORD },
      });
      expect(res.statusCode).toBe(429);
      expect(res.json().error.code).toBe('rate-limited');
      // Other routes are not limited.
      expect((await g.req('admin', 'GET', '/api/units')).statusCode).toBe(200);
    } finally {
      await g.close();
    }
  });
});

describe('regions and units', () => {
  it('returns the region tree and creates units (admin)', async () => {
    const tree = (await f.req('admin', 'GET', '/api/regions')).json();
    const hy = tree.find((r: { name: string }) => r.name === '衡阳市');
    expect(hy.children.map((c: { name: string }) => c.name)).toEqual(['衡南县']);
    const created = await f.req('admin', 'POST', '/api/units', {
      name: '衡阳市新局',
      regionId: hy.id,
      budgetCode: '901',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: '衡阳市新局',
      regionId: hy.id,
      budgetCode: '901',
    });
    expect((await f.req('admin', 'GET', `/api/units/${created.json().id}`)).json().name).toBe(
      '衡阳市新局',
    );
    expect(
      (await f.req('admin', 'POST', '/api/units', { name: 'x', regionId: 9999 })).json().error.code,
    ).toBe('unknown-region');
    // Ids may come as decimal text from forms; anything else is a type error.
    expect(
      (await f.req('admin', 'POST', '/api/units', { name: '文本编号局', regionId: String(hy.id) }))
        .statusCode,
    ).toBe(201);
    const wrong = await f.req('admin', 'POST', '/api/units', { name: 5, regionId: 'one' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.name',
      'body.regionId',
    ]);
    expect((await f.req('admin', 'GET', '/api/units/abc')).statusCode).toBe(400);
    expect((await f.req('admin', 'GET', '/api/units/99999')).statusCode).toBe(404);
  });
});

describe('users, regions, passwords', () => {
  it(
    'admin creates regions and users; ' + 'roles need their unit or region; names are unique',
    async () => {
      const region = await f.req('admin', 'POST', '/api/regions', {
        name: '雁峰区',
        parentId: f.units.A.regionId,
      });
      expect(region.statusCode).toBe(201);
      expect(region.json()).toMatchObject({ name: '雁峰区', parentId: f.units.A.regionId });
      expect(
        (await f.req('admin', 'POST', '/api/regions', { name: 'x', parentId: 9999 })).json().error
          .code,
      ).toBe('unknown-region');
      const rv = await f.req('admin', 'POST', '/api/users', {
        username: 'yf-reviewer',
        password: 'yanfeng-2024',
        role: 'reviewer',
        regionId: region.json().id,
      });
      expect(rv.statusCode).toBe(201);
      expect(rv.json()).toEqual({
        id: expect.any(Number),
        username: 'yf-reviewer',
        role: 'reviewer',
        regionId: region.json().id,
      });
      expect(
        (
          await f.req('admin', 'POST', '/api/users', {
            username: 'yf-reviewer',
            password: 'yanfeng-2024',
            role: 'reviewer',
            regionId: region.json().id,
          })
        ).json().error.code,
      ).toBe('exists');
      expect(
        (
          await f.req('admin', 'POST', '/api/users', {
            username: 'no-unit',
            password: 'long-enough',
            role: 'editor',
          })
        ).json().error.code,
      ).toBe('unknown-unit');
      const short = await f.req('admin', 'POST', '/api/users', {
        username: 'short',
        password: '123',
        role: 'admin',
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.details[0].path).toBe('body.password');
      const log = (await f.req('admin', 'GET', '/api/log?limit=5')).json();
      expect(log[0]).toMatchObject({ actor: 'admin', action: 'user.create' });
      expect(log.length).toBeLessThanOrEqual(5);
      expect((await f.req('admin', 'GET', '/api/log?actor=yf-reviewer')).json()).toEqual([]);
      const list = (await f.req('admin', 'GET', '/api/users')).json();
      expect(list.map((u: { username: string }) => u.username)).toContain('yf-reviewer');
      expect(JSON.stringify(list)).not.toMatch(/scrypt|password/);
      // The new reviewer signs in and sees nothing yet (no units in 雁峰区).
      const login = await f.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'yf-reviewer', password: 'yanfeng-2024' },
      });
      expect(
        (
          await f.app.inject({
            method: 'GET',
            url: '/api/dossiers',
            headers: { cookie: cookieOf(login) as string },
          })
        ).json().total,
      ).toBe(0);
    },
  );

  it("changes one's own password: other sessions end, this one stays", async () => {
    await createUser(f.store.db, { username: 'pw-user', password: 'old-password', role: 'admin' });
    const a = cookieOf(
      await f.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'pw-user', password: 'old-password' },
      }),
    ) as string;
    const b = cookieOf(
      await f.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'pw-user', password: 'old-password' },
      }),
    ) as string;
    const wrong = await f.app.inject({
      method: 'PUT',
      url: '/api/session/password',
      headers: { cookie: a },
      payload: { current: 'nope', next: 'new-password' },
    });
    expect(wrong.statusCode).toBe(422);
    const ok = await f.app.inject({
      method: 'PUT',
      url: '/api/session/password',
      headers: { cookie: a },
      payload: { current: 'old-password', next: 'new-password' },
    });
    expect(ok.statusCode).toBe(200);
    expect(
      (await f.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: a } })).json()
        .user.username,
    ).toBe('pw-user');
    expect(
      (await f.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: b } })).json()
        .user,
    ).toBeNull();
    expect(
      (
        await f.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'pw-user', password: 'old-password' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await f.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'pw-user', password: 'new-password' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await f.app.inject({
          method: 'PUT',
          url: '/api/session/password',
          payload: { current: 'x', next: 'yyyyyyyy' },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('dossiers', () => {
  it(
    'creates blank, from a body, and from the previous year; ' +
      'refuses duplicates and invalid bodies',
    async () => {
      const blank = await f.req('editor', 'POST', '/api/dossiers', {
        unitId: f.units.A.id,
        year: 2022,
      });
      expect(blank.statusCode).toBe(201);
      expect(blank.json()).toMatchObject({
        unitId: f.units.A.id,
        unitName: '衡阳市甲局',
        year: 2022,
        version: 1,
        status: 'draft',
        updatedBy: 'editor',
      });
      expect(blank.json().dossier).toMatchObject({
        year: 2022,
        unit: { name: '衡阳市甲局' },
        indicators: [],
      });

      const full = await f.req('editor', 'PUT', `/api/dossiers/${blank.json().id}`, {
        version: 1,
        dossier: { ...baseDossierInput(), year: 2022 },
      });
      expect(full.statusCode).toBe(200);
      const prev = await f.req('editor', 'POST', '/api/dossiers', {
        unitId: f.units.A.id,
        year: 2023,
        from: 'previous',
      });
      expect(prev.statusCode).toBe(201);
      expect(prev.json().dossier.year).toBe(2023);
      expect(prev.json().dossier.indicators).toHaveLength(7);
      // Last year's results are not carried: actuals move to the prior-year column, scores are
      // cleared.
      expect(prev.json().dossier.income.general).toMatchObject({ priorActual: '500' });
      expect(prev.json().dossier.income.general.actual).toBeUndefined();
      expect(prev.json().dossier.indicators[0].score).toBeUndefined();

      expect(
        (
          await f.req('editor', 'POST', '/api/dossiers', { unitId: f.units.A.id, year: 2023 })
        ).json().error.code,
      ).toBe('exists');
      expect(
        (
          await f.req('editor', 'POST', '/api/dossiers', {
            unitId: f.units.A.id,
            year: 2030,
            from: 'previous',
          })
        ).json().error.code,
      ).toBe('no-previous');
      const invalid = await f.req('editor', 'POST', '/api/dossiers', {
        unitId: f.units.A.id,
        year: 2031,
        dossier: { ...baseDossierInput(), year: 2031, indicators: [{ id: 'X' }] },
      });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json().error.code).toBe('invalid-dossier');
      expect(invalid.json().error.details.map((d: { path: string }) => d.path)).toContain(
        'indicators[0].level1',
      );
      expect(
        (await f.req('admin', 'POST', '/api/dossiers', { unitId: 99999, year: 2023 })).json().error
          .code,
      ).toBe('unknown-unit');
    },
  );

  it(
    'saves with optimistic concurrency: ' +
      'stale version → 409 with the current state, losing body in the log',
    async () => {
      const d = await f.dossier('A');
      const url = `/api/dossiers/${d.id}`;
      const v2 = makeDossier({ goal: { expected: '第二版目标', achieved: '' } });
      const ok = await f.req('editor', 'PUT', url, { version: 1, dossier: v2 });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().version).toBe(2);
      const lost = makeDossier({ goal: { expected: '迟到的修改', achieved: '' } });
      const stale = await f.req('admin', 'PUT', url, { version: 1, dossier: lost });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('conflict');
      expect(stale.json().current).toMatchObject({ version: 2, updatedBy: 'editor' });
      expect(stale.json().current.dossier.goal.expected).toBe('第二版目标');
      const got = (await f.req('editor', 'GET', url)).json();
      expect(got).toMatchObject({ version: 2, dossier: { goal: { expected: '第二版目标' } } });
      const log = (await f.req('editor', 'GET', `${url}/log`)).json();
      const conflict = log.find((e: { action: string }) => e.action === 'dossier.conflict');
      expect(conflict).toMatchObject({
        actor: 'admin',
        detail: { baseVersion: 1, currentVersion: 2 },
      });
      expect(conflict.detail.dossier.goal.expected).toBe('迟到的修改');
    },
  );

  it('two editors PUT the same version at once: one 200, one 409, nothing lost', async () => {
    await createUser(f.store.db, {
      username: 'editor2',
      password: PASSWORD,
      role: 'editor',
      unitId: f.units.A.id,
    });
    const login = await f.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'editor2', password: PASSWORD },
    });
    const cookie2 = cookieOf(login) as string;
    const d = await f.dossier('A'); // moves "editor" to a fresh unit: put editor2 there too
    await f.store.db
      .updateTable('users')
      .set({ unit_id: d.unitId })
      .where('username', '=', 'editor2')
      .execute();
    const bodies = ['甲的修改', '乙的修改'].map((t) =>
      makeDossier({ goal: { expected: t, achieved: '' } }),
    );
    const [r1, r2] = await Promise.all([
      f.req('editor', 'PUT', `/api/dossiers/${d.id}`, { version: 1, dossier: bodies[0] }),
      f.app.inject({
        method: 'PUT',
        url: `/api/dossiers/${d.id}`,
        payload: { version: 1, dossier: bodies[1] },
        headers: { cookie: cookie2 },
      }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const winner = r1.statusCode === 200 ? '甲的修改' : '乙的修改';
    const loser = r1.statusCode === 200 ? '乙的修改' : '甲的修改';
    expect(
      (await f.req('admin', 'GET', `/api/dossiers/${d.id}`)).json().dossier.goal.expected,
    ).toBe(winner);
    const log = (await f.req('admin', 'GET', `/api/dossiers/${d.id}/log`)).json();
    expect(
      log.find((e: { action: string }) => e.action === 'dossier.conflict').detail.dossier.goal
        .expected,
    ).toBe(loser);
  });

  it(
    'validates PUT bodies: wrong types 400 with paths, ' +
      'invalid dossier 422 with paths, year mismatch 422',
    async () => {
      const d = await f.dossier('A');
      const url = `/api/dossiers/${d.id}`;
      const types = await f.req('editor', 'PUT', url, { version: '1', dossier: {} });
      expect(types.statusCode).toBe(400);
      expect(types.json().error.details[0].path).toBe('body.version');
      const bad = await f.req('editor', 'PUT', url, {
        version: 1,
        dossier: {
          ...baseDossierInput(),
          indicators: [{ ...baseDossierInput().indicators![0], weight: 'ten' }],
        },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.details).toEqual([
        expect.objectContaining({ path: 'indicators[0].weight', code: 'schema.decimal' }),
      ]);
      const year = await f.req('editor', 'PUT', url, {
        version: 1,
        dossier: makeDossier({ year: 2019 }),
      });
      expect(year.statusCode).toBe(422);
      expect(year.json().error.details[0].path).toBe('year');
      expect((await f.req('editor', 'GET', url)).json().version).toBe(1);
    },
  );

  it('lists revisions, returns one, and diffs two', async () => {
    const d = await f.dossier('A');
    const url = `/api/dossiers/${d.id}`;
    const changed = { ...(d.dossier as object), goal: { expected: '新目标', achieved: '' } };
    expect((await f.req('editor', 'PUT', url, { version: 1, dossier: changed })).statusCode).toBe(
      200,
    );
    const revs = (await f.req('editor', 'GET', `${url}/revisions`)).json();
    expect(
      revs.map((r: { version: number; createdBy: string }) => [r.version, r.createdBy]),
    ).toEqual([
      [1, 'fixture'],
      [2, 'editor'],
    ]);
    expect((await f.req('editor', 'GET', `${url}/revisions/1`)).json().dossier.goal.expected).toBe(
      '保障运转，完成业务工作。',
    );
    expect((await f.req('editor', 'GET', `${url}/revisions/9`)).statusCode).toBe(404);
    const diff = (await f.req('editor', 'GET', `${url}/diff?from=1&to=2`)).json();
    expect(diff.changes).toEqual([
      { path: 'goal.expected', before: '保障运转，完成业务工作。', after: '新目标' },
      { path: 'goal.achieved', before: '运转正常，业务工作全部完成。', after: '' },
    ]);
    expect((await f.req('editor', 'GET', `${url}/diff?from=1`)).statusCode).toBe(400);
  });

  it('scores and audits; the listing carries the stored summary', async () => {
    const d = await f.dossier('A');
    const score = await f.req('editor', 'GET', `/api/dossiers/${d.id}/score`);
    expect(score.statusCode).toBe(200);
    const s = score.json();
    expect(s.total).toMatch(/^\d+\.\d\d$/);
    expect(s.indicators).toHaveLength(7);
    expect(s.execution.rate).toEqual({ ok: true, percent: '100' });
    const audit = await f.req('editor', 'GET', `/api/dossiers/${d.id}/audit`);
    expect(audit.statusCode).toBe(200);
    expect(Array.isArray(audit.json().findings)).toBe(true);
    // A PUT stores the summary the listing shows.
    await f.req('editor', 'PUT', `/api/dossiers/${d.id}`, { version: 1, dossier: d.dossier });
    const item = (await f.req('admin', 'GET', `/api/dossiers?unitId=${d.unitId}`)).json().items[0];
    expect(item.summary).toMatchObject({ total: s.total, grade: s.grade, executionRate: '100.00' });
    expect(item.summary.findings.error).toBe(
      audit.json().findings.filter((x: { severity: string }) => x.severity === 'error').length,
    );
  });

  it(
    'a dossier naming an unknown rule set: ' +
      'score and audit 422 ruleset-unknown, the save still works',
    async () => {
      const d = await f.dossier('A');
      const put = await f.req('editor', 'PUT', `/api/dossiers/${d.id}`, {
        version: 1,
        dossier: { ...(d.dossier as object), ruleset: 'no-such-rules' },
      });
      expect(put.statusCode, put.body.slice(0, 200)).toBe(200);
      for (const what of ['score', 'audit']) {
        const res = await f.req('editor', 'GET', `/api/dossiers/${d.id}/${what}`);
        expect(res.statusCode).toBe(422);
        expect(res.json().error.code).toBe('ruleset-unknown');
      }
      const item = (await f.req('admin', 'GET', `/api/dossiers?unitId=${d.unitId}`)).json()
        .items[0];
      expect(item.summary).toMatchObject({ total: null, grade: null, executionRate: null });
    },
  );

  it('downloads the report as docx, xlsx, html and pdf (files reopened)', async () => {
    const d = await f.dossier('A');
    const get = (fmt: string) => f.req('editor', 'GET', `/api/dossiers/${d.id}/report.${fmt}`);
    const html = await get('html');
    expect(html.statusCode, html.body.slice(0, 200)).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain(d.dossier && (d.dossier as { unit: { name: string } }).unit.name);
    expect(html.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent((d.dossier as { unit: { name: string } }).unit.name)}`,
    );
    // The narrative names the rule set by what it is, not as a document title.
    expect(html.body).toContain('评分规则集“全国通用评分规则”');
    const docx = await get('docx');
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await get('xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    const pdf = await get('pdf');
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await f.req('editor', 'GET', `/api/dossiers/${d.id}/report.exe`)).statusCode).toBe(400);
    const log = (await f.req('editor', 'GET', `/api/dossiers/${d.id}/log`))
      .json()
      .map((e: { action: string }) => e.action);
    expect(log).toEqual(
      expect.arrayContaining(['report.html', 'report.docx', 'report.xlsx', 'report.pdf']),
    );
  }, 60_000);
});

describe('workflow, comments, public', () => {
  it('runs draft → submitted → returned → submitted → approved → published', async () => {
    const d = await f.dossier('A');
    const t = (role: 'editor' | 'reviewer' | 'admin', action: string, comment?: string) =>
      f.req(role, 'POST', `/api/dossiers/${d.id}/transitions`, {
        action,
        ...(comment ? { comment } : {}),
      });
    expect((await t('reviewer', 'approve')).json().error.code).toBe('invalid-transition');
    expect((await t('editor', 'submit')).json().status).toBe('submitted');
    expect(
      (await f.req('editor', 'PUT', `/api/dossiers/${d.id}`, { version: 1, dossier: d.dossier }))
        .statusCode,
    ).toBe(403);
    const noComment = await t('reviewer', 'return');
    expect(noComment.statusCode).toBe(422);
    expect(noComment.json().error.code).toBe('comment-required');
    expect((await t('reviewer', 'return', '请补充偏差原因')).json().status).toBe('returned');
    expect(
      (await f.req('editor', 'PUT', `/api/dossiers/${d.id}`, { version: 1, dossier: d.dossier }))
        .statusCode,
    ).toBe(200);
    expect((await t('editor', 'submit')).json().status).toBe('submitted');
    expect((await t('reviewer', 'approve')).json().status).toBe('approved');
    expect((await t('editor', 'submit')).statusCode).toBe(409);
    expect((await f.req('anonymous', 'GET', `/api/public/reports/${d.id}`)).statusCode).toBe(404);
    expect((await t('reviewer', 'publish')).json().status).toBe('published');
    expect((await t('reviewer', 'publish')).statusCode).toBe(409);
    const comments = (await f.req('editor', 'GET', `/api/dossiers/${d.id}/comments`)).json();
    expect(comments).toEqual([
      expect.objectContaining({
        target: { kind: 'dossier' },
        body: '请补充偏差原因',
        author: 'reviewer',
      }),
    ]);
    const log = (await f.req('editor', 'GET', `/api/dossiers/${d.id}/log`))
      .json()
      .map((e: { action: string }) => e.action);
    expect(
      log.filter(
        (a: string) =>
          a.startsWith('dossier.') && a !== 'dossier.create' && a !== 'dossier.fixture',
      ),
    ).toEqual([
      'dossier.submit',
      'dossier.return',
      'dossier.save',
      'dossier.submit',
      'dossier.approve',
      'dossier.publish',
    ]);
    const pub = (await f.req('anonymous', 'GET', '/api/public/reports')).json();
    expect(pub.find((p: { id: number }) => p.id === d.id)).toMatchObject({ year: 2023 });
    const one = (await f.req('anonymous', 'GET', `/api/public/reports/${d.id}`)).json();
    expect(one).toMatchObject({ id: d.id, year: 2023 });
    expect(one.score.total).toMatch(/^\d+\.\d\d$/);
    const dl = await f.req('anonymous', 'GET', `/api/public/reports/${d.id}/report.html`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toMatch(/text\/html/);
    expect(
      (await f.req('editor', 'POST', `/api/dossiers/${d.id}/transitions`, { action: 'delete' }))
        .statusCode,
    ).toBe(400);
  });

  it('adds comments on indicators and findings', async () => {
    const d = await f.dossier('B');
    const c = await f.req('reviewer', 'POST', `/api/dossiers/${d.id}/comments`, {
      target: { kind: 'indicator', ref: 'O1' },
      body: '实际值与附件不符',
    });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({
      target: { kind: 'indicator', ref: 'O1' },
      body: '实际值与附件不符',
      author: 'reviewer',
    });
    expect(
      (
        await f.req('reviewer', 'POST', `/api/dossiers/${d.id}/comments`, {
          target: { kind: 'unit' },
          body: 'x',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await f.req('reviewer', 'POST', `/api/dossiers/${d.id}/comments`, {
          target: { kind: 'finding', ref: 'ARITH-001' },
          body: '   ',
        })
      ).statusCode,
    ).toBe(400);
    expect((await f.req('admin', 'GET', `/api/dossiers/${d.id}/comments`)).json()).toHaveLength(1);
  });
});

describe('listing and exports', () => {
  it('filters, sorts and pages; exports CSV and XLSX with the same rows', async () => {
    const page = (
      await f.req('admin', 'GET', '/api/dossiers?pageSize=2&page=1&sort=unitName&order=asc')
    ).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const drafts = (await f.req('admin', 'GET', '/api/dossiers?status=draft&pageSize=500')).json();
    expect(drafts.items.every((i: { status: string }) => i.status === 'draft')).toBe(true);
    const q = (
      await f.req('admin', 'GET', `/api/dossiers?q=${encodeURIComponent('衡阳')}&pageSize=500`)
    ).json();
    expect(q.items.length).toBeGreaterThan(0);
    expect(q.items.every((i: { unitName: string }) => i.unitName.includes('衡阳'))).toBe(true);
    const bySum = (await f.req('admin', 'GET', '/api/dossiers?sort=total&order=desc&pageSize=500'))
      .json()
      .items.map((i: { summary: { total: string | null } }) => i.summary.total);
    const nums = bySum.filter((t: string | null) => t !== null).map(Number);
    expect(nums).toEqual([...nums].sort((a, b) => b - a));
    const badSort = await f.req('admin', 'GET', '/api/dossiers?sort=password');
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().error.details[0].path).toBe('query.sort');

    const all = (await f.req('reviewer', 'GET', '/api/dossiers?pageSize=500')).json();
    const csv = await f.req('reviewer', 'GET', '/api/dossiers/export.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      '编号,单位,年度,状态,版本,总分,等级,预算执行率(%),错误,警告,提示,更新时间',
    );
    expect(lines).toHaveLength(all.total + 1);
    const xlsx = await f.req('reviewer', 'GET', '/api/dossiers/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('绩效自评汇总');
    expect(ws?.rowCount).toBe(all.total + 1);
    expect(ws?.getRow(1).getCell(2).value).toBe('单位');
    expect(ws?.getRow(2).getCell(1).value).toBe(all.items[0].id);
    // The status column says what the web's status tag says (one label list, 草稿 not 填报中).
    const shownStatus: Record<string, string> = {
      draft: '草稿',
      submitted: '已提交',
      returned: '已退回',
      approved: '已通过',
      published: '已公开',
    };
    expect(ws?.getRow(2).getCell(4).value).toBe(shownStatus[all.items[0].status]);
    expect(lines[1]?.split(',')[3]).toBe(shownStatus[all.items[0].status]);
  });
});

describe('listing under a stream of saves', () => {
  // Its own app: the stream would spend the shared fixture's per-user write allowance.
  let g: Fixture;
  beforeAll(async () => {
    g = await makeFixture({ writeRateLimit: { capacity: 1e9, perSecond: 1e9 } });
  });
  afterAll(async () => {
    await g.close();
  });

  it('a listing during a stream of saves answers before the stream ends', async () => {
    const streams = [];
    for (let i = 0; i < 5; i++) streams.push(await g.dossier('B'));
    const target = await g.dossier('B');
    const listTarget = async () =>
      (await g.req('admin', 'GET', `/api/dossiers?unitId=${target.unitId}`)).json().items[0];
    // Made by storage directly: no summary yet, so the check below could fail.
    expect((await listTarget()).summary.total).toBeNull();
    // Saves of five other dossiers, each one after another, until the listing has answered (at
    // most CAP in all: a listing that waits for the stream to end answers only after the last).
    const CAP = 300;
    let listed = false;
    let saves = 0;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const streaming = streams.map(async (d) => {
      for (let v = 1; !listed && saves < CAP; v++) {
        const put = await g.req('admin', 'PUT', `/api/dossiers/${d.id}`, {
          version: v,
          dossier: d.dossier,
        });
        expect(put.statusCode).toBe(200);
        if (++saves === 10) started();
      }
    });
    await running;
    const put = await g.req('admin', 'PUT', `/api/dossiers/${target.id}`, {
      version: 1,
      dossier: target.dossier,
    });
    expect(put.statusCode).toBe(200);
    const item = await listTarget();
    listed = true;
    const savesBeforeAnswer = saves;
    await Promise.all(streaming);
    expect(savesBeforeAnswer).toBeLessThan(CAP);
    // The save acknowledged before the listing shows with its summary.
    const score = (await g.req('admin', 'GET', `/api/dossiers/${target.id}/score`)).json();
    expect(score.total).toMatch(/^\d+\.\d\d$/);
    expect(item.version).toBe(2);
    expect(item.summary).toMatchObject({ total: score.total, grade: score.grade });
  });
});

describe('bad input', () => {
  it('malformed JSON → 400 bad-json, no stack trace', async () => {
    const res = await f.req('admin', 'POST', '/api/units', '{"name": "x", ', {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad-json');
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
    const empty = await f.req('admin', 'POST', '/api/units', '', {
      'content-type': 'application/json',
    });
    expect(empty.statusCode).toBe(400);
  });

  it('unsupported content type → 415', async () => {
    const res = await f.req('admin', 'POST', '/api/units', 'name=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported-media-type');
  });

  it('huge bodies → 413', async () => {
    const d = await f.dossier('A');
    const huge = JSON.stringify({ version: 1, dossier: { pad: 'x'.repeat(6 * 1024 * 1024) } });
    const res = await f.req('editor', 'PUT', `/api/dossiers/${d.id}`, huge, {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too-large');
  });

  it('SQL metacharacters are stored and returned verbatim', async () => {
    const evil = '\'); drop table units;-- " \\ %_ 😀';
    const unit = await f.req('admin', 'POST', '/api/units', {
      name: evil,
      regionId: f.units.A.regionId,
      budgetCode: evil,
    });
    expect(unit.statusCode).toBe(201);
    expect((await f.req('admin', 'GET', `/api/units/${unit.json().id}`)).json()).toMatchObject({
      name: evil,
      budgetCode: evil,
    });
    const d = await f.req('admin', 'POST', '/api/dossiers', {
      unitId: unit.json().id,
      year: 2023,
      dossier: makeDossier({ narrative: { problems: evil } }),
    });
    expect(d.statusCode).toBe(201);
    expect(
      (await f.req('admin', 'GET', `/api/dossiers/${d.json().id}`)).json().dossier.narrative
        .problems,
    ).toBe(evil);
    const c = await f.req('admin', 'POST', `/api/dossiers/${d.json().id}/comments`, {
      target: { kind: 'finding', ref: evil },
      body: evil,
    });
    expect(c.json()).toMatchObject({ body: evil, target: { ref: evil } });
    expect(
      (await f.req('admin', 'GET', `/api/dossiers?q=${encodeURIComponent("'); drop")}`)).json()
        .items[0].unitName,
    ).toBe(evil);
    expect((await f.req('admin', 'GET', '/api/units')).json().length).toBeGreaterThan(3);
    // CSV export neutralises formula-looking cells but keeps the text.
    const csv = (await f.req('admin', 'GET', '/api/dossiers/export.csv')).body;
    expect(csv).toContain(`"'); drop table units;-- "" \\ %_ 😀"`);
  });

  it('unknown API route → JSON 404; bad ids → 400', async () => {
    const res = await f.req('admin', 'GET', '/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not-found');
    expect((await f.req('admin', 'GET', '/api/dossiers/0')).statusCode).toBe(400);
    expect((await f.req('admin', 'GET', '/api/dossiers/1e3')).statusCode).toBe(400);
    expect((await f.req('admin', 'GET', '/api/dossiers/1.0')).statusCode).toBe(400);
    expect((await f.req('admin', 'GET', '/api/dossiers/1/revisions/0x1')).statusCode).toBe(400);
    expect((await f.req('admin', 'GET', '/api/dossiers/99999999')).statusCode).toBe(404);
  });
});

describe('imports', () => {
  it('imports a YAML dossier, reports located errors, refuses unknown types', async () => {
    const yaml = `year: 2023\nunit:\n  name: 导入测试局\nindicators: []\n`;
    const ok = await f.app.inject({
      method: 'POST',
      url: '/api/imports',
      ...withCookie(multipart('d.yaml', yaml), f.cookies.editor),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      dossier: { year: 2023, unit: { name: '导入测试局' } },
      found: [],
      missing: [],
      uncertain: [],
    });
    const bad = await f.app.inject({
      method: 'POST',
      url: '/api/imports',
      ...withCookie(
        multipart('d.yaml', 'year: 2023\nunit:\n  name: 甲\n  staffing:\n    actual: many\n'),
        f.cookies.editor,
      ),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'unit.staffing.actual', line: 5 });
    const exe = await f.app.inject({
      method: 'POST',
      url: '/api/imports',
      ...withCookie(multipart('x.exe', 'MZ'), f.cookies.editor),
    });
    expect(exe.statusCode).toBe(415);
    const anon = await f.app.inject({
      method: 'POST',
      url: '/api/imports',
      ...multipart('d.yaml', yaml),
    });
    expect(anon.statusCode).toBe(401);
    const notMultipart = await f.req('editor', 'POST', '/api/imports', { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
  });

  it(
    'imports a published report (TXT) ' + 'through the importer; a file that is no report → 422',
    async () => {
      const text = readFileSync(new URL('../importers/fixtures/pipes.txt', import.meta.url));
      const ok = await f.app.inject({
        method: 'POST',
        url: '/api/imports',
        ...withCookie(multipart('report.txt', text), f.cookies.editor),
      });
      expect(ok.statusCode, ok.body.slice(0, 300)).toBe(200);
      const r = ok.json();
      expect(r.dossier).toMatchObject({ year: 2022, unit: { name: '某县农业农村局' } });
      expect(r.found.length).toBeGreaterThan(10);
      expect(Array.isArray(r.missing) && Array.isArray(r.uncertain)).toBe(true);
      const notReport = await f.app.inject({
        method: 'POST',
        url: '/api/imports',
        ...withCookie(multipart('notes.txt', '今天天气很好，适合散步。'), f.cookies.editor),
      });
      expect(notReport.statusCode).toBe(422);
      expect(notReport.json().error).toMatchObject({
        code: 'unsupported-file',
        message: expect.stringContaining('不像绩效自评报告'),
      });
      const empty = await f.app.inject({
        method: 'POST',
        url: '/api/imports',
        ...withCookie(multipart('empty.pdf', Buffer.alloc(0)), f.cookies.editor),
      });
      expect(empty.statusCode).toBe(422);
      expect(empty.json().error.message).toContain('文件为空');
    },
  );

  it('oversized upload → 413', async () => {
    const g = await makeFixture({ uploadLimit: 1024 });
    try {
      const res = await g.app.inject({
        method: 'POST',
        url: '/api/imports',
        ...withCookie(multipart('big.txt', Buffer.alloc(4096, 0x61)), g.cookies.editor),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('too-large');
    } finally {
      await g.close();
    }
  });
});

function withCookie(
  m: { payload: Buffer; headers: Record<string, string> },
  cookie: string | undefined,
) {
  return { payload: m.payload, headers: { ...m.headers, ...(cookie ? { cookie } : {}) } };
}

describe('health, web app, failures', () => {
  it('serves the web app with SPA fallback; /api stays JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>jixiao</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    const app = await buildApp({ store: f.store, webDist: dir });
    try {
      expect((await app.inject('/')).body).toContain('<title>jixiao</title>');
      expect((await app.inject('/app.js')).body).toBe('console.log(1)');
      expect((await app.inject('/dossiers/5/edit')).body).toContain('<title>jixiao</title>');
      const api = await app.inject('/api/missing');
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not-found');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'healthz is 200 while the store answers, ' +
      '503 after it is gone; internal errors carry no stack',
    async () => {
      const g = await makeFixture();
      expect((await g.app.inject('/healthz')).json()).toEqual({ ok: true });
      await g.store.close();
      const h = await g.app.inject('/healthz');
      expect(h.statusCode).toBe(503);
      const res = await g.req('admin', 'GET', '/api/units');
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'internal', message: '服务器内部错误' } });
      await g.close();
    },
  );
});
