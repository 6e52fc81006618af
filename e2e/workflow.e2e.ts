/**
 * The whole year in a real browser: a unit editor fills a new unit's dossier, watches the live
 * score and findings, fixes a finding, downloads the report, submits; a reviewer returns it with a
 * comment; the editor fixes and resubmits; the reviewer approves and publishes; the public sees it.
 * Any browser console error fails the test. Screenshots (1366×768) go to docs/screenshots/, named
 * web-*.png.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/storage/accounts.ts';
import {
  Api,
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  launch,
  login,
  median,
  newSession,
  shot,
  startTestServer,
  type TestServer,
} from './harness.ts';

const UNIT = '测试市统计局';
const INDICATORS_TSV = [
  '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因',
  '成本指标\t经济成本指标\t公用经费控制率\t≤100%\t95%\t10\t10\t',
  '产出指标\t数量指标\t完成统计调查项目数\t≥20项\t18项\t20\t18\t',
  '\t质量指标\t数据差错率\t<1%\t0.5%\t10\t10\t',
  '\t时效指标\t按时发布率\t≥95%\t98%\t10\t10\t',
  '效益指标\t社会效益指标\t统计数据公开率\t=100%\t100%\t15\t15\t',
  '\t经济效益指标\t服务企业数\t≥100家\t120家\t15\t15\t',
  '满意度指标\t服务对象满意度指标\t数据使用者满意度\t≥90%\t95%\t10\t10\t',
].join('\n');

let ts: TestServer;
let browser: Browser;
const errors: string[] = [];
const pages: Page[] = [];

/** On failure: what each page showed, for the log (the test still fails). */
async function diagnose(): Promise<void> {
  for (const [i, p] of pages.entries()) {
    if (p.isClosed()) continue;
    await p
      .screenshot({ path: join(tmpdir(), `jixiao-e2e-failure-${i}.png`) })
      .catch(() => undefined);
    console.error(
      `page ${i} ${p.url()}: ${(
        await p
          .locator('body')
          .innerText()
          .catch(() => '')
      ).slice(0, 600)}`,
    );
  }
  console.error(`browser errors: ${JSON.stringify(errors)}`);
}

beforeAll(async () => {
  ts = await startTestServer();
  browser = await launch();
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
async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
}
/** The confirmation asked before submit, approve and publish. */
async function confirm(page: Page): Promise<void> {
  await page.locator('.ant-modal-confirm .ant-btn-primary').click();
}
async function pickOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

describe('web app, end to end', () => {
  it('runs a unit-year from blank to published', async () => {
    try {
      await unitYearFlow();
    } catch (err) {
      await diagnose();
      throw err;
    }
  });
});

async function unitYearFlow(): Promise<void> {
  {
    // --- setup an admin does: a new unit in the demo region, and its editor account
    const admin = new Api(ts.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const regions = await admin.call<{ id: number; name: string }[]>('GET', '/api/regions');
    const region = regions.data[0];
    expect(region).toBeDefined();
    const unit = await admin.call<{ id: number }>('POST', '/api/units', {
      name: UNIT,
      regionId: region?.id,
      budgetCode: '901001',
    });
    expect(unit.status).toBe(201);
    await createUser(ts.server.store.db, {
      username: 'tongji',
      password: DEMO_PASSWORD,
      role: 'editor',
      unitId: unit.data.id,
    });

    // --- the editor: log in, start FY2023 blank
    const ed = await newSession(browser, errors);
    pages.push(ed.page);
    const page = ed.page;
    await page.goto(`${ts.url}/#/login`);
    await shot(page, 'login');
    await login(page, ts.url, 'tongji', DEMO_PASSWORD);
    await page.getByText(UNIT).first().waitFor();
    await page.getByRole('spinbutton', { name: /新建年度/ }).fill('2023');
    await page.getByRole('button', { name: /新\s*建/ }).click();
    await page
      .getByTestId('dossier-title')
      .filter({ hasText: `${UNIT} 2023年度` })
      .waitFor();
    const dossierId = /#\/dossiers\/(\d+)/.exec(page.url())?.[1];
    expect(dossierId).toBeDefined();

    // 基本情况
    await page.getByLabel('编制数', { exact: true }).fill('30');
    await page.getByLabel('实际在职人数').fill('28');
    await page.getByLabel('年度总体目标（预期）').fill('完成年度统计调查任务，按时发布统计数据。');
    await page.getByLabel('年度总体目标（实际完成）').fill('统计调查任务全部完成，数据按时发布。');
    await page.getByLabel('填报人').fill('李四');
    await page.getByLabel('填报日期').fill('2024-04-18');
    await shot(page, 'editor-basic');

    // 收入与支出: amounts typed as text, including a thousands separator
    await page.getByRole('tab', { name: '收入与支出' }).click();
    const general = '一般公共预算（财政拨款）';
    await page.getByLabel(`${general}年初预算数`).fill('500');
    await page.getByLabel(`${general}全年预算数（调整后）`).fill('520');
    await page.getByLabel(`${general}全年执行数（决算数）`).fill('507.13');
    await page.getByLabel('人员经费全年执行数（决算数）').fill('1,320.5');
    await expect.poll(() => page.getByTestId('derived-execution-rate').innerText()).toBe('97.53%');
    await page.getByLabel('人员经费全年执行数（决算数）').fill('320.5');
    await page.getByLabel('公用经费全年执行数（决算数）').fill('86.63');
    await shot(page, 'editor-money');

    // 绩效指标: paste rows from Excel, then add, edit and delete one by hand
    await page.getByRole('tab', { name: '绩效指标' }).click();
    const totalBefore = await liveTotal(page);
    await page.getByRole('button', { name: '从 Excel 粘贴' }).click();
    await page.getByLabel('粘贴内容').fill(INDICATORS_TSV);
    await page.getByText('识别到 7 行指标').waitFor();
    await shot(page, 'paste');
    await page.getByRole('button', { name: '添加 7 行' }).click();
    await expect.poll(() => page.locator('tr[data-indicator-id]').count()).toBe(7);
    // merged cells: 产出指标 spans its three rows
    expect(await page.locator('td.merged[rowspan="3"]').count()).toBe(1);
    await expect.poll(() => liveTotal(page)).not.toBe(totalBefore);

    await page.getByRole('button', { name: '添加指标', exact: true }).click();
    await expect.poll(() => page.locator('tr[data-indicator-id]').count()).toBe(8);
    await page.getByLabel('第 8 行三级指标名称').fill('临时指标');
    await page.getByLabel('临时指标目标值').fill('5');
    await page.getByLabel('临时指标计量单位').fill('次');
    await page.getByLabel('删除临时指标').click();
    await expect.poll(() => page.locator('tr[data-indicator-id]').count()).toBe(7);

    // live findings: 18 of 20 items with no deviation reason → a finding; click it, fix it
    const finding = page.locator('[data-testid="finding"][data-code="COMPL-DEVIATION-REASON"]');
    await finding.first().waitFor();
    await shot(page, 'editor-indicators');
    await finding.first().click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('f-indicators[1].deviation');
    await page.keyboard.type('两项调查因国家统计局调整取消，已在下年度计划中调整。');
    await expect.poll(() => finding.count()).toBe(0);

    // watch the score move with an edit
    const t1 = await liveTotal(page);
    await page.getByLabel('数据使用者满意度实际完成值').fill('80%');
    await expect.poll(() => liveTotal(page)).not.toBe(t1);
    await page.getByLabel('数据使用者满意度实际完成值').fill('95%');
    await expect.poll(() => liveTotal(page)).toBe(t1);

    // recompute time in the page (score + audit), after warm-up edits
    const samples: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const before = await page.evaluate(() => window.__jixiaoRecompute?.count ?? 0);
      await page.getByLabel('服务企业数实际完成值').fill(`${121 + i}家`);
      await page.waitForFunction((b) => (window.__jixiaoRecompute?.count ?? 0) > b, before);
      samples.push(await page.evaluate(() => window.__jixiaoRecompute?.last ?? -1));
    }
    const warm = samples.slice(2);
    console.log(
      'recompute after an edit (small dossier, 7 indicators): ' +
        `median ${median(warm).toFixed(2)} ms, ` +
        `max ${Math.max(...warm).toFixed(2)} ms`,
    );

    // 文字说明, then autosave
    await page.getByRole('tab', { name: '文字说明' }).click();
    await page.getByLabel('存在的问题', { exact: true }).fill('部分调查项目因上级调整未实施。');
    await page
      .getByLabel('改进措施', { exact: true })
      .fill('加强与上级统计部门沟通，及时调整年度计划。');
    await waitSaved(page);
    // the browser's live score equals the server's score of the saved version
    const server = await admin.call<{ total: string; grade: string }>(
      'GET',
      `/api/dossiers/${dossierId}/score`,
    );
    expect(server.status).toBe(200);
    await expect.poll(() => liveTotal(page)).toBe(server.data.total);

    // history with a diff
    await page.getByRole('button', { name: '历史版本' }).click();
    await page
      .getByTestId('history-change')
      .filter({ hasText: '改进措施：新增 加强与上级统计部门沟通' })
      .first()
      .waitFor();
    await shot(page, 'history');
    await page.keyboard.press('Escape');

    // report preview and downloads, reopened with mammoth and exceljs
    await page.getByRole('button', { name: '预览报告' }).click();
    await page.frameLocator('iframe[title="报告预览"]').getByText(UNIT).first().waitFor();
    await shot(page, 'preview');
    await page.keyboard.press('Escape');
    const tmp = mkdtempSync(join(tmpdir(), 'jixiao-dl-'));
    const download = async (ext: 'docx' | 'xlsx') => {
      await page.getByRole('button', { name: /下\s*载/ }).hover();
      const [dl] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`download-${ext}`).click(),
      ]);
      const file = join(tmp, `report.${ext}`);
      await dl.saveAs(file);
      return file;
    };
    const docText = (await mammoth.extractRawText({ path: await download('docx') })).value;
    expect(docText).toContain(UNIT);
    expect(docText).toContain('完成统计调查项目数');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download('xlsx'));
    const cells: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Merge) return; // the master cell carries the text
          const v = c.value;
          cells.push(v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v ?? ''));
        }),
      ),
    );
    expect(cells.some((c) => c.includes('数据使用者满意度'))).toBe(true);
    expect(cells.some((c) => c.includes('507.13'))).toBe(true);

    // submit
    await page.getByRole('button', { name: '提交审核' }).click();
    await confirm(page);
    await page.getByTestId('status').filter({ hasText: '已提交' }).waitFor();

    // --- the reviewer: dashboard, comment on an indicator, return with a comment
    const rv = await newSession(browser, errors);
    pages.push(rv.page);
    await login(rv.page, ts.url, 'reviewer', DEMO_PASSWORD);
    await rv.page.getByRole('link', { name: UNIT, exact: true }).waitFor();
    await rv.page.waitForTimeout(800); // let the charts draw
    await shot(rv.page, 'dashboard');
    await rv.page.getByRole('link', { name: UNIT, exact: true }).click();
    await rv.page.getByTestId('dossier-title').filter({ hasText: UNIT }).waitFor();
    await rv.page.getByRole('tab', { name: '审核意见' }).click();
    await pickOption(rv.page, '意见针对', '指标');
    await pickOption(rv.page, '具体对象', '完成统计调查项目数');
    await rv.page.getByLabel('意见内容').fill('请补充未完成调查项目的文件依据。');
    await rv.page.getByRole('button', { name: '发表意见' }).click();
    await rv.page.getByTestId('comment').filter({ hasText: '文件依据' }).waitFor();
    await rv.page.getByRole('button', { name: '退回修改' }).click();
    await rv.page.getByLabel('退回意见（必填）').fill('满意度调查方法未说明，请在文字说明中补充。');
    await shot(rv.page, 'review');
    await rv.page
      .getByRole('button', { name: /退\s*回/ })
      .last()
      .click();
    await rv.page.getByTestId('status').filter({ hasText: '已退回' }).waitFor();

    // --- the editor fixes and resubmits
    await page.reload();
    await page.getByTestId('status').filter({ hasText: '已退回' }).waitFor();
    await page.getByTestId('return-banner').filter({ hasText: '满意度调查方法未说明' }).waitFor();
    await shot(page, 'return-banner');
    await page.getByRole('tab', { name: '审核意见' }).click();
    await page.getByTestId('comment').filter({ hasText: '满意度调查方法' }).waitFor();
    await page.getByRole('tab', { name: '文字说明' }).click();
    await page
      .getByLabel('满意度', { exact: true })
      .fill('委托第三方对 200 名数据使用者抽样问卷调查，满意度 95%。');
    await waitSaved(page);
    await page.getByRole('button', { name: '重新提交审核' }).click();
    await confirm(page);
    await page.getByTestId('status').filter({ hasText: '已提交' }).waitFor();

    // --- the reviewer approves and publishes
    await rv.page.reload();
    await rv.page.getByRole('button', { name: '审核通过' }).click();
    await confirm(rv.page);
    await rv.page.getByTestId('status').filter({ hasText: '已通过' }).waitFor();
    await rv.page.getByRole('button', { name: '公开发布' }).click();
    await confirm(rv.page);
    await rv.page.getByTestId('status').filter({ hasText: '已公开' }).waitFor();

    // year-on-year comparison screen (the demo unit has its example year)
    await rv.page.goto(`${ts.url}/#/dashboard`);
    await rv.page.getByRole('link', { name: `${UNIT}历年对比` }).click();
    await rv.page.getByText('历年对比').first().waitFor();

    // --- an anonymous visitor sees it
    const anon = await newSession(browser, errors);
    pages.push(anon.page);
    await anon.page.goto(`${ts.url}/#/public`);
    await anon.page.getByRole('link', { name: UNIT, exact: true }).click();
    await anon.page.frameLocator('iframe[title="报告全文"]').getByText(UNIT).first().waitFor();
    await shot(anon.page, 'public');

    // the editor imports a dossier file as the unit's FY2022 (confirm screen, then the editor)
    await page.goto(`${ts.url}/#/import`);
    await page.getByText('导入报告或档案文件').waitFor();
    await page
      .locator('input[type="file"]')
      .setInputFiles(
        fileURLToPath(new URL('../examples/hengyang-finance-office-2023.yaml', import.meta.url)),
      );
    await page.getByText('识别结果').waitFor();
    await page.getByRole('spinbutton', { name: '年度' }).fill('2022');
    await shot(page, 'import');
    const create = page.getByRole('button', { name: /创建档案|请先确认/ });
    if ((await create.innerText()).includes('请先确认')) {
      for (const box of await page.getByRole('checkbox').all()) await box.check();
    }
    await page.getByRole('button', { name: '创建档案' }).click();
    await page.getByTestId('dossier-title').filter({ hasText: '2022年度' }).waitFor();

    await Promise.all([ed.context.close(), rv.context.close(), anon.context.close()]);
    expect(errors).toEqual([]);
  }
}
