/**
 * The dashboard's figures (dossierStats) on both databases: a small fixture of dossiers with known
 * statuses, grades, finding counts and codes, counted by hand; figures kept by the writers match
 * a recount from the stored rows, after folding and under concurrent writes.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegion, createUnit } from './accounts.ts';
import {
  compactDossierStats,
  createDossier,
  dossierStats,
  getSummary,
  rebuildDossierStats,
  transitionDossier,
  upsertSummary,
  type Summary,
} from './dossiers.ts';
import { openTestStore, postgresAvailable, type TestStore } from './test-db.ts';
import type { DossierStatus } from './types.ts';

const kinds = ['sqlite', 'postgres'] as const;
const pgUp = await postgresAvailable();

const summary = (
  grade: string,
  [error, warning, info]: [number, number, number],
  codes: string[],
): Summary => ({
  total: '80.00',
  grade,
  executionRate: null,
  findings: { error, warning, info },
  ruleset: 'national@1',
  codes,
});

const none = { draft: 0, submitted: 0, returned: 0, approved: 0, published: 0 };

describe.each(kinds)('dossierStats on %s', (kind) => {
  let t: TestStore;
  // Regions: 市 with 县 below it, and 省直 beside them.
  const r = { city: 0, county: 0, other: 0 };
  const u = { a1: 0, a2: 0, b1: 0, c1: 0 };
  const rows = async () =>
    Number(
      (
        await sql<{ n: number | string }>`select count(*) as n from dossier_stats`.execute(
          t.store.db,
        )
      ).rows[0]?.n,
    );
  const move = async (id: number, path: DossierStatus[]) => {
    for (let i = 1; i < path.length; i++)
      expect(
        await transitionDossier(t.store.db, {
          id,
          from: path[i - 1]!,
          to: path[i]!,
          action: 'move',
          actor: 't',
        }),
      ).toBe(true);
  };
  beforeAll(async () => {
    if (kind === 'postgres' && !pgUp) return;
    t = await openTestStore(kind);
    const db = t.store.db;
    r.city = (await createRegion(db, { name: '甲市' })).id;
    r.county = (await createRegion(db, { name: '乙县', parentId: r.city })).id;
    r.other = (await createRegion(db, { name: '省直' })).id;
    u.a1 = (await createUnit(db, { name: '甲一局', regionId: r.city })).id;
    u.a2 = (await createUnit(db, { name: '甲二局', regionId: r.city })).id;
    u.b1 = (await createUnit(db, { name: '乙一局', regionId: r.county })).id;
    u.c1 = (await createUnit(db, { name: '丙一局', regionId: r.other })).id;
    const make = (unitId: number, year: number) =>
      createDossier(db, { unitId, year, dossier: {}, actor: 't' });
    // A1 2023: 优, 0/2/1 findings, codes X-1 X-2; submitted.
    const a1 = await make(u.a1, 2023);
    await upsertSummary(db, a1.id, summary('优', [0, 2, 1], ['X-1', 'X-2']));
    await move(a1.id, ['draft', 'submitted']);
    // A2 2023: 良 1/0/0, then rescored 中 2/1/0 with codes X-1 X-3; draft.
    const a2 = await make(u.a2, 2023);
    await upsertSummary(db, a2.id, summary('良', [1, 0, 0], ['X-1']));
    await upsertSummary(db, a2.id, summary('中', [2, 1, 0], ['X-1', 'X-3']));
    // B1 2023: 优 0/0/3, no codes; submitted, then approved.
    const b1 = await make(u.b1, 2023);
    await upsertSummary(db, b1.id, summary('优', [0, 0, 3], []));
    await move(b1.id, ['draft', 'submitted', 'approved']);
    // C1 2023: never scored (no grade, codes unknown); draft.
    await make(u.c1, 2023);
    // A1 2022: 差 3/0/0, code X-2; submitted, then returned.
    const a1old = await make(u.a1, 2022);
    await upsertSummary(db, a1old.id, summary('差', [3, 0, 0], ['X-2']));
    await move(a1old.id, ['draft', 'submitted', 'returned']);
  });
  afterAll(async () => t?.cleanup());
  const skip = () => kind === 'postgres' && !pgUp;

  it('counts one year over every region, by hand', async () => {
    if (skip()) return;
    const s = await dossierStats(t.store.db, { year: 2023 });
    expect(s.count).toBe(4);
    expect(s.byStatus).toEqual({ ...none, draft: 2, submitted: 1, approved: 1 });
    // A2's first grade (良) was taken back when it was rescored.
    expect(new Map(s.byGrade.map((g) => [g.grade, g.count]))).toEqual(
      new Map([
        ['优', 2],
        ['中', 1],
        [null, 1],
      ]),
    );
    // Errors 0+2+0, warnings 2+1+0, infos 1+0+3 (C1 has none).
    expect(s.findings).toEqual({ error: 2, warning: 3, info: 4 });
    // Codes of A1, A2, B1 (C1 not audited): X-1 twice, X-2 and X-3 once, ties by code.
    expect(s.topFindings).toEqual([
      { code: 'X-1', count: 2 },
      { code: 'X-2', count: 1 },
      { code: 'X-3', count: 1 },
    ]);
    expect(s.audited).toBe(3);
  });

  it('scopes by region set, status, grade, unit and unit name', async () => {
    if (skip()) return;
    const db = t.store.db;
    // 甲市 alone, every year: A1 2023, A2 2023, A1 2022.
    const city = await dossierStats(db, { regionIds: [r.city] });
    expect(city.count).toBe(3);
    expect(city.byStatus).toEqual({ ...none, draft: 1, submitted: 1, returned: 1 });
    expect(city.findings).toEqual({ error: 5, warning: 3, info: 1 });
    expect(city.topFindings).toEqual([
      { code: 'X-1', count: 2 },
      { code: 'X-2', count: 2 },
      { code: 'X-3', count: 1 },
    ]);
    // 甲市 and 乙县 below it, 2023: A1, A2, B1.
    const tree = await dossierStats(db, { year: 2023, regionIds: [r.city, r.county] });
    expect(tree.count).toBe(3);
    expect(tree.byStatus).toEqual({ ...none, draft: 1, submitted: 1, approved: 1 });
    expect((await dossierStats(db, { regionIds: [] })).count).toBe(0);
    const good = await dossierStats(db, { grade: '优' });
    expect([good.count, good.findings]).toEqual([2, { error: 0, warning: 2, info: 4 }]);
    // A1's codes and B1's none (a sample read from the grade index).
    expect([good.audited, good.topFindings]).toEqual([
      2,
      [
        { code: 'X-1', count: 1 },
        { code: 'X-2', count: 1 },
      ],
    ]);
    const sub = await dossierStats(db, { status: 'submitted' });
    expect([sub.count, sub.findings.warning]).toEqual([1, 2]);
    // Per unit (grouped over its dossiers): A1's two years.
    const a1 = await dossierStats(db, { unitId: u.a1 });
    expect(a1.byStatus).toEqual({ ...none, submitted: 1, returned: 1 });
    expect(a1.findings).toEqual({ error: 3, warning: 2, info: 1 });
    // Unit name contains 乙: B1 only; inside 省直 nothing.
    const named = await dossierStats(db, { q: '乙' });
    expect([named.count, named.byStatus.approved, named.findings.info]).toEqual([1, 1, 3]);
    expect((await dossierStats(db, { q: '乙', regionIds: [r.other] })).count).toBe(0);
    // The sample of most recently updated dossiers bounds the codes counted, not the figures.
    // The two latest: C1 (created last, not audited) and B1 (approved before it, no codes).
    const two = await dossierStats(db, { year: 2023 }, { sample: 2 });
    expect([two.count, two.audited, two.topFindings]).toEqual([4, 1, []]);
  });

  it('stores codes; a rewrite as before adds no rows; folding keeps the sums', async () => {
    if (skip()) return;
    const db = t.store.db;
    const a2 = (await dossierStats(db, { unitId: u.a2 })).count;
    expect(a2).toBe(1);
    // 5 creations, 5 summary changes and 5 transitions, each of the last two kinds 2 rows.
    expect(await rows()).toBe(25);
    const [first] = (
      await sql<{
        id: number;
      }>`select id from dossiers where unit_id = ${u.a1} and year = 2023`.execute(db)
    ).rows;
    expect((await getSummary(db, first!.id))?.codes).toEqual(['X-1', 'X-2']);
    await upsertSummary(db, first!.id, summary('优', [0, 2, 1], ['X-1', 'X-2']));
    expect(await rows()).toBe(25);
    const before = await dossierStats(db, {});
    await compactDossierStats(db);
    // One row per key left: (甲市 2023 submitted 优), (甲市 2023 draft 中), (乙县 2023 approved 优),
    // (省直 2023 draft none), (甲市 2022 returned 差).
    expect(await rows()).toBe(5);
    expect(await dossierStats(db, {})).toEqual(before);
    expect(before.count).toBe(5);
    expect(before.findings).toEqual({ error: 5, warning: 3, info: 4 });
    // A recount from the stored rows (as migration 0006 fills the table) agrees.
    await rebuildDossierStats(db);
    expect(await rows()).toBe(5);
    expect(await dossierStats(db, {})).toEqual(before);
  });

  it('keeps the figures right under concurrent transitions and summary writes', async () => {
    if (skip()) return;
    const db = t.store.db;
    const units = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createUnit(db, { name: `并发${i}`, regionId: r.other })),
    );
    const recs = await Promise.all(
      units.map((x) => createDossier(db, { unitId: x.id, year: 2030, dossier: {}, actor: 't' })),
    );
    // Each dossier submitted while two scorings race: the figures must follow what is stored.
    await Promise.all(
      recs.flatMap((d, i) => [
        move(d.id, ['draft', 'submitted']),
        upsertSummary(db, d.id, summary('良', [i % 3, 1, 0], ['C-1'])),
        upsertSummary(db, d.id, summary('差', [1, i % 2, 2], ['C-2'])),
      ]),
    );
    const kept = await dossierStats(db, { year: 2030 });
    expect(kept.count).toBe(12);
    expect(kept.byStatus).toEqual({ ...none, submitted: 12 });
    await rebuildDossierStats(db);
    expect(await dossierStats(db, { year: 2030 })).toEqual(kept);
  });
});
