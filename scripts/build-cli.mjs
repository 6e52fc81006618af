#!/usr/bin/env node
// Build step for the CLI (`npm run build:cli`, run by `prepare` on npm install/ci): bundles the
// CLI into dist/, one chunk per command (each command is a dynamic import), with the small pure-JS
// packages every command needs (zod, yaml, commander, decimal.js) inlined so start-up reads a few
// files instead of hundreds. Heavy or native packages (pdfjs, playwright, exceljs, docx, mammoth,
// fastify, better-sqlite3, pg, …) stay external and load from node_modules at plain-Node speed. No
// source maps. bin/jixiao.mjs runs dist/ when it is newer than every source file, else falls back
// to tsx.
//
// `check` also gets a one-file CommonJS build, dist/check.cjs, and V8's code cache of it,
// dist/check.cjs.cache, taken after a sample check of examples/ (the cache then holds the bytecode
// of the functions a check runs): dist/main.js (src/cli/entry.ts) runs check from them, so a
// one-file check neither loads a dozen modules nor compiles them (issue 14).
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
/** Written last: the build is complete only when the stamp exists. */
const STAMP = '.build-stamp';
/** Packages inlined into the bundle (pure JS, loaded by nearly every command). */
const INLINED = new Set(['zod', 'yaml', 'js-yaml', 'commander', 'decimal.js', 'cli-progress']);

const packageName = (spec) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

/** The file whose import.meta.url must stay its own (it finds dist/check.cjs beside itself). */
const ENTRY = join(root, 'src/cli/entry.ts');
/** The commands dist/check.cjs holds; run.ts's imports of the others resolve to a stub there. */
const ONE_FILE_COMMAND = /[\\/]commands[\\/]check\.ts$/;

/**
 * Packages not inlined stay external. Each source file's `import.meta.url` is replaced by the URL
 * of the source file itself, so `new URL('../../rulesets/', import.meta.url)` and createRequire
 * resolve exactly as they do from src/, whichever chunk the code lands in. `base` is the
 * expression for the URL of the output file (import.meta.url in ESM; a banner constant in CJS).
 * With `oneFile`, the commands other than check are left out (run.ts never loads them there).
 */
const layout = (base, oneFile) => ({
  name: 'layout',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      return INLINED.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
    if (oneFile)
      b.onResolve({ filter: /^\.\/commands\/[a-z-]+\.ts$/ }, (args) =>
        ONE_FILE_COMMAND.test(args.path) ? undefined : { path: args.path, namespace: 'left-out' },
      );
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents:
        'export const register = () => { throw new Error(' +
        `${JSON.stringify(`${args.path} is not in dist/check.cjs`)}); };`,
    }));
    // zod's 40-odd message locales are half of its size; the messages we show are our own (core
    // errors/input-error.ts), zod needs only its default English one.
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, '../locales/en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, (args) => {
      const fromOut = relative(out, args.path).split('\\').join('/');
      const source = readFileSync(args.path, 'utf8');
      const text =
        args.path === ENTRY
          ? source
          : source.replaceAll(
              'import.meta.url',
              `new URL(${JSON.stringify(fromOut)}, ${base}).href`,
            );
      return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
});

const started = Date.now();
// Build into a fresh folder, then swap it in, so a process starting meanwhile never sees half.
const tmp = `${out}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
// With --soft (the `prepare` script), a failed build warns and leaves the sources to tsx.
const soft = process.argv.includes('--soft');
const minify = !process.argv.includes('--no-minify');
const failed = (err) => {
  rmSync(tmp, { recursive: true, force: true });
  if (!soft) throw err;
  console.warn(
    `CLI build failed, bin/jixiao.mjs will run the sources through tsx:\n${err.message}`,
  );
  process.exit(0);
};
const result = await build({
  // The worker threads' tasks (src/io/worker-slots.ts, workerEntry): built too, so a worker started
  // from dist/ does not load the sources through tsx.
  entryPoints: {
    main: ENTRY,
    'sandbox-task': join(root, 'src/importers/sandbox-task.ts'),
    'report-task': join(root, 'src/server/report-task.ts'),
    'dossier-check-task': join(root, 'src/server/dossier-check-task.ts'),
  },
  define: { 'process.env.JIXIAO_BUILT_WORKERS': '"1"' },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify,
  sourcemap: false,
  legalComments: 'none',
  chunkNames: '[name]-[hash]',
  plugins: [layout('import.meta.url', false)],
  // Inlined CommonJS packages call require() for Node built-ins.
  banner: {
    js:
      "import { createRequire as __cr } from 'node:module'; " +
      'const require = __cr(import.meta.url);',
  },
  metafile: true,
  logLevel: soft ? 'silent' : 'warning',
}).catch(failed);
const oneFile = await build({
  entryPoints: [join(root, 'src/cli/check-main.ts')],
  outfile: join(tmp, 'check.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify,
  sourcemap: false,
  legalComments: 'none',
  plugins: [layout('__jixiaoBase', true)],
  banner: { js: "const __jixiaoBase = require('node:url').pathToFileURL(__filename).href;" },
  metafile: true,
  logLevel: soft ? 'silent' : 'warning',
}).catch(failed);
// entry.ts runs check.cjs as a vm.Script, which has no loader for import(): nothing may need one.
for (const o of Object.values(oneFile.metafile.outputs))
  for (const i of o.imports)
    if (i.kind === 'dynamic-import')
      failed(new Error(`dist/check.cjs imports ${i.path} dynamically (a vm.Script cannot)`));
// The code cache, taken after a sample check (its exit code 1 says the sample has error findings).
const sample = spawnSync(
  process.execPath,
  [join(tmp, 'main.js'), 'check', join(root, 'examples/hengyang-finance-office-2023.yaml')],
  { env: { ...process.env, JIXIAO_CODE_CACHE: 'write', NO_COLOR: '1' }, stdio: 'ignore' },
);
if (sample.status !== 0 && sample.status !== 1)
  failed(new Error(`the sample check of the new build failed (exit ${sample.status})`));
writeFileSync(join(tmp, 'meta.json'), JSON.stringify(result.metafile));
writeFileSync(join(tmp, STAMP), `${new Date(started).toISOString()}\n`);
const old = `${out}.old-${process.pid}`;
try {
  statSync(out);
  renameSync(out, old);
} catch {
  // no previous build
}
renameSync(tmp, out);
rmSync(old, { recursive: true, force: true });
const files = Object.keys(result.metafile.outputs).length;
console.log(
  `built the CLI into ${relative(root, out)}/ (${files} files) in ${Date.now() - started} ms`,
);
