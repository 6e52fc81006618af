/**
 * The Chinese name a person reads for a dossier path (issue 12 "Chinese everywhere"): the field's
 * label as on the form, an indicator's or project's own name, or the concept registry's label for
 * money figures. Never the JSON path itself: an unknown path reads as its section.
 */
import { conceptInfo } from '../../../src/core/concepts/index.ts';
import { MONEY_COLUMN_LABELS } from '../../../src/core/dossier/concepts.ts';
import { getIn, parsePath } from './form.ts';
import { SECTION_LABELS, sectionOf } from './focus.ts';

/** 文字说明 fields in form order, with the labels the form shows. */
export const NARRATIVE_FIELDS: readonly (readonly [string, string])[] = [
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

const FIELD_LABELS: Record<string, string> = {
  'unit.name': '单位名称',
  'unit.budgetCode': '预算编码',
  'unit.region': '所属地区',
  'unit.functions': '主要职能',
  'unit.offices': '内设机构',
  'unit.staffing.authorized': '编制数',
  'unit.staffing.authorizedAdministrative': '行政编制数',
  'unit.staffing.authorizedInstitutional': '事业编制数',
  'unit.staffing.actual': '实际在职人数',
  'unit.staffing.retired': '离退休人数',
  'goal.expected': '年度总体目标（预期）',
  'goal.achieved': '年度总体目标（实际完成）',
  'filing.preparer': '填报人',
  'filing.date': '填报日期',
  'filing.phone': '联系电话',
  year: '年度',
  ruleset: '评分规则',
  ...Object.fromEntries(NARRATIVE_FIELDS.map(([k, l]) => [`narrative.${k}`, l])),
};

const INDICATOR_FIELDS: Record<string, string> = {
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标名称',
  target: '年度指标值',
  actual: '实际完成值',
  tier: '完成档次',
  weight: '分值',
  score: '得分',
  deviation: '偏差原因及改进措施',
};

const PROJECT_FIELDS: Record<string, string> = { name: '名称', kind: '类别' };

/** "人员经费全年执行数（决算数）" → "人员经费 全年执行数（决算数）": the row, then the column. */
function spacedMoneyLabel(label: string): string {
  for (const c of Object.values(MONEY_COLUMN_LABELS))
    if (label.endsWith(c.zh) && label.length > c.zh.length)
      return `${label.slice(0, -c.zh.length)} ${c.zh}`;
  return label;
}

const INDICATOR_RE = /^((?:expenditure\.projects\[(\d+)\]\.)?indicators\[(\d+)\])(?:\.(\w+))?/;
const PROJECT_RE = /^expenditure\.projects\[(\d+)\](?:\.(\w+))?(?:\.(\w+))?/;

export function pathLabel(path: string, form?: unknown): string {
  const fixed = FIELD_LABELS[path] ?? FIELD_LABELS[path.replace(/\[\d+\]$/, '')];
  if (fixed) return fixed;
  const concept = conceptInfo(path);
  if (concept) return spacedMoneyLabel(concept.zh);
  const ind = INDICATOR_RE.exec(path);
  if (ind) {
    const row = getIn(form, parsePath(ind[1] as string)) as { name?: unknown } | undefined;
    const project =
      ind[2] !== undefined
        ? (getIn(form, ['expenditure', 'projects', Number(ind[2])]) as { name?: unknown })
        : undefined;
    const rowName =
      typeof row?.name === 'string' && row.name ? row.name : `第 ${Number(ind[3]) + 1} 行指标`;
    const prefix = project?.name ? `${String(project.name)} ` : '';
    const field = ind[4] ? ` ${INDICATOR_FIELDS[ind[4]] ?? ''}`.trimEnd() : '';
    return `${prefix}${rowName}${field}`;
  }
  const proj = PROJECT_RE.exec(path);
  if (proj) {
    const p = getIn(form, ['expenditure', 'projects', Number(proj[1])]) as { name?: unknown };
    const name = typeof p?.name === 'string' && p.name ? p.name : `项目 ${Number(proj[1]) + 1}`;
    const col = proj[3] as keyof typeof MONEY_COLUMN_LABELS | undefined;
    const part =
      proj[2] === 'money' && col && MONEY_COLUMN_LABELS[col]
        ? ` ${MONEY_COLUMN_LABELS[col].zh}`
        : proj[2]
          ? ` ${PROJECT_FIELDS[proj[2]] ?? ''}`.trimEnd()
          : '';
    return `${name}${part}`;
  }
  if (/^statements\b/.test(path)) return '报告所述数字';
  if (/^provenance|^document\b/.test(path)) return '来源信息';
  return SECTION_LABELS[sectionOf(path)] ?? '档案';
}

/**
 * An input error's message with its leading path ("indicators[14].weight：应为数字") replaced by
 * the field's label ("指标名 分值：应为数字").
 */
export function labelledMessage(message: string, path: string | undefined, form?: unknown): string {
  const label = path ? pathLabel(path, form) : '档案';
  const at = path ? message.indexOf(`${path}：`) : -1;
  if (at === 0) return `${label}：${message.slice(path!.length + 1)}`;
  return message.replace(/^（根）：/, '档案：');
}

/** A value as a person reads it: text as is, a row by its name, never raw JSON. */
export function readableValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '（空）';
  if (typeof v === 'string') return v.length > 80 ? `${v.slice(0, 80)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v))
    return v.every((x) => typeof x === 'string') ? v.join('、') : `${v.length} 项`;
  const o = v as { name?: unknown; op?: unknown; value?: unknown; unit?: unknown; text?: unknown };
  if (typeof o.name === 'string') return o.name;
  if (typeof o.text === 'string') return o.text;
  if (o.value !== undefined)
    return (
      (typeof o.op === 'string' ? o.op : '') +
      String(o.value) +
      (typeof o.unit === 'string' ? o.unit : '')
    );
  return '（一组内容）';
}

/** One line of a diff: "人员经费 全年执行数（决算数）：343.36 → 343.40". */
export function changeText(
  c: { path: string; before: unknown; after: unknown },
  form?: unknown,
): string {
  const label = pathLabel(c.path, form);
  if (c.before === undefined || c.before === null)
    return `${label}：新增 ${readableValue(c.after)}`;
  if (c.after === undefined || c.after === null) return `${label}：删除 ${readableValue(c.before)}`;
  return `${label}：${readableValue(c.before)} → ${readableValue(c.after)}`;
}

/** The message without its leading path, for display at the field itself (the label is there). */
export function fieldMessage(message: string, path: string): string {
  return message.startsWith(`${path}：`) ? message.slice(path.length + 1) : message;
}

const PATH_IN_TEXT = /[a-z][a-zA-Z]*(?:\[\d+\])?(?:\.[a-z][a-zA-Z]*(?:\[\d+\])?)+/g;

/** A message with every dossier path in it ("（income.general.initialBudget）") as its label. */
export function readableMessage(message: string, form?: unknown): string {
  return message.replace(PATH_IN_TEXT, (p) => pathLabel(p, form));
}
