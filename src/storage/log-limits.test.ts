/**
 * Issue #13: the audit log stays bounded on SQLite and PostgreSQL. A losing save's body is stored
 * gzip-compressed and capped at 256 KiB (a larger one keeps its start, size and SHA-256), and log
 * reads come in pages of at most 200 entries with an id cursor.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDossier } from '../core/testing/factories.ts';
import { createRegion, createUnit } from './accounts.ts';
import { appendLog, listLogPage, LOSING_BODY_CAP } from './activity.ts';
import { createDossier, saveDossier } from './dossiers.ts';
import { openTestStore, postgresAvailable, type TestStore } from './test-db.ts';

const pgUp = await postgresAvailable();

describe.each([
  ['sqlite', true],
  ['postgres', pgUp],
] as const)('log limits on %s', (kind, available) => {
  let t: TestStore;
  beforeAll(async () => {
    if (available) t = await openTestStore(kind);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it.skipIf(!available)('keeps a small losing body whole and caps a large one', async () => {
    const db = t.store.db;
    const region = await createRegion(db, { name: '测试区' });
    const unit = await createUnit(db, { name: '测试局', regionId: region.id });
    const rec = await createDossier(db, {
      unitId: unit.id,
      year: 2023,
      dossier: makeDossier(),
      actor: 'a',
    });
    const small = { ...makeDossier(), narrative: { overview: '较小的落败版本' } };
    // 4.9 MB of random hex: gzip keeps it at ~2.5 MB, far above the cap.
    const big = {
      ...makeDossier(),
      narrative: { overview: randomBytes(2_450_000).toString('hex') },
    };
    await saveDossier(db, {
      id: rec.id,
      baseVersion: rec.version,
      dossier: makeDossier(),
      actor: 'a',
    });
    for (const body of [small, big, big])
      expect(
        (await saveDossier(db, { id: rec.id, baseVersion: rec.version, dossier: body, actor: 'b' }))
          .ok,
      ).toBe(false);
    // Two inflated 4.9 MB bodies pass the 8 MiB page budget: the third comes on the next page.
    const page1 = await listLogPage(db, { dossierId: rec.id });
    expect(page1.next).toBeDefined();
    const page2 = await listLogPage(db, { dossierId: rec.id, after: page1.next as number });
    const conflicts = [...page1.entries, ...page2.entries].filter(
      (e) => e.action === 'dossier.conflict',
    );
    expect(conflicts).toHaveLength(3);
    expect((conflicts[0]?.detail as { dossier: unknown }).dossier).toEqual(small);
    const text = JSON.stringify(big);
    const cut = (
      conflicts[1]?.detail as {
        dossierTruncated: { start: string; bytes: number; sha256: string };
      }
    ).dossierTruncated;
    expect(cut.bytes).toBe(Buffer.byteLength(text));
    expect(cut.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(text.startsWith(cut.start)).toBe(true);
    expect(cut.start.length).toBeGreaterThan(100_000);
    // What is stored per losing body: at most the cap, base64 (4/3) plus the entry's fields.
    const rows = await db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'dossier.conflict')
      .execute();
    for (const r of rows)
      expect(String(r.detail).length).toBeLessThan((LOSING_BODY_CAP * 4) / 3 + 2000);
  });

  it.skipIf(!available)(
    'pages reads: at most 200 entries, then the next page by cursor',
    async () => {
      const db = t.store.db;
      for (let i = 0; i < 250; i++) await appendLog(db, { actor: 'pager', action: `step.${i}` });
      const first = await listLogPage(db, { actor: 'pager', limit: 1000 });
      expect(first.entries).toHaveLength(200);
      expect(first.entries[0]?.action).toBe('step.0');
      expect(first.next).toBe(first.entries[199]?.id);
      const second = await listLogPage(db, { actor: 'pager', after: first.next as number });
      expect(second.entries.map((e) => e.action)).toEqual(
        Array.from({ length: 50 }, (_, i) => `step.${200 + i}`),
      );
      expect(second.next).toBeUndefined();
      const newest = await listLogPage(db, { actor: 'pager', newestFirst: true, limit: 10 });
      expect(newest.entries[0]?.action).toBe('step.249');
      const older = await listLogPage(db, {
        actor: 'pager',
        newestFirst: true,
        limit: 10,
        before: newest.next as number,
      });
      expect(older.entries[0]?.action).toBe('step.239');
    },
  );
});
