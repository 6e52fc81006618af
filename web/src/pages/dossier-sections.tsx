/** The editor's sections (tabs): 基本情况, 收入与支出, “三公”与公用经费, 项目, 文字说明. */
import { useRef } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Row, Select, Space } from 'antd';
import {
  CONTROL_ITEMS,
  CONTROL_LABELS,
  INCOME_SOURCES,
  INCOME_SOURCE_LABELS,
} from '../../../src/core/dossier/concepts.ts';
import { PROJECT_KINDS, PROJECT_KIND_LABELS } from '../../../src/core/dossier/schema.ts';
import type { Derived } from '../../../src/core/derive.ts';
import { formatPercent, formatWanOrDash } from '../../../src/core/money.ts';
import type { IndicatorScore } from '../../../src/core/scoring/types.ts';
import { fieldId, getIn, type Path } from '../lib/form.ts';
import { AmountField, CountField, LinesField, TextField, useForm } from '../components/fields.tsx';
import { MoneyTable } from '../components/money-table.tsx';
import { IndicatorGrid } from '../components/indicator-grid.tsx';
import { RowNotes } from '../components/row-comments.tsx';
import { offerUndo } from '../components/undo.tsx';

function Field({
  label,
  path,
  children,
}: {
  label: string;
  path: Path;
  children: React.ReactNode;
}) {
  return (
    <Form.Item label={label} htmlFor={fieldId(path)} className="field">
      {children}
    </Form.Item>
  );
}

export function BasicSection() {
  return (
    <Form layout="vertical">
      <Row gutter={16}>
        <Col span={12}>
          <Field label="单位名称" path={['unit', 'name']}>
            <TextField path={['unit', 'name']} label="单位名称" />
          </Field>
        </Col>
        <Col span={6}>
          <Field label="预算编码" path={['unit', 'budgetCode']}>
            <TextField path={['unit', 'budgetCode']} label="预算编码" />
          </Field>
        </Col>
        <Col span={6}>
          <Field label="所属地区" path={['unit', 'region']}>
            <TextField path={['unit', 'region']} label="所属地区" />
          </Field>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Field label="主要职能（每行一项）" path={['unit', 'functions']}>
            <LinesField path={['unit', 'functions']} label="主要职能" />
          </Field>
        </Col>
        <Col span={12}>
          <Field label="内设机构（每行一项）" path={['unit', 'offices']}>
            <LinesField path={['unit', 'offices']} label="内设机构" />
          </Field>
        </Col>
      </Row>
      <Space size="large" wrap>
        <Field label="编制数" path={['unit', 'staffing', 'authorized']}>
          <CountField path={['unit', 'staffing', 'authorized']} label="编制数" />
        </Field>
        <Field label="其中行政编制" path={['unit', 'staffing', 'authorizedAdministrative']}>
          <CountField path={['unit', 'staffing', 'authorizedAdministrative']} label="行政编制数" />
        </Field>
        <Field label="其中事业编制" path={['unit', 'staffing', 'authorizedInstitutional']}>
          <CountField path={['unit', 'staffing', 'authorizedInstitutional']} label="事业编制数" />
        </Field>
        <Field label="实际在职人数" path={['unit', 'staffing', 'actual']}>
          <CountField path={['unit', 'staffing', 'actual']} label="实际在职人数" />
        </Field>
        <Field label="离退休人数" path={['unit', 'staffing', 'retired']}>
          <CountField path={['unit', 'staffing', 'retired']} label="离退休人数" />
        </Field>
      </Space>
      <Row gutter={16}>
        <Col span={12}>
          <Field label="年度总体目标（预期）" path={['goal', 'expected']}>
            <TextField multiline path={['goal', 'expected']} label="年度总体目标（预期）" />
          </Field>
        </Col>
        <Col span={12}>
          <Field label="年度总体目标（实际完成）" path={['goal', 'achieved']}>
            <TextField multiline path={['goal', 'achieved']} label="年度总体目标（实际完成）" />
          </Field>
        </Col>
      </Row>
      <Space size="large" wrap>
        <Field label="填报人" path={['filing', 'preparer']}>
          <TextField path={['filing', 'preparer']} label="填报人" />
        </Field>
        <Field label="填报日期（YYYY-MM-DD）" path={['filing', 'date']}>
          <TextField path={['filing', 'date']} label="填报日期" placeholder="2024-04-20" />
        </Field>
        <Field label="联系电话" path={['filing', 'phone']}>
          <TextField path={['filing', 'phone']} label="联系电话" />
        </Field>
      </Space>
    </Form>
  );
}

export function MoneySection({ derived }: { derived: Derived | null }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <MoneyTable
        caption="收入（按资金来源）"
        rows={INCOME_SOURCES.map((s) => ({ label: INCOME_SOURCE_LABELS[s], path: ['income', s] }))}
      />
      <MoneyTable
        caption="支出（按经济性质）"
        rows={[
          { label: '人员经费', path: ['expenditure', 'personnel'] },
          { label: '公用经费', path: ['expenditure', 'publicFunds'] },
        ]}
      />
      <Form layout="inline">
        <Field label="年末资产总额（万元）" path={['assets', 'yearEnd']}>
          <AssetField path={['assets', 'yearEnd']} label="年末资产总额" />
        </Field>
        <Field label="上年末资产总额（万元）" path={['assets', 'previousYearEnd']}>
          <AssetField path={['assets', 'previousYearEnd']} label="上年末资产总额" />
        </Field>
      </Form>
      {derived && <DerivedFigures d={derived} />}
    </Space>
  );
}

function AssetField({ path, label }: { path: Path; label: string }) {
  return <AmountField path={path} label={label} width={160} />;
}

const w = formatWanOrDash;

/** Derived figures (domain.md §3): computed, never typed. */
function DerivedFigures({ d }: { d: Derived }) {
  return (
    <Card size="small" title="自动计算（不需填写）">
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label="收入合计（执行数）">{w(d.income.actual)}</Descriptions.Item>
        <Descriptions.Item label="基本支出（执行数）">{w(d.basic.actual)}</Descriptions.Item>
        <Descriptions.Item label="项目支出（执行数）">{w(d.projects.actual)}</Descriptions.Item>
        <Descriptions.Item label="支出合计（执行数）">{w(d.expenditure.actual)}</Descriptions.Item>
        <Descriptions.Item label="预算执行率">
          <span data-testid="derived-execution-rate">{formatPercent(d.executionRate)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="比年初预算减少">{w(d.decreaseAgainstInitial)}</Descriptions.Item>
        <Descriptions.Item label="人员经费占比">
          {formatPercent(d.personnelShare)}
        </Descriptions.Item>
        <Descriptions.Item label="公用经费占比">
          {formatPercent(d.publicFundsShare)}
        </Descriptions.Item>
        <Descriptions.Item label="财政供养人员控制率">
          {formatPercent(d.staffingControlRate)}
        </Descriptions.Item>
        <Descriptions.Item label="“三公”经费变动率">
          {formatPercent(d.threePublicChangeRate)}
        </Descriptions.Item>
        <Descriptions.Item label="“三公”经费控制率">
          {formatPercent(d.threePublicControlRate)}
        </Descriptions.Item>
        <Descriptions.Item label="资产增长率">{formatPercent(d.assetGrowthRate)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function ThreePublicSection() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <MoneyTable
        caption="“三公”经费"
        rows={[
          { label: '因公出国（境）费', path: ['threePublic', 'abroad'] },
          { label: '公务用车购置费', path: ['threePublic', 'vehiclePurchase'] },
          { label: '公务用车运行维护费', path: ['threePublic', 'vehicleOperation'] },
          { label: '公务接待费', path: ['threePublic', 'reception'] },
        ]}
      />
      <MoneyTable
        caption="公用经费控制项目"
        rows={CONTROL_ITEMS.map((c) => ({ label: CONTROL_LABELS[c], path: ['controls', c] }))}
      />
      <Form layout="vertical">
        <Field label="厉行节约保障措施（每行一项）" path={['narrative', 'savingMeasures']}>
          <LinesField path={['narrative', 'savingMeasures']} label="厉行节约保障措施" />
        </Field>
      </Form>
    </Space>
  );
}

type Obj = Record<string, unknown>;

export function ProjectsSection({
  scoresByProject,
}: {
  scoresByProject: ReadonlyMap<string, ReadonlyMap<string, IndicatorScore>>;
}) {
  const form = useForm();
  const { message } = App.useApp();
  const projects = (getIn(form.value, ['expenditure', 'projects']) as Obj[] | undefined) ?? [];
  const latest = useRef(projects);
  latest.current = projects;
  const setProjects = (next: Obj[]) => form.set(['expenditure', 'projects'], next);
  const remove = (i: number) => {
    const gone = projects[i] as Obj;
    setProjects(projects.filter((_, j) => j !== i));
    offerUndo(message, `已删除项目“${String(gone.name || `项目 ${i + 1}`)}”`, () => {
      const cur = latest.current.slice();
      cur.splice(Math.min(i, cur.length), 0, gone);
      setProjects(cur);
    });
  };
  const add = () => {
    const used = new Set(projects.map((p) => String(p.id)));
    let n = projects.length + 1;
    while (used.has(`P${n}`)) n += 1;
    setProjects([
      ...projects,
      { id: `P${n}`, name: '', kind: 'business', money: {}, indicators: [] },
    ]);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {projects.map((p, i) => (
        <Card
          key={`${String(p.id)}-${i}`}
          size="small"
          title={
            <Space>
              <span>项目 {i + 1}</span>
              <TextField
                path={['expenditure', 'projects', i, 'name']}
                label={`项目 ${i + 1} 名称`}
                placeholder="项目名称"
                width={320}
              />
            </Space>
          }
          extra={
            <Space>
              <Select
                aria-label={`项目 ${i + 1} 类别`}
                value={(p.kind as string) ?? 'business'}
                disabled={form.readOnly}
                style={{ width: 180 }}
                options={PROJECT_KINDS.map((k) => ({ value: k, label: PROJECT_KIND_LABELS[k] }))}
                onChange={(v) => form.set(['expenditure', 'projects', i, 'kind'], v)}
              />
              <Button
                danger
                disabled={form.readOnly}
                onClick={() => remove(i)}
                aria-label={`删除项目 ${i + 1}`}
              >
                删除
              </Button>
            </Space>
          }
        >
          <RowNotes
            target={{ kind: 'project', ref: String(p.id) }}
            label={String(p.name || `项目 ${i + 1}`)}
          />
          <MoneyTable
            caption={`${String(p.name || `项目 ${i + 1}`)}资金`}
            rows={[{ label: '项目资金', path: ['expenditure', 'projects', i, 'money'] }]}
          />
          <details style={{ marginTop: 8 }}>
            <summary>
              项目绩效指标（{Array.isArray(p.indicators) ? p.indicators.length : 0} 项）
            </summary>
            <IndicatorGrid
              base={['expenditure', 'projects', i, 'indicators']}
              scores={scoresByProject.get(String(p.id)) ?? new Map()}
              scope={String(p.id)}
            />
          </details>
        </Card>
      ))}
      <Button onClick={add} disabled={form.readOnly}>
        添加项目
      </Button>
    </Space>
  );
}

const NARRATIVE: [string, string][] = [
  ['overview', '总体情况'],
  ['decreaseReason', '支出低于（高于）年初预算的原因'],
  ['budgetGrowthReason', '预算增长原因'],
  ['assetChangeReason', '资产变动原因'],
  ['economicBenefits', '经济效益'],
  ['socialBenefits', '社会效益'],
  ['satisfaction', '满意度'],
  ['problems', '存在的问题'],
  ['measures', '改进措施'],
  ['other', '其他需说明的事项'],
];

export function NarrativeSection() {
  return (
    <Form layout="vertical">
      <Row gutter={16}>
        {NARRATIVE.map(([k, label]) => (
          <Col span={12} key={k}>
            <Field label={label} path={['narrative', k]}>
              <TextField multiline rows={4} path={['narrative', k]} label={label} />
            </Field>
          </Col>
        ))}
      </Row>
    </Form>
  );
}
