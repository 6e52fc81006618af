import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseDossierInput } from '../core/testing/factories.ts';
import { runCli } from './run.ts';

const repo = join(import.meta.dirname, '../..');
const example = join(repo, 'examples/hengyang-finance-office-2023.yaml');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-built-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const b = spawnSync(process.execPath, [join(repo, 'scripts/build-cli.mjs')], {
    encoding: 'utf8',
  });
  expect(b.status, b.stderr).toBe(0);
}, 120_000);

/** The built CLI as bench/cli.bench.ts runs it; JIXIAO_ONE_FILE=0 leaves out dist/check.cjs. */
function built(args: string[], oneFile: boolean) {
  const r = spawnSync(process.execPath, [join(repo, 'bin/jixiao.mjs'), ...args], {
    cwd: dir,
    env: { ...process.env, JIXIAO_BUILT: '1', JIXIAO_ONE_FILE: oneFile ? '1' : '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built check (dist/check.cjs from its code cache, issue 14)', () => {
  it('prints what the sources print, with the same exit code', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ "year": 2023, ');
    const d = baseDossierInput();
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(d));
    const cases = [
      ['check', example],
      ['check', '--json', example, 'ok.json'],
      ['--lang', 'en', 'check', '--severity', 'warning', example],
      ['check', 'broken.json', 'ok.json', 'missing.yaml'],
      ['check', '--severity', 'bad', example],
      ['check', '--help'],
    ];
    for (const args of cases) {
      const want = await runCli(args, { capture: true, cwd: dir });
      const got = built(args, true);
      expect(got, args.join(' ')).toEqual(want);
      expect(built(args, false), args.join(' ')).toEqual(got);
    }
    // The example has error findings (exit 1); the broken file is bad input (exit 2).
    expect(built(['check', example], true).code).toBe(1);
    expect(built(['check', 'broken.json', 'ok.json'], true).code).toBe(2);
  }, 120_000);
});
