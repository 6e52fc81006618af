/**
 * Properties over random dossiers: the audit never throws, findings are sorted, every finding comes
 * from a catalogued rule and never exceeds that rule's severity, and every finding says where.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONCEPT_KEYS } from '../dossier/concepts.ts';
import { validateDossier } from '../dossier/validate.ts';
import { baseDossierInput } from '../testing/factories.ts';
import { auditDossier, sortFindings } from './audit.ts';
import { ruleByCode } from './catalogue.ts';
import { SEVERITIES } from './types.ts';

const amount = fc.integer({ min: -5_000, max: 100_000 }).map((n) => (n / 100).toFixed(2));
const statedValue = fc.oneof(
  amount,
  amount.map((a) => `${a}%`),
  fc.constantFrom('优', '良', '无', '均完成', '100%', '10 分'),
);
const where = fc.record(
  { section: fc.constantFrom('二（一）', '六 1', '六'), annex: fc.constantFrom(1, 2) },
  { requiredKeys: [] },
);
const statement = fc
  .record({
    concept: fc.constantFrom(...CONCEPT_KEYS),
    value: statedValue,
    where,
    scope: fc.constantFrom(undefined, 'P1', '产出指标'),
  })
  .map(({ scope, ...s }) => (scope === undefined ? s : { ...s, scope }));

const dossierInput = fc
  .record({
    personnel: amount,
    publicFunds: amount,
    project: amount,
    income: amount,
    initial: amount,
    score: fc.integer({ min: -2, max: 25 }),
    weight: fc.integer({ min: 0, max: 30 }),
    actual: fc.constantFrom('24次', '均完成', '10', '120%', '-3%'),
    date: fc.constantFrom('2023-05-24', '2024-04-20', '2025-01-01'),
    statements: fc.array(statement, { maxLength: 25 }),
  })
  .map((r) => {
    const b = baseDossierInput();
    return {
      ...b,
      income: { general: { initialBudget: r.initial, adjustedBudget: r.income, actual: r.income } },
      expenditure: {
        personnel: { initialBudget: r.personnel, actual: r.personnel },
        publicFunds: { actual: r.publicFunds },
        projects: [
          {
            id: 'P1',
            name: '业务工作经费',
            money: { initialBudget: r.project, actual: r.project },
          },
        ],
      },
      indicators: (b.indicators ?? []).map((i) =>
        i.id === 'O1' ? { ...i, score: r.score, weight: r.weight, actual: r.actual } : i,
      ),
      filing: { date: r.date },
      statements: r.statements,
    };
  });

describe('audit properties', () => {
  it('never throws; sorted; catalogued codes; severity within the rule; located', () => {
    let audited = 0;
    fc.assert(
      fc.property(dossierInput, (input) => {
        const v = validateDossier(input);
        if (!v.ok) return true; // bad input is the validator's business
        const findings = auditDossier(v.dossier, { today: '2024-06-01' });
        audited += 1;
        expect(sortFindings(findings)).toEqual(findings);
        for (const f of findings) {
          const rule = ruleByCode(f.code);
          expect(rule).toBeDefined();
          expect(SEVERITIES.indexOf(f.severity)).toBeGreaterThanOrEqual(
            SEVERITIES.indexOf(rule?.severity ?? 'error'),
          );
          expect(f.locations.length).toBeGreaterThan(0);
        }
        return true;
      }),
      { numRuns: 150, seed: 20240524 },
    );
    // the generator makes valid dossiers, so the property is exercised
    expect(audited).toBeGreaterThan(100);
  });
});
