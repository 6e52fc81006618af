/**
 * ReportModel → PDF: Chromium (playwright-core, the Debian `chromium` package) prints the HTML
 * rendition. Fonts are the GB fonts when installed, else the free TrueType ones of
 * .ci/install-fonts.sh (FandolFang, FandolHei, AR PL KaitiM GB, AR PL SungtiL GB): each is
 * embedded as a CID TrueType subset. CFF-outline fonts such as Noto CJK would print as Type 3.
 *
 * One browser serves many reports: open a PdfRenderer once, call render() per report, close().
 * When Chromium is missing the caller gets an InputErrors with the command that installs it, not
 * a stack trace.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ReportModel } from '../core/report/model.ts';
import { InputErrors, type Lang } from '../core/errors/input-error.ts';
import { renderHtml, type HtmlOptions } from './html.ts';

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
/** The Debian packages the PDF output needs: the browser and the CJK fonts. */
const INSTALL_CHROMIUM = 'apt-get install chromium fonts-noto-cjk';

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
          ? `生成 PDF 需要 Chromium 浏览器，但未找到${where}。` +
            `请安装：${INSTALL_CHROMIUM}（或用 JIXIAO_CHROMIUM 指定路径），` +
            '或改用 --format docx|xlsx|html。'
          : `PDF output needs Chromium, which was not found${path ? ` (${path})` : ''}. ` +
            `Install it: ${INSTALL_CHROMIUM} (or set JIXIAO_CHROMIUM), ` +
            'or use --format docx|xlsx|html.',
    },
  ]);
}

/**
 * A bounded pool of browser pages on the one browser: at most `size` reports print at once (a
 * print is mostly Chromium's layout and font subsetting on its own processes, so about one per
 * core), and a page is reused for the next report instead of opening a new one.
 */
class PagePool {
  private readonly idle: Page[] = [];
  private open = 0;
  private readonly waiting: ((p: Page) => void)[] = [];
  constructor(
    private readonly browser: Browser,
    readonly size: number,
  ) {}

  async acquire(): Promise<Page> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.open < this.size) {
      this.open += 1;
      try {
        return await this.browser.newPage();
      } catch (err) {
        this.open -= 1;
        throw err;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(page: Page, broken: boolean): void {
    if (broken) {
      this.open -= 1;
      void page.close().catch(() => undefined);
      // Someone waiting gets a fresh page instead.
      const next = this.waiting.shift();
      if (next) void this.acquire().then(next, () => undefined);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }
}

/** Reports printed at once on one browser: the cores, at least 1, at most 4. */
export function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export class PdfRenderer {
  private readonly pool: PagePool;
  private constructor(
    private readonly browser: Browser,
    concurrency: number,
  ) {
    this.pool = new PagePool(browser, concurrency);
  }

  /** How many reports print at once. */
  get concurrency(): number {
    return this.pool.size;
  }

  /** Start Chromium once. Throws InputErrors (exit 2) when it is not installed. */
  static async launch(
    opts: { lang?: Lang; executablePath?: string; concurrency?: number } = {},
  ): Promise<PdfRenderer> {
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
              ? `Chromium 无法启动（${exe}）：${first}。请检查安装：${INSTALL_CHROMIUM}`
              : `Chromium failed to start (${exe}): ${first}. ` +
                `Check the install: ${INSTALL_CHROMIUM}`,
        },
      ]);
    }
    return new PdfRenderer(browser, Math.max(1, opts.concurrency ?? defaultConcurrency()));
  }

  /**
   * One report → PDF bytes. Calls may overlap: up to `concurrency` print at once, the rest wait.
   * Page numbers and the 草稿 mark come from the HTML's CSS page-margin boxes (odd pages right,
   * even pages left), not from Chromium's header/footer templates.
   */
  async render(model: ReportModel, opts: HtmlOptions = {}): Promise<Buffer> {
    return this.print(renderHtml(model, { ...opts, pageNumbers: 'css' }));
  }

  /** Print HTML already rendered with `pageNumbers: 'css'` (e.g. in a worker thread). */
  async print(html: string): Promise<Buffer> {
    const page = await this.pool.acquire();
    let broken = true;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        tagged: true,
        outline: false,
      });
      broken = false;
      return pdf;
    } finally {
      this.pool.release(page, broken);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
