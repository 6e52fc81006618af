/**
 * The Chinese name of what a 审核意见 is about (never an id such as O1/C1 or a field path): the
 * indicator's or project's own name, the form row's label, the finding's rule title.
 */
import type { CommentTarget } from '../api.ts';
import { MONEY_COLUMN_LABELS } from '../../../src/core/dossier/concepts.ts';
import { pathLabel } from './labels.ts';

interface Named {
  readonly id?: unknown;
  readonly name?: unknown;
}
interface FormLike {
  readonly indicators?: readonly Named[];
  readonly expenditure?: { readonly projects?: readonly (Named & { indicators?: Named[] })[] };
}

const nameOf = (x: Named | undefined): string | undefined =>
  typeof x?.name === 'string' && x.name.trim() ? x.name.trim() : undefined;

/** The label of a form row (a money head, a 三公 item): its field label without the column. */
export function rowLabel(path: string, form: unknown): string {
  const column = MONEY_COLUMN_LABELS.actual.zh;
  const withColumn = pathLabel(`${path}.actual`, form);
  if (withColumn.endsWith(column)) return withColumn.slice(0, -column.length).trim();
  return pathLabel(path, form);
}

export function commentTargetLabel(
  t: CommentTarget,
  form: unknown,
  findingTitle: (code: string) => string | undefined = () => undefined,
): string {
  const f = (form ?? {}) as FormLike;
  const projects = f.expenditure?.projects ?? [];
  switch (t.kind) {
    case 'dossier':
      return '整体';
    case 'project': {
      const p = projects.find((x) => String(x.id) === t.ref);
      return p ? `项目“${nameOf(p) ?? '未命名项目'}”` : '已删除的项目';
    }
    case 'indicator': {
      const [scope, ind] = (t.ref ?? '').includes('/')
        ? ((t.ref ?? '').split('/', 2) as [string, string])
        : [undefined, t.ref ?? ''];
      if (scope !== undefined) {
        const p = projects.find((x) => String(x.id) === scope);
        const i = p?.indicators?.find((x) => String(x.id) === ind);
        return i
          ? `项目“${nameOf(p) ?? '未命名项目'}”指标“${nameOf(i) ?? '未命名指标'}”`
          : '已删除的指标';
      }
      const i = f.indicators?.find((x) => String(x.id) === ind);
      return i ? `指标“${nameOf(i) ?? '未命名指标'}”` : '已删除的指标';
    }
    case 'row':
      return rowLabel(t.ref ?? '', form);
    case 'finding': {
      const title = findingTitle(t.ref ?? '');
      return title ? `问题“${title}”` : '已解决的审核问题';
    }
  }
}
