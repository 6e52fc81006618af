/**
 * GET /api/dossiers/stats keeps its response (web/src/api.ts DashboardStats) now that its figures
 * are stored: the most frequent findings, counted from stored codes, match each dossier's audit
 * (GET /api/dossiers/:id/audit) counted here; dossiers whose codes were never stored are audited
 * once by the first overview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSummary } from '../storage/dossiers.ts';
import { makeFixture, type Fixture } from './test-fixture.ts';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.close();
});

describe('GET /api/dossiers/stats', () => {
  it('answers the same shape; top findings agree with the audits of the dossiers', async () => {
    const recs = [
      await f.dossier('A', 'submitted'),
      await f.dossier('B', 'published'),
      await f.dossier('C', 'draft'),
    ];
    // Created without a summary, as dossiers stored before migration 0005 have no codes.
    for (const r of recs) expect((await getSummary(f.store.db, r.id))?.codes).toBeUndefined();
    const oracle = new Map<string, { code: string; title: string; count: number }>();
    for (const r of recs) {
      const res = await f.req('admin', 'GET', `/api/dossiers/${r.id}/audit`);
      expect(res.statusCode, res.body).toBe(200);
      const seen = new Set<string>();
      for (const x of res.json().findings as { code: string; title: { zh: string } }[]) {
        if (seen.has(x.code)) continue;
        seen.add(x.code);
        const e = oracle.get(x.code) ?? { code: x.code, title: x.title.zh, count: 0 };
        e.count += 1;
        oracle.set(x.code, e);
      }
    }
    const want = [...oracle.values()]
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1))
      .slice(0, 10);
    const first = await f.req('admin', 'GET', '/api/dossiers/stats?year=2023');
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(Object.keys(body).sort()).toEqual(
      ['audited', 'byGrade', 'byStatus', 'count', 'findings', 'topFindings'].sort(),
    );
    expect(body.count).toBe(3);
    expect(body.byStatus).toEqual({
      draft: 1,
      submitted: 1,
      returned: 0,
      approved: 0,
      published: 1,
    });
    expect(Object.keys(body.byGrade).slice(0, 4)).toEqual(['优', '良', '中', '差']);
    expect(body.audited).toBe(3);
    expect(want.length).toBeGreaterThan(0);
    expect(body.topFindings).toEqual(want);
    // The codes are stored now: the next overview reads them and answers the same.
    for (const r of recs) expect((await getSummary(f.store.db, r.id))?.codes).toBeDefined();
    expect((await f.req('admin', 'GET', '/api/dossiers/stats?year=2023')).json()).toEqual(body);
  });
});
