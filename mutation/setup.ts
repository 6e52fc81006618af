// Mutation runs reuse loaded modules (isolate: false in mutation/vitest.config.ts), so the core's
// kept results are forgotten before each test: one computed under one mutant must not answer for
// the next, and each test's coverage must be what it alone reaches.
import { beforeEach } from 'vitest';
import { clearAuditCaches } from '../src/core/audit/support.ts';
import { clearMoneyCaches } from '../src/core/money.ts';

beforeEach(() => {
  clearMoneyCaches();
  clearAuditCaches();
});
