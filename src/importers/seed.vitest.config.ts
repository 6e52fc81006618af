// The seed check: needs ../shared (the published seed report), so it is not part of `npm test`.
// Run: npx vitest run --config src/importers/seed.vitest.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['src/importers/seed.check.ts'],
    testTimeout: 60_000,
  },
});
