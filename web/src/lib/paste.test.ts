import { describe, expect, it } from 'vitest';
import { isMultiCell, parsePastedIndicators, spreadCells, splitTsv } from './paste.ts';

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

describe('spreadCells', () => {
  // A 2 × 3 grid of amount fields, pasted into at row 0, column 1.
  const grid = [
    ['a.c0', 'a.c1', 'a.c2'],
    ['b.c0', 'b.c1', 'b.c2'],
  ];
  const at = (r: number, c: number) => grid[r]?.[c + 1];

  it('spreads two Excel cells over two fields of the row, not into one', () => {
    expect(spreadCells(splitTsv('560\t580'), at)).toEqual({
      writes: [
        { path: 'a.c1', text: '560' },
        { path: 'a.c2', text: '580' },
      ],
      outside: 0,
    });
  });

  it('goes down for a column and counts cells past the edge', () => {
    const r = spreadCells(splitTsv('1\t2\t3\n4\t5\t6\n7\t8\t9'), at);
    expect(r.writes.map((w) => `${w.path}=${w.text}`)).toEqual([
      'a.c1=1',
      'a.c2=2',
      'b.c1=4',
      'b.c2=5',
    ]);
    expect(r.outside).toBe(5);
  });

  it('tells one cell from several', () => {
    expect(isMultiCell('560\r\n')).toBe(false);
    expect(isMultiCell('560\t580')).toBe(true);
    expect(isMultiCell('560\n580')).toBe(true);
  });
});
