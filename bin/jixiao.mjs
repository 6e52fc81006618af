#!/usr/bin/env node
// Entry point of the `jixiao` command: runs the TypeScript sources through tsx's loader,
// so `npx jixiao` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
