/**
 * Save checks in a worker thread answer exactly as the same checks inline: a valid body becomes
 * its document's JSON text, and each refusal (bad JSON, prototype keys, schema, year) comes back
 * as the error data errors.ts answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDossier } from '../core/testing/factories.ts';
import { checkSave } from './dossier-check.ts';
import { SaveCheckPool } from './dossier-check-pool.ts';

describe('SaveCheckPool with a worker', () => {
  const pool = new SaveCheckPool(1);
  beforeAll(async () => {
    // No worker before the first save; that save is checked inline and starts one.
    expect(pool.readyWorkers).toBe(0);
    await pool.check('{}', 2023).catch(() => undefined);
    // The worker loads tsx and the schema: give it time on a loaded runner.
    for (let i = 0; i < 600 && pool.readyWorkers === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(pool.readyWorkers).toBe(1);
  }, 90_000);
  afterAll(() => pool.close());

  const dossier = makeDossier();
  const year = (dossier as { year: number }).year;
  const bodies: [string, string][] = [
    ['valid', JSON.stringify({ version: 3, dossier })],
    ['bad JSON', '{"version": 3, "dossier": '],
    ['empty', ''],
    ['prototype key', `{"version": 3, "dossier": {"__proto__": {"x": 1}}}`],
    ['version 0', JSON.stringify({ version: 0, dossier })],
    ['wrong year', JSON.stringify({ version: 3, dossier: { ...dossier, year: year + 1 } })],
    ['not a dossier', JSON.stringify({ version: 3, dossier: { year, unit: 5 } })],
  ];

  it('answers each body as the inline check does', async () => {
    for (const [name, text] of bodies) {
      const inWorker = await pool.check(text, year);
      expect({ name, inWorker }).toEqual({ name, inWorker: checkSave(text, year) });
    }
  });

  it('gives the stored text of a valid body and the refusal of each bad one', async () => {
    const got = new Map<string, unknown>();
    for (const [name, text] of bodies) {
      const r = await pool.check(text, year);
      got.set(name, r.ok ? 'ok' : r.failure.kind === 'http' ? r.failure.status : r.failure.kind);
    }
    expect(Object.fromEntries(got)).toEqual({
      valid: 'ok',
      'bad JSON': 'json',
      empty: 'json',
      'prototype key': 'json',
      'version 0': 400,
      'wrong year': 422,
      'not a dossier': 'rejected',
    });
    const valid = await pool.check(bodies[0]![1], year);
    expect(valid.ok && valid.version).toBe(3);
    expect(valid.ok && (JSON.parse(valid.json) as { year: number }).year).toBe(year);
  });

  it('checks the request bytes (decoded in the worker) as it checks their text', async () => {
    for (const [name, text] of bodies) {
      const inWorker = await pool.check(Buffer.from(text), year);
      expect({ name, inWorker }).toEqual({ name, inWorker: checkSave(text, year) });
    }
    // A UTF-8 BOM, and Chinese text whose bytes sit at an offset in a larger buffer.
    const unitName = '衡阳市雁城教育局';
    const text = JSON.stringify({ version: 4, dossier: { ...dossier, unit: { name: unitName } } });
    const framed = Buffer.concat([
      Buffer.from('xx'),
      Buffer.from(`\ufeff${text}`),
      Buffer.from('y'),
    ]);
    const bytes = framed.subarray(2, framed.length - 1);
    const r = await pool.check(bytes, year);
    expect(r.ok && r.version).toBe(4);
    expect(r.ok && (JSON.parse(r.json) as { unit: { name: string } }).unit.name).toBe(unitName);
    // A byte that is not UTF-8 inside a string: read as U+FFFD, as fastify's parser reads it.
    const head = `{"version": 5, "dossier": {"year": ${year}, "unit": "`;
    const badBytes = Buffer.concat([Buffer.from(head), Buffer.from([0xff]), Buffer.from('"}}')]);
    const got = await pool.check(badBytes, year);
    expect(got).toEqual(checkSave(`${head}\ufffd"}}`, year));
    expect(got.ok).toBe(false);
  });

  it('checks inline once closed', async () => {
    const closed = new SaveCheckPool(0);
    const r = await closed.check(bodies[0]![1], year);
    expect(r.ok).toBe(true);
    const fromBytes = await closed.check(Buffer.from(bodies[0]![1]), year);
    expect(fromBytes).toEqual(r);
    await closed.close();
  });
});
