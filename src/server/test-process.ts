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

/**
 * Polls /healthz every 50 ms until stopped, from a process of its own: the test process is busy
 * building and sending uploads, and its own stalls must not count as the server's.
 */
const WATCHER = `
const base = process.argv[1];
const times = [];
let running = true;
let first = true;
process.stdin.on('data', () => { running = false; });
(async () => {
  while (running) {
    const t0 = performance.now();
    const r = await fetch(base + '/healthz').catch(() => undefined);
    if (r) await r.arrayBuffer();
    // The first answer (a new connection of a new process) only says the watcher is ready.
    if (first) process.stderr.write('ready\\n');
    else times.push(r && r.ok ? performance.now() - t0 : -1);
    first = false;
    await new Promise((res) => setTimeout(res, 50));
  }
  process.stdout.write(JSON.stringify(times));
})();
`;

export async function watchHealth(base: string): Promise<HealthWatch> {
  const child = spawn(process.execPath, ['-e', WATCHER, base], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) resolve();
    });
    child.once('exit', () => reject(new Error('health watcher exited')));
  });
  return {
    stop: async () => {
      child.stdin.end('stop\n');
      await exited;
      return (JSON.parse(out || '[]') as number[]).map((t) => (t < 0 ? Infinity : t));
    },
  };
}

/** The p-th percentile (0–100) of some times, nearest rank. */
export function percentile(times: readonly number[], p: number): number {
  if (times.length === 0) return 0;
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
