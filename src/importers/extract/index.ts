/**
 * A positioned document → a Dossier with provenance (issue #7).
 *
 * Every figure the report states becomes a statement at its place; the structured fields take the
 * value the report's own detail supports, by a fixed preference (documented in docs/import.md):
 * tables first for budgets and prior-year figures, the narrative for current-year actuals when the
 * 附件1 "Y 决算" column merely repeats the "Y-1 决算" column, and values derived from two stated
 * figures only with a low confidence (listed for a person to confirm).
 */
import {
  conceptPath,
  CONTROL_ITEMS,
  headConcept,
  INCOME_SOURCES,
  moneyConcept,
  moneyConceptParts,
  moneyHead,
  THREE_PUBLIC_STORED,
  type ConceptKey,
  type IncomeSource,
  type MoneyColumn,
  type MoneyHead,
} from '../../core/concepts/index.ts';
import { Dossier } from '../../core/dossier/schema.ts';
import { validateDossier } from '../../core/dossier/validate.ts';
import { subWan, sumWan, wanToFen } from '../../core/money.ts';
import type { InputError, Lang } from '../../core/errors/input-error.ts';
import {
  Collector,
  getPath,
  pathPrefixes,
  type StatementInput,
  type Uncertain,
} from '../collect.ts';
import type { Place, SourceDoc } from '../model.ts';
import { extractAnnex1, type Annex1Result } from './annex1.ts';
import { extractBudgetBlock, extractGoal, GRID_START } from './annex2.ts';
import { parseGridCells, parseGridStream, storeGrid } from './grid.ts';
import { extractNarrative } from './narrative.ts';
import { ANNEX2_RE, plain, splitParts } from './sections.ts';
import { amountOf, NIL_RE } from './cells.ts';
import { readAnywhere } from './anywhere/index.ts';
import type { IndicatorRowRead } from '../key-figures.ts';

export interface ImportReport {
  /** The imported dossier (validated), absent when the document could not give a valid one. */
  readonly dossier?: Dossier;
  /** The dossier as plain data before validation (for writing and for diagnosis). */
  readonly data: Record<string, unknown>;
  /** JSON paths of structured values found. */
  readonly found: readonly string[];
  /** What a complete report has and this one did not show (JSON paths or concept keys). */
  readonly missing: readonly string[];
  /** Values to confirm: low confidence, derived, or repaired. */
  readonly uncertain: readonly Uncertain[];
  readonly unassigned: readonly { text: string; page?: number; line?: number }[];
  readonly statements: number;
  /** Indicator rows as read, with or without a weight (the dossier keeps only weighted rows). */
  readonly rows: readonly IndicatorRowRead[];
  /** Why no dossier could be made (bad input), located in the source. */
  readonly errors: readonly InputError[];
}

const stmt = (
  c: Collector,
  concept: ConceptKey,
  pred: (s: StatementInput) => boolean = () => true,
) => c.statements.find((s) => s.concept === concept && pred(s));

/** The JSON path a stored concept's value is written to (the registry's, never built here). */
function pathOf(key: ConceptKey): string {
  const path = conceptPath(key);
  if (path === undefined) throw new Error(`${key} is not stored in a dossier`);
  return path;
}

/** The income source a statement's concept is a column of (`income.general.actual` → general). */
function incomeSourceOf(concept: string): IncomeSource | undefined {
  const head = moneyConceptParts(concept)?.head;
  return INCOME_SOURCES.find((source) => moneyHead('income', source) === head);
}
const BUDGET_COLUMNS: readonly MoneyColumn[] = ['initialBudget', 'adjustedBudget', 'actual'];
const inNarrative = (s: StatementInput) => s.where.annex === undefined;
const inAnnex = (n: 1 | 2) => (s: StatementInput) => s.where.annex === n;
const placeOfStmt = (c: Collector, s: StatementInput): Place => {
  const i = c.statements.indexOf(s);
  const p = c.provenance[`statements[${i}].value`];
  return {
    text: p?.text ?? s.where.quote ?? '',
    ...(p?.page !== undefined ? { page: p.page } : {}),
    ...(p?.line !== undefined ? { line: p.line } : {}),
    ...(p?.sheet ? { sheet: p.sheet } : {}),
    ...(p?.cell ? { cell: p.cell } : {}),
  };
};
const confOf = (c: Collector, s: StatementInput): number =>
  c.provenance[`statements[${c.statements.indexOf(s)}].value`]?.confidence ?? 1;

/** The amount a statement states; "无" is a stated nil (0). */
const amountStated = (s: StatementInput | undefined): string | undefined =>
  s ? (NIL_RE.test(s.value) ? '0' : amountOf(s.value)) : undefined;

function setFromStmt(
  c: Collector,
  path: string,
  s: StatementInput | undefined,
  confidence?: number,
  reason?: string,
): void {
  const v = amountStated(s);
  if (s && v !== undefined && wanToFen(v) !== null)
    c.set(path, v, placeOfStmt(c, s), confidence ?? confOf(c, s), reason ? { reason } : {});
}

function derive(
  c: Collector,
  path: string,
  a: string | undefined,
  b: string | undefined,
  op: '-' | '+',
  text: string,
  place: Place,
): void {
  if (a === undefined || b === undefined || c.has(path)) return;
  const v = op === '-' ? subWan(a, b) : sumWan([a, b]);
  c.set(path, v, { ...place, text }, 0.5, { reason: `推算：${text}` });
}

function chooseStructured(c: Collector, a1: Annex1Result, projectNames: readonly string[]): void {
  const copied = a1.actualCopiesPrior;
  const annexCell = (head: MoneyHead, col: MoneyColumn) =>
    stmt(c, headConcept(head, col), inAnnex(1));
  // Income.
  setFromStmt(
    c,
    'income.general.initialBudget',
    stmt(c, 'income.general.initialBudget', inNarrative),
  );
  // Amounts by source with a named column (a real table): taken as stated.
  for (const s of c.statements) {
    const source = incomeSourceOf(s.concept);
    const column = moneyConceptParts(s.concept)?.column;
    if (source && column && BUDGET_COLUMNS.includes(column) && s.where.annex === 2)
      if (s.where.column) setFromStmt(c, pathOf(moneyConcept('income', source, column)), s);
  }
  const sources = c.statements.filter(
    (s) =>
      incomeSourceOf(s.concept) !== undefined &&
      moneyConceptParts(s.concept)?.column === 'actual' &&
      s.where.annex === 2,
  );
  const totalActual = amountStated(stmt(c, 'income.total.actual', inAnnex(2)));
  const totalAdjusted = amountStated(stmt(c, 'income.total.adjustedBudget', inAnnex(2)));
  const sum = sources.length ? sumWan(sources.map((s) => amountStated(s))) : undefined;
  for (const s of sources) {
    const source = incomeSourceOf(s.concept);
    if (!source) continue;
    const matchesActual =
      sum !== undefined && totalActual !== undefined && wanToFen(sum) === wanToFen(totalActual);
    setFromStmt(
      c,
      pathOf(moneyConcept('income', source, 'actual')),
      s,
      matchesActual ? 0.9 : 0.7,
      '“按收入性质分”的金额未注明所属列，按执行数读取',
    );
    if (
      sum !== undefined &&
      totalAdjusted !== undefined &&
      wanToFen(sum) === wanToFen(totalAdjusted)
    )
      setFromStmt(
        c,
        pathOf(moneyConcept('income', source, 'adjustedBudget')),
        s,
        0.7,
        '“按收入性质分”的金额未注明所属列；其合计等于调整后预算，也作调整后预算',
      );
  }
  // "均为财政拨款收入": every other source the form lists had no initial budget (0, not blank, so
  // totals stay known), and none the year before (so that the stated growth refers to the same
  // total).
  const implied = stmt(c, 'income.general.initialBudget', inNarrative);
  if (implied) {
    for (const s of sources) {
      const source = incomeSourceOf(s.concept);
      if (!source || source === 'general') continue;
      const place = placeOfStmt(c, implied);
      c.set(pathOf(moneyConcept('income', source, 'initialBudget')), '0', place, 0.7, {
        reason: '由“均为财政拨款收入”推定（年初预算全部为一般公共预算）',
      });
      c.set(pathOf(moneyConcept('income', source, 'priorInitialBudget')), '0', place, 0.5, {
        reason: '推算：“均为财政拨款收入”，所述增长只涉及一般公共预算',
      });
    }
  }
  const growth = stmt(c, 'budget.growth.amount', inNarrative);
  if (growth && c.has('income.general.initialBudget'))
    derive(
      c,
      'income.general.priorInitialBudget',
      c.get('income.general.initialBudget') as string,
      amountStated(growth),
      '-',
      `${String(c.get('income.general.initialBudget'))} − ${growth.value}`,
      placeOfStmt(c, growth),
    );

  // Public funds, personnel.
  for (const colKey of [
    'priorActual',
    'priorInitialBudget',
    'initialBudget',
    'adjustedBudget',
  ] as const)
    setFromStmt(
      c,
      pathOf(moneyConcept('expenditure', 'publicFunds', colKey)),
      annexCell('expenditure.publicFunds', colKey),
    );
  setFromStmt(
    c,
    'expenditure.publicFunds.actual',
    stmt(c, 'expenditure.publicFunds.actual', inNarrative),
  );
  setFromStmt(
    c,
    'expenditure.personnel.actual',
    stmt(c, 'expenditure.personnel.actual', inNarrative),
  );
  for (const colKey of ['priorActual', 'initialBudget', 'adjustedBudget'] as const)
    setFromStmt(
      c,
      pathOf(moneyConcept('expenditure', 'personnel', colKey)),
      annexCell('expenditure.personnel', colKey),
    );
  if (!copied) {
    setFromStmt(
      c,
      'expenditure.publicFunds.actual',
      annexCell('expenditure.publicFunds', 'actual'),
    );
    setFromStmt(c, 'expenditure.personnel.actual', annexCell('expenditure.personnel', 'actual'));
  }
  for (const colKey of ['priorActual', 'initialBudget'] as const) {
    const basic =
      annexCell('expenditure.basic', colKey) ??
      (colKey === 'initialBudget'
        ? stmt(c, 'expenditure.basic.initialBudget', inNarrative)
        : undefined);
    const pf = c.get(pathOf(moneyConcept('expenditure', 'publicFunds', colKey))) as
      | string
      | undefined;
    if (basic && pf !== undefined)
      derive(
        c,
        pathOf(moneyConcept('expenditure', 'personnel', colKey)),
        amountStated(basic),
        pf,
        '-',
        `基本支出 ${basic.value} − 公用经费 ${pf}`,
        placeOfStmt(c, basic),
      );
  }

  // Projects (附件1 rows), in order, with the kind of the subtotal row above them.
  let kind: string | undefined;
  const projects: Record<string, unknown>[] = [];
  let pi = 0;
  for (const r of a1.rows) {
    if (r.base === 'projects.kind') {
      kind = r.kind;
      continue;
    }
    if (r.base !== 'project') continue;
    const id = `P${++pi}`;
    const name = r.label.replace(/^(其中[:：]|\d+[、.．])/, '').trim();
    const money: Record<string, string> = {};
    const base = `expenditure.projects[${projects.length}]`;
    for (const col of a1.columns) {
      const v = r.cells[col.key];
      if (v === undefined) continue;
      if (col.key === 'actual' && copied) continue;
      // "无" in a project row is a stated nil (the project spent nothing then): 0, not blank.
      const a = NIL_RE.test(v) ? '0' : amountOf(v);
      if (a === undefined) continue;
      money[col.key] = a;
      c.record(
        `${base}.money.${col.key}`,
        a,
        {
          line: r.line.line,
          ...(r.line.page !== undefined ? { page: r.line.page } : {}),
          text: r.quote,
        },
        r.confidence,
      );
    }
    c.record(
      `${base}.name`,
      name,
      {
        line: r.line.line,
        ...(r.line.page !== undefined ? { page: r.line.page } : {}),
        text: r.quote,
      },
      r.confidence,
    );
    projects.push({ id, name, kind: kind ?? 'business', money });
  }
  if (!projects.length && projectNames.length) {
    projectNames.forEach((name, i) =>
      projects.push({ id: `P${i + 1}`, name, kind: 'business', money: {} }),
    );
  }
  if (projects.length) {
    c.set('expenditure.projects', projects, { text: '' });
    delete c.provenance['expenditure.projects'];
  }

  // "三公" items and controls.
  const PRIOR_AND_BUDGET = [
    'priorActual',
    'priorInitialBudget',
    'initialBudget',
    'adjustedBudget',
  ] as const;
  for (const item of THREE_PUBLIC_STORED) {
    const head = moneyHead('threePublic', item);
    const path = (col: MoneyColumn) => pathOf(headConcept(head, col));
    for (const colKey of PRIOR_AND_BUDGET) setFromStmt(c, path(colKey), annexCell(head, colKey));
    setFromStmt(c, path('actual'), stmt(c, headConcept(head, 'actual'), inNarrative));
    const a = annexCell(head, 'actual');
    if (!copied || amountStated(a) === '0') setFromStmt(c, path('actual'), a);
    setFromStmt(c, path('initialBudget'), stmt(c, headConcept(head, 'initialBudget'), inNarrative));
  }
  for (const item of CONTROL_ITEMS) {
    const head = moneyHead('controls', item);
    const path = (col: MoneyColumn) => pathOf(headConcept(head, col));
    for (const colKey of PRIOR_AND_BUDGET) setFromStmt(c, path(colKey), annexCell(head, colKey));
    const a = annexCell(head, 'actual');
    if (!copied || amountStated(a) === '0') setFromStmt(c, path('actual'), a);
  }

  // Assets.
  const ye = stmt(c, 'assets.yearEnd');
  setFromStmt(c, 'assets.yearEnd', ye);
  setFromStmt(c, 'assets.previousYearEnd', stmt(c, 'assets.previousYearEnd'));
  const ag = stmt(c, 'assets.growth.amount');
  if (ye && ag)
    derive(
      c,
      'assets.previousYearEnd',
      amountStated(ye),
      amountStated(ag),
      '-',
      `${ye.value} − ${ag.value}`,
      placeOfStmt(c, ag),
    );
}

/** Income "均为财政拨款收入": keep what the sentence implies as its own statement. */
function impliedGeneral(c: Collector, narrativeText: string): void {
  const s = stmt(c, 'income.total.initialBudget', inNarrative);
  if (!s) return;
  const idx = narrativeText.indexOf(s.where.quote ?? '\u0000');
  const after = idx >= 0 ? narrativeText.slice(idx, idx + (s.where.quote?.length ?? 0) + 20) : '';
  if (/均为财政拨款|全部为财政拨款|均为一般公共预算/.test(after)) {
    const m = /均为财政拨款收入|全部为财政拨款收入?|均为一般公共预算收入?/.exec(after);
    c.state(
      'income.general.initialBudget',
      s.value,
      { section: s.where.section ?? '', quote: m?.[0] ?? '均为财政拨款收入' },
      placeOfStmt(c, s),
      confOf(c, s),
      { note: `implied by ${m?.[0] ?? '均为财政拨款收入'}` },
    );
  }
}

const EXPECTED: ReadonlyArray<[string, string]> = [
  ['year', 'year'],
  ['unit.name', 'unit.name'],
  ['unit.staffing.authorized', 'unit.staffing.authorized'],
  ['unit.staffing.actual', 'unit.staffing.actual'],
  ['expenditure.personnel.actual', 'expenditure.personnel.actual'],
  ['expenditure.publicFunds.actual', 'expenditure.publicFunds.actual'],
  ['expenditure.projects', 'expenditure.projects'],
  ['assets.yearEnd', 'assets.yearEnd'],
  ['goal.expected', 'goal.expected'],
  ['goal.achieved', 'goal.achieved'],
  ['indicators', 'indicators'],
  ['filing.date', 'filing.date'],
];
const EXPECTED_CONCEPTS: readonly ConceptKey[] = [
  'score.total',
  'score.grade',
  'execution.rate',
  'income.total.initialBudget',
  'income.total.actual',
];

const PAGE_NUMBER =
  /^(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?)$/;

export function extractDossier(doc: SourceDoc, lang: Lang = 'zh'): ImportReport {
  const c = new Collector();
  // Page numbers ("— 3 —", "第 3 页") are furniture, not content: drop them everywhere.
  const parts = splitParts(doc.lines.filter((l) => !PAGE_NUMBER.test(plain(l))));
  const narrative = extractNarrative(parts.narrative, c);
  impliedGeneral(c, parts.narrative.map(plain).join(''));
  if (!c.has('year')) {
    // An annex on its own (e.g. an XLSX workbook) names the year only in its column headers:
    // the year of "Y 年预算数" / "Y 年实际在职人数".
    let best: { y: number; line: (typeof doc.lines)[number] } | undefined;
    for (const l of doc.lines)
      for (const m of plain(l).matchAll(/(20\d{2})\s*年\s*(?:预算数|实际在职人数)/g)) {
        const y = Number(m[1]);
        if (!best || y > best.y) best = { y, line: l };
      }
    if (best)
      c.set(
        'year',
        best.y,
        {
          ...(best.line.page !== undefined ? { page: best.line.page } : {}),
          line: best.line.line,
          ...(best.line.sheet ? { sheet: best.line.sheet } : {}),
          text: plain(best.line),
        },
        0.7,
        { reason: '年度取自表头（“Y 年预算数”）' },
      );
  }
  const year = c.get('year') as number | undefined;
  const a1 = extractAnnex1(parts.annex1, year, c);
  extractBudgetBlock(parts.annex2, c);
  extractGoal(parts.annex2, c);
  const gridAt = parts.annex2.findIndex((l) => GRID_START.test(plain(l)));
  if (gridAt >= 0) {
    const gridLines = parts.annex2.slice(gridAt);
    const cellLines = gridLines.filter((l) => l.cells.length >= 4).length;
    const grid =
      (cellLines >= 3 ? parseGridCells(gridLines) : undefined) ?? parseGridStream(gridLines);
    if (grid.rows.length) storeGrid(grid, 'indicators', c);
  }
  // The seed's shape (narrative, 附件1, 附件2 read above): the tables are read; otherwise the
  // structures are recognised wherever they stand (anywhere/), with who and when in both cases.
  const seedShaped =
    c.has('indicators') &&
    (a1.rows.length > 0 || parts.annex2.some((l) => ANNEX2_RE.test(plain(l))));
  if (!seedShaped) {
    c.unset('indicators');
    c.dropStatements((s) => s.where.annex === 2);
  }
  const anywhere = readAnywhere(
    doc.lines.filter((l) => !PAGE_NUMBER.test(plain(l))),
    c,
    { factsOnly: seedShaped },
  );
  // The shape-free reading supersedes the seed-shaped table readers on other documents: their
  // column positions assume the seed's 附件1 (the 经费控制情况 rows) and 附件2.
  if (anywhere.baseTable) c.dropStatements((s) => s.where.table === '经费控制情况');
  chooseStructured(
    c,
    anywhere.baseTable ? { ...a1, actualCopiesPrior: false } : a1,
    narrative.projectNames,
  );
  if (!seedShaped) {
    const labels: Record<string, string> = {
      year: '年度',
      'unit.name': '单位名称',
      'expenditure.projects[0].name': '项目名称',
      预算执行表: '预算执行表',
      绩效指标表: '绩效指标表',
      指标分值: '指标分值',
    };
    c.data.document = {
      ...(anywhere.level ? { level: anywhere.level } : {}),
      // A document read from the world is partial unless the whole project table was read.
      partial: !anywhere.whole,
      missing: anywhere.missing.map((m) => labels[m] ?? m),
    };
  }
  if (c.statements.length) c.set('statements', c.statements, { text: '' });
  delete c.provenance.statements;
  c.data.provenance = c.provenance;

  const found = Object.keys(c.provenance).filter((p) => !p.startsWith('statements['));
  const missing = [
    ...EXPECTED.filter(([path]) => {
      const v = getPath(c.data, path);
      return v === undefined || (Array.isArray(v) && v.length === 0);
    }).map(([, label]) => label),
    ...EXPECTED_CONCEPTS.filter((k) => !c.statements.some((s) => s.concept === k)).map(
      (k) => `statements:${k}`,
    ),
  ];
  const errors: InputError[] = [];
  const zh = lang === 'zh';
  if (c.get('year') === undefined)
    errors.push({
      code: 'file.unsupported',
      where: { file: doc.file },
      message: zh
        ? `${doc.file}：未找到年度（如“2023年度”），无法确定这是哪一年的自评报告`
        : `${doc.file}: no fiscal year found (e.g. "2023年度"); ` +
          'cannot tell which year this report is about',
    });
  let dossier: Dossier | undefined;
  if (!errors.length) {
    const v = validateDossier(c.data, lang);
    if (v.ok) dossier = v.dossier;
    else
      errors.push(
        ...v.errors.map((e) => ({
          ...e,
          where: { ...e.where, file: doc.file, ...pageOf(c, e.where.path) },
        })),
      );
  }
  return {
    ...(dossier ? { dossier } : {}),
    data: c.data,
    found,
    missing,
    uncertain: c.uncertain,
    unassigned: c.unassigned,
    statements: c.statements.length,
    rows: anywhere.rows,
    errors,
  };
}

function pageOf(c: Collector, path: string | undefined): { page?: number; line?: number } {
  if (!path) return {};
  for (const p of pathPrefixes(path)) {
    const prov = c.provenance[p] ?? c.provenance[`${p}.value`];
    if (prov)
      return {
        ...(prov.page !== undefined ? { page: prov.page } : {}),
        ...(prov.line !== undefined ? { line: prov.line } : {}),
      };
  }
  return {};
}

export { Dossier };
