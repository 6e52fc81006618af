/** Year-on-year comparison of one unit: key figures recomputed by the core for every year. */
import { useMemo } from 'react';
import { Alert, Card, Space, Table, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { formatPercent, formatWanOrDash } from '../../../src/core/money.ts';
import { api } from '../api.ts';
import { evaluate } from '../lib/live.ts';
import { fetchRuleset, rulesetNameOf } from '../lib/rulesets.ts';
import { href } from '../lib/router.ts';
import { Chart } from '../components/chart.tsx';

interface YearRow {
  key: string;
  label: string;
  values: Record<number, string>;
}

export function ComparePage({ unitId }: { unitId: string }) {
  const unit = useQuery({ queryKey: ['unit', unitId], queryFn: () => api.unit(unitId) });
  const list = useQuery({
    queryKey: ['dossiers', 'unit', unitId],
    queryFn: () => api.dossiers({ unitId, pageSize: 50, sort: 'updatedAt', order: 'desc' }),
  });
  const ids = (list.data?.items ?? []).sort((a, b) => a.year - b.year);
  const records = useQueries({
    queries: ids.map((d) => ({
      queryKey: ['dossier', String(d.id)],
      queryFn: () => api.dossier(d.id),
    })),
  });
  const data = records.map((r) => r.data).filter((r) => r !== undefined);
  // Each year is scored with the rule set its own dossier names (the server does the same).
  const rulesetNames = [...new Set(data.map((rec) => rulesetNameOf(rec.dossier)))].sort();
  const rulesetQueries = useQueries({
    queries: rulesetNames.map((name) => ({
      queryKey: ['ruleset', name],
      queryFn: () => fetchRuleset(name),
      staleTime: Infinity,
    })),
  });
  const rulesets = new Map(rulesetNames.map((n, i) => [n, rulesetQueries[i]?.data ?? null]));
  const dataKey = data.map((rec) => `${rec.id}@${rec.version}`).join(',');
  const rulesetKey = rulesetNames.map((n) => `${n}:${rulesets.get(n) ? 1 : 0}`).join(',');
  const perYear = useMemo(
    () =>
      data.map((rec) => {
        const live = evaluate(rec.dossier, {
          ruleset: rulesets.get(rulesetNameOf(rec.dossier)) ?? null,
        });
        return { year: rec.year, id: rec.id, live, d: live.derived };
      }),
    [dataKey, rulesetKey], // keyed by ids, versions and loaded rule sets
  );
  const years = perYear.map((p) => p.year);
  const w = formatWanOrDash;
  const rows: YearRow[] = [
    {
      key: 'total',
      label: '自评得分',
      values: Object.fromEntries(perYear.map((p) => [p.year, p.live.score?.total ?? '—'])),
    },
    {
      key: 'grade',
      label: '等级',
      values: Object.fromEntries(perYear.map((p) => [p.year, p.live.score?.grade ?? '—'])),
    },
    {
      key: 'rate',
      label: '预算执行率',
      values: Object.fromEntries(
        perYear.map((p) => [p.year, p.d ? formatPercent(p.d.executionRate) : '—']),
      ),
    },
    {
      key: 'income',
      label: '收入合计（万元）',
      values: Object.fromEntries(perYear.map((p) => [p.year, w(p.d?.income.actual)])),
    },
    {
      key: 'exp',
      label: '支出合计（万元）',
      values: Object.fromEntries(perYear.map((p) => [p.year, w(p.d?.expenditure.actual)])),
    },
    {
      key: 'basic',
      label: '基本支出（万元）',
      values: Object.fromEntries(perYear.map((p) => [p.year, w(p.d?.basic.actual)])),
    },
    {
      key: 'projects',
      label: '项目支出（万元）',
      values: Object.fromEntries(perYear.map((p) => [p.year, w(p.d?.projects.actual)])),
    },
    {
      key: 'three',
      label: '“三公”经费（万元）',
      values: Object.fromEntries(perYear.map((p) => [p.year, w(p.d?.threePublic.actual)])),
    },
    {
      key: 'errors',
      label: '审核错误数',
      values: Object.fromEntries(
        perYear.map((p) => [
          p.year,
          String(p.live.findings.filter((f) => f.severity === 'error').length),
        ]),
      ),
    },
  ];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['自评得分', '执行率%'] },
      grid: { left: 40, right: 40, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: [
        { type: 'value', name: '得分', scale: true },
        { type: 'value', name: '%', scale: true },
      ],
      series: [
        {
          name: '自评得分',
          type: 'line',
          data: perYear.map((p) => (p.live.score ? Number(p.live.score.total) : null)),
        },
        {
          name: '执行率%',
          type: 'line',
          yAxisIndex: 1,
          data: perYear.map((p) =>
            p.d?.executionRate.ok ? Number(p.d.executionRate.percent.toFixed(2)) : null,
          ),
        },
      ],
    }),
    [perYear, years],
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {unit.data?.name ?? ''} 历年对比
      </Typography.Title>
      {list.isSuccess && ids.length === 0 && <Alert type="info" title="该单位还没有年度档案" />}
      <Table<YearRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '指标', dataIndex: 'label', width: 180 },
          ...perYear.map((p) => ({
            title: <a href={href({ name: 'dossier', id: String(p.id) })}>{p.year}年度</a>,
            key: String(p.year),
            render: (_: unknown, r: YearRow) => r.values[p.year] ?? '—',
          })),
        ]}
      />
      {perYear.length > 1 && (
        <Card size="small" title="得分与执行率走势">
          <Chart option={option} height={240} label="历年得分与执行率折线图" />
        </Card>
      )}
    </Space>
  );
}
