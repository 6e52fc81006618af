/**
 * ReportModel → PDF: Chromium (playwright-core, the Debian `chromium` package) prints the HTML
 * rendition with a "— N —" footer (GB/T 9704: page numbers 4号 宋体 at the bottom). The CJK font
 * embedded is Noto Serif/Sans CJK SC (fonts-noto-cjk) unless the GB fonts are installed.
 *
 * One browser serves many reports: open a PdfRenderer once, call render() per report, close().
 * When Chromium is missing the caller gets an InputErrors with the command that installs it, not
 * a stack trace.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { ReportModel } from '../core/report/model.ts';
import { InputErrors, type Lang } from '../core/errors/input-error.ts';
import { renderHtml } from './html.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable: $JIXIAO_CHROMIUM, else the first installed candidate, else null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.JIXIAO_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function chromiumMissing(lang: Lang, path?: string): InputErrors {
  const where = path ? `（${path}）` : '';
  return new InputErrors([
    {
      code: 'usage',
      where: {},
      message:
        lang === 'zh'
          ? `生成 PDF 需要 Chromium 浏览器，但未找到${where}。请安装：apt-get install chromium fonts-noto-cjk（或用 JIXIAO_CHROMIUM 指定路径），或改用 --format docx|xlsx|html。`
          : `PDF output needs Chromium, which was not found${path ? ` (${path})` : ''}. Install it: apt-get install chromium fonts-noto-cjk (or set JIXIAO_CHROMIUM), or use --format docx|xlsx|html.`,
    },
  ]);
}

const FOOTER = `<div style="width:100%;text-align:center;font-size:14pt;line-height:14pt;font-family:'宋体','SimSun','Noto Serif CJK SC',serif;color:#000;">— <span class="pageNumber"></span> —</div>`;

export class PdfRenderer {
  private constructor(private readonly browser: Browser) {}

  /** Start Chromium once. Throws InputErrors (exit 2) when it is not installed. */
  static async launch(opts: { lang?: Lang; executablePath?: string } = {}): Promise<PdfRenderer> {
    const lang = opts.lang ?? 'zh';
    const exe = opts.executablePath ?? findChromium();
    if (!exe || !existsSync(exe)) throw chromiumMissing(lang, opts.executablePath);
    let browser: Browser;
    try {
      browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
      throw new InputErrors([
        {
          code: 'usage',
          where: {},
          message:
            lang === 'zh'
              ? `Chromium 无法启动（${exe}）：${first}。请检查安装：apt-get install chromium fonts-noto-cjk`
              : `Chromium failed to start (${exe}): ${first}. Check the install: apt-get install chromium fonts-noto-cjk`,
        },
      ]);
    }
    return new PdfRenderer(browser);
  }

  /** One report → PDF bytes. Pages may be rendered concurrently (one browser page each). */
  async render(model: ReportModel): Promise<Buffer> {
    const page = await this.browser.newPage();
    try {
      await page.setContent(renderHtml(model, { pageNumbers: 'none' }), { waitUntil: 'load' });
      return await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: FOOTER,
        tagged: true,
        outline: false,
      });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
