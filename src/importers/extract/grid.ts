/**
 * The indicator grid of 附件2 (and of project tables): 一级 → 二级 → 三级 indicators with target,
 * actual, 分值, 得分 and 偏差原因分析及改进措施.
 *
 * Two readers:
 * - cells: a table with real cells (`|` text, DOCX/HTML/XLSX tables, PDF columns): columns are
 *   found by their header words, so extra columns of other provinces' forms are ignored, and merged
 *   一级/二级 cells (blank or missing) inherit from the row above;
 * - stream: a table flattened to text (the seed: cells wrapped over several lines, or one cell per
 *   line): a small grammar over tokens — [markers] name target actual weight score [deviation] —
 *   where 一级/二级 markers are recognised in the joined text ("满意" "度指" "标（10" "分）").
 * Numbers a cell wrap broke ("-74.2" / "1%", "303.9" / "5 亿") are joined when the first part
 * ends one digit into its decimals and the second is one digit with a unit.
 */
import type { Collector } from '../collect.ts';
import { placeOf } from '../collect.ts';
import type { SourceLine } from '../model.ts';
import { plain } from './sections.ts';
import { lineTokens, type Token } from './cells.ts';

export interface GridRow {
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual?: string;
  weight?: string;
  score?: string;
  deviation?: string;
  readonly lines: {
    name: SourceLine;
    target?: SourceLine;
    actual?: SourceLine;
    weight?: SourceLine;
    score?: SourceLine;
    deviation?: SourceLine;
  };
  confidence: number;
}

const L1_RE = /(成本|产出|效益|满意度)指标(?:[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）])?/g;
const L2_RE =
  /服务对象满意度指标|可持续影响指标|生态环境成本指标|社会成本指标|经济成本指标|经济效益指标|社会效益指标|生态效益指标|数量指标|质量指标|时效指标|成本指标|满意度指标|效益指标/g;
const OP_ONLY = /^[≥≤＜＞<>=＝]+$/;
const NUMERIC = /^[+-]?\d+(?:\.\d+)?(?:\s*(?:%|[^\d\s.]{1,4}))?$/;
const PURE = /^[+-]?\d+(?:\.\d+)?分?$/;
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const PAGE_NOISE = /^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;
const REPEATED_HEADER =
  /一级指标.*二级指标|三级指标.*(?:分值|得分)|^(?:年度指标值|实际完成值|偏差原因分析及改进措施)$/;

const isNumeric = (t: string) => NUMERIC.test(t) || (OP_ONLY.test(t.slice(0, 1)) && /\d/.test(t));
const isTargetStart = (t: string) =>
  OP_ONLY.test(t.slice(0, 1)) ||
  t === '定性' ||
  t === '定量' ||
  NUMERIC.test(t) ||
  /^[[【]?\d+(?:\.\d+)?\s*[,，~～-]\s*\d/.test(t);
const points = (t: string) => t.replace(/分$/, '').trim();

interface Marker {
  kind: 1 | 2;
  start: number;
  end: number;
  name: string;
  subtotal?: string;
  token: Token;
}

function findMarkers(run: readonly Token[]): {
  markers: Marker[];
  text: string;
  offsets: number[];
} {
  let text = '';
  const offsets: number[] = [];
  for (const t of run) {
    offsets.push(text.length);
    text += t.text;
  }
  const tokenAt = (pos: number) => {
    let k = 0;
    while (k + 1 < offsets.length && (offsets[k + 1] ?? 0) <= pos) k++;
    return run[k] as Token;
  };
  const l2: Marker[] = [];
  for (const m of text.matchAll(L2_RE))
    l2.push({
      kind: 2,
      start: m.index,
      end: m.index + m[0].length,
      name: m[0],
      token: tokenAt(m.index),
    });
  const l1: Marker[] = [];
  for (const m of text.matchAll(L1_RE)) {
    if (!offsets.includes(m.index)) continue; // an 一级 cell starts a cell
    if (l2.some((x) => x.start < m.index && x.end > m.index)) continue;
    const subtotalPos = m[2] !== undefined ? m.index + m[0].indexOf(m[2]) : m.index;
    l1.push({
      kind: 1,
      start: m.index,
      end: m.index + m[0].length,
      name: `${m[1] ?? ''}指标`,
      ...(m[2] ? { subtotal: m[2] } : {}),
      token: tokenAt(subtotalPos),
    });
  }
  const markers = [
    ...l1,
    ...l2.filter(
      (x) =>
        !l1.some((y) => y.start === x.start) &&
        !l1.some((y) => x.start >= y.start && x.start < y.end),
    ),
  ].sort((a, b) => a.start - b.start);
  return { markers, text, offsets };
}

/** Join numbers a cell wrap broke: "-74.2" + "1%" → "-74.21%". */
function joinWrappedNumbers(tokens: Token[]): number {
  let joined = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as Token;
    const b = tokens[i + 1] as Token;
    if (
      a.lineEnd &&
      b.lineStart &&
      /^[+-]?\d+\.\d$/.test(a.text) &&
      /^\d\s*(?:%|亿元?|万元|[^\d\s.]{1,3})$/.test(b.text)
    ) {
      a.text += b.text;
      a.lineEnd = b.lineEnd;
      tokens.splice(i + 1, 1);
      joined++;
    }
  }
  return joined;
}

export interface GridResult {
  readonly rows: GridRow[];
  readonly subtotals: { level1: string; value: string; line: SourceLine; quote: string }[];
}

export function parseGridStream(lines: readonly SourceLine[]): GridResult {
  const kept = lines.filter((l) => !PAGE_NOISE.test(plain(l)) && !REPEATED_HEADER.test(plain(l)));
  const tokens: Token[] = kept.flatMap((l, i) => lineTokens(l, i));
  const cellPerLine =
    kept.filter((l) => {
      const t = lineTokens(l, 0);
      return t.length === 1 && PURE.test(t[0]?.text ?? '');
    }).length >= 2;
  joinWrappedNumbers(tokens);
  const rows: GridRow[] = [];
  const subtotals: GridResult['subtotals'] = [];
  // Skip the header: start at the token where the first 一级 marker starts.
  const all = findMarkers(tokens);
  const first = all.markers.find((m) => m.kind === 1);
  let i = first ? Math.max(0, all.offsets.indexOf(first.start)) : 0;
  let l1 = '';
  let l2 = '';
  let run: Token[] = [];
  let scoreLi = -1;
  const applyRun = (prev: GridRow | undefined): string => {
    const { markers, text, offsets } = findMarkers(run);
    let nameFrom = 0;
    if (markers.length) {
      const dev = text.slice(0, markers[0]?.start ?? 0).trim();
      if (prev && dev) prev.deviation = dev;
      for (const m of markers) {
        if (m.kind === 1) {
          l1 = m.name;
          l2 = '';
          if (m.subtotal)
            subtotals.push({
              level1: m.name,
              value: m.subtotal,
              line: m.token.line,
              quote: m.token.text,
            });
        } else l2 = m.name;
      }
      nameFrom = markers[markers.length - 1]?.end ?? 0;
      return text.slice(nameFrom);
    }
    if (prev && run.length > 1) {
      const devToks = cellPerLine ? run.slice(0, -1) : run.filter((t) => t.li === scoreLi);
      const nameToks = cellPerLine ? run.slice(-1) : run.filter((t) => t.li !== scoreLi);
      if (devToks.length && nameToks.length) {
        prev.deviation = devToks.map((t) => t.text).join('');
        return nameToks.map((t) => t.text).join('');
      }
    }
    void offsets;
    return text;
  };
  while (i < tokens.length) {
    const tok = tokens[i] as Token;
    if (!isTargetStart(tok.text)) {
      run.push(tok);
      i++;
      continue;
    }
    // Count the numeric tokens from here.
    let k = 0;
    while (i + k < tokens.length && isNumeric((tokens[i + k] as Token).text)) k++;
    const prev = rows[rows.length - 1];
    let name: string;
    let target: Token | undefined;
    let actual: Token[] = [];
    let weight: Token | undefined;
    let score: Token | undefined;
    if (
      k === 2 &&
      PURE.test(tok.text) &&
      PURE.test((tokens[i + 1] as Token).text) &&
      run.length >= 3
    ) {
      // A row whose target and actual are words ("成效明显"): the run holds name, target, actual.
      const last = run.pop() as Token;
      const tgt = run.pop() as Token;
      name = applyRun(prev);
      target = tgt;
      actual = [last];
      weight = tok;
      score = tokens[i + 1];
      i += 2;
    } else {
      name = applyRun(prev);
      if (!name) {
        run = [];
        i++;
        continue;
      }
      target = tok;
      i++;
      if (OP_ONLY.test(target.text) && i < tokens.length) {
        target = { ...target, text: target.text + (tokens[i] as Token).text };
        i++;
        k = Math.max(0, k - 1);
      }
      const rest = k - 1;
      if (rest >= 3) {
        actual = [tokens[i] as Token];
        weight = tokens[i + 1];
        score = tokens[i + 2];
        i += 3;
      } else if (rest === 2) {
        const a = tokens[i] as Token;
        if (/[%亿万个次家项人户天]/.test(a.text) || /\./.test(a.text)) {
          actual = [a];
          weight = tokens[i + 1];
          i += 2;
        } else {
          weight = a;
          score = tokens[i + 1];
          i += 2;
        }
      } else if (rest === 1) {
        weight = tokens[i];
        i += 1;
      } else {
        // A text actual (may wrap), then weight and score.
        while (i < tokens.length && !isNumeric((tokens[i] as Token).text)) {
          const t = tokens[i] as Token;
          if (findMarkers([t]).markers.length && actual.length) break;
          actual.push(t);
          i++;
        }
        if (i < tokens.length && isNumeric((tokens[i] as Token).text)) {
          weight = tokens[i];
          i++;
        }
        if (i < tokens.length && PURE.test((tokens[i] as Token).text)) {
          score = tokens[i];
          i++;
        }
      }
    }
    run = [];
    const nameLine = (target as Token).line;
    const row: GridRow = {
      level1: l1 || '未分类指标',
      level2: l2 || l1 || '未分类指标',
      name: name.trim(),
      target: (target as Token).text,
      ...(actual.length ? { actual: actual.map((t) => t.text).join('') } : {}),
      ...(weight ? { weight: points(weight.text) } : {}),
      ...(score ? { score: points(score.text) } : {}),
      lines: {
        name: nameLine,
        target: (target as Token).line,
        ...(actual[0] ? { actual: actual[0].line } : {}),
        ...(weight ? { weight: weight.line } : {}),
        ...(score ? { score: score.line } : {}),
      },
      confidence: [target, ...actual, weight, score].some((t) => t?.line.repaired) ? 0.7 : 1,
    };
    if (!l1) row.confidence = Math.min(row.confidence, 0.6);
    rows.push(row);
    scoreLi = (score ?? weight ?? (target as Token)).li;
  }
  // What follows the last score is its deviation text.
  const last = rows[rows.length - 1];
  if (last && run.length) {
    const dev = run
      .map((t) => t.text)
      .join('')
      .trim();
    if (dev && !/^(说明|填表人|备注)/.test(dev)) last.deviation = dev;
  }
  return { rows, subtotals };
}

const COLS: ReadonlyArray<[RegExp, keyof GridRow | 'skip']> = [
  [/^一级(?:指标)?$/, 'level1'],
  [/^二级(?:指标)?$/, 'level2'],
  [/^三级(?:指标)?$|指标名称/, 'name'],
  [/年度指标值|指标值|目标值|预期值/, 'target'],
  [/实际(?:完成)?值|完成值|实际完成/, 'actual'],
  [/^分值$|^权重|^分值/, 'weight'],
  [/^得分/, 'score'],
  [/偏差|原因/, 'deviation'],
];

/** A grid with real cells: header words give the columns. */
export function parseGridCells(lines: readonly SourceLine[]): GridResult | undefined {
  const rows: GridRow[] = [];
  const subtotals: GridResult['subtotals'] = [];
  const hdrAt = lines.findIndex(
    (l) =>
      l.cells.some((c) => /三级指标|指标名称/.test(c.text)) &&
      l.cells.some((c) => /分值|权重/.test(c.text)),
  );
  if (hdrAt < 0) return undefined;
  const header = (lines[hdrAt] as SourceLine).cells.map((c) => c.text.replace(/\s+/g, ''));
  const map: (keyof GridRow | 'skip')[] = header.map(
    (h) => COLS.find(([re]) => re.test(h))?.[1] ?? 'skip',
  );
  if (!map.includes('name') || !map.includes('weight')) return undefined;
  let l1 = '';
  let l2 = '';
  for (const line of lines.slice(hdrAt + 1)) {
    if (!line.cells.length || REPEATED_HEADER.test(plain(line))) continue;
    if (/^(说明|填表人|备注)/.test(plain(line))) break;
    const cells = line.cells.map((c) => c.text.trim());
    if (/^(预算执行|总分|合计|总计)/.test(cells[0] ?? '')) continue;
    // Merged cells missing from the row: align the row to the right of the header.
    const offset = header.length - cells.length;
    if (offset < 0) continue;
    const get = (key: keyof GridRow): string | undefined => {
      const idx = map.indexOf(key);
      if (idx < 0 || idx < offset) return undefined;
      const v = cells[idx - offset];
      return v === undefined || v === ''
        ? undefined
        : v.replace(/\s+/g, (m) => (m.length ? ' ' : ''));
    };
    const c1 = get('level1');
    if (c1) {
      const m = /^(.*?指标)\s*(?:[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）])?$/.exec(
        c1.replace(/\s+/g, ''),
      );
      l1 = m?.[1] ?? c1;
      l2 = '';
      if (m?.[2]) subtotals.push({ level1: l1, value: m[2], line, quote: c1 });
    }
    const c2 = get('level2');
    if (c2) l2 = c2.replace(/\s+/g, '');
    const name = get('name');
    const target = get('target');
    if (!name || target === undefined) continue;
    const actual = get('actual');
    const weight = get('weight');
    const score = get('score');
    const deviation = get('deviation');
    rows.push({
      level1: l1 || '未分类指标',
      level2: l2 || l1 || '未分类指标',
      name: name.replace(/\s+/g, ''),
      target,
      ...(actual ? { actual } : {}),
      ...(weight ? { weight: points(weight) } : {}),
      ...(score ? { score: points(score) } : {}),
      ...(deviation ? { deviation } : {}),
      lines: { name: line, target: line, actual: line, weight: line, score: line, deviation: line },
      confidence: line.repaired ? 0.7 : l1 ? 1 : 0.6,
    });
  }
  return { rows, subtotals };
}

const ID_PREFIX: ReadonlyArray<[RegExp, string]> = [
  [/成本/, 'C'],
  [/产出/, 'O'],
  [/效益/, 'E'],
  [/满意/, 'S'],
];

/** Grid rows → dossier indicators (with provenance) and 一级 subtotal statements. */
export function storeGrid(
  result: GridResult,
  basePath: string,
  col: Collector,
  scope?: string,
): void {
  const seq = new Map<string, number>();
  const out: Record<string, unknown>[] = [];
  result.rows.forEach((r, i) => {
    const prefix = ID_PREFIX.find(([re]) => re.test(r.level1))?.[1] ?? 'I';
    const n = (seq.get(prefix) ?? 0) + 1;
    seq.set(prefix, n);
    const qualitative = /^(定性|定量)?$/.test(r.target)
      ? r.target === '定性'
      : !/\d/.test(r.target);
    const ind: Record<string, unknown> = {
      id: `${prefix}${n}`,
      level1: r.level1,
      level2: r.level2,
      name: r.name || `指标${i + 1}`,
      kind: qualitative ? 'qualitative' : 'quantitative',
      target: r.target,
      ...(r.actual !== undefined ? { actual: r.actual } : {}),
      weight: r.weight !== undefined && NUMBER.test(r.weight) ? r.weight : '0',
      ...(r.score !== undefined && NUMBER.test(r.score) ? { score: r.score } : {}),
      ...(r.deviation ? { deviation: r.deviation } : {}),
    };
    out.push(ind);
    const p = `${basePath}[${i}]`;
    const rec = (
      field: string,
      value: string | undefined,
      line: SourceLine | undefined,
      confidence = r.confidence,
    ) => {
      if (value !== undefined && line)
        col.record(`${p}.${field}`, value, placeOf(line, plain(line)), confidence);
    };
    rec('name', r.name, r.lines.name);
    rec('target', r.target, r.lines.target);
    rec('actual', r.actual, r.lines.actual);
    if (r.weight === undefined)
      col.record(
        `${p}.weight`,
        '0',
        placeOf(r.lines.name, plain(r.lines.name)),
        0.3,
        '未找到分值（记为 0）',
      );
    else if (!NUMBER.test(r.weight))
      col.record(
        `${p}.weight`,
        '0',
        placeOf(r.lines.weight ?? r.lines.name, r.weight),
        0.3,
        `分值不是数字（“${r.weight}”，记为 0）`,
      );
    else rec('weight', r.weight, r.lines.weight);
    if (r.score !== undefined && !NUMBER.test(r.score))
      col.record(
        `${p}.score`,
        r.score,
        placeOf(r.lines.score ?? r.lines.name, r.score),
        0.3,
        `得分不是数字（“${r.score}”，未读取）`,
      );
    else rec('score', r.score, r.lines.score);
    rec('deviation', r.deviation, r.lines.deviation ?? r.lines.score);
  });
  col.set(basePath, out, { text: '' }, 1);
  delete col.provenance[basePath];
  for (const s of result.subtotals) {
    col.state(
      'indicators.level1.subtotal',
      s.value,
      { annex: 2, table: '绩效指标', row: s.level1, column: '一级指标', quote: s.quote },
      placeOf(s.line, s.quote),
      1,
      { scope: s.level1 },
    );
  }
  void scope;
}
