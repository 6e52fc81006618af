/** Issue #13 in the CLI: `jixiao import` refuses bombs with a message naming the limit (exit 2). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxBomb, pdfPageTreeBomb, pdfPages } from '../../fuzz/bombs.ts';
import { runCli } from '../run.ts';

describe('jixiao import limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-limits-'));

  it('refuses a 200 MB docx bomb and a 200,000-page PDF at once, exit 2', async () => {
    writeFileSync(join(dir, 'bomb.docx'), await docxBomb(200 * 1024 * 1024));
    writeFileSync(join(dir, 'tree.pdf'), pdfPageTreeBomb(200_000));
    const t0 = performance.now();
    const r = await runCli(['import', 'bomb.docx', 'tree.pdf'], { capture: true, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '压缩包内「word/document.xml」解压后 200.0 MB，超过单个文件上限 32 MB',
    );
    expect(r.stderr).toContain('PDF 有 200000 页，超过页数上限 500 页');
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('takes the page limit from --max-pages', async () => {
    writeFileSync(join(dir, 'p12.pdf'), pdfPages(12));
    const r = await runCli(['import', '--max-pages', '10', 'p12.pdf'], { capture: true, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PDF 有 12 页，超过页数上限 10 页');
  });

  it('jixiao audit applies the same limits and flags, exit 2 naming the limit', async () => {
    writeFileSync(join(dir, 'tree2.pdf'), pdfPageTreeBomb(200_000));
    writeFileSync(join(dir, 'p12b.pdf'), pdfPages(12));
    const t0 = performance.now();
    const bomb = await runCli(['audit', 'tree2.pdf'], { capture: true, cwd: dir });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(bomb.code).toBe(2);
    expect(bomb.stderr).toContain('PDF 有 200000 页，超过页数上限 500 页');
    const flag = await runCli(['audit', '--max-pages', '10', 'p12b.pdf'], {
      capture: true,
      cwd: dir,
    });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('PDF 有 12 页，超过页数上限 10 页');
    const help = await runCli(['audit', '--help'], { capture: true });
    for (const opt of ['--max-pages', '--max-inflated-mb', '--time-limit'])
      expect(help.stdout).toContain(opt);
  }, 60_000);
});
