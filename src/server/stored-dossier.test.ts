import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from './test-fixture.ts';

/** Pino writes one JSON object per line; the test reads them back. */
function logSink(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n'))
        if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

describe('a corrupt stored dossier row', () => {
  let fx: Fixture;
  const sink = logSink();
  beforeAll(async () => {
    fx = await makeFixture({ logger: { level: 'error', stream: sink.stream } });
  });
  afterAll(() => fx.close());

  /**
   * Overwrites the stored document of the dossier and of its current revision, bypassing the API.
   */
  async function corrupt(id: number, version: number, data: string): Promise<void> {
    const db = fx.store.db;
    await db.updateTable('dossiers').set({ data }).where('id', '=', id).execute();
    await db
      .updateTable('dossier_revisions')
      .set({ data })
      .where('dossier_id', '=', id)
      .where('version', '=', version)
      .execute();
  }

  const corruptLogs = (id: number) =>
    sink.lines.filter((l) => l.msg === 'corrupt stored dossier' && l.dossierId === id);

  it(
    'schema-invalid JSON: GET, ' + 'score and audit are a 500 naming the id, logged, no crash',
    async () => {
      const rec = await fx.dossier('A');
      const healthy = await fx.dossier('B');
      // Valid JSON, but "year" is text and the unit a number: not a dossier.
      await corrupt(rec.id, rec.version, '{"year":"two thousand","unit":7}');
      for (const path of ['', '/score', '/audit']) {
        const res = await fx.req('admin', 'GET', `/api/dossiers/${rec.id}${path}`);
        expect(res.statusCode).toBe(500);
        const error = res.json().error as { code: string; message: string };
        expect(error.code).toBe('corrupt-dossier');
        expect(error.message).toContain(`档案 ${rec.id}（版本 ${rec.version}）`);
        expect(error.message).not.toMatch(/year|unit|Expected/);
      }
      const logged = corruptLogs(rec.id);
      expect(logged).toHaveLength(3);
      expect(JSON.stringify(logged[0])).toContain('year');
      // The server is still serving: another dossier reads and scores normally.
      expect((await fx.req('admin', 'GET', `/api/dossiers/${healthy.id}`)).statusCode).toBe(200);
      expect((await fx.req('admin', 'GET', `/api/dossiers/${healthy.id}/score`)).statusCode).toBe(
        200,
      );
    },
  );

  it('text that is not JSON: GET is a 500 naming the id, logged', async () => {
    const rec = await fx.dossier('A');
    await fx.store.db
      .updateTable('dossiers')
      .set({ data: '{"year": 20' })
      .where('id', '=', rec.id)
      .execute();
    const res = await fx.req('admin', 'GET', `/api/dossiers/${rec.id}`);
    expect(res.statusCode).toBe(500);
    expect(res.json().error.message).toContain(`档案 ${rec.id}`);
    expect(JSON.stringify(corruptLogs(rec.id))).toContain('not JSON');
  });
});
