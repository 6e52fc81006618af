/**
 * The bureau's overview (issue 12): the listing filtered by region (a region and all below it),
 * figures over the whole filter from stored summaries (counts by status and grade, findings by
 * severity; the most frequent findings over the latest dossiers' stored codes), and the units
 * that have not reported (未报送) for a year.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GRADES } from '../../core/scoring/ruleset.ts';
import { listRegions, listUnits, subtreeIds } from '../../storage/accounts.ts';
import { ruleByCode } from '../../core/audit/catalogue.ts';
import {
  dossierStats,
  getRevision,
  listDossiers,
  SORT_KEYS,
  upsertSummaries,
  type ListQuery,
  type Summary,
} from '../../storage/dossiers.ts';
import { DOSSIER_STATUSES, type DossierStatus } from '../../storage/types.ts';
import { signedIn, type AppDeps } from '../context.ts';
import { forbidden } from '../errors.ts';
import { parseInput } from '../validate.ts';
import { IdText } from './units.ts';

const int = z.coerce.number().int();
export const ListQuerySchema = z.object({
  year: int.min(2000).max(2100).optional(),
  unitId: int.positive().optional(),
  /** A region and every region below it. */
  regionId: IdText.optional(),
  status: z.enum(DOSSIER_STATUSES).optional(),
  grade: z.enum(GRADES).optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(SORT_KEYS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: int.min(1).max(100000).optional(),
  pageSize: int.min(1).max(500).optional(),
  /** Keyset cursor: the listing's `next` (deep pages without an offset scan). */
  after: z.string().max(200).optional(),
});

/** Unit ids of a region's subtree, within what the caller may see (undefined visible = all). */
async function unitsOfRegion(
  deps: AppDeps,
  regionId: number,
  visible: ReadonlySet<number> | undefined,
): Promise<number[]> {
  const regions = await listRegions(deps.store.db);
  const units = await listUnits(deps.store.db, { regionIds: [...subtreeIds(regions, regionId)] });
  return units.map((u) => u.id).filter((id) => visible === undefined || visible.has(id));
}

/** The listing query of a request: its filters, narrowed to the units the caller may see. */
export async function scopedListQuery(deps: AppDeps, request: FastifyRequest): Promise<ListQuery> {
  const c = await signedIn(deps, request);
  const { regionId, ...q } = parseInput(ListQuerySchema, request.query, 'query');
  if (regionId !== undefined)
    return { ...q, unitIds: await unitsOfRegion(deps, regionId, c.visibleUnits) };
  return { ...q, ...(c.visibleUnits === undefined ? {} : { unitIds: [...c.visibleUnits] }) };
}

/**
 * The most frequent findings of one overview count the stored finding codes of at most this many
 * dossiers (the most recently updated); the other figures cover the whole filter.
 */
const FINDINGS_MAX = 1000;
/** "Reported": the dossier has reached the bureau (a returned one is back with the unit). */
const REPORTED: readonly DossierStatus[] = ['submitted', 'approved', 'published'];

const UnreportedQuery = z.object({
  year: int.min(2000).max(2100),
  regionId: IdText.optional(),
});

export function dashboardRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.store.db;

  async function bureau(request: FastifyRequest) {
    const c = await signedIn(deps, request);
    if (c.user.role !== 'admin' && c.user.role !== 'reviewer')
      throw forbidden('仅复核人员和管理员可查看汇总');
    return c;
  }

  app.get('/api/dossiers/stats', async (request) => {
    const c = await bureau(request);
    const { regionId, year, unitId, status, grade, q } = parseInput(
      ListQuerySchema,
      request.query,
      'query',
    );
    // Scoped by region, not by a list of unit ids: a reviewer sees their region's subtree
    // (context.ts visibleUnits), an admin everything; a region filter narrows that.
    const regions = await listRegions(db);
    let scope: Set<number> | undefined;
    if (c.visibleUnits !== undefined)
      scope = c.user.regionId === null ? new Set() : subtreeIds(regions, c.user.regionId);
    if (regionId !== undefined) {
      const sub = subtreeIds(regions, regionId);
      scope = scope ? new Set([...sub].filter((id) => scope?.has(id))) : sub;
    }
    await deps.dossierCache.summariesSettled();
    const stats = () =>
      dossierStats(
        db,
        {
          ...(year !== undefined ? { year } : {}),
          ...(unitId !== undefined ? { unitId } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(grade !== undefined ? { grade } : {}),
          ...(q ? { q } : {}),
          ...(scope ? { regionIds: [...scope] } : {}),
        },
        { sample: FINDINGS_MAX },
      );
    let s = await stats();
    if (s.unaudited.length > 0) {
      // Summaries stored before finding codes were (migration 0005; the start-up refresh fills
      // them too): computed once, on the first overview that samples them.
      const entries: { dossierId: number; summary: Summary }[] = [];
      for (const d of s.unaudited) {
        try {
          const c = await deps.dossierCache.computed(d.id, d.version, async () => {
            const rev = await getRevision(db, d.id, d.version);
            return rev?.dossier;
          });
          // Unscored (unknown rule set): audited as having no findings, as before.
          entries.push({
            dossierId: d.id,
            summary: c.ruleset ? c.summary : { ...c.summary, codes: [] },
          });
        } catch (err) {
          request.log.warn({ err, dossierId: d.id }, 'summary not computed');
        }
      }
      await upsertSummaries(db, entries);
      s = await stats();
    }
    const byGrade: Record<string, number> = Object.fromEntries(GRADES.map((g) => [g, 0]));
    let ungraded = 0;
    for (const g of s.byGrade) {
      const had = g.grade === null ? undefined : byGrade[g.grade];
      if (g.grade !== null && had !== undefined) byGrade[g.grade] = had + g.count;
      else ungraded += g.count;
    }
    return {
      count: s.count,
      byStatus: s.byStatus,
      byGrade: { ...byGrade, ...(ungraded ? { 未评分: ungraded } : {}) },
      findings: s.findings,
      topFindings: s.topFindings.map((t) => ({
        code: t.code,
        title: ruleByCode(t.code)?.title.zh ?? t.code,
        count: t.count,
      })),
      audited: s.audited,
    };
  });

  // Units with no dossier that reached the bureau for the year (none, a draft, or returned).
  app.get('/api/units/unreported', async (request) => {
    const c = await bureau(request);
    const q = parseInput(UnreportedQuery, request.query, 'query');
    const regions = await listRegions(db);
    const units = await listUnits(db, {
      ...(q.regionId !== undefined ? { regionIds: [...subtreeIds(regions, q.regionId)] } : {}),
      ...(c.visibleUnits !== undefined ? { unitIds: [...c.visibleUnits] } : {}),
    });
    const ids = units.map((u) => u.id);
    const status = new Map<number, { id: number; status: DossierStatus }>();
    for (let page = 1; ids.length > 0; page++) {
      const r = await listDossiers(db, { year: q.year, unitIds: ids, page, pageSize: 500 });
      for (const d of r.items) status.set(d.unitId, { id: d.id, status: d.status });
      if (r.items.length < 500) break;
    }
    const regionName = new Map(regions.map((r) => [r.id, r.name]));
    return units
      .filter((u) => !REPORTED.includes(status.get(u.id)?.status as DossierStatus))
      .map((u) => ({
        id: u.id,
        name: u.name,
        regionId: u.regionId,
        regionName: regionName.get(u.regionId) ?? null,
        dossierId: status.get(u.id)?.id ?? null,
        status: status.get(u.id)?.status ?? null,
      }));
  });
}
