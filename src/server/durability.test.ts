/**
 * Durability: the real server (`node bin/jixiao.mjs serve`) on a temp data dir; saves stream in,
 * the process is SIGKILLed mid-stream, restarted, and every acknowledged save is there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';

const BIN = fileURLToPath(new URL('../../bin/jixiao.mjs', import.meta.url));
const PASSWORD = 'durability-admin-pw';

function startServer(dataDir: string, port: number): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data', dataDir], {
    env: { ...process.env, JIXIAO_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  return { child, output: () => out };
}

async function waitHealthy(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${output()}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy: ${output()}`);
}

async function login(base: string): Promise<string> {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  expect(r.status).toBe(200);
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no cookie');
  return cookie;
}

const children: ChildProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'jixiao-durable-'));
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('durability of the real server', () => {
  it('keeps every acknowledged save across a SIGKILL', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = startServer(dir, port);
    children.push(first.child);
    await waitHealthy(base, first.child, first.output);
    let cookie = await login(base);
    const json = { 'content-type': 'application/json', cookie };

    const units = (await (await fetch(`${base}/api/units`, { headers: json })).json()) as {
      id: number;
    }[];
    let unitId = units[0]?.id;
    if (unitId === undefined) {
      const regions = (await (await fetch(`${base}/api/regions`, { headers: json })).json()) as {
        id: number;
      }[];
      const u = await fetch(`${base}/api/units`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: '持久化测试局', regionId: regions[0]!.id }),
      });
      unitId = ((await u.json()) as { id: number }).id;
    }
    const created = await fetch(`${base}/api/dossiers`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ unitId, year: 2099 }),
    });
    expect(created.status).toBe(201);
    const rec = (await created.json()) as {
      id: number;
      version: number;
      dossier: Record<string, unknown>;
    };

    // Stream saves; SIGKILL the server once 25 are acknowledged, with more in flight.
    const acked: number[] = [];
    let version = rec.version;
    let killed = false;
    const stream = (async () => {
      for (let i = 0; i < 10_000; i++) {
        const body = {
          version,
          dossier: { ...rec.dossier, narrative: { other: `第 ${i} 次保存` } },
        };
        let r: Response;
        try {
          r = await fetch(`${base}/api/dossiers/${rec.id}`, {
            method: 'PUT',
            headers: json,
            body: JSON.stringify(body),
          });
        } catch {
          return; // connection died with the server
        }
        if (r.status !== 200) throw new Error(`save ${i}: ${r.status} ${await r.text()}`);
        const { version: v } = (await r.json()) as { version: number };
        acked.push(v);
        version = v;
        if (acked.length === 25 && !killed) {
          killed = true;
          // Kill without waiting: the next PUT is already on its way.
          setImmediate(() => first.child.kill('SIGKILL'));
        }
      }
    })();
    await stream;
    expect(killed).toBe(true);
    await new Promise<void>((r) =>
      first.child.exitCode !== null || first.child.signalCode !== null
        ? r()
        : first.child.once('exit', () => r()),
    );
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(25);

    const second = startServer(dir, port);
    children.push(second.child);
    await waitHealthy(base, second.child, second.output);
    // The session survives the restart too (it is in the store).
    const stillIn = await fetch(`${base}/api/session`, { headers: { cookie } });
    expect(((await stillIn.json()) as { user: { username: string } | null }).user?.username).toBe(
      'admin',
    );
    cookie = await login(base);
    const cur = (await (
      await fetch(`${base}/api/dossiers/${rec.id}`, { headers: { cookie } })
    ).json()) as { version: number };
    const last = acked[acked.length - 1]!;
    // Every acknowledged save is there; at most the one in flight when killed may also have landed.
    expect(cur.version === last || cur.version === last + 1).toBe(true);
    const revs = (await (
      await fetch(`${base}/api/dossiers/${rec.id}/revisions`, { headers: { cookie } })
    ).json()) as { version: number }[];
    const have = new Set(revs.map((r) => r.version));
    for (const v of acked) expect(have.has(v)).toBe(true);
    for (const [i, v] of acked.entries()) {
      if (i % 6 !== 0 && v !== last) continue; // spot-check contents (every 6th and the last)
      const rev = (await (
        await fetch(`${base}/api/dossiers/${rec.id}/revisions/${v}`, { headers: { cookie } })
      ).json()) as { dossier: { narrative: { other: string } } };
      expect(rev.dossier.narrative.other).toBe(`第 ${i} 次保存`);
    }
    second.child.kill('SIGTERM');
    await new Promise<void>((r) =>
      second.child.exitCode !== null ? r() : second.child.once('exit', () => r()),
    );
    expect(second.child.exitCode).toBe(0);
  }, 240_000);
});
