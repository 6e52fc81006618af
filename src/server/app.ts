/**
 * buildApp(options): the Fastify instance with every route of docs/api.md, ready for `app.inject`
 * in tests or `listen` in startServer. Sessions are cookies (HttpOnly, SameSite=Lax) whose token's
 * hash is in the sessions table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { sessionUser } from '../storage/accounts.ts';
import { ping, type Store } from '../storage/store.ts';
import { createDossierCache } from './compute.ts';
import { SaveCheckPool } from './dossier-check-pool.ts';
import { SESSION_COOKIE, type AppDeps } from './context.ts';
import { HttpError, registerErrorHandler, sendNotFound } from './errors.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { dossierRoutes } from './routes/dossiers.ts';
import { importRoutes } from './routes/imports.ts';
import { publicRoutes } from './routes/public.ts';
import { rulesetRoutes } from './routes/rulesets.ts';
import { sessionRoutes, type LoginRateLimit } from './routes/session.ts';
import { unitRoutes } from './routes/units.ts';
import { userRoutes } from './routes/users.ts';
import { registerReportCleanup, ReportService, type ReportServiceOptions } from './reports.ts';
import { TokenBuckets, type BucketOptions } from './rate-limits.ts';
import type { SandboxOptions } from '../importers/sandbox.ts';

export interface AppOptions {
  readonly store: Store;
  /** Fastify logger option (pino); false in tests. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Built web app to serve (index.html + assets), with SPA fallback; skipped when missing. */
  readonly webDist?: string;
  /** JSON body limit, bytes (default 5 MiB; larger → 413). */
  readonly bodyLimit?: number;
  /** Upload limit of POST /api/imports, bytes (default 20 MiB; larger → 413). */
  readonly uploadLimit?: number;
  /** Login attempts per IP (default 10 per minute). */
  readonly loginRateLimit?: LoginRateLimit;
  readonly sessionTtlMs?: number;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  readonly secureCookies?: boolean;
  /** Import sandbox: limits and imports at once (src/importers/sandbox.ts). */
  readonly imports?: SandboxOptions;
  /** Writes (POST/PUT/PATCH/DELETE under /api) per signed-in user (default 120 burst, 2/s). */
  readonly writeRateLimit?: BucketOptions;
  /** Report downloads: worker pool, cache size, anonymous renders per address (reports.ts). */
  readonly reports?: ReportServiceOptions;
  /**
   * Worker threads checking PUT bodies (default 0: inline; startServer gives one per core beyond
   * the event loop's, dossier-check-pool.ts).
   */
  readonly saveCheckWorkers?: number;
}

/**
 * Content Security Policy of every response: scripts only from this origin (the built app has no
 * inline script), no framing, no plugins. Styles allow inline because antd writes its CSS-in-JS
 * into <style> elements and the report preview (a sandboxed srcdoc iframe) carries its print CSS.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A file vite wrote under assets/ with a content hash in its name. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
  });
  const deps: AppDeps = {
    store: options.store,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3600 * 1000,
    secureCookies: options.secureCookies ?? false,
    uploadLimit: options.uploadLimit ?? 20 * 1024 * 1024,
    dossierCache: createDossierCache(),
    reports: new ReportService(options.reports),
    saveChecks: new SaveCheckPool(options.saveCheckWorkers ?? 0),
  };

  registerErrorHandler(app);
  // brotli or gzip by Accept-Encoding, above 1 KiB. Brotli at quality 4 (not the default 11): about
  // gzip's size for a fraction of the CPU, since responses are compressed as they are sent.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  // Scheduled summaries are written before the store closes.
  app.addHook('onClose', async () => deps.dossierCache.idle());
  await app.register(multipart, {
    limits: { fileSize: deps.uploadLimit, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  });
  await app.register(rateLimit, { global: false });

  app.decorateRequest('user', null);
  app.decorateRequest('callerPromise', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.user = token ? ((await sessionUser(deps.store.db, token)) ?? null) : null;
  });

  // Writes per user (issue #13: stale PUTs filled the log); logging in has its own limit.
  const writes = new TokenBuckets(options.writeRateLimit ?? { capacity: 120, perSecond: 2 });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.user || !WRITE_METHODS.has(request.method)) return;
    if (!request.url.startsWith('/api/')) return;
    const t = writes.take(`user:${request.user.id}`);
    if (!t.ok) {
      reply.header('retry-after', String(t.retryAfterSeconds));
      throw new HttpError(
        429,
        'rate-limited',
        `保存过于频繁（每位用户每分钟最多约 ${Math.round(writes.options.perSecond * 60)} 次），` +
          `请 ${t.retryAfterSeconds} 秒后再试`,
      );
    }
  });

  // Security headers on every response; API answers are never cached (they carry session data).
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });

  app.get('/healthz', async (_request, reply) => {
    const ok = await ping(deps.store);
    return reply
      .code(ok ? 200 : 503)
      .send(
        ok
          ? { ok: true }
          : { ok: false, error: { code: 'store-unavailable', message: '数据库不可用' } },
      );
  });

  sessionRoutes(app, deps, options.loginRateLimit ?? { max: 10, timeWindow: 60_000 });
  unitRoutes(app, deps);
  userRoutes(app, deps);
  dashboardRoutes(app, deps);
  dossierRoutes(app, deps);
  importRoutes(app, deps, options.imports);
  publicRoutes(app, deps);
  rulesetRoutes(app, deps);
  registerReportCleanup(app);
  app.addHook('onClose', async () => deps.reports.close());
  app.addHook('onClose', async () => deps.saveChecks.close());

  const spa = options.webDist !== undefined && existsSync(join(options.webDist, 'index.html'));
  if (spa && options.webDist)
    await app.register(fastifyStatic, {
      root: options.webDist,
      // Built assets carry a content hash in their name (assets/index-1a2b3c4d.js): they never
      // change, so browsers keep them a year; index.html, which names them, is revalidated.
      cacheControl: false,
      setHeaders(res, path) {
        res.header(
          'cache-control',
          HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  // SPA fallback: any GET outside /api is the web app; /api stays a JSON 404.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (
      spa &&
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      path !== '/api' &&
      path !== '/healthz'
    )
      return reply.sendFile('index.html');
    return sendNotFound(request, reply);
  });
  return app;
}
