import { describe, expect, it } from 'vitest';
import { commentTargetLabel } from './comment-targets.ts';

const form = {
  indicators: [{ id: 'O1', name: '完成统计调查项目数' }],
  expenditure: {
    personnel: { actual: '343.36' },
    projects: [{ id: 'P1', name: '普查经费', indicators: [{ id: 'X1', name: '普查完成率' }] }],
  },
};

describe('commentTargetLabel', () => {
  it('names indicators, projects and rows in Chinese, never by id or path', () => {
    expect(commentTargetLabel({ kind: 'indicator', ref: 'O1' }, form)).toBe(
      '指标“完成统计调查项目数”',
    );
    expect(commentTargetLabel({ kind: 'indicator', ref: 'P1/X1' }, form)).toBe(
      '项目“普查经费”指标“普查完成率”',
    );
    expect(commentTargetLabel({ kind: 'project', ref: 'P1' }, form)).toBe('项目“普查经费”');
    expect(commentTargetLabel({ kind: 'row', ref: 'expenditure.personnel' }, form)).toBe(
      '人员经费',
    );
    expect(commentTargetLabel({ kind: 'dossier' }, form)).toBe('整体');
  });
  it('says what is gone when the row was deleted', () => {
    expect(commentTargetLabel({ kind: 'indicator', ref: 'O9' }, form)).toBe('已删除的指标');
    expect(commentTargetLabel({ kind: 'project', ref: 'P7' }, form)).toBe('已删除的项目');
    expect(commentTargetLabel({ kind: 'finding', ref: 'X-Y' }, form)).toBe('已解决的审核问题');
    expect(commentTargetLabel({ kind: 'finding', ref: 'X-Y' }, form, () => '得分超过分值')).toBe(
      '问题“得分超过分值”',
    );
  });
});
