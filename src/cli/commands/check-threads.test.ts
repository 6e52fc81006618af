import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseDossierInput } from '../../core/testing/factories.ts';

const repo = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-check-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command as a person runs it, from the sources (JIXIAO_TSX=1: not a possibly stale dist/). */
function check(threads: number, files: string[]) {
  const r = spawnSync(process.execPath, [join(repo, 'bin/jixiao.mjs'), 'check', ...files], {
    cwd: dir,
    env: { ...process.env, JIXIAO_TSX: '1', JIXIAO_THREADS: String(threads), NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('check over many files on worker threads (issue #14)', () => {
  it('prints exactly what one thread prints, in the order of the arguments', () => {
    const files: string[] = [];
    for (let k = 0; k < 44; k++) {
      const d = baseDossierInput();
      // Every fifth file overspends its budget (an error finding), one file is not JSON at all.
      const actual = k % 5 === 0 ? '520' : String(480 + k);
      const text = JSON.stringify({ ...d, unit: { ...d.unit, name: `测试单位${k}` } }).replace(
        /"actual":"500"/,
        `"actual":"${actual}"`,
      );
      const name = `z${String(43 - k).padStart(2, '0')}.json`; // not in alphabetical order
      writeFileSync(join(dir, name), k === 17 ? '{ "year": 2023, ' : text);
      files.push(name);
    }
    const one = check(1, files);
    const two = check(2, files);
    expect(two).toEqual(one);
    expect(one.code).toBe(2); // the broken file is bad input
    const summaries = one.stdout.trim().split('\n').slice(-44);
    expect(summaries.map((l) => l.split('：')[0])).toEqual(files);
    expect(one.stderr).toContain(files[17]);
  }, 180_000);
});
