/**
 * Typed client for the HTTP API (docs/api.md). Every call goes through `request`, which turns an
 * error response `{ error: { code, message } }` into an ApiError carrying the status, the code,
 * the Chinese message and the rest of the body (e.g. `current` on a 409 conflict).
 */
import type { DossierInput } from '../../src/core/dossier/schema.ts';
import type { ScoreResult } from '../../src/core/scoring/types.ts';
import type { DossierStatus } from '../../src/core/dossier/status.ts';

export type { DossierStatus };

export type Role = 'admin' | 'reviewer' | 'editor';
export interface User {
  id: string | number;
  username: string;
  role: Role;
  unitId?: string | number | null;
  regionId?: string | number | null;
  disabled?: boolean;
}
export interface LogEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  dossierId?: number | null;
  unitId?: number | null;
  detail?: unknown;
}
export interface DashboardStats {
  count: number;
  byStatus: Record<DossierStatus, number>;
  byGrade: Record<string, number>;
  findings: { error: number; warning: number; info: number };
  topFindings: { code: string; title: string; count: number }[];
  audited: number;
}
export interface UnreportedUnit {
  id: number;
  name: string;
  regionId: number;
  regionName: string | null;
  dossierId: number | null;
  status: DossierStatus | null;
}
export interface Region {
  id: string | number;
  name: string;
  parentId?: string | number | null;
  children?: Region[];
}
export interface Unit {
  id: string | number;
  name: string;
  regionId?: string | number | null;
  budgetCode?: string | null;
}
export interface DossierSummary {
  total: string | null;
  grade: string | null;
  executionRate: string | null;
  findings: { error: number; warning: number; info: number };
}
export interface DossierListItem {
  id: string | number;
  unitId: string | number;
  unitName: string;
  year: number;
  version: number;
  status: DossierStatus;
  updatedAt: string;
  summary: DossierSummary | null;
}
export interface DossierRecord {
  id: string | number;
  unitId: string | number;
  year: number;
  version: number;
  status: DossierStatus;
  dossier: DossierInput;
  updatedAt: string;
  updatedBy?: string | null;
}
export interface Revision {
  version: number;
  createdAt: string;
  createdBy?: string | null;
}
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}
export interface CommentTarget {
  /** indicator ref: its id, or "projectId/indicatorId"; project: its id; row: the field path. */
  kind: 'dossier' | 'indicator' | 'finding' | 'project' | 'row';
  ref?: string;
}
export type WorkflowAction = 'submit' | 'return' | 'approve' | 'publish' | 'unpublish';
/** One workflow step, with the version it acted on. */
export interface WorkflowStep {
  action: string;
  from: DossierStatus;
  to: DossierStatus;
  actor: string;
  comment: string | null;
  at: string;
  version: number | null;
}
export interface Comment {
  id: string | number;
  target: CommentTarget;
  body: string;
  author: string;
  createdAt: string;
}
export interface ImportResult {
  dossier: DossierInput;
  found: unknown;
  missing: unknown;
  uncertain: unknown;
}
export interface PublicReport {
  id: string | number;
  unitName: string;
  year: number;
  total: string | null;
  grade: string | null;
}
export interface PublicReportDetail {
  id: string | number;
  unitName: string;
  year: number;
  dossier: DossierInput;
  score: ScoreResult | null;
}
export interface ListQuery {
  year?: number;
  regionId?: string | number;
  unitId?: string | number;
  status?: string;
  grade?: string;
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  401: '请先登录',
  403: '没有权限',
  404: '未找到',
  409: '内容已被他人修改',
  413: '文件过大（上限 20 MB）',
  422: '内容有误',
  429: '请求过于频繁，请稍后再试',
};

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { raw: text };
    }
  }
  if (!res.ok) {
    const obj = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    const err = (obj.error && typeof obj.error === 'object' ? obj.error : {}) as {
      code?: string;
      message?: string;
    };
    throw new ApiError(
      res.status,
      err.code ?? `http.${res.status}`,
      err.message ?? STATUS_MESSAGES[res.status] ?? `请求失败（${res.status}）`,
      obj,
    );
  }
  return data as T;
}

/** Query string from defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const api = {
  session: () => request<{ user: User | null }>('GET', '/api/session'),
  login: (username: string, password: string) =>
    request<{ user: User }>('POST', '/api/session', { username, password }),
  logout: () => request<unknown>('DELETE', '/api/session'),
  regions: () => request<Region[] | { items: Region[] }>('GET', '/api/regions'),
  units: () => request<Unit[] | { items: Unit[] }>('GET', '/api/units').then(listOf),
  unit: (id: string | number) => request<Unit>('GET', `/api/units/${id}`),
  createUnit: (body: { name: string; regionId: string | number; budgetCode?: string }) =>
    request<Unit>('POST', '/api/units', body),
  dossiers: (q: ListQuery = {}) =>
    request<{ items: DossierListItem[]; total: number }>(
      'GET',
      `/api/dossiers${qs(q as Record<string, string | number | undefined>)}`,
    ),
  createDossier: (body: {
    unitId: string | number;
    year: number;
    dossier?: DossierInput;
    from?: 'blank' | 'previous';
  }) => request<DossierRecord>('POST', '/api/dossiers', body),
  dossier: (id: string | number) => request<DossierRecord>('GET', `/api/dossiers/${id}`),
  save: (id: string | number, version: number, dossier: DossierInput) =>
    request<{ version: number }>('PUT', `/api/dossiers/${id}`, { version, dossier }),
  revisions: (id: string | number) =>
    request<Revision[] | { items: Revision[] }>('GET', `/api/dossiers/${id}/revisions`).then(
      listOf,
    ),
  revision: (id: string | number, version: number) =>
    request<{ version: number; dossier: DossierInput }>(
      'GET',
      `/api/dossiers/${id}/revisions/${version}`,
    ),
  diff: (id: string | number, from: number, to: number) =>
    request<{ changes: Change[] }>('GET', `/api/dossiers/${id}/diff${qs({ from, to })}`),
  score: (id: string | number) => request<ScoreResult>('GET', `/api/dossiers/${id}/score`),
  transition: (
    id: string | number,
    action: WorkflowAction,
    comment?: string,
    overrideReason?: string,
  ) =>
    request<DossierRecord>('POST', `/api/dossiers/${id}/transitions`, {
      action,
      ...(comment ? { comment } : {}),
      ...(overrideReason ? { overrideReason } : {}),
    }),
  steps: (id: string | number) => request<WorkflowStep[]>('GET', `/api/dossiers/${id}/steps`),
  restore: (id: string | number, version: number, baseVersion: number) =>
    request<{ version: number; dossier: DossierInput }>('POST', `/api/dossiers/${id}/restore`, {
      version,
      baseVersion,
    }),
  comments: (id: string | number) =>
    request<Comment[] | { items: Comment[] }>('GET', `/api/dossiers/${id}/comments`).then(listOf),
  addComment: (id: string | number, target: CommentTarget, body: string) =>
    request<Comment>('POST', `/api/dossiers/${id}/comments`, { target, body }),
  users: () => request<User[]>('GET', '/api/users'),
  createUser: (body: {
    username: string;
    password: string;
    role: Role;
    unitId?: string | number;
    regionId?: string | number;
  }) => request<User>('POST', '/api/users', body),
  resetPassword: (id: string | number, password: string) =>
    request<{ ok: true }>('PUT', `/api/users/${id}/password`, { password }),
  setDisabled: (id: string | number, disabled: boolean) =>
    request<User>('PUT', `/api/users/${id}/disabled`, { disabled }),
  createRegion: (body: { name: string; parentId?: string | number }) =>
    request<Region>('POST', '/api/regions', body),
  log: (limit = 100) => request<LogEntry[]>('GET', `/api/log${qs({ limit })}`),
  changePassword: (current: string, next: string) =>
    request<{ ok: true }>('PUT', '/api/session/password', { current, next }),
  stats: (q: ListQuery) =>
    request<DashboardStats>(
      'GET',
      `/api/dossiers/stats${qs(q as Record<string, string | number | undefined>)}`,
    ),
  unreported: (year: number, regionId?: string | number) =>
    request<UnreportedUnit[]>('GET', `/api/units/unreported${qs({ year, regionId })}`),
  importFile: (file: File) => {
    const fd = new FormData();
    fd.append('file', file);
    return request<ImportResult>('POST', '/api/imports', fd);
  },
  /**
   * A rule set as data (parsed on the server; the browser re-validates it with the same schema).
   */
  ruleset: (name: string) => request<unknown>('GET', `/api/rulesets/${encodeURIComponent(name)}`),
  publicReports: () =>
    request<PublicReport[] | { items: PublicReport[] }>('GET', '/api/public/reports').then(listOf),
  publicReport: (id: string | number) =>
    request<PublicReportDetail>('GET', `/api/public/reports/${id}`),
};

/** Accept both a bare array and `{ items }` (the contract shows arrays; be lenient). */
export function listOf<T>(data: T[] | { items: T[] }): T[] {
  return Array.isArray(data) ? data : data.items;
}

export const reportUrl = (id: string | number, ext: 'docx' | 'xlsx' | 'html' | 'pdf') =>
  `/api/dossiers/${id}/report.${ext}`;
export const publicReportUrl = (id: string | number, ext: 'docx' | 'xlsx' | 'html' | 'pdf') =>
  `/api/public/reports/${id}/report.${ext}`;
