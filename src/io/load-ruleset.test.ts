import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../core/errors/input-error.ts';
import { NATIONAL_RULESET } from '../core/scoring/ruleset.ts';
import {
  listRulesets,
  loadRuleset,
  loadSelectedRuleset,
  parseRulesetText,
} from './load-ruleset.ts';

async function errorsOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputErrors) return e.errors;
    throw e;
  }
  throw new Error('expected InputErrors');
}

describe('shipped rule sets', () => {
  it('lists national, hunan and sichuan', () => {
    expect(listRulesets()).toEqual(expect.arrayContaining(['hunan', 'national', 'sichuan']));
  });
  it('national.yaml equals the built-in NATIONAL_RULESET', async () => {
    expect(await loadRuleset('national')).toEqual(NATIONAL_RULESET);
  });
  it('hunan: step rule and the seed department weights', async () => {
    const r = await loadRuleset('hunan');
    expect(r.execution).toMatchObject({
      rule: 'step',
      stepPoints: '2',
      stepWidth: '5',
      denominator: 'adjustedBudget',
    });
    expect(r.level1Weights.department).toEqual({
      成本指标: '10',
      产出指标: '40',
      效益指标: '30',
      满意度指标: '10',
    });
    expect(r.level1Weights.project).toEqual({ 产出指标: '50', 效益指标: '30', 满意度指标: '10' });
  });
  it('sichuan: adjusted budget, reason below 90%', async () => {
    const r = await loadRuleset('sichuan');
    expect(r.execution.denominator).toBe('adjustedBudget');
    expect(r.reasonRequiredBelow).toBe('90');
  });
  it('selection falls back to national', async () => {
    expect((await loadSelectedRuleset(undefined, undefined)).name).toBe('national');
    expect((await loadSelectedRuleset(undefined, 'hunan')).name).toBe('hunan');
    expect((await loadSelectedRuleset('sichuan', 'hunan')).name).toBe('sichuan');
  });
});

describe('errors are located', () => {
  it('an unknown name lists the available ones', async () => {
    const errs = await errorsOf(loadRuleset('guangdong'));
    expect(errs[0]?.code).toBe('ruleset.unknown');
    expect(errs[0]?.message).toContain('national');
  });
  it('a missing file is file.not-found', async () => {
    const errs = await errorsOf(loadRuleset('./nope/mine.yaml', { cwd: tmpdir() }));
    expect(errs[0]?.code).toBe('file.not-found');
  });
  it('a schema error carries file, line and column', () => {
    const text = [
      'name: mine',
      'version: "1"',
      'title: 自定义',
      'source: 本单位',
      'execution:',
      '  rule: linear',
      '',
    ].join('\n');
    const r = parseRulesetText(text, 'mine.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({
      code: 'schema.enum',
      where: { file: 'mine.yaml', line: 6, column: 9, path: 'execution.rule' },
    });
  });
  it('a syntax error carries its position', () => {
    const r = parseRulesetText('name: [unclosed\n', 'bad.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'syntax', where: { file: 'bad.yaml' } });
  });
  it('loads a user-defined file by path, relative to cwd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-rs-'));
    writeFileSync(
      join(dir, 'mine.yaml'),
      'name: mine\nversion: "1"\ntitle: 自定义\nsource: 本单位\nnotApplicable: redistribute\n',
    );
    const r = await loadRuleset('mine.yaml', { cwd: dir });
    expect(r).toMatchObject({ name: 'mine', notApplicable: 'redistribute' });
  });
});
