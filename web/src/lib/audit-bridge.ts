/**
 * The auditor entry point used by the live panel: the core's audit() over the rule catalogue, the
 * same function the server and the CLI run. Kept in one place so the web app follows the core's
 * audit API in one line.
 */
import { audit } from '../../../src/core/audit/index.ts';
import type { AuditContext, Finding } from '../../../src/core/audit/types.ts';

export function runAudit(ctx: AuditContext): Finding[] {
  return audit(ctx);
}
