/**
 * The review with guard rails (issue 12, item 4), as the unit's finance officer, an admin and the
 * bureau's reviewer meet it: submit blocked while errors remain (in the browser and on the
 * server), an admin's forced submit with a reason (logged), 审核意见 on the rows they are about,
 * the history marking workflow steps and restoring a version, undo after deleting an indicator
 * and a project, and unpublish with a reason. Each check looks at the page and at what the
 * server stored.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
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

const EXAMPLE = parse(
  readFileSync(new URL('../examples/hengyang-finance-office-2023.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;

let ts: TestServer;
let browser: Browser;
let admin: Api;
let editorApi: Api;
let reviewerApi: Api;
let dossierId: number;
const errors: string[] = [];
// The refused submit (422) is logged by Chromium itself.
const EXPECTED_CONSOLE = [/status of 422/];

interface Rec {
  id: number;
  version: number;
  status: string;
  dossier: Record<string, unknown>;
}
type Row = { id: string; name: string };

beforeAll(async () => {
  ts = await startTestServer();
  browser = await launch();
  admin = new Api(ts.url);
  await admin.login('admin', ADMIN_PASSWORD);
  editorApi = new Api(ts.url);
  await editorApi.login('editor', DEMO_PASSWORD);
  reviewerApi = new Api(ts.url);
  await reviewerApi.login('reviewer', DEMO_PASSWORD);
  const list = await admin.call<{ items: { id: number; unitName: string; year: number }[] }>(
    'GET',
    '/api/dossiers?pageSize=100',
  );
  const ex = list.data.items.find(
    (d) => d.unitName === (EXAMPLE.unit as { name: string }).name && d.year === 2023,
  );
  if (!ex) throw new Error('example dossier not seeded');
  dossierId = ex.id;
});
afterAll(async () => {
  await browser?.close();
  await ts?.close();
});

const stored = async () => (await admin.call<Rec>('GET', `/api/dossiers/${dossierId}`)).data;
const indicators = (d: Rec) => d.dossier.indicators as Row[];
const projects = (d: Rec) => (d.dossier.expenditure as { projects: Row[] }).projects;

async function open(username: string, password = DEMO_PASSWORD): Promise<Page> {
  const s = await newSession(browser, errors, EXPECTED_CONSOLE);
  await login(s.page, ts.url, username, password);
  await s.page.goto(`${ts.url}/#/dossiers/${dossierId}`);
  await s.page.getByTestId('dossier-title').waitFor();
  return s.page;
}

async function savedVersion(page: Page): Promise<number> {
  const text = await page.getByTestId('save-status').innerText();
  return Number(/已保存（第 (\d+) 版）/.exec(text)?.[1] ?? -1);
}
async function waitSaved(page: Page, after: number): Promise<number> {
  await expect.poll(() => savedVersion(page), { timeout: 15_000 }).toBeGreaterThan(after);
  return savedVersion(page);
}
const confirmOk = (page: Page) => page.locator('.ant-modal-confirm .ant-btn-primary').click();

describe('review with guard rails', () => {
  it('blocks submit while errors remain, in the browser and on the server', async () => {
    const page = await open('editor');
    await page.getByRole('button', { name: '提交审核' }).click();
    const warning = page.locator('.ant-modal-confirm', { hasText: '还不能提交审核' });
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/审核发现还有 \d+ 个错误级问题/);
    await shot(page, 'submit-blocked');
    await warning.locator('.ant-btn-primary').click();
    // The server refuses the same submit on its own, with the count in Chinese.
    const r = await editorApi.call<{ error: { code: string; message: string } }>(
      'POST',
      `/api/dossiers/${dossierId}/transitions`,
      { action: 'submit' },
    );
    expect(r.status).toBe(422);
    expect(r.data.error.message).toMatch(/^审核发现 \d+ 个错误级问题，修正后才能提交审核$/);
    expect((await stored()).status).toBe('draft');
    await page.context().close();
  });

  it('undoes deleting an indicator and a project (the server keeps them)', async () => {
    const page = await open('editor');
    const before = await stored();
    const first = indicators(before)[0] as Row;
    await page.getByRole('tab', { name: '绩效指标' }).click();
    await page.getByLabel(`删除${first.name}`, { exact: true }).click();
    await expect.poll(() => page.locator(`tr[data-indicator-id="${first.id}"]`).count()).toBe(0);
    const toast = page.getByTestId('undo-toast');
    expect(await toast.innerText()).toContain(`已删除指标“${first.name}”`);
    await shot(page, 'undo-indicator');
    await toast.getByRole('button', { name: /撤\s*销/ }).click();
    await page.locator(`tr[data-indicator-id="${first.id}"]`).waitFor();
    await waitSaved(page, before.version);
    // The undo put the row back in its place, on the page and on the server.
    expect(indicators(await stored()).map((i) => i.id)).toEqual(
      indicators(before).map((i) => i.id),
    );

    await page.getByRole('tab', { name: '项目', exact: true }).click();
    const p1 = projects(before)[0] as Row;
    await page.getByLabel('删除项目 1', { exact: true }).click();
    await expect
      .poll(() => page.getByLabel('项目 1 名称', { exact: true }).inputValue())
      .not.toBe(p1.name);
    const ptoast = page.getByTestId('undo-toast').filter({ hasText: p1.name });
    await ptoast.getByRole('button', { name: /撤\s*销/ }).click();
    await expect
      .poll(async () => projects(await stored()).map((p) => p.id), { timeout: 15_000 })
      .toEqual(projects(before).map((p) => p.id));
    await page.context().close();
  });

  it('lets an admin submit despite errors with a reason, logged', async () => {
    const page = await open('admin', ADMIN_PASSWORD);
    await page.getByRole('button', { name: '提交审核' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '审核发现错误，仍要提交？' });
    await dialog.waitFor();
    await dialog.getByLabel('强制提交的理由（必填）').fill('单位已书面说明，先行报送');
    await shot(page, 'submit-override');
    await dialog.getByRole('button', { name: '强制提交' }).click();
    await page.locator('.ant-tag', { hasText: '已提交' }).first().waitFor();
    expect((await stored()).status).toBe('submitted');
    const log = await admin.call<{ action: string; detail: { reason: string; errors: number } }[]>(
      'GET',
      `/api/dossiers/${dossierId}/log`,
    );
    const override = log.data.find((e) => e.action === 'dossier.submit.override');
    expect(override?.detail.reason).toBe('单位已书面说明，先行报送');
    expect(override?.detail.errors).toBeGreaterThan(0);
    await page.context().close();
  });

  it('shows 审核意见 on the indicator, project and money rows, named in Chinese', async () => {
    const d = await stored();
    const ind = indicators(d)[1] as Row;
    const proj = projects(d)[0] as Row;
    const page = await open('reviewer');
    const comment = async (button: string, text: string) => {
      await page.getByLabel(button, { exact: true }).click();
      const dialog = page.locator('.ant-modal', { hasText: '提审核意见' });
      await dialog.locator('#row-comment-body').fill(text);
      await dialog.getByRole('button', { name: '发表意见' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await page.getByRole('tab', { name: '绩效指标' }).click();
    await comment(`对“${ind.name}”提意见`, '增长率口径请与去年一致');
    await page.getByRole('tab', { name: '项目', exact: true }).click();
    await comment(`对“${proj.name}”提意见`, '请补充项目绩效目标');
    await page.getByRole('tab', { name: '收入与支出' }).click();
    await comment('对“人员经费”提意见', '人员经费执行数请核对决算');
    // Stored with the row's id or field, not as a free-floating note.
    const list = await admin.call<{ target: { kind: string; ref?: string }; body: string }[]>(
      'GET',
      `/api/dossiers/${dossierId}/comments`,
    );
    expect(list.data.map((c) => [c.target, c.body])).toEqual(
      expect.arrayContaining([
        [{ kind: 'indicator', ref: ind.id }, '增长率口径请与去年一致'],
        [{ kind: 'project', ref: proj.id }, '请补充项目绩效目标'],
        [{ kind: 'row', ref: 'expenditure.personnel' }, '人员经费执行数请核对决算'],
      ]),
    );
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.getByLabel('退回意见（必填）').fill('请按行内意见修改');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await page.locator('.ant-tag', { hasText: '已退回' }).first().waitFor();
    await page.context().close();

    // The editor sees each comment on its own row.
    const ed = await open('editor');
    await ed.getByTestId('return-banner').waitFor();
    await ed.getByRole('tab', { name: '绩效指标' }).click();
    const row = ed.locator(`tr[data-indicator-id="${ind.id}"]`);
    expect(await row.getByTestId('row-comment').innerText()).toContain('增长率口径请与去年一致');
    await shot(ed, 'row-comments');
    await ed.getByRole('tab', { name: '收入与支出' }).click();
    const money = ed.locator('tr', { has: ed.locator('th', { hasText: '人员经费' }) }).first();
    expect(await money.getByTestId('row-comment').innerText()).toContain('请核对决算');
    await ed.getByRole('tab', { name: '审核意见' }).click();
    const pane = await ed.getByRole('tabpanel', { name: '审核意见' }).innerText();
    expect(pane).toContain(`指标“${ind.name}”`);
    expect(pane).toContain(`项目“${proj.name}”`);
    expect(pane).toContain('人员经费');
    expect(pane).not.toContain(ind.id);
    expect(pane).not.toContain(proj.id);
    await shot(ed, 'comments-pane');
    await ed.context().close();
  });

  it('marks workflow steps in the history and restores a version as a new one', async () => {
    // Two versions by two people: the admin's (to restore) and the editor's after it.
    const put = async (api: Api, other: string) => {
      const cur = await stored();
      const narrative = { ...(cur.dossier.narrative as object), other };
      const r = await api.call<{ version: number }>('PUT', `/api/dossiers/${dossierId}`, {
        version: cur.version,
        dossier: { ...cur.dossier, narrative },
      });
      expect(r.status).toBe(200);
      return r.data.version;
    };
    const older = await put(admin, '甲版：年度内无其他需说明事项');
    await put(editorApi, '乙版：另有两项需说明');
    const before = await stored();
    const page = await open('editor');
    await page.getByRole('button', { name: '历史版本' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('提交审核（admin）').waitFor();
    await drawer.getByText('退回修改（reviewer）').waitFor();
    await shot(page, 'history-steps');
    await drawer.getByLabel(`恢复第 ${older} 版`, { exact: true }).click();
    await confirmOk(page);
    await expect
      .poll(() => savedVersion(page), { timeout: 15_000 })
      .toBeGreaterThan(before.version);
    const after = await stored();
    const old = await admin.call<{ dossier: Rec['dossier'] }>(
      'GET',
      `/api/dossiers/${dossierId}/revisions/${older}`,
    );
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.dossier).toEqual(old.data.dossier);
    expect((after.dossier.narrative as { other: string }).other).toBe(
      '甲版：年度内无其他需说明事项',
    );
    // Nothing overwritten: the editor's version is still in the history.
    const revs = await admin.call<{ version: number }[]>(
      'GET',
      `/api/dossiers/${dossierId}/revisions`,
    );
    expect(revs.data.map((r) => r.version)).toContain(before.version);
    // The page shows the restored content.
    await drawer.locator('.ant-drawer-close').click();
    await page.getByRole('tab', { name: '文字说明' }).click();
    expect(await page.getByLabel('其他需说明的事项', { exact: true }).inputValue()).toBe(
      '甲版：年度内无其他需说明事项',
    );
    await page.context().close();
  });

  it('unpublishes a published report with a reason', async () => {
    const r = await admin.call('POST', `/api/dossiers/${dossierId}/transitions`, {
      action: 'submit',
      overrideReason: '演示',
    });
    expect(r.status).toBe(200);
    for (const action of ['approve', 'publish'])
      expect(
        (await reviewerApi.call('POST', `/api/dossiers/${dossierId}/transitions`, { action }))
          .status,
      ).toBe(200);
    const published = async () =>
      (await admin.call<{ id: number }[]>('GET', '/api/public/reports')).data.some(
        (p) => p.id === dossierId,
      );
    expect(await published()).toBe(true);
    const page = await open('reviewer');
    await page.getByRole('button', { name: '撤回发布' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '撤回后公开页面不再显示本报告' });
    await dialog.getByLabel('撤回理由（必填，记入操作日志）').fill('执行率数据待核实');
    await shot(page, 'unpublish');
    await dialog.getByRole('button', { name: '撤回发布' }).click();
    await page.locator('.ant-tag', { hasText: '已通过' }).first().waitFor();
    expect((await stored()).status).toBe('approved');
    expect(await published()).toBe(false);
    const steps = await admin.call<{ action: string; comment: string }[]>(
      'GET',
      `/api/dossiers/${dossierId}/steps`,
    );
    expect(steps.data.at(-1)).toMatchObject({ action: 'unpublish', comment: '执行率数据待核实' });
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
