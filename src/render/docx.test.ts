import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseDossierInput, makeDossier } from '../core/testing/factories.ts';
import { renderDocx } from './docx.ts';
import { cellText, keyFigures, loadExample, modelOf } from './fixtures.test-support.ts';

const model = modelOf(loadExample());
let bytes: Buffer;
let xml: string;
let footer: string;

beforeAll(async () => {
  bytes = await renderDocx(model);
  const zip = await JSZip.loadAsync(bytes);
  xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  footer = (await zip.file('word/footer1.xml')?.async('string')) ?? '';
});

describe('renderDocx — read back', () => {
  it('holds the narrative and the annexes as text (mammoth)', async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: bytes });
    expect(text).toContain('衡阳市人民政府金融工作办公室');
    expect(text).toContain('（2023年度）部门整体支出绩效自评报告');
    expect(text).toContain('七、存在的问题及原因分析');
    expect(text).toContain('部门整体支出绩效评价基础数据表');
    const f = keyFigures(model);
    // The narrative figures, read back from the document, agree with the annex cells read back.
    expect(text).toContain(`全年执行数${f['expenditure.basic.actual']}`);
    expect(f['expenditure.basic.actual']).toBe(`${cellText(model, 'a1.basic.actual')}万元`);
    expect(text).toContain(`预算执行率${f['execution.rate']}`);
    expect(text).toContain(`自评得分${f['score.total']}`);
    expect(text.split('\n')).toContain(cellText(model, 'a2.total.score'));
    expect(text).not.toMatch(/undefined|NaN/);
  });

  it('uses the GB/T 9704 page: A4, margins 37/35/28/26 mm, landscape annexes', () => {
    // 37 mm = 2097 twips, 35 mm = 1984, 28 mm = 1587, 26 mm = 1474; A4 = 11905 × 16837 twips.
    expect(xml).toContain('<w:pgMar w:top="2097" w:right="1474" w:bottom="1984" w:left="1587"');
    expect(xml).toContain('<w:pgSz w:w="11905" w:h="16837" w:orient="portrait"/>');
    expect(xml).toContain('<w:pgSz w:w="16837" w:h="11905" w:orient="landscape"/>');
  });

  it('names the GB fonts (eastAsia) and sizes: title 22 pt, body 16 pt, headings 黑体/楷体', () => {
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('<w:sz w:val="32"/>');
    expect(xml).toContain('<w:spacing w:line="579" w:lineRule="exact"/>');
  });

  it('numbers pages "— N —" in 14 pt 宋体', () => {
    expect(footer).toContain('w:eastAsia="宋体"');
    expect(footer).toContain('<w:sz w:val="28"/>');
    expect(footer).toMatch(/— <\/w:t>[^]*PAGE[^]*<w:t xml:space="preserve"> —<\/w:t>/);
  });

  it('merges 一级/二级 cells with vMerge and repeats header rows', () => {
    const restarts = xml.match(/<w:vMerge w:val="restart"\/>/g)?.length ?? 0;
    const continues = xml.match(/<w:vMerge w:val="continue"\/>/g)?.length ?? 0;
    expect(restarts).toBeGreaterThan(5);
    expect(continues).toBeGreaterThan(restarts);
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBeGreaterThanOrEqual(4);
    // Every row of a table has the same number of grid columns once spans are counted.
    for (const tbl of xml.split('<w:tbl>').slice(1)) {
      const grid = (tbl.split('</w:tblGrid>')[0]?.match(/<w:gridCol /g) ?? []).length;
      for (const row of tbl.split('</w:tbl>')[0]?.split('<w:tr>').slice(1) ?? []) {
        let cols = 0;
        for (const tc of row.split('<w:tc>').slice(1))
          cols += Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(tc)?.[1] ?? 1);
        expect(cols).toBe(grid);
      }
    }
  });

  it('adds the project tables after the annexes', async () => {
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
    const { value } = await mammoth.extractRawText({ buffer: await renderDocx(modelOf(d)) });
    // Project annexes are numbered on from the list (附件3, 附件4…), as their labels read.
    expect(value).toContain('附件3');
    expect(value).toContain('项目支出绩效自评表（业务工作经费）');
    expect(value.indexOf('项目支出绩效自评表（业务工作经费）')).toBeGreaterThan(
      value.indexOf('部门整体支出绩效自评表'),
    );
    expect(value).toContain('80.00%');
  });

  it('renders a dossier with nothing filled without failing', async () => {
    const d = makeDossier({
      income: {},
      expenditure: { personnel: {}, publicFunds: {}, projects: [] },
      indicators: [],
      threePublic: {},
      assets: {},
    });
    const { value } = await mammoth.extractRawText({ buffer: await renderDocx(modelOf(d)) });
    // No placeholder reaches the prose: a missing figure's sentence is left out.
    expect(value).not.toContain('未填写');
    expect(value).toContain('部门整体支出绩效自评报告');
  });
});

// LibreOffice opens the file and prints it: the strongest "opens without repair" check we can run
// here.
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
describe.skipIf(!soffice)('renderDocx — LibreOffice converts it to PDF', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-docx-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converts, and the PDF text holds the figures', () => {
    const file = join(dir, 'report.docx');
    writeFileSync(file, bytes);
    execFileSync(
      soffice as string,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    expect(readdirSync(dir)).toContain('report.pdf');
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('部门整体支出绩效自评表');
    expect(text).toMatch(/— ?1 ?—/);
    expect(text).toContain(cellText(model, 'a2.total.score'));
    // The indicator grid's header row repeats on every page the grid reaches.
    const gridPages = text.split('\f').filter((p) => /定性\s+成效明显/.test(p));
    expect(gridPages.length).toBeGreaterThan(0);
    for (const p of gridPages) expect(p).toContain('偏差原因分析及改进措施');
  }, 150_000);
});
