// Vitest config for mutation testing: only the pure core's tests (fast, no I/O), so each mutant
// runs in well under a second.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['src/core/**/*.test.ts'],
    exclude: ['node_modules/**', '**/*.property.test.ts'],
    testTimeout: 30_000,
  },
});
