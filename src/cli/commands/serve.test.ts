import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/free-port.ts';
import { runCli } from '../run.ts';

const BIN = fileURLToPath(new URL('../../../bin/jixiao.mjs', import.meta.url));

describe('jixiao serve (usage)', () => {
  it('rejects a bad port or database URL with exit code 2 and a located message', async () => {
    const port = await runCli(['serve', '--port', 'eighty'], { capture: true });
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port');
    const url = await runCli(['serve', '--database-url', 'mysql://localhost/x'], { capture: true });
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('postgres://');
  });

  it('documents its options in --help', async () => {
    const help = await runCli(['serve', '--help'], { capture: true });
    expect(help.code).toBe(0);
    for (const opt of ['--port', '--host', '--data', '--database-url'])
      expect(help.stdout).toContain(opt);
  });
});

describe('jixiao serve checks before creating anything (issue #13)', () => {
  // The server modules load once (slow on a busy machine); the budgets below time the checks.
  beforeAll(async () => {
    await import('../../server/start.ts');
  }, 60_000);

  it('a port in use: exit 2, Chinese message, no database made, no password printed', async () => {
    const busy = createServer();
    const port = await new Promise<number>((r) =>
      busy.listen(0, '127.0.0.1', () => r((busy.address() as { port: number }).port)),
    );
    const data = mkdtempSync(join(tmpdir(), 'jixiao-serve-'));
    try {
      const t0 = performance.now();
      const r = await runCli(['serve', '--port', String(port), '--data', data], { capture: true });
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `端口 ${port} 已被占用（127.0.0.1:${port}），请先停止占用它的程序，或用 --port 指定其他端口`,
      );
      expect(r.stderr).not.toMatch(/EADDRINUSE|内部错误/);
      expect(r.stdout).not.toMatch(/密码|password/i);
      expect(readdirSync(data)).toEqual([]);
    } finally {
      busy.close();
    }
  }, 30_000);

  it('a data folder that cannot be written: exit 2 at once, naming the folder', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jixiao-serve-')), 'plain-file');
    writeFileSync(file, 'x');
    for (const [dir, why] of [
      ['/proc/jixiao-nonexistent', '无法创建'],
      ['/proc/self', '无法写入'],
      [file, '它不是文件夹'],
    ] as const) {
      const t0 = performance.now();
      const r = await runCli(['serve', '--port', '0', '--data', dir], { capture: true });
      expect(performance.now() - t0, dir).toBeLessThan(3000);
      expect(r.code, dir).toBe(2);
      expect(r.stderr, dir).toContain(`数据目录 ${dir} 不可用：${why}`);
      expect(r.stderr).toContain('请用 --data 指定一个可写的文件夹');
      expect(r.stdout).not.toMatch(/密码|password/i);
    }
    expect(existsSync('/proc/jixiao-nonexistent')).toBe(false);
  }, 30_000);
});

describe('jixiao serve stops gracefully on SIGTERM (issue #13)', () => {
  it('finishes the request in flight, closes the store and exits 0', async () => {
    const data = mkdtempSync(join(tmpdir(), 'jixiao-serve-'));
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data', data], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('jixiao 已启动')) resolve();
      });
      void exited.then((c) => reject(new Error(`serve exited ${c} before starting`)));
    });
    // A login whose body arrives in two halves, with SIGTERM in between: it must still be answered.
    const body = JSON.stringify({ username: 'nobody', password: 'not the password 1' });
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/session',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.once('error', reject);
      req.write(body.slice(0, 10));
      // Time for the request to reach the server on a busy machine, then SIGTERM mid-body.
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 1000);
      }, 2000);
    });
    expect(await answered).toBe(401);
    const code = await Promise.race([
      exited,
      new Promise<'late'>((r) => setTimeout(() => r('late'), 15_000)),
    ]);
    if (code === 'late') child.kill('SIGKILL');
    expect(code).toBe(0);
    // The SQLite file was closed cleanly: no write-ahead log left behind.
    expect(existsSync(join(data, 'jixiao.sqlite'))).toBe(true);
    expect(existsSync(join(data, 'jixiao.sqlite-wal'))).toBe(false);
  }, 60_000);
});
