/**
 * One unit-year: the dossier editor (editor role), the review screen (reviewer role) and a
 * read-only view otherwise. Score and findings are recomputed in the browser on every edit.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Input,
  Layout,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Finding } from '../../../src/core/audit/types.ts';
import type { IndicatorScore } from '../../../src/core/scoring/types.ts';
import {
  api,
  ApiError,
  reportUrl,
  type Comment,
  type CommentTarget,
  type DossierRecord,
  type WorkflowAction,
} from '../api.ts';
import {
  nextStatus,
  shouldSave,
  statusText,
  type SaveStatus,
  type SaveEvent,
} from '../lib/autosave.ts';
import { diffJson, showValue } from '../lib/diff.ts';
import { changeText, fieldMessage, labelledMessage, pathLabel } from '../lib/labels.ts';
import { commentTargetLabel } from '../lib/comment-targets.ts';
import { mergeThreeWay, resolveConflicts, type MergeConflict } from '../lib/merge.ts';
import { focusField, SECTION_LABELS, sectionOf, type SectionKey } from '../lib/focus.ts';
import { setIn, type Path } from '../lib/form.ts';
import { findingPath, validateEntered } from '../lib/live.ts';
import { useLive } from '../lib/live-client.ts';
import { forEditor } from '../lib/normalise.ts';
import { rulesetNameOf, useRuleset } from '../lib/rulesets.ts';
import { href } from '../lib/router.ts';
import { useSession } from '../session.tsx';
import { FormContext, type FormApi } from '../components/fields.tsx';
import { IndicatorGrid } from '../components/indicator-grid.tsx';
import { ReportFrame } from '../components/report-frame.tsx';
import { ScorePanel } from '../components/score-panel.tsx';
import { StatusTag } from '../components/status.tsx';
import {
  RowCommentsContext,
  sameTarget,
  type RowCommentsApi,
} from '../components/row-comments.tsx';
import {
  BasicSection,
  MoneySection,
  NarrativeSection,
  ProjectsSection,
  ThreePublicSection,
} from './dossier-sections.tsx';

const AUTOSAVE_MS = 800;
/** At most one local copy per this many milliseconds while typing. */
const LOCAL_COPY_MS = 250;
const backupKey = (id: string) => `jixiao:unsaved:${id}`;

/** Edits kept in this browser until the server acknowledges them. */
interface LocalCopy {
  /** The server version the edits were made on. */
  readonly version: number;
  readonly dossier: Record<string, unknown>;
  readonly savedAt: string;
  /** Fields that differ from what the server has now. */
  readonly changes: number;
}

function writeLocalCopy(id: string, copy: { version: number; dossier: unknown }): void {
  try {
    localStorage.setItem(
      backupKey(id),
      JSON.stringify({ ...copy, savedAt: new Date().toISOString() }),
    );
  } catch {
    /* storage full or disabled: the leave-page prompt still guards the edits */
  }
}

function removeLocalCopy(id: string): void {
  try {
    localStorage.removeItem(backupKey(id));
  } catch {
    /* ignore */
  }
}

/** The kept copy when it differs from the server's content; a copy equal to it is dropped. */
function readLocalCopy(id: string, server: unknown): LocalCopy | null {
  try {
    const raw = localStorage.getItem(backupKey(id));
    if (!raw) return null;
    const c = JSON.parse(raw) as Omit<LocalCopy, 'changes'>;
    const changes = diffJson(server, c.dossier, Infinity).length;
    if (changes === 0 || typeof c.version !== 'number') {
      localStorage.removeItem(backupKey(id));
      return null;
    }
    return { ...c, changes };
  } catch {
    return null;
  }
}

export function DossierPage({ id }: { id: string }) {
  const record = useQuery({ queryKey: ['dossier', id], queryFn: () => api.dossier(id) });
  if (record.isLoading) return <Spin aria-label="加载中" />;
  if (record.error || !record.data)
    return (
      <Alert
        type="error"
        title={record.error instanceof ApiError ? record.error.message : '无法加载档案'}
      />
    );
  return <DossierEditor key={`${record.data.id}`} record={record.data} />;
}

function DossierEditor({ record }: { record: DossierRecord }) {
  const id = String(record.id);
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form, setForm] = useState<Record<string, unknown>>(() =>
    forEditor(record.dossier as unknown as Record<string, unknown>),
  );
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved', version: record.version });
  const [recStatus, setRecStatus] = useState(record.status);
  const [tab, setTab] = useState<SectionKey | 'review'>('basic');
  const [historyOpen, setHistoryOpen] = useState(false);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [returnOpen, setReturnOpen] = useState(false);
  const [unpublishOpen, setUnpublishOpen] = useState(false);
  /** The error count when an admin is asked for a reason to submit anyway (0: closed). */
  const [overrideOpen, setOverrideOpen] = useState(0);
  const [commentOn, setCommentOn] = useState<{ target: CommentTarget; label: string } | null>(null);
  const [serverErrors, setServerErrors] = useState<{ path: string; message: string }[]>([]);
  const formRef = useRef(form);
  formRef.current = form;
  const statusRef = useRef(status);
  statusRef.current = status;
  const dispatch = useCallback((e: SaveEvent) => setStatus((s) => nextStatus(s, e)), []);

  const role = user?.role;
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === false;
  const ownUnit = role === 'editor' && String(user?.unitId) === String(record.unitId);
  const editable =
    (ownUnit && (recStatus === 'draft' || recStatus === 'returned')) || role === 'admin';

  // Typing renders at once; score + audit are computed in a worker and follow (useLive).
  const rulesetState = useRuleset(rulesetNameOf(form));
  const ruleset = rulesetState.kind === 'ready' ? rulesetState.ruleset : null;
  const { live, of: liveOf } = useLive(form, ruleset);
  // The same errors as before keep the same map, so the fields do not all re-render.
  const errorMapRef = useRef<ReadonlyMap<string, string>>(new Map());
  const errorMap = useMemo(() => {
    const m = new Map<string, string>();
    if (!live.validation.ok)
      for (const e of live.validation.errors)
        if (e.where.path) m.set(e.where.path, fieldMessage(e.message, e.where.path));
    for (const e of serverErrors) m.set(e.path, fieldMessage(e.message, e.path));
    const prev = errorMapRef.current;
    const same = prev.size === m.size && [...m].every(([k, v]) => prev.get(k) === v);
    if (!same) errorMapRef.current = m;
    return errorMapRef.current;
  }, [live, serverErrors]);

  const setField = useCallback((path: Path, value: unknown) => {
    setForm((f) => setIn(f, path, value));
  }, []);

  // The last content the server acknowledged: the base of a three-way merge on a conflict, and
  // what "unsaved" is measured against (leave-page prompt).
  const ackedRef = useRef(form);
  const baseRef = useRef(form);
  const [recovery, setRecovery] = useState<LocalCopy | null>(() => readLocalCopy(id, form));
  const [merge, setMerge] = useState<PendingMerge | null>(null);
  const [sessionExpired, setSessionExpired] = useState(false);

  // Every edit is kept in this browser until the server acknowledges it: a reload, a crash or an
  // expired session loses nothing. Writes are coalesced to one per LOCAL_COPY_MS while typing (a
  // copy of a 200-row dossier on every keystroke was costly); leaving or hiding the page writes
  // at once.
  const localWrite = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keepLocalNow = useCallback(() => {
    if (localWrite.current) clearTimeout(localWrite.current);
    localWrite.current = null;
    if (formRef.current === ackedRef.current) return;
    writeLocalCopy(id, { version: statusRef.current.version, dossier: formRef.current });
  }, [id]);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (form === ackedRef.current || localWrite.current) return;
    localWrite.current = setTimeout(keepLocalNow, LOCAL_COPY_MS);
  }, [form, keepLocalNow]);
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') keepLocalNow();
    };
    window.addEventListener('pagehide', keepLocalNow);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', keepLocalNow);
      document.removeEventListener('visibilitychange', onHide);
      if (localWrite.current) keepLocalNow(); // leaving the editor inside the app
    };
  }, [keepLocalNow]);

  // An edit is unsaved, and queued for the autosave, the moment it is made: nothing here waits
  // for its score (the worker may lag or fail). Whether it is valid is shown when its result is
  // in, and checked before the save when it is not in yet.
  useEffect(() => {
    if (form === ackedRef.current) return;
    dispatch({ type: 'edit', valid: true, errors: 0 });
  }, [form, dispatch]);
  useEffect(() => {
    if (liveOf !== form || form === ackedRef.current || live.validation.ok) return;
    dispatch({ type: 'edit', valid: false, errors: live.validation.errors.length });
  }, [form, liveOf, live, dispatch]);
  const liveRef = useRef({ live, of: liveOf });
  liveRef.current = { live, of: liveOf };

  // Leaving with edits the server has not acknowledged asks first.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (formRef.current === ackedRef.current) return;
      keepLocalNow();
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [keepLocalNow]);

  const save = useCallback(
    async (version: number, dossier: Record<string, unknown>) => {
      dispatch({ type: 'start' });
      try {
        const res = await api.save(id, version, dossier as never);
        setServerErrors([]);
        setSessionExpired(false);
        ackedRef.current = dossier;
        baseRef.current = dossier;
        const stillDirty = formRef.current !== dossier;
        if (!stillDirty) removeLocalCopy(id);
        else writeLocalCopy(id, { version: res.version, dossier: formRef.current });
        dispatch({ type: 'ok', version: res.version, stillDirty });
        void qc.invalidateQueries({ queryKey: ['revisions', id] });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          const cur = e.body.current as
            | { version: number; dossier: unknown; updatedBy?: string; updatedAt?: string }
            | undefined;
          if (cur) {
            const theirs = forEditor(cur.dossier as Record<string, unknown>);
            const m = mergeThreeWay(baseRef.current, formRef.current, theirs);
            baseRef.current = theirs;
            ackedRef.current = theirs;
            if (m.conflicts.length === 0) {
              // Different fields: combine without asking, then save the combination.
              formRef.current = m.merged;
              setForm(m.merged);
              writeLocalCopy(id, { version: cur.version, dossier: m.merged });
              dispatch({ type: 'resolved', version: cur.version, dirty: true });
              message.info(
                `${cur.updatedBy ?? '他人'}同时修改了 ${m.taken.length} 处其他内容，已合并`,
              );
              return;
            }
            setMerge({ merged: m.merged, conflicts: m.conflicts, theirs, taken: m.taken.length });
            dispatch({ type: 'conflict', theirs: cur });
            return;
          }
        }
        if (e instanceof ApiError && e.status === 401) {
          setSessionExpired(true);
          dispatch({ type: 'fail', message: '登录已过期，修改已保存在本机' });
          return;
        }
        if (e instanceof ApiError && e.status === 422) {
          const details =
            (e.body.error as { details?: { path: string; message: string }[] } | undefined)
              ?.details ?? [];
          setServerErrors(details);
        }
        dispatch({ type: 'fail', message: e instanceof ApiError ? e.message : '网络错误' });
      }
    },
    [id, dispatch, qc, message],
  );

  useEffect(() => {
    if (!editable || !shouldSave(status)) return;
    const t = setTimeout(() => {
      const f = formRef.current;
      // The live result of exactly this state when it is in, else the same check here.
      const v = liveRef.current.of === f ? liveRef.current.live.validation : validateEntered(f);
      if (v.ok) void save(status.version, f);
      else dispatch({ type: 'edit', valid: false, errors: v.errors.length });
    }, AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [status, editable, save, form, dispatch]);

  const flush = async (): Promise<boolean> => {
    if (statusRef.current.kind === 'dirty' || statusRef.current.kind === 'error')
      await save(statusRef.current.version, formRef.current);
    for (let i = 0; i < 50 && statusRef.current.kind === 'saving'; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    return statusRef.current.kind === 'saved';
  };

  /** Submit, approve and publish are asked once more; submit is refused while errors remain. */
  const confirmTransition = (action: 'submit' | 'approve' | 'publish') => {
    const errorCount = live.findings.filter((f) => f.severity === 'error').length;
    if (action === 'submit' && role === 'admin' && live.complete && errorCount > 0) {
      setOverrideOpen(errorCount);
      return;
    }
    if (action === 'submit' && (errorCount > 0 || !live.complete)) {
      modal.warning({
        title: '还不能提交审核',
        content: !live.complete
          ? `还有 ${live.validation.ok ? 0 : live.validation.errors.length} 处输入错误，修正后才能提交。`
          : `审核发现还有 ${errorCount} 个错误级问题，修正后才能提交（右侧“审核发现”中点击可定位）。`,
        okText: '知道了',
      });
      return;
    }
    const text = {
      submit: { title: '提交审核？', body: '提交后不能再修改，除非审核人员退回。', ok: '提交' },
      approve: { title: '审核通过？', body: '通过后可公开发布。', ok: '通过' },
      publish: {
        title: '公开发布？',
        body: '发布后任何人都能在公开页面看到本报告。',
        ok: '发布',
      },
    }[action];
    modal.confirm({
      title: text.title,
      content: text.body,
      okText: text.ok,
      cancelText: '取消',
      onOk: () => transition(action),
    });
  };

  const transition = async (action: WorkflowAction, comment?: string, overrideReason?: string) => {
    if (action === 'submit' && !(await flush())) {
      message.error('请先处理未保存的修改');
      return;
    }
    try {
      const rec = await api.transition(id, action, comment, overrideReason);
      setRecStatus(rec.status);
      message.success(
        {
          submit: '已提交审核',
          return: '已退回',
          approve: '已通过',
          publish: '已公开',
          unpublish: '已撤回发布',
        }[action],
      );
      void qc.invalidateQueries({ queryKey: ['steps', id] });
      void qc.invalidateQueries({ queryKey: ['dossiers'] });
      void qc.invalidateQueries({ queryKey: ['comments', id] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };

  const indicatorIndex = useCallback((indId: string, scope?: string) => {
    const f = formRef.current as {
      indicators?: { id?: string }[];
      expenditure?: { projects?: { id?: string; indicators?: { id?: string }[] }[] };
    };
    if (scope) {
      const pi = f.expenditure?.projects?.findIndex((p) => p.id === scope) ?? -1;
      const ii =
        pi >= 0
          ? (f.expenditure?.projects?.[pi]?.indicators?.findIndex((x) => x.id === indId) ?? -1)
          : -1;
      return ii >= 0 ? `expenditure.projects[${pi}].indicators[${ii}]` : undefined;
    }
    const i = f.indicators?.findIndex((x) => x.id === indId) ?? -1;
    return i >= 0 ? `indicators[${i}]` : undefined;
  }, []);

  const focusOn = useCallback(
    ({ path, finding }: { path?: string; finding?: Finding }) => {
      let p = path ?? (finding ? findingPath(finding, indicatorIndex) : undefined);
      if (!p) return;
      if (
        finding?.indicatorId &&
        /^((expenditure\.projects\[\d+\]\.)?indicators\[\d+\])$/.test(p)
      ) {
        const field = /deviation|reason/i.test(finding.code)
          ? 'deviation'
          : /weight/i.test(finding.code)
            ? 'weight'
            : /actual|measurable/i.test(finding.code)
              ? 'actual'
              : /target|unit|operator/i.test(finding.code)
                ? 'target'
                : 'score';
        p = `${p}.${field}`;
      }
      const section = sectionOf(p);
      setTab(section);
      if (section === 'projects') {
        const m = /^expenditure\.projects\[(\d+)\]\.indicators/.exec(p);
        if (m)
          setTimeout(
            () => document.querySelectorAll('details')[Number(m[1])]?.setAttribute('open', ''),
            0,
          );
      }
      setTimeout(() => focusField(p as string), 60);
    },
    [indicatorIndex],
  );

  const scores = useMemo(() => {
    const unit = new Map<string, IndicatorScore>();
    const byProject = new Map<string, Map<string, IndicatorScore>>();
    for (const s of live.score?.indicators ?? []) unit.set(s.id, s);
    for (const ps of live.score?.projects ?? [])
      byProject.set(ps.projectId, new Map(ps.indicators.map((s) => [s.id, s])));
    return { unit, byProject };
  }, [live.score]);
  const derived = live.derived;

  const api_: FormApi = useMemo(
    () => ({ value: form, set: setField, readOnly: !editable, errors: errorMap }),
    [form, setField, editable, errorMap],
  );

  const restoreLocal = async (copy: LocalCopy) => {
    setRecovery(null);
    let base = baseRef.current;
    if (copy.version !== record.version) {
      try {
        base = forEditor(
          (await api.revision(id, copy.version)).dossier as unknown as Record<string, unknown>,
        );
      } catch {
        base = copy.dossier; // the old version is gone: every server change counts as theirs
      }
    }
    const m = mergeThreeWay(base, copy.dossier, baseRef.current);
    formRef.current = m.merged;
    setForm(m.merged);
    if (m.conflicts.length > 0) {
      setMerge({ merged: m.merged, conflicts: m.conflicts, theirs: baseRef.current, taken: 0 });
      dispatch({
        type: 'conflict',
        theirs: { version: record.version, dossier: baseRef.current, updatedBy: record.updatedBy },
      });
    } else dispatch({ type: 'resolved', version: record.version, dirty: true });
  };

  /** An earlier version's content becomes a new revision (the current one stays in history). */
  const confirmRestore = (version: number) =>
    modal.confirm({
      title: `恢复第 ${version} 版？`,
      content: '恢复后生成新的版本，当前内容仍保留在历史版本中，可随时再恢复。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        if (!(await flush())) {
          message.error('请先处理未保存的修改');
          return;
        }
        try {
          const r = await api.restore(id, version, statusRef.current.version);
          const restored = forEditor(r.dossier as unknown as Record<string, unknown>);
          ackedRef.current = restored;
          baseRef.current = restored;
          formRef.current = restored;
          setForm(restored);
          removeLocalCopy(id);
          dispatch({ type: 'resolved', version: r.version, dirty: false });
          message.success(`已恢复第 ${version} 版（保存为第 ${r.version} 版）`);
          void qc.invalidateQueries({ queryKey: ['revisions', id] });
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : '恢复失败');
        }
      },
    });

  // The panel is drawn again only when its result changes, not on every keystroke.
  const unscoredReason =
    rulesetState.kind === 'unknown'
      ? `规则集“${rulesetState.name}”不可用，无法评分`
      : '正在读取评分规则…';
  const scorePanel = useMemo(
    () => (
      <ScorePanel
        live={live}
        onFocus={focusOn}
        rowLabel={(p) => pathLabel(p, formRef.current)}
        describeError={(e) => labelledMessage(e.message, e.where.path, formRef.current)}
        unscoredReason={unscoredReason}
      />
    ),
    [live, focusOn, unscoredReason],
  );

  const unitName = String((form.unit as { name?: string } | undefined)?.name ?? '');
  const isReviewer = role === 'reviewer' || role === 'admin';

  // 审核意见 shown on the rows they are about; reviewers add them there.
  const comments = useQuery({ queryKey: ['comments', id], queryFn: () => api.comments(id) });
  const rowComments = useMemo<RowCommentsApi>(() => {
    const all: readonly Comment[] = comments.data ?? [];
    return {
      of: (t) => all.filter((c) => sameTarget(c.target, t)),
      add: isReviewer ? (target, label) => setCommentOn({ target, label }) : undefined,
    };
  }, [comments.data, isReviewer]);

  const pane = (key: SectionKey | 'review', children: ReactNode) => (
    <Pane active={tab === key} form={api_}>
      {children}
    </Pane>
  );
  const tabs = [
    { key: 'basic', label: SECTION_LABELS.basic, children: pane('basic', <BasicSection />) },
    {
      key: 'money',
      label: SECTION_LABELS.money,
      children: pane('money', <MoneySection derived={derived} />),
    },
    {
      key: 'threePublic',
      label: SECTION_LABELS.threePublic,
      children: pane('threePublic', <ThreePublicSection />),
    },
    {
      key: 'projects',
      label: SECTION_LABELS.projects,
      children: pane('projects', <ProjectsSection scoresByProject={scores.byProject} />),
    },
    {
      key: 'indicators',
      label: SECTION_LABELS.indicators,
      children: pane('indicators', <IndicatorGrid base={['indicators']} scores={scores.unit} />),
    },
    {
      key: 'narrative',
      label: SECTION_LABELS.narrative,
      children: pane('narrative', <NarrativeSection />),
    },
    {
      key: 'review',
      label: '审核意见',
      children: pane(
        'review',
        <CommentsPane
          id={id}
          findings={live.findings}
          indicators={(form.indicators as { id?: string; name?: string }[] | undefined) ?? []}
          canComment={isReviewer || ownUnit}
          form={form}
        />,
      ),
    },
  ];

  return (
    <FormContext.Provider value={api_}>
      <RowCommentsContext.Provider value={rowComments}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
          <Space wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="dossier-title">
              {unitName || '（未命名单位）'} {String(form.year ?? record.year)}年度
            </Typography.Title>
            <StatusTag status={recStatus} />
            <Typography.Text
              type={status.kind === 'conflict' || status.kind === 'error' ? 'danger' : 'secondary'}
              data-testid="save-status"
              role="status"
            >
              {editable ? statusText(status) : '只读'}
            </Typography.Text>
          </Space>
          <Space wrap>
            <Button onClick={() => setHistoryOpen(true)}>历史版本</Button>
            <Button onClick={() => setPreviewOpen(true)}>预览报告</Button>
            <Dropdown
              menu={{
                items: (['docx', 'xlsx', 'pdf'] as const).map((ext) => ({
                  key: ext,
                  label: (
                    <a href={reportUrl(id, ext)} download data-testid={`download-${ext}`}>
                      {
                        {
                          docx: 'Word 报告（.docx）',
                          xlsx: 'Excel 附件表（.xlsx）',
                          pdf: 'PDF 报告',
                        }[ext]
                      }
                    </a>
                  ),
                })),
              }}
            >
              <Button>下载</Button>
            </Dropdown>
            <a href={href({ name: 'compare', unitId: String(record.unitId) })}>历年对比</a>
            {(ownUnit || role === 'admin') &&
              (recStatus === 'draft' || recStatus === 'returned') && (
                <Button type="primary" onClick={() => confirmTransition('submit')}>
                  {recStatus === 'returned' ? '重新提交审核' : '提交审核'}
                </Button>
              )}
            {isReviewer && recStatus === 'submitted' && (
              <>
                <Button danger onClick={() => setReturnOpen(true)}>
                  退回修改
                </Button>
                <Button type="primary" onClick={() => confirmTransition('approve')}>
                  审核通过
                </Button>
              </>
            )}
            {isReviewer && recStatus === 'approved' && (
              <Button type="primary" onClick={() => confirmTransition('publish')}>
                公开发布
              </Button>
            )}
            {isReviewer && recStatus === 'published' && (
              <Button danger onClick={() => setUnpublishOpen(true)}>
                撤回发布
              </Button>
            )}
          </Space>
        </Space>
        {!editable && role === 'editor' && recStatus !== 'draft' && recStatus !== 'returned' && (
          <Alert
            type="info"
            title="已提交的档案不能修改；退回后可继续编辑。"
            style={{ marginBottom: 8 }}
          />
        )}
        {recStatus === 'returned' && <ReturnBanner id={id} />}
        {recovery && (
          <Alert
            type="warning"
            showIcon
            data-testid="local-copy"
            style={{ marginBottom: 8 }}
            title={
              `本机保存有 ${recovery.changes} 处尚未上传的修改` +
              `（${new Date(recovery.savedAt).toLocaleString('zh-CN')}）`
            }
            action={
              <Space>
                <Button type="primary" size="small" onClick={() => void restoreLocal(recovery)}>
                  恢复这些修改
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    removeLocalCopy(id);
                    setRecovery(null);
                  }}
                >
                  丢弃
                </Button>
              </Space>
            }
          />
        )}
        {sessionExpired && (
          <Alert
            type="error"
            showIcon
            data-testid="session-expired"
            style={{ marginBottom: 8 }}
            title="登录已过期，修改没有上传，但已保存在本机。重新登录后打开本档案即可恢复。"
            action={
              <Button size="small" type="primary" href={href({ name: 'login' })}>
                重新登录
              </Button>
            }
          />
        )}
        {serverErrors.length > 0 && (
          <Alert
            type="error"
            title={`服务器拒绝保存：${serverErrors
              .map((e) => labelledMessage(e.message, e.path.replace(/^body\.dossier\./, ''), form))
              .join('；')}`}
            style={{ marginBottom: 8 }}
          />
        )}
        {narrow ? (
          // Phone and tablet: the score panel folds into a bar above the form.
          <details className="score-bar" data-testid="score-bar">
            <summary>
              {live.score ? `总分 ${live.score.total}` : '评分'}
              {!live.complete ? ' · 未完成' : ''}
              {` · 错误 ${live.findings.filter((f) => f.severity === 'error').length}`}
              （点开查看评分与审核）
            </summary>
            {scorePanel}
          </details>
        ) : null}
        <Layout style={{ background: 'transparent' }}>
          <Layout.Content
            style={{ minWidth: 0, background: '#fff', padding: '0 12px 12px', borderRadius: 4 }}
          >
            <Tabs activeKey={tab} onChange={(k) => setTab(k as SectionKey)} items={tabs} />
          </Layout.Content>
          {!narrow && (
            <Layout.Sider
              width={330}
              theme="light"
              style={{ background: 'transparent', marginLeft: 12 }}
            >
              {scorePanel}
            </Layout.Sider>
          )}
        </Layout>
        {status.kind === 'conflict' && merge && (
          <ConflictDialog
            theirs={status.theirs}
            merge={merge}
            form={form}
            onResolve={(takeTheirs) => {
              const resolved = resolveConflicts(merge.merged, merge.conflicts, takeTheirs);
              formRef.current = resolved;
              setForm(resolved);
              setMerge(null);
              writeLocalCopy(id, { version: status.theirs.version, dossier: resolved });
              dispatch({ type: 'resolved', version: status.theirs.version, dirty: true });
            }}
          />
        )}
        <HistoryDrawer
          id={id}
          form={form}
          open={historyOpen}
          onClose={() => setHistoryOpen(false)}
          onRestore={editable ? confirmRestore : undefined}
        />
        <Modal
          open={previewOpen}
          onCancel={() => setPreviewOpen(false)}
          footer={null}
          width={980}
          title="报告预览"
          destroyOnHidden
        >
          <ReportFrame title="报告预览" url={reportUrl(id, 'html')} />
        </Modal>
        <ReasonDialog
          open={returnOpen}
          title="退回修改"
          label="退回意见（必填）"
          ok="退回"
          onClose={() => setReturnOpen(false)}
          onOk={(c) => {
            setReturnOpen(false);
            void transition('return', c);
          }}
        />
        <ReasonDialog
          open={unpublishOpen}
          title="撤回发布"
          intro="撤回后公开页面不再显示本报告，档案回到“已通过”，可修正后重新发布。"
          label="撤回理由（必填，记入操作日志）"
          ok="撤回发布"
          onClose={() => setUnpublishOpen(false)}
          onOk={(c) => {
            setUnpublishOpen(false);
            void transition('unpublish', c);
          }}
        />
        <ReasonDialog
          open={overrideOpen > 0}
          title="审核发现错误，仍要提交？"
          intro={`审核发现还有 ${overrideOpen} 个错误级问题。管理员可填写理由后强制提交，理由记入操作日志。`}
          label="强制提交的理由（必填）"
          ok="强制提交"
          onClose={() => setOverrideOpen(0)}
          onOk={(reason) => {
            setOverrideOpen(0);
            void transition('submit', undefined, reason);
          }}
        />
        <CommentDialog id={id} on={commentOn} onClose={() => setCommentOn(null)} />
      </RowCommentsContext.Provider>
    </FormContext.Provider>
  );
}

/**
 * One tab's content. Tabs are drawn when first shown and stay mounted; a hidden one keeps the
 * form state it last showed and is not drawn again while hidden (on a 200-indicator dossier,
 * every keystroke redrew every tab visited so far). Shown again, it draws the current state.
 */
const Pane = memo(
  function Pane({
    active,
    form,
    children,
  }: {
    active: boolean;
    form: FormApi;
    children: ReactNode;
  }) {
    const shown = useRef(form);
    if (active) shown.current = form;
    return <FormContext.Provider value={shown.current}>{children}</FormContext.Provider>;
  },
  (prev, next) => !prev.active && !next.active,
);

interface PendingMerge {
  readonly merged: Record<string, unknown>;
  readonly conflicts: readonly MergeConflict[];
  readonly theirs: Record<string, unknown>;
  /** Their changes to other fields, already taken over. */
  readonly taken: number;
}

/** Only the fields both people changed, each with a choice; everything else is merged already. */
function ConflictDialog({
  theirs,
  merge,
  form,
  onResolve,
}: {
  theirs: { version: number; updatedBy?: string | null; updatedAt?: string };
  merge: PendingMerge;
  form: unknown;
  onResolve: (takeTheirs: ReadonlySet<string>) => void;
}) {
  const [takeTheirs, setTakeTheirs] = useState<ReadonlySet<string>>(new Set());
  const choose = (path: string, theirsWins: boolean) =>
    setTakeTheirs((cur) => {
      const next = new Set(cur);
      if (theirsWins) next.add(path);
      else next.delete(path);
      return next;
    });
  return (
    <Modal
      open
      closable={false}
      mask={{ closable: false }}
      title="保存冲突：同一处内容已被他人修改"
      width={860}
      footer={[
        <Button key="theirs" onClick={() => onResolve(new Set(merge.conflicts.map((c) => c.path)))}>
          这几处都采用对方的
        </Button>,
        <Button key="ok" type="primary" onClick={() => onResolve(takeTheirs)}>
          按所选合并并保存
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        {theirs.updatedBy ? `${theirs.updatedBy} ` : '他人'}在
        {theirs.updatedAt ? ` ${new Date(theirs.updatedAt).toLocaleString('zh-CN')} ` : ''}
        保存了第 {theirs.version} 版。
        {merge.taken > 0 ? `对方修改的其他 ${merge.taken} 处已自动合并。` : ''}
        下列 {merge.conflicts.length} 处双方都改了，请逐项选择：
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="path"
        pagination={{ pageSize: 8 }}
        dataSource={[...merge.conflicts]}
        columns={[
          {
            title: '字段',
            dataIndex: 'path',
            render: (p: string) => <span title={p}>{pathLabel(p, form)}</span>,
          },
          { title: '原来', dataIndex: 'base', render: showValue },
          {
            title: '对方的',
            render: (_, c: MergeConflict) => (
              <Radio
                checked={takeTheirs.has(c.path)}
                onChange={() => choose(c.path, true)}
                aria-label={`采用对方的：${pathLabel(c.path, form)}`}
              >
                {showValue(c.theirs)}
              </Radio>
            ),
          },
          {
            title: '我的',
            render: (_, c: MergeConflict) => (
              <Radio
                checked={!takeTheirs.has(c.path)}
                onChange={() => choose(c.path, false)}
                aria-label={`保留我的：${pathLabel(c.path, form)}`}
              >
                {showValue(c.mine)}
              </Radio>
            ),
          },
        ]}
      />
    </Modal>
  );
}

/** A returned dossier opens with the reviewer's reason on top. */
function ReturnBanner({ id }: { id: string }) {
  const comments = useQuery({ queryKey: ['comments', id], queryFn: () => api.comments(id) });
  const latest = [...(comments.data ?? [])]
    .filter((c) => c.target.kind === 'dossier')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="return-banner"
      style={{ marginBottom: 8 }}
      title={
        '已退回修改' +
        (latest
          ? `（${latest.author}，${new Date(latest.createdAt).toLocaleString('zh-CN')}）`
          : '')
      }
      description={
        <span style={{ whiteSpace: 'pre-wrap' }}>{latest?.body ?? '请查看审核意见。'}</span>
      }
    />
  );
}

/** A dialog asking for a required reason (return, unpublish, an admin's forced submit). */
function ReasonDialog({
  open,
  title,
  intro,
  label,
  ok,
  onClose,
  onOk,
}: {
  open: boolean;
  title: string;
  intro?: string;
  label: string;
  ok: string;
  onClose: () => void;
  onOk: (reason: string) => void;
}) {
  const [text, setText] = useState('');
  const inputId = `reason-${ok}`;
  return (
    <Modal
      open={open}
      title={title}
      okText={ok}
      cancelText="取消"
      okButtonProps={{ disabled: !text.trim(), danger: true }}
      onCancel={onClose}
      onOk={() => {
        onOk(text.trim());
        setText('');
      }}
    >
      {intro && <Typography.Paragraph>{intro}</Typography.Paragraph>}
      <label htmlFor={inputId}>{label}</label>
      <Input.TextArea
        id={inputId}
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </Modal>
  );
}

/** A new 审核意见 on one row, named in Chinese. */
function CommentDialog({
  id,
  on,
  onClose,
}: {
  id: string;
  on: { target: CommentTarget; label: string } | null;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const post = async () => {
    if (!on) return;
    try {
      await api.addComment(id, on.target, text.trim());
      setText('');
      onClose();
      await qc.invalidateQueries({ queryKey: ['comments', id] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '发表失败');
    }
  };
  return (
    <Modal
      open={on !== null}
      title={`对“${on?.label ?? ''}”提审核意见`}
      okText="发表意见"
      cancelText="取消"
      okButtonProps={{ disabled: !text.trim() }}
      onCancel={onClose}
      onOk={() => void post()}
    >
      <label htmlFor="row-comment-body">意见内容</label>
      <Input.TextArea
        id="row-comment-body"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </Modal>
  );
}

const STEP_LABELS: Record<string, string> = {
  submit: '提交审核',
  return: '退回修改',
  approve: '审核通过',
  publish: '公开发布',
  unpublish: '撤回发布',
};
const STEP_COLORS: Record<string, string> = {
  submit: 'processing',
  return: 'warning',
  approve: 'success',
  publish: 'green',
  unpublish: 'default',
};

function HistoryDrawer({
  id,
  form,
  open,
  onClose,
  onRestore,
}: {
  id: string;
  form: unknown;
  open: boolean;
  onClose: () => void;
  /** Restores a version as a new revision; undefined when the dossier is not editable. */
  onRestore?: ((version: number) => void) | undefined;
}) {
  const revisions = useQuery({
    queryKey: ['revisions', id],
    queryFn: () => api.revisions(id),
    enabled: open,
  });
  const steps = useQuery({ queryKey: ['steps', id], queryFn: () => api.steps(id), enabled: open });
  const stepsOf = (version: number) =>
    (steps.data ?? []).filter((s) => s.version === version && STEP_LABELS[s.action]);
  const list = [...(revisions.data ?? [])].sort((a, b) => b.version - a.version);
  const [pair, setPair] = useState<[number, number] | null>(null);
  const from = pair?.[0] ?? list[1]?.version;
  const to = pair?.[1] ?? list[0]?.version;
  const diff = useQuery({
    queryKey: ['diff', id, from, to],
    queryFn: () => api.diff(id, from as number, to as number),
    enabled: open && from !== undefined && to !== undefined && from !== to,
  });
  const options = list.map((r) => ({ value: r.version, label: `第 ${r.version} 版` }));
  return (
    <Drawer open={open} onClose={onClose} title="历史版本" size={720}>
      <List
        size="small"
        dataSource={list}
        renderItem={(r) => (
          <List.Item
            data-testid="history-version"
            actions={
              onRestore && r.version !== list[0]?.version
                ? [
                    <Button
                      key="restore"
                      size="small"
                      aria-label={`恢复第 ${r.version} 版`}
                      onClick={() => onRestore(r.version)}
                    >
                      恢复此版本
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap size={4}>
              <span>
                第 {r.version} 版 · {r.createdBy ?? ''} ·{' '}
                {new Date(r.createdAt).toLocaleString('zh-CN')}
              </span>
              {stepsOf(r.version).map((s) => (
                <Tag
                  key={`${s.action}-${s.at}`}
                  color={STEP_COLORS[s.action]}
                  title={s.comment ?? undefined}
                >
                  {STEP_LABELS[s.action]}（{s.actor}）
                </Tag>
              ))}
            </Space>
          </List.Item>
        )}
        style={{ maxHeight: 260, overflowY: 'auto' }}
      />
      <Space style={{ margin: '12px 0' }}>
        <span>比较</span>
        <Select
          aria-label="旧版本"
          value={from}
          options={options}
          style={{ width: 110 }}
          onChange={(v) => setPair([v, to as number])}
        />
        <span>→</span>
        <Select
          aria-label="新版本"
          value={to}
          options={options}
          style={{ width: 110 }}
          onChange={(v) => setPair([from as number, v])}
        />
      </Space>
      <Table
        size="small"
        rowKey={(c) => c.path}
        loading={diff.isLoading}
        dataSource={diff.data?.changes ?? []}
        locale={{ emptyText: list.length < 2 ? '只有一个版本' : '没有差异' }}
        pagination={{ pageSize: 15 }}
        columns={[
          {
            title: '修改内容',
            render: (_, c: { path: string; before: unknown; after: unknown }) => (
              <span title={c.path} data-testid="history-change">
                {changeText(c, form)}
              </span>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

const TARGET_LABEL: Record<CommentTarget['kind'], string> = {
  dossier: '整体',
  indicator: '指标',
  finding: '审核问题',
  project: '项目',
  row: '表格行',
};

function CommentsPane({
  id,
  findings,
  indicators,
  canComment,
  form,
}: {
  id: string;
  findings: readonly Finding[];
  indicators: { id?: string; name?: string }[];
  canComment: boolean;
  form: unknown;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const comments = useQuery({ queryKey: ['comments', id], queryFn: () => api.comments(id) });
  const [kind, setKind] = useState<CommentTarget['kind']>('dossier');
  const [ref, setRef] = useState<string | undefined>();
  const [body, setBody] = useState('');
  const refOptions =
    kind === 'indicator'
      ? indicators.map((i, n) => ({ value: String(i.id), label: i.name || `第 ${n + 1} 行指标` }))
      : kind === 'finding'
        ? [...new Map(findings.map((f) => [f.code, f])).values()].map((f) => ({
            value: f.code,
            label: f.title.zh,
          }))
        : [];
  const post = async () => {
    try {
      await api.addComment(
        id,
        kind === 'dossier' ? { kind } : { kind, ref: ref ?? '' },
        body.trim(),
      );
      setBody('');
      await qc.invalidateQueries({ queryKey: ['comments', id] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '发表失败');
    }
  };
  const label = (t: CommentTarget) =>
    commentTargetLabel(t, form, (code) => findings.find((f) => f.code === code)?.title.zh);
  return (
    <div>
      <List
        dataSource={comments.data ?? []}
        locale={{ emptyText: '暂无审核意见' }}
        renderItem={(c) => (
          <List.Item data-testid="comment">
            <List.Item.Meta
              title={
                <Space>
                  <Tag>{label(c.target)}</Tag>
                  <span>{c.author}</span>
                  <Typography.Text type="secondary">
                    {new Date(c.createdAt).toLocaleString('zh-CN')}
                  </Typography.Text>
                </Space>
              }
              description={<span style={{ whiteSpace: 'pre-wrap', color: '#222' }}>{c.body}</span>}
            />
          </List.Item>
        )}
      />
      {canComment && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Space wrap>
            <Select
              aria-label="意见针对"
              value={kind}
              style={{ width: 120 }}
              onChange={(k) => {
                setKind(k);
                setRef(undefined);
              }}
              options={(['dossier', 'indicator', 'finding'] as const).map((k) => ({
                value: k,
                label: TARGET_LABEL[k],
              }))}
            />
            {kind !== 'dossier' && (
              <Select
                aria-label="具体对象"
                value={ref}
                style={{ width: 320 }}
                placeholder="选择"
                options={refOptions}
                onChange={setRef}
                showSearch
              />
            )}
          </Space>
          <label htmlFor="comment-body">意见内容</label>
          <Input.TextArea
            id="comment-body"
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <Button
            onClick={() => void post()}
            disabled={!body.trim() || (kind !== 'dossier' && !ref)}
          >
            发表意见
          </Button>
        </Space>
      )}
    </div>
  );
}
