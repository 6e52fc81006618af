// Mutation testing of the pure core (`npm run mutate`): scoring, money and the audit rules.
// MUTATE_SCOPE=money|scoring|audit narrows the run; the report prints the score per file.
const scopes = {
  money: ['src/core/money.ts'],
  scoring: ['src/core/scoring/**/*.ts'],
  audit: ['src/core/audit/**/*.ts'],
};
const selected = process.env.MUTATE_SCOPE ? [process.env.MUTATE_SCOPE] : Object.keys(scopes);

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    ...selected.flatMap((scope) => scopes[scope] ?? []),
    '!src/**/*.test.ts',
    '!src/core/audit/rules-doc.ts',
  ],
  ignoreStatic: true,
  // Two cores shared with other work: one test runner (pass --concurrency to change it).
  concurrency: 1,
  // Added to a mutant's own expected time (ms); a mutant that loops ends as a timeout.
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `reports/mutation/${process.env.MUTATE_SCOPE ?? 'all'}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Re-runs test only the mutants whose code or covering tests changed (one file per scope).
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${process.env.MUTATE_SCOPE ?? 'all'}.json`,
  tempDirName: `.stryker-tmp/${process.env.MUTATE_SCOPE ?? 'all'}`,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
};
