/**
 * The server as `jixiao serve` starts it, for the load bench: argv port, data dir. The per-user
 * write limit and the login limit are lifted (they bound one person's requests, and the bench is
 * one admin at 50 connections); everything else is the production path.
 */
import { startServer } from '../src/server/start.ts';

const [port, dataDir] = process.argv.slice(2);
// A variable, not a literal: the write limit option is typed only where the limit exists.
const unlimited = {
  writeRateLimit: { capacity: 1e9, perSecond: 1e9 },
  loginRateLimit: { max: 1e6, timeWindow: 60_000 },
};
await startServer({
  port: Number(port),
  ...(dataDir ? { dataDir } : {}),
  logger: { level: 'warn' },
  app: unlimited,
});
