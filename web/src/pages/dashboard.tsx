/**
 * For the bureau: all units' dossiers with filters (year, region, status, grade, name) and sort,
 * the figures over the whole filter (counts by status, findings, most frequent findings), rank by
 * score, the units that have not reported (未报送) for the year, charts, and exports.
 */
import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  Input,
  List,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useQuery } from '@tanstack/react-query';
import { api, qs, type DossierListItem, type DossierStatus, type ListQuery } from '../api.ts';
import { GRADES, gradeDistribution, scoreVsExecution } from '../lib/dashboard.ts';
import { regionTreeData, useRegions } from './admin.tsx';
import { html } from '../lib/html.ts';
import { href } from '../lib/router.ts';
import { Chart } from '../components/chart.tsx';
import { GradeTag, StatusTag, STATUS_LABELS } from '../components/status.tsx';

const SORT_KEYS: Record<string, string> = {
  total: 'total',
  executionRate: 'executionRate',
  errors: 'errors',
  updatedAt: 'updatedAt',
  unitName: 'unitName',
};

export function DashboardPage() {
  const [filters, setFilters] = useState<ListQuery>({
    page: 1,
    pageSize: 20,
    sort: 'updatedAt',
    order: 'desc',
  });
  const list = useQuery({
    queryKey: ['dossiers', 'dashboard', filters],
    queryFn: () => api.dossiers(filters),
  });
  const all = useQuery({
    queryKey: ['dossiers', 'dashboard-all', { ...filters, page: 1, pageSize: 500 }],
    queryFn: () => api.dossiers({ ...filters, page: 1, pageSize: 500 }),
  });
  const items = list.data?.items ?? [];
  const filterOnly: ListQuery = {
    year: filters.year,
    regionId: filters.regionId,
    status: filters.status,
    grade: filters.grade,
    q: filters.q,
  };
  // Figures over the whole filter, not the page shown.
  const stats = useQuery({
    queryKey: ['dossiers', 'stats', filterOnly],
    queryFn: () => api.stats(filterOnly),
  });
  const top = stats.data?.topFindings ?? [];
  const regions = useRegions();
  const unreportedYear = filters.year ?? new Date().getFullYear() - 1;
  const unreported = useQuery({
    queryKey: ['dossiers', 'unreported', unreportedYear, filters.regionId],
    queryFn: () => api.unreported(unreportedYear, filters.regionId),
  });
  // Rank by score: shown when the table is sorted by score, best first.
  const rankBase =
    filters.sort === 'total' && filters.order === 'desc'
      ? ((filters.page ?? 1) - 1) * (filters.pageSize ?? 20)
      : undefined;
  const set = (patch: Partial<ListQuery>) =>
    setFilters((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  const years = useMemo(() => {
    const now = new Date().getFullYear();
    return Array.from({ length: 8 }, (_, i) => now - i);
  }, []);
  const chartItems = all.data?.items ?? items;
  const gradeOption = useMemo(() => {
    const dist = gradeDistribution(chartItems);
    return {
      tooltip: {},
      grid: { left: 36, right: 12, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: dist.map((d) => d.grade) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: dist.map((d) => d.count), itemStyle: { color: '#b8232f' } }],
    };
  }, [chartItems]);
  const scatterOption = useMemo(
    () => ({
      tooltip: {
        // ECharts renders the formatter's result as HTML: the unit name is user text.
        formatter: (p: { name: string; value: [number, number] }) =>
          html`${p.name}<br />执行率 ${p.value[0]}%，得分 ${p.value[1]}`,
      },
      grid: { left: 44, right: 16, top: 16, bottom: 36 },
      xAxis: { type: 'value', name: '执行率%', nameLocation: 'middle', nameGap: 24, scale: true },
      yAxis: { type: 'value', name: '得分', scale: true },
      series: [{ type: 'scatter', symbolSize: 10, data: scoreVsExecution(chartItems) }],
    }),
    [chartItems],
  );
  const topOption = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 150, right: 16, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: top.map((t) => t.title),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [{ type: 'bar', data: top.map((t) => t.count), itemStyle: { color: '#d4822a' } }],
    }),
    [top],
  );

  const onChange = (
    _p: unknown,
    _f: unknown,
    sorter: SorterResult<DossierListItem> | SorterResult<DossierListItem>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey ? SORT_KEYS[String(s.columnKey)] : undefined;
    set({
      sort: s?.order && key ? key : 'updatedAt',
      order: s?.order === 'ascend' ? 'asc' : 'desc',
      page: filters.page,
    });
  };
  const sortOrder = (key: string) =>
    filters.sort === key
      ? filters.order === 'asc'
        ? ('ascend' as const)
        : ('descend' as const)
      : null;
  const exportQs = qs({
    year: filters.year,
    regionId: filters.regionId,
    status: filters.status,
    grade: filters.grade,
    q: filters.q,
    sort: filters.sort,
    order: filters.order,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          汇总看板
        </Typography.Title>
        <Space>
          <a href={`/api/dossiers/export.csv${exportQs}`} download>
            导出 CSV
          </a>
          <a href={`/api/dossiers/export.xlsx${exportQs}`} download>
            导出 Excel
          </a>
        </Space>
      </Space>
      <Space wrap role="search" aria-label="筛选">
        <Select
          aria-label="年度"
          allowClear
          placeholder="年度"
          style={{ width: 110 }}
          value={filters.year}
          onChange={(v) => set({ year: v ?? undefined })}
          options={years.map((y) => ({ value: y, label: `${y}年度` }))}
        />
        <TreeSelect
          aria-label="地区"
          allowClear
          placeholder="地区"
          style={{ width: 160 }}
          value={filters.regionId === undefined ? undefined : String(filters.regionId)}
          onChange={(v) => set({ regionId: v ?? undefined })}
          treeData={regionTreeData(regions.data ?? [])}
          treeDefaultExpandAll
        />
        <Select
          aria-label="状态"
          allowClear
          placeholder="状态"
          style={{ width: 110 }}
          value={filters.status}
          onChange={(v) => set({ status: v ?? undefined })}
          options={Object.entries(STATUS_LABELS).map(([k, l]) => ({ value: k, label: l }))}
        />
        <Select
          aria-label="等级"
          allowClear
          placeholder="等级"
          style={{ width: 90 }}
          value={filters.grade}
          onChange={(v) => set({ grade: v ?? undefined })}
          options={GRADES.map((g) => ({ value: g, label: g }))}
        />
        <Button onClick={() => set({ sort: 'total', order: 'desc' })}>按得分排名</Button>
        <Input.Search
          aria-label="搜索单位"
          placeholder="单位名称"
          allowClear
          style={{ width: 220 }}
          onSearch={(v) => set({ q: v || undefined })}
        />
      </Space>
      <Card size="small" title="汇总（全部筛选结果）" data-testid="summary">
        <Space wrap size="large">
          <Statistic title="档案数" value={stats.data?.count ?? 0} />
          {(Object.keys(STATUS_LABELS) as DossierStatus[]).map((s) => (
            <Statistic
              key={s}
              title={STATUS_LABELS[s]}
              value={stats.data?.byStatus[s] ?? 0}
              data-testid={`count-${s}`}
            />
          ))}
          <Statistic title="错误级问题" value={stats.data?.findings.error ?? 0} />
          <Statistic title="警告" value={stats.data?.findings.warning ?? 0} />
          <Statistic title="未报送单位" value={unreported.data?.length ?? 0} />
        </Space>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={7}>
          <Card size="small" title="等级分布">
            <Chart option={gradeOption} height={200} label="等级分布柱状图" />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title="得分与预算执行率">
            <Chart option={scatterOption} height={200} label="得分与执行率散点图" />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title="最常见的问题（全部筛选结果）">
            <Chart option={topOption} height={200} label="常见问题条形图" />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={`${unreportedYear}年度未报送单位（${unreported.data?.length ?? 0} 个）`}
        data-testid="unreported"
      >
        <List
          size="small"
          grid={{ gutter: 8, xs: 1, sm: 2, md: 3, lg: 4 }}
          dataSource={unreported.data ?? []}
          locale={{ emptyText: '全部单位均已报送' }}
          renderItem={(u) => (
            <List.Item data-testid="unreported-unit">
              <Space size={4} wrap>
                <span>{u.name}</span>
                <Typography.Text type="secondary">
                  {u.regionName ?? ''}
                  {u.status ? `（${STATUS_LABELS[u.status]}）` : '（未建档）'}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Table<DossierListItem>
        size="small"
        rowKey={(r) => String(r.id)}
        loading={list.isLoading}
        dataSource={items}
        onChange={onChange}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
        columns={[
          ...(rankBase !== undefined
            ? [
                {
                  title: '名次',
                  width: 60,
                  render: (_: unknown, _r: DossierListItem, i: number) => (
                    <span data-testid="rank">{rankBase + i + 1}</span>
                  ),
                },
              ]
            : []),
          {
            title: '单位',
            key: 'unitName',
            dataIndex: 'unitName',
            sorter: true,
            sortOrder: sortOrder('unitName'),
            render: (n: string, r) => (
              <Space>
                <a href={href({ name: 'dossier', id: String(r.id) })}>{n}</a>
                <a
                  href={href({ name: 'compare', unitId: String(r.unitId) })}
                  aria-label={`${n}历年对比`}
                >
                  对比
                </a>
              </Space>
            ),
          },
          { title: '年度', dataIndex: 'year', width: 70 },
          {
            title: '得分',
            key: 'total',
            sorter: true,
            sortOrder: sortOrder('total'),
            width: 80,
            render: (_, r) => r.summary?.total ?? '—',
          },
          { title: '等级', width: 60, render: (_, r) => <GradeTag grade={r.summary?.grade} /> },
          {
            title: '执行率',
            key: 'executionRate',
            sorter: true,
            sortOrder: sortOrder('executionRate'),
            width: 90,
            render: (_, r) =>
              r.summary?.executionRate != null
                ? `${String(r.summary.executionRate).replace('%', '')}%`
                : '—',
          },
          {
            title: '问题（错误/警告/提示）',
            key: 'errors',
            sorter: true,
            sortOrder: sortOrder('errors'),
            render: (_, r) =>
              r.summary ? (
                <Space size={2}>
                  <Tag color="red">{r.summary.findings.error}</Tag>
                  <Tag color="orange">{r.summary.findings.warning}</Tag>
                  <Tag color="blue">{r.summary.findings.info}</Tag>
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s) => <StatusTag status={s} />,
          },
          {
            title: '更新',
            key: 'updatedAt',
            dataIndex: 'updatedAt',
            sorter: true,
            sortOrder: sortOrder('updatedAt'),
            render: (t: string) => new Date(t).toLocaleDateString('zh-CN'),
          },
        ]}
      />
    </Space>
  );
}
