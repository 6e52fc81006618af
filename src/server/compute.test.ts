import { describe, expect, it } from 'vitest';
import { auditDossier } from '../core/audit/audit.ts';
import { score } from '../core/scoring/score.ts';
import { makeDossier } from '../core/testing/factories.ts';
import { loadRuleset } from '../io/load-ruleset.ts';
import { compute, requireScored, rulesetNamed } from './compute.ts';
import { HttpError } from './errors.ts';

describe('compute (score + audit of one dossier)', () => {
  it('scores and audits under the full rule set the dossier names', async () => {
    const d = makeDossier({ ruleset: 'sichuan' });
    const sichuan = await loadRuleset('sichuan');
    const c = requireScored(await compute(d, '2024-06-01'));
    expect(c.ruleset).toEqual(sichuan);
    const want = score(d, sichuan);
    expect(c.score).toEqual(want);
    expect(c.findings).toEqual(
      auditDossier(d, { ruleset: sichuan, score: want, today: '2024-06-01' }),
    );
    expect(c.summary).toMatchObject({
      total: want.total,
      grade: want.grade,
      ruleset: `sichuan@${sichuan.version}`,
    });
    expect(c.summary.findings.error).toBe(c.findings.filter((f) => f.severity === 'error').length);
  });

  it(
    'an unknown or path-like rule set name is unscored: ' + '422 ruleset-unknown, summary all null',
    async () => {
      for (const name of ['no-such-rules', '../rulesets/national.yaml', '/etc/passwd']) {
        const c = await compute(makeDossier({ ruleset: name }), '2024-06-01');
        expect(c.score).toBeNull();
        expect(c.summary).toEqual({
          total: null,
          grade: null,
          executionRate: null,
          findings: { error: 0, warning: 0, info: 0 },
          ruleset: null,
        });
        let err: unknown;
        try {
          requireScored(c);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(HttpError);
        expect(err).toMatchObject({ statusCode: 422, code: 'ruleset-unknown' });
      }
    },
  );

  it('caches known rule sets by name and reloads nothing for them', async () => {
    const a = rulesetNamed('hunan');
    expect(rulesetNamed('hunan')).toBe(a);
    expect((await a)?.name).toBe('hunan');
    expect(await rulesetNamed('nope')).toBeUndefined();
  });
});
