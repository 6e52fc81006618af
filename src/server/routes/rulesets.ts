/**
 * Rule sets as data for the browser (issue 10: the rule set travels with the dossier, so the live
 * score in the editor uses the dossier's own rule set, not the national default).
 * GET /api/rulesets lists the shipped rule sets; GET /api/rulesets/:name serves one, parsed.
 * Rule sets are public regulation text, so no session is needed.
 */
import type { FastifyInstance } from 'fastify';
import { listRulesets } from '../../io/load-ruleset.ts';
import { rulesetNamed } from '../compute.ts';
import { HttpError } from '../errors.ts';
import type { AppDeps } from '../context.ts';

export function rulesetRoutes(app: FastifyInstance, _deps: AppDeps): void {
  app.get('/api/rulesets', async () => {
    const items = [];
    for (const name of listRulesets()) {
      const rs = await rulesetNamed(name);
      if (rs) items.push({ name: rs.name, version: rs.version, title: rs.title });
    }
    return items;
  });

  app.get('/api/rulesets/:name', async (request) => {
    const { name } = request.params as { name: string };
    // rulesetNamed accepts plain names only (no paths): anything else is simply unknown.
    const rs = await rulesetNamed(name);
    if (!rs) throw new HttpError(404, 'ruleset-unknown', `规则集 ${name} 不存在`);
    return rs;
  });
}
