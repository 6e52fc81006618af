/**
 * startServer(opts): open (and migrate) the store, bootstrap an empty one, build the app and
 * listen.
 * Used by `jixiao serve`, `npm start` and end-to-end tests.
 */
import { constants as fsConstants } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { InputErrors } from '../core/errors/input-error.ts';
import { openStore, type Store } from '../storage/store.ts';
import { buildApp, type AppOptions } from './app.ts';
import { defaultSaveCheckWorkers } from './dossier-check-pool.ts';
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

const usage = (message: string): InputErrors =>
  new InputErrors([{ code: 'usage', where: {}, message }]);

/** host:port as people write it ([::1]:8080 for IPv6). */
const hostPort = (host: string, port: number) =>
  `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** A listen error as a Chinese usage message (port taken, not allowed, address not here). */
function listenRefusal(err: unknown, host: string, port: number): InputErrors | undefined {
  const code = (err as NodeJS.ErrnoException).code;
  const where = hostPort(host, port);
  if (code === 'EADDRINUSE')
    return usage(
      `端口 ${port} 已被占用（${where}），请先停止占用它的程序，或用 --port 指定其他端口`,
    );
  if (code === 'EACCES')
    return usage(
      `无权使用端口 ${port}（${where}）：1024 以下的端口需要管理员权限，请用 --port 指定其他端口`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return usage(`本机没有地址 ${host}，无法在 ${where} 上启动，请检查 --host`);
  return undefined;
}

/**
 * Before anything is created (issue #13): can we listen on host:port? A port in use is refused
 * here, before a database is made and passwords are printed. Port 0 needs no check.
 */
export async function checkPort(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', (err) => reject(listenRefusal(err, host, port) ?? err));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolvePort()));
  });
}

/**
 * Before anything is created: the SQLite folder exists or can be made, is a folder, and a file can
 * be written in it (a probe file, removed again). Never waits: /proc or a read-only mount fails
 * at once with a Chinese message naming the folder.
 */
export async function checkDataDir(dir: string): Promise<void> {
  const abs = resolve(dir);
  const refuse = (why: string) =>
    usage(`数据目录 ${abs} 不可用：${why}；请用 --data 指定一个可写的文件夹`);
  const st = await stat(abs).catch(() => undefined);
  if (st && !st.isDirectory()) throw refuse('它不是文件夹');
  if (!st)
    await makeFolders(abs).catch((err: NodeJS.ErrnoException) => {
      throw refuse(`无法创建（${err.code ?? 'error'}）`);
    });
  const probe = join(abs, `.jixiao-write-check-${process.pid}`);
  const flags = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL;
  const handle = await open(probe, flags).catch((err: NodeJS.ErrnoException) => {
    throw refuse(`无法写入（${err.code ?? 'error'}）`);
  });
  await handle.close();
  await rm(probe, { force: true });
}

/**
 * mkdir -p one level at a time: Node's recursive mkdir never returns for a missing folder under
 * /proc (it retries the ENOENT forever), which made `serve --data /proc/xx` hang silently.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let d = dir;
  while (!(await stat(d).catch(() => undefined))) {
    missing.unshift(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing) await mkdir(m);
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly url: string;
  readonly port: number;
  readonly bootstrap: BootstrapResult;
  /**
   * Graceful stop: no new connections, requests in flight finish, then the store closes. Past
   * `graceMs` (default 10 s) connections still open are cut so the stop always ends.
   */
  close(graceMs?: number): Promise<void>;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const env = opts.env ?? process.env;
  const out = opts.out ?? ((l: string) => console.log(l));
  const databaseUrl = opts.databaseUrl ?? (env.DATABASE_URL || undefined);
  const sqliteFile = resolve(opts.dataDir ?? 'data', 'jixiao.sqlite');
  const host = opts.host ?? '127.0.0.1';
  const wanted = opts.port ?? 8080;
  // Nothing is created (no database, no passwords printed) when the server could not start.
  await checkPort(host, wanted);
  if (!databaseUrl) await checkDataDir(opts.dataDir ?? 'data');
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
      saveCheckWorkers: defaultSaveCheckWorkers(),
      ...opts.app,
    });
    await app.listen({ port: wanted, host }).catch((err: unknown) => {
      // Taken between the check and now.
      throw listenRefusal(err, host, wanted) ?? err;
    });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : wanted;
    const url = `http://${hostPort(host, port)}`;
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
      close: async (graceMs = 10_000) => {
        closing = true;
        const cut = setTimeout(() => running.server.closeAllConnections(), graceMs);
        try {
          await running.close();
        } finally {
          clearTimeout(cut);
        }
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
