/**
 * The workflow of a dossier (docs/api.md): submit → approve → publish, and return from submitted
 * or approved. Routes decide who may act (access.ts `may`) and call the one function of the
 * transition; each transition is a row of WORKFLOW (from, to, guards), so a new one (e.g.
 * unpublish) is one row plus its `may` case.
 */
import type { Kysely } from 'kysely';
import type { DB, DossierStatus } from '../../storage/types.ts';
import { addComment } from '../../storage/activity.ts';
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
}

/** Throws an HttpError when the transition may not happen for this input. */
export type TransitionGuard = (input: TransitionInput, action: string) => void;

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

/** Workflow (docs/api.md): the statuses an action moves from, the status it moves to. */
export const WORKFLOW = {
  submit: { from: ['draft', 'returned'], to: 'submitted', guards: [] },
  return: { from: ['submitted', 'approved'], to: 'returned', guards: [requireComment] },
  approve: { from: ['submitted'], to: 'approved', guards: [] },
  publish: { from: ['approved'], to: 'published', guards: [] },
} as const satisfies Record<string, Transition>;

export type WorkflowAction = keyof typeof WORKFLOW;
export const WORKFLOW_ACTIONS = Object.keys(WORKFLOW) as [WorkflowAction, ...WorkflowAction[]];

const wrongStatus = (status: DossierStatus, action: string) =>
  new HttpError(409, 'invalid-transition', `档案状态为「${status}」，不能执行「${action}」`);

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
  for (const guard of t.guards) guard(input, action);
  const moved = await transitionDossier(db, {
    id: record.id,
    from: record.status,
    to: t.to,
    action,
    actor: actor.username,
    comment: comment ?? null,
  });
  if (!moved) throw new HttpError(409, 'invalid-transition', '档案状态已被他人修改，请刷新');
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

/** The transition function of each action, for the transitions route. */
export const TRANSITION_SERVICES: Record<
  WorkflowAction,
  (input: TransitionInput) => Promise<DossierRecord>
> = {
  submit: submitDossier,
  return: returnDossier,
  approve: approveDossier,
  publish: publishDossier,
};
