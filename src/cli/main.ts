import { runCli } from './run.ts';

const result = await runCli(process.argv.slice(2), { entry: process.argv[1] });
process.exitCode = result.code;
