/**
 * In-browser recompute time (score + audit after an edit, performance.now() in the page) for the
 * example dossier and for a dossier with 200 indicators; the year-on-year screen; and a save
 * conflict resolved both ways without losing either version.
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
  median,
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
let unitId: number;
let exampleId: number;
const errors: string[] = [];

interface Rec {
  id: number;
  version: number;
  dossier: Record<string, unknown>;
  status: string;
}

beforeAll(async () => {
  ts = await startTestServer();
  browser = await launch();
  admin = new Api(ts.url);
  await admin.login('admin', ADMIN_PASSWORD);
  const list = await admin.call<{
    items: { id: number; unitId: number; year: number; unitName: string }[];
  }>('GET', '/api/dossiers?pageSize=100');
  const ex = list.data.items.find(
    (d) => d.unitName === (EXAMPLE.unit as { name: string }).name && d.year === 2023,
  );
  if (!ex) throw new Error(`example dossier not seeded: ${JSON.stringify(list.data)}`);
  exampleId = ex.id;
  unitId = ex.unitId;
});
afterAll(async () => {
  await browser?.close();
  await ts?.close();
});

interface Parts {
  validate: number;
  score: number;
  audit: number;
}

/** Type into one field `n` times; returns the page's recompute times (ms) after each edit. */
async function timeEdits(
  page: Page,
  label: string,
  n: number,
  value: (i: number) => string,
): Promise<{ total: number; parts: Parts }[]> {
  const out: { total: number; parts: Parts }[] = [];
  for (let i = 0; i < n; i += 1) {
    const before = await page.evaluate(() => window.__jixiaoRecompute?.count ?? 0);
    await page.getByLabel(label, { exact: true }).fill(value(i));
    await page.waitForFunction((b) => (window.__jixiaoRecompute?.count ?? 0) > b, before);
    out.push(
      await page.evaluate(() => ({
        total: window.__jixiaoRecompute?.last ?? -1,
        parts: window.__jixiaoRecompute?.lastParts ?? { validate: -1, score: -1, audit: -1 },
      })),
    );
  }
  return out;
}

function report(name: string, samples: { total: number; parts: Parts }[]): number {
  const warm = samples.slice(3);
  const med = median(warm.map((s) => s.total));
  const part = (k: keyof Parts) => median(warm.map((s) => s.parts[k])).toFixed(2);
  const parts = [
    `validate ${part('validate')}`,
    `derive+score ${part('score')}`,
    `audit ${part('audit')}`,
  ].join(', ');
  const max = Math.max(...warm.map((s) => s.total));
  console.log(
    `recompute after an edit (${name}): median ${med.toFixed(2)} ms (${parts}), ` +
      `max ${max.toFixed(2)} ms over ${warm.length} edits`,
  );
  return med;
}

describe('live recompute time, comparison, conflicts', () => {
  it('measures the in-browser recompute time (score + audit) after an edit', async () => {
    const { context, page } = await newSession(browser, errors);
    await login(page, ts.url, 'admin', ADMIN_PASSWORD);

    // the example dossier (the seed unit's FY2023 as published: 14 indicators, many statements)
    await page.goto(`${ts.url}/#/dossiers/${exampleId}`);
    await page.getByRole('tab', { name: '文字说明' }).click();
    const exampleMed = report(
      'example dossier',
      await timeEdits(page, '其他需说明的事项', 15, (i) => `说明 ${i}`),
    );

    // 200 indicators (weights 0.45 each = 90, plus execution 10)
    const indicators = Array.from({ length: 200 }, (_, i) => ({
      id: `K${i + 1}`,
      level1: ['产出指标', '效益指标', '满意度指标', '成本指标'][i % 4],
      level2: `二级${i % 10}`,
      name: `指标${i + 1}`,
      target: i % 3 === 0 ? '≥95%' : i % 3 === 1 ? '<1%' : '≥100个',
      actual: i % 3 === 0 ? '96%' : i % 3 === 1 ? '0.5%' : '90个',
      weight: '0.45',
      score: '0.45',
    }));
    const big = await admin.call<Rec>('POST', '/api/dossiers', {
      unitId,
      year: 2024,
      dossier: { ...EXAMPLE, year: 2024, statements: [], indicators },
    });
    expect(big.status).toBe(201);
    await page.goto(`${ts.url}/#/dossiers/${big.data.id}`);
    await page.getByRole('tab', { name: '绩效指标' }).click();
    // The grid mounts only the rows in view and announces all of them.
    await expect
      .poll(() => page.getByRole('table', { name: '绩效指标' }).getAttribute('aria-rowcount'))
      .toBe('201');
    const bigMed = report(
      '200 indicators',
      await timeEdits(page, '指标3实际完成值', 15, (i) => `${80 + i}个`),
    );
    expect(exampleMed).toBeLessThan(100);
    expect(bigMed).toBeLessThan(100);

    // year-on-year comparison of the seed unit (2023 example, 2024 above)
    await page.goto(`${ts.url}/#/compare/${unitId}`);
    await page.getByRole('link', { name: '2024年度' }).waitFor();
    await page.waitForTimeout(800);
    await shot(page, 'compare');
    await context.close();
    expect(errors).toEqual([]);
  });

  it('resolves a save conflict either way without losing a version', async () => {
    // Chromium logs the 409 response itself as a console error: that one is expected here.
    const { context, page } = await newSession(browser, errors, [/status of 409/]);
    await login(page, ts.url, 'editor', DEMO_PASSWORD);
    await page.goto(`${ts.url}/#/dossiers/${exampleId}`);
    await page.getByRole('tab', { name: '文字说明' }).click();
    const field = page.getByLabel('其他需说明的事项', { exact: true });

    const theirEdit = async (text: string) => {
      const cur = await admin.call<Rec>('GET', `/api/dossiers/${exampleId}`);
      const d = cur.data.dossier;
      const put = await admin.call<{ version: number }>('PUT', `/api/dossiers/${exampleId}`, {
        version: cur.data.version,
        dossier: { ...d, narrative: { ...(d.narrative as object), other: text } },
      });
      expect(put.status).toBe(200);
      return put.data.version;
    };

    // 1. keep mine: the server gets my text on top of their version
    const v1 = await theirEdit('复核组补充说明（他人）');
    await field.fill('填报人补充说明（我的）');
    const dialog = page.getByRole('dialog', { name: /保存冲突/ });
    await dialog.waitFor();
    await dialog.getByText('复核组补充说明（他人）').waitFor();
    await dialog.getByText('填报人补充说明（我的）').waitFor();
    expect(await dialog.locator('tbody tr').count()).toBe(1); // only the field both changed
    await dialog.getByRole('button', { name: '按所选合并并保存' }).click();
    await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
    const after1 = await admin.call<Rec>('GET', `/api/dossiers/${exampleId}`);
    expect(after1.data.version).toBeGreaterThan(v1);
    expect((after1.data.dossier.narrative as { other?: string }).other).toBe(
      '填报人补充说明（我的）',
    );

    // 2. take theirs: the form shows the server's text
    await theirEdit('第二次他人修改');
    await field.fill('第二次我的修改');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '这几处都采用对方的' }).click();
    await expect.poll(() => field.inputValue()).toBe('第二次他人修改');
    await context.close();
    expect(errors).toEqual([]);
  });
});
