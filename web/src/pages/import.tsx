/**
 * Import a published report (PDF/DOCX/XLSX/TXT) or a dossier file (YAML/JSON): the server reads it,
 * this screen shows what was found and asks the user to confirm every uncertain value before a
 * dossier is created from it.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type ImportResult } from '../api.ts';
import { getIn, parsePath, setIn } from '../lib/form.ts';
import { navigate } from '../lib/router.ts';
import { useSession } from '../session.tsx';

interface Uncertain {
  path: string;
  value: string;
  text?: string;
  page?: number;
  line?: number;
  sheet?: string;
  cell?: string;
  confidence?: number;
  reason?: string;
}

const asList = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export function ImportPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const units = useQuery({ queryKey: ['units'], queryFn: api.units });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>({});
  const [unitId, setUnitId] = useState<string | undefined>(
    user?.unitId != null ? String(user.unitId) : undefined,
  );
  const [year, setYear] = useState<number | null>(null);
  const [fileName, setFileName] = useState('');

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    setFileName(file.name);
    try {
      const r = await api.importFile(file);
      setResult(r);
      const u = asList<Uncertain>(r.uncertain);
      setValues(
        Object.fromEntries(
          u.map((x) => [x.path, String(getIn(r.dossier, parsePath(x.path)) ?? x.value)]),
        ),
      );
      setConfirmed({});
      setYear(typeof r.dossier.year === 'number' ? r.dossier.year : null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '导入失败');
    } finally {
      setBusy(false);
    }
  };

  const uncertain = asList<Uncertain>(result?.uncertain);
  const missing = asList<unknown>(result?.missing).map((m) =>
    typeof m === 'string' ? m : JSON.stringify(m),
  );
  const found = Array.isArray(result?.found)
    ? result.found.length
    : result?.found && typeof result.found === 'object'
      ? Object.keys(result.found).length
      : typeof result?.found === 'number'
        ? result.found
        : 0;
  const allConfirmed = uncertain.every((u) => confirmed[u.path]);

  const create = async () => {
    if (!result || !unitId || !year) return;
    let dossier = result.dossier as Record<string, unknown>;
    for (const u of uncertain) {
      const v = values[u.path] ?? u.value;
      dossier = setIn(dossier, parsePath(u.path), v === '' ? undefined : v);
    }
    dossier = { ...dossier, year };
    try {
      const rec = await api.createDossier({ unitId, year, dossier: dossier as never });
      await qc.invalidateQueries({ queryKey: ['dossiers'] });
      navigate({ name: 'dossier', id: String(rec.id) });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '创建失败');
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        导入报告或档案文件
      </Typography.Title>
      <Upload.Dragger
        accept=".pdf,.docx,.xlsx,.txt,.yaml,.yml,.json"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <p>
          点击或拖入文件：已公开的自评报告（PDF、DOCX、TXT）、附件表（XLSX）或档案文件（YAML、JSON），不超过
          20 MB。
        </p>
      </Upload.Dragger>
      {busy && <Alert type="info" title="正在识别…" />}
      {error && <Alert type="error" title={error} role="alert" />}
      {result && (
        <Card title="识别结果">
          {/\.(ya?ml|json)$/i.test(fileName) ? (
            <Typography.Paragraph>
              档案文件 {fileName} 有效：
              {String((result.dossier.unit as { name?: string } | undefined)?.name ?? '')}，
              {result.dossier.year ?? ''}年度，指标{' '}
              {Array.isArray(result.dossier.indicators) ? result.dossier.indicators.length : 0} 项。
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph>
              识别到 {found} 项数值；{uncertain.length} 项需要确认；{missing.length} 项未找到。
            </Typography.Paragraph>
          )}
          {missing.length > 0 && (
            <Alert
              type="warning"
              title={`未找到：${missing.slice(0, 20).join('、')}${missing.length > 20 ? '…' : ''}`}
              style={{ marginBottom: 12 }}
            />
          )}
          {uncertain.length > 0 && (
            <Table<Uncertain>
              size="small"
              rowKey="path"
              pagination={false}
              dataSource={uncertain}
              columns={[
                { title: '字段', dataIndex: 'path' },
                {
                  title: '原文',
                  render: (_, u) => (
                    <span>
                      {u.text}
                      {u.page ? `（第${u.page}页）` : ''}
                      {u.line ? `（第${u.line}行）` : ''}
                      {u.cell ? `（${u.sheet ?? ''}!${u.cell}）` : ''}
                    </span>
                  ),
                },
                { title: '原因', dataIndex: 'reason' },
                {
                  title: '取值',
                  render: (_, u) => (
                    <Input
                      aria-label={`${u.path} 取值`}
                      value={values[u.path] ?? ''}
                      onChange={(e) => setValues((v) => ({ ...v, [u.path]: e.target.value }))}
                      style={{ width: 140 }}
                    />
                  ),
                },
                {
                  title: '确认',
                  render: (_, u) => (
                    <Checkbox
                      aria-label={`确认 ${u.path}`}
                      checked={!!confirmed[u.path]}
                      onChange={(e) => setConfirmed((c) => ({ ...c, [u.path]: e.target.checked }))}
                    />
                  ),
                },
              ]}
            />
          )}
          {(() => {
            const fileUnit = String(
              (result.dossier.unit as { name?: string } | undefined)?.name ?? '',
            );
            const chosen = (units.data ?? []).find((u) => String(u.id) === unitId)?.name;
            return fileUnit && chosen && fileUnit !== chosen ? (
              <Alert
                type="warning"
                style={{ marginTop: 12 }}
                title={`文件中的单位为“${fileUnit}”，将导入到“${chosen}”：请确认单位是否正确（单位名称可在“基本情况”中修改）。`}
              />
            ) : null;
          })()}
          <Form layout="inline" style={{ marginTop: 16 }} onFinish={() => void create()}>
            <Form.Item label="单位" htmlFor="import-unit">
              <Select
                id="import-unit"
                style={{ width: 260 }}
                value={unitId}
                onChange={setUnitId}
                options={(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
              />
            </Form.Item>
            <Form.Item label="年度" htmlFor="import-year">
              <InputNumber id="import-year" min={2000} max={2100} value={year} onChange={setYear} />
            </Form.Item>
            <Button type="primary" htmlType="submit" disabled={!allConfirmed || !unitId || !year}>
              {allConfirmed ? '创建档案' : '请先确认全部存疑值'}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
