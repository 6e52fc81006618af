/** POST/GET/DELETE /api/session: log in (rate-limited), who am I, log out. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendLog } from '../../storage/activity.ts';
import { authenticate, createSession, deleteSession } from '../../storage/accounts.ts';
import { normaliseUsername } from '../../storage/password-policy.ts';
import { HttpError } from '../errors.ts';
import { presentUser, SESSION_COOKIE, signedIn, type AppDeps } from '../context.ts';
import { parseInput } from '../validate.ts';

const LoginBody = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export interface LoginRateLimit {
  readonly max: number;
  readonly timeWindow: number;
}

export function sessionRoutes(app: FastifyInstance, deps: AppDeps, rate: LoginRateLimit): void {
  app.post(
    '/api/session',
    { config: { rateLimit: { max: rate.max, timeWindow: rate.timeWindow } } },
    async (request, reply) => {
      const body = parseInput(LoginBody, request.body, 'body');
      // Names are stored normalised (NFKC, case-folded): "Admin" signs in as "admin".
      const user =
        (await authenticate(deps.store.db, body.username, body.password)) ??
        (normaliseUsername(body.username) !== body.username
          ? await authenticate(deps.store.db, normaliseUsername(body.username), body.password)
          : undefined);
      if (!user) {
        await appendLog(deps.store.db, { actor: body.username, action: 'session.login-failed' });
        throw new HttpError(401, 'bad-credentials', '用户名或密码错误');
      }
      const s = await createSession(deps.store.db, user.id, deps.sessionTtlMs);
      await appendLog(deps.store.db, { actor: user.username, action: 'session.login' });
      reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: deps.secureCookies,
        maxAge: Math.floor(deps.sessionTtlMs / 1000),
      });
      return { user: presentUser(user) };
    },
  );

  app.get('/api/session', async (request) => ({
    user: request.user ? presentUser(request.user) : null,
  }));

  app.delete('/api/session', async (request, reply) => {
    const c = await signedIn(deps, request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(deps.store.db, token);
    await appendLog(deps.store.db, { actor: c.user.username, action: 'session.logout' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
}
