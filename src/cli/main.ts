import { runCli } from './run.ts';

const result = await runCli(process.argv.slice(2));
process.exitCode = result.code;
