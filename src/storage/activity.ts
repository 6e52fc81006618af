/**
 * Comments on a dossier and the audit log (who did what when). The log stays bounded (issue #13):
 * a losing save's body is kept gzip-compressed and capped (packLogDetail), and reads come in pages
 * of at most LOG_PAGE_MAX entries and about LOG_PAGE_BYTES of detail, newest or oldest first, with
 * an id cursor.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { nowIso, readJson, writeJson } from './store.ts';
import type { CommentTargetKind, DB } from './types.ts';

type Db = Kysely<DB>;

export interface Comment {
  readonly id: number;
  readonly target: { readonly kind: CommentTargetKind; readonly ref?: string };
  readonly body: string;
  readonly author: string;
  readonly createdAt: string;
}

export async function addComment(
  db: Db,
  c: {
    dossierId: number;
    target: { kind: CommentTargetKind; ref?: string | undefined };
    body: string;
    author: string;
    authorId?: number;
  },
): Promise<Comment> {
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('comments')
      .values({
        dossier_id: c.dossierId,
        target_kind: c.target.kind,
        target_ref: c.target.ref ?? null,
        body: c.body,
        author: c.author,
        author_id: c.authorId ?? null,
        created_at: now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('audit_log')
      .values({
        at: now,
        actor: c.author,
        action: 'comment.add',
        dossier_id: c.dossierId,
        unit_id: null,
        detail: writeJson({ commentId: r.id, target: c.target }),
      })
      .execute();
    return {
      id: r.id,
      target:
        c.target.ref === undefined
          ? { kind: c.target.kind }
          : { kind: c.target.kind, ref: c.target.ref },
      body: c.body,
      author: c.author,
      createdAt: now,
    };
  });
}

export async function listComments(db: Db, dossierId: number): Promise<Comment[]> {
  const rows = await db
    .selectFrom('comments')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    target:
      r.target_ref === null ? { kind: r.target_kind } : { kind: r.target_kind, ref: r.target_ref },
    body: r.body,
    author: r.author,
    createdAt: r.created_at,
  }));
}

export interface LogEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly dossierId: number | null;
  readonly unitId: number | null;
  readonly detail: unknown;
}

export async function appendLog(
  db: Db,
  e: {
    actor: string;
    action: string;
    dossierId?: number | null;
    unitId?: number | null;
    detail?: unknown;
  },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor: e.actor,
      action: e.action,
      dossier_id: e.dossierId ?? null,
      unit_id: e.unitId ?? null,
      detail: e.detail === undefined ? null : writeJson(e.detail),
    })
    .execute();
}

/** Entries of one log page at most (a request asking for more gets this many). */
export const LOG_PAGE_MAX = 200;
/** Detail text of one page, bytes (about): a page stops early rather than grow past it. */
export const LOG_PAGE_BYTES = 8 * 1024 * 1024;
/** A losing body's compressed size at most, bytes; a larger one keeps its start and its hash. */
export const LOSING_BODY_CAP = 256 * 1024;

interface PackedBody {
  /** gzip of the body's JSON, base64. */
  readonly gz: string;
  /** Bytes of the whole JSON text. */
  readonly bytes: number;
  readonly sha256: string;
  /** True when only the start of the text fits under LOSING_BODY_CAP. */
  readonly truncated: boolean;
}

function packBody(body: unknown): PackedBody {
  const text = JSON.stringify(body) ?? 'null';
  const buf = Buffer.from(text);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  let gz = gzipSync(buf);
  let keep = buf.length;
  // Over the cap: keep a start of the text that compresses under it (shrinks by the overshoot).
  while (gz.length > LOSING_BODY_CAP && keep > 0) {
    keep = Math.floor((keep * LOSING_BODY_CAP * 0.9) / gz.length);
    gz = gzipSync(buf.subarray(0, keep));
  }
  return { gz: gz.toString('base64'), bytes: buf.length, sha256, truncated: keep < buf.length };
}

/**
 * The detail of a dossier.conflict entry as stored: its `dossier` (the losing body) compressed
 * and capped into `dossierPacked`. listLog gives `dossier` back when it was kept whole; a
 * truncated one comes back as `dossierTruncated` (its start as text, size and hash).
 */
export function packLogDetail(detail: Record<string, unknown>): Record<string, unknown> {
  if (!('dossier' in detail)) return detail;
  const { dossier, ...rest } = detail;
  return { ...rest, dossierPacked: packBody(dossier) };
}

function unpackLogDetail(detail: unknown): unknown {
  if (!detail || typeof detail !== 'object' || !('dossierPacked' in detail)) return detail;
  const { dossierPacked, ...rest } = detail as { dossierPacked: PackedBody };
  const text = gunzipSync(Buffer.from(dossierPacked.gz, 'base64')).toString('utf8');
  if (!dossierPacked.truncated) return { ...rest, dossier: JSON.parse(text) as unknown };
  return {
    ...rest,
    dossierTruncated: { start: text, bytes: dossierPacked.bytes, sha256: dossierPacked.sha256 },
  };
}

export interface LogPage {
  readonly entries: LogEntry[];
  /** Cursor for the next page (pass as `before` newest-first, `after` oldest-first). */
  readonly next?: number;
}

/**
 * One page of the log. `limit` is capped at LOG_PAGE_MAX; the page also ends once its details
 * pass LOG_PAGE_BYTES. Newest first pages with `before` (ids below it), oldest first with `after`.
 */
export async function listLogPage(
  db: Db,
  filter: {
    dossierId?: number;
    limit?: number;
    newestFirst?: boolean;
    actor?: string;
    before?: number;
    after?: number;
  } = {},
): Promise<LogPage> {
  const limit = Math.min(Math.max(1, filter.limit ?? LOG_PAGE_MAX), LOG_PAGE_MAX);
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', filter.newestFirst ? 'desc' : 'asc');
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.dossierId !== undefined) q = q.where('dossier_id', '=', filter.dossierId);
  if (filter.before !== undefined) q = q.where('id', '<', filter.before);
  if (filter.after !== undefined) q = q.where('id', '>', filter.after);
  const rows = await q.limit(limit + 1).execute();
  const entries: LogEntry[] = [];
  let bytes = 0;
  for (const r of rows.slice(0, limit)) {
    const stored = r.detail === null ? null : readJson(r.detail);
    // What the entry will weigh in the answer: its text, plus a losing body once inflated.
    const packed = (stored as { dossierPacked?: PackedBody } | null)?.dossierPacked;
    const size = (typeof r.detail === 'string' ? r.detail.length : 0) + (packed?.bytes ?? 0);
    if (entries.length > 0 && bytes + size > LOG_PAGE_BYTES) break;
    bytes += size;
    entries.push({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      dossierId: r.dossier_id,
      unitId: r.unit_id,
      detail: stored === null ? null : unpackLogDetail(stored),
    });
  }
  const last = entries[entries.length - 1];
  const more = entries.length < rows.length;
  return more && last ? { entries, next: last.id } : { entries };
}

/** The first page of the log (see listLogPage). */
export async function listLog(
  db: Db,
  filter: { dossierId?: number; limit?: number; newestFirst?: boolean; actor?: string } = {},
): Promise<LogEntry[]> {
  return (await listLogPage(db, filter)).entries;
}
