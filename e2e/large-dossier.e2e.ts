/**
 * Speed on a large dossier (issue 12, item 6), printed as figures (a benchmark, not a timed
 * assertion; the machine is shared): on a 200-indicator dossier, the first switch to 绩效指标,
 * keystroke → next paint and keystroke → repainted score panel (median and p95), and pasting 200
 * indicator rows from Excel. The paste is checked on the page and on the server.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  ADMIN_PASSWORD,
  launch,
  login,
  median,
  newSession,
  startTestServer,
  type TestServer,
} from './harness.ts';

const EXAMPLE = parse(
  readFileSync(
    new URL('../examples/hengyang-finance-office-2023-corrected.yaml', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

let ts: TestServer;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  ts = await startTestServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await ts?.close();
});

const p95 = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] as number;
};

/** 200 indicators in 4 groups of 50, weights 0.5 each (100 in all). */
function indicators200(): Record<string, unknown>[] {
  const groups = ['产出指标', '效益指标', '成本指标', '满意度指标'];
  return Array.from({ length: 200 }, (_, i) => ({
    id: `Q${i + 1}`,
    level1: groups[Math.floor(i / 50)],
    level2: '数量指标',
    name: `测试指标${i + 1}`,
    kind: 'quantitative',
    target: '≥90%',
    actual: '95%',
    weight: 0.5,
    score: 0.5,
  }));
}

describe('large dossier in the browser', () => {
  it('prints tab switch, keystroke and paste figures on 200 indicators', async () => {
    const admin = new Api(ts.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const region = (await admin.call<{ id: number }[]>('GET', '/api/regions')).data[0];
    const unit = await admin.call<{ id: number }>('POST', '/api/units', {
      name: '测试大表单位',
      regionId: region?.id,
    });
    const created = await admin.call<{ id: number }>('POST', '/api/dossiers', {
      unitId: unit.data.id,
      year: 2023,
      dossier: {
        ...EXAMPLE,
        unit: { ...(EXAMPLE.unit as object), name: '测试大表单位' },
        indicators: indicators200(),
      },
    });
    expect(created.status, JSON.stringify(created.data).slice(0, 300)).toBe(201);
    const id = created.data.id;

    const { page, context } = await newSession(browser, errors);
    await login(page, ts.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${ts.url}/#/dossiers/${id}`);
    await page.getByTestId('live-total').waitFor();

    // First switch to 绩效指标: click → the grid painted with its first rows (a long grid mounts
    // only the rows in view; it announces all 200 through aria-rowcount).
    const grid = page.getByRole('table', { name: '绩效指标' });
    const t0 = Date.now();
    await page.getByRole('tab', { name: '绩效指标' }).click();
    await page.locator('tr[data-indicator-id="Q1"]').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const tabSwitch = Date.now() - t0;
    expect(await grid.getAttribute('aria-rowcount')).toBe('201');

    // Scrolling the grid to its end: the 200th row painted.
    const box = page.getByTestId('indicator-grid-box');
    const s0 = Date.now();
    await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.locator('tr[data-indicator-id="Q200"]').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const scrollEnd = Date.now() - s0;
    await box.evaluate((el) => el.scrollTo({ top: 0 }));

    // Keystrokes in a weight: time to the next paint, and to the score panel showing the change.
    const paint: number[] = [];
    const panel: number[] = [];
    const field = page.getByLabel('测试指标1分值', { exact: true });
    for (let k = 0; k < 12; k++) {
      const value = k % 2 === 0 ? '0.6' : '0.5';
      const r = await field.evaluate(
        (el, v) =>
          new Promise<{ paint: number; panel: number }>((resolve) => {
            const total = document.querySelector('[data-testid="live-total"]');
            const before = total?.textContent ?? '';
            const start = performance.now();
            let painted = 0;
            const obs = new MutationObserver(() => {
              if ((total?.textContent ?? '') !== before) {
                obs.disconnect();
                resolve({
                  paint: painted || performance.now() - start,
                  panel: performance.now() - start,
                });
              }
            });
            if (total) obs.observe(total, { subtree: true, characterData: true, childList: true });
            const input = el as HTMLInputElement;
            const setter = Object.getOwnPropertyDescriptor(
              HTMLInputElement.prototype,
              'value',
            )?.set;
            setter?.call(input, v);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            requestAnimationFrame(() =>
              setTimeout(() => {
                painted = performance.now() - start;
              }, 0),
            );
            setTimeout(() => {
              obs.disconnect();
              resolve({ paint: painted, panel: NaN });
            }, 3_000);
          }),
        value,
      );
      if (k >= 2) {
        paint.push(r.paint);
        panel.push(r.panel);
      }
    }
    const okPanel = panel.filter(Number.isFinite);
    const rec = await page.evaluate(() => window.__jixiaoRecompute);

    // Paste 200 rows from Excel into the grid.
    const tsv = Array.from(
      { length: 200 },
      (_, i) => `产出指标\t质量指标\t粘贴指标${i + 1}\t≥90%\t95%\t0.5\t0.5\t`,
    ).join('\n');
    await page.getByRole('button', { name: '从 Excel 粘贴' }).click();
    await page.getByLabel('粘贴内容').fill(tsv);
    const p0 = Date.now();
    await page.getByRole('button', { name: '添加 200 行' }).click();
    // The grid shows the first pasted row and counts all 400.
    await page.getByLabel('粘贴指标1分值', { exact: true }).waitFor();
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe('401');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const pasteMs = Date.now() - p0;
    await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.getByLabel('粘贴指标200分值', { exact: true }).waitFor();

    console.log(
      [
        'large dossier (200 indicators), Debian chromium, shared machine:',
        `  first switch to 绩效指标: ${tabSwitch} ms`,
        `  scroll to the 200th row → painted: ${scrollEnd} ms`,
        `  keystroke → next paint: median ${median(paint).toFixed(1)} ms, ` +
          `p95 ${p95(paint).toFixed(1)} ms (${paint.length} keystrokes)`,
        `  keystroke → score panel repainted: median ${median(okPanel).toFixed(1)} ms, ` +
          `p95 ${p95(okPanel).toFixed(1)} ms ` +
          `(${okPanel.length} of ${panel.length} changed the total)`,
        `  live results computed in the worker: ${rec?.inWorker ?? 0} of ${rec?.count ?? 0}`,
        `  paste of 200 rows → shown and counted: ${pasteMs} ms`,
      ].join('\n'),
    );
    // The pasted rows reach the server.
    await expect
      .poll(
        async () =>
          (await admin.call<{ dossier: { indicators: unknown[] } }>('GET', `/api/dossiers/${id}`))
            .data.dossier.indicators.length,
        { timeout: 30_000 },
      )
      .toBe(400);
    await context.close();
    expect(errors).toEqual([]);
  });
});
