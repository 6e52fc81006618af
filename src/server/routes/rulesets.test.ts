/**
 * GET /api/rulesets and /api/rulesets/:name: the browser scores with the dossier's own rule set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleSetSchema } from '../../core/scoring/ruleset.ts';
import { makeFixture, type Fixture } from '../test-fixture.ts';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.close();
});

describe('rule set routes', () => {
  it('lists the shipped rule sets without a session', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/api/rulesets' });
    expect(res.statusCode).toBe(200);
    const names = (res.json() as { name: string; title: string }[]).map((r) => r.name);
    expect(names).toEqual(['hunan', 'national', 'sichuan']);
  });

  it(
    'serves hunan as written in rulesets/hunan.yaml, ' + 'and the JSON reparses unchanged',
    async () => {
      const res = await f.app.inject({ method: 'GET', url: '/api/rulesets/hunan' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      // From the file: step rule, 2 points per started 5 percentage points, 产出指标 40.
      expect(body.execution).toMatchObject({ rule: 'step', stepPoints: '2', stepWidth: '5' });
      expect(body.level1Weights.department['产出指标']).toBe('40');
      expect(body.title).toBe('湖南省部门整体支出绩效自评规则');
      // The browser validates what it receives with the same schema: the result must be identical.
      expect(RuleSetSchema.parse(body)).toEqual(body);
    },
  );

  it('answers 404 for an unknown name and for anything path-like', async () => {
    for (const url of [
      '/api/rulesets/nope',
      '/api/rulesets/..%2Fpackage',
      '/api/rulesets/a.yaml',
    ]) {
      const res = await f.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
  });
});
