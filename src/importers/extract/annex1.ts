/**
 * 附件1 部门整体支出绩效评价基础数据表: staffing (编制数 / 实际在职人数 / 控制率) and the 经费控制情况
 * table (rows × columns Y-1 决算, Y 预算, Y 决算), the projects listed in it, 厉行节约保障措施 and the
 * filing footer. Every cell becomes a statement; the structured values are chosen in build.ts.
 */
import {
  headConcept,
  type ConceptKey,
  type MoneyColumn,
  type MoneyHead,
} from '../../core/concepts/index.ts';
import type { Collector } from '../collect.ts';
import { placeOf } from '../collect.ts';
import type { SourceLine } from '../model.ts';
import { plain } from './sections.ts';
import {
  amountOf,
  isRunTogether,
  isValueCell,
  lineTokens,
  splitRunTogether,
  NIL_RE,
} from './cells.ts';

export interface MoneyRow {
  /** Row label as written (wrapped lines joined). */
  readonly label: string;
  /** Money head ("expenditure.basic", "threePublic.reception", "project"), or "projects.kind". */
  readonly base: RowBase;
  readonly kind?: 'business' | 'operation' | 'special';
  /** Cell text by column key; absent = blank. */
  readonly cells: Partial<Record<string, string>>;
  readonly line: SourceLine;
  readonly quote: string;
  readonly confidence: number;
}

/** A row's money head; a 项目类别 row (业务工作专项…); or a row this table does not define. */
export type RowBase = MoneyHead | 'projects.kind' | 'unknown';
/** A column of the table: the money column it holds and its header as written. */
export interface MoneyTableColumn {
  readonly key: MoneyColumn;
  readonly label: string;
}

export interface Annex1Result {
  readonly columns: readonly MoneyTableColumn[];
  readonly rows: readonly MoneyRow[];
  /** True when the Y 决算 column repeats the Y-1 决算 column on every filled row (a copied column). */
  readonly actualCopiesPrior: boolean;
}

const ROW_KINDS: ReadonlyArray<[RegExp, MoneyHead | 'projects.kind', MoneyRow['kind']?]> = [
  [/部门基本支出|^基本支出/, 'expenditure.basic'],
  [/人员经费/, 'expenditure.personnel'],
  [/公用经费/, 'expenditure.publicFunds'],
  [/办公经费|办公费/, 'controls.office'],
  [/水费|电费|差旅费/, 'controls.utilitiesTravel'],
  [/会议费|培训费/, 'controls.meetingTraining'],
  [/三公经费|“三公”经费/, 'threePublic.total'],
  [/购置(?:和|及)(?:运行)?维护/, 'threePublic.vehicle'],
  [/(?:公务用?|公交)车(?:辆)?购置/, 'threePublic.vehiclePurchase'],
  [/(?:公务用?|公交)车(?:辆)?运行维护/, 'threePublic.vehicleOperation'],
  [/出国/, 'threePublic.abroad'],
  [/公务接待/, 'threePublic.reception'],
  [/政府采购/, 'controls.procurement'],
  [/部门项目支出|^项目支出/, 'expenditure.projects'],
  [/业务工作专项/, 'projects.kind', 'business'],
  [/运行维护专项/, 'projects.kind', 'operation'],
  [/专项资金/, 'projects.kind', 'special'],
];

function classify(label: string, inProjects: boolean): { base: RowBase; kind?: MoneyRow['kind'] } {
  const l = label.replace(/^(其中[:：]|[一二三四五六七八九十]+、|\d+[、.．])/, '');
  for (const [re, base, kind] of ROW_KINDS)
    if (re.test(label) || re.test(l)) return kind ? { base, kind } : { base };
  return inProjects ? { base: 'project' } : { base: 'unknown' };
}

/** Column keys from the header "2022 年决算数 2023 年预算数 2023 年决算数". */
function headerColumns(text: string, year: number | undefined): MoneyTableColumn[] {
  const out: MoneyTableColumn[] = [];
  for (const m of text.matchAll(/(\d{4})\s*年\s*(?:度)?\s*(调整后预算数|预算数|决算数|执行数)/g)) {
    const y = Number(m[1]);
    const what = m[2] ?? '';
    const prior = year !== undefined ? y < year : out.length === 0 && what === '决算数';
    const key: MoneyColumn =
      what === '调整后预算数'
        ? 'adjustedBudget'
        : what === '预算数'
          ? prior
            ? 'priorInitialBudget'
            : 'initialBudget'
          : prior
            ? 'priorActual'
            : 'actual';
    out.push({ key, label: m[0].replace(/\s+/g, ' ') });
  }
  return out;
}

const PAGE_NOISE = /^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;

export function extractAnnex1(
  lines: readonly SourceLine[],
  year: number | undefined,
  col: Collector,
): Annex1Result {
  const texts = lines.map(plain);
  // 填报单位.
  for (const [i, t] of texts.entries()) {
    const m = /填报单位[:：]\s*(\S+)/.exec(t);
    if (m?.[1]) {
      col.set('unit.name', m[1], placeOf(lines[i], t));
      break;
    }
  }
  // 财政供养人员情况: header then three values.
  const staffAt = texts.findIndex((t) => /财政供养人员/.test(t));
  if (staffAt >= 0) {
    const joined: { t: string; i: number }[] = [];
    for (
      let i = staffAt;
      i < Math.min(lines.length, staffAt + 12) && !/经费控制情况/.test(texts[i] ?? '');
      i++
    ) {
      for (const tok of lineTokens(lines[i] as SourceLine, i)) joined.push({ t: tok.text, i });
    }
    const hdr = joined.map((x) => x.t).join(' ');
    const idx = joined.findIndex((x) => /控制率/.test(x.t));
    const values = joined.slice(idx + 1).filter((x) => /^\d+(?:\.\d+)?%?$/.test(x.t));
    if (idx >= 0 && values.length >= 2) {
      const names: Array<[ConceptKey, string, string]> = [
        ['staffing.authorized', '编制数', 'unit.staffing.authorized'],
        [
          'staffing.actual',
          /实际在职/.test(hdr)
            ? (/(\d{4}\s*年\s*实际在职人数)/.exec(hdr)?.[1] ?? '实际在职人数')
            : '实际在职人数',
          'unit.staffing.actual',
        ],
        ['staffing.controlRate', '控制率', ''],
      ];
      values.slice(0, 3).forEach((v, k) => {
        const [concept, column, path] = names[k] as [ConceptKey, string, string];
        const line = lines[v.i] as SourceLine;
        const quote = plain(line);
        const value = concept === 'staffing.controlRate' && !v.t.endsWith('%') ? `${v.t}%` : v.t;
        col.state(
          concept,
          value,
          { annex: 1, table: '财政供养人员情况', column, quote },
          placeOf(line, quote),
        );
        if (path) col.set(path, Number(v.t), placeOf(line, quote));
      });
    }
  }

  // 经费控制情况.
  const hdrAt = texts.findIndex((t) => /经费控制情况/.test(t));
  let columns: MoneyTableColumn[] = [];
  const rows: MoneyRow[] = [];
  if (hdrAt >= 0) {
    // The header may wrap over a few lines.
    let hdrEnd = hdrAt;
    let hdrText = texts[hdrAt] ?? '';
    while (
      headerColumns(hdrText, year).length < 3 &&
      hdrEnd + 1 < lines.length &&
      hdrEnd - hdrAt < 4 &&
      !/\d+\.\d/.test(texts[hdrEnd + 1] ?? '')
    ) {
      hdrEnd += 1;
      hdrText += ` ${texts[hdrEnd] ?? ''}`;
    }
    columns = headerColumns(hdrText, year);
    if (columns.length === 0)
      columns = [
        { key: 'priorActual', label: '上年决算数' },
        { key: 'initialBudget', label: '预算数' },
        { key: 'actual', label: '决算数' },
      ];
    // A row is a label (possibly wrapped over lines) followed by its value cells (on the same line,
    // on the next line, or one per line).
    let cur:
      | {
          label: string;
          values: string[];
          line?: SourceLine;
          quote: string;
          labelLine: SourceLine;
          confidence: number;
        }
      | undefined;
    let inProjects = false;
    const flush = () => {
      if (!cur || !cur.label || cur.values.length === 0) {
        if (cur && cur.values.length === 0) return;
        cur = undefined;
        return;
      }
      const { base, kind } = classify(cur.label, inProjects);
      if (base === 'expenditure.projects') inProjects = true;
      if (base === 'expenditure.basic' || base === 'controls.procurement') inProjects = false;
      const cells: Partial<Record<string, string>> = {};
      cur.values.slice(0, columns.length).forEach((v, ci) => {
        const c = columns[ci];
        if (c && v !== '') cells[c.key] = v;
      });
      rows.push({
        label: cur.label,
        base: kind ? 'projects.kind' : base,
        ...(kind ? { kind } : {}),
        cells,
        line: cur.line ?? cur.labelLine,
        quote: cur.quote,
        confidence: cur.confidence,
      });
      cur = undefined;
    };
    for (let i = hdrEnd + 1; i < lines.length; i++) {
      const t = texts[i] ?? '';
      if (/^(厉行节约|说明|填表人|备注)/.test(t)) break;
      if (
        PAGE_NOISE.test(t) ||
        /经费控制情况/.test(t) ||
        (headerColumns(t, year).length >= 2 && !/\d+\.\d+\s*$/.test(t))
      )
        continue;
      const line = lines[i] as SourceLine;
      const toks = lineTokens(line, i).map((x) => x.text);
      // Values are the trailing value cells; with explicit cells, blanks count.
      let k = toks.length;
      while (k > 0 && isValueCell(toks[k - 1] ?? '')) k--;
      const labelText = toks.slice(0, k).join('');
      let values = toks.slice(k);
      let confidence = line.repaired ? 0.7 : 1;
      if (values.length === 1 && isRunTogether(values[0] ?? '')) {
        const parts = splitRunTogether(values[0] ?? '');
        if (parts.length === columns.length) {
          values = parts;
          confidence = Math.min(confidence, 0.7);
        }
      }
      const hasValues = values.length > 0 && !values.every((v) => v === '');
      if (line.cells.length > 1 && labelText) {
        // A real table row: complete on its line, blank cells included (blank = not filled).
        flush();
        cur = { label: labelText, values, quote: t, labelLine: line, line, confidence };
        if (!hasValues) {
          rows.push({
            label: labelText,
            base: classify(labelText, inProjects).base,
            cells: {},
            line,
            quote: t,
            confidence,
          });
          cur = undefined;
        } else flush();
        continue;
      }
      if (labelText) {
        if (cur && cur.values.length) flush();
        if (cur) {
          cur.label += labelText;
          cur.quote = `${cur.quote} ${t}`;
        } else cur = { label: labelText, values: [], quote: t, labelLine: line, confidence };
        if (hasValues) {
          cur.values.push(...values);
          cur.line = cur.line ?? line;
          if (cur.quote !== t) {
            cur.quote = t;
            cur.line = line;
          }
        }
      } else if (hasValues && cur) {
        if (!cur.line) {
          cur.line = line;
          cur.quote = t;
        }
        cur.values.push(...values);
        cur.confidence = Math.min(cur.confidence, confidence);
      }
    }
    flush();
  }

  // Y 决算 copies Y-1 决算 on every row where both are filled (and some are non-zero).
  const both = rows.filter(
    (r) => r.cells.actual !== undefined && r.cells.priorActual !== undefined,
  );
  const actualCopiesPrior =
    both.length >= 3 &&
    both.every((r) => r.cells.actual === r.cells.priorActual) &&
    both.some((r) => amountOf(r.cells.actual ?? '') !== '0');

  // Statements: every filled cell.
  let projectSeq = 0;
  for (const r of rows) {
    if (r.base === 'unknown') continue;
    const scope = r.base === 'project' ? `P${++projectSeq}` : undefined;
    const head: MoneyHead = r.base === 'projects.kind' ? 'expenditure.projects' : r.base;
    for (const c of columns) {
      const v = r.cells[c.key];
      if (v === undefined) continue;
      // A nil cell is a statement only for a project row (the kind rows' "无 无 无" say "no such
      // projects").
      if (NIL_RE.test(v) && r.base !== 'project') continue;
      const value = NIL_RE.test(v) ? '无' : (amountOf(v) ?? v);
      const note =
        c.key === 'actual' && actualCopiesPrior && r.cells.priorActual === v
          ? 'repeats the prior-year column'
          : undefined;
      col.state(
        headConcept(head, c.key),
        value,
        { annex: 1, table: '经费控制情况', row: r.label, column: c.label, quote: r.quote },
        placeOf(r.line, r.quote),
        r.confidence,
        { ...(scope ? { scope } : {}), ...(note ? { note } : {}) },
      );
    }
  }

  // 厉行节约保障措施: "一是…", "二是…" items.
  const save = texts.findIndex((t) => /厉行节约保障措施/.test(t));
  if (save >= 0) {
    const its: string[] = [];
    for (let i = save + 1; i < lines.length; i++) {
      const t = texts[i] ?? '';
      if (/^(说明|填表人|附件|备注)/.test(t)) break;
      if (/^[一二三四五六七八九十]是/.test(t))
        its.push(t.replace(/^[一二三四五六七八九十]是/, '').replace(/[；;。]$/, ''));
      else if (its.length) its[its.length - 1] = (its[its.length - 1] + t).replace(/[；;。]$/, '');
    }
    if (its.length) col.set('narrative.savingMeasures', its, placeOf(lines[save + 1]), 0.9);
  }

  // Footer: 填表人 / 填报日期 / 联系电话.
  for (const [i, t] of texts.entries()) {
    const p = /填表人[:：]\s*([^\s填联]+)/.exec(t);
    if (p?.[1]) col.set('filing.preparer', p[1], placeOf(lines[i], p[0]));
    const d =
      /填报日期[:：]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(t) ??
      /填报日期[:：]\s*(\d{4})[-./](\d{1,2})[-./](\d{1,2})/.exec(t);
    if (d?.[1])
      col.set(
        'filing.date',
        `${d[1]}-${(d[2] ?? '').padStart(2, '0')}-${(d[3] ?? '').padStart(2, '0')}`,
        placeOf(lines[i], d[0]),
      );
    const ph = /联系电话[:：]\s*([\d-]{5,})/.exec(t);
    if (ph?.[1]) col.set('filing.phone', ph[1], placeOf(lines[i], ph[0]));
  }
  return { columns, rows, actualCopiesPrior };
}
