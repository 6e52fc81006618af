/**
 * 绩效指标: the 一级 → 二级 → 三级 tree table with merged 一级/二级 cells (like 附件2), with
 * add / move / delete per row, operator / value / unit inputs for targets, and paste from Excel.
 *
 * Speed on a large dossier (issue 12): the rows are native inputs styled like antd's (an antd
 * Input, Select or autosized TextArea per cell made mounting 200 rows take seconds), each row is
 * memoised on its own data, and a grid of more than WINDOW_FROM rows mounts only the rows in its
 * scroll box (plus an overscan); a merged cell whose run began above the window is drawn again
 * on the window's first row. focusField reaches an unmounted row through revealField.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import type { IndicatorScore } from '../../../src/core/scoring/types.ts';
import {
  fieldId,
  moveItem,
  parsePath,
  pathToString,
  type Path,
  type PathKey,
} from '../lib/form.ts';
import {
  nextIndicatorId,
  rowSpans,
  visibleRows,
  windowSpans,
  type WindowCell,
} from '../lib/indicator-rows.ts';
import { REVEAL_EVENT, revealField } from '../lib/focus.ts';
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

/** Grids longer than this mount only the rows in view; shorter ones mount every row. */
const WINDOW_FROM = 60;
/** Rows mounted above and below the visible ones (Tab moves into them, the box then scrolls). */
const OVERSCAN = 8;
/** Height of a row not measured yet, pixels (one line of inputs). */
const ROW_ESTIMATE_PX = 41;

type Range = { readonly start: number; readonly end: number };

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
  // Each row's errors as one string (a memo-friendly prop), in one pass over the form's errors.
  const errorsByRow = useMemo(() => {
    const prefix = `${baseKey}[`;
    const byRow = new Map<number, Record<string, string>>();
    for (const [k, v] of form.errors) {
      if (!k.startsWith(prefix)) continue;
      const m = /^(\d+)\]\.([^.[]+)/.exec(k.slice(prefix.length));
      if (!m) continue;
      const i = Number(m[1]);
      const own = byRow.get(i) ?? {};
      own[m[2] as string] = v;
      byRow.set(i, own);
    }
    return new Map([...byRow].map(([i, own]) => [i, JSON.stringify(own)]));
  }, [form.errors, baseKey]);

  // Windowing: which rows are mounted, from the scroll box's position and the rows' heights.
  const windowed = rows.length > WINDOW_FROM;
  const boxRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  /** Measured row heights (pixels) by indicator id. */
  const heightsRef = useRef(new Map<string, number>());
  /** The first pasted row, scrolled into view after the paste is drawn. */
  const revealRef = useRef<number | null>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [range, setRange] = useState<Range>(() => ({
    start: 0,
    end: Math.ceil(window.innerHeight / ROW_ESTIMATE_PX) + OVERSCAN,
  }));
  const heightsOf = (list: readonly Row[]): number[] => {
    const known = [...heightsRef.current.values()];
    const fallback = known.length
      ? known.reduce((a, b) => a + b, 0) / known.length
      : ROW_ESTIMATE_PX;
    return list.map((r) => heightsRef.current.get(str(r.id)) ?? fallback);
  };
  const rangeNow = (cur: Range): Range => {
    const box = boxRef.current;
    if (!box || box.clientHeight === 0) return cur; // hidden tab: keep what is mounted
    const head = headRef.current?.offsetHeight ?? 0;
    const next = visibleRows(
      heightsOf(rowsRef.current),
      box.scrollTop - head,
      box.clientHeight,
      OVERSCAN,
    );
    return next.start === cur.start && next.end === cur.end ? cur : next;
  };
  const follow = () => setRange(rangeNow);
  const scrollToRow = (i: number) => {
    const box = boxRef.current;
    if (!box) return;
    const above = heightsOf(rowsRef.current.slice(0, i)).reduce((a, b) => a + b, 0);
    const head = headRef.current?.offsetHeight ?? 0;
    box.scrollTop = Math.max(0, above + head - box.clientHeight / 3);
  };
  useEffect(() => {
    const box = boxRef.current;
    if (!windowed || !box) return;
    // A tab shown again or a resized window: the box's height changes without a scroll.
    let frame = 0;
    const resized = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setRange(rangeNow));
    });
    resized.observe(box);
    // focusField asks for a row that is not mounted: scroll to it and mount it at once.
    const prefix = `${baseKey}[`;
    const onReveal = (e: Event) => {
      const path = (e as CustomEvent<string>).detail;
      if (!path.startsWith(prefix)) return;
      const i = Number.parseInt(path.slice(prefix.length), 10);
      if (!(i >= 0 && i < rowsRef.current.length)) return;
      scrollToRow(i);
      flushSync(() => setRange(rangeNow));
    };
    window.addEventListener(REVEAL_EVENT, onReveal);
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      window.removeEventListener(REVEAL_EVENT, onReveal);
    };
  }, [windowed, baseKey]);

  const start = windowed ? Math.min(range.start, Math.max(0, rows.length - 1)) : 0;
  const end = windowed ? Math.min(Math.max(range.end, start + 1), rows.length) : rows.length;
  const cells = useMemo(() => windowSpans(spans, start, end), [spans, start, end]);
  // Row heights are measured when the mounted rows change (scroll, paste, a row added or
  // removed), in that commit; a mounted row's later change of height (a cell's text wrapping as
  // it is typed) comes from a ResizeObserver, so a keystroke forces no extra layout (measuring
  // every row after each render did).
  const rowSizes = useRef<ResizeObserver | null>(null);
  const noteHeights = (seen: readonly (readonly [Element, number])[]): boolean => {
    let changed = false;
    for (const [tr, h] of seen) {
      const key = (tr as HTMLElement).dataset.indicatorId ?? '';
      if (h > 0 && Math.abs((heightsRef.current.get(key) ?? 0) - h) > 1) {
        heightsRef.current.set(key, h);
        changed = true;
      }
    }
    return changed;
  };
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!windowed || !body) return;
    const ro = (rowSizes.current ??= new ResizeObserver((entries) => {
      const seen = entries.map((e) => [e.target, e.borderBoxSize[0]?.blockSize ?? 0] as const);
      if (!noteHeights(seen)) return;
      setRange(rangeNow);
      redraw(); // the spacers follow the measured heights
    }));
    ro.disconnect();
    const trs = [...body.querySelectorAll<HTMLTableRowElement>('tr[data-indicator-id]')];
    const changed = noteHeights(trs.map((tr) => [tr, tr.offsetHeight] as const));
    for (const tr of trs) ro.observe(tr);
    if (revealRef.current !== null) {
      scrollToRow(revealRef.current);
      revealRef.current = null;
    }
    const next = rangeNow(range);
    if (next !== range) setRange(next);
    else if (changed) redraw();
  }, [windowed, start, end, rows.length]);
  useEffect(
    () => () => {
      rowSizes.current?.disconnect();
      rowSizes.current = null;
    },
    [],
  );
  const heights = windowed ? heightsOf(rows) : [];
  const sum = (from: number, to: number) => {
    let s = 0;
    for (let j = from; j < to; j += 1) s += heights[j] ?? 0;
    return s;
  };
  const spaceAbove = windowed ? sum(0, start) : 0;
  const spaceBelow = windowed ? sum(end, rows.length) : 0;

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
      <div
        ref={boxRef}
        className={windowed ? 'grid-window' : undefined}
        style={{ overflowX: 'auto' }}
        onScroll={windowed ? follow : undefined}
        data-testid="indicator-grid-box"
      >
        <table
          className="grid-table indicator-grid"
          aria-label="绩效指标"
          aria-rowcount={rows.length + 1}
        >
          <thead ref={headRef}>
            <tr aria-rowindex={1}>
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
          <tbody ref={bodyRef}>
            {rows.length === 0 && (
              <tr>
                <td colSpan={10} style={{ textAlign: 'center', color: '#999' }}>
                  尚无指标：点“添加指标”或“从 Excel 粘贴”。
                </td>
              </tr>
            )}
            {spaceAbove > 0 && <Spacer height={spaceAbove} />}
            {cells.map((cell, k) => {
              const i = start + k;
              const r = rows[i] as Row;
              const sc = scores.get(str(r.id));
              return (
                <IndicatorRow
                  key={`${str(r.id)}-${i}`}
                  row={r}
                  i={i}
                  last={i === rows.length - 1}
                  {...cellProps('1', cell.level1)}
                  {...cellProps('2', cell.level2)}
                  score={sc ? (sc.score ?? '') : undefined}
                  trace={sc?.trace ?? ''}
                  errors={errorsByRow.get(i) ?? ''}
                  ro={ro}
                  ops={ops}
                  scope={scope}
                />
              );
            })}
            {spaceBelow > 0 && <Spacer height={spaceBelow} />}
          </tbody>
        </table>
      </div>
      <PasteDialog
        open={pasteOpen}
        onClose={() => setPasteOpen(false)}
        existingIds={rows.map((r) => str(r.id))}
        onAdd={(added) => {
          // One state update for the whole paste; the grid then shows the first pasted row.
          revealRef.current = rowsRef.current.length;
          ops.setRows([...rowsRef.current, ...added]);
        }}
      />
    </div>
  );
}

/** The unmounted rows' height, so the scroll bar and the scroll position stay true. */
function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" className="grid-spacer">
      <td colSpan={10} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

/** A merged cell as primitive props (memoised rows compare props one by one). */
function cellProps(level: '1' | '2', cell: WindowCell | null) {
  return {
    [`span${level}`]: cell?.span ?? 0,
    [`run${level}Start`]: cell?.runStart ?? 0,
    [`run${level}Length`]: cell?.runLength ?? 0,
  } as Record<
    `span${typeof level}` | `run${typeof level}Start` | `run${typeof level}Length`,
    number
  >;
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
  /** rowSpan of the merged 一级 cell drawn on this row (0: none), and the run it renames. */
  span1: number;
  run1Start: number;
  run1Length: number;
  span2: number;
  run2Start: number;
  run2Length: number;
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
  run1Start,
  run1Length,
  span2,
  run2Start,
  run2Length,
  score,
  trace,
  errors,
  ro,
  ops,
  scope,
}: RowProps) {
  const errs = errors ? (JSON.parse(errors) as Record<string, string>) : {};
  const err = (field: string) =>
    errs[field] ? { title: errs[field], 'aria-invalid': true as const } : {};
  const p = (...rest: (string | number)[]) => [...ops.base, i, ...rest];
  const t: FormTarget = targetToForm(r.target);
  const mode = targetMode(t);
  const name = str(r.name) || `第 ${i + 1} 行`;
  const setRow = (patch: Record<string, unknown>) => ops.setRow(i, patch);
  const setTarget = (nt: FormTarget) => setRow({ target: nt });
  return (
    <tr data-indicator-id={str(r.id)} aria-rowindex={i + 2}>
      {span1 > 0 && (
        <td rowSpan={span1} className="merged">
          <textarea
            className="cell-input cell-text"
            rows={1}
            id={fieldId([...ops.base, run1Start, 'level1'])}
            aria-label={`一级指标（第 ${run1Start + 1} 行起）`}
            value={str(r.level1)}
            readOnly={ro}
            {...err('level1')}
            onChange={(e) => ops.renameRun(run1Start, run1Length, 'level1', e.target.value)}
          />
        </td>
      )}
      {span2 > 0 && (
        <td rowSpan={span2} className="merged">
          <textarea
            className="cell-input cell-text"
            rows={1}
            id={fieldId([...ops.base, run2Start, 'level2'])}
            aria-label={`二级指标（第 ${run2Start + 1} 行起）`}
            value={str(r.level2)}
            readOnly={ro}
            {...err('level2')}
            onChange={(e) => ops.renameRun(run2Start, run2Length, 'level2', e.target.value)}
          />
        </td>
      )}
      <td>
        <textarea
          className="cell-input cell-text"
          rows={1}
          id={fieldId(p('name'))}
          aria-label={`第 ${i + 1} 行三级指标名称`}
          value={str(r.name)}
          readOnly={ro}
          {...err('name')}
          onChange={(e) => setRow({ name: e.target.value })}
        />
        <RowNotes target={indicatorTarget(str(r.id), scope)} label={name} />
      </td>
      <td>
        <div className="cell-compact">
          <select
            className="cell-input cell-select"
            aria-label={`${name}运算符`}
            id={fieldId(p('target', 'op'))}
            value={mode}
            disabled={ro}
            style={{ width: 58, flex: 'none' }}
            onChange={(e) => setTarget(withMode(t, e.target.value as TargetMode))}
          >
            {MODE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {t.kind === 'number' && (
            <>
              <input
                className="cell-input"
                id={fieldId(p('target'))}
                aria-label={`${name}目标值`}
                value={t.value ?? ''}
                readOnly={ro}
                {...err('target')}
                onChange={(e) => setTarget({ ...t, value: normNum(e.target.value) })}
                style={{ textAlign: 'right' }}
              />
              <input
                className="cell-input"
                aria-label={`${name}计量单位`}
                value={t.unit ?? ''}
                readOnly={ro}
                style={{ width: 44, flex: 'none' }}
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
              <input
                className="cell-input"
                id={fieldId(p('target'))}
                aria-label={`${name}区间下限`}
                value={t.min ?? ''}
                readOnly={ro}
                {...err('target')}
                onChange={(e) => setTarget({ ...t, min: normNum(e.target.value) })}
              />
              <input
                className="cell-input"
                aria-label={`${name}区间上限`}
                value={t.max ?? ''}
                readOnly={ro}
                onChange={(e) => setTarget({ ...t, max: normNum(e.target.value) })}
              />
              <input
                className="cell-input"
                aria-label={`${name}计量单位`}
                value={t.unit ?? ''}
                readOnly={ro}
                style={{ width: 44, flex: 'none' }}
                onChange={(e) => setTarget({ ...t, unit: e.target.value })}
              />
            </>
          )}
          {t.kind === 'text' && (
            <input
              className="cell-input"
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
        </div>
      </td>
      <td>
        <input
          className="cell-input"
          id={fieldId(p('actual'))}
          aria-label={`${name}实际完成值`}
          value={actualToText(r.actual)}
          readOnly={ro}
          {...err('actual')}
          onChange={(e) => setRow({ actual: e.target.value })}
        />
        {t.kind === 'text' && (
          <select
            className="cell-input cell-select cell-small"
            aria-label={`${name}完成档次`}
            id={fieldId(p('tier'))}
            value={(r.tier as string | undefined) ?? ''}
            disabled={ro}
            style={{ marginTop: 4 }}
            onChange={(e) => setRow({ tier: e.target.value || undefined, kind: 'qualitative' })}
          >
            <option value="">档次</option>
            {TIER_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>
        <input
          className="cell-input"
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
        <input
          className="cell-input"
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
          <span
            tabIndex={0}
            title={trace}
            aria-label={`计算得分 ${score || '需人工评分'}：${trace}`}
          >
            {score || '人工'}
          </span>
        ) : (
          '—'
        )}
      </td>
      <td>
        <textarea
          className="cell-input cell-text cell-text-4"
          rows={1}
          id={fieldId(p('deviation'))}
          aria-label={`${name}偏差原因及改进措施`}
          value={str(r.deviation)}
          readOnly={ro}
          onChange={(e) => setRow({ deviation: e.target.value })}
        />
      </td>
      <td>
        <div className="cell-compact cell-buttons">
          <button
            type="button"
            className="cell-btn"
            aria-label={`上移${name}`}
            disabled={ro || i === 0}
            onClick={() => ops.move(i, i - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="cell-btn"
            aria-label={`下移${name}`}
            disabled={ro || last}
            onClick={() => ops.move(i, i + 1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="cell-btn"
            aria-label={`在${name}后插入指标`}
            disabled={ro}
            onClick={() => ops.insertAfter(i)}
          >
            ＋
          </button>
          <button
            type="button"
            className="cell-btn cell-btn-danger"
            aria-label={`删除${name}`}
            disabled={ro}
            onClick={() => ops.remove(i)}
          >
            ✕
          </button>
        </div>
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
  setTimeout(() => {
    revealField(path);
    document.getElementById(fieldId(path))?.focus();
  }, 50);
}
