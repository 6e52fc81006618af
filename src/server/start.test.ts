/** startServer: first run bootstraps accounts and demo units from examples/, later runs do not. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './start.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startServer', () => {
  it(
    'bootstraps an empty store once, ' +
      'prints generated passwords that work, serves on a free port',
    async () => {
      const lines: string[] = [];
      const s = await startServer({
        port: 0,
        dataDir: dir,
        webDist: null,
        logger: false,
        out: (l) => lines.push(l),
        env: { JIXIAO_ADMIN_PASSWORD: 'admin-pw-from-env' },
      });
      try {
        expect(s.port).toBeGreaterThan(0);
        expect(s.bootstrap.created).toBe(true);
        const text = lines.join('\n');
        // The admin password came from the environment: it is not printed.
        expect(text).not.toContain('admin-pw-from-env');
        const editor = s.bootstrap.accounts.find((a) => a.username === 'editor');
        expect(editor?.generated).toBe(true);
        expect(text).toContain(`editor / ${editor?.password}`);
        expect(s.bootstrap.units.length).toBeGreaterThan(0);
        expect(s.bootstrap.units.some((u) => /corrected/i.test(u))).toBe(false);
        expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
        const login = await fetch(`${s.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'editor', password: editor?.password }),
        });
        expect(login.status).toBe(200);
        const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
        const list = (await (
          await fetch(`${s.url}/api/dossiers`, { headers: { cookie } })
        ).json()) as {
          total: number;
          items: { unitName: string; summary: { total: string | null } }[];
        };
        // The editor sees their own unit only: the seed unit (not a demo-* one).
        expect(list.total).toBe(1);
        expect(s.bootstrap.units).toContain(list.items[0]?.unitName);
        expect(list.items[0]?.unitName).toMatch(/金融/);
        expect(list.items[0]?.summary.total).toMatch(/^\d+\.\d\d$/);
        const reviewer = s.bootstrap.accounts.find((a) => a.username === 'reviewer');
        const rl = await fetch(`${s.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'reviewer', password: reviewer?.password }),
        });
        const rc = rl.headers.get('set-cookie')?.split(';')[0] ?? '';
        // The reviewer of 衡阳市 sees every demo unit, including those in its sub-regions.
        const seen = (await (
          await fetch(`${s.url}/api/dossiers`, { headers: { cookie: rc } })
        ).json()) as { total: number };
        expect(seen.total).toBe(s.bootstrap.units.length);
        // Demo units arrive in the workflow: the clean one is published, the one with errors awaits
        // review.
        const pub = (await (await fetch(`${s.url}/api/public/reports`)).json()) as {
          unitName: string;
        }[];
        expect(pub.map((r) => r.unitName)).toEqual(['衡阳市雁城教育局']);
        const submitted = (await (
          await fetch(`${s.url}/api/dossiers?status=submitted`, { headers: { cookie: rc } })
        ).json()) as { items: { unitName: string }[] };
        expect(submitted.items.map((r) => r.unitName)).toEqual(['雁南县农业农村局']);
        const tree = (await (
          await fetch(`${s.url}/api/regions`, { headers: { cookie: rc } })
        ).json()) as { name: string; children: unknown[] }[];
        expect(tree[0]?.name).toBe('衡阳市');
        const admin = await fetch(`${s.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'admin-pw-from-env' }),
        });
        expect(admin.status).toBe(200);
      } finally {
        await s.close();
      }
      const again = await startServer({
        port: 0,
        dataDir: dir,
        webDist: null,
        logger: false,
        out: () => undefined,
        env: {},
      });
      try {
        expect(again.bootstrap.created).toBe(false);
      } finally {
        await again.close();
      }
    },
  );

  it('refuses a non-postgres database URL', async () => {
    await expect(
      startServer({
        port: 0,
        databaseUrl: 'mysql://x',
        webDist: null,
        logger: false,
        out: () => undefined,
      }),
    ).rejects.toThrow(/postgres/);
  });
});
