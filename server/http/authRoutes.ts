// POST /v1/auth/login, /v1/auth/refresh, /v1/auth/logout.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LiveError, parseOrThrow } from '../../protocol';
import type { AuditLog } from '../audit/auditLog';
import type { AuthService } from '../auth/authService';
import type { LoginLimiter } from '../limits/loginLimiter';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const RefreshBody = z.strictObject({ refreshToken: z.string().min(20).max(256) });

const tooMany = (retryAfterMs: number) =>
  new LiveError('rate_limited', 'Too many failed sign-in attempts; try again later', { retryAfterMs });

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; loginLimiter: LoginLimiter; onLoginFailed: () => void; audit: AuditLog },
): void {
  // One refusal per address and minute is enough to see a flood in the audit table.
  const refusalsSeen = new Map<string, number>();
  const auditRefusal = (address: string, username: string, retryAfterMs: number) => {
    const minute = Math.floor(Date.now() / 60_000);
    if (refusalsSeen.get(address) === minute) return;
    if (refusalsSeen.size >= 10_000) refusalsSeen.clear();
    refusalsSeen.set(address, minute);
    void deps.audit.record({
      action: 'auth.login',
      outcome: 'refused',
      username,
      address,
      details: { code: 'rate_limited', retryAfterMs },
    });
  };

  app.post('/v1/auth/login', async (req) => {
    const body = parseOrThrow(LoginBody, req.body, 'login request');
    const username = body.username.toLowerCase();
    // Charged before the password is checked, so parallel attempts cannot outrun the limit; the
    // answer does not say which of the limits was reached.
    const open = await deps.loginLimiter.begin(req.ip, body.username);
    if (!open.ok) {
      auditRefusal(req.ip, username, open.retryAfterMs);
      throw tooMany(open.retryAfterMs);
    }
    try {
      const tokens = await deps.auth.login(body.username, body.password);
      await deps.loginLimiter.succeeded(req.ip, body.username);
      await deps.audit.record({
        action: 'auth.login',
        outcome: 'ok',
        userId: tokens.user.id,
        username,
        address: req.ip,
      });
      return tokens;
    } catch (err) {
      if (err instanceof LiveError && err.code === 'invalid_credentials') {
        deps.onLoginFailed();
        await deps.audit.record({ action: 'auth.login', outcome: 'failed', username, address: req.ip });
      }
      throw err;
    }
  });

  app.post('/v1/auth/refresh', async (req) => {
    const body = parseOrThrow(RefreshBody, req.body, 'refresh request');
    try {
      return await deps.auth.refresh(body.refreshToken);
    } catch (err) {
      if (err instanceof LiveError && err.code === 'unauthorized') {
        await deps.audit.record({
          action: 'auth.refresh',
          outcome: 'refused',
          address: req.ip,
          details: { message: err.message },
        });
      }
      throw err;
    }
  });

  app.post('/v1/auth/logout', async (req, reply) => {
    const body = parseOrThrow(RefreshBody, req.body, 'logout request');
    const ended = await deps.auth.logout(body.refreshToken);
    if (ended) {
      await deps.audit.record({
        action: 'auth.logout',
        outcome: 'ok',
        userId: ended.userId,
        address: req.ip,
        subject: ended.sessionId,
      });
    }
    return reply.status(204).send();
  });
}
