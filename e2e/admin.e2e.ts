/**
 * Admin and bureau screens (issue 12, item 5) and the phone width (item 7): an admin creates a
 * user, resets the password, disables the account, adds a unit and a region, reads the audit
 * log and changes their own password; the bureau's dashboard counts over the whole filter, filters
 * by region, ranks by score and lists the units that have not reported (未报送); at 390 px the
 * editor's form column is usable. Each check looks at the page and at what the server stored.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  launch,
  login,
  newSession,
  shot,
  startTestServer,
  type TestServer,
} from './harness.ts';

let ts: TestServer;
let browser: Browser;
let admin: Api;
const errors: string[] = [];
// A refused login (401) is logged by Chromium itself.
const EXPECTED_CONSOLE = [/status of 401/];
let adminPassword = ADMIN_PASSWORD;

beforeAll(async () => {
  ts = await startTestServer();
  browser = await launch();
  admin = new Api(ts.url);
  await admin.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await ts?.close();
});

const loginStatus = async (username: string, password: string) =>
  (await new Api(ts.url).call('POST', '/api/session', { username, password })).status;

async function adminPage(): Promise<Page> {
  const s = await newSession(browser, errors, EXPECTED_CONSOLE);
  await login(s.page, ts.url, 'admin', adminPassword);
  return s.page;
}

/** Picks a node of an antd TreeSelect shown with `placeholder`. */
async function pickTree(
  page: Page,
  scope: Page | ReturnType<Page['locator']>,
  placeholder: string,
  title: string,
) {
  await scope.locator('.ant-select', { hasText: placeholder }).first().click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', {
      hasText: title,
    })
    .first()
    .click();
}

describe('admin screens', () => {
  it('creates a user, resets the password, disables the account', async () => {
    const units = (await admin.call<{ id: number; name: string }[]>('GET', '/api/units')).data;
    const unit = units[0] as { id: number; name: string };
    const page = await adminPage();
    await page.getByRole('link', { name: '系统管理' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '新建用户' });
    await dialog.getByLabel('用户名').fill('clerk2');
    await dialog.getByLabel('初始密码').fill('clerk pass phrase 1');
    await dialog.getByLabel('所属单位').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: unit.name })
      .first()
      .click();
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const row = page.locator('tr', { hasText: 'clerk2' });
    await row.waitFor();
    expect(await row.innerText()).toContain(unit.name);
    expect(await loginStatus('clerk2', 'clerk pass phrase 1')).toBe(200);
    const stored = (await admin.call<{ username: string; unitId?: number }[]>('GET', '/api/users'))
      .data;
    expect(stored.find((u) => u.username === 'clerk2')?.unitId).toBe(unit.id);

    await row.getByRole('button', { name: '重置密码' }).click();
    const reset = page.locator('.ant-modal', { hasText: '重置 clerk2 的密码' });
    await reset.getByLabel('新密码', { exact: true }).fill('clerk new phrase 2');
    await reset.getByLabel('再输入一次新密码').fill('clerk new phrase 2');
    await reset.getByRole('button', { name: /确\s*定/ }).click();
    await reset.waitFor({ state: 'hidden' });
    expect(await loginStatus('clerk2', 'clerk pass phrase 1')).toBe(401);
    expect(await loginStatus('clerk2', 'clerk new phrase 2')).toBe(200);

    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await row.locator('.ant-tag', { hasText: '已停用' }).waitFor();
    expect(await loginStatus('clerk2', 'clerk new phrase 2')).toBe(401);
    await shot(page, 'admin-users');
    await page.context().close();
  });

  it('adds a unit and a region, and shows the audit log in Chinese', async () => {
    const page = await adminPage();
    await page.goto(`${ts.url}/#/admin`);
    await page.getByRole('tab', { name: '地区' }).click();
    const regionPane = page.getByRole('tabpanel', { name: '地区' });
    await regionPane.getByLabel('地区名称').fill('测试新区');
    await pickTree(page, regionPane, '上级地区', '衡阳市');
    await regionPane.getByRole('button', { name: '添加地区' }).click();
    await regionPane.getByText('测试新区').waitFor();
    const regions = await admin.call<{ name: string; children: { name: string }[] }[]>(
      'GET',
      '/api/regions',
    );
    const city = regions.data.find((r) => r.name === '衡阳市');
    expect(city?.children.map((c) => c.name)).toContain('测试新区');

    await page.getByRole('tab', { name: '单位' }).click();
    const unitPane = page.getByRole('tabpanel', { name: '单位' });
    await unitPane.getByLabel('单位名称').fill('测试新区审计局');
    await pickTree(page, unitPane, '所属地区', '测试新区');
    await unitPane.getByRole('button', { name: '添加单位' }).click();
    await unitPane.locator('tr', { hasText: '测试新区审计局' }).waitFor();
    const units = (await admin.call<{ name: string }[]>('GET', '/api/units')).data;
    expect(units.map((u) => u.name)).toContain('测试新区审计局');
    await shot(page, 'admin-units');

    await page.getByRole('tab', { name: '操作日志' }).click();
    const logPane = page.getByRole('tabpanel', { name: '操作日志' });
    await logPane.getByTestId('log-action').first().waitFor();
    const actions = await logPane.getByTestId('log-action').allInnerTexts();
    expect(actions).toEqual(expect.arrayContaining(['新建单位', '新建地区', '停用用户']));
    await shot(page, 'admin-log');
    await page.context().close();
  });

  it('changes my own password', async () => {
    const page = await adminPage();
    await page.getByRole('button', { name: '修改密码' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '修改我的密码' });
    await dialog.getByLabel('当前密码').fill(adminPassword);
    await dialog.getByLabel('新密码', { exact: true }).fill('admin changed phrase 3');
    await dialog.getByLabel('再输入一次新密码').fill('admin changed phrase 3');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await loginStatus('admin', adminPassword)).toBe(401);
    expect(await loginStatus('admin', 'admin changed phrase 3')).toBe(200);
    adminPassword = 'admin changed phrase 3';
    admin = new Api(ts.url);
    await admin.login('admin', adminPassword);
    await page.context().close();
  });
});

describe('bureau dashboard', () => {
  it('counts over the whole filter, filters by region, ranks, lists 未报送', async () => {
    const s = await newSession(browser, errors, EXPECTED_CONSOLE);
    const page = s.page;
    await login(page, ts.url, 'reviewer', DEMO_PASSWORD);
    await page.goto(`${ts.url}/#/dashboard`);
    await page.getByLabel('年度', { exact: true }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2023年度' })
      .click();
    const reviewer = new Api(ts.url);
    await reviewer.login('reviewer', DEMO_PASSWORD);
    const stats = (
      await reviewer.call<{ count: number; byStatus: Record<string, number> }>(
        'GET',
        '/api/dossiers/stats?year=2023',
      )
    ).data;
    expect(stats.count).toBeGreaterThan(0);
    const summary = page.getByTestId('summary');
    await expect
      .poll(async () => (await summary.innerText()).includes(`档案数\n${stats.count}`))
      .toBe(true);
    expect(await page.getByTestId('count-submitted').innerText()).toContain(
      String(stats.byStatus.submitted),
    );
    // 未报送: the seed unit's dossier is a draft, and the unit added by the admin has none.
    const unreported = page.getByTestId('unreported');
    await unreported.getByText('测试新区审计局').waitFor();
    const listed = (
      await reviewer.call<{ name: string; status: string | null }[]>(
        'GET',
        '/api/units/unreported?year=2023',
      )
    ).data;
    expect(listed.map((u) => u.name)).toContain('测试新区审计局');
    expect(await unreported.getByTestId('unreported-unit').count()).toBe(listed.length);
    // Rank by score, best first.
    await page.getByRole('button', { name: '按得分排名' }).click();
    await page.getByTestId('rank').first().waitFor();
    expect(await page.getByTestId('rank').allInnerTexts()).toEqual(
      Array.from({ length: await page.getByTestId('rank').count() }, (_, i) => String(i + 1)),
    );
    await shot(page, 'dashboard-summary');
    // The region filter: only 测试新区 (no dossiers there yet, one unit not reported).
    await pickTree(page, page, '地区', '测试新区');
    await expect.poll(async () => (await summary.innerText()).includes('档案数\n0')).toBe(true);
    await expect.poll(() => unreported.getByTestId('unreported-unit').count()).toBe(1);
    await s.context.close();
  });
});

describe('phone width', () => {
  it('keeps the editor usable at 390 px, the score panel folded into a bar', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await login(page, ts.url, 'editor', DEMO_PASSWORD);
    const list = (
      await admin.call<{ items: { id: number; unitName: string }[] }>(
        'GET',
        '/api/dossiers?pageSize=100&q=金融',
      )
    ).data.items;
    const id = (list[0] as { id: number }).id;
    await page.goto(`${ts.url}/#/dossiers/${id}`);
    await page.getByTestId('dossier-title').waitFor();
    await page.getByTestId('score-bar').waitFor();
    const width = await page
      .locator('.ant-layout-content .ant-layout-content, main .ant-layout .ant-layout-content')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(300);
    await page.getByLabel('单位名称', { exact: true }).fill('中共衡阳市委金融办（手机）');
    expect(await page.getByLabel('单位名称', { exact: true }).inputValue()).toBe(
      '中共衡阳市委金融办（手机）',
    );
    await shot(page, 'mobile-editor');
    await page.getByTestId('score-bar').locator('summary').click();
    await page.getByTestId('live-total').waitFor();
    await shot(page, 'mobile-score');
    await context.close();
    expect(errors).toEqual([]);
  });
});
