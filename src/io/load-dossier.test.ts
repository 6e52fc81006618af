import { describe, expect, it } from 'vitest';
import { parseDossierText } from './load-dossier.ts';

const good = `year: 2023
unit:
  name: 测试局
indicators:
  - id: A
    level1: 产出指标
    level2: 数量指标
    name: 检查次数
    target: "≥ 20 次"
    actual: 均完成
    weight: 10
`;

describe('parseDossierText', () => {
  it('parses targets and keeps non-numeric actuals as written', () => {
    const r = parseDossierText(good, 'a.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dossier.indicators[0]?.target).toEqual({ kind: 'number', op: '>=', value: '20', unit: '次', text: '≥ 20 次' });
    expect(r.dossier.indicators[0]?.actual).toEqual({ text: '均完成' });
  });

  it('locates a wrong type at its line and column, in Chinese by default', () => {
    const r = parseDossierText(good.replace('weight: 10', 'weight: 十分'), 'a.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.where).toMatchObject({ file: 'a.yaml', line: 11, path: 'indicators[0].weight' });
    expect(r.errors[0]?.message).toContain('应为数字');
  });

  it('reports malformed YAML as a syntax error with its line', () => {
    const r = parseDossierText('year: 2023\nunit: [a\n', 'b.yaml', 'en');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.code).toBe('syntax');
    expect(r.errors[0]?.message).toMatch(/^syntax error/);
  });
});
