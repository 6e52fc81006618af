/**
 * Migration 0008 (the year on the summary row) on both databases: dossiers stored before it get
 * their year copied onto their summaries, and a year's listing sorted by total reads that copy.
 */
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegion, createUnit } from './accounts.ts';
import { createDossier, listDossiers, upsertSummaries } from './dossiers.ts';
import { migrate } from './store.ts';
import { migrationProvider } from './migrations.ts';
import { openTestStore, postgresAvailable, type TestStore } from './test-db.ts';

const pgUp = await postgresAvailable();

describe.each(['sqlite', 'postgres'] as const)('migration 0008 on %s', (kind) => {
  let t: TestStore;
  const skip = () => kind === 'postgres' && !pgUp;
  const ids: Record<string, number> = {};
  let regionId = 0;

  beforeAll(async () => {
    if (skip()) return;
    t = await openTestStore(kind);
    const db = t.store.db;
    const schema =
      kind === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s
        : undefined;
    const migrator = new Migrator({
      db,
      provider: migrationProvider(t.store.dialect),
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    // Back to the schema before 0008, with dossiers stored there.
    const down = await migrator.migrateTo('0007-dossier-unit-id-index');
    expect(down.error).toBeUndefined();
    const region = await createRegion(db, { name: '迁移市' });
    regionId = region.id;
    const a = await createUnit(db, { name: '甲单位', regionId: region.id });
    const b = await createUnit(db, { name: '乙单位', regionId: region.id });
    // createDossier writes the summary's year, which the old schema lacks: rows as the old code
    // wrote them.
    for (const [key, unitId, year] of [
      ['a22', a.id, 2022],
      ['a23', a.id, 2023],
      ['b23', b.id, 2023],
    ] as const) {
      const row = await db
        .insertInto('dossiers')
        .values({
          unit_id: unitId,
          year,
          version: 1,
          status: 'draft',
          data: '{}',
          created_at: '2024-01-01T00:00:00.000Z',
          updated_at: '2024-01-01T00:00:00.000Z',
          updated_by: 't',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
      await sql`insert into dossier_summary (dossier_id, errors, warnings, infos, computed_at)
        values (${row.id}, 0, 0, 0, '2024-01-01T00:00:00.000Z')`.execute(db);
    }
    await migrate(t.store, schema);
  });
  afterAll(async () => t?.cleanup());

  it.skipIf(skip())('copies each dossier year onto its summary', async () => {
    const rows = await t.store.db
      .selectFrom('dossier_summary')
      .select(['dossier_id', 'year'])
      .orderBy('dossier_id')
      .execute();
    expect(rows).toEqual([
      { dossier_id: ids.a22, year: 2022 },
      { dossier_id: ids.a23, year: 2023 },
      { dossier_id: ids.b23, year: 2023 },
    ]);
  });

  it.skipIf(skip())('lists one year by total from the copied year, new dossiers too', async () => {
    const db = t.store.db;
    const c = await createUnit(db, { name: '丙单位', regionId });
    const c23 = await createDossier(db, { unitId: c.id, year: 2023, dossier: {}, actor: 't' });
    const summary = (total: string | null) => ({
      total,
      grade: null,
      executionRate: null,
      findings: { error: 0, warning: 0, info: 0 },
      ruleset: 'x@1',
    });
    await upsertSummaries(db, [
      { dossierId: ids.a22!, summary: summary('99.00') },
      { dossierId: ids.a23!, summary: summary('70.00') },
      { dossierId: ids.b23!, summary: summary(null) },
      { dossierId: c23.id, summary: summary('85.50') },
    ]);
    // 2023 by total, highest first, unscored last; a22 (2022) is left out.
    for (const page of [1, 2, 3]) {
      const listed = await listDossiers(db, {
        year: 2023,
        sort: 'total',
        order: 'desc',
        pageSize: 1,
        page,
      });
      expect(listed.total).toBe(3);
      expect(listed.items.map((i) => i.id)).toEqual([[c23.id, ids.a23, ids.b23][page - 1]]);
    }
    const first = await listDossiers(db, { year: 2023, sort: 'total', order: 'asc' });
    expect(first.items.map((i) => i.summary.total)).toEqual(['70.00', '85.50', null]);
  });
});
