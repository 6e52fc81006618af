// Vitest config for mutation testing: each scope runs the tests that sit beside its code (the
// pure core's own tests, no I/O), so each mutant runs in well under a second. isolate: false
// keeps loaded modules between runs (re-importing the test files was most of each mutant's
// time); mutation/setup.ts forgets the core's kept results before each test so that stays safe.
import { defineConfig } from 'vitest/config';

const testsOf: Record<string, string[]> = {
  money: ['src/core/money*.test.ts', 'src/core/derive.test.ts'],
  scoring: ['src/core/scoring/**/*.test.ts'],
  audit: ['src/core/audit/**/*.test.ts'],
};
const scope = process.env.MUTATE_SCOPE;

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: scope && testsOf[scope] ? testsOf[scope] : Object.values(testsOf).flat(),
    exclude: ['node_modules/**', '**/*.property.test.ts'],
    testTimeout: 30_000,
    isolate: false,
    setupFiles: ['mutation/setup.ts'],
  },
});
