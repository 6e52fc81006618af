import { describe, expect, it } from 'vitest';
import { normaliseLine, repairOcr, toSimplified } from './normalise.ts';

describe('normaliseLine', () => {
  it('maps Kangxi radicals and CJK compatibility ideographs from PDF fonts to unified ones', () => {
    // U+2F00 is the Kangxi radical 一; U+F9FD is the compatibility ideograph 什 (U+4EC0).
    expect(normaliseLine('\u2F00\uF9FD 万元').text).toBe('\u4E00\u4EC0 万元');
  });
  it('reads C0 controls (a PDF font mapping its space glyph from U+0001) as spaces', () => {
    expect(normaliseLine('实际完成53.18\u0001万亩\u0002，').text).toBe('实际完成53.18 万亩 ，');
    expect(normaliseLine('a\tb').text).toBe('a\tb');
  });
  it('maps traditional domain vocabulary to simplified', () => {
    expect(toSimplified('部門整體支出績效自評報告')).toBe('部门整体支出绩效自评报告');
    expect(toSimplified('預算執行率')).toBe('预算执行率');
  });
  it('repairs OCR confusions inside numbers only', () => {
    expect(repairOcr('实际发生 4O4.92万兀').text).toBe('实际发生 404.92万元');
    expect(repairOcr('分值 IO 得分 l0').text).toBe('分值 10 得分 10');
    expect(repairOcr('正常参审的 5 家企业均被评为 A 类').repaired).toBe(false);
    expect(repairOcr('Email l and O').text).toBe('Email l and O');
  });
  it('converts full-width digits and percent signs', () => {
    expect(normaliseLine('执行率 ９３．０８％').text).toBe('执行率 93.08%');
  });
});
