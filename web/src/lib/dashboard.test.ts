import { describe, expect, it } from 'vitest';
import type { DossierListItem } from '../api.ts';
import { gradeDistribution, scoreVsExecution } from './dashboard.ts';

const item = (over: Partial<DossierListItem['summary']> | null, name = 'A'): DossierListItem => ({
  id: 1,
  unitId: 1,
  unitName: name,
  year: 2023,
  version: 1,
  status: 'draft',
  updatedAt: '2024-01-01T00:00:00Z',
  summary:
    over === null
      ? null
      : {
          total: '90.5',
          grade: '优',
          executionRate: '93.08',
          findings: { error: 0, warning: 0, info: 0 },
          ...over,
        },
});

describe('dashboard aggregations', () => {
  it('counts grades, with unscored dossiers apart', () => {
    expect(
      gradeDistribution([item({}), item({ grade: '良' }), item(null), item({ grade: '优' })]),
    ).toEqual([
      { grade: '优', count: 2 },
      { grade: '良', count: 1 },
      { grade: '中', count: 0 },
      { grade: '差', count: 0 },
      { grade: '未评分', count: 1 },
    ]);
  });
  it('plots execution rate against score and skips missing values', () => {
    expect(
      scoreVsExecution([item({ executionRate: '93.08%' }, 'X'), item({ total: null })]),
    ).toEqual([{ name: 'X 2023', value: [93.08, 90.5] }]);
  });
});
