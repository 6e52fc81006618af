/** Property tests (fast-check) for the scoring rules and the engine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money.ts';
import { makeDossier } from '../testing/factories.ts';
import type { DossierInput } from '../dossier/schema.ts';
import { NATIONAL_RULESET, NATIONAL_RULESET_INPUT, RuleSetSchema } from './ruleset.ts';
import {
  scoreEquality,
  scoreExecutionProportional,
  scoreExecutionStep,
  scoreLargerIsBetter,
  scoreQualitative,
  scoreRange,
  scoreSmallerIsBetter,
} from './rules.ts';
import { redistributedWeights, score } from './score.ts';

/** Decimals with two places, −1000.00 … 1000.00. */
const dec = fc.integer({ min: -100_000, max: 100_000 }).map((n) => new Decimal(n).div(100));
const pos = fc.integer({ min: 1, max: 100_000 }).map((n) => new Decimal(n).div(100));
const weight = fc.integer({ min: 0, max: 4000 }).map((n) => new Decimal(n).div(100));
const within = (s: Decimal | null, w: Decimal) => s === null || (s.gte(0) && s.lte(w));

describe('every score lies within [0, W]', () => {
  it('quantitative, equality, range, execution and qualitative rules', () => {
    fc.assert(
      fc.property(dec, dec, dec, weight, (t, a, b, w) => {
        expect(within(scoreLargerIsBetter('>=', t, a, w).score, w)).toBe(true);
        expect(within(scoreLargerIsBetter('>', t, a, w).score, w)).toBe(true);
        expect(within(scoreSmallerIsBetter('<=', t, a, w).score, w)).toBe(true);
        expect(within(scoreSmallerIsBetter('<', t, a, w).score, w)).toBe(true);
        expect(within(scoreEquality(t, a, w).score, w)).toBe(true);
        expect(within(scoreRange(t, b, a, w).score, w)).toBe(true);
        expect(within(scoreExecutionProportional(a, w).score, w)).toBe(true);
        expect(within(scoreExecutionStep(a, w).score, w)).toBe(true);
        expect(
          within(
            scoreQualitative(undefined, '部分达成', w, b, NATIONAL_RULESET.qualitative).score,
            w,
          ),
        ).toBe(true);
      }),
      { numRuns: 600 },
    );
  });
});

describe('monotone in the actual', () => {
  // Same sign as the target so that the ratio is meaningful (otherwise the rule asks for a person).
  const sameSign = fc.tuple(pos, pos, pos, fc.boolean()).map(([t, a1, a2, neg]) => {
    const [lo, hi] = a1.lte(a2) ? [a1, a2] : [a2, a1];
    return neg ? { t: t.neg(), lo: hi.neg(), hi: lo.neg() } : { t, lo, hi };
  });
  it('≥ / >: a larger actual never scores lower', () => {
    fc.assert(
      fc.property(
        sameSign,
        weight,
        fc.constantFrom('>=' as const, '>' as const),
        ({ t, lo, hi }, w, op) => {
          const s1 = scoreLargerIsBetter(op, t, lo, w).score;
          const s2 = scoreLargerIsBetter(op, t, hi, w).score;
          expect(s1).not.toBeNull();
          expect((s1 as Decimal).lte(s2 as Decimal)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('≤ / <: a larger actual never scores higher', () => {
    fc.assert(
      fc.property(
        sameSign,
        weight,
        fc.constantFrom('<=' as const, '<' as const),
        ({ t, lo, hi }, w, op) => {
          const s1 = scoreSmallerIsBetter(op, t, lo, w).score;
          const s2 = scoreSmallerIsBetter(op, t, hi, w).score;
          expect((s1 as Decimal).gte(s2 as Decimal)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('execution: a higher rate never scores lower (both rules)', () => {
    fc.assert(
      fc.property(dec, dec, (r1, r2) => {
        const [lo, hi] = r1.lte(r2) ? [r1, r2] : [r2, r1];
        const w = new Decimal(10);
        expect(
          (scoreExecutionProportional(lo, w).score as Decimal).lte(
            scoreExecutionProportional(hi, w).score as Decimal,
          ),
        ).toBe(true);
        expect(
          (scoreExecutionStep(lo, w).score as Decimal).lte(
            scoreExecutionStep(hi, w).score as Decimal,
          ),
        ).toBe(true);
      }),
    );
  });
});

describe('total = Σ parts when every indicator applies', () => {
  type IndicatorInput = NonNullable<DossierInput['indicators']>[number];
  const target = fc.oneof(
    fc
      .tuple(fc.constantFrom('≥', '≤', '＞', '＜', '＝', ''), fc.integer({ min: -50, max: 300 }))
      .map(([op, v]) => `${op}${v}%`),
    fc
      .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 50, max: 100 }))
      .map(([a, b]) => `[${a},${b}]%`),
    fc.constant('定性'),
  );
  const actual = fc.oneof(
    fc.integer({ min: -100, max: 400 }).map((v) => `${v}%`),
    fc.constantFrom('成效明显', '部分达成', '均完成', '未完成'),
  );
  const indicator = fc.record({
    target,
    actual,
    weight: fc.integer({ min: 1, max: 30 }),
    score: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  });
  it('holds for random grids and execution rates', () => {
    fc.assert(
      fc.property(
        fc.array(indicator, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 60000 }),
        (rows, spent) => {
          const indicators: IndicatorInput[] = rows.map((r, i) => ({
            id: `I${i}`,
            level1: '产出指标',
            level2: '数量指标',
            name: `指标${i}`,
            ...r,
          }));
          const d = makeDossier({
            indicators,
            income: {
              general: { adjustedBudget: '500', actual: new Decimal(spent).div(100).toFixed() },
            },
          });
          const r = score(d);
          const parts = [r.execution.score, ...r.indicators.map((i) => i.score)].reduce(
            (acc, s) => acc.plus(s ?? 0),
            new Decimal(0),
          );
          expect(r.total).toBe(parts.toFixed(2));
          for (const i of r.indicators)
            expect(
              i.score === null ||
                (new Decimal(i.score).gte(0) && new Decimal(i.score).lte(i.weight)),
            ).toBe(true);
          expect(
            r.byLevel1
              .reduce((acc, l) => acc.plus(l.score), new Decimal(0))
              .plus(r.execution.score ?? 0)
              .toFixed(2),
          ).toBe(r.total);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('redistribute', () => {
  const REDISTRIBUTE = RuleSetSchema.parse({
    ...NATIONAL_RULESET_INPUT,
    notApplicable: 'redistribute',
  });
  const row = fc.record({
    level1: fc.constantFrom('成本指标', '产出指标', '效益指标'),
    weight: fc.integer({ min: 1, max: 2000 }),
    na: fc.boolean(),
    actual: fc.integer({ min: 0, max: 200 }),
  });
  it(
    'effective weights of a 一级 add up to its weight; ' +
      'total = Σ parts; scores within effective weights',
    () => {
      fc.assert(
        fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (rows) => {
          const indicators = rows.map((r, i) => ({
            id: `I${i}`,
            level1: r.level1,
            level2: '二级',
            name: `指标${i}`,
            target: '≥100%',
            actual: `${r.actual}%`,
            weight: new Decimal(r.weight).div(100).toFixed(),
            ...(r.na ? { notApplicable: { reason: '不适用' } } : {}),
          }));
          const d = makeDossier({ indicators });
          const eff = redistributedWeights(d.indicators);
          for (const l1 of new Set(rows.map((r) => r.level1))) {
            const group = d.indicators.filter((i) => i.level1 === l1);
            if (group.every((i) => i.notApplicable)) continue;
            const all = group.reduce((a, i) => a.plus(i.weight), new Decimal(0));
            const sumEff = group.reduce((a, i) => a.plus(eff.get(i.id) ?? 0), new Decimal(0));
            expect(sumEff.toFixed(2)).toBe(all.toFixed(2));
          }
          const r = score(d, REDISTRIBUTE);
          for (const i of r.indicators)
            if (i.score !== null)
              expect(new Decimal(i.score).lte(i.effectiveWeight ?? i.weight)).toBe(true);
          if (!r.trace.includes('折算')) {
            const parts = [r.execution.score, ...r.indicators.map((i) => i.score)].reduce(
              (acc, x) => acc.plus(x ?? 0),
              new Decimal(0),
            );
            expect(r.total).toBe(parts.toFixed(2));
          }
        }),
        { numRuns: 200 },
      );
    },
  );
});
