/**
 * 审核意见 on the rows they are about: a project, an indicator row (of the unit or of a project) or
 * a money row shows its comments under its label, and a reviewer (or the unit's editor) can add
 * one there. The editor page provides the comments and the "add" dialog through the context.
 */
import { createContext, useContext } from 'react';
import type { Comment, CommentTarget } from '../api.ts';

export interface RowCommentsApi {
  /** Comments whose target is exactly this one. */
  readonly of: (target: CommentTarget) => readonly Comment[];
  /** Opens the dialog for a new comment on this target; `label` names it in Chinese. */
  readonly add?: ((target: CommentTarget, label: string) => void) | undefined;
}

export const RowCommentsContext = createContext<RowCommentsApi>({ of: () => [] });

/** The comment target of an indicator row: its id, or "projectId/indicatorId" in a project. */
export const indicatorTarget = (indicatorId: string, projectId?: string): CommentTarget => ({
  kind: 'indicator',
  ref: projectId ? `${projectId}/${indicatorId}` : indicatorId,
});

export const sameTarget = (a: CommentTarget, b: CommentTarget): boolean =>
  a.kind === b.kind && (a.ref ?? '') === (b.ref ?? '');

/** The comments on one row, and a small "意见" button to add one. */
export function RowNotes({ target, label }: { target: CommentTarget; label: string }) {
  const ctx = useContext(RowCommentsContext);
  const list = ctx.of(target);
  if (list.length === 0 && !ctx.add) return null;
  return (
    <div className="row-notes">
      {list.map((c) => (
        <div key={String(c.id)} className="row-note" data-testid="row-comment">
          <strong className="row-note-title">审核意见</strong>
          <span className="row-note-author">（{c.author}）</span>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.body}</span>
        </div>
      ))}
      {ctx.add && (
        // A native button: one per row of a 200-row grid, where an antd Button each was costly.
        <button
          type="button"
          className="note-add"
          aria-label={`对“${label}”提意见`}
          onClick={() => ctx.add?.(target, label)}
        >
          ＋意见
        </button>
      )}
    </div>
  );
}
