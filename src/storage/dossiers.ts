/**
 * Dossiers: the current document with a version number, an append-only revision per save, status
 * transitions (submissions), the computed summary that listings sort on, and the listing query.
 */
import { CompiledQuery, SqliteAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import { InputErrors } from '../core/errors/input-error.ts';
import { packLogDetail } from './activity.ts';
import { prepared, type PreparedQuery } from './prepared.ts';
import { nowIso, readJson, writeJson } from './store.ts';
import { DOSSIER_STATUSES, type DB, type DossierStatus } from './types.ts';

type Db = Kysely<DB>;

export interface DossierRecord {
  readonly id: number;
  readonly unitId: number;
  readonly year: number;
  readonly version: number;
  readonly status: DossierStatus;
  readonly dossier: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

const recordCols = [
  'id',
  'unit_id',
  'year',
  'version',
  'status',
  'data',
  'created_at',
  'updated_at',
  'updated_by',
] as const;
type RecordRow = {
  id: number;
  unit_id: number;
  year: number;
  version: number;
  status: DossierStatus;
  data: unknown;
  created_at: string;
  updated_at: string;
  updated_by: string;
};
const recordOf = (r: RecordRow): DossierRecord => ({
  id: r.id,
  unitId: r.unit_id,
  year: r.year,
  version: r.version,
  status: r.status,
  dossier: readJson(r.data),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/** Thrown when (unit, year) already has a dossier. */
export class DossierExistsError extends Error {
  constructor(
    readonly unitId: number,
    readonly year: number,
  ) {
    super(`dossier for unit ${unitId} year ${year} exists`);
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

export async function createDossier(
  db: Db,
  d: { unitId: number; year: number; dossier: unknown; actor: string; summary?: Summary },
): Promise<DossierRecord> {
  const now = nowIso();
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('dossiers')
        .values({
          unit_id: d.unitId,
          year: d.year,
          version: 1,
          status: 'draft',
          data: writeJson(d.dossier),
          created_at: now,
          updated_at: now,
          updated_by: d.actor,
        })
        .returning([...recordCols])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('dossier_revisions')
        .values({
          dossier_id: row.id,
          version: 1,
          data: writeJson(d.dossier),
          created_at: now,
          created_by: d.actor,
        })
        .execute();
      // Every dossier has a summary row (listings inner-join it); scores arrive with summaryOf.
      await trx
        .insertInto('dossier_summary')
        .values({
          dossier_id: row.id,
          year: d.year,
          ...summaryValues(d.summary ?? EMPTY_SUMMARY, now),
        })
        .execute();
      const unit = await trx
        .selectFrom('units')
        .select('region_id')
        .where('id', '=', d.unitId)
        .executeTakeFirstOrThrow();
      const key = { region_id: unit.region_id, year: d.year, status: 'draft' as const };
      await addStats(trx, [[key, 1, figuresOf(d.summary ?? EMPTY_SUMMARY)]]);
      await trx
        .insertInto('audit_log')
        .values({
          at: now,
          actor: d.actor,
          action: 'dossier.create',
          dossier_id: row.id,
          unit_id: d.unitId,
          detail: writeJson({ year: d.year, version: 1 }),
        })
        .execute();
      listingChanged();
      return recordOf(row as RecordRow);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DossierExistsError(d.unitId, d.year);
    throw err;
  }
}

export async function getDossier(db: Db, id: number): Promise<DossierRecord | undefined> {
  const r = await db
    .selectFrom('dossiers')
    .select([...recordCols])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && recordOf(r as RecordRow);
}

/** A dossier's record without its document (cheap: for access checks and workflow). */
export type DossierHead = Omit<DossierRecord, 'dossier'>;

const headCols = [
  'id',
  'unit_id',
  'year',
  'version',
  'status',
  'created_at',
  'updated_at',
  'updated_by',
] as const;

const headById = prepared(['id'], (db, value) =>
  db
    .selectFrom('dossiers')
    .select([...headCols])
    .where('id', '=', value('id')),
);

export async function getDossierHead(db: Db, id: number): Promise<DossierHead | undefined> {
  const r = (await headById(db, { id })).rows[0];
  return (
    r && {
      id: r.id,
      unitId: r.unit_id,
      year: r.year,
      version: r.version,
      status: r.status,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    }
  );
}

/**
 * The record with its document as stored JSON text (not parsed), read in one query so text and
 * version agree: GET /api/dossiers/:id passes it through without a parse/serialise round trip.
 */
export async function getDossierJson(
  db: Db,
  id: number,
): Promise<{ head: DossierHead; json: string } | undefined> {
  const r = await db
    .selectFrom('dossiers')
    .select([...headCols, sql<string>`cast(data as text)`.as('json')])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    r && {
      head: {
        id: r.id,
        unitId: r.unit_id,
        year: r.year,
        version: r.version,
        status: r.status,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
      },
      json: r.json,
    }
  );
}

export async function findDossier(
  db: Db,
  unitId: number,
  year: number,
): Promise<DossierRecord | undefined> {
  const r = await db
    .selectFrom('dossiers')
    .select([...recordCols])
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .executeTakeFirst();
  return r && recordOf(r as RecordRow);
}

export type SaveResult =
  | { readonly ok: true; readonly version: number; readonly updatedAt: string }
  /** version: someone saved first; status: the dossier left an editable status meanwhile. */
  | { readonly ok: false; readonly reason: 'version' | 'status'; readonly current: DossierRecord };

/**
 * Optimistic concurrency: the save applies only when `baseVersion` is still current. A losing save
 * is not dropped: its body goes into the audit log (action dossier.conflict) so it can be
 * recovered.
 */
/** What saveDossier is asked to store: the document, or its JSON text (stored as it is). */
export type SaveRequest = SaveRequestBase &
  ({ dossier: unknown; json?: undefined } | { json: string; dossier?: undefined });

interface SaveRequestBase {
  id: number;
  baseVersion: number;
  actor: string;
  statuses?: readonly DossierStatus[];
  /** The new version's summary when already known: written in the same transaction. */
  summary?: Summary;
}

/**
 * Save a new version if the caller saw the current one (optimistic locking); else log the losing
 * body and report the conflict. Resolves only once the save is durable.
 *
 * On SQLite, saves that arrive while another is being committed are committed together: one
 * transaction and one fsync for the batch (group commit), each save inside its own savepoint, in
 * arrival order, so each gets exactly the outcome it would have had alone — and a save that fails
 * rolls back only itself. None is answered before the batch's commit.
 */
export function saveDossier(db: Db, s: SaveRequest): Promise<SaveResult> {
  const now = nowIso();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter))
    return db.transaction().execute((trx) => saveInTransaction(trx, s, now));
  return new Promise((resolve, reject) => {
    let q = groups.get(db);
    if (!q) groups.set(db, (q = { pending: [], running: false }));
    q.pending.push({ s, now, resolve, reject });
    if (!q.running) void commitGroups(db, q);
  });
}

interface Queued {
  s: SaveRequest;
  now: string;
  resolve: (r: SaveResult) => void;
  reject: (err: unknown) => void;
}
interface Group {
  pending: Queued[];
  running: boolean;
}
const groups = new WeakMap<Db, Group>();
/** A bound on one batch, so one transaction stays short. */
const MAX_GROUP = 64;
const SAVEPOINT = CompiledQuery.raw('savepoint group_save');
const RELEASE = CompiledQuery.raw('release savepoint group_save');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint group_save');

async function commitGroups(db: Db, q: Group): Promise<void> {
  q.running = true;
  try {
    // Let the saves that arrive in the same turn of the event loop join the first batch.
    await new Promise((go) => setImmediate(go));
    while (q.pending.length > 0) {
      const batch = q.pending.splice(0, MAX_GROUP);
      const outcomes: ({ ok: true; r: SaveResult } | { ok: false; err: unknown })[] = [];
      try {
        await db.transaction().execute(async (trx) => {
          for (const item of batch) {
            await trx.executeQuery(SAVEPOINT);
            try {
              outcomes.push({ ok: true, r: await saveInTransaction(trx, item.s, item.now) });
              await trx.executeQuery(RELEASE);
            } catch (err) {
              await trx.executeQuery(ROLLBACK_TO);
              await trx.executeQuery(RELEASE);
              outcomes.push({ ok: false, err });
            }
          }
        });
      } catch (err) {
        // The commit itself failed: nothing of the batch is stored.
        for (const item of batch) item.reject(err);
        continue;
      }
      batch.forEach((item, i) => {
        const o = outcomes[i];
        if (o?.ok) item.resolve(o.r);
        else item.reject(o?.err);
      });
    }
  } finally {
    q.running = false;
  }
}

// A save's statements, prepared once (prepared.ts): they run for every save.
const SAVE_VALUES = ['data', 'version', 'updatedAt', 'updatedBy', 'id', 'baseVersion'] as const;
const statusName = (i: number) => `status${i}`;
/** What the update returns: the new version and the unit, for the log. */
type Updated = { version: number; unit_id: number };
const updates = new Map<number, PreparedQuery<string, Updated>>();

/**
 * The optimistic-locking update; with allowed statuses it also checks the status, in the same
 * statement, so a transition between check and save cannot slip by. One prepared query per number
 * of allowed statuses (values status0, status1, …).
 */
function updateFor(statusCount: number) {
  let q = updates.get(statusCount);
  if (!q) {
    const names = Array.from({ length: statusCount }, (_, i) => statusName(i));
    q = prepared<string, Updated>([...SAVE_VALUES, ...names], (db, value) => {
      let update = db
        .updateTable('dossiers')
        .set({
          data: value('data'),
          version: value('version'),
          updated_at: value('updatedAt'),
          updated_by: value('updatedBy'),
        })
        .where('id', '=', value('id'))
        .where('version', '=', value('baseVersion'));
      if (names.length)
        update = update.where(
          'status',
          'in',
          names.map((n) => value(n)),
        );
      return update.returning(['version', 'unit_id']);
    });
    updates.set(statusCount, q);
  }
  return q;
}

const insertRevision = prepared(['id', 'version', 'data', 'at', 'actor'], (db, value) =>
  db.insertInto('dossier_revisions').values({
    dossier_id: value('id'),
    version: value('version'),
    data: value('data'),
    created_at: value('at'),
    created_by: value('actor'),
  }),
);

const insertSaveLog = prepared(['at', 'actor', 'id', 'unitId', 'detail'], (db, value) =>
  db.insertInto('audit_log').values({
    at: value('at'),
    actor: value('actor'),
    action: 'dossier.save',
    dossier_id: value('id'),
    unit_id: value('unitId'),
    detail: value('detail'),
  }),
);

async function saveInTransaction(trx: Db, s: SaveRequest, now: string): Promise<SaveResult> {
  const json = s.json ?? writeJson(s.dossier);
  const statuses = s.statuses ?? [];
  const updated = (
    await updateFor(statuses.length)(trx, {
      data: json,
      version: s.baseVersion + 1,
      updatedAt: now,
      updatedBy: s.actor,
      id: s.id,
      baseVersion: s.baseVersion,
      ...Object.fromEntries(statuses.map((st, i) => [statusName(i), st])),
    })
  ).rows[0];
  if (!updated) {
    const cur = await trx
      .selectFrom('dossiers')
      .select([...recordCols])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    const reason = cur.version === s.baseVersion ? ('status' as const) : ('version' as const);
    await trx
      .insertInto('audit_log')
      .values({
        at: now,
        actor: s.actor,
        action: 'dossier.conflict',
        dossier_id: s.id,
        unit_id: cur.unit_id,
        // The losing body compressed and capped (issue #13: 20 stale PUTs added 98.6 MB).
        detail: writeJson(
          packLogDetail({
            reason,
            baseVersion: s.baseVersion,
            currentVersion: cur.version,
            status: cur.status,
            dossier: s.json !== undefined ? readJson(s.json) : s.dossier,
          }),
        ),
      })
      .execute();
    return { ok: false as const, reason, current: recordOf(cur as RecordRow) };
  }
  await insertRevision(trx, {
    id: s.id,
    version: updated.version,
    data: json,
    at: now,
    actor: s.actor,
  });
  await insertSaveLog(trx, {
    at: now,
    actor: s.actor,
    id: s.id,
    unitId: updated.unit_id,
    detail: writeJson({ version: updated.version }),
  });
  if (s.summary) await writeSummary(trx, s.id, s.summary, now);
  return { ok: true as const, version: updated.version, updatedAt: now };
}

export interface RevisionInfo {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

export async function listRevisions(db: Db, dossierId: number): Promise<RevisionInfo[]> {
  const rows = await db
    .selectFrom('dossier_revisions')
    .select(['version', 'created_at', 'created_by'])
    .where('dossier_id', '=', dossierId)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

export async function getRevision(
  db: Db,
  dossierId: number,
  version: number,
): Promise<
  { version: number; dossier: unknown; createdAt: string; createdBy: string } | undefined
> {
  const r = await db
    .selectFrom('dossier_revisions')
    .select(['version', 'data', 'created_at', 'created_by'])
    .where('dossier_id', '=', dossierId)
    .where('version', '=', version)
    .executeTakeFirst();
  return (
    r && {
      version: r.version,
      dossier: readJson(r.data),
      createdAt: r.created_at,
      createdBy: r.created_by,
    }
  );
}

/**
 * Change the status when it is still `from` (a concurrent transition loses); records the
 * submission and an audit entry. Returns false when the status had changed meanwhile.
 */
export async function transitionDossier(
  db: Db,
  t: {
    id: number;
    from: DossierStatus;
    to: DossierStatus;
    action: string;
    actor: string;
    comment?: string | null;
  },
): Promise<boolean> {
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('dossiers')
      .set({ status: t.to, updated_at: now })
      .where('id', '=', t.id)
      .where('status', '=', t.from)
      .returning(['unit_id'])
      .executeTakeFirst();
    if (!r) return false;
    // The dossier's figures move from one status to the other (its summary locked, so a summary
    // written meanwhile is counted under the status it was read with; see writeSummary).
    const f = await lockedFigures(trx, t.id);
    const key = await statsKeyOf(trx, t.id);
    if (f && key)
      await addStats(trx, [
        [{ ...key, status: t.from }, -1, f],
        [{ ...key, status: t.to }, 1, f],
      ]);
    await trx
      .insertInto('submissions')
      .values({
        dossier_id: t.id,
        action: t.action,
        from_status: t.from,
        to_status: t.to,
        actor: t.actor,
        comment: t.comment ?? null,
        at: now,
      })
      .execute();
    await trx
      .insertInto('audit_log')
      .values({
        at: now,
        actor: t.actor,
        action: `dossier.${t.action}`,
        dossier_id: t.id,
        unit_id: r.unit_id,
        detail: writeJson({ from: t.from, to: t.to, comment: t.comment ?? null }),
      })
      .execute();
    listingChanged();
    return true;
  });
}

export interface Submission {
  readonly action: string;
  readonly from: DossierStatus;
  readonly to: DossierStatus;
  readonly actor: string;
  readonly comment: string | null;
  readonly at: string;
}

export async function listSubmissions(db: Db, dossierId: number): Promise<Submission[]> {
  const rows = await db
    .selectFrom('submissions')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    from: r.from_status,
    to: r.to_status,
    actor: r.actor,
    comment: r.comment,
    at: r.at,
  }));
}

// ---- summary

/**
 * Id, version and document of every dossier, in id order, a page at a time (for recomputing
 * summaries).
 */
export async function* allDossiers(
  db: Db,
  pageSize = 100,
): AsyncGenerator<{ id: number; version: number; dossier: unknown }> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('dossiers')
      .select(['id', 'version', 'data'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const r of rows) yield { id: r.id, version: r.version, dossier: readJson(r.data) };
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

export interface Summary {
  /** Points, two decimals. */
  readonly total: string | null;
  readonly grade: string | null;
  /** Percent, two decimals. */
  readonly executionRate: string | null;
  readonly findings: { readonly error: number; readonly warning: number; readonly info: number };
  readonly ruleset: string | null;
  /**
   * The distinct finding codes of the audit, sorted (the dashboard's most frequent findings count
   * them instead of auditing on request). Undefined: not audited, stored as unknown (null).
   */
  readonly codes?: readonly string[];
}

/** A summary before anything is scored: no total, no findings. */
export const EMPTY_SUMMARY: Summary = {
  total: null,
  grade: null,
  executionRate: null,
  findings: { error: 0, warning: 0, info: 0 },
  ruleset: null,
};

function summaryValues(s: Summary, now: string) {
  return {
    total: s.total,
    total_num: s.total === null ? null : Number(s.total),
    grade: s.grade,
    execution_rate: s.executionRate,
    execution_rate_num: s.executionRate === null ? null : Number(s.executionRate),
    errors: s.findings.error,
    warnings: s.findings.warning,
    infos: s.findings.info,
    ruleset: s.ruleset,
    finding_codes: s.codes === undefined ? null : writeJson(s.codes),
    computed_at: now,
  };
}

async function writeSummary(db: Db, dossierId: number, s: Summary, now: string): Promise<void> {
  const values = summaryValues(s, now);
  // What this write replaces, locked: concurrent writers of one summary take turns, and each
  // takes back from the dashboard's figures exactly what the one before it added.
  const before = await lockedFigures(db, dossierId);
  await db
    .insertInto('dossier_summary')
    .values({
      dossier_id: dossierId,
      // Only when the row is missing (every dossier gets one when it is created).
      year: sql<number>`(select d.year from dossiers d where d.id = ${dossierId})`,
      ...values,
    })
    .onConflict((oc) => oc.column('dossier_id').doUpdateSet(values))
    .execute();
  const after = figuresOf(s);
  if (!before || !sameFigures(before, after)) {
    // Read after the lock, in its own statement: a status change committed meanwhile is seen.
    const key = await statsKeyOf(db, dossierId);
    if (key)
      await addStats(
        db,
        before
          ? [
              [key, -1, before],
              [key, 1, after],
            ]
          : [[key, 1, after]],
      );
  }
  listingChanged('grades');
}

export async function upsertSummary(db: Db, dossierId: number, s: Summary): Promise<void> {
  // One transaction: the summary and the dashboard's figures change together.
  await db.transaction().execute((trx) => writeSummary(trx, dossierId, s, nowIso()));
}

/** Several summaries in one transaction (one commit, one fsync on SQLite). */
export async function upsertSummaries(
  db: Db,
  entries: readonly { readonly dossierId: number; readonly summary: Summary }[],
): Promise<void> {
  if (entries.length === 0) return;
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const e of entries) await writeSummary(trx, e.dossierId, e.summary, now);
  });
}

export async function getSummary(db: Db, dossierId: number): Promise<Summary | undefined> {
  const r = await db
    .selectFrom('dossier_summary')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
  return (
    r && {
      total: r.total,
      grade: r.grade,
      executionRate: r.execution_rate,
      findings: { error: r.errors, warning: r.warnings, info: r.infos },
      ruleset: r.ruleset,
      ...(r.finding_codes === null ? {} : { codes: readJson<string[]>(r.finding_codes) }),
    }
  );
}

// ---- dashboard figures (issue 14): additive rows in dossier_stats, kept by the writers above.

/** What one dossier adds to the dashboard's figures. */
interface Figures {
  readonly grade: string | null;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}
/** Where a dossier's figures are counted. */
interface StatsKey {
  readonly region_id: number;
  readonly year: number;
  readonly status: DossierStatus;
}

const figuresOf = (s: Summary): Figures => ({
  grade: s.grade,
  errors: s.findings.error,
  warnings: s.findings.warning,
  infos: s.findings.info,
});

const sameFigures = (a: Figures, b: Figures) =>
  a.grade === b.grade && a.errors === b.errors && a.warnings === b.warnings && a.infos === b.infos;

const onSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * A dossier's stored figures, its summary row locked until the transaction ends (PostgreSQL;
 * SQLite has one writer at a time). Lock order everywhere: the dossier row, then its summary.
 */
async function lockedFigures(db: Db, dossierId: number): Promise<Figures | undefined> {
  const q = db
    .selectFrom('dossier_summary')
    .select(['grade', 'errors', 'warnings', 'infos'])
    .where('dossier_id', '=', dossierId);
  return (onSqlite(db) ? q : q.forUpdate()).executeTakeFirst();
}

async function statsKeyOf(db: Db, dossierId: number): Promise<StatsKey | undefined> {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['u.region_id', 'd.year', 'd.status'])
    .where('d.id', '=', dossierId)
    .executeTakeFirst();
}

/** Adds (+1) or takes back (-1) each dossier's figures under its key. */
async function addStats(
  db: Db,
  rows: readonly (readonly [key: StatsKey, sign: 1 | -1, f: Figures])[],
): Promise<void> {
  await db
    .insertInto('dossier_stats')
    .values(
      rows.map(([key, sign, f]) => ({
        ...key,
        grade: f.grade,
        dossiers: sign,
        errors: sign * f.errors,
        warnings: sign * f.warnings,
        infos: sign * f.infos,
      })),
    )
    .execute();
}

/**
 * The figures recounted from the dossiers and their summaries (for rows written around the
 * writers, as the listing bench's bulk load does).
 */
export async function rebuildDossierStats(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('dossier_stats').execute();
    await sql`insert into dossier_stats
        (region_id, year, status, grade, dossiers, errors, warnings, infos)
      select u.region_id, d.year, d.status, s.grade, count(*), sum(s.errors), sum(s.warnings),
             sum(s.infos)
      from dossiers d
      join units u on u.id = d.unit_id
      join dossier_summary s on s.dossier_id = d.id
      group by u.region_id, d.year, d.status, s.grade`.execute(trx);
  });
}

/**
 * Fold the additive rows into one per key (dropping keys that sum to nothing). PostgreSQL moves
 * exactly the rows it deletes, so rows inserted meanwhile stay as they are; SQLite has one writer.
 */
export async function compactDossierStats(db: Db): Promise<void> {
  const cols = sql.raw('region_id, year, status, grade');
  const sums = sql.raw('sum(dossiers), sum(errors), sum(warnings), sum(infos)');
  const keep = sql.raw(
    'having sum(dossiers) <> 0 or sum(errors) <> 0 or sum(warnings) <> 0 or sum(infos) <> 0',
  );
  const into = sql.raw(
    'insert into dossier_stats (region_id, year, status, grade, dossiers, errors, warnings, infos)',
  );
  if (!onSqlite(db)) {
    await sql`with gone as (delete from dossier_stats returning *)
      ${into} select ${cols}, ${sums} from gone group by ${cols} ${keep}`.execute(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    const top = await sql<{ m: number | null }>`select max(rowid) as m from dossier_stats`.execute(
      trx,
    );
    const m = top.rows[0]?.m ?? 0;
    await sql`${into} select ${cols}, ${sums} from dossier_stats where rowid <= ${m}
      group by ${cols} ${keep}`.execute(trx);
    await sql`delete from dossier_stats where rowid <= ${m}`.execute(trx);
  });
}

export interface StatsQuery {
  readonly year?: number;
  readonly status?: DossierStatus;
  readonly grade?: string;
  readonly unitId?: number;
  /** Substring of the unit name. */
  readonly q?: string;
  /** Only units of these regions; undefined = all. */
  readonly regionIds?: readonly number[];
}

export interface DossierStats {
  /** Matching dossiers. */
  readonly count: number;
  readonly byStatus: Readonly<Record<DossierStatus, number>>;
  /** Dossiers by stored grade; null: not scored. */
  readonly byGrade: readonly { readonly grade: string | null; readonly count: number }[];
  /** Findings by severity, summed over the matching dossiers. */
  readonly findings: { readonly error: number; readonly warning: number; readonly info: number };
  /** Finding codes by how many of the sampled dossiers have them, most first, then by code. */
  readonly topFindings: readonly { readonly code: string; readonly count: number }[];
  /**
   * Sampled dossiers whose finding codes are stored: the most recently updated (filtered by
   * grade: the newest of that grade).
   */
  readonly audited: number;
  /** Sampled dossiers whose codes are not stored (no summary computed since migration 0005). */
  readonly unaudited: readonly { readonly id: number; readonly version: number }[];
}

/** Additive rows above this many per key are folded by the next read. */
const STATS_SLACK = 500;

/**
 * The dashboard's figures over a filter: counts by status and grade and findings by severity
 * from the additive rows (a few hundred rows, however many dossiers), or, filtered by unit or
 * unit name, grouped over those dossiers' summaries; the most frequent finding codes over the
 * `sample` most recently updated matching dossiers, from their stored codes.
 */
export async function dossierStats(
  db: Db,
  query: StatsQuery,
  opts: { readonly sample?: number; readonly top?: number } = {},
): Promise<DossierStats> {
  const sample = opts.sample ?? 1000;
  const regionIds = query.regionIds && [...query.regionIds];
  const byStatus = Object.fromEntries(DOSSIER_STATUSES.map((st) => [st, 0])) as Record<
    DossierStatus,
    number
  >;
  if (regionIds && regionIds.length === 0)
    return {
      count: 0,
      byStatus,
      byGrade: [],
      findings: { error: 0, warning: 0, info: 0 },
      topFindings: [],
      audited: 0,
      unaudited: [],
    };
  const perDossier = query.unitId !== undefined || Boolean(query.q);
  const [groups, codes] = await Promise.all([
    perDossier ? groupedOverDossiers(db, query, regionIds) : groupedStats(db, query, regionIds),
    sampledCodes(db, query, regionIds, sample),
  ]);
  let count = 0;
  const grades = new Map<string | null, number>();
  const findings = { error: 0, warning: 0, info: 0 };
  let rows = 0;
  for (const g of groups) {
    const n = Number(g.n);
    if (n === 0) continue;
    count += n;
    byStatus[g.status] += n;
    grades.set(g.grade, (grades.get(g.grade) ?? 0) + n);
    findings.error += Number(g.errors);
    findings.warning += Number(g.warnings);
    findings.info += Number(g.infos);
    rows += Number(g.rows);
  }
  if (!perDossier && rows > groups.length + STATS_SLACK) await compactDossierStats(db);
  const top = new Map<string, number>();
  let audited = 0;
  const unaudited: { id: number; version: number }[] = [];
  for (const c of codes) {
    if (c.finding_codes === null) {
      unaudited.push({ id: c.id, version: c.version });
      continue;
    }
    audited += 1;
    for (const code of new Set(readJson<string[]>(c.finding_codes)))
      top.set(code, (top.get(code) ?? 0) + 1);
  }
  return {
    count,
    byStatus,
    byGrade: [...grades].map(([grade, n]) => ({ grade, count: n })),
    findings,
    // Codes are capitals, digits and hyphens: code-unit order is localeCompare's here.
    topFindings: [...top]
      .map(([code, n]) => ({ code, count: n }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .slice(0, opts.top ?? 10),
    audited,
    unaudited,
  };
}

interface StatsGroup {
  status: DossierStatus;
  grade: string | null;
  n: number | string;
  errors: number | string;
  warnings: number | string;
  infos: number | string;
  /** Additive rows summed (for deciding to fold them). */
  rows: number | string;
}

async function groupedStats(
  db: Db,
  query: StatsQuery,
  regionIds: number[] | undefined,
): Promise<StatsGroup[]> {
  let q = db.selectFrom('dossier_stats');
  if (query.year !== undefined) q = q.where('year', '=', query.year);
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  if (query.grade !== undefined) q = q.where('grade', '=', query.grade);
  if (regionIds) q = q.where('region_id', 'in', regionIds);
  return q
    .select((eb) => [
      'status',
      'grade',
      eb.fn.sum<number | string>('dossiers').as('n'),
      eb.fn.sum<number | string>('errors').as('errors'),
      eb.fn.sum<number | string>('warnings').as('warnings'),
      eb.fn.sum<number | string>('infos').as('infos'),
      eb.fn.countAll<number | string>().as('rows'),
    ])
    .groupBy(['status', 'grade'])
    .execute();
}

/** Dossiers with their summaries matching a stats query (units joined only when filtered on). */
function joined(db: Db, query: StatsQuery, regionIds: number[] | undefined) {
  let q = db
    .selectFrom('dossiers as d')
    .innerJoin('dossier_summary as s', 's.dossier_id', 'd.id')
    .$if(Boolean(query.q) || regionIds !== undefined, (j) =>
      j
        .innerJoin('units as u', 'u.id', 'd.unit_id')
        .$if(Boolean(query.q), (f) =>
          f.where(sql<boolean>`u.name like ${likeSubstring(query.q ?? '')} escape '\\'`),
        )
        .$if(regionIds !== undefined, (f) => f.where('u.region_id', 'in', regionIds ?? [])),
    );
  if (query.year !== undefined) q = q.where('d.year', '=', query.year);
  if (query.unitId !== undefined) q = q.where('d.unit_id', '=', query.unitId);
  if (query.status !== undefined) q = q.where('d.status', '=', query.status);
  if (query.grade !== undefined) q = q.where('s.grade', '=', query.grade);
  return q;
}

async function groupedOverDossiers(
  db: Db,
  query: StatsQuery,
  regionIds: number[] | undefined,
): Promise<StatsGroup[]> {
  return joined(db, query, regionIds)
    .select((eb) => [
      'd.status',
      's.grade',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string>('s.errors').as('errors'),
      eb.fn.sum<number | string>('s.warnings').as('warnings'),
      eb.fn.sum<number | string>('s.infos').as('infos'),
      eb.fn.countAll<number | string>().as('rows'),
    ])
    .groupBy(['d.status', 's.grade'])
    .execute();
}

async function sampledCodes(
  db: Db,
  query: StatsQuery,
  regionIds: number[] | undefined,
  sample: number,
): Promise<{ id: number; version: number; finding_codes: string | null }[]> {
  if (sample <= 0) return [];
  const q = joined(db, query, regionIds).select(['d.id', 'd.version', 's.finding_codes']);
  // The most recently updated, read from an updated_at index; filtered by grade, the newest
  // dossiers of that grade, read from the grade index (by update time it walked thousands of
  // dossiers of other grades: 167 ms at 100,000).
  return (
    query.grade === undefined
      ? q.orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc')
      : q.orderBy('s.dossier_id', 'desc')
  )
    .limit(sample)
    .execute();
}

// ---- listing

export const SORT_KEYS = [
  'total',
  'executionRate',
  'errors',
  'updatedAt',
  'unitName',
  'year',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListQuery {
  readonly year?: number;
  readonly unitId?: number;
  readonly status?: DossierStatus;
  readonly grade?: string;
  /** Substring of the unit name. */
  readonly q?: string;
  /** Only these units (visibility); undefined = all. */
  readonly unitIds?: readonly number[];
  readonly sort?: SortKey;
  readonly order?: 'asc' | 'desc';
  readonly page?: number;
  readonly pageSize?: number;
  /**
   * Keyset pagination: the `next` cursor of the previous page. The page then starts right after
   * that row, read from the sort index, however deep (`page` is ignored).
   */
  readonly after?: string;
  /** false: do not count the matching dossiers (`total` is then null). */
  readonly withTotal?: boolean;
}

export interface ListItem {
  readonly id: number;
  readonly unitId: number;
  readonly unitName: string;
  readonly year: number;
  readonly version: number;
  readonly status: DossierStatus;
  readonly updatedAt: string;
  readonly summary: {
    readonly total: string | null;
    readonly grade: string | null;
    readonly executionRate: string | null;
    readonly findings: { readonly error: number; readonly warning: number; readonly info: number };
  };
}

export interface ListPage {
  readonly items: ListItem[];
  /** Matching dossiers on all pages; null when not asked for (withTotal: false). */
  readonly total: number | null;
  /** Cursor for the page after this one (ListQuery.after); null on the last page. */
  readonly next: string | null;
}

/**
 * Sort column, its tie-breaker (the same row's id, from the table the index is on) and whether it
 * can be missing (null: not scored yet), which sorts last in both directions.
 */
const SORT_COLUMNS = {
  total: { col: 's.total_num', id: 's.dossier_id', nullable: true },
  executionRate: { col: 's.execution_rate_num', id: 's.dossier_id', nullable: true },
  errors: { col: 's.errors', id: 's.dossier_id', nullable: false },
  updatedAt: { col: 'd.updated_at', id: 'd.id', nullable: false },
  unitName: { col: 'u.name', id: 'd.id', nullable: false },
  year: { col: 'd.year', id: 'd.id', nullable: false },
} as const;

/** LIKE pattern for a substring, with % _ and \ escaped. */
function likeSubstring(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type SortValue = string | number | null;

const encodeCursor = (v: SortValue, id: number): string =>
  Buffer.from(JSON.stringify([v, id])).toString('base64url');

/** The cursor's (value, id), or undefined when it is not one of ours. */
function decodeCursor(cursor: string): { v: SortValue; id: number } | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [v, id] = parsed as unknown[];
    if (!Number.isSafeInteger(id)) return undefined;
    if (v !== null && typeof v !== 'string' && typeof v !== 'number') return undefined;
    return { v, id: id as number };
  } catch {
    return undefined;
  }
}

/** A cursor this listing did not produce (edited, or from another sort): bad input. */
const badCursor = () =>
  new InputErrors([
    {
      code: 'schema.other',
      where: { path: 'after' },
      message: '翻页位置（after）无效，请从第一页重新开始',
    },
  ]);

// ---- counts: computed without the listing's joins, and kept until a write changes them.

/**
 * Bumped by every write that can change which dossiers a filter matches: `rows` by new dossiers
 * and status changes (every count), `grades` by summary writes (only counts filtered by grade).
 * A save of a document changes no count, so a stream of saves leaves the counts cached.
 */
const listingGeneration = { rows: 0, grades: 0 };
function listingChanged(what: keyof typeof listingGeneration = 'rows'): void {
  listingGeneration[what]++;
}
/** A count is reused for at most this long (ms), so writes by other processes show up soon. */
const COUNT_TTL_MS = 5_000;
const countCache = new WeakMap<Db, Map<string, { n: number; gen: string; at: number }>>();

async function countMatching(db: Db, query: ListQuery): Promise<number> {
  const key = JSON.stringify([
    query.year,
    query.unitId,
    query.status,
    query.grade,
    query.q,
    query.unitIds,
  ]);
  let cache = countCache.get(db);
  if (!cache) countCache.set(db, (cache = new Map()));
  const hit = cache.get(key);
  const gen =
    query.grade === undefined
      ? `${listingGeneration.rows}`
      : `${listingGeneration.rows}:${listingGeneration.grades}`;
  if (hit && hit.gen === gen && Date.now() - hit.at < COUNT_TTL_MS) return hit.n;
  if (!filtersDossiers(query, true) && query.grade !== undefined) {
    // Every dossier has exactly one summary row: a grade alone is counted on its index only.
    const r = await db
      .selectFrom('dossier_summary')
      .where('grade', '=', query.grade)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return remember(cache, key, Number(r.n), gen);
  }
  // Joined only when a filter needs the other table.
  let q = db.selectFrom('dossiers as d');
  if (query.q) {
    q = q
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .where(sql<boolean>`u.name like ${likeSubstring(query.q)} escape '\\'`);
  }
  if (query.grade !== undefined)
    q = q
      .innerJoin('dossier_summary as s', 's.dossier_id', 'd.id')
      .where('s.grade', '=', query.grade);
  if (query.year !== undefined) q = q.where('d.year', '=', query.year);
  if (query.unitId !== undefined) q = q.where('d.unit_id', '=', query.unitId);
  if (query.status !== undefined) q = q.where('d.status', '=', query.status);
  if (query.unitIds) q = q.where('d.unit_id', 'in', [...query.unitIds]);
  const r = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return remember(cache, key, Number(r.n), gen);
}

function remember(
  cache: Map<string, { n: number; gen: string; at: number }>,
  key: string,
  n: number,
  gen: string,
): number {
  cache.set(key, { n, gen, at: Date.now() });
  if (cache.size > 1000) cache.delete(cache.keys().next().value as string);
  return n;
}

type SortColumn = (typeof SORT_COLUMNS)[SortKey];

/** What a listing row shows (ListItem), from dossiers d, units u and dossier_summary s. */
const LIST_COLUMNS = [
  'd.id',
  'd.unit_id',
  'u.name as unit_name',
  'd.year',
  'd.version',
  'd.status',
  'd.updated_at',
  's.total',
  's.grade',
  's.execution_rate',
  's.errors',
  's.warnings',
  's.infos',
] as const;

/**
 * Where a year filter is tested: on the summary's copy of the year (migration 0008) when the sort
 * is a summary column with a (year, column) index, else on the dossier (indexes on year and
 * updated_at, year and id).
 */
const yearTable = (sort: SortColumn): 's' | 'd' =>
  sort.col === 's.total_num' || sort.col === 's.execution_rate_num' ? 's' : 'd';

/**
 * Whether a listing's filters need the dossiers table: the unit, status and name filters always;
 * the year only where it is not read from the summary's copy (`yearOnDossiers`).
 */
function filtersDossiers(query: ListQuery, yearOnDossiers: boolean): boolean {
  return (
    (query.year !== undefined && yearOnDossiers) ||
    query.unitId !== undefined ||
    query.status !== undefined ||
    query.unitIds !== undefined ||
    Boolean(query.q)
  );
}

/**
 * A page by number (OFFSET), as a deferred join: the page's ids are found first over only the
 * tables the sort and the filters need, so the skipped rows are read from one index (index-only
 * where the index covers them), and the wide row is joined for the page's rows alone. Joining
 * units and summaries for every skipped row cost 44-116 ms at page 400 × 50 of 100,000 dossiers.
 * Leaving a table out changes no result: every dossier has exactly one summary row and one unit
 * (foreign keys, created with the dossier, never deleted), as the counts also assume.
 */
async function pageByOffset(
  db: Db,
  query: ListQuery,
  sort: SortColumn,
  order: RawBuilder<unknown>,
  dir: 'asc' | 'desc',
  offset: number,
  limit: number,
) {
  const on = sort.col.split('.')[0];
  // Sorted on the summary: its copy of the year filters there (one index: year, sort column).
  const yearOn = yearTable(sort);
  const joinUnits = on === 'u' || Boolean(query.q);
  const joinDossiers = on !== 's' || filtersDossiers(query, yearOn === 'd') || joinUnits;
  const joinSummaries = on !== 's' && query.grade !== undefined;
  const tables = [
    on === 's' ? sql`dossier_summary s` : sql`dossiers d`,
    on === 's' && joinDossiers ? sql`join dossiers d on d.id = s.dossier_id` : undefined,
    joinUnits ? sql`join units u on u.id = d.unit_id` : undefined,
    joinSummaries ? sql`join dossier_summary s on s.dossier_id = d.id` : undefined,
  ].filter((t) => t !== undefined);
  const conditions = [
    query.year !== undefined ? sql`${sql.ref(`${yearOn}.year`)} = ${query.year}` : undefined,
    query.unitId !== undefined ? sql`d.unit_id = ${query.unitId}` : undefined,
    query.status !== undefined ? sql`d.status = ${query.status}` : undefined,
    query.grade !== undefined ? sql`s.grade = ${query.grade}` : undefined,
    query.q ? sql`u.name like ${likeSubstring(query.q)} escape '\\'` : undefined,
    query.unitIds ? sql`d.unit_id in (${sql.join([...query.unitIds])})` : undefined,
  ].filter((c) => c !== undefined);
  const col = sql.ref(sort.col);
  const idCol = sql.ref(sort.id);
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  // OFFSET/LIMIT keep both databases from merging this into the outer join.
  const ids = sql<{ id: number; v: SortValue }>`(select ${idCol} as id, ${col} as v
    from ${sql.join(tables, sql` `)} ${where}
    order by ${col} ${order}, ${idCol} ${sql.raw(dir)}
    limit ${limit} offset ${offset})`;
  // The same order again, over the page's rows only (the ids are unique, so it is total).
  return db
    .selectFrom(ids.as('p'))
    .innerJoin('dossiers as d', 'd.id', 'p.id')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('dossier_summary as s', 's.dossier_id', 'd.id')
    .select([...LIST_COLUMNS, 'p.v as sort_value'])
    .orderBy(sql`p.v ${order}`)
    .orderBy(sql`p.id ${sql.raw(dir)}`)
    .execute();
}

/**
 * One page of the dossier listing. Sorted by an indexed column with missing values last (NULLS
 * LAST) and the id as tie-breaker, so the first page and keyset pages (`after`) are index scans;
 * a page number (`page`, offset) skips its rows over the narrowest index first (pageByOffset).
 */
export async function listDossiers<Q extends ListQuery>(
  db: Db,
  query: Q,
): Promise<ListPage & { total: Q['withTotal'] extends false ? null : number }>;
export async function listDossiers(db: Db, query: ListQuery): Promise<ListPage> {
  if (query.unitIds && query.unitIds.length === 0) return { items: [], total: 0, next: null };
  const cursor = query.after === undefined ? undefined : decodeCursor(query.after);
  if (query.after !== undefined && !cursor) throw badCursor();
  let base = db
    .selectFrom('dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('dossier_summary as s', 's.dossier_id', 'd.id');
  const sort = SORT_COLUMNS[query.sort ?? 'updatedAt'];
  if (query.year !== undefined) base = base.where(`${yearTable(sort)}.year`, '=', query.year);
  if (query.unitId !== undefined) base = base.where('d.unit_id', '=', query.unitId);
  if (query.status !== undefined) base = base.where('d.status', '=', query.status);
  if (query.grade !== undefined) base = base.where('s.grade', '=', query.grade);
  if (query.q) base = base.where(sql<boolean>`u.name like ${likeSubstring(query.q)} escape '\\'`);
  if (query.unitIds) base = base.where('d.unit_id', 'in', [...query.unitIds]);

  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  const dir = query.order ?? (query.sort === 'unitName' ? 'asc' : 'desc');
  const col = sql.ref(sort.col);
  const idCol = sql.ref(sort.id);
  const cmp = sql.raw(dir === 'desc' ? '<' : '>');
  // NULLS LAST only where values can be missing: on a NOT NULL column it would keep PostgreSQL
  // from reading a plain index backwards.
  const order = sql.raw(sort.nullable ? `${dir} nulls last` : dir);
  const select = (q: typeof base, limit: number) =>
    q
      .select([...LIST_COLUMNS, sql<SortValue>`${col}`.as('sort_value')])
      .orderBy(sql`${col} ${order}`)
      .orderBy(sql`${idCol} ${sql.raw(dir)}`)
      .limit(limit);

  const totalP = query.withTotal === false ? Promise.resolve(null) : countMatching(db, query);
  let rows;
  if (!cursor && page === 1) {
    rows = await select(base, pageSize + 1).execute();
  } else if (!cursor) {
    rows = await pageByOffset(db, query, sort, order, dir, (page - 1) * pageSize, pageSize + 1);
  } else if (cursor.v === null) {
    // Already among the missing values: the rest of them, by id.
    rows = await select(
      base.where(sql<boolean>`${col} is null and ${idCol} ${cmp} ${cursor.id}`),
      pageSize + 1,
    ).execute();
  } else {
    // Sort value and id on one table (one index): a row comparison, so the index starts exactly
    // at the cursor; `col <= v and (col < v or id < cursor)` started at the value and filtered
    // out every earlier row of equal value (thousands on a column with few values, like errors).
    // On two tables (unit name, dossier id) only the range on the value can use the index.
    const sameTable = sort.col.split('.')[0] === sort.id.split('.')[0];
    const cmpOrEq = sql.raw(dir === 'desc' ? '<=' : '>=');
    const after = sameTable
      ? sql<boolean>`(${col}, ${idCol}) ${cmp} (${cursor.v}, ${cursor.id})`
      : sql<boolean>`${col} ${cmpOrEq} ${cursor.v}
          and (${col} ${cmp} ${cursor.v} or ${idCol} ${cmp} ${cursor.id})`;
    rows = await select(base.where(after), pageSize + 1).execute();
    // The missing values come after every value.
    if (sort.nullable && rows.length < pageSize + 1)
      rows = rows.concat(
        await select(
          base.where(sql<boolean>`${col} is null`),
          pageSize + 1 - rows.length,
        ).execute(),
      );
  }
  const more = rows.length > pageSize;
  const pageRows = more ? rows.slice(0, pageSize) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    total: await totalP,
    next: more && last ? encodeCursor(last.sort_value, last.id) : null,
    items: pageRows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      year: r.year,
      version: r.version,
      status: r.status,
      updatedAt: r.updated_at,
      summary: {
        total: r.total ?? null,
        grade: r.grade ?? null,
        executionRate: r.execution_rate ?? null,
        findings: { error: r.errors ?? 0, warning: r.warnings ?? 0, info: r.infos ?? 0 },
      },
    })),
  };
}
