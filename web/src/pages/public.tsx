/** For the public: published reports with score, grade and downloads. */
import { Alert, Card, Descriptions, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, publicReportUrl, type PublicReport } from '../api.ts';
import { href } from '../lib/router.ts';
import { GradeTag } from '../components/status.tsx';
import { ReportFrame } from '../components/report-frame.tsx';

const downloads = (id: string | number) => (
  <Space>
    {(['pdf', 'docx', 'xlsx'] as const).map((ext) => (
      <a
        key={ext}
        href={publicReportUrl(id, ext)}
        download
        aria-label={`下载 ${ext.toUpperCase()}`}
      >
        {ext.toUpperCase()}
      </a>
    ))}
  </Space>
);

export function PublicPage({ openId }: { openId?: string }) {
  const list = useQuery({ queryKey: ['public'], queryFn: api.publicReports });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        已公开的部门整体支出绩效自评报告
      </Typography.Title>
      {list.error && (
        <Alert
          type="error"
          title={list.error instanceof ApiError ? list.error.message : '加载失败'}
        />
      )}
      <Table<PublicReport>
        rowKey={(r) => String(r.id)}
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: '暂无公开报告' }}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: '单位',
            dataIndex: 'unitName',
            render: (n: string, r) => (
              <a href={href({ name: 'publicReport', id: String(r.id) })}>{n}</a>
            ),
            sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh'),
          },
          { title: '年度', dataIndex: 'year', sorter: (a, b) => a.year - b.year },
          { title: '自评得分', dataIndex: 'total', render: (t: string | null) => t ?? '—' },
          {
            title: '等级',
            dataIndex: 'grade',
            render: (g: string | null) => <GradeTag grade={g} />,
          },
          { title: '下载', render: (_, r) => downloads(r.id) },
        ]}
      />
      {openId && <PublicDetail id={openId} />}
    </Space>
  );
}

function PublicDetail({ id }: { id: string }) {
  const q = useQuery({ queryKey: ['public', id], queryFn: () => api.publicReport(id) });
  if (q.error)
    return (
      <Alert type="error" title={q.error instanceof ApiError ? q.error.message : '加载失败'} />
    );
  if (!q.data) return null;
  const s = q.data.score;
  return (
    <Card title={`${q.data.unitName} ${q.data.year}年度`} extra={downloads(q.data.id)}>
      {s && (
        <Descriptions size="small" bordered column={2}>
          <Descriptions.Item label="自评得分">{s.total}</Descriptions.Item>
          <Descriptions.Item label="等级">
            <GradeTag grade={s.grade} />
          </Descriptions.Item>
          <Descriptions.Item label="预算执行得分">{s.execution.score ?? '—'}</Descriptions.Item>
          {s.byLevel1.map((l) => (
            <Descriptions.Item key={l.level1} label={l.level1}>
              {l.score} / {l.weight}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <div style={{ marginTop: 12 }}>
        <ReportFrame title="报告全文" url={publicReportUrl(q.data.id, 'html')} height="60vh" />
      </div>
    </Card>
  );
}
