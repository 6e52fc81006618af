/**
 * Dossier routes: listing and export, create, read, save (optimistic concurrency), revisions and
 * diff, score and audit, workflow transitions, comments and the audit log of a dossier.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addComment, appendLog, listComments, listLogPage } from '../../storage/activity.ts';
import { getUnit } from '../../storage/accounts.ts';
import {
  createDossier,
  DossierExistsError,
  getDossierHead,
  getDossierJson,
  getRevision,
  listDossiers,
  listRevisions,
  listSubmissions,
  saveDossier,
  upsertSummary,
  type DossierHead,
  type DossierRecord,
  type ListQuery,
} from '../../storage/dossiers.ts';
import { readJson } from '../../storage/store.ts';
import { COMMENT_TARGET_KINDS } from '../../storage/types.ts';
import { EDITABLE, may, canSeeUnit, type Action, type Caller } from '../access.ts';
import { requireScored } from '../compute.ts';
import { signedIn, type AppDeps } from '../context.ts';
import { PutBody, validForStorage } from '../dossier-check.ts';
import { saveCheckError } from '../dossier-check-pool.ts';
import { forbidden, HttpError, notFound } from '../errors.ts';
import { exportCsv, exportXlsx } from '../export.ts';
import { jsonDiff } from '../json-diff.ts';
import { REPORT_FORMATS } from '../reports.ts';
import { parseInput } from '../validate.ts';
import { initialDossier } from '../services/roll-forward.ts';
import { TRANSITION_SERVICES, WORKFLOW_ACTIONS } from '../services/workflow.ts';
import { IdParams, IdText, IdValue } from './units.ts';
import { ListQuerySchema, scopedListQuery } from './dashboard.ts';

const int = z.coerce.number().int();
export { ListQuerySchema };

const CreateBody = z.object({
  unitId: IdValue,
  year: z.number().int().min(2000).max(2100),
  dossier: z.unknown().optional(),
  from: z.enum(['blank', 'previous']).optional(),
});
const RevisionParams = IdParams.extend({ version: IdText });
const RestoreBody = z.object({
  version: z.number().int().positive(),
  baseVersion: z.number().int().positive(),
});
const DiffQuery = z.object({ from: int.positive(), to: int.positive() });
const TransitionBody = z.object({
  action: z.enum(WORKFLOW_ACTIONS),
  comment: z.string().trim().max(10000).optional(),
  /** Admin only: submit despite error-level findings, for this reason (logged). */
  overrideReason: z.string().trim().max(2000).optional(),
});
const CommentBody = z.object({
  target: z.object({
    kind: z.enum(COMMENT_TARGET_KINDS),
    ref: z.string().trim().min(1).max(500).optional(),
  }),
  body: z.string().trim().min(1).max(10000),
});
const ReportParams = IdParams.extend({ format: z.enum(REPORT_FORMATS) });
const LogQuery = z.object({
  limit: int.min(1).max(200).optional(),
  after: int.min(0).optional(),
});

export { validForStorage };

/**
 * A JSON body kept as its bytes (PUT /api/dossiers/:id: decoded and parsed in a save-check
 * worker).
 */
class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

export async function presentRecord(deps: AppDeps, r: DossierRecord) {
  const unit = await getUnit(deps.store.db, r.unitId);
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: unit?.name ?? null,
    year: r.year,
    version: r.version,
    status: r.status,
    dossier: r.dossier,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

/** The same record as JSON text, with the stored document text spliced in unparsed. */
async function presentRecordJson(
  deps: AppDeps,
  head: DossierHead,
  dossierJson: string,
): Promise<string> {
  const unit = await getUnit(deps.store.db, head.unitId);
  const rest = JSON.stringify({
    id: head.id,
    unitId: head.unitId,
    unitName: unit?.name ?? null,
    year: head.year,
    version: head.version,
    status: head.status,
    createdAt: head.createdAt,
    updatedAt: head.updatedAt,
    updatedBy: head.updatedBy,
  });
  return `${rest.slice(0, -1)},"dossier":${dossierJson}}`;
}

/** Loads exactly one version of a dossier (revisions never change), for computeCached. */
const versionLoader = (deps: AppDeps, id: number, version: number) => async () =>
  (await getRevision(deps.store.db, id, version))?.dossier;

/**
 * Recompute and store the summary of the current version; a failing computation never loses the
 * save.
 */
export async function refreshSummary(
  deps: AppDeps,
  request: FastifyRequest | undefined,
  id: number,
  version: number,
  dossier: unknown,
): Promise<void> {
  try {
    const c = await deps.dossierCache.computed(id, version, dossier);
    await upsertSummary(deps.store.db, id, c.summary);
  } catch (err) {
    request?.log.warn({ err, dossierId: id }, 'summary not computed');
  }
}

export function dossierRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.store.db;

  /** The dossier, when it exists (404) and the caller may do `action` on it (401/403). */
  async function load(
    request: FastifyRequest,
    action: Action = 'read',
  ): Promise<{ caller: Caller & { user: NonNullable<Caller['user']> }; record: DossierHead }> {
    const caller = await signedIn(deps, request);
    const { id } = parseInput(IdParams, request.params, 'params');
    const record = await getDossierHead(db, id);
    // Hidden and missing look the same (access.ts).
    if (!record || !canSeeUnit(caller, record.unitId)) throw notFound('档案不存在');
    if (!may(caller, action, record.unitId, record.status))
      throw forbidden(
        action === 'write' && caller.user.role === 'editor'
          ? `档案状态为「${record.status}」，不可编辑`
          : '无权执行此操作',
      );
    return { caller, record };
  }

  const listingQuery = (request: FastifyRequest): Promise<ListQuery> =>
    scopedListQuery(deps, request);

  app.get('/api/dossiers', async (request) => {
    const query = await listingQuery(request);
    // Summaries of saves just answered are still being computed: show them, not the old ones.
    await deps.dossierCache.summariesSettled();
    return listDossiers(db, query);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/dossiers/export.${format}`, async (request, reply) => {
      const c = await signedIn(deps, request);
      if (c.user.role !== 'admin' && c.user.role !== 'reviewer')
        throw forbidden('仅复核人员和管理员可导出');
      const query = await listingQuery(request);
      await deps.dossierCache.summariesSettled();
      const items = [];
      for (let page = 1; ; page++) {
        const r = await listDossiers(db, { ...query, page, pageSize: 500 });
        items.push(...r.items);
        if (items.length >= r.total || r.items.length === 0) break;
      }
      await appendLog(db, {
        actor: c.user.username,
        action: `export.${format}`,
        detail: { count: items.length },
      });
      const name = `jixiao-dossiers.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(exportCsv(items));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await exportXlsx(items));
    });
  }

  app.post('/api/dossiers', async (request, reply) => {
    const c = await signedIn(deps, request);
    const body = parseInput(CreateBody, request.body, 'body');
    const found = await getUnit(db, body.unitId);
    // A unit the caller cannot see answers as a missing one (access.ts).
    const unit = found && canSeeUnit(c, found.id) ? found : undefined;
    if (!unit)
      throw new HttpError(422, 'unknown-unit', `单位 ${body.unitId} 不存在`, [
        { path: 'body.unitId', message: 'unknown unit' },
      ]);
    if (!may(c, 'create', unit.id)) throw forbidden('只能为本单位创建档案');
    const raw = await initialDossier(db, unit, body.year, body);
    const dossier = validForStorage(raw, body.year);
    try {
      const rec = await createDossier(db, {
        unitId: unit.id,
        year: body.year,
        dossier,
        actor: c.user.username,
      });
      await refreshSummary(deps, request, rec.id, rec.version, rec.dossier);
      return reply.code(201).send(await presentRecord(deps, rec));
    } catch (err) {
      if (err instanceof DossierExistsError)
        throw new HttpError(409, 'exists', `${unit.name} 的 ${body.year} 年度档案已存在`);
      throw err;
    }
  });

  app.get('/api/dossiers/:id', async (request, reply) => {
    const { record } = await load(request);
    const full = await getDossierJson(db, record.id);
    if (!full) throw notFound('档案不存在');
    deps.dossierCache.checkText(full.head.id, full.head.version, full.json);
    return reply
      .type('application/json; charset=utf-8')
      .send(await presentRecordJson(deps, full.head, full.json));
  });

  // A save's JSON body arrives as bytes and is decoded, parsed and checked in a save-check
  // worker (dossier-check-pool.ts): the document is most of a save's CPU.
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, bytes, done) => {
      done(null, new JsonBytes(bytes as Buffer));
    });
    scope.put('/api/dossiers/:id', async (request, reply) => {
      const { caller, record } = await load(request, 'write');
      const body = request.body;
      const checked =
        body instanceof JsonBytes
          ? await deps.saveChecks.check(body.bytes, record.year)
          : undefined;
      if (checked && !checked.ok) throw saveCheckError(checked.failure);
      if (checked) return save(request, reply, caller, record, checked.version, checked.json);
      // Another content type: refused by the same checks, inline.
      const b = parseInput(PutBody, body, 'body');
      const json = JSON.stringify(validForStorage(b.dossier, record.year));
      return save(request, reply, caller, record, b.version, json);
    });
  });

  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    caller: Caller & { user: NonNullable<Caller['user']> },
    record: DossierHead,
    baseVersion: number,
    json: string,
  ) {
    const editorOnly = caller.user.role !== 'admin';
    const r = await saveDossier(db, {
      id: record.id,
      baseVersion,
      json,
      actor: caller.user.username,
      ...(editorOnly ? { statuses: EDITABLE } : {}),
    });
    if (!r.ok && r.reason === 'status') {
      throw new HttpError(
        403,
        'forbidden',
        `档案状态已变为「${r.current.status}」，不可编辑；您的修改已记录在操作日志中`,
      );
    }
    if (!r.ok) {
      const cur = r.current;
      return reply.code(409).send({
        error: {
          code: 'conflict',
          message: `档案已被 ${cur.updatedBy} 修改（当前版本 ${cur.version}），您的修改未保存但已记录在操作日志中`,
        },
        current: {
          version: cur.version,
          dossier: cur.dossier,
          updatedBy: cur.updatedBy,
          updatedAt: cur.updatedAt,
        },
      });
    }
    // Durable now: answer, and let score + audit + summary follow off the request path (the
    // document is parsed back only if its summary is computed: later saves replace it).
    deps.dossierCache.scheduleSummary(
      db,
      record.id,
      r.version,
      async () => readJson(json),
      request.log,
    );
    return { version: r.version, updatedAt: r.updatedAt };
  }

  app.get('/api/dossiers/:id/revisions', async (request) =>
    listRevisions(db, (await load(request)).record.id),
  );

  app.get('/api/dossiers/:id/revisions/:version', async (request) => {
    const { record } = await load(request);
    const { version } = parseInput(RevisionParams, request.params, 'params');
    const rev = await getRevision(db, record.id, version);
    if (!rev) throw notFound(`版本 ${version} 不存在`);
    return rev;
  });

  app.get('/api/dossiers/:id/diff', async (request) => {
    const { record } = await load(request);
    const q = parseInput(DiffQuery, request.query, 'query');
    const [a, b] = await Promise.all([
      getRevision(db, record.id, q.from),
      getRevision(db, record.id, q.to),
    ]);
    if (!a || !b) throw notFound(`版本 ${!a ? q.from : q.to} 不存在`);
    return { from: q.from, to: q.to, changes: jsonDiff(a.dossier, b.dossier) };
  });

  app.get('/api/dossiers/:id/score', async (request) => {
    const { record } = await load(request);
    return requireScored(
      await deps.dossierCache.computed(
        record.id,
        record.version,
        versionLoader(deps, record.id, record.version),
      ),
    ).score;
  });

  app.get('/api/dossiers/:id/audit', async (request) => {
    const { record } = await load(request);
    const c = requireScored(
      await deps.dossierCache.computed(
        record.id,
        record.version,
        versionLoader(deps, record.id, record.version),
      ),
    );
    return { findings: c.findings, summary: c.summary.findings };
  });

  app.get('/api/dossiers/:id/report.:format', async (request, reply) => {
    const { caller, record } = await load(request);
    const { format } = parseInput(ReportParams, request.params, 'params');
    const unit = await getUnit(db, record.unitId);
    const rev = await getRevision(db, record.id, record.version);
    if (!rev) throw notFound('档案不存在');
    const { file, cache } = await deps.reports.get(
      format,
      { id: record.id, version: record.version, year: record.year, unitName: unit?.name ?? '' },
      await deps.dossierCache.computed(record.id, record.version, rev.dossier),
    );
    await appendLog(db, {
      actor: caller.user.username,
      action: `report.${format}`,
      dossierId: record.id,
      unitId: record.unitId,
    });
    return reply
      .type(file.contentType)
      .header('x-report-cache', cache)
      .header('content-disposition', file.disposition)
      .send(file.body);
  });

  app.post('/api/dossiers/:id/transitions', async (request) => {
    const caller = await signedIn(deps, request);
    const body = parseInput(TransitionBody, request.body, 'body');
    const { record } = await load(request, body.action);
    const after = await TRANSITION_SERVICES[body.action]({
      db,
      record,
      actor: caller.user,
      comment: body.comment,
      overrideReason: body.overrideReason,
      findings: async () =>
        (
          await deps.dossierCache.computed(
            record.id,
            record.version,
            versionLoader(deps, record.id, record.version),
          )
        ).findings,
    });
    return presentRecord(deps, after);
  });

  app.get('/api/dossiers/:id/comments', async (request) =>
    listComments(db, (await load(request)).record.id),
  );

  app.post('/api/dossiers/:id/comments', async (request, reply) => {
    const { caller, record } = await load(request, 'comment');
    const body = parseInput(CommentBody, request.body, 'body');
    const c = await addComment(db, {
      dossierId: record.id,
      target: { kind: body.target.kind, ref: body.target.ref },
      body: body.body,
      author: caller.user.username,
      authorId: caller.user.id,
    });
    return reply.code(201).send(c);
  });

  // The workflow steps of a dossier, each with the version it acted on (the history marks them).
  app.get('/api/dossiers/:id/steps', async (request) => {
    const { record } = await load(request);
    const [steps, revisions] = await Promise.all([
      listSubmissions(db, record.id),
      listRevisions(db, record.id),
    ]);
    return steps.map((s) => ({
      ...s,
      version: revisions.filter((r) => r.createdAt <= s.at).at(-1)?.version ?? null,
    }));
  });

  // Restore: an earlier version's content becomes a new revision (nothing is overwritten).
  app.post('/api/dossiers/:id/restore', async (request, reply) => {
    const { caller, record } = await load(request, 'write');
    const body = parseInput(RestoreBody, request.body, 'body');
    const rev = await getRevision(db, record.id, body.version);
    if (!rev) throw notFound(`版本 ${body.version} 不存在`);
    const dossier = validForStorage(rev.dossier, record.year);
    const r = await saveDossier(db, {
      id: record.id,
      baseVersion: body.baseVersion,
      dossier,
      actor: caller.user.username,
      ...(caller.user.role !== 'admin' ? { statuses: EDITABLE } : {}),
    });
    if (!r.ok)
      throw new HttpError(
        409,
        'conflict',
        `档案已被 ${r.current.updatedBy} 修改（当前版本 ${r.current.version}），请刷新后再恢复`,
      );
    await appendLog(db, {
      actor: caller.user.username,
      action: 'dossier.restore',
      dossierId: record.id,
      unitId: record.unitId,
      detail: { restored: body.version, version: r.version },
    });
    deps.dossierCache.scheduleSummary(db, record.id, r.version, dossier, request.log);
    return reply.send({ version: r.version, updatedAt: r.updatedAt, dossier });
  });

  // Paged (issue #13): ?limit (≤ 200) and ?after=<id>; X-Next-After names the next page's cursor.
  app.get('/api/dossiers/:id/log', async (request, reply) => {
    const { record } = await load(request);
    const q = parseInput(LogQuery, request.query, 'query');
    const page = await listLogPage(db, {
      dossierId: record.id,
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
      ...(q.after !== undefined ? { after: q.after } : {}),
    });
    if (page.next !== undefined) reply.header('x-next-after', String(page.next));
    return page.entries;
  });
}
