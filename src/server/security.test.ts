/**
 * Issue #13, the rest of the list on the server: security headers and no-store on API answers, the
 * per-user write limit, and the in-memory limiters themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './app.ts';
import { ConcurrencyLimit, TokenBuckets } from './rate-limits.ts';
import { passwordProblem } from '../storage/password-policy.ts';
import { makeFixture, type Fixture } from './test-fixture.ts';

describe('token buckets and concurrency limits', () => {
  it('allows a burst of `capacity`, then one per 1/perSecond seconds', () => {
    let now = 0;
    const b = new TokenBuckets({ capacity: 3, perSecond: 0.5 }, () => now);
    expect([1, 2, 3, 4].map(() => b.take('u').ok)).toEqual([true, true, true, false]);
    // 0.5 token/s: a whole token is back after 2 s, so Retry-After says 2.
    expect(b.take('u').retryAfterSeconds).toBe(2);
    expect(b.take('other').ok).toBe(true);
    now = 1999;
    expect(b.take('u').ok).toBe(false);
    now = 4000;
    expect(b.take('u').ok).toBe(true);
  });

  it('holds at most `max` at once per key and frees a slot on release', () => {
    const c = new ConcurrencyLimit(2);
    const a = c.acquire('1.2.3.4');
    const b = c.acquire('1.2.3.4');
    expect(c.acquire('1.2.3.4')).toBeUndefined();
    expect(c.acquire('5.6.7.8')).toBeDefined();
    a?.();
    a?.(); // a second release of the same slot does not free another
    expect(c.acquire('1.2.3.4')).toBeDefined();
    expect(c.acquire('1.2.3.4')).toBeUndefined();
    b?.();
  });
});

describe('security headers and the write limit', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture({ writeRateLimit: { capacity: 3, perSecond: 0.01 } });
  });
  afterAll(async () => {
    await f.close();
  });

  it('sends CSP without inline scripts, no framing, nosniff, and no-store on the API', async () => {
    const res = await f.req('editor', 'GET', '/api/units');
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    // Errors and anonymous answers too.
    const anon = await f.req('anonymous', 'GET', '/api/units');
    expect([anon.statusCode, anon.headers['cache-control']]).toEqual([401, 'no-store']);
    expect(anon.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a user’s writes over the limit: 429, Retry-After; others still write', async () => {
    const d = await f.dossier('A', 'draft');
    const comment = (role: 'editor' | 'reviewer') =>
      f.req(role, 'POST', `/api/dossiers/${d.id}/comments`, {
        target: { kind: 'dossier' },
        body: '请核对',
      });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await comment('editor')).statusCode);
    expect(codes).toEqual([201, 201, 201, 429]);
    const refused = await comment('editor');
    expect(refused.json().error.code).toBe('rate-limited');
    // 0.01 token/s: 100 s until a whole token is back.
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(90);
    expect((await comment('reviewer')).statusCode).toBe(201);
    // Reads are not limited.
    expect((await f.req('editor', 'GET', `/api/dossiers/${d.id}`)).statusCode).toBe(200);
  });
});

describe('passwords and usernames', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  const newUser = (username: string, password = 'a long unusual phrase') =>
    f.req('admin', 'POST', '/api/users', { username, password, role: 'admin' });

  it('refuses short, one-character and common passwords with the reason', () => {
    expect(passwordProblem('short')).toBe('密码至少 8 个字符');
    expect(passwordProblem('        ')).toBe('密码不能是同一个字符的重复');
    expect(passwordProblem('12345678')).toBe('密码过于常见，请换一个不易猜到的密码');
    expect(passwordProblem('PassWord1')).toBe('密码过于常见，请换一个不易猜到的密码');
    expect(passwordProblem('zhangsan2', 'ZhangSan2')).toBe('密码不能与用户名相同');
    expect(passwordProblem('黄鹤楼下听江声')).toBe('密码至少 8 个字符');
    expect(passwordProblem('黄鹤楼下听江声晚')).toBeUndefined();
  });

  it('stores names NFKC-normalised, case-folded; refuses look-alikes and invisibles', async () => {
    const made = await newUser('Ｌｉｕ．Ｗｅｉ');
    expect([made.statusCode, made.json().username]).toEqual([201, 'liu.wei']);
    for (const [name, code] of [
      ['Admin', 409], // case
      ['\u0430dmin', 409], // Cyrillic а
      ['adm1n', 409], // digit one for l/i
      ['admin\u200b', 400], // zero-width space
    ] as const) {
      const res = await newUser(name);
      expect(res.statusCode, name).toBe(code);
    }
    expect((await newUser('\u0430dmin')).json().error.message).toBe(
      '用户名 аdmin 与已有用户名 admin 看起来相同，请换一个',
    );
    const weak = await f.req('admin', 'POST', '/api/users', {
      username: 'wang.fang',
      password: 'woaini1314',
      role: 'admin',
    });
    expect(weak.statusCode).toBe(400);
    expect(JSON.stringify(weak.json()), weak.body).toContain('密码过于常见');
    // Signing in with another case of the name works.
    const login = await f.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'LIU.WEI', password: 'a long unusual phrase' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('limits current-password checks per user: 5, then 429 with Retry-After', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (
          await f.req('reviewer', 'PUT', '/api/session/password', {
            current: `wrong guess ${i}`,
            next: 'another long phrase',
          })
        ).statusCode,
      );
    expect(codes).toEqual([422, 422, 422, 422, 422, 429]);
    const res = await f.req('reviewer', 'PUT', '/api/session/password', {
      current: 'wrong again',
      next: 'another long phrase',
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(30);
  });
});
