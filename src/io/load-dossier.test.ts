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
    expect(r.dossier.indicators[0]?.target).toEqual({
      kind: 'number',
      op: '>=',
      value: '20',
      unit: '次',
      text: '≥ 20 次',
    });
    expect(r.dossier.indicators[0]?.actual).toEqual({ text: '均完成' });
  });

  it('locates a wrong type at its line and column, in Chinese by default', () => {
    const r = parseDossierText(good.replace('weight: 10', 'weight: 十分'), 'a.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.where).toMatchObject({
      file: 'a.yaml',
      line: 11,
      path: 'indicators[0].weight',
    });
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

describe('parseDossierText: located, specific messages', () => {
  const one = (text: string, lang: 'zh' | 'en' = 'zh') => {
    const r = parseDossierText(text, 'f.yaml', lang);
    if (r.ok) throw new Error('expected errors');
    expect(r.errors).toHaveLength(1);
    return r.errors[0]!;
  };

  it('locates errors in JSON files too (JSON is read as YAML)', () => {
    const json = JSON.stringify(
      {
        year: 2023,
        unit: { name: '测试局' },
        indicators: [{ id: 'A', level1: 'a', level2: 'b', name: 'c', target: '≥1', weight: 'x' }],
      },
      null,
      2,
    );
    const e = one(json);
    expect(e.where).toMatchObject({
      file: 'f.yaml',
      path: 'indicators[0].weight',
      line: json.split('\n').findIndex((l) => l.includes('"weight"')) + 1,
    });
    expect(e.code).toBe('schema.decimal');
  });

  it('points an unknown field at the key’s own line', () => {
    const e = one(good.replace('    weight: 10\n', '    weight: 10\n    wieght: 10\n'));
    expect(e.code).toBe('schema.unknown-key');
    expect(e.where).toMatchObject({ path: 'indicators[0].wieght', line: 12 });
    expect(e.message).toBe('indicators[0]：未知字段 wieght');
  });

  it('explains a target object by the branch it was meant for', () => {
    const kind = one(good.replace('target: "≥ 20 次"', 'target: { kind: numbr, value: 20 }'), 'en');
    expect(kind).toMatchObject({
      code: 'schema.enum',
      where: { path: 'indicators[0].target.kind', line: 9 },
    });
    expect(kind.message).toBe('indicators[0].target.kind: expected one of number / range / text');
    const range = one(good.replace('target: "≥ 20 次"', 'target: { kind: range, min: 1 }'));
    expect(range).toMatchObject({
      code: 'schema.required',
      where: { path: 'indicators[0].target.max' },
    });
    expect(range.message).toBe('indicators[0].target.max：缺少必填项（应为数字或文本）');
  });

  it('says which types a union accepts when none matches', () => {
    const e = one(good.replace('weight: 10', 'weight: [10]'), 'en');
    expect(e).toMatchObject({
      code: 'schema.type',
      where: { path: 'indicators[0].weight', line: 11 },
    });
    expect(e.message).toBe('indicators[0].weight: expected number or string, got array');
  });
});

describe('the compiled fast path of validation (issue #14)', () => {
  it('gives zod’s exact dossier for every example file', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { Dossier } = await import('../core/dossier/schema.ts');
    const dir = new URL('../../examples/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) {
      const r = parseDossierText(readFileSync(new URL(f, dir), 'utf8'), f);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.dossier).toStrictEqual(Dossier.parse(r.raw));
    }
  });
});
