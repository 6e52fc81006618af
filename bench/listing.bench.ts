/**
 * Dashboard listing on PostgreSQL: loads 100,000 dossiers (quick: 10,000) with summaries into a
 * fresh schema, then times every dashboard query through listDossiers (the code the API runs):
 * each sort, both directions, first page, a deep page by offset (page 400 × 50) and the same depth
 * by keyset cursor, plus filtered listings; the count is cold (first call per filter). Aim: each
 * ≤ 20 ms, the deep page by offset included (the web jumps to page numbers). Baseline: `select
 * count(*) from dossiers` in the same run. EXPLAIN ANALYZE of the main shapes (a deep page by
 * offset among them) is printed to show the indexes used. Then the dashboard's figures (GET
 * /api/dossiers/stats) for its filters, cold and warm, with their plans. Needs
 * JIXIAO_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); skipped with a note
 * when it does not answer. BENCH_PG_SCHEMA=name keeps the loaded schema for the next run.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import {
  dossierStats,
  listDossiers,
  rebuildDossierStats,
  type ListQuery,
  type StatsQuery,
} from '../src/storage/dossiers.ts';
import { openStore } from '../src/storage/store.ts';
import { TEST_PG_URL } from '../src/storage/test-db.ts';
import type { DB } from '../src/storage/types.ts';

const AIM_MS = 20;

async function best(runs: number, f: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

export async function run(quick: boolean): Promise<void> {
  const n = quick ? 10_000 : 100_000;
  const years = 5;
  // BENCH_PG_SCHEMA=name keeps the loaded schema for the next run (the 100,000 load takes a
  // while): it is reused when it holds n dossiers (migrated on open like any old database).
  const kept = process.env.BENCH_PG_SCHEMA;
  if (kept !== undefined && !/^[a-z_][a-z0-9_]*$/.test(kept))
    throw new Error(`BENCH_PG_SCHEMA: bad schema name ${kept}`);
  const schema = kept ?? `jixiao_bench_${randomBytes(4).toString('hex')}`;
  let store;
  try {
    store = await openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema });
  } catch (err) {
    console.log(`PostgreSQL at ${TEST_PG_URL} does not answer: listing bench skipped (${err})`);
    return;
  }
  const held = Number(
    (await sql<{ n: string }>`select count(*) as n from dossiers`.execute(store.db)).rows[0]?.n,
  );
  await store.close();
  if (held !== 0 && held !== n) {
    // A kept schema of another size: start again.
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
    await (await openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema })).close();
  }
  const reuse = held === n;
  const pool = new pg.Pool({
    connectionString: TEST_PG_URL,
    max: 2,
    options: `-c search_path=${schema}`,
  });
  const captured: CompiledQuery[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push(e.query);
    },
  });
  try {
    const units = n / years;
    if (reuse) {
      console.log(`PostgreSQL: ${n.toLocaleString('en')} dossiers kept in schema ${schema}`);
    } else {
      const t0 = performance.now();
      await pool.query(`insert into regions (name) values ('基准市')`);
      await pool.query(
        `insert into units (name, region_id, created_at)
       select '单位' || lpad(i::text, 6, '0'), 1, '2024-01-01' from generate_series(1, $1) i`,
        [units],
      );
      const statuses = `(array['draft','submitted','returned','approved','published'])`;
      await pool.query(
        `insert into dossiers
         (unit_id, year, version, status, data, created_at, updated_at, updated_by)
       select u, 2019 + y, 1, ${statuses}[1 + (u * 7 + y) % 5], '{}', '2024-01-01',
              to_char(timestamp '2024-01-01'
                        + ((u::bigint * 7919 + y * 104729) % 31536000) * interval '1 second',
                      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'bench'
       from generate_series(1, $1) u, generate_series(1, ${years}) y`,
        [units],
      );
      // One in ten not scored yet (null total and rate): they must sort last.
      await pool.query(
        `insert into dossier_summary (dossier_id, year, total, total_num, grade, execution_rate,
         execution_rate_num, errors, warnings, infos, ruleset, computed_at)
       select id, year, t, t::float8, case when t is null then null when t::float8 >= 90 then '优'
                when t::float8 >= 80 then '良' when t::float8 >= 60 then '中' else '差' end,
              r, r::float8, (id * 13) % 9, (id * 7) % 5, 1, 'national@1', '2024-01-01'
       from (select id, year,
               case when id % 10 = 0 then null
                    else to_char(50 + (id::bigint * 7919 % 5000) / 100.0, 'FM990.00') end t,
               case when id % 10 = 0 then null
                    else to_char(60 + (id::bigint * 104729 % 4000) / 100.0, 'FM990.00') end r
             from dossiers) x`,
      );
      // As autovacuum leaves a table that has been up a while: hint bits and the visibility map
      // set. Without it the first query to read each row after the bulk load pays for writing
      // the hint bits (the first shape's count measured that one-time cost, 50-240 ms).
      await pool.query('vacuum analyze');
      console.log(
        `PostgreSQL: ${n.toLocaleString('en')} dossiers ` +
          `(${units.toLocaleString('en')} units × ${years} years) ` +
          `loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s` +
          (quick ? ' (quick: 10,000; the full run loads 100,000)' : ''),
      );
    }
    // Finding codes as the summary writer stores them (0-7 of 76 codes a dossier; none stored for
    // the unscored tenth), on a fresh load or a kept schema from before migration 0005.
    const coded = await pool.query(
      `update dossier_summary set finding_codes = (
         select json_agg(c order by c)::text from (
           select distinct 'RULE-' || lpad(((dossier_id * 17 + j * j * 31) % 76)::text, 2, '0') c
           from generate_series(0, dossier_id % 8) j) z)
       where finding_codes is null and dossier_id % 10 <> 0`,
    );
    // The dashboard's figures for rows loaded around the writers (what migration 0006 does).
    if (!reuse || (coded.rowCount ?? 0) > 0) {
      await rebuildDossierStats(db);
      await pool.query('vacuum analyze dossier_summary, dossier_stats');
    }
    const runs = quick ? 3 : 5;
    // Warm the connections and the plan cache once (every shape's first call is still cold).
    // Both pooled connections: a listing counts on one while it reads the page on the other, and a
    // fresh backend's first query loads the catalog (the first shape paid 200 ms for it).
    await Promise.all([1, 2].map(() => listDossiers(db, { pageSize: 1, withTotal: false })));
    const countMs = await best(runs, () => pool.query('select count(*) from dossiers'));
    console.log(`baseline select count(*) from dossiers: ${countMs.toFixed(2)} ms`);
    console.log(
      'query                                         first page   deep: offset   deep: keyset',
    );
    const shapes: { name: string; q: ListQuery }[] = [];
    for (const sort of [
      'total',
      'executionRate',
      'errors',
      'updatedAt',
      'unitName',
      'year',
    ] as const)
      for (const order of ['desc', 'asc'] as const)
        shapes.push({ name: `sort ${sort} ${order}`, q: { sort, order } });
    shapes.push({
      name: 'year 2023, sort total desc',
      q: { year: 2023, sort: 'total', order: 'desc' },
    });
    shapes.push({
      name: 'status submitted, sort updatedAt',
      q: { status: 'submitted', sort: 'updatedAt' },
    });
    shapes.push({
      name: 'grade 优, sort total desc',
      q: { grade: '优', sort: 'total', order: 'desc' },
    });
    shapes.push({ name: 'unit name contains 0123', q: { q: '0123', sort: 'unitName' } });
    let missed = 0;
    const pageSize = 50;
    const deepest = Math.min(400, Math.floor(n / pageSize));
    for (const s of shapes) {
      // Cold count: the first call for each filter counts.
      let total = 0;
      const first = await best(1, async () => {
        total = (await listDossiers(db, { ...s.q, pageSize })).total;
      });
      const firstWarm = await best(runs, () => listDossiers(db, { ...s.q, pageSize }));
      // The deepest page of this listing, up to page 400.
      const deep = Math.max(2, Math.min(deepest, Math.ceil(total / pageSize)));
      const offset = await best(runs, () => listDossiers(db, { ...s.q, pageSize, page: deep }));
      const prev = await listDossiers(db, { ...s.q, pageSize, page: deep - 1, withTotal: false });
      const after = prev.next;
      const keyset = after
        ? await best(runs, () => listDossiers(db, { ...s.q, pageSize, after, withTotal: false }))
        : NaN;
      // The web jumps to page numbers: the deep page by offset counts as much as the keyset one.
      const worst = Math.max(first, offset, Number.isNaN(keyset) ? 0 : keyset);
      if (worst > AIM_MS) missed++;
      console.log(
        `${s.name.padEnd(36)} ${first.toFixed(1).padStart(6)} (${firstWarm.toFixed(1)}) ` +
          `${`p${deep}`.padStart(6)} ${offset.toFixed(1).padStart(8)} ` +
          `${Number.isNaN(keyset) ? '     —' : keyset.toFixed(1).padStart(10)}   ` +
          `${(worst / countMs).toFixed(1)}× count  ${worst <= AIM_MS ? 'ok' : 'MISSED'}`,
      );
    }
    console.log(
      'first page: cold (count included), in brackets warm; ' +
        'deep: the page shown by offset and by keyset cursor; ' +
        `aim ≤ ${AIM_MS} ms for first, offset and keyset pages: ` +
        (missed === 0 ? 'all met' : `${missed} MISSED`),
    );
    await statsFigures(db, pool, captured, runs, countMs);
    const deepPage = deepest;
    // EXPLAIN of the main shapes, as the API sends them.
    for (const [name, q] of [
      ['sort total desc, first page', { sort: 'total', order: 'desc', withTotal: false }],
      [
        'sort total desc, keyset deep page',
        { sort: 'total', order: 'desc', withTotal: false, page: deepPage - 1 },
      ],
      [
        `sort total desc, deep page by offset (p${deepPage})`,
        { sort: 'total', order: 'desc', withTotal: false, page: deepPage },
      ],
      [
        `sort unitName asc, deep page by offset (p${deepPage})`,
        { sort: 'unitName', order: 'asc', withTotal: false, page: deepPage },
      ],
      [
        `year 2023, sort total desc, deep page by offset (p${deepPage})`,
        { year: 2023, sort: 'total', order: 'desc', withTotal: false, page: deepPage },
      ],
      ['year 2023, sort updatedAt', { year: 2023, sort: 'updatedAt', withTotal: false }],
      ['count, status submitted', { status: 'submitted', pageSize: 1 }],
    ] as const) {
      captured.length = 0;
      const r = await listDossiers(db, { ...q, pageSize: 50 } as ListQuery);
      if (name.includes('keyset') && r.next) {
        captured.length = 0;
        await listDossiers(db, {
          sort: 'total',
          order: 'desc',
          withTotal: false,
          pageSize: 50,
          after: r.next,
        });
      }
      const query = name.startsWith('count')
        ? captured.find((c) => /count\(/.test(c.sql))
        : captured[0];
      if (!query) continue;
      const plan = await pool.query(
        `explain (analyze, costs off, timing off, summary off) ${query.sql}`,
        query.parameters as unknown[],
      );
      console.log(`\nEXPLAIN ${name}:`);
      for (const row of plan.rows as { 'QUERY PLAN': string }[])
        console.log(`  ${row['QUERY PLAN']}`);
    }
  } finally {
    await db.destroy();
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    if (kept === undefined) await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  }
}

/**
 * GET /api/dossiers/stats's query (dossierStats, with the route's sample of 1,000 for the most
 * frequent findings) for the dashboard's filters: cold (first call of the filter) and warm, and
 * EXPLAIN of its grouped figures and its sample.
 */
async function statsFigures(
  db: Kysely<DB>,
  pool: pg.Pool,
  captured: CompiledQuery[],
  runs: number,
  countMs: number,
): Promise<void> {
  const shapes: { name: string; q: StatsQuery }[] = [
    { name: 'all', q: {} },
    { name: 'year 2023', q: { year: 2023 } },
    { name: 'status submitted', q: { status: 'submitted' } },
    { name: 'grade 优', q: { grade: '优' } },
    { name: 'region 基准市 (every unit)', q: { regionIds: [1] } },
    { name: 'year 2023, region 基准市', q: { year: 2023, regionIds: [1] } },
    { name: 'unit name contains 0123', q: { q: '0123' } },
    { name: 'one unit', q: { unitId: 123 } },
  ];
  console.log('\nGET /api/dossiers/stats (dossierStats)      cold    warm   dossiers  audited');
  let missed = 0;
  for (const s of shapes) {
    let r;
    const cold = await best(1, async () => {
      r = await dossierStats(db, s.q, { sample: 1000 });
    });
    const warm = await best(runs, () => dossierStats(db, s.q, { sample: 1000 }));
    const worst = Math.max(cold, warm);
    if (worst > AIM_MS) missed++;
    const { count, audited } = r as unknown as { count: number; audited: number };
    console.log(
      `stats ${s.name.padEnd(34)} ${cold.toFixed(1).padStart(6)} ${warm.toFixed(1).padStart(7)} ` +
        `${String(count).padStart(10)} ${String(audited).padStart(8)}   ` +
        `${(worst / countMs).toFixed(1)}× count  ${worst <= AIM_MS ? 'ok' : 'MISSED'}`,
    );
  }
  console.log(
    `stats aim ≤ ${AIM_MS} ms cold and warm: ${missed === 0 ? 'all met' : `${missed} MISSED`}`,
  );
  for (const [name, q] of [
    ['stats year 2023, region 基准市', { year: 2023, regionIds: [1] }],
    ['stats unit name contains 0123', { q: '0123' }],
  ] as const) {
    captured.length = 0;
    await dossierStats(db, q, { sample: 1000 });
    for (const query of captured.slice(0, 2)) {
      const plan = await pool.query(
        `explain (analyze, costs off, timing off, summary off) ${query.sql}`,
        query.parameters as unknown[],
      );
      const what = /limit/i.test(query.sql) ? 'sample of codes' : 'grouped figures';
      console.log(`\nEXPLAIN ${name}, ${what}:`);
      for (const row of plan.rows as { 'QUERY PLAN': string }[])
        console.log(`  ${row['QUERY PLAN']}`);
    }
  }
}
