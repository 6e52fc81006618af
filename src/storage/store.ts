/**
 * Opening the store: SQLite file by default (WAL, synchronous=FULL so an acknowledged write
 * survives a crash, busy timeout), PostgreSQL when a postgres:// URL is given. Migrations run on
 * open.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import pg from 'pg';
import { migrationProvider, type Dialect } from './migrations.ts';
import type { DB } from './types.ts';

export interface Store {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** Where the data lives, for messages (file path or URL without password). */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** postgres://… switches to PostgreSQL. */
  readonly databaseUrl?: string;
  /** SQLite file (created with its folder when missing). Ignored with databaseUrl. */
  readonly sqliteFile?: string;
  /** PostgreSQL schema to use (created when missing); tests use a fresh one per run. */
  readonly pgSchema?: string;
  /** Run migrations (default true). */
  readonly migrate?: boolean;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  let store: Store;
  if (opts.databaseUrl !== undefined) {
    if (!isPostgresUrl(opts.databaseUrl))
      throw new Error(
        `unsupported database URL (expected postgres://…): ${redact(opts.databaseUrl)}`,
      );
    const schema = opts.pgSchema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new Error(`bad schema name ${schema}`);
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    if (schema) {
      const c = await pool.connect();
      try {
        await c.query(`create schema if not exists ${schema}`);
      } finally {
        c.release();
      }
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    store = {
      db,
      dialect: 'postgres',
      location: redact(opts.databaseUrl) + (schema ? ` (schema ${schema})` : ''),
      close: () => db.destroy(),
    };
  } else {
    const file = opts.sqliteFile ?? 'jixiao.sqlite';
    mkdirSync(dirname(file), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: cachedStatements(sqlite) }),
    });
    store = { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
  }
  if (opts.migrate !== false) await migrate(store, opts.pgSchema);
  return store;
}

/** Statements kept per SQLite database; queries with many distinct texts push out the oldest. */
const MAX_STATEMENTS = 500;

/**
 * The database as Kysely sees it, with one prepared statement reused per SQL text: Kysely's driver
 * prepares every query afresh, which was 4 % of a save's CPU under load (issue 14). SQLite
 * re-prepares a kept statement itself when the schema changes (migrations). A statement still
 * iterating (a streamed query) is busy: that query's text gets a fresh one, not kept.
 */
export function cachedStatements(
  sqlite: Database.Database,
  max: number = MAX_STATEMENTS,
): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => {
      kept.clear();
      sqlite.close();
    },
    prepare(text: string): SqliteStatement {
      let stmt = kept.get(text);
      if (stmt?.busy) return sqlite.prepare(text);
      if (stmt) {
        // Most recently used last, so the oldest is the first key.
        kept.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (kept.size >= max) kept.delete(kept.keys().next().value as string);
      }
      kept.set(text, stmt);
      return stmt;
    },
  };
}

export async function migrate(store: Store, pgSchema?: string): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider(store.dialect),
    ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** True when the store answers a trivial query (health check). */
export async function ping(store: Store): Promise<boolean> {
  try {
    await sql`select 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

/** JSON columns come back as text on SQLite and parsed on PostgreSQL. */
export function readJson<T = unknown>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function writeJson(v: unknown): string {
  return JSON.stringify(v);
}

export function nowIso(): string {
  return new Date().toISOString();
}
