import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newestMtime, webBuildNeeded } from './start.ts';

function tree() {
  const root = mkdtempSync(join(tmpdir(), 'jixiao-start-'));
  const web = join(root, 'web');
  const core = join(root, 'core');
  mkdirSync(join(web, 'src'), { recursive: true });
  mkdirSync(core);
  writeFileSync(join(web, 'src', 'a.tsx'), 'x');
  writeFileSync(join(core, 'b.ts'), 'y');
  return { web, core };
}
const at = (file: string, secs: number) => utimesSync(file, secs, secs);

describe('jixiao start: when to build the web app', () => {
  it('builds when web/dist is missing', () => {
    const { web, core } = tree();
    expect(webBuildNeeded(web, core)).toBe(true);
  });
  it('builds only when a source (web or core) is newer than the build', () => {
    const { web, core } = tree();
    mkdirSync(join(web, 'dist'));
    const index = join(web, 'dist', 'index.html');
    writeFileSync(index, '<html>');
    at(join(web, 'src', 'a.tsx'), 1_000);
    at(join(core, 'b.ts'), 1_000);
    at(index, 2_000);
    expect(webBuildNeeded(web, core)).toBe(false);
    at(join(core, 'b.ts'), 3_000);
    expect(webBuildNeeded(web, core)).toBe(true);
    expect(newestMtime([join(web, 'src'), core])).toBe(3_000_000);
  });
});
