/** Comments on a dossier and the audit log (who did what when). */
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

export async function listLog(
  db: Db,
  filter: { dossierId?: number; limit?: number; newestFirst?: boolean; actor?: string } = {},
): Promise<LogEntry[]> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', filter.newestFirst ? 'desc' : 'asc');
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.dossierId !== undefined) q = q.where('dossier_id', '=', filter.dossierId);
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    dossierId: r.dossier_id,
    unitId: r.unit_id,
    detail: r.detail === null ? null : readJson(r.detail),
  }));
}
