/**
 * `jixiao start` (= `npm start`): the demo in one command. Builds the web app when web/dist is
 * missing or older than its sources (web/ and the core it bundles), then runs the server on the
 * embedded SQLite in ./data with the demo data, printing the URL and the demo logins.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { InputErrors } from '../../core/errors/input-error.ts';
import type { CliContext, ExitCode } from '../context.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');

/** Newest modification time (ms) of the files under `paths` (recursive); 0 when none exist. */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist') walk(join(p, e));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const p of paths) walk(p);
  return newest;
}

/** Whether web/dist must be (re)built: no index.html, or a source newer than it. */
export function webBuildNeeded(webDir = WEB_DIR, coreDir = join(ROOT, 'src', 'core')): boolean {
  const index = join(webDir, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = newestMtime([
    join(webDir, 'src'),
    join(webDir, 'index.html'),
    join(webDir, 'vite.config.ts'),
    coreDir,
  ]);
  return sources > built;
}

/** Build the web app with Vite (a dev dependency: imported only when a build is needed). */
export async function buildWeb(out: (l: string) => void): Promise<void> {
  const { build } = await import('vite');
  const t0 = performance.now();
  await build({
    configFile: join(WEB_DIR, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
  });
  out(`网页已构建（${((performance.now() - t0) / 1000).toFixed(1)} 秒）：${WEB_DIST}`);
}

export function register(
  program: Command,
  ctx: () => CliContext,
  _setExit: (c: ExitCode) => void,
): void {
  program
    .command('start')
    .description(
      '演示：构建网页（如需要）并启动服务，使用 ./data 中的内置 SQLite 与示例数据' +
        ' / build the web app if needed and run the demo server',
    )
    .option('--port <port>', 'port (0 = any free port)', process.env.PORT ?? '8080')
    .option('--data <dir>', 'SQLite data folder', 'data')
    .option('--no-build', 'never build the web app')
    .action(async (o: { port: string; data: string; build: boolean }) => {
      const c = ctx();
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new InputErrors([
          {
            code: 'usage',
            where: {},
            message:
              c.lang === 'zh'
                ? `--port 应为 0–65535 的整数，实际为 ${o.port}`
                : `--port must be an integer 0–65535, got ${o.port}`,
          },
        ]);
      }
      if (o.build && webBuildNeeded()) {
        c.out('正在构建网页（web/dist 缺失或早于源码）…');
        await buildWeb(c.out);
      }
      const { startServer } = await import('../../server/start.ts');
      const server = await startServer({
        port,
        dataDir: o.data,
        webDist: WEB_DIST,
        out: c.out,
        logger: { level: process.env.LOG_LEVEL ?? 'warn' },
      });
      if (!server.bootstrap.created) {
        c.out(
          '演示账号：admin（管理员）、editor（填报人员）、reviewer（复核人员）；密码在首次启动时已打印，',
        );
        c.out(`  或删除 ${o.data}/ 后设置 JIXIAO_DEMO_PASSWORD、JIXIAO_ADMIN_PASSWORD 重新启动。`);
      }
      c.out(`在浏览器中打开：${server.url}/`);
      c.out(`公开报告：${server.url}/#/public`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().finally(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
