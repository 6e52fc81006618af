/**
 * Vite build of the web app: root web/, output web/dist (served by the server's @fastify/static).
 * The app imports the pure core (src/core) by relative path, so the browser scores and audits with
 * the same code as the CLI and the server. ECharts is loaded lazily (its own chunk).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command }) => {
  // A build is always a production build, even when started from a test runner (NODE_ENV=test):
  // otherwise the JSX transform emits development calls that production React does not have.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root,
    base: '/',
    plugins: [react()],
    build: {
      outDir: fileURLToPath(new URL('./dist', import.meta.url)),
      emptyOutDir: true,
      chunkSizeWarningLimit: 1500,
    },
    server: {
      proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
    },
  };
});
