/**
 * Table shapes for Kysely (the same on SQLite and PostgreSQL). Timestamps are ISO-8601 UTC text so
 * both databases sort and compare them the same way; documents are JSON (text on SQLite, `json` on
 * PostgreSQL, which keeps the key order as written).
 */
import type { ColumnType, Generated } from 'kysely';
import type { DossierStatus } from '../core/dossier/status.ts';

export type Role = 'admin' | 'reviewer' | 'editor';
export const ROLES = ['admin', 'reviewer', 'editor'] as const;

export {
  DOSSIER_STATUSES,
  DOSSIER_STATUS_LABELS,
  type DossierStatus,
} from '../core/dossier/status.ts';

/**
 * What a comment is about: the whole dossier, an indicator row (ref: indicator id, or
 * "projectId/indicatorId" for a project's indicator), a finding (ref: rule code), a project row
 * (ref: project id) or a form row such as a money head (ref: its field path).
 */
export type CommentTargetKind = 'dossier' | 'indicator' | 'finding' | 'project' | 'row';
export const COMMENT_TARGET_KINDS = ['dossier', 'indicator', 'finding', 'project', 'row'] as const;

export interface RegionsTable {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  region_id: number;
  budget_code: string | null;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** scrypt$N$r$p$salt$hash (see password.ts). */
  password_hash: string;
  role: Role;
  unit_id: number | null;
  region_id: number | null;
  created_at: string;
  /** Set when an admin disabled the account (no login, no session); null when active. */
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a leaked table does not leak sessions. */
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface DossiersTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  version: number;
  status: DossierStatus;
  /** The current dossier (JSON). */
  data: unknown;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

export interface DossierRevisionsTable {
  id: Generated<number>;
  dossier_id: number;
  version: number;
  data: unknown;
  created_at: string;
  created_by: string;
}

export interface SubmissionsTable {
  id: Generated<number>;
  dossier_id: number;
  action: string;
  from_status: DossierStatus;
  to_status: DossierStatus;
  actor: string;
  comment: string | null;
  at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  dossier_id: number;
  target_kind: CommentTargetKind;
  target_ref: string | null;
  body: string;
  author: string;
  author_id: number | null;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  dossier_id: number | null;
  unit_id: number | null;
  /** JSON detail; for a lost PUT (409) it holds the losing body so it can be recovered. */
  detail: unknown;
}

export interface DossierSummaryTable {
  dossier_id: number;
  /**
   * The dossier's year, copied so a year's listing by score reads one index (migration 0008);
   * written when the dossier is created, never changed.
   */
  year: ColumnType<number | null, number | undefined, never>;
  /** Total score, points, two decimals ("92.50"); null when scoring is not available. */
  total: string | null;
  /** The same total as a number, only for sorting. */
  total_num: number | null;
  grade: string | null;
  /** Execution rate, percent, two decimals ("98.50"); null when not applicable. */
  execution_rate: string | null;
  execution_rate_num: number | null;
  errors: number;
  warnings: number;
  infos: number;
  ruleset: string | null;
  /** JSON array of the audit's distinct finding codes, sorted; null when not audited yet. */
  finding_codes: ColumnType<string | null, string | null | undefined, string | null>;
  computed_at: string;
}

/**
 * The dashboard's figures as additive rows (issue 14): every change to a dossier's status or
 * summary appends its old figures negated and its new ones, so concurrent writers only insert
 * (no counter row to wait for) and the sums by key are the figures; reads fold the rows together
 * now and then. Keyed by the unit's region (units do not move) so region scopes sum whole rows.
 */
export interface DossierStatsTable {
  region_id: number;
  year: number;
  status: DossierStatus;
  /** null: not scored. */
  grade: string | null;
  /** Dossiers (+1 / -1 per row written). */
  dossiers: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface DB {
  regions: RegionsTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  dossiers: DossiersTable;
  dossier_revisions: DossierRevisionsTable;
  submissions: SubmissionsTable;
  comments: CommentsTable;
  audit_log: AuditLogTable;
  dossier_summary: DossierSummaryTable;
  dossier_stats: DossierStatsTable;
}
