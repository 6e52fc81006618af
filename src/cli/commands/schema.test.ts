import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dossierJsonSchemaText } from '../../core/dossier/json-schema.ts';
import { runCli } from '../run.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const docsFile = join(repo, 'docs/dossier.schema.json');

describe('jixiao schema', () => {
  it(
    'docs/dossier.schema.json is up to date (else run: ' +
      'node bin/jixiao.mjs schema -o docs/dossier.schema.json)',
    () => {
      expect(
        readFileSync(docsFile, 'utf8') === dossierJsonSchemaText(),
        'docs/dossier.schema.json is stale: ' +
          'run `node bin/jixiao.mjs schema -o docs/dossier.schema.json`',
      ).toBe(true);
    },
  );

  it('prints the schema as JSON', async () => {
    const r = await runCli(['schema'], { capture: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(dossierJsonSchemaText()));
  });

  it('writes it with -o and --check exits 1 on a stale copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-schema-'));
    const out = join(dir, 's.json');
    expect((await runCli(['schema', '-o', out], { capture: true })).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(dossierJsonSchemaText());
    expect((await runCli(['schema', '--check', out], { capture: true })).code).toBe(0);
    writeFileSync(out, '{}\n');
    const stale = await runCli(['schema', '--check', out, '--lang', 'en'], { capture: true });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale');
  });

  // A real JSON Schema validator (ajv 8, as bundled with fastify) applied to real files: the schema
  // must accept the reference example and refuse what it can express (unknown keys, missing fields,
  // bad operators). Decimal text and unique ids are beyond JSON Schema: validateDossier checks
  // them.
  it('accepts the example and refuses broken files under a real validator', async () => {
    const {
      $schema: _s,
      $id: _i,
      ...body
    } = JSON.parse(readFileSync(docsFile, 'utf8')) as Record<string, unknown>;
    const app = Fastify({
      ajv: {
        customOptions: {
          removeAdditional: false,
          coerceTypes: false,
          useDefaults: false,
          strict: false,
        },
      },
    });
    app.post('/', { schema: { body } }, async () => ({ ok: true }));
    const status = async (rel: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/',
          payload: parse(readFileSync(join(repo, rel), 'utf8')) as object,
        })
      ).statusCode;
    try {
      expect(await status('examples/hengyang-finance-office-2023.yaml')).toBe(200);
      for (const name of ['unknown-key', 'missing-weight', 'bad-operator'])
        expect(await status(`examples/broken/${name}.yaml`), name).toBe(400);
      expect(await status('examples/broken/duplicate-id.yaml')).toBe(200);
    } finally {
      await app.close();
    }
  });
});
