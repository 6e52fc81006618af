/**
 * Entry of dist/check.cjs, the one-file build of `jixiao check` (scripts/build-cli.mjs; loaded by
 * entry.ts). The same runCli as main.ts: the build leaves the other commands out of this file,
 * and entry.ts sends only argv naming `check` here.
 */
import { runCli } from './run.ts';

export async function main(argv: readonly string[], entry: string | undefined): Promise<void> {
  const result = await runCli(argv, entry === undefined ? {} : { entry });
  process.exitCode = result.code;
}
