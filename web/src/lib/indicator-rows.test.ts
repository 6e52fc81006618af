import { describe, expect, it } from 'vitest';
import { nextIndicatorId, rowSpans, visibleRows, windowSpans } from './indicator-rows.ts';

describe('indicator tree rows', () => {
  it('merges consecutive 一级 and, inside them, 二级 cells', () => {
    const rows = [
      { level1: '产出', level2: '数量' },
      { level1: '产出', level2: '数量' },
      { level1: '产出', level2: '质量' },
      { level1: '效益', level2: '数量' },
      { level1: '产出', level2: '数量' },
    ];
    expect(rowSpans(rows)).toEqual([
      { level1: 3, level2: 2 },
      { level1: 0, level2: 0 },
      { level1: 0, level2: 1 },
      { level1: 1, level2: 1 },
      { level1: 1, level2: 1 },
    ]);
  });
  it('does not merge the same 二级 across different 一级', () => {
    expect(
      rowSpans([
        { level1: 'A', level2: 'x' },
        { level1: 'B', level2: 'x' },
      ]),
    ).toEqual([
      { level1: 1, level2: 1 },
      { level1: 1, level2: 1 },
    ]);
  });
  it('finds a free id', () => {
    expect(nextIndicatorId(['I1', 'I3'])).toBe('I4');
    expect(nextIndicatorId(['I3', 'I2'])).toBe('I4');
    expect(nextIndicatorId([])).toBe('I1');
  });
  it('draws a merged cell again on the first row of a window that starts inside its run', () => {
    // runs: 一级 rows 0-2 (二级 0-1, 2), 3, 4; window rows 1..3
    const spans = [
      { level1: 3, level2: 2 },
      { level1: 0, level2: 0 },
      { level1: 0, level2: 1 },
      { level1: 1, level2: 1 },
      { level1: 1, level2: 1 },
    ];
    expect(windowSpans(spans, 1, 4)).toEqual([
      {
        level1: { runStart: 0, runLength: 3, span: 2 },
        level2: { runStart: 0, runLength: 2, span: 1 },
      },
      { level1: null, level2: { runStart: 2, runLength: 1, span: 1 } },
      {
        level1: { runStart: 3, runLength: 1, span: 1 },
        level2: { runStart: 3, runLength: 1, span: 1 },
      },
    ]);
  });
  it('clips a run that goes on below the window', () => {
    const spans = [
      { level1: 4, level2: 4 },
      { level1: 0, level2: 0 },
      { level1: 0, level2: 0 },
      { level1: 0, level2: 0 },
    ];
    expect(windowSpans(spans, 0, 2).map((c) => c.level1)).toEqual([
      { runStart: 0, runLength: 4, span: 2 },
      null,
    ]);
  });
  it('mounts the rows in view plus the overscan', () => {
    const heights = Array.from({ length: 10 }, () => 40);
    // [100, 180) px overlaps rows 2 (80-120), 3 (120-160) and 4 (160-200); one more each side
    expect(visibleRows(heights, 100, 80, 1)).toEqual({ start: 1, end: 6 });
    expect(visibleRows(heights, 0, 80, 2)).toEqual({ start: 0, end: 4 });
    // scrolled past the end (rows removed): the last rows stay mounted
    expect(visibleRows([40, 40, 40], 500, 80, 1)).toEqual({ start: 1, end: 3 });
  });
});
