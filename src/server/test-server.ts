/**
 * A server in its own process for tests that measure it from outside (issue #13: /healthz latency
 * and peak RSS while bombs are uploaded): `node --import tsx src/server/test-server.ts`, with
 * JIXIAO_TEST_STORE=sqlite|postgres, JIXIAO_TEST_USER, JIXIAO_TEST_IMPORTS (JSON SandboxOptions),
 * JIXIAO_TEST_REPORTS (JSON ReportServiceOptions) and JIXIAO_TEST_PUBLISHED (that many published
 * dossiers of the corrected example, one unit each). Prints one JSON line {port, published: ids}
 * when listening; SIGTERM closes it and drops its store.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDossierText } from '../io/load-dossier.ts';
import { createRegion, createUnit, createUser } from '../storage/accounts.ts';
import { createDossier } from '../storage/dossiers.ts';
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
const published: number[] = [];
const nPublished = Number(process.env.JIXIAO_TEST_PUBLISHED ?? 0);
if (nPublished > 0) {
  const file = fileURLToPath(
    new URL('../../examples/hengyang-finance-office-2023-corrected.yaml', import.meta.url),
  );
  const loaded = parseDossierText(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error('example dossier does not load');
  const region = await createRegion(t.store.db, { name: '测试市' });
  for (let i = 1; i <= nPublished; i++) {
    const unit = await createUnit(t.store.db, { name: `测试第${i}局`, regionId: region.id });
    const d = await createDossier(t.store.db, {
      unitId: unit.id,
      year: loaded.dossier.year,
      dossier: { ...loaded.dossier, unit: { ...loaded.dossier.unit, name: unit.name } },
      actor: 'test-server',
    });
    await t.store.db
      .updateTable('dossiers')
      .set({ status: 'published' })
      .where('id', '=', d.id)
      .execute();
    published.push(d.id);
  }
}
const app = await buildApp({
  store: t.store,
  ...(process.env.JIXIAO_TEST_IMPORTS
    ? { imports: JSON.parse(process.env.JIXIAO_TEST_IMPORTS) }
    : {}),
  ...(process.env.JIXIAO_TEST_REPORTS
    ? { reports: JSON.parse(process.env.JIXIAO_TEST_REPORTS) }
    : {}),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, published })}\n`,
);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.once('SIGTERM', () => {
  process.stderr.write(`event loop delay max ${(delay.max / 1e6).toFixed(0)} ms\n`);
  // As startServer's close: requests in flight finish; past 5 s open connections are cut.
  const cut = setTimeout(() => app.server.closeAllConnections(), 5000);
  void app
    .close()
    .then(() => t.cleanup())
    .then(
      () => {
        clearTimeout(cut);
        process.exit(0);
      },
      (err: unknown) => {
        process.stderr.write(`close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
});
