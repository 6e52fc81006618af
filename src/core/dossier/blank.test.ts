import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { blankDossierInput, blankDossierYaml } from './blank.ts';
import { Dossier } from './schema.ts';
import { validateDossier } from './validate.ts';

describe('blankDossierYaml', () => {
  for (const unit of [
    '衡阳市某某局',
    '测试局: "A" #1',
    '- 以横线开头的单位',
    "O'Brien & 单位",
    '两行\n名称',
  ]) {
    it(`validates as it stands and keeps the unit name exactly (${unit})`, () => {
      const raw: unknown = parse(blankDossierYaml({ unit, year: 2024 }));
      const r = validateDossier(raw);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) return;
      expect(r.dossier.unit.name).toBe(unit);
      expect(r.dossier.year).toBe(2024);
    });
  }

  it('means the same as the blank dossier data: every amount not filled', () => {
    const fromText = Dossier.parse(parse(blankDossierYaml({ unit: '某局', year: 2025 })));
    const fromData = Dossier.parse(blankDossierInput('某局', 2025));
    expect(fromText.unit).toEqual(fromData.unit);
    expect(fromText.indicators).toEqual([]);
    const amounts = JSON.stringify([
      fromText.income,
      fromText.expenditure,
      fromText.threePublic,
      fromText.controls,
      fromText.assets,
    ]);
    expect(amounts).not.toMatch(/\d/);
  });

  it('explains every section in Chinese and names the schema when asked', () => {
    const text = blankDossierYaml({
      unit: '某局',
      year: 2025,
      schemaRef: '../docs/dossier.schema.json',
    });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../docs/dossier.schema.json');
    for (const heading of [
      '单位基本情况',
      '收入',
      '支出',
      '“三公”经费',
      '年度总体目标',
      '绩效指标',
      '绩效情况说明',
      '填报信息',
    ])
      expect(text).toContain(heading);
    const topKeys = Object.keys(parse(text) as object);
    expect(topKeys).toEqual([
      'format',
      'year',
      'unit',
      'income',
      'expenditure',
      'threePublic',
      'controls',
      'assets',
      'goal',
      'indicators',
      'narrative',
      'filing',
    ]);
    expect(blankDossierYaml({ unit: '某局', year: 2025 }).startsWith('# 某局 2025年度')).toBe(true);
  });
});
