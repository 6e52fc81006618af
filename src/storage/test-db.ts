/**
 * Test helpers: a real SQLite file in a temp dir, or a fresh schema on a real PostgreSQL server
 * (JIXIAO_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from './store.ts';

export const TEST_PG_URL =
  process.env.JIXIAO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers; in CI a missing server is an error, elsewhere a loud warning. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (err) {
    const ci = process.env.CI;
    if (ci && ci !== 'false' && ci !== '0')
      throw new Error(
        `PostgreSQL at ${TEST_PG_URL} does not answer and CI is set: ${(err as Error).message}`,
      );
    console.warn(
      `\n*** WARNING: PostgreSQL at ${TEST_PG_URL} does not answer (${(err as Error).message}); ` +
        'PostgreSQL storage tests are SKIPPED. ***\n',
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestStore {
  readonly store: Store;
  readonly cleanup: () => Promise<void>;
}

export async function openTestStore(kind: 'sqlite' | 'postgres'): Promise<TestStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-store-'));
    const store = await openStore({ sqliteFile: join(dir, 'test.sqlite') });
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `jixiao_test_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema });
  return {
    store,
    cleanup: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      try {
        await c.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await c.end();
      }
    },
  };
}
