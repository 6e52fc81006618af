import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseDossierInput, makeDossier } from '../core/testing/factories.ts';
import { Decimal } from '../core/money.ts';
import { renderXlsx } from './xlsx.ts';
import { keyFigures, loadExample, modelOf } from './fixtures.test-support.ts';

const model = modelOf(loadExample());
const wb = new ExcelJS.Workbook();

beforeAll(async () => {
  await wb.xlsx.load((await renderXlsx(model)) as unknown as ArrayBuffer);
});

const sheet = (name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
/** The row whose first cell reads `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++)
    if (ws.getRow(r).getCell(1).text === label) return ws.getRow(r);
  throw new Error(`no row ${label} in ${ws.name}`);
}
const formulaOf = (c: ExcelJS.Cell): ExcelJS.CellFormulaValue => {
  const v = c.value as ExcelJS.CellFormulaValue;
  if (!v || typeof v !== 'object' || !('formula' in v))
    throw new Error(`${c.address} holds no formula: ${JSON.stringify(c.value)}`);
  return v;
};
/** Numeric value of a cell: a number, or a formula's cached result. */
const num = (c: ExcelJS.Cell): number => {
  const v = c.value;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'formula' in v)
    return Number((v as ExcelJS.CellFormulaValue).result);
  return 0; // blank: what SUM counts it as
};

/**
 * Evaluate the formulas we write (SUM, IFERROR(a/b), ROUND(MIN(r,1)*w,2), ROUND(SUM(),2)) from the
 * sheet's values.
 */
function evaluate(ws: ExcelJS.Worksheet, formula: string): number {
  const ref = (a: string) => new Decimal(num(ws.getCell(a)));
  let m = /^SUM\(([A-Z]+\d+(?:,[A-Z]+\d+)*)\)$/.exec(formula);
  if (m)
    return m[1]!
      .split(',')
      .reduce((s, a) => s.plus(ref(a)), new Decimal(0))
      .toNumber();
  m = /^ROUND\(SUM\(([A-Z]+\d+(?:,[A-Z]+\d+)*)\),2\)$/.exec(formula);
  if (m)
    return m[1]!
      .split(',')
      .reduce((s, a) => s.plus(ref(a)), new Decimal(0))
      .toDecimalPlaces(2)
      .toNumber();
  m = /^IFERROR\(([A-Z]+\d+)\/([A-Z]+\d+),""\)$/.exec(formula);
  if (m) return ref(m[1]!).div(ref(m[2]!)).toNumber();
  m = /^IFERROR\(ROUND\(MIN\(([A-Z]+\d+),1\)\*([A-Z]+\d+),2\),""\)$/.exec(formula);
  if (m) return Decimal.min(ref(m[1]!), 1).times(ref(m[2]!)).toDecimalPlaces(2).toNumber();
  m = /^([A-Z]+\d+)$/.exec(formula);
  if (m) return ref(m[1]!).toNumber();
  // A cell of another sheet ('附件1'!C8): 附件2 links its basic/project cells to 附件1.
  m = /^'([^']+)'!([A-Z]+\d+)$/.exec(formula);
  if (m) return num(sheet(m[1]!).getCell(m[2]!));
  throw new Error(`formula not handled by the test evaluator: ${formula}`);
}

describe('renderXlsx — read back with exceljs', () => {
  it('has the sheets 附件1 and 附件2', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['附件1', '附件2']);
  });

  it('writes live formulas with cached results for totals, rates, scores and the grade', () => {
    const a1 = sheet('附件1');
    const basic = rowOf(a1, '一、部门基本支出');
    expect(formulaOf(basic.getCell(4)).formula).toMatch(/^SUM\(D\d+,D\d+\)$/);
    expect(formulaOf(basic.getCell(4)).result).toBe(404.93);
    expect(basic.getCell(4).numFmt).toBe('0.00');
    const staff = rowOf(a1, '人数');
    expect(formulaOf(staff.getCell(4)).formula).toMatch(/^IFERROR\(C\d+\/B\d+,""\)$/);
    expect(staff.getCell(4).numFmt).toBe('0.00%');

    const a2 = sheet('附件2');
    const total = rowOf(a2, '年度资金总额');
    expect(formulaOf(total.getCell(7)).formula).toMatch(/^IFERROR\(E\d+\/D\d+,""\)$/);
    expect(formulaOf(total.getCell(8)).formula).toMatch(
      /^IFERROR\(ROUND\(MIN\(G\d+,1\)\*F\d+,2\),""\)$/,
    );
    const sum = rowOf(a2, '总分');
    expect(formulaOf(sum.getCell(7)).formula).toMatch(/^ROUND\(SUM\(/);
    expect(String(formulaOf(sum.getCell(7)).result)).toBe(String(Number(model.summary.total)));
    expect(formulaOf(sum.getCell(8)).formula).toContain('IF(G');
    expect(formulaOf(sum.getCell(8)).result).toBe(`评价等次：${model.summary.grade}`);
  });

  it('every numeric formula, recomputed from the cells, equals its cached result', () => {
    let checked = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          const v = c.value;
          if (!v || typeof v !== 'object' || !('formula' in v) || typeof v.result !== 'number')
            return;
          expect(
            evaluate(ws, v.formula ?? ''),
            `${ws.name}!${c.address} =${v.formula}`,
          ).toBeCloseTo(v.result, 9);
          checked++;
        }),
      );
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('agrees with the narrative figures', () => {
    const f = keyFigures(model);
    const a2 = sheet('附件2');
    const total = rowOf(a2, '年度资金总额');
    expect(`${(num(total.getCell(7)) * 100).toFixed(2)}%`).toBe(f['execution.rate']);
    expect(`${num(total.getCell(3)).toFixed(2)}万元`).toBe(f['income.total.initialBudget']);
    expect(`${num(rowOf(sheet('附件1'), '一、部门基本支出').getCell(4)).toFixed(2)}万元`).toBe(
      f['expenditure.basic.actual'],
    );
  });

  it('merges 一级/二级 cells and sets up printing (A4, fit to width, repeated header rows)', () => {
    const a2 = sheet('附件2');
    const merges = (a2.model as unknown as { merges: string[] }).merges;
    const head = rowOf(a2, '一级指标').number;
    // 产出指标 spans its six indicator rows in column A.
    expect(merges).toContain(`A${head + 2}:A${head + 7}`);
    expect(a2.pageSetup.paperSize).toBe(9);
    expect(a2.pageSetup.orientation).toBe('landscape');
    expect(a2.pageSetup.fitToWidth).toBe(1);
    expect(a2.pageSetup.printTitlesRow).toBe(`${head}:${head}`);
    expect(sheet('附件1').pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
  });

  it('prints an absolute area, sizes rows of wrapped merged cells, links 附件2 to 附件1', async () => {
    const zip = await JSZip.loadAsync(await renderXlsx(model));
    const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    expect(workbook).toMatch(/_xlnm\.Print_Area[^>]*>&apos;附件2&apos;!\$A\$1:\$H\$\d+</);
    const a2 = sheet('附件2');
    // 年度总体目标: the expected-goal text spans 3 columns; it needs more than one 15 pt line.
    const goalHead = rowOf(a2, '年度总体目标');
    const goalRow = a2.getRow(goalHead.number + 1);
    const goal = String(goalRow.getCell(3).value ?? '');
    // 2 width units per CJK character over ~36 units of three columns: more than one line.
    expect(goal.length).toBeGreaterThan(20);
    expect(goalRow.height).toBeGreaterThan(28);
    // 附件2's 基本支出 cells are formulas over 附件1's 一、部门基本支出 row.
    let basicRow = 0;
    a2.eachRow((row, n) => {
      if (row.getCell(2).value === '基本支出') basicRow = n;
    });
    const basic = a2.getRow(basicRow);
    expect(formulaOf(basic.getCell(5)).formula).toMatch(/^'附件1'!D\d+$/);
    expect(formulaOf(basic.getCell(5)).result).toBe(
      num(rowOf(sheet('附件1'), '一、部门基本支出').getCell(4)),
    );
  });

  it('adds one sheet per project table', async () => {
    const input = baseDossierInput();
    const d = makeDossier({
      expenditure: {
        ...input.expenditure,
        projects: [
          {
            id: 'P1',
            name: '业务工作经费',
            kind: 'business',
            money: { initialBudget: '100', adjustedBudget: '100', actual: '80' },
            indicators: [
              {
                id: 'PI1',
                level1: '产出指标',
                level2: '数量指标',
                name: '检查次数',
                target: '≥10次',
                actual: '12次',
                weight: 90,
              },
            ],
          },
        ],
      },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderXlsx(modelOf(d))) as unknown as ArrayBuffer);
    const ws = book.getWorksheet('附件3 业务工作经费');
    expect(ws).toBeDefined();
    const total = rowOf(ws as ExcelJS.Worksheet, '年度资金总额');
    expect(formulaOf(total.getCell(7)).result).toBeCloseTo(0.8, 12);
    expect(formulaOf(total.getCell(8)).result).toBe(8);
  });
});
