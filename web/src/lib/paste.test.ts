import { describe, expect, it } from 'vitest';
import { parsePastedIndicators, splitTsv } from './paste.ts';

describe('paste from Excel', () => {
  it('reads rows, skips the header and fills merged 一级/二级 cells from above', () => {
    const text = [
      '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因',
      '产出指标\t数量指标\t检查次数\t≥20次\t24次\t20\t20\t',
      '\t\t覆盖单位数\t≥10个\t9个\t10\t9\t一家单位撤并',
      '\t质量指标\t合格率\t=100%\t100%\t1,0\t10\t',
    ].join('\r\n');
    const r = parsePastedIndicators(text, (i) => `P${i + 1}`);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        id: 'P1',
        level1: '产出指标',
        level2: '数量指标',
        name: '检查次数',
        target: '≥20次',
        actual: '24次',
        weight: '20',
        score: '20',
      },
      {
        id: 'P2',
        level1: '产出指标',
        level2: '数量指标',
        name: '覆盖单位数',
        target: '≥10个',
        actual: '9个',
        weight: '10',
        score: '9',
        deviation: '一家单位撤并',
      },
      {
        id: 'P3',
        level1: '产出指标',
        level2: '质量指标',
        name: '合格率',
        target: '=100%',
        actual: '100%',
        weight: '10',
        score: '10',
      },
    ]);
  });
  it('reports located problems instead of guessing', () => {
    const r = parsePastedIndicators(
      '效益指标\t社会效益\t\t成效明显\t\t5\n效益指标\t社会效益\t群众满意\t≥90%\t95%\t五',
      () => 'X',
    );
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => p.line)).toEqual([1, 2]);
    expect(r.problems[1]?.message).toContain('分值');
  });
  it('handles quoted cells with newlines', () => {
    expect(splitTsv('a\t"b\nc"\td\n')).toEqual([['a', 'b\nc', 'd']]);
  });
});
