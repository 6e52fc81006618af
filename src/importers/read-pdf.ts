/**
 * PDF → positioned lines with pdfjs-dist 5 (legacy build, runs on Node 20). Lines, columns and
 * table cells are rebuilt from the text items' coordinates (transform x/y), not from the content
 * stream's order: items on the same baseline (within half a glyph height) form a line, sorted left
 * to right; a horizontal gap wider than about one glyph starts a new cell.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceCell, SourceDoc, SourceLine } from './model.ts';
import { assertPdfPages, assertWithinTime } from './limits.ts';
import { assertPdfBytesWithinLimits } from './pdf-guard.ts';
import { normaliseLine } from './normalise.ts';

export class PdfReadError extends Error {
  constructor(
    readonly reason: 'encrypted' | 'corrupt' | 'scanned',
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

// CJK characters and full-width punctuation （），：；、。“”
const CJK_OR_PUNCT =
  String.raw`[\u2E80-\u9fff\uff08\uff09\uff0c\uff1a\uff1b` + String.raw`\u3001\u3002\u201c\u201d]`;
const CJK_SPACE = new RegExp(String.raw`(?<=${CJK_OR_PUNCT})\s+|\s+(?=${CJK_OR_PUNCT})`, 'g');

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
/** The same legacy build, minified (a variable: its typings are those of pdf.mjs). */
const PDFJS_MIN = 'pdfjs-dist/legacy/build/pdf.min.mjs';
let pdfjsLoading: Promise<Pdfjs> | undefined;
const PDFJS_WORKER_MIN = 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
/**
 * Built-ins that the legacy build's core-js replaces for the whole process on Node 20, where
 * Node's own serve everything pdfjs does. Its Array.prototype.push (forced because V8 does
 * not throw past 2^53 − 1 elements) is a JavaScript function 5× slower than V8's: after the first
 * PDF import every push in the process (audit, scoring, the server's requests) paid for it, and it
 * was 15–20 % of a PDF read (issue 14). They are put back as soon as pdfjs has loaded.
 */
const NATIVES_POLYFILLED: ReadonlyArray<readonly [object, PropertyKey]> = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
];

/**
 * pdfjs from its minified legacy build, loaded once per process (issue 14). pdfjs on Node runs
 * its worker's code in this thread ("fake worker") and by default imports the unminified
 * pdf.worker.mjs for it: the minified files are 1.8 MB to compile instead of 3.4 MB, and carry no
 * sourceMappingURL, so a run with source maps on (tsx, --enable-source-maps) does not read and
 * parse their 8 MB of maps (1.6 s of CPU under tsx at the first import).
 */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjsLoading ??= (async () => {
    const natives = NATIVES_POLYFILLED.map(([owner, key]) => {
      const descriptor = Object.getOwnPropertyDescriptor(owner, key);
      return () => descriptor && Object.defineProperty(owner, key, descriptor);
    });
    try {
      const pdfjs = (await import(PDFJS_MIN)) as Pdfjs;
      // The worker's code, loaded now (pdfjs takes it from globalThis.pdfjsWorker instead of
      // importing it at the first getDocument) so its polyfills are in place before the restore.
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await loadWorker();
      pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(
        join(pdfjsDir, 'legacy/build/pdf.worker.min.mjs'),
      ).href;
      return pdfjs;
    } finally {
      for (const restore of natives) restore();
    }
  })();
  return pdfjsLoading;
}

/**
 * Largest stream the worker inflates with zlib (one synchronous call, not interruptible): past it
 * zlib stops and pdfjs's own inflate reads the stream, as it does any stream zlib refuses.
 */
const SCOPED_INFLATE_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Put before the worker's module text: a DecompressionStream of the module's own scope, which the
 * worker's code finds before the global one. pdfjs inflates every FlateDecode stream (content
 * streams, fonts) through `new DecompressionStream('deflate')`, and Node's web-stream one cost
 * 6–10 % of a read in stream machinery and garbage (issue 14); this one hands the bytes to
 * zlib's inflateSync at once. Same bytes out and the same errors (truncated, bad header, bad
 * checksum: pdfjs then falls back to its JavaScript inflate, as with Node's); any other format
 * (pdfjs asks for "brotli", which Node 20's does not support either) throws, as Node 20's does.
 * Node's own DecompressionStream is neither used nor replaced.
 */
const SCOPED_DECOMPRESSION_STREAM = [
  "import { inflateSync as jixiaoInflateSync } from 'node:zlib';",
  'class DecompressionStream {',
  '  constructor(format) {',
  "    if (format !== 'deflate') throw new TypeError(`unsupported format: ${String(format)}`);",
  '    const input = [];',
  '    let close;',
  '    const closed = new Promise((resolve) => (close = resolve));',
  '    this.writable = {',
  '      getWriter: () => ({',
  '        ready: Promise.resolve(),',
  '        write: async (chunk) => void input.push(chunk),',
  '        close: async () => close(),',
  '      }),',
  '    };',
  '    this.readable = {',
  '      async *[Symbol.asyncIterator]() {',
  '        await closed;',
  '        const bytes = input.length === 1 ? input[0] : Buffer.concat(input);',
  `        yield jixiaoInflateSync(bytes, { maxOutputLength: ${SCOPED_INFLATE_MAX_BYTES} });`,
  '      },',
  '    };',
  '  }',
  '}',
  '',
].join('\n');

/**
 * The worker's module, evaluated from its text with SCOPED_DECOMPRESSION_STREAM in front: the same
 * code with one more binding in its scope. The text is written to a private temporary directory
 * (mkdtemp: only this user can read or write it), imported from there, and the directory removed.
 * The file sits in a node_modules folder: test runners that transform sources but load packages
 * as they are (vitest: 1.6 s to transform it otherwise) take it as the package file it is.
 * That costs ~15 ms once (synchronous I/O, at the first import only); a data: URL of the 1.3 MB
 * text took 90 ms more to import (URL parsing), 330 ms under tsx. Where it fails (no writable
 * temporary directory) the module is imported as it is and pdfjs uses Node's DecompressionStream.
 */
async function loadWorker(): Promise<unknown> {
  let dir: string | undefined;
  try {
    const text = readFileSync(join(pdfjsDir, 'legacy/build/pdf.worker.min.mjs'));
    dir = mkdtempSync(join(tmpdir(), 'jixiao-pdfjs-'));
    mkdirSync(join(dir, 'node_modules'));
    const file = join(dir, 'node_modules', 'pdf.worker.min.mjs');
    writeFileSync(file, Buffer.concat([Buffer.from(SCOPED_DECOMPRESSION_STREAM), text]));
    return (await import(pathToFileURL(file).href)) as unknown;
  } catch {
    return (await import(PDFJS_WORKER_MIN)) as unknown;
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

function linesOfPage(items: Item[], page: number): SourceLine[] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const it of sorted) {
    // The first row (highest) within tolerance of the item's baseline. Rows are made top to
    // bottom and items come top to bottom, so only the last few rows can be within tolerance
    // (at most max(1.5, h / 2) above it): the scan stops there instead of testing every row.
    let row: Row | undefined;
    for (let k = rows.length - 1; k >= 0; k--) {
      const r = rows[k] as Row;
      if (r.y - it.y > Math.max(1.5, it.h * 0.5)) break;
      if (Math.abs(r.y - it.y) <= Math.max(1.5, Math.min(r.h, it.h) * 0.5)) row = r;
    }
    if (row) row.items.push(it);
    else rows.push({ y: it.y, h: it.h || 10, items: [it] });
  }
  rows.sort((a, b) => b.y - a.y);
  const gridAt = rows.findIndex((r) => {
    const t = rowText(r).replace(/\s+/g, '');
    return /三级指标/.test(t) && /分值/.test(t) && /一级指标/.test(t);
  });
  let budgetAt = rows.findIndex((r) => /年度预算申请/.test(rowText(r)));
  // A taller wrapped header word can start above the row label ("全年预算数（调" / "整后）").
  while (
    budgetAt > 0 &&
    /预算数|调整|执行数|^（万元）$/.test(rowText(rows[budgetAt - 1] as Row).trim())
  )
    budgetAt--;
  if (budgetAt >= 0 && (gridAt < 0 || budgetAt < gridAt)) {
    const block = rebuildBudget(rows.slice(budgetAt), page, budgetAt);
    if (block) {
      const before = linesOfRows(rows.slice(0, budgetAt), page, 0);
      const rest = linesOfPage(
        rows.slice(budgetAt + block.consumed).flatMap((r) => r.items),
        page,
      ).map((l) => ({ ...l, line: l.line + budgetAt + block.consumed }));
      return [...before, ...block.lines, ...rest];
    }
  }
  if (gridAt >= 0) {
    const grid = rebuildGrid(rows.slice(gridAt), page, gridAt);
    if (grid) {
      const before = linesOfRows(rows.slice(0, gridAt), page, 0);
      const after = linesOfRows(rows.slice(gridAt + grid.consumed), page, gridAt + grid.consumed);
      return [...before, ...grid.lines, ...after];
    }
  }
  return linesOfRows(rows, page, 0);
}

interface Row {
  y: number;
  h: number;
  items: Item[];
}

const rowTexts = new WeakMap<Row, string>();

/** A row's items joined and normalised, once per row (the table finders test every row). */
function rowText(r: Row): string {
  let text = rowTexts.get(r);
  if (text === undefined) {
    text = normaliseLine(r.items.map((i) => i.str).join('')).text;
    rowTexts.set(r, text);
  }
  return text;
}

function cellsOf(r: Row): { text: string; x: number; end: number }[] {
  r.items.sort((a, b) => a.x - b.x);
  rowTexts.delete(r); // the items' order, and so the joined text, may have changed
  const cells: { text: string; x: number; end: number }[] = [];
  for (const it of r.items) {
    const last = cells[cells.length - 1];
    const h = it.h || r.h;
    const gap = last ? it.x - last.end : Infinity;
    if (last && gap < h * 1.2) {
      last.text +=
        gap > h * 0.25 && !/[\u3400-\u9fff]$/.test(last.text) && !/^[\u3400-\u9fff]/.test(it.str)
          ? ` ${it.str}`
          : it.str;
      last.end = Math.max(last.end, it.x + it.w);
    } else cells.push({ text: it.str, x: it.x, end: it.x + it.w });
  }
  for (const c of cells) c.text = c.text.replace(CJK_SPACE, '');
  return cells;
}

const L2_START =
  /^(服务对象|可持续影响|生态环境成本|社会成本|经济成本|经济效益|社会效益|生态效益|数量|质量|时效|成本|产出|效益|满意度)/;

/**
 * The indicator grid printed from an HTML table: cells wrap over several text lines and the 一级 /
 * 二级 cells span several rows with their label centred. Columns come from the header's x
 * positions; each row with a 分值 is an indicator ("anchor"); wrapped text above or below an anchor
 * joins the nearest anchor; a merged label covers the run of anchors whose middle is nearest to it.
 */
function rebuildGrid(
  rows: Row[],
  page: number,
  firstIndex: number,
): { lines: SourceLine[]; consumed: number } | undefined {
  const header = cellsOf(rows[0] as Row).map((c) => ({
    ...c,
    text: normaliseLine(c.text).text.replace(/\s+/g, ''),
  }));
  const colOf = (name: RegExp) => header.findIndex((c) => name.test(c.text));
  const wCol = colOf(/^分值/);
  const l1Col = colOf(/^一级/);
  const l2Col = colOf(/^二级/);
  if (wCol < 0 || header.length < 5) return undefined;
  const starts = header.map((c) => c.x);
  // Header words sit inside their column (usually centred), so a column's left border lies between
  // the end of the previous header word and the start of its own: text starting after the previous
  // header word's end belongs to this column or a later one.
  const bounds = header.map((c, i) =>
    i === 0 ? -Infinity : (header[i - 1] as (typeof header)[number]).end + 1,
  );
  const col = (x: number) => {
    let k = 0;
    for (let i = 0; i < bounds.length; i++) if (x >= (bounds[i] ?? 0)) k = i;
    return k;
  };
  let end = 1;
  const table: { y: number; cols: string[]; row: Row; index: number }[] = [];
  for (; end < rows.length; end++) {
    const r = rows[end] as Row;
    const joined = rowText(r);
    if (/^(预算执行|总分|[-—–]\s*\d+\s*[-—–]$)/.test(joined.trim())) break;
    const cols = header.map(() => '');
    for (const it of [...r.items].sort((a, b) => a.x - b.x)) {
      const k = col(it.x);
      cols[k] = `${cols[k] ?? ''}${it.str}`;
    }
    table.push({
      y: r.y,
      cols: cols.map((c) => normaliseLine(c.replace(CJK_SPACE, '')).text.trim()),
      row: r,
      index: firstIndex + end,
    });
  }
  // A wrapped name's last line can share a text run with the target ("长率＜1%"): give the words back.
  const nameCol = colOf(/^三级/);
  const targetCol = colOf(/年度指标值|指标值/);
  if (nameCol >= 0 && targetCol >= 0) {
    for (const t of table) {
      const m = /^([\u4e00-\u9fa5、，（）()]+?)([≥≤＜＞<>=＝].*|\d.*)$/.exec(
        t.cols[targetCol] ?? '',
      );
      if (
        m?.[1] &&
        m[2] &&
        !/^(不低于|不高于|大于|小于|等于|不少于|不超过|低于|高于)$/.test(m[1])
      ) {
        t.cols[nameCol] = `${t.cols[nameCol] ?? ''}${m[1]}`;
        t.cols[targetCol] = m[2];
      }
    }
  }
  const anchors = table.filter((t) => /^\d+(?:\.\d+)?$/.test(t.cols[wCol] ?? ''));
  if (!anchors.length) return undefined;
  const nearest = (y: number) =>
    anchors.reduce(
      (best, a) => (Math.abs(a.y - y) < Math.abs(best.y - y) ? a : best),
      anchors[0] as (typeof anchors)[number],
    );
  const merged = new Map(
    anchors.map((a) => [a, header.map(() => [] as { y: number; text: string }[])]),
  );
  for (const t of table) {
    const a = nearest(t.y);
    t.cols.forEach((text, k) => {
      if (text && k !== l1Col && k !== l2Col) merged.get(a)?.[k]?.push({ y: t.y, text });
    });
  }
  // Name words that ended up under the target (a shared text run): back to the name, in place.
  if (nameCol >= 0 && targetCol >= 0) {
    for (const frags of merged.values()) {
      const tf = frags[targetCol] ?? [];
      const words = tf.filter(
        (f) =>
          /^[\u4e00-\u9fa5、，（）]+$/.test(f.text) &&
          !/^(定性|定量|不低于|不高于|大于|小于|等于|不少于|不超过|低于|高于)$/.test(f.text),
      );
      if (words.length && words.length < tf.length) {
        frags[targetCol] = tf.filter((f) => !words.includes(f));
        frags[nameCol]?.push(...words);
      }
    }
  }
  // Merged label cells: runs of consecutive fragments in the column, split at each new label.
  const labelsFor = (k: number): Map<(typeof anchors)[number], string> => {
    const out = new Map<(typeof anchors)[number], string>();
    if (k < 0) return out;
    const blocks: { text: string; ys: number[] }[] = [];
    let prev: number | undefined;
    for (const [i, t] of table.entries()) {
      const text = t.cols[k] ?? '';
      if (!text) continue;
      const last = blocks[blocks.length - 1];
      // A label continues over the next rows ("可持续影响指" … "标", "满意度指标" … "（10分）").
      const continues =
        last &&
        prev !== undefined &&
        !L2_START.test(text) &&
        (i - prev <= 2 || /^[（(]/.test(text));
      if (last && continues) {
        last.text += text;
        last.ys.push(t.y);
      } else blocks.push({ text, ys: [t.y] });
      prev = i;
    }
    let r = 0;
    blocks.forEach((b, bi) => {
      const center = b.ys.reduce((x, y) => x + y, 0) / b.ys.length;
      const left = anchors.length - r - (blocks.length - bi - 1);
      let bestK = 1;
      let bestD = Infinity;
      for (let n = 1; n <= Math.max(1, left); n++) {
        const span = anchors.slice(r, r + n);
        const mid = span.reduce((x, a) => x + a.y, 0) / span.length;
        const d = Math.abs(mid - center);
        if (d < bestD - 0.01) {
          bestD = d;
          bestK = n;
        }
      }
      if (anchors[r]) out.set(anchors[r] as (typeof anchors)[number], b.text);
      r += bestK;
    });
    return out;
  };
  const l1 = labelsFor(l1Col);
  const l2 = labelsFor(l2Col);
  const lines: SourceLine[] = [];
  const headerText = header.map((c) => c.text);
  lines.push({
    page,
    line: firstIndex + 1,
    text: headerText.join(' '),
    raw: headerText.join(' '),
    cells: header.map((c) => ({ text: c.text, x: c.x })),
  });
  for (const a of anchors) {
    const cols = (merged.get(a) ?? []).map((frags, k) =>
      k === l1Col
        ? (l1.get(a) ?? '')
        : k === l2Col
          ? (l2.get(a) ?? '')
          : frags
              .sort((p, q) => q.y - p.y)
              .map((f) => f.text)
              .join(''),
    );
    const text = cols.filter(Boolean).join(' ');
    lines.push({
      page,
      line: table.indexOf(a) + firstIndex + 2,
      text,
      raw: text,
      cells: cols.map((t, k) => ({ text: t, x: starts[k] ?? 0 })),
    });
  }
  return { lines, consumed: end };
}

const BUDGET_KEYS: ReadonlyArray<[RegExp, string]> = [
  [/年初预算/, '年初预算数'],
  [/调整|全年预算/, '全年预算数（调整后）'],
  [/执行数/, '全年执行数'],
  [/分值/, '分值'],
  [/执行率/, '执行率'],
  [/得分/, '得分'],
];
const NUMERIC_ITEM = /^-?\d[\d,]*(?:\.\d+)?%?$/;

/**
 * 附件2's budget block printed from an HTML table: header words and row labels wrap around the
 * figures. Columns come from the header words' centres; each row with figures is a table row, and
 * the label words above and below it join the nearest such row. Emitted as one cell line per row.
 */
function rebuildBudget(
  rows: Row[],
  page: number,
  firstIndex: number,
): { lines: SourceLine[]; consumed: number } | undefined {
  let end = 0;
  while (end < rows.length && !/年度总体目标|预期目标|一级指标/.test(rowText(rows[end] as Row)))
    end++;
  const region = rows.slice(0, end);
  const isAnchor = (r: Row) => r.items.some((i) => NUMERIC_ITEM.test(i.str.trim()));
  const firstAnchor = region.findIndex(isAnchor);
  if (firstAnchor < 0) return undefined;
  // Header columns: fragments before the first figure row, grouped by their centre.
  // Words: items of a row closer than a third of a glyph; a column: words overlapping in x.
  const cols: { x: number; end: number; text: string; cx: number }[] = [];
  for (const r of region.slice(0, firstAnchor)) {
    const words: { x: number; end: number; text: string }[] = [];
    for (const it of [...r.items].sort((a, b) => a.x - b.x)) {
      const last = words[words.length - 1];
      if (last && it.x - last.end < (it.h || r.h) * 0.3) {
        last.text += it.str;
        last.end = it.x + it.w;
      } else words.push({ x: it.x, end: it.x + it.w, text: it.str });
    }
    for (const w of words) {
      const hit = cols.find((k) => Math.min(k.end, w.end) - Math.max(k.x, w.x) > 1);
      if (hit) {
        hit.text += w.text;
        hit.x = Math.min(hit.x, w.x);
        hit.end = Math.max(hit.end, w.end);
        hit.cx = (hit.x + hit.end) / 2;
      } else cols.push({ ...w, cx: (w.x + w.end) / 2 });
    }
  }
  const keyed = cols
    .map((c) => ({
      cx: c.cx,
      key: BUDGET_KEYS.find(([re]) => re.test(normaliseLine(c.text).text))?.[1],
    }))
    .filter((c): c is { cx: number; key: string } => c.key !== undefined)
    .sort((a, b) => a.cx - b.cx);
  if (keyed.length < 3) return undefined;
  const labelEdge = (keyed[0] as { cx: number }).cx - 25;
  const anchors = region
    .map((r, i) => ({ r, i }))
    .filter((x) => x.i >= firstAnchor && isAnchor(x.r));
  const labels = new Map(anchors.map((a) => [a, [] as { y: number; x: number; text: string }[]]));
  const values = new Map(anchors.map((a) => [a, keyed.map(() => '')]));
  for (const [i, r] of region.entries()) {
    if (i < firstAnchor) continue;
    const near = anchors.reduce(
      (best, a) => (Math.abs(a.r.y - r.y) < Math.abs(best.r.y - r.y) ? a : best),
      anchors[0] as (typeof anchors)[number],
    );
    for (const c of cellsOf(r)) {
      const t = c.text.trim();
      if (NUMERIC_ITEM.test(t) && c.x >= labelEdge && r === near.r) {
        const cx = (c.x + c.end) / 2;
        let k = 0;
        keyed.forEach((col, j) => {
          if (Math.abs(col.cx - cx) < Math.abs((keyed[k] as { cx: number }).cx - cx)) k = j;
        });
        const v = values.get(near);
        if (v) v[k] = t;
      } else if (!NUMERIC_ITEM.test(t)) labels.get(near)?.push({ y: r.y, x: c.x, text: t });
    }
  }
  const header = ['年度预算申请', ...keyed.map((k) => k.key)];
  const lines: SourceLine[] = [
    {
      page,
      line: firstIndex + 1,
      text: header.join(' '),
      raw: header.join(' '),
      cells: header.map((t) => ({ text: t })),
    },
  ];
  for (const a of anchors) {
    // Label words: group by column (x), top to bottom; "按收入性质分" and the source name stay apart.
    const frags = (labels.get(a) ?? []).sort((p, q) => q.y - p.y || p.x - q.x);
    const groups: { x: number; text: string }[] = [];
    for (const f of frags) {
      const g = groups.find((x) => Math.abs(x.x - f.x) < 15);
      if (g) g.text += f.text;
      else groups.push({ x: f.x, text: f.text });
    }
    groups.sort((p, q) => p.x - q.x);
    const cells = [...groups.map((g) => normaliseLine(g.text).text), ...(values.get(a) ?? [])];
    const text = cells.filter(Boolean).join(' ');
    lines.push({
      page,
      line: firstIndex + a.i + 1,
      text,
      raw: text,
      cells: cells.map((t) => ({ text: t })),
    });
  }
  return { lines, consumed: end };
}

function linesOfRows(rows: Row[], page: number, firstIndex: number): SourceLine[] {
  const out: SourceLine[] = [];
  let prevY: number | undefined;
  let prevH = 10;
  rows.forEach((r, i) => {
    const idx = firstIndex + i;
    // Justified lines spread characters apart: spaces next to CJK characters are layout, not text.
    const cells = cellsOf(r);
    const raw = cells.map((c) => c.text.trim()).join(' ');
    const norm = normaliseLine(raw);
    const cellList: SourceCell[] =
      cells.length > 1
        ? cells.map((c) => ({ text: normaliseLine(c.text.trim()).text, x: c.x, end: c.end }))
        : [];
    const gapBefore = prevY !== undefined && prevY - r.y > prevH * 1.9;
    out.push({
      page,
      line: idx + 1,
      ...(cells[0] ? { x: cells[0].x } : {}),
      text: norm.text.replace(/\s+/g, ' ').trim(),
      raw,
      cells: cellList,
      ...(norm.repaired ? { repaired: true } : {}),
      ...(gapBefore ? { gapBefore } : {}),
    });
    prevY = r.y;
    prevH = r.h;
  });
  return out;
}

/** Pages whose text is being read at once (see readPdf). */
const PAGES_IN_FLIGHT = 6;

export async function readPdf(data: Uint8Array, file: string): Promise<SourceDoc> {
  assertPdfBytesWithinLimits(data, file);
  const pdfjs = await loadPdfjs();
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(data),
      cMapUrl: `${pathToFileURL(join(pdfjsDir, 'cmaps')).href}/`,
      cMapPacked: true,
      standardFontDataUrl: `${pathToFileURL(join(pdfjsDir, 'standard_fonts')).href}/`,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfReadError('encrypted', 'encrypted');
    throw new PdfReadError('corrupt', (err as Error).message ?? String(err));
  }
  try {
    assertPdfPages(doc.numPages, file);
    const lines: SourceLine[] = [];
    // Pages are read a few at a time: pdfjs's fake worker waits on decompression and message
    // passing between the steps of one page, and the next pages' work fills those waits (12 pages:
    // 78 → 62 ms). The window bounds the text contents held at once.
    const textOf = (p: number) =>
      doc
        .getPage(p)
        .then(async (pg) => {
          const content = await pg.getTextContent();
          pg.cleanup();
          return content;
        })
        .catch((err: unknown) => {
          // A broken page tree or content stream: a corrupt file, not a crash (npm run fuzz).
          throw new PdfReadError('corrupt', `第 ${p} 页无法读取：${(err as Error).message}`);
        });
    const inFlight: ReturnType<typeof textOf>[] = [];
    const startNext = (p: number) => {
      if (p <= doc.numPages) {
        const reading = textOf(p);
        reading.catch(() => undefined); // awaited in order below; never an unhandled rejection
        inFlight.push(reading);
      }
    };
    for (let p = 1; p <= Math.min(PAGES_IN_FLIGHT, doc.numPages); p++) startNext(p);
    for (let p = 1; p <= doc.numPages; p++) {
      assertWithinTime(file);
      const content = await (inFlight.shift() as ReturnType<typeof textOf>);
      startNext(p + PAGES_IN_FLIGHT);
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const t = it.transform as number[];
        items.push({
          str: it.str,
          x: t[4] ?? 0,
          y: t[5] ?? 0,
          w: it.width,
          h: it.height || Math.abs(t[3] ?? 10),
        });
      }
      lines.push(...linesOfPage(items, p));
    }
    if (lines.reduce((n, l) => n + l.text.length, 0) < 20)
      throw new PdfReadError('scanned', 'no text layer');
    return { kind: 'pdf', file, pages: doc.numPages, lines };
  } finally {
    await doc.destroy();
  }
}
