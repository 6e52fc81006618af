/**
 * Versioned schema migrations, provided in code (no migration folder to ship). Append new
 * migrations at the end with the next number; never edit one that has been released.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

// Migrations run against the schema as it was then, not today's DB type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function v1(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const json = pg ? 'json' : 'text';
  return {
    async up(db: AnyDb) {
      const idCol = pg ? ('serial' as const) : ('integer' as const);
      const withId = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn('id', idCol, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()));
      await withId('regions')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'integer', (c) => c.references('regions.id'))
        .execute();
      await withId('units')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
        .addColumn('budget_code', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId('users')
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role in ('admin', 'reviewer', 'editor')`),
        )
        .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
        .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await withId('dossiers')
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('data', json, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('dossiers_unit_year', ['unit_id', 'year'])
        .execute();
      await withId('dossier_revisions')
        .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data', json, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('dossier_revisions_version', ['dossier_id', 'version'])
        .execute();
      await withId('submissions')
        .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await withId('comments')
        .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id'))
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_ref', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('author_id', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId('audit_log')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('dossier_id', 'integer')
        .addColumn('unit_id', 'integer')
        .addColumn('detail', json)
        .execute();
      await db.schema
        .createTable('dossier_summary')
        .addColumn('dossier_id', 'integer', (c) => c.primaryKey().references('dossiers.id'))
        .addColumn('total', 'text')
        .addColumn('total_num', pg ? 'double precision' : 'real')
        .addColumn('grade', 'text')
        .addColumn('execution_rate', 'text')
        .addColumn('execution_rate_num', pg ? 'double precision' : 'real')
        .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('infos', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ruleset', 'text')
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('dossier_revisions_dossier')
        .on('dossier_revisions')
        .column('dossier_id')
        .execute();
      await db.schema
        .createIndex('audit_log_dossier')
        .on('audit_log')
        .columns(['dossier_id', 'id'])
        .execute();
      await db.schema.createIndex('comments_dossier').on('comments').column('dossier_id').execute();
      await db.schema
        .createIndex('submissions_dossier')
        .on('submissions')
        .column('dossier_id')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('units_region').on('units').column('region_id').execute();
    },
    async down(db: AnyDb) {
      for (const t of [
        'dossier_summary',
        'audit_log',
        'comments',
        'submissions',
        'dossier_revisions',
        'dossiers',
        'sessions',
        'users',
        'units',
        'regions',
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}

/**
 * Listings in milliseconds (issue 14): every dossier gets a summary row (so listings join it with
 * an inner join and can be driven from a summary index), and an index for each sort and filter.
 * Sorts put missing values last in both directions (`NULLS LAST`); on PostgreSQL each nullable
 * sort column has one index per direction with that null order, so the sort is an index scan.
 * SQLite indexes cannot carry NULLS LAST; there the plain column index serves.
 */
function v2(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  return {
    async up(db: AnyDb) {
      await sql`insert into dossier_summary (dossier_id, errors, warnings, infos, computed_at)
        select d.id, 0, 0, 0, d.updated_at from dossiers d
        where not exists (select 1 from dossier_summary s where s.dossier_id = d.id)`.execute(db);
      const index = (name: string, table: string, cols: string) =>
        sql.raw(`create index ${name} on ${table} (${cols})`).execute(db);
      for (const col of ['total_num', 'execution_rate_num']) {
        if (pg) {
          await index(
            `summary_${col}_desc`,
            'dossier_summary',
            `${col} desc nulls last, dossier_id desc`,
          );
          await index(
            `summary_${col}_asc`,
            'dossier_summary',
            `${col} asc nulls last, dossier_id asc`,
          );
        } else await index(`summary_${col}`, 'dossier_summary', `${col}, dossier_id`);
      }
      await index('summary_errors', 'dossier_summary', 'errors, dossier_id');
      await index('summary_grade', 'dossier_summary', 'grade, dossier_id');
      await index('dossiers_updated_at', 'dossiers', 'updated_at, id');
      await index('dossiers_year', 'dossiers', 'year, id');
      await index('dossiers_status', 'dossiers', 'status, updated_at, id');
      await index('dossiers_year_updated_at', 'dossiers', 'year, updated_at, id');
      await index('units_name', 'units', 'name, id');
      if (pg) await sql`analyze dossiers, dossier_summary, units`.execute(db);
    },
    async down(db: AnyDb) {
      for (const name of [
        'summary_total_num_desc',
        'summary_total_num_asc',
        'summary_total_num',
        'summary_execution_rate_num_desc',
        'summary_execution_rate_num_asc',
        'summary_execution_rate_num',
        'summary_errors',
        'summary_grade',
        'dossiers_updated_at',
        'dossiers_year',
        'dossiers_status',
        'dossiers_year_updated_at',
        'units_name',
      ])
        await db.schema.dropIndex(name).ifExists().execute();
    },
  };
}

/** Accounts an admin can disable (issue 12): a disabled user cannot log in or keep a session. */
function v3(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('users').dropColumn('disabled_at').execute();
    },
  };
}

/**
 * Grade filter sorted by total (the dashboard's "优, highest first"): one index range instead of
 * filtering a scan of the total index (199 ms for a deep keyset page at 100,000 dossiers).
 */
function v4(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  return {
    async up(db: AnyDb) {
      const cols = pg
        ? 'grade, total_num desc nulls last, dossier_id desc'
        : 'grade, total_num, dossier_id';
      await sql.raw(`create index summary_grade_total on dossier_summary (${cols})`).execute(db);
      if (pg) await sql`analyze dossier_summary`.execute(db);
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('summary_grade_total').ifExists().execute();
    },
  };
}

/**
 * The dashboard's most frequent findings from stored finding codes (issue 14) instead of auditing
 * dossiers on request. Existing summaries have none (null: not audited) until the summaries are
 * recomputed, which the server does in the background on every start.
 */
function v5(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('dossier_summary').addColumn('finding_codes', 'text').execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('dossier_summary').dropColumn('finding_codes').execute();
    },
  };
}

/**
 * The dashboard's figures without a scan of every dossier (issue 14): additive rows by region,
 * year, status and grade (types.ts DossierStatsTable), filled from the dossiers already stored.
 */
function v6(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('dossier_stats')
        .addColumn('region_id', 'integer', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('grade', 'text')
        .addColumn('dossiers', 'integer', (c) => c.notNull())
        .addColumn('errors', 'integer', (c) => c.notNull())
        .addColumn('warnings', 'integer', (c) => c.notNull())
        .addColumn('infos', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('dossier_stats_year')
        .on('dossier_stats')
        .columns(['year', 'region_id'])
        .execute();
      await sql`insert into dossier_stats
          (region_id, year, status, grade, dossiers, errors, warnings, infos)
        select u.region_id, d.year, d.status, s.grade, count(*), sum(s.errors), sum(s.warnings),
               sum(s.infos)
        from dossiers d
        join units u on u.id = d.unit_id
        join dossier_summary s on s.dossier_id = d.id
        group by u.region_id, d.year, d.status, s.grade`.execute(db);
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('dossier_stats').ifExists().execute();
    },
  };
}

/**
 * Page numbers sorted by unit name (issue 14): the page's ids are found by walking units by name
 * and each unit's dossiers; with the id in the index that walk reads no dossier row (a deep page
 * at 100,000 dossiers: 16-19 ms, most of it fetching rows for their id). On SQLite every index
 * already holds the rowid (the id), so dossiers_unit_year serves and nothing is created.
 */
function v7(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  return {
    async up(db: AnyDb) {
      if (!pg) return;
      await sql`create index dossiers_unit_id on dossiers (unit_id, id)`.execute(db);
      await sql`analyze dossiers`.execute(db);
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('dossiers_unit_id').ifExists().execute();
    },
  };
}

/**
 * A year's dossiers sorted by total or execution rate (issue 14): the dossier's year copied onto
 * its summary row (a dossier's year never changes), so a page of one year by score is one range
 * of one index. With the year on dossiers only, a deep page (page 400 of 100,000) joined every
 * skipped summary row to its dossier to test the year: 45-60 ms on PostgreSQL.
 */
function v8(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const indexes = ['total_num', 'execution_rate_num'].flatMap((col) =>
    pg
      ? [
          [`summary_year_${col}_desc`, `year, ${col} desc nulls last, dossier_id desc`],
          [`summary_year_${col}_asc`, `year, ${col} asc nulls last, dossier_id asc`],
        ]
      : [[`summary_year_${col}`, `year, ${col}, dossier_id`]],
  );
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('dossier_summary').addColumn('year', 'integer').execute();
      await sql`update dossier_summary set year =
        (select d.year from dossiers d where d.id = dossier_summary.dossier_id)`.execute(db);
      for (const [name, cols] of indexes)
        await sql.raw(`create index ${name} on dossier_summary (${cols})`).execute(db);
      if (pg) await sql`analyze dossier_summary`.execute(db);
    },
    async down(db: AnyDb) {
      for (const [name] of indexes) await db.schema.dropIndex(name!).ifExists().execute();
      await db.schema.alterTable('dossier_summary').dropColumn('year').execute();
    },
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: async () => ({
      '0001-initial': v1(dialect),
      '0002-listing-indexes': v2(dialect),
      '0003-user-disabled': v3(),
      '0004-grade-total-index': v4(dialect),
      '0005-finding-codes': v5(),
      '0006-dossier-stats': v6(),
      '0007-dossier-unit-id-index': v7(dialect),
      '0008-summary-year': v8(dialect),
    }),
  };
}
