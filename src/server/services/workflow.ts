/**
 * The workflow of a dossier (docs/api.md): submit → approve → publish, return from submitted or
 * approved, and unpublish (published → approved, with a reason). Routes decide who may act
 * (access.ts `may`) and call the one function of the transition; each transition is a row of
 * WORKFLOW (from, to, guards), so a new one is one row plus its `may` case.
 */
import type { Kysely } from 'kysely';
import type { Finding } from '../../core/audit/types.ts';
import { DOSSIER_STATUS_LABELS, type DB, type DossierStatus } from '../../storage/types.ts';
import { addComment, appendLog } from '../../storage/activity.ts';
import type { User } from '../../storage/accounts.ts';
import {
  getDossier,
  transitionDossier,
  type DossierHead,
  type DossierRecord,
} from '../../storage/dossiers.ts';

import { HttpError, notFound } from '../errors.ts';

export interface TransitionInput {
  readonly db: Kysely<DB>;
  /** The dossier as loaded by the route (its status is the one the transition starts from). */
  readonly record: DossierHead;
  readonly actor: User;
  /** The reviewer's or editor's note; stored with the submission and as a dossier comment. */
  readonly comment?: string | undefined;
  /** The audit findings of the dossier's current version (null: no rule set to audit with). */
  readonly findings?: (() => Promise<readonly Finding[] | null>) | undefined;
  /** An admin's reason for submitting despite error-level findings (logged). */
  readonly overrideReason?: string | undefined;
}

/** What a guard let pass by exception: written to the audit log once the move is made. */
export interface GuardNote {
  readonly action: string;
  readonly detail: Record<string, unknown>;
}

/** Throws an HttpError when the transition may not happen for this input. */
export type TransitionGuard = (
  input: TransitionInput,
  action: string,
) => void | GuardNote | Promise<void | GuardNote>;

export interface Transition {
  readonly from: readonly DossierStatus[];
  readonly to: DossierStatus;
  /** Checked in order after the status check. */
  readonly guards: readonly TransitionGuard[];
}

/** A return tells the editor what to fix, so it needs a comment (422 comment-required). */
export const requireComment: TransitionGuard = (input) => {
  if (!input.comment)
    throw new HttpError(422, 'comment-required', '退回时必须填写意见', [
      { path: 'body.comment', message: 'required' },
    ]);
};

/** Return and unpublish tell why, so they need a comment (422 comment-required). */
export const requireReason: TransitionGuard = (input) => {
  if (!input.comment)
    throw new HttpError(422, 'comment-required', '撤回发布时必须填写理由', [
      { path: 'body.comment', message: 'required' },
    ]);
};

/**
 * Submit is refused while the audit has error-level findings (422 has-errors, with the count);
 * an admin may submit anyway by giving a reason, which is logged with the count.
 */
export const noErrorFindings: TransitionGuard = async (input) => {
  const findings = input.findings ? await input.findings() : [];
  if (findings === null)
    throw new HttpError(422, 'has-errors', '档案指定的评分规则集不可用，无法审核，不能提交');
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return;
  const reason = input.overrideReason?.trim();
  if (input.actor.role === 'admin' && reason)
    return { action: 'dossier.submit.override', detail: { reason, errors: errors.length } };
  throw new HttpError(
    422,
    'has-errors',
    `审核发现 ${errors.length} 个错误级问题，修正后才能提交审核` +
      (input.actor.role === 'admin' ? '（管理员可填写理由后强制提交）' : ''),
  );
};

/** Workflow (docs/api.md): the statuses an action moves from, the status it moves to. */
export const WORKFLOW = {
  submit: { from: ['draft', 'returned'], to: 'submitted', guards: [noErrorFindings] },
  return: { from: ['submitted', 'approved'], to: 'returned', guards: [requireComment] },
  approve: { from: ['submitted'], to: 'approved', guards: [] },
  publish: { from: ['approved'], to: 'published', guards: [] },
  unpublish: { from: ['published'], to: 'approved', guards: [requireReason] },
} as const satisfies Record<string, Transition>;

export type WorkflowAction = keyof typeof WORKFLOW;
export const WORKFLOW_ACTIONS = Object.keys(WORKFLOW) as [WorkflowAction, ...WorkflowAction[]];

/** What a person reads for each action. */
export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: '提交审核',
  return: '退回修改',
  approve: '审核通过',
  publish: '公开发布',
  unpublish: '撤回发布',
};

const wrongStatus = (status: DossierStatus, action: WorkflowAction) =>
  new HttpError(
    409,
    'invalid-transition',
    `档案状态为「${DOSSIER_STATUS_LABELS[status]}」，不能${WORKFLOW_ACTION_LABELS[action]}`,
  );

/**
 * Moves the dossier along `action` when its status allows and every guard passes; the status
 * change is conditional on the status read, so a concurrent change is a 409, never a lost update.
 * Returns the dossier after the move.
 */
async function applyTransition(
  action: WorkflowAction,
  input: TransitionInput,
): Promise<DossierRecord> {
  const t: Transition = WORKFLOW[action];
  const { db, record, actor, comment } = input;
  if (!t.from.includes(record.status)) throw wrongStatus(record.status, action);
  const notes: GuardNote[] = [];
  for (const guard of t.guards) {
    const note = await guard(input, action);
    if (note) notes.push(note);
  }
  const moved = await transitionDossier(db, {
    id: record.id,
    from: record.status,
    to: t.to,
    action,
    actor: actor.username,
    comment: comment ?? null,
  });
  if (!moved) throw new HttpError(409, 'invalid-transition', '档案状态已被他人修改，请刷新');
  for (const note of notes)
    await appendLog(db, {
      actor: actor.username,
      action: note.action,
      dossierId: record.id,
      unitId: record.unitId,
      detail: note.detail,
    });
  if (comment)
    await addComment(db, {
      dossierId: record.id,
      target: { kind: 'dossier' },
      body: comment,
      author: actor.username,
      authorId: actor.id,
    });
  const after = await getDossier(db, record.id);
  if (!after) throw notFound('档案不存在');
  return after;
}

/** Editor hands the dossier to review (from draft or returned). */
export const submitDossier = (input: TransitionInput) => applyTransition('submit', input);
/** Reviewer sends it back to the editor, with a comment (from submitted or approved). */
export const returnDossier = (input: TransitionInput) => applyTransition('return', input);
/** Reviewer accepts the submitted dossier. */
export const approveDossier = (input: TransitionInput) => applyTransition('approve', input);
/** Reviewer publishes the approved dossier (visible on /api/public). */
export const publishDossier = (input: TransitionInput) => applyTransition('publish', input);
/** Reviewer takes a published report off the public pages, with a reason (back to approved). */
export const unpublishDossier = (input: TransitionInput) => applyTransition('unpublish', input);

/** The transition function of each action, for the transitions route. */
export const TRANSITION_SERVICES: Record<
  WorkflowAction,
  (input: TransitionInput) => Promise<DossierRecord>
> = {
  submit: submitDossier,
  return: returnDossier,
  approve: approveDossier,
  publish: publishDossier,
  unpublish: unpublishDossier,
};
