/**
 * Lines of at most 100 characters (style.md) in every file a person writes: code, docs, scripts,
 * configuration. ESLint's max-len covers the code; this check also covers Markdown, shell, Python,
 * CSS and YAML written by hand. Left out: generated files (each names its generator) and input
 * data kept as it was written or published (example dossiers transcribe a report's paragraphs, and
 * importer fixtures are documents as a publisher serves them).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const MAX = 100;

/** Generated: docs-rules, schema, npm, vitest snapshots. */
const GENERATED = [
  /^docs\/rules\.md$/,
  /^docs\/dossier\.schema\.json$/,
  /(^|\/)package-lock\.json$/,
  /\/__snapshots__\//,
];
/** Input data: transcribed or published documents, not code or prose we wrap. */
const DATA = [/^examples\//, /^src\/importers\/fixtures\//];
const TEXT = /\.(ts|tsx|mjs|cjs|js|json|md|sh|py|css|html|yaml|yml|txt)$|^\.ci\/run$|^\.[a-z]+rc/;

/** Tracked files only: a working tree also holds builds, reports and scratch files. */
function handWrittenFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((path) => TEXT.test(path))
    .filter((path) => ![...GENERATED, ...DATA].some((re) => re.test(path)))
    .filter((path) => existsSync(join(root, path)));
}

/** `file:line (n characters)` for every line longer than MAX, counted in code points. */
export function longLines(path: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const length = [...line.replace(/\r$/, '')].length;
    return length > MAX ? [`${path}:${index + 1} (${length} characters)`] : [];
  });
}

describe('line length', () => {
  it('counts characters, not bytes or display columns', () => {
    expect(longLines('a.md', `${'绩'.repeat(100)}\n${'x'.repeat(101)}`)).toEqual([
      'a.md:2 (101 characters)',
    ]);
  });

  it('finds no hand-written line over 100 characters', () => {
    const files = handWrittenFiles();
    expect(files).toContain('README.md');
    expect(files).toContain('.ci/run');
    const long = files.flatMap((f) => longLines(f, readFileSync(join(root, f), 'utf8')));
    expect(long).toEqual([]);
  });
});
