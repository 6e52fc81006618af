/** Published reports, for anyone (no sign-in): list, one report with its score, downloads. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getUnit } from '../../storage/accounts.ts';
import { getDossier, listDossiers, type DossierRecord } from '../../storage/dossiers.ts';
import type { AppDeps } from '../context.ts';
import { notFound } from '../errors.ts';
import { REPORT_FORMATS } from '../reports.ts';
import { parseInput } from '../validate.ts';
import { IdParams } from './units.ts';

const PublicQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().max(100).optional(),
});

export function publicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.store.db;

  async function published(id: unknown): Promise<DossierRecord> {
    const { id: n } = parseInput(IdParams, { id }, 'params');
    const r = await getDossier(db, n);
    // Not published and missing look the same to the public.
    if (!r || r.status !== 'published') throw notFound('报告不存在或尚未公开');
    return r;
  }

  app.get('/api/public/reports', async (request) => {
    const q = parseInput(PublicQuery, request.query, 'query');
    const out = [];
    for (let page = 1; ; page++) {
      const r = await listDossiers(db, {
        ...q,
        status: 'published',
        sort: 'unitName',
        order: 'asc',
        page,
        pageSize: 500,
      });
      out.push(
        ...r.items.map((i) => ({
          id: i.id,
          unitName: i.unitName,
          year: i.year,
          total: i.summary.total,
          grade: i.summary.grade,
        })),
      );
      if (out.length >= r.total || r.items.length === 0) break;
    }
    return out;
  });

  app.get('/api/public/reports/:id', async (request) => {
    const r = await published((request.params as { id?: unknown }).id);
    const unit = await getUnit(db, r.unitId);
    const c = await deps.dossierCache.computed(r.id, r.version, r.dossier);
    return {
      id: r.id,
      unitName: unit?.name ?? null,
      year: r.year,
      dossier: r.dossier,
      score: c.score,
    };
  });

  app.get('/api/public/reports/:id/report.:format', async (request, reply) => {
    const params = request.params as { id?: unknown; format?: unknown };
    const r = await published(params.id);
    const { format } = parseInput(
      z.object({ format: z.enum(REPORT_FORMATS) }),
      { format: params.format },
      'params',
    );
    const unit = await getUnit(db, r.unitId);
    // Anonymous callers are limited per address to a few renders at once; cached files are free.
    const { file, cache } = await deps.reports.get(
      format,
      { id: r.id, version: r.version, year: r.year, unitName: unit?.name ?? '' },
      await deps.dossierCache.computed(r.id, r.version, r.dossier),
      request.user ? undefined : request.ip,
    );
    return reply
      .type(file.contentType)
      .header('x-report-cache', cache)
      .header('content-disposition', file.disposition)
      .send(file.body);
  });
}
