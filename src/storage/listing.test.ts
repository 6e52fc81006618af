/**
 * The dossier listing on both databases: missing totals last in both directions, keyset pages that
 * continue exactly where the previous page ended, and counts that follow writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegion, createUnit } from './accounts.ts';
import { createDossier, listDossiers, transitionDossier, upsertSummary } from './dossiers.ts';
import { openTestStore, postgresAvailable, type TestStore } from './test-db.ts';

const kinds = ['sqlite', 'postgres'] as const;
const pgUp = await postgresAvailable();

// Totals by dossier (index 0..6); null = not scored yet.
const TOTALS = ['80.00', null, '95.50', '80.00', null, '61.25', '99.00'];

describe.each(kinds)('listDossiers on %s', (kind) => {
  let t: TestStore;
  const ids: number[] = [];
  beforeAll(async () => {
    if (kind === 'postgres' && !pgUp) return;
    t = await openTestStore(kind);
    const db = t.store.db;
    const region = await createRegion(db, { name: '测试市' });
    for (const [i, total] of TOTALS.entries()) {
      const unit = await createUnit(db, { name: `单位${i}`, regionId: region.id });
      const rec = await createDossier(db, { unitId: unit.id, year: 2023, dossier: {}, actor: 't' });
      ids.push(rec.id);
      if (total !== null)
        await upsertSummary(db, rec.id, {
          total,
          grade: null,
          executionRate: null,
          findings: { error: i, warning: 0, info: 0 },
          ruleset: 'national@1',
        });
    }
  });
  afterAll(async () => t?.cleanup());

  const skip = () => kind === 'postgres' && !pgUp;

  it('sorts by total with missing totals last, both directions, ties by id', async () => {
    if (skip()) return;
    const [a, b, c, d, e, f, g] = ids as [number, number, number, number, number, number, number];
    const desc = await listDossiers(t.store.db, { sort: 'total', order: 'desc', pageSize: 50 });
    // 99.00, 95.50, 80.00 (d after a: ties by id descending), 61.25, then the two missing.
    expect(desc.items.map((i) => i.id)).toEqual([g, c, d, a, f, e, b]);
    const asc = await listDossiers(t.store.db, { sort: 'total', order: 'asc', pageSize: 50 });
    expect(asc.items.map((i) => i.id)).toEqual([f, a, d, c, g, b, e]);
    expect(desc.total).toBe(7);
  });

  it('walks every page with the keyset cursor, matching the single long page', async () => {
    if (skip()) return;
    for (const order of ['asc', 'desc'] as const) {
      for (const sort of ['total', 'errors', 'updatedAt', 'unitName'] as const) {
        const whole = await listDossiers(t.store.db, { sort, order, pageSize: 50 });
        const walked: number[] = [];
        let after: string | undefined;
        for (let n = 0; n < 10; n++) {
          const p = await listDossiers(t.store.db, {
            sort,
            order,
            pageSize: 2,
            withTotal: false,
            ...(after ? { after } : {}),
          });
          expect(p.total).toBeNull();
          walked.push(...p.items.map((i) => i.id));
          if (!p.next) break;
          after = p.next;
        }
        expect({ sort, order, walked }).toEqual({
          sort,
          order,
          walked: whole.items.map((i) => i.id),
        });
      }
    }
  });

  it('counts follow new dossiers and status changes', async () => {
    if (skip()) return;
    const db = t.store.db;
    expect((await listDossiers(db, { status: 'submitted' })).total).toBe(0);
    await transitionDossier(db, {
      id: ids[0]!,
      from: 'draft',
      to: 'submitted',
      action: 'submit',
      actor: 't',
    });
    expect((await listDossiers(db, { status: 'submitted' })).total).toBe(1);
    expect((await listDossiers(db, {})).total).toBe(7);
  });

  it('counts by grade follow summary writes; other counts stay right', async () => {
    if (skip()) return;
    const db = t.store.db;
    expect((await listDossiers(db, { grade: '优' })).total).toBe(0);
    expect((await listDossiers(db, { grade: '优', year: 2023 })).total).toBe(0);
    const graded = {
      total: '96.00',
      grade: '优',
      executionRate: null,
      findings: { error: 0, warning: 0, info: 0 },
      ruleset: 'national@1',
    };
    await upsertSummary(db, ids[2]!, graded);
    await upsertSummary(db, ids[6]!, graded);
    expect((await listDossiers(db, { grade: '优' })).total).toBe(2);
    expect((await listDossiers(db, { grade: '优', year: 2023 })).total).toBe(2);
    expect((await listDossiers(db, { grade: '优', year: 2024 })).total).toBe(0);
    await upsertSummary(db, ids[6]!, { ...graded, total: '85.00', grade: '良' });
    expect((await listDossiers(db, { grade: '优' })).total).toBe(1);
    expect((await listDossiers(db, {})).total).toBe(7);
  });

  it('rejects a cursor it did not make', async () => {
    if (skip()) return;
    await expect(listDossiers(t.store.db, { after: 'not-a-cursor' })).rejects.toThrow(/翻页位置/);
  });
});
