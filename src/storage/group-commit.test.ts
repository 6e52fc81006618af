import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDossier } from '../core/testing/factories.ts';
import { listLog } from './activity.ts';
import { createRegion, createUnit } from './accounts.ts';
import { createDossier, getDossier, listRevisions, saveDossier } from './dossiers.ts';
import { openTestStore, type TestStore } from './test-db.ts';

/** Group commit (issue #14): saves arriving together share one SQLite transaction. */
describe('saves committed together on SQLite', () => {
  let t: TestStore;
  let unitId: number;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    const region = await createRegion(t.store.db, { name: 'R-group' });
    unitId = (await createUnit(t.store.db, { name: '成组提交测试局', regionId: region.id })).id;
  });
  afterAll(() => t.cleanup());

  const newDossier = async (year: number) =>
    (await createDossier(t.store.db, { unitId, year, dossier: makeDossier(), actor: 'a' })).id;

  it('each of 40 concurrent saves gets its own outcome, as it would alone', async () => {
    const db = t.store.db;
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => newDossier(2001 + i)));
    const results = await Promise.all(
      ids.map((id, i) => saveDossier(db, { id, baseVersion: 1, dossier: { n: i }, actor: 'w' })),
    );
    expect(results.every((r) => r.ok && r.version === 2)).toBe(true);
    for (const [i, id] of ids.entries()) {
      expect((await getDossier(db, id))?.dossier).toEqual({ n: i });
      expect((await listRevisions(db, id)).map((r) => r.version)).toEqual([1, 2]);
    }
  });

  it('keeps arrival order: base 1 then base 2 of one dossier both succeed', async () => {
    const db = t.store.db;
    const id = await newDossier(2090);
    const [a, b, c] = await Promise.all([
      saveDossier(db, { id, baseVersion: 1, dossier: { n: 'a' }, actor: 'w' }),
      saveDossier(db, { id, baseVersion: 2, dossier: { n: 'b' }, actor: 'w' }),
      saveDossier(db, { id, baseVersion: 2, dossier: { n: 'c' }, actor: 'w' }),
    ]);
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, false]);
    expect((await getDossier(db, id))?.version).toBe(3);
    const log = await listLog(db, { dossierId: id });
    expect(log.filter((e) => e.action === 'dossier.conflict')).toHaveLength(1);
  });

  it('a save that fails rolls back only itself', async () => {
    const db = t.store.db;
    const [x, y] = [await newDossier(2091), await newDossier(2092)];
    const settled = await Promise.allSettled([
      saveDossier(db, { id: x, baseVersion: 1, dossier: { n: 'x' }, actor: 'w' }),
      // No such dossier: the conflict path's lookup throws inside the shared transaction.
      saveDossier(db, { id: 999_999, baseVersion: 1, dossier: { n: 'gone' }, actor: 'w' }),
      saveDossier(db, { id: y, baseVersion: 1, dossier: { n: 'y' }, actor: 'w' }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await getDossier(db, x))?.dossier).toEqual({ n: 'x' });
    expect((await getDossier(db, y))?.dossier).toEqual({ n: 'y' });
    expect(await listLog(db, { dossierId: 999_999 })).toHaveLength(0);
  });
});
