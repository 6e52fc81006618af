/**
 * Fuzz (issue #7): mutations of real inputs — truncation, flipped bytes, shuffled, dropped and
 * duplicated lines, swapped cells — over 10,000 cases on the text path. Every case either imports
 * or fails with located input errors (code, message, file; a line or JSON path where one applies);
 * nothing throws anything else, and no case takes long (no hang).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../core/errors/input-error.ts';
import { LAYOUTS } from './fixtures/layouts.ts';
import { importText } from './import.ts';

const sources = LAYOUTS.map((l) =>
  readFileSync(join(import.meta.dirname, 'fixtures', `${l}.txt`), 'utf8').split('\n'),
);

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number[]; byte: number }
  | { kind: 'shuffle'; seed: number }
  | { kind: 'drop'; at: number[] }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap-cells'; at: number };

function window(src: number, start: number, len: number): string[] {
  const lines = sources[src % sources.length] as string[];
  const s = start % Math.max(1, lines.length);
  return lines.slice(s, s + len);
}

function mutate(lines: string[], m: Mutation): string {
  const text = lines.join('\n');
  switch (m.kind) {
    case 'truncate': {
      const bytes = Buffer.from(text, 'utf8');
      return new TextDecoder('utf-8').decode(bytes.subarray(0, m.at % (bytes.length + 1)));
    }
    case 'flip': {
      const bytes = Buffer.from(text, 'utf8');
      for (const a of m.at)
        if (bytes.length) bytes[a % bytes.length] = (bytes[a % bytes.length] ?? 0) ^ m.byte;
      return new TextDecoder('utf-8').decode(bytes);
    }
    case 'shuffle': {
      const out = [...lines];
      let x = m.seed || 1;
      for (let i = out.length - 1; i > 0; i--) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        const j = x % (i + 1);
        [out[i], out[j]] = [out[j] as string, out[i] as string];
      }
      return out.join('\n');
    }
    case 'drop':
      return lines.filter((_, i) => !m.at.includes(i)).join('\n');
    case 'duplicate': {
      const out = [...lines];
      const i = m.at % Math.max(1, out.length);
      out.splice(i, 0, out[i] ?? '');
      return out.join('\n');
    }
    case 'swap-cells': {
      const out = [...lines];
      const i = m.at % Math.max(1, out.length);
      const cells = (out[i] ?? '').split(' ');
      if (cells.length > 1) {
        const a = m.at % cells.length;
        const b = (a + 1) % cells.length;
        [cells[a], cells[b]] = [cells[b] as string, cells[a] as string];
      }
      out[i] = cells.join(' ');
      return out.join('\n');
    }
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    byte: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('shuffle' as const), seed: fc.nat() }),
  fc.record({
    kind: fc.constant('drop' as const),
    at: fc.array(fc.nat({ max: 40 }), { maxLength: 10 }),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-cells' as const), at: fc.nat() }),
);

/** Runs one case; returns its duration in ms. Throws only if the importer broke its contract. */
function check(text: string): number {
  const t0 = performance.now();
  const broken = (why: string) =>
    new Error(`contract broken: ${why}\n--- input ---\n${text.slice(0, 400)}`);
  try {
    const r = importText(text, 'fuzz.txt');
    for (const e of r.errors) {
      if (!/^(file|schema|syntax)/.test(e.code) || e.where.file !== 'fuzz.txt' || !e.message)
        throw broken(`unlocated error ${JSON.stringify(e)}`);
    }
    if (r.dossier ? r.dossier.year < 2000 : r.errors.length === 0)
      throw broken('neither a dossier nor errors');
  } catch (err) {
    if (!(err instanceof InputErrors)) throw err;
    for (const e of err.errors)
      if (e.code !== 'file.unsupported' || e.where.file !== 'fuzz.txt' || !e.message)
        throw broken(`bad input error ${JSON.stringify(e)}`);
  }
  return performance.now() - t0;
}

describe('fuzz: mutated report text', () => {
  it('10,000 mutated windows of the fixtures: no crash, no hang, every failure located', () => {
    let slowest = 0;
    let cases = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 20 }),
        mutation,
        (src, start, len, m) => {
          cases++;
          slowest = Math.max(slowest, check(mutate(window(src, start, len), m)));
        },
      ),
      { numRuns: 10_000, seed: 20240607 },
    );
    expect(cases).toBe(10_000);
    expect(slowest).toBeLessThan(1000);
  });

  it('whole fixtures under heavy mutation (50 cases): still no crash', () => {
    fc.assert(
      fc.property(fc.nat({ max: LAYOUTS.length - 1 }), mutation, (src, m) => {
        check(mutate(sources[src] as string[], m));
      }),
      { numRuns: 50, seed: 7 },
    );
  });
});
