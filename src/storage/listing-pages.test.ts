/**
 * Page-number pages (offset, read as a deferred join) on both databases, held to an ordering made
 * here from the values the test wrote: every sort and direction, with the listing's filters, over
 * rows with many ties, missing scores, shared unit names and equal update times. Each page's
 * `next` cursor is followed too, so the sort value the page carries is the one keyset pages use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegion, createUnit } from './accounts.ts';
import {
  createDossier,
  listDossiers,
  SORT_KEYS,
  upsertSummaries,
  type ListItem,
  type ListQuery,
  type SortKey,
} from './dossiers.ts';
import { openTestStore, postgresAvailable, type TestStore } from './test-db.ts';
import { DOSSIER_STATUSES, type DossierStatus } from './types.ts';

const kinds = ['sqlite', 'postgres'] as const;
const pgUp = await postgresAvailable();

const UNITS = 23;
const YEARS = [2022, 2023, 2024] as const;
// Few distinct values, so every sort has long runs of ties; null = not scored yet.
const TOTALS = ['80.00', null, '95.50', '61.25', '80.00', '99.00', null, '61.25', '100.00'];
const RATES = ['100.00', null, '87.50', '87.50', '9.00'];
const UPDATED = [
  '2024-03-01T08:00:00.000Z',
  '2024-01-15T12:30:00.000Z',
  '2024-03-01T08:00:00.000Z',
  '2025-07-09T00:00:00.000Z',
];
const gradeOf = (t: string | null) =>
  t === null ? null : Number(t) >= 90 ? '优' : Number(t) >= 80 ? '良' : '中';

/** What the test wrote, with the value each sort orders by. */
interface Row {
  readonly item: ListItem;
  readonly key: Record<SortKey, string | number | null>;
}

/** Missing values last in both directions, then the id in the sort's direction. */
function ordered(rows: readonly Row[], sort: SortKey, order: 'asc' | 'desc'): ListItem[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const x = a.key[sort];
      const y = b.key[sort];
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
      } else if (x !== y) return (x < y ? -1 : 1) * sign;
      return (a.item.id - b.item.id) * sign;
    })
    .map((r) => r.item);
}

describe.each(kinds)('page-number pages on %s', (kind) => {
  let t: TestStore;
  const rows: Row[] = [];
  const unitIds: number[] = [];
  const skip = () => kind === 'postgres' && !pgUp;

  beforeAll(async () => {
    if (skip()) return;
    t = await openTestStore(kind);
    const db = t.store.db;
    const region = await createRegion(db, { name: '测试市' });
    const summaries = [];
    let i = 0;
    for (let u = 0; u < UNITS; u++) {
      // Units share names (ties on unit name across units, broken by the dossier id).
      const unitName = `单位${String((u * 7) % 9).padStart(2, '0')}`;
      const unit = await createUnit(db, { name: unitName, regionId: region.id });
      unitIds.push(unit.id);
      for (const year of YEARS) {
        // Not every unit has every year.
        if ((u + year) % 4 === 0) continue;
        const rec = await createDossier(db, { unitId: unit.id, year, dossier: {}, actor: 't' });
        const total = TOTALS[(i * 5) % TOTALS.length] ?? null;
        const rate = RATES[(i * 3) % RATES.length] ?? null;
        const status: DossierStatus = DOSSIER_STATUSES[(i * 2) % DOSSIER_STATUSES.length]!;
        const updatedAt = UPDATED[(i * 3) % UPDATED.length]!;
        const findings = { error: i % 3, warning: (i * 7) % 4, info: i % 2 };
        await db
          .updateTable('dossiers')
          .set({ status, updated_at: updatedAt })
          .where('id', '=', rec.id)
          .execute();
        summaries.push({
          dossierId: rec.id,
          summary: { total, grade: gradeOf(total), executionRate: rate, findings, ruleset: 'x@1' },
        });
        rows.push({
          item: {
            id: rec.id,
            unitId: unit.id,
            unitName,
            year,
            version: 1,
            status,
            updatedAt,
            summary: { total, grade: gradeOf(total), executionRate: rate, findings },
          },
          key: {
            total: total === null ? null : Number(total),
            executionRate: rate === null ? null : Number(rate),
            errors: findings.error,
            updatedAt,
            unitName,
            year,
          },
        });
        i++;
      }
    }
    await upsertSummaries(db, summaries);
  });
  afterAll(async () => t?.cleanup());

  // Queries are made when the test runs: the unit ids exist only after beforeAll.
  const filters: { name: string; q: () => ListQuery; keep: (i: ListItem) => boolean }[] = [
    { name: 'none', q: () => ({}), keep: () => true },
    { name: 'year', q: () => ({ year: 2023 }), keep: (i) => i.year === 2023 },
    { name: 'status', q: () => ({ status: 'submitted' }), keep: (i) => i.status === 'submitted' },
    { name: 'grade', q: () => ({ grade: '良' }), keep: (i) => i.summary.grade === '良' },
    { name: 'unit name', q: () => ({ q: '单位0' }), keep: (i) => i.unitName.includes('单位0') },
    {
      name: 'year + grade + status',
      q: () => ({ year: 2022, grade: '优', status: 'draft' }),
      keep: (i) => i.year === 2022 && i.summary.grade === '优' && i.status === 'draft',
    },
    {
      name: 'visible units + unit name',
      q: () => ({ unitIds: [1, 3, 4, 8, 11, 12, 19].map((k) => unitIds[k]!), q: '3' }),
      keep: (i) =>
        [1, 3, 4, 8, 11, 12, 19].some((k) => unitIds[k] === i.unitId) && /3/.test(i.unitName),
    },
  ];

  it('holds every page of every sort, order and filter to an in-test ordering', async () => {
    if (skip()) return;
    const db = t.store.db;
    let pages = 0;
    for (const f of filters)
      for (const sort of SORT_KEYS)
        for (const order of ['asc', 'desc'] as const) {
          const want = ordered(
            rows.filter((r) => f.keep(r.item)),
            sort,
            order,
          );
          const pageSize = 4;
          const last = Math.ceil(want.length / pageSize) + 1;
          for (let page = 1; page <= last; page++) {
            const at = { filter: f.name, sort, order, page };
            const got = await listDossiers(db, { ...f.q(), sort, order, page, pageSize });
            const slice = want.slice((page - 1) * pageSize, page * pageSize);
            expect({ ...at, items: got.items }).toEqual({ ...at, items: slice });
            expect({ ...at, total: got.total }).toEqual({ ...at, total: want.length });
            const more = page * pageSize < want.length;
            expect({ ...at, next: got.next !== null }).toEqual({ ...at, next: more });
            if (got.next) {
              const after = await listDossiers(db, {
                ...f.q(),
                sort,
                order,
                pageSize,
                after: got.next,
                withTotal: false,
              });
              expect({ ...at, after: after.items }).toEqual({
                ...at,
                after: want.slice(page * pageSize, (page + 1) * pageSize),
              });
            }
            pages++;
          }
        }
    // The filters left rows to page through (the ties and missing values are exercised).
    expect(pages).toBeGreaterThan(300);
  });
});
