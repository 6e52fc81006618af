/** Regions and units: GET /api/regions, GET/POST /api/units, GET /api/units/:id. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendLog } from '../../storage/activity.ts';
import { createUnit, getUnit, listRegions, listUnits, regionTree } from '../../storage/accounts.ts';
import { canSeeUnit } from '../access.ts';
import { forbidden, HttpError, notFound } from '../errors.ts';
import { signedIn, type AppDeps } from '../context.ts';
import { parseInput } from '../validate.ts';

/** A positive integer id written in decimal digits only ("1e3", "0x10", "1.0" are refused). */
export const IdText = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'expected a positive integer id')
  .transform(Number)
  .pipe(z.number().max(2 ** 31 - 1));
export const IdParams = z.object({ id: IdText });
/** An id in a JSON body: a number, or its decimal text (forms often hold ids as strings). */
export const IdValue = z.union([
  z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  IdText,
]);
const UnitBody = z.object({
  name: z.string().trim().min(1).max(200),
  regionId: IdValue,
  budgetCode: z.string().trim().max(100).optional(),
});

export function unitRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.store.db;

  app.get('/api/regions', async (request) => {
    await signedIn(deps, request);
    return regionTree(await listRegions(db));
  });

  app.get('/api/units', async (request) => {
    const c = await signedIn(deps, request);
    return listUnits(db, c.visibleUnits === undefined ? {} : { unitIds: [...c.visibleUnits] });
  });

  app.post('/api/units', async (request, reply) => {
    const c = await signedIn(deps, request);
    if (c.user.role !== 'admin') throw forbidden();
    const body = parseInput(UnitBody, request.body, 'body');
    if (!(await listRegions(db)).some((r) => r.id === body.regionId)) {
      throw new HttpError(422, 'unknown-region', `地区 ${body.regionId} 不存在`, [
        { path: 'body.regionId', message: 'unknown region' },
      ]);
    }
    const unit = await createUnit(db, body);
    await appendLog(db, {
      actor: c.user.username,
      action: 'unit.create',
      unitId: unit.id,
      detail: body,
    });
    return reply.code(201).send(unit);
  });

  app.get('/api/units/:id', async (request) => {
    const c = await signedIn(deps, request);
    const { id } = parseInput(IdParams, request.params, 'params');
    const unit = await getUnit(db, id);
    // Hidden and missing look the same (access.ts).
    if (!unit || !canSeeUnit(c, id)) throw notFound('单位不存在');
    return unit;
  });
}
