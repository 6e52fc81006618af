import { Tag } from 'antd';
import { DOSSIER_STATUS_LABELS } from '../../../src/core/dossier/status.ts';
import type { DossierStatus } from '../api.ts';

/** The labels are core's, one list for the server's messages, exports and these pages. */
export const STATUS_LABELS = DOSSIER_STATUS_LABELS;
const STATUS_COLORS: Record<DossierStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  published: 'green',
};

export function StatusTag({ status }: { status: DossierStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="status">
      {STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

const GRADE_COLORS: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };
export function GradeTag({ grade }: { grade: string | null | undefined }) {
  if (!grade) return <span>—</span>;
  return <Tag color={GRADE_COLORS[grade] ?? 'default'}>{grade}</Tag>;
}
