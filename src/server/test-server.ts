/**
 * A server in its own process for tests that measure it from outside (issue #13: /healthz latency
 * and peak RSS while bombs are uploaded): `node --import tsx src/server/test-server.ts`, with
 * JIXIAO_TEST_STORE=sqlite|postgres, JIXIAO_TEST_USER and JIXIAO_TEST_IMPORTS (JSON SandboxOptions). Prints one JSON
 * line {port} when listening; SIGTERM closes it and drops its store.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createUser } from '../storage/accounts.ts';
import { openTestStore } from '../storage/test-db.ts';
import { buildApp } from './app.ts';

/** The admin account the tests sign in with (JIXIAO_TEST_USER: JSON {username, password}). */
const user = JSON.parse(process.env.JIXIAO_TEST_USER ?? '{}') as {
  username: string;
  password: string;
};

const kind = process.env.JIXIAO_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
const t = await openTestStore(kind);
await createUser(t.store.db, { ...user, role: 'admin' });
const app = await buildApp({
  store: t.store,
  ...(process.env.JIXIAO_TEST_IMPORTS
    ? { imports: JSON.parse(process.env.JIXIAO_TEST_IMPORTS) }
    : {}),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 })}\n`,
);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.once('SIGTERM', () => {
  process.stderr.write(`event loop delay max ${(delay.max / 1e6).toFixed(0)} ms\n`);
  void app
    .close()
    .then(() => t.cleanup())
    .finally(() => process.exit(0));
});
