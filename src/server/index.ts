/** The HTTP server: buildApp for in-process use (tests), startServer to listen. */
export { buildApp, type AppOptions } from './app.ts';
export { startServer, DEFAULT_WEB_DIST, type StartOptions, type RunningServer } from './start.ts';
export { bootstrap, type BootstrapResult } from './bootstrap.ts';
