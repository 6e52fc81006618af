/**
 * Test support for tests that measure a server from outside (issue #13): start test-server.ts in
 * its own process, watch /healthz latency, read the process's peak RSS, stop it with SIGTERM and
 * get its exit code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./test-server.ts', import.meta.url));

export interface TestProcess {
  readonly child: ChildProcess;
  readonly base: string;
  /** Ids of the published dossiers it created (JIXIAO_TEST_PUBLISHED). */
  readonly published: readonly number[];
  /** SIGTERM, then the exit code (null with the signal name when it had to be killed). */
  stop(graceMs?: number): Promise<{ code: number | null; killed: boolean }>;
}

export async function startTestProcess(env: Record<string, string>): Promise<TestProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = await new Promise<{ port: number; published: number[] }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"port":'));
      if (line) resolve(JSON.parse(line) as { port: number; published: number[] });
    });
    child.once('exit', (code) => reject(new Error(`test server exited ${code}`)));
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    base: `http://127.0.0.1:${started.port}`,
    published: started.published ?? [],
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null) return { code: child.exitCode, killed: false };
      child.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<'late'>((r) => setTimeout(() => r('late'), graceMs)),
      ]);
      if (code !== 'late') return { code, killed: false };
      child.kill('SIGKILL');
      return { code: await exited, killed: true };
    },
  };
}

/** Peak resident memory of a process so far (VmHWM, Linux), bytes. */
export function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) * 1024;
}

export interface HealthWatch {
  /** Every answer's time, ms (Infinity for a failed answer), in order. */
  stop(): Promise<number[]>;
}

/** Polls /healthz every 50 ms until stopped. */
export function watchHealth(base: string): HealthWatch {
  let running = true;
  const times: number[] = [];
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const r = await fetch(`${base}/healthz`).catch(() => undefined);
      await r?.arrayBuffer();
      times.push(r?.ok ? performance.now() - t0 : Infinity);
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return times;
    },
  };
}

/** The p-th percentile (0–100) of some times, nearest rank. */
export function percentile(times: readonly number[], p: number): number {
  if (times.length === 0) return 0;
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
