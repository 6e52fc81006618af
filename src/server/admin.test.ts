/**
 * Admin and bureau routes: reset a user's password, disable and re-enable an account, the
 * dashboard figures over the whole filter with a region filter, and the 未报送 list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../storage/accounts.ts';
import { cookieOf, makeFixture, PASSWORD, type Fixture } from './test-fixture.ts';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.close();
});

const login = (username: string, password: string) =>
  f.app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });

describe('accounts', () => {
  it('resets a password (old one refused, sessions end) and disables an account', async () => {
    const u = await createUser(f.store.db, {
      username: 'clerk',
      password: PASSWORD,
      role: 'editor',
      unitId: f.units.A.id,
    });
    const session = cookieOf(await login('clerk', PASSWORD)) as string;
    const next = 'a fresh pass phrase 7';
    const reset = await f.req('admin', 'PUT', `/api/users/${u.id}/password`, { password: next });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await login('clerk', PASSWORD)).statusCode).toBe(401);
    expect((await login('clerk', next)).statusCode).toBe(200);
    const me = await f.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: session },
    });
    expect(me.json().user).toBeNull();
    expect(
      (await f.req('editor', 'PUT', `/api/users/${u.id}/password`, { password: next })).statusCode,
    ).toBe(403);

    const fresh = cookieOf(await login('clerk', next)) as string;
    const off = await f.req('admin', 'PUT', `/api/users/${u.id}/disabled`, { disabled: true });
    expect(off.statusCode, off.body).toBe(200);
    expect((await login('clerk', next)).statusCode).toBe(401);
    const gone = await f.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: fresh },
    });
    expect(gone.json().user).toBeNull();
    const listed = (await f.req('admin', 'GET', '/api/users')).json() as {
      username: string;
      disabled: boolean;
    }[];
    expect(listed.find((x) => x.username === 'clerk')?.disabled).toBe(true);
    expect(listed.find((x) => x.username === 'editor')?.disabled).toBe(false);
    await f.req('admin', 'PUT', `/api/users/${u.id}/disabled`, { disabled: false });
    expect((await login('clerk', next)).statusCode).toBe(200);
    const admin = listed.find((x) => x.username === 'admin') as unknown as { id: number };
    const self = await f.req('admin', 'PUT', `/api/users/${admin.id}/disabled`, { disabled: true });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.message).toBe('不能停用自己的账号');
    const log = (await f.req('admin', 'GET', '/api/log?actor=admin')).json() as {
      action: string;
    }[];
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.password.reset', 'user.disable', 'user.enable']),
    );
  });
});

describe('dashboard', () => {
  it('counts over the whole filter, by region; lists units that have not reported', async () => {
    // Region 衡阳市 holds A's units and, below it, 衡南县 with B's; 长沙市 holds C's.
    const a1 = await f.dossier('A', 'submitted');
    const a2 = await f.dossier('A', 'returned');
    const b1 = await f.dossier('B', 'published');
    await f.dossier('C', 'approved');
    const regions = (await f.req('admin', 'GET', '/api/regions')).json() as {
      id: number;
      name: string;
      children: { id: number; name: string }[];
    }[];
    const hy = regions.find((r) => r.name === '衡阳市') as (typeof regions)[number];
    const hn = hy.children.find((r) => r.name === '衡南县') as { id: number };

    const stats = (q: string) => f.req('admin', 'GET', `/api/dossiers/stats?year=2023${q}`);
    const all = (await stats('')).json();
    // Every dossier of the fixture counts, whatever page a listing would show.
    expect(all.count).toBeGreaterThanOrEqual(4);
    const south = (await stats(`&regionId=${hn.id}`)).json();
    expect(south.byStatus).toMatchObject({ published: 1, submitted: 0, returned: 0 });
    expect(south.count).toBe(1);
    const city = (await stats(`&regionId=${hy.id}`)).json();
    // 衡阳市 and 衡南县 below it: a1, a2, b1 (not C's approved one).
    expect(city.byStatus).toMatchObject({ submitted: 1, returned: 1, published: 1, approved: 0 });
    expect(city.findings).toEqual({
      error: 0,
      warning: expect.any(Number),
      info: expect.any(Number),
    });
    const listed = (
      await f.req('admin', 'GET', `/api/dossiers?year=2023&regionId=${hn.id}&pageSize=100`)
    ).json();
    expect(listed.items.map((d: { id: number }) => d.id)).toEqual([b1.id]);
    // Reviewers see only their region (衡阳市 and below), even when asking for 长沙市.
    const cs = regions.find((r) => r.name === '长沙市') as { id: number };
    const theirs = (
      await f.req('reviewer', 'GET', `/api/dossiers/stats?year=2023&regionId=${cs.id}`)
    ).json();
    expect(theirs.count).toBe(0);
    expect((await f.req('editor', 'GET', '/api/dossiers/stats')).statusCode).toBe(403);

    const unreported = (
      await f.req('admin', 'GET', `/api/units/unreported?year=2023&regionId=${hy.id}`)
    ).json() as { id: number; name: string; status: string | null }[];
    const byUnit = new Map(unreported.map((u) => [u.id, u.status]));
    // a2 is back with its unit (returned): not reported. a1 and b1 are with the bureau.
    expect(byUnit.get(a2.unitId)).toBe('returned');
    expect(byUnit.has(a1.unitId)).toBe(false);
    expect(byUnit.has(b1.unitId)).toBe(false);
    // Units of the fixture with no 2023 dossier at all are listed with no status.
    expect(byUnit.get(f.units.A.id)).toBeNull();
  });
});
