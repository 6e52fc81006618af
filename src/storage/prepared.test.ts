import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegion } from './accounts.ts';
import { prepared } from './prepared.ts';
import { openTestStore, postgresAvailable, type TestStore } from './test-db.ts';

const pgUp = await postgresAvailable();

describe.each(['sqlite', 'postgres'] as const)('a prepared query on %s', (kind) => {
  let t: TestStore;
  const skip = () => kind === 'postgres' && !pgUp;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    if (skip()) return;
    t = await openTestStore(kind);
    for (const name of ['东区', '西区', '南区'])
      ids[name] = (await createRegion(t.store.db, { name })).id;
  });
  afterAll(() => t?.cleanup());

  // Two values, one of them used in a range, one constant left as compiled.
  const regionsBetween = prepared(['from', 'to'], (db, value) =>
    db
      .selectFrom('regions')
      .select(['name'])
      .where('id', '>=', value('from'))
      .where('id', '<=', value('to'))
      .where('name', '!=', '北区')
      .orderBy('id'),
  );

  it('runs with each call’s own values, in a transaction too', async () => {
    if (skip()) return;
    const db = t.store.db;
    const east = ids['东区'] as number;
    const south = ids['南区'] as number;
    const names = async (from: number, to: number, on = db) =>
      (await regionsBetween(on, { from, to })).rows.map((r) => r.name);
    expect(await names(east, south)).toEqual(['东区', '西区', '南区']);
    expect(await names(east + 1, south)).toEqual(['西区', '南区']);
    expect(await names(south, south)).toEqual(['南区']);
    expect(await db.transaction().execute((trx) => names(east, east, trx))).toEqual(['东区']);
  });

  it('refuses a query whose placeholders are not the names it declares', async () => {
    if (skip()) return;
    const missing = prepared(['id', 'name'], (db, value) =>
      db.selectFrom('regions').select(['id']).where('id', '=', value('id')),
    );
    await expect(async () => missing(t.store.db, { id: 1, name: 'x' })).rejects.toThrow(
      'prepared query: placeholders id ≠ id,name',
    );
  });
});
