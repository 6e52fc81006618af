/**
 * The live side panel: total score, grade, subtotals, validation errors and audit findings,
 * recomputed in the browser on every edit. Clicking an error or a finding focuses its field.
 */
import { Badge, Card, Empty, List, Statistic, Tag, Typography } from 'antd';
import type { Finding } from '../../../src/core/audit/types.ts';
import type { InputError } from '../../../src/core/errors/input-error.ts';
import { SEVERITY_ORDER, type LiveResult } from '../lib/live.ts';
import { readableMessage } from '../lib/labels.ts';
import { GradeTag } from './status.tsx';

const SEVERITY_TAG: Record<Finding['severity'], { color: string; label: string }> = {
  error: { color: 'red', label: '错误' },
  warning: { color: 'orange', label: '警告' },
  info: { color: 'blue', label: '提示' },
};

export function ScorePanel({
  live,
  onFocus,
  extra,
  unscoredReason,
  rowLabel,
  describeError,
}: {
  /** An input error as the reader sees it (field label instead of its path). */
  describeError?: (e: InputError) => string;
  /** The name of the indicator row at a path ("indicators[14]"), for rows left out of the total. */
  rowLabel?: (path: string) => string;
  live: LiveResult;
  /** Why there is no score although the input is valid (rule set loading or unknown). */
  unscoredReason?: string;
  onFocus: (f: { path?: string; finding?: Finding }) => void;
  extra?: React.ReactNode;
}) {
  const s = live.score;
  const errors: readonly InputError[] = live.validation.ok ? [] : live.validation.errors;
  const findings = [...live.findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return (
    <aside aria-label="实时评分与问题" className="score-panel">
      <Card
        size="small"
        title="实时评分"
        extra={
          <Typography.Text type="secondary" data-testid="recompute-ms">
            计算 {live.ms.toFixed(1)} ms
          </Typography.Text>
        }
      >
        {s ? (
          <div aria-live="polite">
            <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
              <Statistic title="总分" value={s.total} data-testid="live-total" />
              {!live.complete && (
                <div data-testid="incomplete">
                  <Tag color="orange">未完成</Tag>
                  <div style={{ color: '#cf1322', fontSize: 13 }}>{errors.length} 处错误</div>
                </div>
              )}
              <div>
                <div style={{ color: '#888', fontSize: 14 }}>等级</div>
                <span data-testid="live-grade" style={{ fontSize: 20 }}>
                  <GradeTag grade={s.grade} />
                </span>
              </div>
            </div>
            <table className="mini-table" aria-label="分项得分">
              <tbody>
                <tr>
                  <th scope="row">预算执行（{s.execution.weight}分）</th>
                  <td title={s.execution.trace}>{s.execution.score ?? '—'}</td>
                </tr>
                {s.byLevel1.map((l) => (
                  <tr key={l.level1}>
                    <th scope="row">
                      {l.level1}（{l.weight}分
                      {l.expectedWeight && l.expectedWeight !== l.weight
                        ? `，应为${l.expectedWeight}`
                        : ''}
                      ）
                    </th>
                    <td>{l.score}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">权重合计</th>
                  <td>{s.weightSum}</td>
                </tr>
              </tbody>
            </table>
            {live.droppedRows.length > 0 && (
              <Typography.Paragraph type="warning" data-testid="dropped-rows" style={{ margin: 0 }}>
                未计入总分（未填完）：
                {live.droppedRows.map((p) => (rowLabel ? rowLabel(p) : p)).join('、')}
              </Typography.Paragraph>
            )}
            {s.stated.total && (
              <Typography.Text type="secondary">档案所述总分：{s.stated.total}</Typography.Text>
            )}
          </div>
        ) : (
          <Typography.Text type="warning" data-testid="unscored">
            {errors.length > 0
              ? `有 ${errors.length} 处输入错误，修正后显示评分。`
              : (unscoredReason ?? '正在计算…')}
          </Typography.Text>
        )}
      </Card>
      {errors.length > 0 && (
        <Card
          size="small"
          title={
            <span>
              输入错误 <Badge count={errors.length} />
            </span>
          }
          style={{ marginTop: 8 }}
        >
          <List
            size="small"
            dataSource={errors.slice(0, 50)}
            renderItem={(e) => (
              <List.Item>
                <button
                  type="button"
                  className="link-button"
                  data-testid="input-error"
                  onClick={() => onFocus(e.where.path ? { path: e.where.path } : {})}
                >
                  {describeError ? describeError(e) : e.message}
                </button>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card
        size="small"
        style={{ marginTop: 8 }}
        title={
          <span>
            审核发现 <Tag color="red">错误 {counts.error}</Tag>
            <Tag color="orange">警告 {counts.warning}</Tag>
            <Tag color="blue">提示 {counts.info}</Tag>
          </span>
        }
      >
        {findings.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={live.validation.ok ? '未发现问题' : '修正输入错误后审核'}
          />
        ) : (
          <List
            size="small"
            dataSource={findings}
            style={{ maxHeight: 420, overflowY: 'auto' }}
            renderItem={(f) => (
              <List.Item>
                <button
                  type="button"
                  className="link-button"
                  data-testid="finding"
                  data-code={f.code}
                  onClick={() => onFocus({ finding: f })}
                >
                  <Tag color={SEVERITY_TAG[f.severity].color}>{SEVERITY_TAG[f.severity].label}</Tag>
                  <strong>{f.title.zh}</strong>
                  <div className="finding-message" title={f.code}>
                    {readableMessage(f.message.zh)}
                  </div>
                </button>
              </List.Item>
            )}
          />
        )}
      </Card>
      {extra}
    </aside>
  );
}
