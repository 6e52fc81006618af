/**
 * Shared e2e plumbing: the real server on a temp SQLite dir and a free port, Debian chromium via
 * playwright-core, an API client with its own cookie jar (for setup steps an admin would do), and
 * a console-error trap that fails the test on any browser error.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../src/server/index.ts';
import { unreadableText } from '../web/src/lib/readable.ts';

export const ADMIN_PASSWORD = 'e2e-admin-pass-1';
export const DEMO_PASSWORD = 'e2e-demo-pass-1';
export const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
export const VIEWPORT = { width: 1366, height: 768 } as const;

export const CHROMIUM = process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly dir: string;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-'));
  const server = await startServer({
    port: 0,
    dataDir: dir,
    logger: false,
    out: () => undefined,
    env: {
      ...process.env,
      DATABASE_URL: '',
      JIXIAO_ADMIN_PASSWORD: ADMIN_PASSWORD,
      JIXIAO_DEMO_PASSWORD: DEMO_PASSWORD,
    },
    app: { loginRateLimit: { max: 1000, timeWindow: 60_000 } },
  });
  return {
    server,
    url: server.url,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A browser context whose pages record console errors and page errors into `errors`. */
export async function newSession(
  browser: Browser,
  errors: string[],
  allow: RegExp[] = [],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = `${m.text()} @ ${m.location().url}`;
    if (!allow.some((re) => re.test(text))) errors.push(text);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page };
}

export async function login(
  page: Page,
  base: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').filter({ hasText: username }).waitFor();
}

/**
 * Screenshot to docs/screenshots/web-<name>.png; the page's text is checked for paths and codes.
 */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOTS, `web-${name}.png`) });
  const text = await page.locator('body').innerText();
  const problems = unreadableText(text);
  if (problems.length)
    throw new Error(`page text of ${name} is not for readers: ${problems.join(' | ')}`);
}

/** Minimal API client with a cookie jar, for the setup an admin does outside the UI. */
export class Api {
  private cookie = '';
  constructor(private readonly base: string) {}
  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; data: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    const text = await res.text();
    return { status: res.status, data: (text ? JSON.parse(text) : null) as T };
  }
  /** A raw response with this client's session (downloads: CSV, reports). */
  async raw(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
  }
  async login(username: string, password: string): Promise<void> {
    const r = await this.call('POST', '/api/session', { username, password });
    if (r.status !== 200)
      throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.data)}`);
  }
}

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
