/**
 * The SQLite statement cache (cachedStatements): one prepared statement per SQL text, reused,
 * the oldest dropped above the bound, a busy (iterating) statement never shared, and a kept
 * statement still right after the schema changes.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedStatements } from './store.ts';

const open: Database.Database[] = [];
afterEach(() => {
  for (const d of open.splice(0)) if (d.open) d.close();
});

function memory(): Database.Database {
  const d = new Database(':memory:');
  open.push(d);
  d.exec('create table t (id integer primary key, name text)');
  d.exec("insert into t (name) values ('甲'), ('乙'), ('丙')");
  return d;
}

describe('cachedStatements', () => {
  it('reuses one statement per SQL text and answers as a fresh one would', () => {
    const db = cachedStatements(memory());
    const a = db.prepare('select name from t where id = ?');
    const b = db.prepare('select name from t where id = ?');
    expect(b).toBe(a);
    expect(db.prepare('select id from t')).not.toBe(a);
    // Parameters are bound per call: the reused statement gives each call its own row.
    expect(a.all([2])).toEqual([{ name: '乙' }]);
    expect(b.all([3])).toEqual([{ name: '丙' }]);
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const db = cachedStatements(memory(), 2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one); // now 'select 2' is the oldest
    db.prepare('select 3'); // pushes out 'select 2'
    expect(db.prepare('select 1')).toBe(one);
    expect(db.prepare('select 2')).not.toBe(two);
  });

  it('gives a fresh statement while the kept one is still iterating', () => {
    const db = cachedStatements(memory());
    const text = 'select name from t order by id';
    const first = db.prepare(text);
    const rows = first.iterate([]);
    expect(rows.next().value).toEqual({ name: '甲' });
    const second = db.prepare(text);
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ name: '甲' }, { name: '乙' }, { name: '丙' }]);
    // The first iteration carries on where it was.
    expect([...rows]).toEqual([{ name: '乙' }, { name: '丙' }]);
    expect(db.prepare(text)).toBe(first);
  });

  it('a kept statement sees a column added after it was prepared', () => {
    const raw = memory();
    const db = cachedStatements(raw);
    const all = db.prepare('select * from t where id = ?');
    expect(all.all([1])).toEqual([{ id: 1, name: '甲' }]);
    raw.exec("alter table t add column unit text default '局'");
    expect(db.prepare('select * from t where id = ?').all([1])).toEqual([
      { id: 1, name: '甲', unit: '局' },
    ]);
  });

  it('serves Kysely queries and transactions, closing the database on destroy', async () => {
    const raw = memory();
    const k = new Kysely<{ t: { id: Generated<number>; name: string } }>({
      dialect: new SqliteDialect({ database: cachedStatements(raw) }),
    });
    for (const name of ['丁', '戊'])
      await k.transaction().execute((tx) => tx.insertInto('t').values({ name }).execute());
    const names = await k.selectFrom('t').select('name').orderBy('id').execute();
    expect(names.map((r) => r.name)).toEqual(['甲', '乙', '丙', '丁', '戊']);
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(k)).rows).toEqual([
      { n: 5 },
    ]);
    await k.destroy();
    expect(raw.open).toBe(false);
  });
});
