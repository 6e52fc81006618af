/**
 * `npm run bench`: runs every bench/*.bench.ts in turn. Each exports `run(quick)` and prints its
 * own figures and ratios. BENCH_QUICK=1 (used by CI) shrinks the sizes so the run takes seconds.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
// The CLI rows time the built CLI (what npm install ships): build it now, from these sources.
const build = spawnSync(process.execPath, [join(dir, '../scripts/build-cli.mjs')], {
  stdio: 'inherit',
});
if (build.status !== 0) throw new Error('CLI build failed');
process.env.JIXIAO_BUILT = '1';
const quick = process.env.BENCH_QUICK === '1';
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as {
    run: (quick: boolean) => Promise<void>;
  };
  console.log(`\n# ${f.replace('.bench.ts', '')}${quick ? ' (quick)' : ''}`);
  await mod.run(quick);
}
