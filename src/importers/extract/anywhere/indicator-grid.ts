/**
 * Indicator grids wherever they stand, as a cell sequence: a header (一级指标 · 二级指标 · 三级指标
 * · [指标性质] · 年度指标值 · [度量单位] · 实际完成值 · 分值/权重 · 得分 · 偏差原因…) fixes which
 * cells follow an indicator's name; 一级/二级 cells (merged in the original, so present only on
 * their group's first row) set the context of the rows after them. A row is accepted only when
 * its weight and score cells hold numbers and its target/actual cells are not 一级/二级 labels, so
 * blank template rows ("指标2", "……") and prose are skipped. A cell after the score is the
 * deviation reason unless a row starts there.
 */
import { STAND_IN_NAMES } from '../../../core/dossier/stand-ins.ts';
import type { Place } from '../../model.ts';
import { type Cell, matchRun, placeOfCell } from './tokens.ts';
import { pointsCell } from './values.ts';

export type GridColumn = 'op' | 'target' | 'unit' | 'actual' | 'weight' | 'score' | 'reason';

export interface GridRowRead {
  readonly level1: string;
  readonly level2: string;
  readonly name: string;
  readonly target?: string;
  readonly actual?: string;
  readonly weight?: string;
  readonly score?: string;
  readonly reason?: string;
  readonly place: Place;
  readonly places: Partial<Record<GridColumn, Place>>;
  readonly confidence: number;
}

export interface GridRead {
  readonly columns: readonly GridColumn[];
  readonly rows: readonly GridRowRead[];
  /** 一级 subtotals printed in their labels ("产出指标（50分）"). */
  readonly subtotals: readonly { level1: string; value: string; place: Place }[];
  readonly end: number;
}

const HEADER_WORDS: ReadonlyArray<[RegExp, GridColumn | 'level' | 'skip']> = [
  [/^[一二三]级指标$/, 'level'],
  [/^指标性质$/, 'op'],
  [/^(?:年度指标值|指标值|年初目标值|目标值|年度目标值|预期指标值)(?:[（(]A[)）])?$/, 'target'],
  [/^(?:度量单位|计量单位)$/, 'unit'],
  [/^(?:实际完成值|全年实际值|完成值|全年完成值|实际值|实际完成情况)(?:[（(]B[)）])?$/, 'actual'],
  [/^(?:分值|权重|指标分值)$/, 'weight'],
  [/^得分$/, 'score'],
  [
    /^(?:偏差原因分析及改进措施|未完成原因分析及改进措施|未完成原因分析|偏差原因|未完成原因和改进措施|原因分析)$/,
    'reason',
  ],
  [/^(?:得分计算方法|评分标准|备注)$/, 'skip'],
];

const headerWord = (cells: readonly Cell[], i: number) => {
  for (let n = 3; n >= 1; n--) {
    if (i + n > cells.length) continue;
    let s = '';
    for (let k = i; k < i + n; k++) s += cells[k]?.text ?? '';
    s = s.replace(/\s+/g, '');
    const hit = HEADER_WORDS.find(([re]) => re.test(s));
    if (hit) return { kind: hit[1], n };
  }
  return undefined;
};

const LEVEL1 = new RegExp(
  String.raw`^(?:绩效指标)?(?:产出|效益|满意度|成本|项目决策|项目管理|项目产出|项目效益|项目绩效|决策|过程|投入|效果` +
    String.raw`|产出指标|效益指标)(?:指标)?(?:[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）])?$`,
);
const LEVEL2 = new RegExp(
  String.raw`^(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度|经济成本|社会成本|生态环境成本` +
    String.raw`|社会效益效益)指标(?:[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）])?$`,
);
const OP = /^[≥≤<>=＝≧≦]+$/;
const STOP = /^(?:合计|总分|评价结论|存在问题|改进措施|项目负责人|说明|备注|注[:：])/;

const isLevel1 = (t: string) => LEVEL1.test(t.replace(/\s+/g, ''));
const isLevel2 = (t: string) => LEVEL2.test(t.replace(/\s+/g, ''));
const isLabel = (t: string) => isLevel1(t) || isLevel2(t);
/** A name is words, not a number, a rate or a comparison. */
const isName = (t: string) =>
  /[\u4e00-\u9fa5]/.test(t) &&
  !/^[≥≤<>=＝≧≦]/.test(t) &&
  !/^\d+(?:\.\d+)?\s*(?:%|[\u4e00-\u9fa5]{1,2})?$/.test(t) &&
  !isLabel(t) &&
  !STOP.test(t) &&
  !/[。；;]/.test(t) &&
  t.length <= 40;
/** A target or actual is a short value, not prose from the form's notes. */
const isValueText = (t: string) => t.length <= 30 && !/^[.。,，]/.test(t) && !/[。；;]/.test(t);

/** Find grid headers; read the rows under each. */
export function indicatorGrids(cells: readonly Cell[]): GridRead[] {
  const out: GridRead[] = [];
  let i = 0;
  while (i < cells.length) {
    const t = cells[i]?.text.replace(/\s+/g, '') ?? '';
    // The header starts at 一级指标 (possibly wrapped: "一级" "指标").
    const n = matchRun(cells, i, /^(?:绩效指标)?一级指标$/, 3);
    if (!n && !/^三级指标$/.test(t)) {
      i++;
      continue;
    }
    let j = i;
    const columns: GridColumn[] = [];
    let levels = 0;
    let misses = 0;
    while (j < cells.length && misses <= 1) {
      const h = headerWord(cells, j);
      if (!h) {
        if (columns.length || levels >= 3) {
          misses++;
          if (misses > 1) break;
          j++;
          continue;
        }
        misses++;
        j++;
        continue;
      }
      misses = 0;
      if (h.kind === 'level') levels++;
      else if (h.kind !== 'skip' && !columns.includes(h.kind)) columns.push(h.kind);
      j += h.n;
    }
    // Back up over the one non-header cell the loop may have passed.
    while (j > i && !headerWord(cells, j - 1) && misses > 0) {
      j--;
      misses--;
    }
    // A header whose target/actual words were scrambled away (a flattened workbook) but which has
    // 分值 and 得分: the common order is assumed (年度指标值 · 实际完成值 · 分值 · 得分).
    if (!columns.includes('target') && !columns.includes('actual')) {
      if (!(columns.includes('weight') && columns.includes('score'))) {
        i = j + 1;
        continue;
      }
      columns.splice(0, columns.length, 'target', 'actual', 'weight', 'score');
    }
    const grid = readRows(cells, j, columns);
    out.push(grid);
    i = Math.max(grid.end, j + 1);
  }
  return out;
}

function readRows(cells: readonly Cell[], start: number, columns: readonly GridColumn[]): GridRead {
  const rows: GridRowRead[] = [];
  const subtotals: { level1: string; value: string; place: Place }[] = [];
  const fixed = columns.filter((c) => c !== 'reason');
  let level1 = '';
  let level2 = '';
  let k = start;
  let idle = 0;
  const text = (x: number) => cells[x]?.text ?? '';

  /** Try a row at x: returns the cells it takes (without the reason) or 0. */
  const rowAt = (
    x: number,
  ): { take: number; vals: Partial<Record<GridColumn, Cell>> } | undefined => {
    if (!isName(text(x))) return undefined;
    const vals: Partial<Record<GridColumn, Cell>> = {};
    let y = x + 1;
    for (const col of fixed) {
      const c = cells[y];
      if (!c) return undefined;
      if (col === 'op') {
        if (OP.test(c.text)) {
          vals.op = c;
          y++;
        }
        continue;
      }
      if (col === 'unit') {
        if (/^[\u4e00-\u9fa5%]{1,4}$/.test(c.text) && !isLabel(c.text)) {
          vals.unit = c;
          y++;
        }
        continue;
      }
      if (isLabel(c.text) || STOP.test(c.text)) return undefined;
      if ((col === 'target' || col === 'actual') && !isValueText(c.text)) return undefined;
      if ((col === 'weight' || col === 'score') && pointsCell(c.text) === undefined)
        return undefined;
      vals[col] = c;
      y++;
    }
    const w = vals.weight ? Number(pointsCell(vals.weight.text)) : undefined;
    if (w !== undefined && w > 100) return undefined;
    return { take: y - x, vals };
  };

  // Scrambled header cells (a flattened workbook) may stand between the header and the rows.
  while (k < cells.length && idle < (rows.length ? 12 : 40)) {
    const c = cells[k] as Cell;
    const t = c.text;
    if (STOP.test(t.replace(/\s+/g, '')) || /^(?:一级指标|绩效指标)$/.test(t)) break;
    // 一级 / 二级 labels, possibly wrapped over two cells ("经济效益" "指标").
    const l1 = matchRun(cells, k, LEVEL1, 2);
    const l2 = matchRun(cells, k, LEVEL2, 2);
    // "满意度指标（10分）" is 一级 or 二级: 一级 when a 二级 label follows it.
    const nextIsLabel = l1 > 0 && isLabel(cells[k + l1]?.text ?? '');
    if (l2 && (!l1 || (l2 >= l1 && !nextIsLabel))) {
      level2 = cells
        .slice(k, k + l2)
        .map((x) => x.text)
        .join('')
        .replace(/\s+/g, '');
      k += l2;
      continue;
    }
    if (l1) {
      const label = cells
        .slice(k, k + l1)
        .map((x) => x.text)
        .join('')
        .replace(/\s+/g, '');
      const sub = LEVEL1.exec(label)?.[1];
      level1 = label.replace(/[（(].*$/, '');
      level2 = '';
      if (sub) subtotals.push({ level1, value: sub, place: placeOfCell(c, label) });
      k += l1;
      continue;
    }
    const r = rowAt(k);
    if (!r) {
      idle++;
      k++;
      continue;
    }
    idle = 0;
    const v = r.vals;
    let next = k + r.take;
    let reason: Cell | undefined;
    if (columns.includes('reason')) {
      const cand = cells[next];
      if (
        cand &&
        !isLabel(cand.text) &&
        !STOP.test(cand.text) &&
        (!rowAt(next) || (/[，。；,;]/.test(cand.text) && cand.text.length >= 8)) &&
        (rowAt(next + 1) ||
          matchRun(cells, next + 1, LEVEL1, 2) ||
          matchRun(cells, next + 1, LEVEL2, 2) ||
          !cells[next + 1] ||
          /[，。；,;]/.test(cand.text) ||
          cand.text.length >= 12 ||
          /^\d+$/.test(cand.text))
      ) {
        reason = cand;
        next++;
      }
    }
    const target = [v.op?.text, v.target?.text, v.unit?.text].filter(Boolean).join('');
    const place = placeOfCell(c);
    const places: Partial<Record<GridColumn, Place>> = {};
    for (const [col, cell] of Object.entries(v) as [GridColumn, Cell][])
      places[col] = placeOfCell(cell);
    if (reason) places.reason = placeOfCell(reason);
    const lowConf = c.line.repaired || (v.score && v.score.line.repaired);
    rows.push({
      level1: level1 || STAND_IN_NAMES.level1,
      level2: level2 || STAND_IN_NAMES.level2,
      name: t,
      ...(target ? { target } : {}),
      ...(v.actual ? { actual: v.actual.text } : {}),
      ...(v.weight ? { weight: pointsCell(v.weight.text) as string } : {}),
      ...(v.score ? { score: pointsCell(v.score.text) as string } : {}),
      ...(reason && !/^0$/.test(reason.text) ? { reason: reason.text } : {}),
      place,
      places,
      confidence: lowConf ? 0.6 : level1 && level2 ? 0.9 : 0.8,
    });
    k = next;
  }
  return { columns, rows, subtotals, end: k };
}
