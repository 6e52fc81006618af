/**
 * CLI start-up and throughput, whole processes (what a person waits for), each against a baseline
 * timed in the same run, minimum of ≥ 3 runs (5 in the full run):
 * - `jixiao check FILE` vs `node -e 0` (aim ≤ 3×);
 * - `jixiao --help` vs `node --import tsx -e 0`;
 * - `jixiao check` over 500 generated JSON dossiers (quick: 100) vs one node process reading and
 *   JSON.parsing the same files (aim ≤ 5×); with its worker threads (one per core beyond two)
 *   and on one.
 * bench/run.ts builds the CLI first; JIXIAO_BUILT=1 makes bin/jixiao.mjs run that build.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { rng } from './support.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin/jixiao.mjs');
const EXAMPLE = join(root, 'examples/hengyang-finance-office-2023.yaml');

/** Wall time of one run of `node args…`, ms. */
function timeRun(args: string[], cwd = root, env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, JIXIAO_BUILT: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  // check exits 1 when it finds errors: only a crash (3) or a signal is a failure here.
  if (r.status === null || r.status >= 2)
    throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr.toString()}`);
  return ms;
}

/** Minimum of `runs` alternating runs of a and b (alternating, so drift hits both). */
function pair(a: string[], b: string[], runs: number): { a: number; b: number } {
  let ma = Infinity;
  let mb = Infinity;
  timeRun(a);
  timeRun(b);
  for (let i = 0; i < runs; i++) {
    ma = Math.min(ma, timeRun(a));
    mb = Math.min(mb, timeRun(b));
  }
  return { a: ma, b: mb };
}

export function row(what: string, ms: number, base: string, baseMs: number, aim?: number): void {
  const ratio = ms / baseMs;
  const verdict =
    aim === undefined ? '' : ratio <= aim ? `  ok (aim ≤ ${aim}×)` : `  MISSED (aim ≤ ${aim}×)`;
  console.log(
    `${what.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms   ` +
      `${base.padEnd(30)} ${baseMs.toFixed(1).padStart(8)} ms   ` +
      `${ratio.toFixed(2).padStart(6)}×${verdict}`,
  );
}

/** `n` JSON dossiers varied from the example (money actuals moved by up to ±15 %). */
function writeDossiers(dir: string, n: number): string[] {
  const base = parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify(base, null, 2);
  const parts = text.split(/(?<="actual": )(\d+\.\d+)/);
  const next = rng(14);
  const files: string[] = [];
  for (let k = 0; k < n; k++) {
    let out = '';
    for (let i = 0; i < parts.length; i++)
      out += i % 2 === 1 ? (Number(parts[i]) * (0.85 + 0.3 * next())).toFixed(2) : parts[i];
    const file = join(dir, `d${String(k).padStart(4, '0')}.json`);
    writeFileSync(file, out);
    files.push(file);
  }
  return files;
}

export async function run(quick: boolean): Promise<void> {
  const runs = quick ? 3 : 5;
  console.log(`whole processes, minimum of ${runs} runs each, baselines in the same run`);
  const one = pair([BIN, 'check', EXAMPLE], ['-e', '0'], runs);
  row('jixiao check FILE', one.a, 'node -e 0', one.b, 3);
  const help = pair([BIN, '--help'], ['--import', 'tsx', '-e', '0'], runs);
  row('jixiao --help', help.a, 'node --import tsx -e 0', help.b);

  const n = quick ? 100 : 500;
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-check-many-'));
  try {
    const files = writeDossiers(dir, n);
    const names = files.map((f) => f.slice(dir.length + 1));
    const readAll =
      "const fs=require('fs');let n=0;" +
      "for(const f of fs.readdirSync('.'))" +
      "n+=Object.keys(JSON.parse(fs.readFileSync(f,'utf8'))).length;" +
      'if(!n)process.exit(1)';
    const many = (() => {
      let ma = Infinity;
      let m1 = Infinity;
      let mb = Infinity;
      for (let i = 0; i < Math.max(3, runs - 2); i++) {
        ma = Math.min(ma, timeRun([BIN, 'check', ...names], dir));
        m1 = Math.min(m1, timeRun([BIN, 'check', ...names], dir, { JIXIAO_THREADS: '1' }));
        mb = Math.min(mb, timeRun(['-e', readAll], dir));
      }
      return { a: ma, one: m1, b: mb };
    })();
    row(`jixiao check over ${n} files`, many.a, `read + JSON.parse ${n} files`, many.b, 5);
    row(`  the same on one thread`, many.one, `read + JSON.parse ${n} files`, many.b);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
