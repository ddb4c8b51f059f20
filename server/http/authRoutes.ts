// POST /v1/auth/login, /v1/auth/refresh, /v1/auth/logout.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LiveError, parseOrThrow } from '../../protocol';
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
  deps: { auth: AuthService; loginLimiter: LoginLimiter; onLoginFailed: () => void },
): void {
  app.post('/v1/auth/login', async (req) => {
    const body = parseOrThrow(LoginBody, req.body, 'login request');
    // Charged before the password is checked, so parallel attempts cannot outrun the limit; the
    // answer does not say which of the limits was reached.
    const open = await deps.loginLimiter.begin(req.ip, body.username);
    if (!open.ok) throw tooMany(open.retryAfterMs);
    try {
      const tokens = await deps.auth.login(body.username, body.password);
      await deps.loginLimiter.succeeded(req.ip, body.username);
      return tokens;
    } catch (err) {
      if (err instanceof LiveError && err.code === 'invalid_credentials') deps.onLoginFailed();
      throw err;
    }
  });

  app.post('/v1/auth/refresh', async (req) => {
    const body = parseOrThrow(RefreshBody, req.body, 'refresh request');
    return deps.auth.refresh(body.refreshToken);
  });

  app.post('/v1/auth/logout', async (req, reply) => {
    const body = parseOrThrow(RefreshBody, req.body, 'logout request');
    await deps.auth.logout(body.refreshToken);
    return reply.status(204).send();
  });
}
