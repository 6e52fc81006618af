/**
 * `jixiao serve`: the HTTP API and the web app, on SQLite (./data) or PostgreSQL (--database-url).
 */
import type { Command } from 'commander';
import { InputErrors } from '../../core/errors/input-error.ts';
import type { CliContext, ExitCode } from '../context.ts';

export function register(
  program: Command,
  ctx: () => CliContext,
  _setExit: (c: ExitCode) => void,
): void {
  program
    .command('serve')
    .description('启动服务（API 与网页）/ start the HTTP server')
    .option('--port <port>', 'port (0 = any free port)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'SQLite data folder', 'data')
    .option('--database-url <url>', 'postgres://… (default: env DATABASE_URL)')
    .action(async (o: { port: string; host: string; data: string; databaseUrl?: string }) => {
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
      const url = o.databaseUrl ?? (process.env.DATABASE_URL || undefined);
      if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
        throw new InputErrors([
          {
            code: 'usage',
            where: {},
            message:
              c.lang === 'zh'
                ? `--database-url 应为 postgres://… 地址`
                : '--database-url must be a postgres:// URL',
          },
        ]);
      }
      const { startServer } = await import('../../server/start.ts');
      const server = await startServer({
        port,
        host: o.host,
        dataDir: o.data,
        ...(url ? { databaseUrl: url } : {}),
        out: c.out,
      });
      // Serve until SIGINT/SIGTERM, then close cleanly (finish requests, close the store).
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
