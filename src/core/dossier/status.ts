/**
 * A dossier's place in the workflow (填报 → 提交 → 审核 → 公开) and the one label a person reads
 * for each, used by the server's messages, the listing export and the web pages alike.
 */
export type DossierStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
export const DOSSIER_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'published',
] as const satisfies readonly DossierStatus[];
export const DOSSIER_STATUS_LABELS: Readonly<Record<DossierStatus, string>> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已通过',
  published: '已公开',
};
