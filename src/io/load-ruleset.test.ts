import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../core/errors/input-error.ts';
import { NATIONAL_RULESET } from '../core/scoring/ruleset.ts';
import {
  listRulesets,
  loadRuleset,
  loadSelectedRuleset,
  MAX_RULESET_BYTES,
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

describe("a dossier's ruleset: stays inside its folder (issue #13)", () => {
  const rs = 'name: mine\nversion: "1"\ntitle: 自定义\nsource: 本单位\n';

  it('refuses /etc/shadow and /dev/urandom at once, with a located Chinese message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-rs-'));
    for (const [target, code] of [
      ['/etc/shadow', 'ruleset.outside'],
      ['/dev/urandom', 'ruleset.outside'],
      ['../outside.yaml', 'ruleset.outside'],
    ] as const) {
      const t0 = performance.now();
      const errs = await errorsOf(loadRuleset(target, { cwd: dir, confined: true }));
      expect(performance.now() - t0, target).toBeLessThan(500);
      expect(errs[0]?.code, target).toBe(code);
      expect(errs[0]?.where.file).toBe(resolve(dir, target));
      expect(errs[0]?.message).toContain('档案所在文件夹内');
      expect(errs[0]?.message).not.toContain('root:');
    }
  });

  it('refuses a link inside the folder that leads outside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-rs-'));
    const other = mkdtempSync(join(tmpdir(), 'jixiao-rs-other-'));
    writeFileSync(join(other, 'real.yaml'), rs);
    symlinkSync(join(other, 'real.yaml'), join(dir, 'link.yaml'));
    const errs = await errorsOf(loadRuleset('link.yaml', { cwd: dir, confined: true }));
    expect(errs[0]?.code).toBe('ruleset.outside');
    // The same path typed as --ruleset is the user's choice.
    expect((await loadRuleset('link.yaml', { cwd: dir })).name).toBe('mine');
  });

  it('loads a file in the folder or a subfolder, and the shipped names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-rs-'));
    mkdirSync(join(dir, 'sets'));
    writeFileSync(join(dir, 'sets', 'mine.yaml'), rs);
    const r = await loadRuleset('sets/mine.yaml', { cwd: dir, confined: true });
    expect(r.name).toBe('mine');
    expect((await loadRuleset('hunan', { cwd: dir, confined: true })).name).toBe('hunan');
  });

  it('refuses a device, a folder or a file above 1 MB even when given by flag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-rs-'));
    const t0 = performance.now();
    const dev = await errorsOf(loadRuleset('/dev/urandom', { cwd: dir }));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(dev[0]?.code).toBe('ruleset.not-file');
    expect(dev[0]?.message).toBe(
      '规则集“/dev/urandom”不是普通文件（设备、管道或文件夹不能作为规则集）',
    );
    mkdirSync(join(dir, 'd.yaml'));
    expect((await errorsOf(loadRuleset('d.yaml', { cwd: dir })))[0]?.code).toBe('ruleset.not-file');
    writeFileSync(join(dir, 'big.yaml'), `${rs}#${'x'.repeat(MAX_RULESET_BYTES)}\n`);
    const big = await errorsOf(loadRuleset('big.yaml', { cwd: dir }));
    expect(big[0]?.code).toBe('file.limit');
    expect(big[0]?.message).toContain('超过上限 1 MB');
  });

  it('loadSelectedRuleset confines the dossier value, not the flag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-rs-'));
    const errs = await errorsOf(loadSelectedRuleset(undefined, '/etc/passwd', { dossierDir: dir }));
    expect(errs[0]?.code).toBe('ruleset.outside');
    const flag = await errorsOf(
      loadSelectedRuleset('/etc/passwd', 'national', { dossierDir: dir }),
    );
    // Read (the user asked for it) but not a rule set: a schema or syntax error, not a refusal.
    expect(flag[0]?.code).not.toBe('ruleset.outside');
  });
});
