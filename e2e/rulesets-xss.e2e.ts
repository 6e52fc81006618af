/**
 * Two checks on what the browser shows against what the server stores:
 * 1. the live score uses the dossier's own rule set: national, hunan and sichuan dossiers show the
 *    server's total (issue 10; hunan's step rule gives a different total for the same figures);
 * 2. markup planted in every user-writable text (unit, region, every text of a dossier, comments,
 *    the return comment, an imported file's name) stays text on every page — the editor's tabs,
 *    history, the reviewer's dashboard with its chart tooltips, the public pages — in the HTML
 *    report and in the exports (issue 13).
 */
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDossier } from '../src/core/dossier/validate.ts';
import { createUser } from '../src/storage/accounts.ts';
import {
  Api,
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  launch,
  login,
  newSession,
  startTestServer,
  type TestServer,
} from './harness.ts';

const readYaml = (name: string) =>
  parse(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const CORRECTED = readYaml('hengyang-finance-office-2023-corrected.yaml');
const EXAMPLE = readYaml('hengyang-finance-office-2023.yaml');

let ts: TestServer;
let browser: Browser;
let admin: Api;
const errors: string[] = [];

interface Rec {
  id: number;
  version: number;
  status: string;
  dossier: Record<string, unknown>;
}

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

async function liveTotal(page: Page): Promise<string> {
  return (
    await page.getByTestId('live-total').locator('.ant-statistic-content-value').innerText()
  ).trim();
}

describe('the live score uses the dossier’s rule set', () => {
  it('shows the server’s total for national, hunan and sichuan dossiers', async () => {
    const list = await admin.call<{ items: { unitId: number; unitName: string }[] }>(
      'GET',
      '/api/dossiers?pageSize=100',
    );
    const unitName = (CORRECTED.unit as { name: string }).name;
    const unitId = list.data.items.find((d) => d.unitName === unitName)?.unitId;
    expect(unitId).toBeDefined();
    const { context, page } = await newSession(browser, errors);
    await login(page, ts.url, 'admin', ADMIN_PASSWORD);
    const totals: Record<string, string> = {};
    for (const [ruleset, year] of [
      ['national', 2019],
      ['hunan', 2020],
      ['sichuan', 2021],
    ] as const) {
      const created = await admin.call<Rec>('POST', '/api/dossiers', {
        unitId,
        year,
        dossier: { ...CORRECTED, year, ruleset },
      });
      expect(created.status, JSON.stringify(created.data)).toBe(201);
      const id = created.data.id;
      const server = await admin.call<{ total: string }>('GET', `/api/dossiers/${id}/score`);
      const audit = await admin.call<{ findings: { severity: string }[] }>(
        'GET',
        `/api/dossiers/${id}/audit`,
      );
      await page.goto(`${ts.url}/#/dossiers/${id}`);
      await page
        .getByTestId('dossier-title')
        .filter({ hasText: `${year}年度` })
        .waitFor();
      await expect.poll(() => liveTotal(page), { timeout: 15_000 }).toBe(server.data.total);
      // The findings follow the same rule set (sichuan asks for reasons below 90% execution).
      const errorsShown = await page
        .getByText(/^错误 \d+$/)
        .first()
        .innerText();
      const serverErrors = audit.data.findings.filter((f) => f.severity === 'error').length;
      expect(errorsShown, ruleset).toBe(`错误 ${serverErrors}`);
      totals[ruleset] = server.data.total;
    }
    // Hand check of the example under each rule set: hunan's step rule (2 points off per started
    // 5 percentage points) and its weights give 94.00; national/sichuan's proportional rule 97.31.
    expect(totals).toEqual({ national: '97.31', hunan: '94.00', sichuan: '97.31' });
    await context.close();
    expect(errors).toEqual([]);
  });
});

/** Live if it ever parses as HTML: an element carrying data-xss, or window.__xss set. */
const PAYLOAD = `"'><img data-xss src=x onerror="window.__xss=1"><b data-xss>粗</b>`;

/**
 * Append the payload to every string of the dossier the schema still accepts with it: plant it
 * everywhere, then take it out again where validation names the path (amounts, dates, codes).
 */
function plantEverywhere(dossier: Record<string, unknown>): {
  dossier: Record<string, unknown>;
  planted: string[];
} {
  const copy = structuredClone(dossier);
  const holders = new Map<
    string,
    { holder: Record<string | number, unknown>; key: string | number }
  >();
  const visit = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : Object.entries(node);
    for (const [k, v] of entries) {
      const at = typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      // The rule set name refers to a file, not text a person reads.
      if (path === '' && (k === 'ruleset' || k === 'format')) continue;
      if (typeof v === 'string')
        holders.set(at, { holder: node as Record<string, unknown>, key: k });
      else visit(v, at);
    }
  };
  visit(copy, '');
  const original = new Map([...holders].map(([at, h]) => [at, h.holder[h.key] as string]));
  for (const [at, h] of holders) h.holder[h.key] = `${original.get(at)}${PAYLOAD}`;
  for (let round = 0; round < 20; round += 1) {
    const v = validateDossier(copy, 'zh');
    if (v.ok) break;
    let reverted = 0;
    for (const e of v.errors) {
      const at = e.where.path ?? '';
      // An error on a whole object (a refinement) names its parent: revert every string under it.
      for (const [p, h] of holders)
        if ((p === at || p.startsWith(`${at}.`) || p.startsWith(`${at}[`)) && original.has(p)) {
          h.holder[h.key] = original.get(p);
          original.delete(p);
          reverted += 1;
        }
    }
    if (reverted === 0) throw new Error(`cannot plant: ${JSON.stringify(v.errors.slice(0, 3))}`);
  }
  expect(validateDossier(copy, 'zh').ok).toBe(true);
  return { dossier: copy, planted: [...original.keys()] };
}

/** The tail of the payload as a reader sees it when it stays text. */
const SHOWN = '<b data-xss>粗</b>';

/** No element from the payload and no script run, in the page and every frame. */
async function assertInert(page: Page, where: string): Promise<void> {
  for (const frame of page.frames()) {
    const live = await frame.evaluate(() => ({
      elements: document.querySelectorAll('[data-xss]').length,
      ran: (window as { __xss?: unknown }).__xss ?? null,
    }));
    expect(live, `${where} ${frame.url()}`).toEqual({ elements: 0, ran: null });
  }
}

/** The planted text reached the page as text (so the scan above looked at something). */
async function assertShownAsText(page: Page, where: string): Promise<void> {
  await expect.poll(() => page.locator('body').innerText(), { message: where }).toContain(SHOWN);
}

describe('markup in user-written text stays text', () => {
  it('plants markup in every text field; none is live on any page, report or export', async () => {
    const regions = await admin.call<{ id: number }[]>('GET', '/api/regions');
    const topRegion = regions.data[0]?.id;
    const region = await admin.call<{ id: number }>('POST', '/api/regions', {
      name: `县区${PAYLOAD}`,
      parentId: topRegion,
    });
    expect(region.status).toBe(201);
    const unit = await admin.call<{ id: number }>('POST', '/api/units', {
      name: `单位${PAYLOAD}`,
      regionId: region.data.id,
      budgetCode: `901${PAYLOAD}`,
    });
    expect(unit.status).toBe(201);
    await createUser(ts.server.store.db, {
      username: 'xss-editor',
      password: DEMO_PASSWORD,
      role: 'editor',
      unitId: unit.data.id,
    });
    const { dossier, planted } = plantEverywhere({ ...EXAMPLE, year: 2023 });
    // The example has unit facts, narrative, indicator rows, projects and statements: a few
    // dozen texts at least, in each part of the form.
    expect(planted.length).toBeGreaterThan(40);
    for (const part of ['unit.', 'narrative.', 'indicators[', 'expenditure.projects['])
      expect(
        planted.some((p) => p.startsWith(part)),
        part,
      ).toBe(true);
    const created = await admin.call<Rec>('POST', '/api/dossiers', {
      unitId: unit.data.id,
      year: 2023,
      dossier,
    });
    expect(created.status, JSON.stringify(created.data).slice(0, 400)).toBe(201);
    const id = created.data.id;
    const firstIndicator = (dossier.indicators as { id: string }[])[0]?.id;
    for (const target of [
      { kind: 'dossier' },
      { kind: 'indicator', ref: firstIndicator },
      { kind: 'finding', ref: 'COMPL-DEVIATION-REASON' },
    ]) {
      const c = await admin.call('POST', `/api/dossiers/${id}/comments`, {
        target,
        body: `意见${PAYLOAD}`,
      });
      expect(c.status).toBe(201);
    }
    // A second revision so the history has a diff of planted text.
    const cur = await admin.call<Rec>('GET', `/api/dossiers/${id}`);
    const narrative = cur.data.dossier.narrative as Record<string, unknown>;
    const put = await admin.call('PUT', `/api/dossiers/${id}`, {
      version: cur.data.version,
      dossier: { ...cur.data.dossier, narrative: { ...narrative, other: `修改${PAYLOAD}` } },
    });
    expect(put.status).toBe(200);
    // The planted dossier has error-level findings, so only an admin's override (its reason
    // planted too, shown in the audit log) can submit it.
    const submitted = await admin.call('POST', `/api/dossiers/${id}/transitions`, {
      action: 'submit',
      overrideReason: `先行报送${PAYLOAD}`,
    });
    expect(submitted.status, JSON.stringify(submitted.data).slice(0, 400)).toBe(200);
    const reviewerApi = new Api(ts.url);
    await reviewerApi.login('admin', ADMIN_PASSWORD);
    expect(
      (
        await reviewerApi.call('POST', `/api/dossiers/${id}/transitions`, {
          action: 'return',
          comment: `退回${PAYLOAD}`,
        })
      ).status,
    ).toBe(200);

    // --- the editor: home, every tab of the returned dossier, history, preview, import
    const ed = await newSession(browser, errors);
    await login(ed.page, ts.url, 'xss-editor', DEMO_PASSWORD);
    const page = ed.page;
    await assertShownAsText(page, 'home');
    await assertInert(page, 'home');
    await page.goto(`${ts.url}/#/dossiers/${id}`);
    await page.getByTestId('dossier-title').waitFor();
    for (const tab of [
      '基本情况',
      '收入与支出',
      '三公经费',
      '项目支出',
      '绩效指标',
      '文字说明',
      '审核意见',
    ]) {
      const t = page.getByRole('tab', { name: tab });
      if ((await t.count()) === 0) continue;
      await t.click();
      await page.waitForTimeout(150);
      await assertInert(page, `editor tab ${tab}`);
    }
    await page.getByRole('tab', { name: '审核意见' }).click();
    await page.getByTestId('comment').first().waitFor();
    await assertShownAsText(page, 'comments');
    await page.getByRole('button', { name: '历史版本' }).click();
    await page.locator('.ant-drawer table').getByText('修改').first().waitFor();
    await assertInert(page, 'history');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '预览报告' }).click();
    const preview = page.frameLocator('iframe[title="报告预览"]');
    await expect.poll(() => preview.locator('body').innerText()).toContain(SHOWN);
    await assertInert(page, 'report preview');
    await page.keyboard.press('Escape');
    await page.goto(`${ts.url}/#/import`);
    await page.getByText('导入报告或档案文件').waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: `文件${PAYLOAD}.yaml`,
      mimeType: 'application/x-yaml',
      buffer: readFileSync(
        new URL('../examples/hengyang-finance-office-2023.yaml', import.meta.url),
      ),
    });
    await page.getByText('识别结果').waitFor();
    await assertInert(page, 'import');

    // the standalone HTML report, opened as a page of its own
    // (served as a download, so its text is loaded into a blank page where any markup would run)
    const reportHtml = await (await admin.raw(`/api/dossiers/${id}/report.html`)).text();
    const reportPage = await ed.context.newPage();
    await reportPage.setContent(reportHtml, { waitUntil: 'load' });
    await assertShownAsText(reportPage, 'report.html');
    await assertInert(reportPage, 'report.html');
    await reportPage.close();

    // --- resubmit, approve, publish; the reviewer's dashboard with its tooltips
    const resubmitted = await admin.call('POST', `/api/dossiers/${id}/transitions`, {
      action: 'submit',
      overrideReason: `再次报送${PAYLOAD}`,
    });
    expect(resubmitted.status).toBe(200);
    for (const action of ['approve', 'publish'])
      expect(
        (await reviewerApi.call('POST', `/api/dossiers/${id}/transitions`, { action })).status,
      ).toBe(200);
    const rv = await newSession(browser, errors);
    await login(rv.page, ts.url, 'admin', ADMIN_PASSWORD);
    await rv.page.goto(`${ts.url}/#/dashboard`);
    await rv.page.getByRole('link', { name: `单位${PAYLOAD}`, exact: true }).waitFor();
    await assertShownAsText(rv.page, 'dashboard');
    const tooltips = await rv.page.evaluate(async () => {
      const shown: string[] = [];
      for (let wait = 0; wait < 50 && !window.__jixiaoCharts?.['得分与执行率散点图']; wait += 1)
        await new Promise((r) => setTimeout(r, 100));
      for (const [label, chart] of Object.entries(window.__jixiaoCharts ?? {})) {
        for (let i = 0; i < 30; i += 1) {
          chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
          await new Promise((r) => setTimeout(r, 30));
          const tip = document.querySelector(`[aria-label="${label}"]`)?.parentElement;
          shown.push(tip?.innerText ?? '');
        }
      }
      return shown.join('\n');
    });
    expect(tooltips).toContain(SHOWN);
    await assertInert(rv.page, 'dashboard tooltips');
    await rv.page.goto(`${ts.url}/#/dossiers/${id}`);
    await rv.page.getByTestId('dossier-title').waitFor();
    await assertInert(rv.page, 'reviewer dossier');

    // --- the public list and the published report
    const anon = await newSession(browser, errors);
    await anon.page.goto(`${ts.url}/#/public`);
    await anon.page.getByRole('link', { name: `单位${PAYLOAD}`, exact: true }).click();
    const publicFrame = anon.page.frameLocator('iframe[title="报告全文"]');
    await expect.poll(() => publicFrame.locator('body').innerText()).toContain(SHOWN);
    await assertInert(anon.page, 'public report');

    // --- exports keep the text as text (no formula, no markup interpretation)
    const csv = await (await admin.raw('/api/dossiers/export.csv')).text();
    expect(csv).toContain(`单位""'><img data-xss`);
    const docx = await fetch(`${ts.url}/api/public/reports/${id}/report.docx`);
    const docText = (
      await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })
    ).value;
    expect(docText).toContain(PAYLOAD);
    const xlsx = await fetch(`${ts.url}/api/public/reports/${id}/report.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    let cellsWithPayload = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'string' && c.value.includes(PAYLOAD)) cellsWithPayload += 1;
        }),
      ),
    );
    expect(cellsWithPayload).toBeGreaterThan(0);

    await Promise.all([ed.context.close(), rv.context.close(), anon.context.close()]);
    expect(errors).toEqual([]);
  });
});
