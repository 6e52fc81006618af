/**
 * Issue #13 reproductions against the importer: each hostile file is refused with a message that
 * names the limit, quickly and without inflating the bomb; the sandbox ends a worker that runs past
 * its time, is cancelled, or is asked for more than its slots.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { InputErrors } from '../core/errors/input-error.ts';
import {
  docxBomb,
  docxHead,
  docxOf,
  docxTail,
  paragraph,
  pdfPages,
  pdfPageTreeBomb,
  pdfSlowPage,
  xlsxRows,
} from '../fuzz/bombs.ts';
import { writeZip } from '../fuzz/zip.ts';
import { readSourceBytes } from './import.ts';
import { DEFAULT_IMPORT_LIMITS, withImportLimits, type ImportLimits } from './limits.ts';
import { scanPageTree } from './pdf-guard.ts';
import { ImportBusyError, ImportCancelledError, ImportSandbox } from './sandbox.ts';
import { assertZipWithinLimits, readCentralDirectory } from './zip-guard.ts';

const MiB = 1024 * 1024;

async function refusal(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; ms: number }> {
  const t0 = performance.now();
  try {
    await p;
  } catch (err) {
    if (!(err instanceof InputErrors)) throw err;
    const e = err.errors[0];
    return { code: e?.code ?? '', message: e?.message ?? '', ms: performance.now() - t0 };
  }
  throw new Error('expected a refusal');
}

const report = (text: string) =>
  docxOf(docxHead + text.split('\n').map(paragraph).join('') + docxTail);

describe('zip guard', () => {
  it('reads the central directory as written (names, sizes, methods)', () => {
    const zip = writeZip([
      { name: 'a.xml', data: Buffer.from('x'.repeat(1000)) },
      { name: '目录/b.txt', data: Buffer.from('hello'), method: 0 },
    ]);
    const entries = readCentralDirectory(zip);
    expect(entries.map((e) => [e.name, e.size, e.method])).toEqual([
      ['a.xml', 1000, 8],
      ['目录/b.txt', 5, 0],
    ]);
    expect(entries[1]?.compressedSize).toBe(5);
  });

  it('refuses a .docx whose document.xml inflates to 200 MB, without inflating it', async () => {
    const bomb = await docxBomb(200 * MiB);
    expect(bomb.length).toBeLessThan(1.5 * MiB);
    const r = await refusal(readSourceBytes(bomb, 'bomb.docx'));
    expect(r.code).toBe('file.limit');
    // 200 MiB of XML written in the directory, against the 32 MiB per-entry limit.
    expect(r.message).toBe(
      'bomb.docx：压缩包内「word/document.xml」解压后 200.0 MB，超过单个文件上限 32 MB',
    );
    expect(r.ms).toBeLessThan(2000);
  });

  it('refuses an entry that inflates past the size its directory declares', async () => {
    const liar = await docxBomb(20 * MiB, { declaredSize: 10_000 });
    const r = await refusal(readSourceBytes(liar, 'liar.docx'));
    expect(r.code).toBe('file.limit');
    expect(r.message).toMatch(/「word\/document\.xml」解压后超过其声明的大小 9\.8 KB/);
  });

  it('refuses a high compression ratio below the size limits', async () => {
    // 8 MiB of one paragraph compresses ~400×; a real document.xml compresses 5–20×.
    const r = await refusal(readSourceBytes(await docxBomb(8 * MiB), 'ratio.docx'));
    expect(r.message).toMatch(/压缩比 \d+ 倍，超过上限 100 倍/);
  });

  it('refuses an .xlsx of 1,000,000 rows; counts rows and cells against their limits', async () => {
    const big = await xlsxRows(1_000_000);
    const r = await refusal(readSourceBytes(big, 'rows.xlsx'));
    expect(r.code).toBe('file.limit');
    expect(r.message).toMatch(
      /^rows\.xlsx：压缩包内「xl\/worksheets\/sheet1\.xml」解压后 [\d.]+ MB/,
    );
    const small = await xlsxRows(300);
    const counts = assertZipWithinLimits(small, 's.xlsx', 'zh', DEFAULT_IMPORT_LIMITS);
    expect([counts.rows, counts.cells, counts.entries]).toEqual([300, 300, 5]);
    const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, maxRows: 299 };
    const r2 = await refusal(withImportLimits(limits, () => readSourceBytes(small, 's.xlsx')));
    expect(r2.message).toBe('s.xlsx：Excel 文件超过 299 行的上限');
  });

  it('counts Word paragraphs against their limit; an ordinary document passes', async () => {
    const doc = report('预算绩效自评报告\n一、部门概况\n二、预算执行情况');
    expect(assertZipWithinLimits(doc, 'a.docx').paragraphs).toBe(3);
    const read = await readSourceBytes(doc, 'a.docx');
    expect(read.lines.map((l) => l.text)).toEqual([
      '预算绩效自评报告',
      '一、部门概况',
      '二、预算执行情况',
    ]);
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxParagraphs: 2 };
    const r = await refusal(withImportLimits(limits, () => readSourceBytes(doc, 'a.docx')));
    expect(r.message).toBe('a.docx：Word 文件超过 2 个段落的上限');
  });

  it('refuses too many entries and a corrupt directory with a message, not a crash', async () => {
    const many = writeZip(
      Array.from({ length: 2001 }, (_, i) => ({ name: `word/p${i}.xml`, data: Buffer.from('') })),
    );
    expect((await refusal(readSourceBytes(many, 'm.docx'))).message).toBe(
      'm.docx：压缩包内有 2001 个文件，超过上限 2000 个',
    );
    const whole = report('绩效');
    const cut = whole.subarray(0, whole.length - 30);
    const r = await refusal(readSourceBytes(cut, 'cut.docx'));
    expect(r).toMatchObject({
      code: 'file.unsupported',
      message: 'cut.docx：Office 文件已损坏（找不到压缩包目录，文件不完整）',
    });
  });
});

describe('PDF limits', () => {
  it('refuses a page tree that lists one page 200,000 times, before pdfjs opens it', async () => {
    const bomb = pdfPageTreeBomb(200_000);
    expect(scanPageTree(bomb)).toEqual({ maxCount: 200_000, maxKids: 200_000 });
    const r = await refusal(readSourceBytes(bomb, 'tree.pdf'));
    expect(r.code).toBe('file.limit');
    expect(r.message).toBe('tree.pdf：PDF 有 200000 页，超过页数上限 500 页');
    expect(r.ms).toBeLessThan(3000);
  });

  it('refuses a PDF above the page limit of the call and stops at the time budget', async () => {
    const pdf = pdfPages(12);
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxPages: 10 };
    expect(
      (await refusal(withImportLimits(limits, () => readSourceBytes(pdf, 'p.pdf')))).message,
    ).toBe('p.pdf：PDF 有 12 页，超过页数上限 10 页');
    const quick = { ...DEFAULT_IMPORT_LIMITS, timeMs: 1 };
    const r = await refusal(withImportLimits(quick, () => readSourceBytes(pdf, 'p.pdf')));
    expect(r.message).toBe(
      'p.pdf：导入超过时间限制（0.001 秒），已停止；请拆分文件或删去与自评报告无关的页',
    );
    // Within its limits the same file reads: 12 pages, one line each.
    const doc = await readSourceBytes(pdf, 'p.pdf');
    expect([doc.pages, doc.lines.length, doc.lines[11]?.text]).toEqual([
      12,
      12,
      'budget performance self evaluation 12',
    ]);
  });
});

describe('import sandbox (worker thread)', () => {
  const sandboxes: ImportSandbox[] = [];
  const make = (limits: Partial<ImportLimits>, maxConcurrent = 1) => {
    const s = new ImportSandbox({ limits: { ...DEFAULT_IMPORT_LIMITS, ...limits }, maxConcurrent });
    sandboxes.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
  });

  it('imports in a worker, refuses bombs there, and ends a worker past its time', async () => {
    const s = make({ timeMs: 400 });
    const text = '部门整体支出绩效自评报告\n预算执行率 95%\n自评得分 92 分';
    const ok = await s.run(report(text), 'r.docx');
    expect(ok.found).toEqual(expect.any(Array));
    const tree = await refusal(s.run(pdfPageTreeBomb(200_000), 'tree.pdf'));
    expect(tree.message).toBe('tree.pdf：PDF 有 200000 页，超过页数上限 500 页');
    // One page whose content stream takes seconds to parse: the worker is terminated.
    const slow = await refusal(s.run(pdfSlowPage(150_000), 'slow.pdf'));
    expect(slow.message).toBe(
      'slow.pdf：导入超过时间限制（0.4 秒），已停止；请拆分文件或删去与自评报告无关的页',
    );
    expect(slow.ms).toBeLessThan(400 + 1000 + 1500);
    // A fresh worker takes the next import.
    expect((await s.run(report(text), 'r.docx')).found).toEqual(ok.found);
  });

  it('answers busy beyond its slots and stops a cancelled import at once', async () => {
    const s = make({ timeMs: 30_000 }, 1);
    const ac = new AbortController();
    const first = s.run(pdfSlowPage(150_000), 'slow.pdf', 'zh', ac.signal);
    await expect(s.run(report('绩效 预算'), 'b.docx')).rejects.toBeInstanceOf(ImportBusyError);
    expect(s.running).toBe(1);
    setTimeout(() => ac.abort(), 300);
    const t0 = performance.now();
    await expect(first).rejects.toBeInstanceOf(ImportCancelledError);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(s.running).toBe(0);
  });

  it('ends a worker that exceeds its heap with a message naming the limit', async () => {
    // 16 MiB of heap cannot hold the import code and a 6,000-paragraph document.
    const s = make({ memoryMb: 16 });
    const body = Array.from({ length: 6000 }, (_, i) => `绩效预算段落 ${i}`).join('\n');
    const r = await refusal(s.run(report(body), 'mem.docx'));
    expect(r.message).toBe('mem.docx：导入超出内存限制（16 MB），已停止；文件内容过多或结构异常');
  });
});
