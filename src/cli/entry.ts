/**
 * Entry of the built CLI (dist/main.js, made by scripts/build-cli.mjs; the sources start at
 * main.ts). `check` runs from dist/check.cjs: one file holding the command and everything it
 * uses, compiled from V8's code cache (dist/check.cjs.cache, written by the build after a sample
 * run), so a one-file check spends its start-up checking instead of reading a dozen modules and
 * compiling them again (issue 14). Every other command, and `check` when that file is missing,
 * runs the full CLI. JIXIAO_ONE_FILE=0 always runs the full CLI (for comparison).
 *
 * This file's import.meta.url is its own (dist/main.js): the build leaves it unrewritten.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { commandNamed } from './command-name.ts';

type Main = (argv: readonly string[], entry: string | undefined) => Promise<void>;

/** dist/<name>.cjs run as CommonJS, from its code cache when V8 accepts it; else undefined. */
function oneFile(name: string): Main | undefined {
  const file = fileURLToPath(new URL(`./${name}.cjs`, import.meta.url));
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache (or unreadable): V8 compiles the source, as for any module.
  }
  // The CommonJS wrapper, so the bundle sees require/module/__filename as under require().
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: file, ...(cachedData ? { cachedData } : {}) },
  );
  if (process.env.JIXIAO_CODE_CACHE === 'write')
    // After the run: the cache then holds the bytecode of every function the run compiled.
    process.once('exit', () => writeFileSync(`${file}.cache`, script.createCachedData()));
  const mod: { exports: { main?: Main } } = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    mod.exports,
    createRequire(file),
    mod,
    file,
    dirname(file),
  );
  return mod.exports.main;
}

const argv = process.argv.slice(2);
const main =
  process.env.JIXIAO_ONE_FILE !== '0' && commandNamed(argv) === 'check'
    ? oneFile('check')
    : undefined;
if (main) await main(argv, process.argv[1]);
else await import('./main.ts');
