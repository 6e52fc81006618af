#!/usr/bin/env node
// Build step for the CLI (`npm run build:cli`, run by `prepare` on npm install/ci): bundles
// src/cli/main.ts into dist/, one chunk per command (each command is a dynamic import), with the
// small pure-JS packages every command needs (zod, yaml, commander, decimal.js) inlined so start-up
// reads a few files instead of hundreds. Heavy or native packages (pdfjs, playwright, exceljs,
// docx, mammoth, fastify, better-sqlite3, pg, …) stay external and load from node_modules at
// plain-Node speed. No source maps. bin/jixiao.mjs runs dist/ when it is newer than every source
// file, else falls back to tsx.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * Packages not inlined stay external. Each source file's `import.meta.url` is replaced by the URL
 * of the source file itself, so `new URL('../../rulesets/', import.meta.url)` and createRequire
 * resolve exactly as they do from src/, whichever chunk the code lands in.
 */
const layout = {
  name: 'layout',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      return INLINED.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
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
      const text = readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`,
      );
      return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

const started = Date.now();
// Build into a fresh folder, then swap it in, so a process starting meanwhile never sees half.
const tmp = `${out}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
// With --soft (the `prepare` script), a failed build warns and leaves the sources to tsx.
const soft = process.argv.includes('--soft');
const result = await build({
  entryPoints: { main: join(root, 'src/cli/main.ts') },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: !process.argv.includes('--no-minify'),
  sourcemap: false,
  legalComments: 'none',
  chunkNames: '[name]-[hash]',
  plugins: [layout],
  // Inlined CommonJS packages call require() for Node built-ins.
  banner: {
    js:
      "import { createRequire as __cr } from 'node:module'; " +
      'const require = __cr(import.meta.url);',
  },
  metafile: true,
  logLevel: soft ? 'silent' : 'warning',
}).catch((err) => {
  rmSync(tmp, { recursive: true, force: true });
  if (!soft) throw err;
  console.warn(
    `CLI build failed, bin/jixiao.mjs will run the sources through tsx:\n${err.message}`,
  );
  process.exit(0);
});
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
