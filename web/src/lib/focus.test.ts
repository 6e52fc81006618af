import { describe, expect, it } from 'vitest';
import { sectionOf } from './focus.ts';

describe('sectionOf', () => {
  it('maps dossier paths to editor tabs', () => {
    expect(sectionOf('indicators[2].weight')).toBe('indicators');
    expect(sectionOf('expenditure.projects[0].money.actual')).toBe('projects');
    expect(sectionOf('expenditure.personnel.actual')).toBe('money');
    expect(sectionOf('income.general.adjustedBudget')).toBe('money');
    expect(sectionOf('threePublic.reception.actual')).toBe('threePublic');
    expect(sectionOf('controls.office.actual')).toBe('threePublic');
    expect(sectionOf('narrative.problems')).toBe('narrative');
    expect(sectionOf('unit.staffing.actual')).toBe('basic');
    expect(sectionOf('filing.date')).toBe('basic');
  });
});
