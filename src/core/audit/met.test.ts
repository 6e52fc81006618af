/**
 * targetMet and normUnit pinned case by case (domain.md §4 operator semantics): each operator on
 * equality and one 0.01 either side, ranges at both ends, units compared loosely, and every input
 * that cannot be told giving null rather than a guess.
 */
import { describe, expect, it } from 'vitest';
import type { Actual, Operator, Target } from '../dossier/indicator-values.ts';
import { normUnit, targetMet } from './met.ts';

const num = (op: Operator | undefined, value: string, unit?: string): Target => ({
  kind: 'number',
  ...(op ? { op } : {}),
  value,
  ...(unit !== undefined ? { unit } : {}),
});
const act = (value: string | undefined, unit?: string): Actual => ({
  ...(value !== undefined ? { value } : {}),
  ...(unit !== undefined ? { unit } : {}),
  text: `${value ?? '已完成'}${unit ?? ''}`,
});

describe('normUnit', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    [' 万 元 ', '万'],
    ['\t亿元', '亿'],
    ['％', '%'],
    ['％／％', '%／%'],
    ['元', ''],
    ['万元', '万'],
    // Only a trailing 元 goes: a unit that starts with it keeps it.
    ['元/人', '元/人'],
    ['人次', '人次'],
  ])('%j → %j', (unit, expected) => expect(normUnit(unit)).toBe(expected));
});

describe('targetMet: operators on equality and one 0.01 either side of 95', () => {
  const cases: readonly [Operator, string, boolean][] = [
    ['>=', '95', true],
    ['>=', '95.01', true],
    ['>=', '94.99', false],
    ['>', '95', false],
    ['>', '95.01', true],
    ['>', '94.99', false],
    ['<=', '95', true],
    ['<=', '94.99', true],
    ['<=', '95.01', false],
    ['<', '95', false],
    ['<', '94.99', true],
    ['<', '95.01', false],
    ['=', '95', true],
    ['=', '95.00', true],
    ['=', '95.01', false],
    ['=', '94.99', false],
  ];
  it.each(cases)('target %s 95, actual %s → %s', (op, actual, expected) => {
    const target = num(op, '95', '%');
    expect(targetMet(target, act(actual, '%'))).toBe(expected);
  });

  it('a number target without an operator cannot be told', () => {
    expect(targetMet(num(undefined, '95', '%'), act('95', '%'))).toBeNull();
    expect(targetMet(num(undefined, '95'), act('100'))).toBeNull();
  });
});

describe('targetMet: a range is met inclusive of both ends (90～100)', () => {
  const range: Target = { kind: 'range', min: '90', max: '100', unit: '分' };
  it.each([
    ['90', true],
    ['100', true],
    ['95', true],
    ['89.99', false],
    ['100.01', false],
  ])('actual %s → %s', (value, expected) =>
    expect(targetMet(range, act(value, '分'))).toBe(expected),
  );
});

describe('targetMet: units', () => {
  it('compares units loosely: ％ is %, 亿 is 亿元, spaces do not count', () => {
    expect(targetMet(num('>=', '95', '％'), act('96', '%'))).toBe(true);
    expect(targetMet(num('>=', '100', '亿'), act('99', '亿元'))).toBe(false);
    expect(targetMet(num('>=', '100', '亿 元'), act('120', '亿'))).toBe(true);
  });
  it('different units cannot be told apart by the figure (120 万元 against ≥ 100 亿元)', () => {
    expect(targetMet(num('>=', '100', '亿元'), act('120', '万元'))).toBeNull();
    expect(targetMet({ kind: 'range', min: '1', max: '2', unit: '次' }, act('1', '个'))).toBeNull();
  });
  it('a unit on one side only is compared by the figure', () => {
    expect(targetMet(num('>=', '20', '次'), act('24'))).toBe(true);
    expect(targetMet(num('>=', '20'), act('19', '次'))).toBe(false);
  });
});

describe('targetMet: what cannot be told is null', () => {
  it('no target, no actual, an actual without a figure, a text target', () => {
    expect(targetMet(undefined, act('95', '%'))).toBeNull();
    expect(targetMet(num('>=', '95', '%'), undefined)).toBeNull();
    expect(targetMet(num('>=', '95', '%'), act(undefined))).toBeNull();
    expect(targetMet({ kind: 'text', text: '明显改善' }, act('100'))).toBeNull();
  });
});
