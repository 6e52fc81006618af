/**
 * startServer(opts): open (and migrate) the store, bootstrap an empty one, build the app and
 * listen.
 * Used by `jixiao serve`, `npm start` and end-to-end tests.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../storage/store.ts';
import { buildApp, type AppOptions } from './app.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import { compute } from './compute.ts';
import { CorruptStoredDossier, storedDossier } from './stored-dossier.ts';
import { allDossiers, upsertSummary } from '../storage/dossiers.ts';

/**
 * Recompute the stored summary of every dossier; returns how many. A corrupt stored dossier is
 * skipped and reported through `skipped` (its summary stays as it was).
 */
export async function refreshSummaries(
  store: Store,
  stopped: () => boolean = () => false,
  skipped: (err: CorruptStoredDossier) => void = () => undefined,
): Promise<number> {
  let n = 0;
  for await (const d of allDossiers(store.db)) {
    if (stopped()) break;
    let dossier;
    try {
      dossier = storedDossier(d.id, d.version, d.dossier);
    } catch (err) {
      if (!(err instanceof CorruptStoredDossier)) throw err;
      skipped(err);
      continue;
    }
    await upsertSummary(store.db, d.id, (await compute(dossier)).summary);
    n++;
  }
  return n;
}

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface StartOptions {
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Folder of the SQLite file (default ./data); ignored with databaseUrl. */
  readonly dataDir?: string;
  /** postgres://… (default: env DATABASE_URL). */
  readonly databaseUrl?: string;
  /** Built web app (default web/dist of this package); null to serve the API only. */
  readonly webDist?: string | null;
  /** Pino logging through Fastify (default true, level from LOG_LEVEL or info). */
  readonly logger?: AppOptions['logger'];
  readonly examplesDir?: string;
  /** Where startup lines go (default console.log). */
  readonly out?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly app?: Partial<Omit<AppOptions, 'store' | 'logger' | 'webDist'>>;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly url: string;
  readonly port: number;
  readonly bootstrap: BootstrapResult;
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const env = opts.env ?? process.env;
  const out = opts.out ?? ((l: string) => console.log(l));
  const databaseUrl = opts.databaseUrl ?? (env.DATABASE_URL || undefined);
  const sqliteFile = resolve(opts.dataDir ?? 'data', 'jixiao.sqlite');
  const store = await openStore(databaseUrl ? { databaseUrl } : { sqliteFile });
  let app: FastifyInstance | undefined;
  try {
    const boot = await bootstrap(store, {
      out,
      env,
      ...(opts.examplesDir ? { examplesDir: opts.examplesDir } : {}),
    });
    const webDist = opts.webDist === null ? undefined : (opts.webDist ?? DEFAULT_WEB_DIST);
    app = await buildApp({
      store,
      logger: opts.logger ?? { level: env.LOG_LEVEL ?? 'info' },
      ...(webDist ? { webDist } : {}),
      // Behind HTTPS (a reverse proxy), JIXIAO_SECURE_COOKIES=1 adds the Secure flag to the session
      // cookie.
      secureCookies: env.JIXIAO_SECURE_COOKIES === '1',
      ...opts.app,
    });
    await app.listen({ port: opts.port ?? 8080, host: opts.host ?? '127.0.0.1' });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 8080);
    const host = opts.host ?? '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    out(`jixiao 已启动：${url}（数据：${store.location}）`);
    const running = app;
    // Scoring and audit rules change between releases: recompute the stored summaries in the
    // background so listings sort on today's rules (requests are served meanwhile).
    let closing = false;
    const refreshing = refreshSummaries(
      store,
      () => closing,
      (err) => running.log.error({ err, dossierId: err.dossierId }, 'corrupt stored dossier'),
    ).then(
      (n) => running.log.info({ dossiers: n }, 'summaries refreshed'),
      (err: unknown) => running.log.warn({ err }, 'summary refresh failed'),
    );
    return {
      app: running,
      store,
      url,
      port,
      bootstrap: boot,
      close: async () => {
        closing = true;
        await running.close();
        await refreshing;
        await store.close();
      },
    };
  } catch (err) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}
