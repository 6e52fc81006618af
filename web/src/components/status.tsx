import { Tag } from 'antd';
import type { DossierStatus } from '../api.ts';

export const STATUS_LABELS: Record<DossierStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已通过',
  published: '已公开',
};
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
