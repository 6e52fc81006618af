import { describe, expect, it } from 'vitest';
import { baseDossierInput } from '../../../src/core/testing/factories.ts';
import { auditDossier } from '../../../src/core/audit/index.ts';
import { score } from '../../../src/core/scoring/score.ts';
import { NATIONAL_RULESET, RuleSetSchema } from '../../../src/core/scoring/ruleset.ts';
import { validateDossier } from '../../../src/core/dossier/validate.ts';
import { forEditor } from './normalise.ts';
import { evaluate, findingPath, localToday } from './live.ts';

describe('live evaluation in the browser', () => {
  it('scores and audits the editor form state with the same core as the server', () => {
    const input = baseDossierInput();
    const live = evaluate(forEditor(input), { today: '2024-06-01' });
    expect(live.validation.ok).toBe(true);
    const v = validateDossier(input);
    if (!v.ok) throw new Error('factory dossier invalid');
    const expected = score(v.dossier);
    expect(live.score?.total).toBe(expected.total);
    expect(live.score?.grade).toBe(expected.grade);
    expect(live.findings.map((f) => f.code)).toEqual(
      auditDossier(v.dossier, { score: expected, today: '2024-06-01' }).map((f) => f.code),
    );
    expect(live.ms).toBeGreaterThanOrEqual(0);
  });
  it('reacts to an edit: a missed target lowers the score', () => {
    const input = forEditor(baseDossierInput()) as ReturnType<typeof baseDossierInput>;
    const before = evaluate(input).score?.total;
    const edited = {
      ...input,
      indicators: input.indicators?.map((i) => (i.id === 'O1' ? { ...i, actual: '10次' } : i)),
    };
    const after = evaluate(edited).score?.total;
    expect(before).toBeDefined();
    expect(Number(after)).toBeLessThan(Number(before));
  });
  it('reports input errors with paths and still scores the valid part', () => {
    const input = forEditor(baseDossierInput()) as Record<string, unknown>;
    const unit = input.unit as { staffing: object };
    const live = evaluate({
      ...input,
      unit: { ...unit, staffing: { ...unit.staffing, actual: 'abc' } },
    });
    expect(live.validation.ok).toBe(false);
    expect(live.complete).toBe(false);
    if (!live.validation.ok)
      expect(live.validation.errors.map((e) => e.where.path)).toContain('unit.staffing.actual');
    expect(live.droppedFields).toEqual(['unit.staffing.actual']);
    // The head count does not enter the score: the total is the complete form's.
    expect(live.score?.total).toBe(evaluate(input).score?.total);
  });
  it('leaves a blank new indicator row out of the total instead of blanking the panel', () => {
    const input = forEditor(baseDossierInput()) as { indicators: Record<string, unknown>[] };
    const blank = { id: 'NEW1', level1: '产出指标', level2: '数量指标', name: '' };
    const live = evaluate({ ...input, indicators: [...input.indicators, blank] });
    expect(live.complete).toBe(false);
    expect(live.droppedRows).toEqual([`indicators[${input.indicators.length}]`]);
    expect(live.score?.total).toBe(evaluate(input).score?.total);
  });
  it("audits with the full rule set: a custom rule set's grade bands reach the audit", () => {
    // 优 only from 95 points: a report stating 92 points and 优 is wrong under this rule set only.
    const strict = RuleSetSchema.parse({
      ...NATIONAL_RULESET,
      name: 'strict',
      grades: [
        { grade: '优', min: '95' },
        { grade: '良', min: '80' },
        { grade: '中', min: '60' },
        { grade: '差', min: '0' },
      ],
    });
    const input = forEditor({
      ...baseDossierInput(),
      statements: [
        { concept: 'score.total', value: '92', where: { section: '六' } },
        { concept: 'score.grade', value: '优', where: { section: '九' } },
      ],
    });
    const band = (r: ReturnType<typeof evaluate>) =>
      r.findings.find((f) => f.code === 'SCORE-GRADE-BAND');
    expect(band(evaluate(input, { today: '2024-06-01' }))).toBeUndefined();
    expect(band(evaluate(input, { ruleset: strict, today: '2024-06-01' }))?.values).toMatchObject({
      stated: '优',
      band: '良',
    });
  });
  it('finds the field a finding is about', () => {
    const f = {
      code: 'x',
      severity: 'error',
      family: 'scoring',
      title: { zh: '', en: '' },
      message: { zh: '', en: '' },
      values: {},
      locations: [],
      indicatorId: 'O1',
    } as const;
    expect(findingPath(f, (id) => (id === 'O1' ? 'indicators[1]' : undefined))).toBe(
      'indicators[1]',
    );
    expect(
      findingPath({ ...f, locations: [{ path: 'income.general.actual' }] }, () => undefined),
    ).toBe('income.general.actual');
    expect(localToday(new Date(2024, 0, 5))).toBe('2024-01-05');
  });
  it('refuses a negative amount as the server does, and scores without it', () => {
    const input = forEditor(baseDossierInput()) as Record<string, unknown>;
    const exp = input.expenditure as { personnel?: Record<string, unknown> };
    const live = evaluate({
      ...input,
      expenditure: { ...exp, personnel: { ...exp.personnel, actual: '-5' } },
    });
    expect(live.validation.ok).toBe(false);
    expect(live.complete).toBe(false);
    if (!live.validation.ok)
      expect(live.validation.errors.map((e) => e.where.path)).toContain(
        'expenditure.personnel.actual',
      );
    expect(live.score).not.toBeNull();
  });
});
