import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Dossier } from './dossier/schema.ts';
import { compileSchema, INVALID } from './schema-compile.ts';
import { baseDossierInput, makeIndicatorInput } from './testing/factories.ts';
import { rng } from './testing/rng.ts';

/** zod is the oracle: the compiled parser must give its exact output, or INVALID. */
function agrees(schema: z.ZodType, input: unknown): 'same' | 'fallback' | 'rejected' {
  const compiled = compileSchema(schema)(input);
  const zod = schema.safeParse(input);
  if (!zod.success) {
    expect(compiled).toBe(INVALID);
    return 'rejected';
  }
  if (compiled === INVALID) return 'fallback';
  // toStrictEqual: a key present with the value undefined differs from an absent key.
  expect(compiled).toStrictEqual(zod.data);
  return 'same';
}

/** Every [parent, key] in a JSON value. */
function slots(v: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Record<string, unknown>, k]);
      slots(x, out);
    }
  return out;
}

const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  '',
  '  padded  ',
  '12.50',
  '-3',
  '1,234.5',
  '≥ 95%',
  12.5,
  0,
  -1,
  1e400,
  Number.NaN,
  true,
  [],
  {},
  { kind: 'text', text: '定性' },
  'x'.repeat(20_001),
];

function richDossier(): unknown {
  const d = baseDossierInput() as Record<string, unknown>;
  return {
    ...d,
    ruleset: ' national ',
    indicators: [
      makeIndicatorInput({ target: { kind: 'range', min: 1, max: '2.50' }, actual: 1.5 }),
      makeIndicatorInput({ kind: 'qualitative', target: '定性', actual: '好', tier: 'partial' }),
      makeIndicatorInput({ override: { score: '8', reason: '复核' }, score: undefined }),
    ],
    statements: [
      { concept: 'income.total.actual', value: 500, where: { section: '一', line: 3 } },
      { concept: 'score.total', value: ' 98 ', where: { annex: 3 } },
    ],
    provenance: { 'unit.name': { text: '测试', confidence: 0.9, page: 1 } },
    income: { general: { actual: 500, initialBudget: null } },
  };
}

describe('compileSchema (zod as the oracle)', () => {
  it('gives zod’s exact output for valid dossiers, defaults and transforms included', () => {
    expect(agrees(Dossier, baseDossierInput())).toBe('same');
    expect(agrees(Dossier, richDossier())).toBe('same');
    const out = compileSchema(Dossier)(richDossier());
    if (out === INVALID) throw new Error('unreachable');
    // Hand-checked: the number 500 became canonical text, null became a present undefined.
    expect(out.income.general?.actual).toBe('500');
    expect(Object.keys(out.income.general ?? {})).toEqual(['initialBudget', 'actual']);
    expect(out.ruleset).toBe('national');
    expect(out.format).toBe('jixiao/dossier@1');
  });

  it('never accepts what zod rejects, and agrees on 1,000 mutated dossiers', () => {
    const next = rng(14);
    const tally = { same: 0, fallback: 0, rejected: 0 };
    for (let n = 0; n < 1000; n++) {
      const d = structuredClone(richDossier());
      const all = slots(d);
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const [parent, key] = all[Math.floor(next() * all.length)] as [
          Record<string | number, unknown>,
          string | number,
        ];
        const r = next();
        if (r < 0.15) delete parent[key];
        else if (r < 0.25 && !Array.isArray(parent)) parent.unknownKey = 1;
        else parent[key] = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)];
      }
      tally[agrees(Dossier, d)]++;
    }
    // Both outcomes occur, and valid input is nearly always taken by the compiled path.
    expect(tally.rejected).toBeGreaterThan(100);
    expect(tally.same).toBeGreaterThan(100);
    expect(tally.fallback).toBe(0);
  });

  it('follows zod on optional, nullish, default, prefault, strict and union order', () => {
    const s = z
      .object({
        a: z.string().optional(),
        b: z.number().nullish(),
        c: z.array(z.string()).default([]),
        d: z.object({ x: z.string().default('x') }).prefault({}),
        e: z.union([z.number().transform(String), z.string().transform((v) => v + '!')]),
        f: z.string().trim().min(1),
      })
      .strict();
    expect(agrees(s, { e: 1, f: ' y ' })).toBe('same');
    expect(agrees(s, { a: undefined, b: null, e: 'v', f: 'y' })).toBe('same');
    expect(compileSchema(s)({ e: 'v', f: 'y' })).toStrictEqual({
      c: [],
      d: { x: 'x' },
      e: 'v!',
      f: 'y',
    });
    expect(agrees(s, { e: 1, f: '   ' })).toBe('rejected');
    expect(agrees(s, { e: 1, f: 'y', g: 1 })).toBe('rejected');
    expect(agrees(s, { e: true, f: 'y' })).toBe('rejected');
    expect(agrees(s.strip(), { e: 1, f: 'y', g: 1 })).toBe('same');
  });

  it('hands constructs it does not compile to zod whole', () => {
    const s = z.object({ when: z.date(), n: z.coerce.number(), l: z.lazy(() => z.string()) });
    expect(agrees(s, { when: new Date(0), n: '3', l: 'x' })).toBe('same');
    expect(agrees(s, { when: 'no', n: '3', l: 'x' })).toBe('rejected');
  });
});
