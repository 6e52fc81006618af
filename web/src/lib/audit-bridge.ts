/**
 * The auditor entry point used by the live panel. Kept in one place so the web app follows the
 * core's audit API in one line.
 */
import type { AuditContext, Finding } from '../../../src/core/audit/types.ts';

export function runAudit(_ctx: AuditContext): Finding[] {
  return [];
}
