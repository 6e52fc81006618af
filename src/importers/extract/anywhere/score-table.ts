/**
 * 评价指标表 / 得分表 of department-level evaluations, whose rows carry a weight and a score but no
 * target/actual columns. Two layouts:
 * - weight in the label: "相关性（5分） 5" — name, weight in brackets, then the score;
 * - weight in its own cell, then the 评价标准 / 指标说明 prose, then the score: "在职人员控制率 8
 *   以100%为标准…… 8". A name directly followed by another name and weight is a group (一级/二级).
 * A last row cut off by the end of the excerpt keeps its weight without a score.
 */
import { STAND_IN_NAMES } from '../../../core/dossier/stand-ins.ts';
import type { Place } from '../../model.ts';
import { joinLines } from '../../stream.ts';
import type { SourceLine } from '../../model.ts';
import { lineAt } from '../../stream.ts';
import { placeOf } from '../../collect.ts';
import type { GridRowRead } from './indicator-grid.ts';
import { type Cell, placeOfCell } from './tokens.ts';
import { pointsCell } from './values.ts';

// A label with its weight in brackets, "服务对象满意度（10分）", then up to two numbers after it.
const WEIGHT_IN_LABEL = new RegExp(
  String.raw`([\u4e00-\u9fa5“”"]{2,24})\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*` +
    String.raw`(?:(\d+(?:\.\d+)?)(?![\d.%])(?:\s+(\d+(?:\.\d+)?)(?![\d.%]))?)?`,
  'g',
);

const row = (
  level1: string,
  level2: string,
  name: string,
  weight: string,
  score: string | undefined,
  place: Place,
  scorePlace?: Place,
): GridRowRead => ({
  level1: level1 || STAND_IN_NAMES.level1,
  level2: level2 || STAND_IN_NAMES.level2,
  name,
  weight,
  ...(score !== undefined ? { score } : {}),
  place,
  places: { weight: place, ...(scorePlace ? { score: scorePlace } : {}) },
  confidence: 0.7,
});

/** Rows "name（N分） score" after a 得分表 / 评价指标表 title. */
export function weightInLabelRows(lines: readonly SourceLine[]): GridRowRead[] {
  const start = lines.findIndex((l) => /得分表|评价指标表|评分表/.test(l.text));
  if (start < 0) return [];
  const s = joinLines(lines.slice(start), () => ' ');
  // A label wrapped before its last character ("部门决 策(20 分)") is joined back; the
  // replacement keeps the text's length so places stay right.
  const text = s.text.replace(
    /([\u4e00-\u9fa5])(\s+)([\u4e00-\u9fa5])(?![\u4e00-\u9fa5])/g,
    (_m, a: string, sp: string, b: string) => `${a}${b}${sp}`,
  );
  const out: GridRowRead[] = [];
  // Group labels (no score after them) since the last row: the last is 二级, the one before 一级.
  let run: string[] = [];
  let level1 = '';
  let level2 = '';
  for (const m of text.matchAll(WEIGHT_IN_LABEL)) {
    const name = (m[1] ?? '').replace(/\s+/g, '');
    if (m[3] === undefined) {
      run.push(name);
      continue;
    }
    if (run.length >= 2) {
      level1 = run[run.length - 2] as string;
      level2 = run[run.length - 1] as string;
    } else if (run.length === 1) level2 = run[0] as string;
    run = [];
    const place = placeOf(lineAt(s, m.index), m[0]);
    // A page number printed between the label and its score ("(6 分) 12 5"): a first number above
    // the weight followed by one within it is the page number.
    const weight = Number(m[2]);
    const score =
      m[4] !== undefined && Number(m[3]) > weight && Number(m[4]) <= weight ? m[4] : m[3];
    out.push(row(level1, level2, name, m[2] as string, score, place));
  }
  return out;
}

const SHORT_NAME = /^[\u4e00-\u9fa5“”"]{2,12}$/;

/** Rows "name weight prose… score" after a header with 评价标准 or 指标说明. */
export function proseScoreRows(cells: readonly Cell[]): GridRowRead[] {
  const h = cells.findIndex((c) => /^(?:评价标准|指标说明|评分标准)$/.test(c.text));
  if (h < 0) return [];
  let i = h + 1;
  while (i < cells.length && /^(?:指标说明|得分|评价标准|评分标准)$/.test((cells[i] as Cell).text))
    i++;
  const out: GridRowRead[] = [];
  let level1 = '';
  let level2 = '';
  let groupRun = 0;
  /** A name of 1–2 short cells followed by a weight, at x: [name, cells taken incl. weight]. */
  const nameAt = (x: number): [string, number, Cell] | undefined => {
    for (let n = 1; n <= 2; n++) {
      const parts = cells.slice(x, x + n);
      if (parts.length < n || !parts.every((p) => SHORT_NAME.test(p.text))) return undefined;
      const w = cells[x + n];
      if (w && pointsCell(w.text) !== undefined && !w.text.endsWith('分'))
        return [parts.map((p) => p.text).join(''), n + 1, w];
    }
    return undefined;
  };
  while (i < cells.length) {
    const nm = nameAt(i);
    if (!nm) {
      i++;
      continue;
    }
    const [name, take, wCell] = nm;
    const after = i + take;
    if (nameAt(after)) {
      // A group label: the first of a run is 一级, the next 二级.
      if (groupRun === 0) {
        level1 = name;
        level2 = '';
      } else level2 = name;
      groupRun++;
      i = after;
      continue;
    }
    groupRun = 0;
    let j = after;
    while (j < cells.length && pointsCell((cells[j] as Cell).text) === undefined) j++;
    const sc = cells[j];
    const weight = pointsCell(wCell.text) as string;
    const score = sc ? pointsCell(sc.text) : undefined;
    if (j === after) {
      i = after;
      continue;
    }
    out.push(
      row(
        level1,
        level2,
        name,
        weight,
        score,
        placeOfCell(cells[i] as Cell, name),
        sc ? placeOfCell(sc) : undefined,
      ),
    );
    i = j + 1;
  }
  return out;
}
