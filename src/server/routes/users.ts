/**
 * Accounts, regions and the whole audit log (admin): GET/POST /api/users, PUT
 * /api/users/:id/password (reset), PUT /api/users/:id/disabled, POST /api/regions, GET /api/log;
 * and for everyone signed
 * in, PUT /api/session/password (change one's own password; other sessions of the user end).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendLog, listLogPage, LOG_PAGE_MAX } from '../../storage/activity.ts';
import {
  authenticate,
  createRegion,
  createUser,
  findUserByName,
  getUnit,
  listRegions,
  listUsers,
  setPassword,
  setUserDisabled,
} from '../../storage/accounts.ts';
import {
  hasInvisible,
  normaliseUsername,
  passwordProblem,
  usernameSkeleton,
} from '../../storage/password-policy.ts';
import { ROLES } from '../../storage/types.ts';
import { TokenBuckets } from '../rate-limits.ts';
import { presentUser, SESSION_COOKIE, signedIn, type AppDeps } from '../context.ts';
import { forbidden, HttpError, notFound } from '../errors.ts';
import { parseInput } from '../validate.ts';
import { IdParams, IdValue } from './units.ts';

const Password = z
  .string()
  .max(200)
  .superRefine((pw, ctx) => {
    const problem = passwordProblem(pw);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const UserBody = z.object({
  username: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^\s]+$/, '用户名不能含空白')
    .refine((u) => !hasInvisible(u), '用户名不能含不可见字符')
    .transform(normaliseUsername),
  password: Password,
  role: z.enum(ROLES),
  unitId: IdValue.optional(),
  regionId: IdValue.optional(),
});
const RegionBody = z.object({
  name: z.string().trim().min(1).max(200),
  parentId: IdValue.optional(),
});
const PasswordBody = z.object({ current: z.string().min(1).max(1000), next: Password });
const ResetBody = z.object({ password: Password });
const DisabledBody = z.object({ disabled: z.boolean() });

export function userRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.store.db;

  async function admin(request: Parameters<typeof signedIn>[1]) {
    const c = await signedIn(deps, request);
    if (c.user.role !== 'admin') throw forbidden();
    return c;
  }

  app.get('/api/users', async (request) => {
    await admin(request);
    return (await listUsers(db)).map((u) => ({ ...presentUser(u), disabled: u.disabled }));
  });

  /** The account named by :id (404 when there is none). */
  async function userParam(params: unknown) {
    const { id } = parseInput(IdParams, params, 'params');
    const user = (await listUsers(db)).find((u) => u.id === id);
    if (!user) throw notFound('用户不存在');
    return user;
  }

  // An admin sets a new password for a user who forgot theirs; the user's sessions end.
  app.put('/api/users/:id/password', async (request) => {
    const c = await admin(request);
    const user = await userParam(request.params);
    const body = parseInput(ResetBody, request.body, 'body');
    const weak = passwordProblem(body.password, user.username);
    if (weak)
      throw new HttpError(422, 'weak-password', weak, [{ path: 'body.password', message: weak }]);
    await setPassword(db, user.id, body.password);
    await appendLog(db, {
      actor: c.user.username,
      action: 'user.password.reset',
      detail: { userId: user.id, username: user.username },
    });
    return { ok: true };
  });

  // Disable (no login, sessions end) or re-enable an account; an admin cannot disable themself.
  app.put('/api/users/:id/disabled', async (request) => {
    const c = await admin(request);
    const user = await userParam(request.params);
    const body = parseInput(DisabledBody, request.body, 'body');
    if (user.id === c.user.id && body.disabled)
      throw new HttpError(422, 'self-disable', '不能停用自己的账号');
    await setUserDisabled(db, user.id, body.disabled);
    await appendLog(db, {
      actor: c.user.username,
      action: body.disabled ? 'user.disable' : 'user.enable',
      detail: { userId: user.id, username: user.username },
    });
    return { ...presentUser(user), disabled: body.disabled };
  });

  app.post('/api/users', async (request, reply) => {
    const c = await admin(request);
    const body = parseInput(UserBody, request.body, 'body');
    // An editor belongs to a unit, a reviewer to a region; an admin to neither.
    if (
      body.role === 'editor' &&
      (body.unitId === undefined || !(await getUnit(db, body.unitId)))
    ) {
      throw new HttpError(422, 'unknown-unit', '填报人员须指定存在的单位', [
        { path: 'body.unitId', message: 'required: an existing unit' },
      ]);
    }
    if (
      body.role === 'reviewer' &&
      (body.regionId === undefined || !(await listRegions(db)).some((r) => r.id === body.regionId))
    ) {
      throw new HttpError(422, 'unknown-region', '复核人员须指定存在的地区', [
        { path: 'body.regionId', message: 'required: an existing region' },
      ]);
    }
    if (await findUserByName(db, body.username))
      throw new HttpError(409, 'exists', `用户名 ${body.username} 已存在`);
    // Names that read the same ("admin", "Admin", Cyrillic "аdmin") are one name.
    const skeleton = usernameSkeleton(body.username);
    const lookalike = (await listUsers(db)).find((u) => usernameSkeleton(u.username) === skeleton);
    if (lookalike)
      throw new HttpError(
        409,
        'exists',
        `用户名 ${body.username} 与已有用户名 ${lookalike.username} 看起来相同，请换一个`,
      );
    const weak = passwordProblem(body.password, body.username);
    if (weak)
      throw new HttpError(422, 'weak-password', weak, [{ path: 'body.password', message: weak }]);
    const user = await createUser(db, {
      username: body.username,
      password: body.password,
      role: body.role,
      unitId: body.role === 'editor' ? (body.unitId ?? null) : null,
      regionId: body.role === 'reviewer' ? (body.regionId ?? null) : null,
    });
    await appendLog(db, {
      actor: c.user.username,
      action: 'user.create',
      detail: { userId: user.id, username: user.username, role: user.role },
    });
    return reply.code(201).send(presentUser(user));
  });

  app.post('/api/regions', async (request, reply) => {
    const c = await admin(request);
    const body = parseInput(RegionBody, request.body, 'body');
    if (
      body.parentId !== undefined &&
      !(await listRegions(db)).some((r) => r.id === body.parentId)
    ) {
      throw new HttpError(422, 'unknown-region', `上级地区 ${body.parentId} 不存在`, [
        { path: 'body.parentId', message: 'unknown region' },
      ]);
    }
    const region = await createRegion(db, { name: body.name, parentId: body.parentId ?? null });
    await appendLog(db, { actor: c.user.username, action: 'region.create', detail: region });
    return reply.code(201).send(region);
  });

  // Paged (issue #13): ?limit (≤ 200, default 100), newest first, ?before=<id> for older ones;
  // X-Next-Before names the next page's cursor.
  app.get('/api/log', async (request, reply) => {
    await admin(request);
    const q = parseInput(
      z.object({
        limit: z.coerce.number().int().min(1).max(LOG_PAGE_MAX).optional(),
        before: z.coerce.number().int().min(1).optional(),
        actor: z.string().max(200).optional(),
      }),
      request.query,
      'query',
    );
    const page = await listLogPage(db, {
      newestFirst: true,
      limit: q.limit ?? 100,
      ...(q.before !== undefined ? { before: q.before } : {}),
      ...(q.actor !== undefined ? { actor: q.actor } : {}),
    });
    if (page.next !== undefined) reply.header('x-next-before', String(page.next));
    return page.entries;
  });

  // Current-password checks per user (issue #13: 17 guesses/s): 5 at once, then one a minute.
  const passwordChecks = new TokenBuckets({ capacity: 5, perSecond: 1 / 60 });
  app.put('/api/session/password', async (request, reply) => {
    const c = await signedIn(deps, request);
    const body = parseInput(PasswordBody, request.body, 'body');
    const t = passwordChecks.take(`user:${c.user.id}`);
    if (!t.ok) {
      reply.header('retry-after', String(t.retryAfterSeconds));
      throw new HttpError(
        429,
        'rate-limited',
        `修改密码尝试过于频繁，请 ${t.retryAfterSeconds} 秒后再试`,
      );
    }
    const weak = passwordProblem(body.next, c.user.username);
    if (weak)
      throw new HttpError(422, 'weak-password', weak, [{ path: 'body.next', message: weak }]);
    if (!(await authenticate(db, c.user.username, body.current)))
      throw new HttpError(422, 'bad-credentials', '当前密码不正确', [
        { path: 'body.current', message: 'wrong password' },
      ]);
    await setPassword(db, c.user.id, body.next, request.cookies[SESSION_COOKIE]);
    await appendLog(db, { actor: c.user.username, action: 'user.password' });
    return { ok: true };
  });
}
