/** For a unit editor: my units, their years, and starting a year blank or from last year. */
import { useState } from 'react';
import { App, Button, Card, Empty, Form, InputNumber, Radio, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type DossierListItem, type Unit } from '../api.ts';
import { href, navigate } from '../lib/router.ts';
import { useSession } from '../session.tsx';
import { GradeTag, StatusTag } from '../components/status.tsx';

export function HomePage() {
  const { user } = useSession();
  const units = useQuery({ queryKey: ['units'], queryFn: api.units });
  const list = useQuery({
    queryKey: ['dossiers', 'mine'],
    queryFn: () => api.dossiers({ pageSize: 200, sort: 'updatedAt', order: 'desc' }),
  });
  const mine = (units.data ?? []).filter(
    (u) => user?.role === 'admin' || String(u.id) === String(user?.unitId),
  );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        我的单位与年度
      </Typography.Title>
      {units.isSuccess && mine.length === 0 && <Empty description="没有可填报的单位" />}
      {mine.map((u) => (
        <UnitCard
          key={String(u.id)}
          unit={u}
          items={(list.data?.items ?? []).filter((d) => String(d.unitId) === String(u.id))}
        />
      ))}
    </Space>
  );
}

function UnitCard({ unit, items }: { unit: Unit; items: DossierListItem[] }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const lastYear = items.reduce((m, d) => Math.max(m, d.year), 0);
  const [year, setYear] = useState<number>(lastYear ? lastYear + 1 : new Date().getFullYear() - 1);
  const [from, setFrom] = useState<'blank' | 'previous'>(lastYear ? 'previous' : 'blank');
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    try {
      const rec = await api.createDossier({ unitId: unit.id, year, from });
      await qc.invalidateQueries({ queryKey: ['dossiers'] });
      navigate({ name: 'dossier', id: String(rec.id) });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '创建失败');
    } finally {
      setBusy(false);
    }
  };
  const uid = `unit-${String(unit.id)}`;
  return (
    <Card
      title={<span id={`${uid}-title`}>{unit.name}</span>}
      extra={<a href={href({ name: 'compare', unitId: String(unit.id) })}>历年对比</a>}
      aria-labelledby={`${uid}-title`}
    >
      <Table<DossierListItem>
        size="small"
        rowKey={(r) => String(r.id)}
        dataSource={[...items].sort((a, b) => b.year - a.year)}
        pagination={false}
        locale={{ emptyText: '尚无年度档案' }}
        columns={[
          {
            title: '年度',
            dataIndex: 'year',
            render: (y: number, r) => (
              <a href={href({ name: 'dossier', id: String(r.id) })}>{y}年度</a>
            ),
          },
          { title: '状态', dataIndex: 'status', render: (s) => <StatusTag status={s} /> },
          { title: '得分', render: (_, r) => r.summary?.total ?? '—' },
          { title: '等级', render: (_, r) => <GradeTag grade={r.summary?.grade} /> },
          {
            title: '问题',
            render: (_, r) =>
              r.summary
                ? `错误 ${r.summary.findings.error} · 警告 ${r.summary.findings.warning}`
                : '—',
          },
          {
            title: '更新时间',
            dataIndex: 'updatedAt',
            render: (t: string) => new Date(t).toLocaleString('zh-CN'),
          },
        ]}
      />
      <Form
        layout="inline"
        style={{ marginTop: 16 }}
        onFinish={() => void create()}
        aria-label={`为${unit.name}新建年度档案`}
      >
        <Form.Item label="新建年度" htmlFor={`${uid}-year`}>
          <InputNumber
            id={`${uid}-year`}
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
          />
        </Form.Item>
        <Form.Item>
          <Radio.Group
            value={from}
            onChange={(e) => setFrom(e.target.value as 'blank' | 'previous')}
            aria-label="起始方式"
          >
            <Radio value="blank">空白开始</Radio>
            <Radio value="previous" disabled={!lastYear}>
              沿用上年
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            新建
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
