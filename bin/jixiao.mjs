#!/usr/bin/env node
// Entry point of the `jixiao` command. Runs the built JavaScript in dist/ (made by
// scripts/build-cli.mjs on npm install/ci) so packages load at plain-Node speed and no source map
// is parsed. When dist/ is missing or older than a source file (development), or JIXIAO_TSX=1,
// it runs the TypeScript sources through tsx's loader instead. JIXIAO_BUILT=1 runs dist/ without
// the freshness check (the benchmarks build first, then time the built CLI).
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Whether dist/ holds a complete build newer than every file under src/ (a few ms of stat). */
function builtIsCurrent() {
  let built;
  try {
    built = statSync(`${root}dist/.build-stamp`).mtimeMs;
  } catch {
    return false;
  }
  let files;
  try {
    files = readdirSync(`${root}src`, { recursive: true });
  } catch {
    return true; // a package without sources: dist is all there is
  }
  for (const f of files) {
    const name = String(f);
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    if (statSync(`${root}src/${name}`).mtimeMs > built) return false;
  }
  return true;
}

const env = process.env;
if (env.JIXIAO_TSX !== '1' && (env.JIXIAO_BUILT === '1' || builtIsCurrent())) {
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
