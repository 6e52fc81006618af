/** One storage suite, run against a real SQLite file and a real PostgreSQL server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDossier } from '../core/testing/factories.ts';
import {
  addComment,
  authenticate,
  createDossier,
  createRegion,
  createSession,
  createUnit,
  createUser,
  deleteSession,
  DossierExistsError,
  getDossier,
  getRevision,
  getSummary,
  listComments,
  listDossiers,
  listLog,
  listRegions,
  listRevisions,
  listSubmissions,
  listUnits,
  listUsers,
  ping,
  regionTree,
  saveDossier,
  setPassword,
  sessionUser,
  subtreeIds,
  transitionDossier,
  upsertSummary,
  type Store,
} from './index.ts';
import { migrate } from './store.ts';
import { openTestStore, postgresAvailable, type TestStore } from './test-db.ts';

const pgUp = await postgresAvailable();

describe.each([
  { kind: 'sqlite' as const, enabled: true },
  { kind: 'postgres' as const, enabled: pgUp },
])('storage on $kind', ({ kind, enabled }) => {
  let t: TestStore;
  let store: Store;
  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestStore(kind);
    store = t.store;
  });
  afterAll(async () => {
    if (enabled) await t.cleanup();
  });
  const test = enabled ? it : it.skip;

  test('answers ping and re-running migrations is a no-op', async () => {
    expect(await ping(store)).toBe(true);
    await migrate(
      store,
      kind === 'postgres' ? store.location.match(/schema (\w+)/)?.[1] : undefined,
    );
    expect(store.dialect).toBe(kind);
  });

  test('regions form a tree; subtree ids include descendants only', async () => {
    const city = await createRegion(store.db, { name: '衡阳市' });
    const county = await createRegion(store.db, { name: '衡南县', parentId: city.id });
    const town = await createRegion(store.db, { name: '某镇', parentId: county.id });
    const other = await createRegion(store.db, { name: '长沙市' });
    const all = await listRegions(store.db);
    const ids = subtreeIds(all, city.id);
    expect(ids.has(town.id) && ids.has(county.id) && ids.has(city.id)).toBe(true);
    expect(ids.has(other.id)).toBe(false);
    const tree = regionTree(all);
    expect(tree.find((n) => n.id === city.id)?.children[0]?.children[0]?.name).toBe('某镇');
  });

  test('users: scrypt password, authenticate, sessions expire and log out', async () => {
    const region = await createRegion(store.db, { name: 'R-users' });
    const unit = await createUnit(store.db, { name: '用户测试局', regionId: region.id });
    const u = await createUser(store.db, {
      username: `ed-${kind}`,
      password: 'secret-1',
      role: 'editor',
      unitId: unit.id,
    });
    const hash = await store.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^scrypt\$/);
    expect(hash.password_hash).not.toContain('secret-1');
    expect(await authenticate(store.db, `ed-${kind}`, 'wrong')).toBeUndefined();
    expect(await authenticate(store.db, 'nobody', 'secret-1')).toBeUndefined();
    expect((await authenticate(store.db, `ed-${kind}`, 'secret-1'))?.unitId).toBe(unit.id);
    const s = await createSession(store.db, u.id, 60_000);
    expect((await sessionUser(store.db, s.token))?.username).toBe(`ed-${kind}`);
    await deleteSession(store.db, s.token);
    expect(await sessionUser(store.db, s.token)).toBeUndefined();
    const expired = await createSession(store.db, u.id, -1);
    expect(await sessionUser(store.db, expired.token)).toBeUndefined();
    await expect(
      createUser(store.db, { username: `ed-${kind}`, password: 'x', role: 'editor' }),
    ).rejects.toThrow();
    // A new password ends the user's other sessions, keeps the one named, and the old password
    // stops working.
    const keep = await createSession(store.db, u.id, 60_000);
    const other = await createSession(store.db, u.id, 60_000);
    await setPassword(store.db, u.id, 'secret-2', keep.token);
    expect(await sessionUser(store.db, keep.token)).toBeDefined();
    expect(await sessionUser(store.db, other.token)).toBeUndefined();
    expect(await authenticate(store.db, `ed-${kind}`, 'secret-1')).toBeUndefined();
    expect((await authenticate(store.db, `ed-${kind}`, 'secret-2'))?.id).toBe(u.id);
    expect((await listUsers(store.db)).map((x) => x.username)).toContain(`ed-${kind}`);
  });

  test(
    'dossier save: versions, append-only revisions, ' +
      'stale version loses and is kept in the log',
    async () => {
      const region = await createRegion(store.db, { name: 'R-dossier' });
      const unit = await createUnit(store.db, { name: '档案测试局', regionId: region.id });
      const d1 = makeDossier();
      const rec = await createDossier(store.db, {
        unitId: unit.id,
        year: 2023,
        dossier: d1,
        actor: 'a',
      });
      expect(rec).toMatchObject({ version: 1, status: 'draft', year: 2023 });
      await expect(
        createDossier(store.db, { unitId: unit.id, year: 2023, dossier: d1, actor: 'a' }),
      ).rejects.toBeInstanceOf(DossierExistsError);

      const d2 = { ...d1, goal: { expected: '目标二', achieved: '' } };
      const ok = await saveDossier(store.db, {
        id: rec.id,
        baseVersion: 1,
        dossier: d2,
        actor: 'b',
      });
      expect(ok).toMatchObject({ ok: true, version: 2 });
      const d3 = { ...d1, goal: { expected: '目标三（迟到）', achieved: '' } };
      const stale = await saveDossier(store.db, {
        id: rec.id,
        baseVersion: 1,
        dossier: d3,
        actor: 'c',
      });
      expect(stale.ok).toBe(false);
      if (!stale.ok) expect(stale.current.version).toBe(2);
      const cur = await getDossier(store.db, rec.id);
      expect(cur?.version).toBe(2);
      expect(cur?.dossier).toEqual(d2);
      expect(cur?.updatedBy).toBe('b');
      expect((await listRevisions(store.db, rec.id)).map((r) => r.version)).toEqual([1, 2]);
      expect((await getRevision(store.db, rec.id, 1))?.dossier).toEqual(d1);
      const conflict = (await listLog(store.db, { dossierId: rec.id })).find(
        (e) => e.action === 'dossier.conflict',
      );
      expect(conflict?.actor).toBe('c');
      expect((conflict?.detail as { dossier: unknown }).dossier).toEqual(d3);
    },
  );

  test(
    'a save restricted to editable statuses fails with reason status, ' + 'and the body is logged',
    async () => {
      const region = await createRegion(store.db, { name: 'R-status' });
      const unit = await createUnit(store.db, { name: '状态测试局', regionId: region.id });
      const rec = await createDossier(store.db, {
        unitId: unit.id,
        year: 2023,
        dossier: { v: 1 },
        actor: 'a',
      });
      await transitionDossier(store.db, {
        id: rec.id,
        from: 'draft',
        to: 'submitted',
        action: 'submit',
        actor: 'ed',
      });
      const r = await saveDossier(store.db, {
        id: rec.id,
        baseVersion: 1,
        dossier: { v: 2 },
        actor: 'ed',
        statuses: ['draft', 'returned'],
      });
      expect(r).toMatchObject({
        ok: false,
        reason: 'status',
        current: { status: 'submitted', version: 1 },
      });
      const logged = (await listLog(store.db, { dossierId: rec.id })).find(
        (e) => e.action === 'dossier.conflict',
      );
      expect(logged?.detail).toMatchObject({ reason: 'status', dossier: { v: 2 } });
      expect(
        (
          await saveDossier(store.db, {
            id: rec.id,
            baseVersion: 1,
            dossier: { v: 3 },
            actor: 'admin',
          })
        ).ok,
      ).toBe(true);
    },
  );

  test('concurrent saves of the same version: exactly one wins', async () => {
    const region = await createRegion(store.db, { name: 'R-race' });
    const unit = await createUnit(store.db, { name: '并发测试局', regionId: region.id });
    const rec = await createDossier(store.db, {
      unitId: unit.id,
      year: 2023,
      dossier: makeDossier(),
      actor: 'a',
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        saveDossier(store.db, { id: rec.id, baseVersion: 1, dossier: { n: i }, actor: `w${i}` }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await listRevisions(store.db, rec.id)).map((r) => r.version)).toEqual([1, 2]);
    expect(
      (await listLog(store.db, { dossierId: rec.id })).filter(
        (e) => e.action === 'dossier.conflict',
      ),
    ).toHaveLength(5);
  });

  test('SQL metacharacters and CJK text are stored and returned verbatim', async () => {
    const evil = '\'); drop table units;-- "x" \\ % _ 衡阳市财政局 😀';
    const region = await createRegion(store.db, { name: evil });
    const unit = await createUnit(store.db, { name: evil, regionId: region.id, budgetCode: evil });
    expect((await listUnits(store.db, { unitIds: [unit.id] }))[0]).toMatchObject({
      name: evil,
      budgetCode: evil,
    });
    const rec = await createDossier(store.db, {
      unitId: unit.id,
      year: 2030,
      dossier: { text: evil },
      actor: evil,
    });
    expect((await getDossier(store.db, rec.id))?.dossier).toEqual({ text: evil });
    const c = await addComment(store.db, {
      dossierId: rec.id,
      target: { kind: 'indicator', ref: evil },
      body: evil,
      author: evil,
    });
    expect((await listComments(store.db, rec.id)).find((x) => x.id === c.id)).toMatchObject({
      body: evil,
      target: { kind: 'indicator', ref: evil },
    });
    // The substring filter treats % and _ literally.
    expect((await listDossiers(store.db, { q: "'); drop" })).items.map((i) => i.id)).toContain(
      rec.id,
    );
    expect((await listDossiers(store.db, { q: '% _' })).items.map((i) => i.id)).toEqual([rec.id]);
    expect(await store.db.selectFrom('units').select('id').execute()).not.toHaveLength(0);
  });

  test('allDossiers pages through every dossier in id order', async () => {
    const { allDossiers } = await import('./dossiers.ts');
    const ids: number[] = [];
    for await (const d of allDossiers(store.db, 2)) ids.push(d.id);
    const expected = (
      await store.db.selectFrom('dossiers').select('id').orderBy('id').execute()
    ).map((r) => r.id);
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(2);
  });

  test('transitions only from the expected status, recorded as submissions', async () => {
    const region = await createRegion(store.db, { name: 'R-flow' });
    const unit = await createUnit(store.db, { name: '流程测试局', regionId: region.id });
    const rec = await createDossier(store.db, {
      unitId: unit.id,
      year: 2023,
      dossier: {},
      actor: 'a',
    });
    expect(
      await transitionDossier(store.db, {
        id: rec.id,
        from: 'draft',
        to: 'submitted',
        action: 'submit',
        actor: 'ed',
      }),
    ).toBe(true);
    expect(
      await transitionDossier(store.db, {
        id: rec.id,
        from: 'draft',
        to: 'submitted',
        action: 'submit',
        actor: 'ed',
      }),
    ).toBe(false);
    expect(
      await transitionDossier(store.db, {
        id: rec.id,
        from: 'submitted',
        to: 'returned',
        action: 'return',
        actor: 'rv',
        comment: '请补充偏差原因',
      }),
    ).toBe(true);
    expect((await getDossier(store.db, rec.id))?.status).toBe('returned');
    expect(await listSubmissions(store.db, rec.id)).toMatchObject([
      { action: 'submit', from: 'draft', to: 'submitted' },
      { action: 'return', comment: '请补充偏差原因' },
    ]);
  });

  test('listing: filter, sort (missing last), page, visibility', async () => {
    const region = await createRegion(store.db, { name: 'R-list' });
    const units = await Promise.all(
      ['Alpha', 'Bravo', 'Charlie', 'Delta'].map((n) =>
        createUnit(store.db, { name: `List ${n}`, regionId: region.id }),
      ),
    );
    const recs = [];
    for (const u of units)
      recs.push(
        await createDossier(store.db, { unitId: u.id, year: 2041, dossier: {}, actor: 'a' }),
      );
    const totals = ['91.50', '78.25', null, '85.00'];
    for (const [i, r] of recs.entries()) {
      const total = totals[i] ?? null;
      if (total !== null)
        await upsertSummary(store.db, r.id, {
          total,
          grade: Number(total) >= 90 ? '优' : Number(total) >= 80 ? '良' : '中',
          executionRate: '95.00',
          findings: { error: i, warning: 1, info: 0 },
          ruleset: 'national',
        });
    }
    // Upsert replaces.
    await upsertSummary(store.db, recs[1]!.id, {
      total: '79.25',
      grade: '中',
      executionRate: null,
      findings: { error: 1, warning: 0, info: 2 },
      ruleset: 'national',
    });
    expect(await getSummary(store.db, recs[1]!.id)).toMatchObject({
      total: '79.25',
      executionRate: null,
      findings: { info: 2 },
    });

    const desc = await listDossiers(store.db, { year: 2041, sort: 'total', order: 'desc' });
    expect(desc.total).toBe(4);
    expect(desc.items.map((i) => i.summary.total)).toEqual(['91.50', '85.00', '79.25', null]);
    const asc = await listDossiers(store.db, { year: 2041, sort: 'total', order: 'asc' });
    expect(asc.items.map((i) => i.summary.total)).toEqual(['79.25', '85.00', '91.50', null]);
    expect(
      (await listDossiers(store.db, { year: 2041, grade: '良' })).items.map((i) => i.unitName),
    ).toEqual(['List Delta']);
    const page2 = await listDossiers(store.db, {
      year: 2041,
      sort: 'unitName',
      order: 'asc',
      page: 2,
      pageSize: 3,
    });
    expect(page2).toMatchObject({ total: 4, items: [{ unitName: 'List Delta' }] });
    expect(
      (await listDossiers(store.db, { year: 2041, unitIds: [units[0]!.id, units[2]!.id] })).total,
    ).toBe(2);
    expect((await listDossiers(store.db, { year: 2041, unitIds: [] })).total).toBe(0);
    expect((await listDossiers(store.db, { year: 2041, status: 'submitted' })).total).toBe(0);
  });

  test('pragmas: WAL and synchronous=FULL on SQLite', async () => {
    if (kind !== 'sqlite') return;
    const { sql } = await import('kysely');
    const jm = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
    expect(jm.rows[0]?.journal_mode).toBe('wal');
    expect(sync.rows[0]?.synchronous).toBe(2); // 2 = FULL
  });
});

describe('SQLite file reopened', () => {
  it('keeps every committed save after close and reopen', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openStore } = await import('./store.ts');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-reopen-'));
    const file = join(dir, 'x.sqlite');
    let s = await openStore({ sqliteFile: file });
    const region = await createRegion(s.db, { name: 'R' });
    const unit = await createUnit(s.db, { name: 'U', regionId: region.id });
    const rec = await createDossier(s.db, {
      unitId: unit.id,
      year: 2023,
      dossier: { v: 0 },
      actor: 'a',
    });
    for (let v = 1; v <= 5; v++)
      await saveDossier(s.db, { id: rec.id, baseVersion: v, dossier: { v }, actor: 'a' });
    await s.close();
    s = await openStore({ sqliteFile: file });
    expect(await getDossier(s.db, rec.id)).toMatchObject({ version: 6, dossier: { v: 5 } });
    expect(await listRevisions(s.db, rec.id)).toHaveLength(6);
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
