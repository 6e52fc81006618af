/**
 * Compression and caching of what the server sends: brotli or gzip by Accept-Encoding (decoded
 * back to the same bytes), hashed assets cached for a year, index.html revalidated.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTestStore, type TestStore } from '../storage/test-db.ts';
import { buildApp } from './app.ts';

describe('compression and cache headers', () => {
  let t: TestStore;
  let app: FastifyInstance;
  // 40 KB of script-like text: compressible, as real bundles are.
  const script = Array.from({ length: 800 }, (_, i) => `export const v${i} = ${i} * 2;\n`).join('');
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    const web = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(
      join(web, 'index.html'),
      '<!doctype html><script src="/assets/index-Ab3_x-9Z.js">',
    );
    writeFileSync(join(web, 'assets', 'index-Ab3_x-9Z.js'), script);
    app = await buildApp({ store: t.store, webDist: web });
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('sends a hashed asset in brotli when asked, cached for a year', async () => {
    const res = await app.inject({
      url: '/assets/index-Ab3_x-9Z.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(script);
    // At least 4× smaller: the text repeats a short pattern.
    expect(res.rawPayload.length).toBeLessThan(script.length / 4);
  });

  it('falls back to gzip, and to plain bytes without Accept-Encoding', async () => {
    const gz = await app.inject({
      url: '/assets/index-Ab3_x-9Z.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(script);
    const plain = await app.inject({ url: '/assets/index-Ab3_x-9Z.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('revalidates index.html, for its own path and for app routes', async () => {
    for (const url of ['/index.html', '/dossiers/12']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });
});
