/**
 * 绩效指标: the 一级 → 二级 → 三级 tree table with merged 一级/二级 cells (like 附件2), with
 * add / move / delete per row, operator / value / unit inputs for targets, and paste from Excel.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Input, Modal, Select, Space, Tooltip, Typography } from 'antd';
import type { IndicatorScore } from '../../../src/core/scoring/types.ts';
import {
  fieldId,
  moveItem,
  parsePath,
  pathToString,
  type Path,
  type PathKey,
} from '../lib/form.ts';
import { nextIndicatorId, rowSpans } from '../lib/indicator-rows.ts';
import {
  actualToText,
  MODE_LABELS,
  targetMode,
  targetToForm,
  withMode,
  type FormTarget,
  type TargetMode,
} from '../lib/indicator-form.ts';
import { parsePastedIndicators } from '../lib/paste.ts';
import { useForm } from './fields.tsx';
import { indicatorTarget, RowNotes } from './row-comments.tsx';
import { offerUndo } from './undo.tsx';
import { asciiDigits } from '../../../src/core/text/digits.ts';
import { QUALITATIVE_TIERS } from '../../../src/core/dossier/schema.ts';
import { TIER_LABELS } from '../../../src/core/scoring/rules.ts';

type Row = Record<string, unknown> & { id?: string; level1?: string; level2?: string };

const MODES: TargetMode[] = ['>=', '>', '<=', '<', '=', 'range', 'text', 'none'];
const TIER_OPTIONS = QUALITATIVE_TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] }));

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const normNum = (s: string) => asciiDigits(s).replace(/[．]/g, '.').trim();

export function IndicatorGrid({
  base,
  scores,
  scope,
}: {
  base: Path;
  scores: ReadonlyMap<string, IndicatorScore>;
  /** The project id when these are a project's indicators (comment targets name it). */
  scope?: string;
}) {
  const form = useForm();
  const { message } = App.useApp();
  const baseKey = pathToString(base);
  const rows = useMemo(() => {
    let cur: unknown = form.value;
    for (const p of base) cur = (cur as Record<string | number, unknown> | undefined)?.[p];
    return (Array.isArray(cur) ? cur : []) as Row[];
  }, [form.value, baseKey]);
  const spans = useMemo(
    () => rowSpans(rows.map((r) => ({ level1: str(r.level1), level2: str(r.level2) }))),
    [rows],
  );
  const [pasteOpen, setPasteOpen] = useState(false);
  const ro = form.readOnly;
  // Row operations read the latest rows through a ref, so they are stable and memoised rows
  // re-render only when their own data changes (200-row grids stay responsive while typing).
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const set = form.set;
  const ops = useMemo<RowOps>(() => {
    const basePath = parsePath(baseKey);
    const setRows = (next: Row[]) => set(basePath, next);
    return {
      base: basePath,
      setRows,
      setRow: (i, patch) => {
        const cur = rowsRef.current;
        const next = cur.slice();
        const merged: Row = { ...(cur[i] as Row), ...patch };
        for (const [k, v] of Object.entries(patch))
          if (v === undefined || v === '') delete merged[k];
        next[i] = merged;
        setRows(next);
      },
      renameRun: (start, span, key, value) => {
        const next = rowsRef.current.slice();
        for (let j = start; j < start + span; j += 1)
          next[j] = { ...(next[j] as Row), [key]: value };
        setRows(next);
      },
      move: (i, to) => setRows(moveItem(rowsRef.current, i, to)),
      remove: (i) => {
        const gone = rowsRef.current[i] as Row;
        setRows(rowsRef.current.filter((_, j) => j !== i));
        // Undo puts the row back where it was, keeping edits made since to the other rows.
        offerUndo(message, `已删除指标“${str(gone.name) || `第 ${i + 1} 行`}”`, () => {
          const cur = rowsRef.current.slice();
          cur.splice(Math.min(i, cur.length), 0, gone);
          setRows(cur);
        });
      },
      insertAfter: (i) => {
        const cur = rowsRef.current;
        const r = cur[i] as Row;
        const next = cur.slice();
        next.splice(i + 1, 0, newRow(cur, str(r.level1), str(r.level2)));
        setRows(next);
        focusLater(pathToString([...basePath, i + 1, 'name']));
      },
    };
  }, [set, baseKey, message]);
  const addGroup = () => {
    ops.setRows([...rows, newRow(rows, '产出指标', '数量指标')]);
    focusLater(pathToString([...ops.base, rows.length, 'name']));
  };
  const rowErrors = (i: number): string => {
    const prefix = `${pathToString([...ops.base, i])}.`;
    const out: Record<string, string> = {};
    for (const [k, v] of form.errors)
      if (k.startsWith(prefix)) out[k.slice(prefix.length).split(/[.[]/)[0] as string] = v;
    return Object.keys(out).length ? JSON.stringify(out) : '';
  };

  return (
    <div>
      <Space style={{ marginBottom: 8 }} wrap>
        <Button onClick={addGroup} disabled={ro}>
          添加指标
        </Button>
        <Button onClick={() => setPasteOpen(true)} disabled={ro}>
          从 Excel 粘贴
        </Button>
        <Typography.Text type="secondary">
          合并单元格中的一级、二级名称修改后作用于整组；Tab 键在单元格间移动。
        </Typography.Text>
      </Space>
      <div style={{ overflowX: 'auto' }}>
        <table className="grid-table indicator-grid" aria-label="绩效指标">
          <thead>
            <tr>
              <th scope="col" style={{ width: 72 }}>
                一级指标
              </th>
              <th scope="col" style={{ width: 84 }}>
                二级指标
              </th>
              <th scope="col" style={{ minWidth: 150 }}>
                三级指标
              </th>
              <th scope="col" style={{ width: 186 }}>
                年度指标值
              </th>
              <th scope="col" style={{ width: 96 }}>
                实际完成值
              </th>
              <th scope="col" style={{ width: 50 }}>
                分值
              </th>
              <th scope="col" style={{ width: 50 }}>
                得分
              </th>
              <th scope="col" style={{ width: 50 }}>
                计算得分
              </th>
              <th scope="col" style={{ width: 120 }}>
                偏差原因及改进措施
              </th>
              <th scope="col" style={{ width: 106 }}>
                操作
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={10} style={{ textAlign: 'center', color: '#999' }}>
                  尚无指标：点“添加指标”或“从 Excel 粘贴”。
                </td>
              </tr>
            )}
            {rows.map((r, i) => {
              const span = spans[i] ?? { level1: 1, level2: 1 };
              const sc = scores.get(str(r.id));
              return (
                <IndicatorRow
                  key={`${str(r.id)}-${i}`}
                  row={r}
                  i={i}
                  last={i === rows.length - 1}
                  span1={span.level1}
                  span2={span.level2}
                  score={sc ? (sc.score ?? '') : undefined}
                  trace={sc?.trace ?? ''}
                  errors={rowErrors(i)}
                  ro={ro}
                  ops={ops}
                  scope={scope}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      <PasteDialog
        open={pasteOpen}
        onClose={() => setPasteOpen(false)}
        existingIds={rows.map((r) => str(r.id))}
        onAdd={(added) => ops.setRows([...rowsRef.current, ...added])}
      />
    </div>
  );
}

interface RowOps {
  readonly base: PathKey[];
  readonly setRows: (next: Row[]) => void;
  readonly setRow: (i: number, patch: Record<string, unknown>) => void;
  readonly renameRun: (
    start: number,
    span: number,
    key: 'level1' | 'level2',
    value: string,
  ) => void;
  readonly move: (i: number, to: number) => void;
  readonly remove: (i: number) => void;
  readonly insertAfter: (i: number) => void;
}

function newRow(rows: readonly Row[], l1: string, l2: string): Row {
  return {
    id: nextIndicatorId(rows.map((r) => str(r.id))),
    level1: l1,
    level2: l2,
    name: '',
    target: { kind: 'number', op: '>=', value: '', unit: '%' },
    weight: '',
  };
}

interface RowProps {
  row: Row;
  i: number;
  last: boolean;
  span1: number;
  span2: number;
  score: string | undefined;
  trace: string;
  errors: string;
  ro: boolean;
  ops: RowOps;
  scope: string | undefined;
}

const IndicatorRow = memo(function IndicatorRow({
  row: r,
  i,
  last,
  span1,
  span2,
  score,
  trace,
  errors,
  ro,
  ops,
  scope,
}: RowProps) {
  const errs = errors ? (JSON.parse(errors) as Record<string, string>) : {};
  const err = (field: string) =>
    errs[field] ? { status: 'error' as const, title: errs[field], 'aria-invalid': true } : {};
  const p = (...rest: (string | number)[]) => [...ops.base, i, ...rest];
  const t: FormTarget = targetToForm(r.target);
  const mode = targetMode(t);
  const name = str(r.name) || `第 ${i + 1} 行`;
  const setRow = (patch: Record<string, unknown>) => ops.setRow(i, patch);
  const setTarget = (nt: FormTarget) => setRow({ target: nt });
  return (
    <tr data-indicator-id={str(r.id)}>
      {span1 > 0 && (
        <td rowSpan={span1} className="merged">
          <Input.TextArea
            id={fieldId(p('level1'))}
            aria-label={`一级指标（第 ${i + 1} 行起）`}
            autoSize
            value={str(r.level1)}
            readOnly={ro}
            {...err('level1')}
            onChange={(e) => ops.renameRun(i, span1, 'level1', e.target.value)}
          />
        </td>
      )}
      {span2 > 0 && (
        <td rowSpan={span2} className="merged">
          <Input.TextArea
            id={fieldId(p('level2'))}
            aria-label={`二级指标（第 ${i + 1} 行起）`}
            autoSize
            value={str(r.level2)}
            readOnly={ro}
            {...err('level2')}
            onChange={(e) => ops.renameRun(i, span2, 'level2', e.target.value)}
          />
        </td>
      )}
      <td>
        <Input.TextArea
          id={fieldId(p('name'))}
          aria-label={`第 ${i + 1} 行三级指标名称`}
          autoSize
          value={str(r.name)}
          readOnly={ro}
          {...err('name')}
          onChange={(e) => setRow({ name: e.target.value })}
        />
        <RowNotes target={indicatorTarget(str(r.id), scope)} label={name} />
      </td>
      <td>
        <Space.Compact style={{ width: '100%' }}>
          <Select<TargetMode>
            aria-label={`${name}运算符`}
            id={fieldId(p('target', 'op'))}
            value={mode}
            disabled={ro}
            style={{ width: 58 }}
            options={MODE_OPTIONS}
            onChange={(m) => setTarget(withMode(t, m))}
          />
          {t.kind === 'number' && (
            <>
              <Input
                id={fieldId(p('target'))}
                aria-label={`${name}目标值`}
                value={t.value ?? ''}
                readOnly={ro}
                {...err('target')}
                onChange={(e) => setTarget({ ...t, value: normNum(e.target.value) })}
                style={{ textAlign: 'right' }}
              />
              <Input
                aria-label={`${name}计量单位`}
                value={t.unit ?? ''}
                readOnly={ro}
                style={{ width: 44 }}
                onChange={(e) =>
                  setTarget(
                    e.target.value
                      ? { ...t, unit: e.target.value }
                      : { kind: t.kind, ...(t.op ? { op: t.op } : {}), value: t.value ?? '' },
                  )
                }
              />
            </>
          )}
          {t.kind === 'range' && (
            <>
              <Input
                id={fieldId(p('target'))}
                aria-label={`${name}区间下限`}
                value={t.min ?? ''}
                readOnly={ro}
                {...err('target')}
                onChange={(e) => setTarget({ ...t, min: normNum(e.target.value) })}
              />
              <Input
                aria-label={`${name}区间上限`}
                value={t.max ?? ''}
                readOnly={ro}
                onChange={(e) => setTarget({ ...t, max: normNum(e.target.value) })}
              />
              <Input
                aria-label={`${name}计量单位`}
                value={t.unit ?? ''}
                readOnly={ro}
                style={{ width: 44 }}
                onChange={(e) => setTarget({ ...t, unit: e.target.value })}
              />
            </>
          )}
          {t.kind === 'text' && (
            <Input
              id={fieldId(p('target'))}
              aria-label={`${name}定性目标`}
              value={t.text ?? ''}
              readOnly={ro}
              {...err('target')}
              // Cleared: the target is not stated (absent), not an empty phrase.
              onChange={(e) =>
                setRow({
                  target: e.target.value ? { kind: 'text', text: e.target.value } : undefined,
                })
              }
            />
          )}
        </Space.Compact>
      </td>
      <td>
        <Input
          id={fieldId(p('actual'))}
          aria-label={`${name}实际完成值`}
          value={actualToText(r.actual)}
          readOnly={ro}
          {...err('actual')}
          onChange={(e) => setRow({ actual: e.target.value })}
        />
        {t.kind === 'text' && (
          <Select
            aria-label={`${name}完成档次`}
            id={fieldId(p('tier'))}
            value={(r.tier as string | undefined) ?? null}
            disabled={ro}
            allowClear
            placeholder="档次"
            size="small"
            style={{ width: '100%', marginTop: 4 }}
            options={TIER_OPTIONS}
            onChange={(v) => setRow({ tier: v ?? undefined, kind: 'qualitative' })}
          />
        )}
      </td>
      <td>
        <Input
          id={fieldId(p('weight'))}
          aria-label={`${name}分值`}
          value={str(r.weight)}
          readOnly={ro}
          {...err('weight')}
          style={{ textAlign: 'right' }}
          onChange={(e) => setRow({ weight: normNum(e.target.value) })}
        />
      </td>
      <td>
        <Input
          id={fieldId(p('score'))}
          aria-label={`${name}得分`}
          value={str(r.score)}
          readOnly={ro}
          {...err('score')}
          style={{ textAlign: 'right' }}
          onChange={(e) => setRow({ score: normNum(e.target.value) })}
        />
      </td>
      <td className="computed" data-testid={`computed-${str(r.id)}`}>
        {score !== undefined ? (
          <Tooltip title={trace}>
            <span tabIndex={0} aria-label={`计算得分 ${score || '需人工评分'}：${trace}`}>
              {score || '人工'}
            </span>
          </Tooltip>
        ) : (
          '—'
        )}
      </td>
      <td>
        <Input.TextArea
          id={fieldId(p('deviation'))}
          aria-label={`${name}偏差原因及改进措施`}
          autoSize={{ minRows: 1, maxRows: 4 }}
          value={str(r.deviation)}
          readOnly={ro}
          onChange={(e) => setRow({ deviation: e.target.value })}
        />
      </td>
      <td>
        <Space.Compact size="small">
          <Button
            size="small"
            aria-label={`上移${name}`}
            disabled={ro || i === 0}
            onClick={() => ops.move(i, i - 1)}
          >
            ↑
          </Button>
          <Button
            size="small"
            aria-label={`下移${name}`}
            disabled={ro || last}
            onClick={() => ops.move(i, i + 1)}
          >
            ↓
          </Button>
          <Button
            size="small"
            aria-label={`在${name}后插入指标`}
            disabled={ro}
            onClick={() => ops.insertAfter(i)}
          >
            ＋
          </Button>
          <Button
            size="small"
            danger
            aria-label={`删除${name}`}
            disabled={ro}
            onClick={() => ops.remove(i)}
          >
            ✕
          </Button>
        </Space.Compact>
      </td>
    </tr>
  );
});

const MODE_OPTIONS = MODES.map((m) => ({ value: m, label: MODE_LABELS[m] }));

function PasteDialog({
  open,
  onClose,
  existingIds,
  onAdd,
}: {
  open: boolean;
  onClose: () => void;
  existingIds: string[];
  onAdd: (rows: Row[]) => void;
}) {
  const [text, setText] = useState('');
  const ids: string[] = [];
  const result = parsePastedIndicators(text, () => {
    const id = nextIndicatorId([...existingIds, ...ids]);
    ids.push(id);
    return id;
  });
  return (
    <Modal
      open={open}
      title="从 Excel 粘贴指标"
      okText={`添加 ${result.rows.length} 行`}
      cancelText="取消"
      okButtonProps={{ disabled: result.rows.length === 0 }}
      onCancel={onClose}
      onOk={() => {
        onAdd(result.rows.map((r) => ({ ...r, target: targetToForm(r.target) })));
        setText('');
        onClose();
      }}
      width={760}
    >
      <Typography.Paragraph>
        在 Excel
        中选中指标行（列顺序：一级指标、二级指标、三级指标、年度指标值、实际完成值、分值、得分、偏差原因），复制后粘贴到下面。合并单元格留空的一级、二级取上一行的值。
      </Typography.Paragraph>
      <Input.TextArea
        id="paste-text"
        aria-label="粘贴内容"
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {text && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text>识别到 {result.rows.length} 行指标。</Typography.Text>
          {result.problems.map((pr) => (
            <Alert key={pr.line} type="warning" title={pr.message} style={{ marginTop: 4 }} />
          ))}
        </div>
      )}
    </Modal>
  );
}

function focusLater(path: string) {
  setTimeout(() => document.getElementById(fieldId(path))?.focus(), 50);
}
