import { describe, expect, it } from 'vitest';
import { readText } from '../../read-text.ts';
import { dropPinyinGlosses, normaliseLine } from '../../normalise.ts';
import { findYear, reportLevel } from './facts.ts';
import { isRunTogether, segmentRunTogether } from './tokens.ts';
import { amountCell, percentCell, splitsOf, yuanToWan } from './values.ts';

describe('values', () => {
  it('moves the decimal point four places for 元 → 万元 (no floating point)', () => {
    expect(yuanToWan('1187500')).toBe('118.75');
    expect(yuanToWan('12.34')).toBe('0.001234');
    expect(yuanToWan('0')).toBe('0');
    expect(yuanToWan('-50000')).toBe('-5');
  });
  it('reads "150万", "125.25万元", "1,234.5" and a cell in 元', () => {
    expect(amountCell('150万')).toBe('150');
    expect(amountCell('125.25万元')).toBe('125.25');
    expect(amountCell('1,234.50')).toBe('1234.5');
    expect(amountCell('30000', '元')).toBe('3');
    expect(amountCell('3万', '元')).toBe('3');
    expect(amountCell('达成')).toBeUndefined();
    expect(percentCell('83.50%')).toBe('83.5');
  });
  it('lists every well-formed split of a run of digits', () => {
    const splits = splitsOf('1.561.56120', 4).map((s) => s.join('|'));
    expect(splits).toContain('1.56|1.56|1|20');
    expect(splits).not.toContain('1.561|.56|1|20');
  });
});

describe('normalisation', () => {
  it('drops pinyin glosses after a character, keeps column letters', () => {
    expect(dropPinyinGlosses('預(yù)算執(zhí)行數(shù)(A)')).toBe('預算執行數(A)');
    expect(normaliseLine('區(qū)級專項資金(B/A)').text).toBe('区级专项资金(B/A)');
  });
});

describe('facts', () => {
  const doc = (text: string) => readText(text, 'x.txt').lines;
  it('finds the year in a title without 年度, else a filing date (the year before)', () => {
    expect(findYear(doc('某局2019年部门整体支出绩效评价报告'))?.year).toBe(2019);
    const y = findYear(doc('单位（盖章）：某镇人民政府 | 填报日期：2022年2月3日 |'));
    expect([y?.year, y?.confidence]).toEqual([2021, 0.6]);
  });
  it('tells a project form from a department report by the form’s own words', () => {
    expect(reportLevel(doc('项目支出绩效自评表\n项目名称 | 道路养护 |'))).toBe('project');
    expect(reportLevel(doc('2022年度某局部门整体支出绩效自评报告\n项目绩效（20分）'))).toBe(
      'department',
    );
  });
});

describe('run-together tables', () => {
  it('are told by figures glued to words, not by one long line of spaced cells', () => {
    const glued = `${'名称说明'.repeat(40)}完成率100%100%合格率98%99%`;
    const spaced = `${'名称 说明 '.repeat(40)}完成率 100% 100% 合格率 98% 99%`;
    expect(isRunTogether(glued)).toBe(true);
    expect(isRunTogether(spaced)).toBe(false);
  });
  it('become cells at header words and percentages', () => {
    expect(segmentRunTogether('质量指标路灯亮灯率≥98%99%时效指标')).toEqual([
      '质量指标',
      '路灯亮灯率',
      '≥98%',
      '99%',
      '时效指标',
    ]);
  });
  it('split a value written twice (target = actual) from the words around it', () => {
    expect(segmentRunTogether('安全指标投诉处理数0件0件群众满意率95%96%')).toEqual([
      '安全指标投诉处理数',
      '0件',
      '0件',
      '群众满意率',
      '95%',
      '96%',
    ]);
    expect(segmentRunTogether('时效指标事故发生率00质量指标')).toEqual([
      '时效指标',
      '事故发生率',
      '0',
      '0',
      '质量指标',
    ]);
    // A year is not a value written twice; nor is one figure with its unit.
    expect(segmentRunTogether('完工时间2020年12月完成2020')).toEqual([
      '完工时间2020年12月完成2020',
    ]);
    expect(segmentRunTogether('培训人数1010人')).toEqual(['培训人数1010人']);
  });
});
