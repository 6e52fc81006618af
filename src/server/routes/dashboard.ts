/**
 * The bureau's overview (issue 12): the listing filtered by region (a region and all below it),
 * figures over the whole filter (counts by status and grade, findings by severity, the most
 * frequent findings), and the units that have not reported (未报送) for a year.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GRADES } from '../../core/scoring/ruleset.ts';
import { listRegions, listUnits, subtreeIds } from '../../storage/accounts.ts';
import { getRevision, listDossiers, SORT_KEYS, type ListQuery } from '../../storage/dossiers.ts';
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

/** At most this many dossiers are audited for the most frequent findings of one overview. */
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
    await bureau(request);
    const query = await scopedListQuery(deps, request);
    await deps.dossierCache.summariesSettled();
    const byStatus = Object.fromEntries(DOSSIER_STATUSES.map((s) => [s, 0])) as Record<
      DossierStatus,
      number
    >;
    const byGrade: Record<string, number> = Object.fromEntries(GRADES.map((g) => [g, 0]));
    let ungraded = 0;
    const findings = { error: 0, warning: 0, info: 0 };
    const top = new Map<string, { code: string; title: string; count: number }>();
    let count = 0;
    let audited = 0;
    for (let page = 1; ; page++) {
      const r = await listDossiers(db, { ...query, sort: 'updatedAt', page, pageSize: 500 });
      for (const d of r.items) {
        count += 1;
        byStatus[d.status] += 1;
        const g = d.summary.grade;
        if (g && byGrade[g] !== undefined) byGrade[g] += 1;
        else ungraded += 1;
        findings.error += d.summary.findings.error;
        findings.warning += d.summary.findings.warning;
        findings.info += d.summary.findings.info;
        if (audited >= FINDINGS_MAX) continue;
        audited += 1;
        const c = await deps.dossierCache.computed(d.id, d.version, async () => {
          const rev = await getRevision(db, d.id, d.version);
          return rev?.dossier;
        });
        const seen = new Set<string>();
        for (const f of c.findings ?? []) {
          if (seen.has(f.code)) continue;
          seen.add(f.code);
          const e = top.get(f.code) ?? { code: f.code, title: f.title.zh, count: 0 };
          e.count += 1;
          top.set(f.code, e);
        }
      }
      if (r.items.length < 500) break;
    }
    return {
      count,
      byStatus,
      byGrade: { ...byGrade, ...(ungraded ? { 未评分: ungraded } : {}) },
      findings,
      topFindings: [...top.values()]
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
        .slice(0, 10),
      audited,
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
