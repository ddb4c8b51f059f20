// /v1/admin/...: for the admin role only, each call audited. The audit log, the open sessions, and
// ending sessions (their refresh tokens stop at once, their sockets close on every node).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LiveError, parseOrThrow } from '../../protocol';
import type { AuditLog } from '../audit/auditLog';
import type { SessionStore } from '../auth/sessionStore';
import type { Identity } from '../auth/tokens';
import type { UserStore } from '../auth/userStore';

export const AuditQuery = z.strictObject({
  before: z.string().max(64).optional().describe('`nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).optional().describe('Entries per page (default 100)'),
});
export const AuditEntryView = z.object({
  id: z.string(),
  at: z.number().int(),
  action: z.string(),
  outcome: z.enum(['ok', 'failed', 'refused']),
  userId: z.string().optional(),
  username: z.string().optional(),
  address: z.string().optional(),
  subject: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export const AuditPageView = z.object({ items: z.array(AuditEntryView), nextCursor: z.string().optional() });
export const SessionList = z.object({
  items: z.array(z.object({ sessionId: z.string(), userId: z.string(), username: z.string(), createdAt: z.number() })),
});
export const SessionParams = z.strictObject({ id: z.string().min(1).max(64) });
export const UserParams = z.strictObject({ username: z.string().min(1).max(64) });
export const EndedSessions = z.object({ ended: z.number().int().min(0) });

export function registerAdminRoutes(
  app: FastifyInstance,
  deps: {
    authenticate: (token: string) => Promise<Identity>;
    audit: AuditLog;
    sessions: SessionStore;
    users: UserStore;
    /** Closes the sockets of a session on every node. */
    closeSession: (sessionId: string) => void;
  },
): void {
  /** The caller, who must be an admin; a refusal is audited too. */
  const admin = async (req: FastifyRequest): Promise<Identity> => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!match) throw new LiveError('unauthorized', 'An access token is required');
    const who = await deps.authenticate(match[1] as string);
    if (who.role !== 'admin') {
      await deps.audit.record({
        action: 'admin.refused',
        outcome: 'refused',
        userId: who.userId,
        address: req.ip,
        subject: `${req.method} ${req.routeOptions.url ?? req.url}`,
      });
      throw new LiveError('forbidden', 'Only admins may do this');
    }
    return who;
  };
  const audited = (req: FastifyRequest, who: Identity, action: string, subject?: string, details?: object) =>
    deps.audit.record({
      action,
      outcome: 'ok',
      userId: who.userId,
      address: req.ip,
      ...(subject ? { subject } : {}),
      ...(details ? { details: { ...details } } : {}),
    });

  app.get('/v1/admin/audit', async (req) => {
    const who = await admin(req);
    const q = parseOrThrow(AuditQuery, req.query, 'audit query');
    await audited(req, who, 'admin.audit.read');
    return deps.audit.list(q);
  });

  app.get('/v1/admin/sessions', async (req) => {
    const who = await admin(req);
    await audited(req, who, 'admin.sessions.read');
    return { items: await deps.sessions.listOpen(500) };
  });

  app.post('/v1/admin/sessions/:id/end', async (req) => {
    const who = await admin(req);
    const { id } = parseOrThrow(SessionParams, req.params, 'session');
    if (await deps.sessions.isRevoked(id)) return { ended: 0 };
    await deps.sessions.revoke(id, 'admin');
    deps.closeSession(id);
    await audited(req, who, 'sessions.revoke', id, { reason: 'admin' });
    return { ended: 1 };
  });

  app.post('/v1/admin/users/:username/end-sessions', async (req) => {
    const who = await admin(req);
    const { username } = parseOrThrow(UserParams, req.params, 'user');
    const user = await deps.users.findByUsername(username.toLowerCase());
    if (!user) throw new LiveError('not_found', `No user "${username}"`);
    const ended = await deps.sessions.revokeUser(user.id, 'admin');
    for (const id of ended) deps.closeSession(id);
    await audited(req, who, 'sessions.revoke', user.username, { reason: 'admin', sessions: ended.length });
    return { ended: ended.length };
  });
}
