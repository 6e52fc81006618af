/**
 * Server benchmark: the real server (`node bin/jixiao.mjs serve`, SQLite on a temp dir, logs at
 * warn) under autocannon on GET /api/dossiers/:id, GET /api/dossiers/:id/score and /healthz.
 * Prints req/s, p99 latency and errors (must be 0) for each, and the ratio of each to /healthz.
 * Full: 50 connections × 20 s each; quick (BENCH_QUICK=1): 10 connections × 2 s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './support.ts';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const BIN = fileURLToPath(new URL('../bin/jixiao.mjs', import.meta.url));
const PASSWORD = 'bench-admin-password';

export async function run(quick: boolean): Promise<void> {
  const connections = quick ? 10 : 50;
  const duration = quick ? 2 : 20;
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data', dir], {
    env: { ...process.env, JIXIAO_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (b: Buffer) => {
    log += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    log += b.toString();
  });
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
      if (Date.now() > deadline) throw new Error(`server did not start: ${log}`);
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const headers = { cookie, 'content-type': 'application/json' };
    const list = (await (await fetch(`${base}/api/dossiers?pageSize=1`, { headers })).json()) as {
      items: { id: number }[];
    };
    let id = list.items[0]?.id;
    if (id === undefined) {
      // No example dossier: make one from the shared factory.
      const { makeDossier } = await import('../src/core/testing/factories.ts');
      const regions = (await (await fetch(`${base}/api/regions`, { headers })).json()) as {
        id: number;
      }[];
      const unit = (await (
        await fetch(`${base}/api/units`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: '基准测试局', regionId: regions[0]!.id }),
        })
      ).json()) as { id: number };
      const rec = (await (
        await fetch(`${base}/api/dossiers`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ unitId: unit.id, year: 2023, dossier: makeDossier() }),
        })
      ).json()) as { id: number };
      id = rec.id;
    }
    const targets = [
      { name: '/healthz', path: '/healthz' },
      { name: 'GET /api/dossiers/:id', path: `/api/dossiers/${id}` },
      { name: 'GET /api/dossiers/:id/score', path: `/api/dossiers/${id}/score` },
    ];
    console.log(
      `server: SQLite, ${connections} connections × ${duration} s per endpoint (dossier ${id})`,
    );
    console.log('endpoint                        req/s     p99 ms   avg ms   errors   vs /healthz');
    let healthz = 0;
    let bad = 0;
    for (const t of targets) {
      const r = await autocannon({
        url: `${base}${t.path}`,
        connections,
        duration,
        headers: { cookie },
      });
      const rps = r.requests.average;
      if (t.path === '/healthz') healthz = rps;
      const errors = r.errors + r.timeouts + r.non2xx;
      bad += errors;
      console.log(
        `${t.name.padEnd(30)} ${rps.toFixed(0).padStart(7)} ${String(r.latency.p99).padStart(10)} ${r.latency.average.toFixed(2).padStart(8)} ${String(errors).padStart(8)}   ${healthz ? (rps / healthz).toFixed(2) : '—'}`,
      );
    }
    if (bad > 0) {
      console.log(`FAIL: ${bad} errors (expected 0)`);
      process.exitCode = 1;
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    rmSync(dir, { recursive: true, force: true });
  }
}
