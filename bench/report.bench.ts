/**
 * Report rendering: milliseconds per format for one report (the Hengyang example), then a batch of
 * distinct reports (300; quick: 10) through model + DOCX + XLSX + HTML with reports per second, and
 * DOCX at 1,000/3,000/6,000 indicators (linear), and a PDF batch on one shared Chromium (300
 * reports, pages pooled per core; quick: none, only the single report; skipped when Chromium is
 * missing) against the same reports one at a time. BENCH_REPORT_PDF_N overrides the batch size.
 * PDF figures give wall time and the CPU time of Chromium's processes per report: on a shared
 * machine the CPU figure is the steadier one (wall time there mostly measures the neighbours).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildReportModel } from '../src/core/report/build.ts';
import type { ReportModel } from '../src/core/report/model.ts';
import type { Dossier } from '../src/core/dossier/schema.ts';
import { fenToWan, subWan, type Wan } from '../src/core/money.ts';
import { NATIONAL_RULESET } from '../src/core/scoring/ruleset.ts';
import { score } from '../src/core/scoring/score.ts';
import { parseDossierText } from '../src/io/load-dossier.ts';
import { renderDocx } from '../src/render/docx.ts';
import { renderHtml } from '../src/render/html.ts';
import { PdfRenderer, findChromium } from '../src/render/pdf.ts';
import { renderXlsx } from '../src/render/xlsx.ts';

const EXAMPLE = fileURLToPath(
  new URL('../examples/hengyang-finance-office-2023.yaml', import.meta.url),
);

function load(): Dossier {
  const r = parseDossierText(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  if (!r.ok) throw new Error('example does not load');
  return r.dossier;
}

const model = (d: Dossier): ReportModel =>
  buildReportModel(d, {
    score: score(d, NATIONAL_RULESET),
    base: NATIONAL_RULESET.execution.denominator,
    grades: NATIONAL_RULESET.grades,
    rulesetTitle: NATIONAL_RULESET.title,
  });

/** A distinct unit-year per index: another name and a different actual spend (分 exact). */
function variant(d: Dossier, i: number): Dossier {
  // (i mod 50) × 0.01 万元 less, exact: 0.01 万元 = 10^4 分.
  const bump = (v: Wan | undefined) =>
    v === undefined ? v : subWan(v, fenToWan((i % 50) * 10_000));
  return {
    ...d,
    unit: { ...d.unit, name: `${d.unit.name}（样本${i + 1}）` },
    expenditure: {
      ...d.expenditure,
      personnel: { ...d.expenditure.personnel, actual: bump(d.expenditure.personnel.actual) },
    },
  };
}

/**
 * Wall-clock milliseconds; CPU milliseconds of this process go to `cpu` (steadier on a shared
 * machine).
 */
const cpu: Record<string, number> = {};
async function time<T>(fn: () => Promise<T> | T, key?: string): Promise<[number, T]> {
  const c = process.cpuUsage();
  const t = performance.now();
  const v = await fn();
  const used = process.cpuUsage(c);
  if (key) cpu[key] = (cpu[key] ?? 0) + (used.user + used.system) / 1000;
  return [performance.now() - t, v];
}

/** CPU milliseconds (user + system) of this process's descendants: Chromium's process tree. */
function childTreeCpuMs(): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12]));
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  for (const [pid, t] of ticks)
    for (let p = parent.get(pid) ?? 0; p > 1; p = parent.get(p) ?? 0)
      if (p === process.pid) {
        total += t;
        break;
      }
  return total * 10; // USER_HZ = 100 on Linux
}
const hasProc = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();
/** Wall ms and Chromium CPU ms (NaN without /proc) of one run of fn. */
async function pdfTime(fn: () => Promise<unknown>): Promise<[number, number]> {
  const c0 = hasProc ? childTreeCpuMs() : NaN;
  const [t] = await time(fn);
  return [t, hasProc ? childTreeCpuMs() - c0 : NaN];
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

export async function run(quick: boolean): Promise<void> {
  const d = load();
  const reps = quick ? 1 : 5;
  // Warm up module caches and JIT once.
  const m0 = model(d);
  await renderDocx(m0);
  await renderXlsx(m0);
  renderHtml(m0);

  const per: Record<string, number> = { model: 0, docx: 0, xlsx: 0, html: 0 };
  for (let i = 0; i < reps; i++) {
    const [tm, m] = await time(() => model(d), 'model');
    per.model! += tm;
    per.docx! += (await time(() => renderDocx(m), 'docx'))[0];
    per.xlsx! += (await time(() => renderXlsx(m), 'xlsx'))[0];
    per.html! += (await time(() => renderHtml(m), 'html'))[0];
  }
  for (const k of Object.keys(per))
    console.log(
      `one report, ${k.padEnd(5)}: ${fmt(per[k]! / reps)} wall, ` +
        `${fmt((cpu[k] ?? 0) / reps)} CPU (mean of ${reps})`,
    );

  const chromium = findChromium();
  let pdf: PdfRenderer | null = null;
  if (chromium) {
    const [launch, r] = await time(() => PdfRenderer.launch());
    pdf = r;
    await pdf.render(m0);
    let sum = 0;
    let cpuSum = 0;
    for (let i = 0; i < reps; i++) {
      const [t, c] = await pdfTime(() => (pdf as PdfRenderer).render(m0));
      sum += t;
      cpuSum += c;
    }
    console.log(
      `one report, pdf  : ${fmt(sum / reps)} wall, ${fmt(cpuSum / reps)} Chromium CPU ` +
        `(mean of ${reps}; Chromium launch ${fmt(launch)} once)`,
    );
  } else
    console.log(
      'one report, pdf  : skipped ' +
        '(Chromium not installed: apt-get install chromium fonts-noto-cjk)',
    );

  const n = quick ? 10 : 300;
  const [batch] = await time(async () => {
    for (let i = 0; i < n; i++) {
      const m = model(variant(d, i));
      await renderDocx(m);
      await renderXlsx(m);
      renderHtml(m);
    }
  }, 'batch');
  console.log(
    `batch of ${n} reports (model + docx + xlsx + html): ${fmt(batch)} wall, ` +
      `${(n / (batch / 1000)).toFixed(1)} reports/s; ${fmt((cpu.batch ?? 0) / n)} CPU per report`,
  );

  // DOCX against the indicator count: linear since the body and tables are written as XML
  // (issue #13: 3,000 indicators took 15.4 s, 6,000 66.7 s). Ratio = ms per indicator ÷ that at
  // 1,000.
  const sizes = quick ? [200, 600] : [1000, 3000, 6000];
  let perAt0 = 0;
  for (const n of sizes) {
    const base = d.indicators[0];
    if (!base) break;
    const indicators = Array.from({ length: n }, (_, i) => ({
      ...base,
      id: `B${i}`,
      name: `指标${i}`,
      level2: `二级${i % 7}`,
    }));
    const m = model({ ...d, indicators });
    const [t] = await time(() => renderDocx(m));
    const per = t / n;
    if (perAt0 === 0) perAt0 = per;
    console.log(
      `docx with ${String(n).padStart(5)} indicators: ${fmt(t)}; ` +
        `per indicator ${(per * 1000).toFixed(0)} µs, ` +
        `ratio to ${sizes[0]} ${(per / perAt0).toFixed(2)}×`,
    );
  }

  if (pdf) {
    const k = Number(process.env.BENCH_REPORT_PDF_N ?? (quick ? 0 : 300));
    if (k === 0) {
      await pdf.close();
      return;
    }
    const models = Array.from({ length: k }, (_, i) => model(variant(d, i)));
    // Baseline in the same run: the same reports one at a time.
    const serialN = Math.min(5, k);
    const [serial, serialCpu] = await pdfTime(async () => {
      for (const m of models.slice(0, serialN)) await (pdf as PdfRenderer).render(m);
    });
    // The batch: all at once; the renderer's page pool bounds how many print together.
    const [t, tCpu] = await pdfTime(() =>
      Promise.all(models.map((m) => (pdf as PdfRenderer).render(m))),
    );
    console.log(
      `batch of ${k} PDFs (one Chromium, ${pdf.concurrency} pages at a time, pages reused): ` +
        `${fmt(t)}, ${fmt(t / k)} per report wall (target ≤ 1500 ms), ` +
        `${fmt(tCpu / k)} Chromium CPU per report, ${(k / (t / 1000)).toFixed(2)} reports/s; ` +
        `one at a time ${fmt(serial / serialN)} wall, ` +
        `${fmt(serialCpu / serialN)} CPU per report, ` +
        `ratio batch ÷ serial ${(t / k / (serial / serialN)).toFixed(2)}× wall`,
    );
    await pdf.close();
  }
}
