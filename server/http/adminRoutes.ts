// /v1/admin/...: for the admin role only, each call audited. The audit log, the open sessions,
// ending sessions (their refresh tokens stop at once, their sockets close on every node), and the
// users: added, disabled or enabled, given a new password or role (the last three end their sessions).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AdminAuditPage,
  AdminSessions,
  AdminUsers,
  DisplayName,
  LiveError,
  NewPassword,
  parseOrThrow,
  Role,
} from '../../protocol';
import type { AuditLog } from '../audit/auditLog';
import type { SessionStore } from '../auth/sessionStore';
import { hashPassword } from '../auth/passwords';
import type { Identity } from '../auth/tokens';
import { generatePassword, resetPassword, setDisabled, setRole } from '../auth/userAdmin';
import type { UserRecord, UserStore } from '../auth/userStore';

export const AuditQuery = z.strictObject({
  before: z.string().max(64).optional().describe('`nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).optional().describe('Entries per page (default 100)'),
});
export const AuditPageView = AdminAuditPage;
export const SessionList = AdminSessions;
export const SessionParams = z.strictObject({ id: z.string().min(1).max(64) });
export const UserParams = z.strictObject({ username: z.string().min(1).max(64) });
export const EndedSessions = z.object({ ended: z.number().int().min(0) });
export const UserList = AdminUsers;
export const NewUserBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(2).max(64).describe('2–64 of a-z, 0-9, . _ -'),
  name: DisplayName.describe('One line of 1–128 printable characters'),
  role: Role,
  password: NewPassword.optional().describe('Left out: the gateway makes one and answers it once'),
});
export const PasswordBody = z.strictObject({
  password: NewPassword.optional().describe('Left out: the gateway makes one and answers it once'),
});
export const RoleBody = z.strictObject({ role: Role });
export const AddedUser = z.object({
  user: AdminUsers.shape.items.element,
  password: z.string().optional().describe('The password the gateway made, shown only in this answer'),
});
export const PasswordReset = EndedSessions.extend({
  password: z.string().optional().describe('The password the gateway made, shown only in this answer'),
});

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
  /** Records an admin's call with the admin's username, so the log reads without looking ids up. */
  const audited = async (req: FastifyRequest, who: Identity, action: string, subject?: string, details?: object) => {
    const me = await deps.users.findById(who.userId);
    await deps.audit.record({
      action,
      outcome: 'ok',
      userId: who.userId,
      ...(me ? { username: me.username } : {}),
      address: req.ip,
      ...(subject ? { subject } : {}),
      ...(details ? { details: { ...details } } : {}),
    });
  };

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

  const view = (u: UserRecord) => ({
    username: u.username,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    demo: u.demo,
  });
  /** The user named in the path; an admin may not lock themselves out (disable or demote). */
  const target = (req: FastifyRequest, who: Identity, lockout: boolean) => {
    const { username } = parseOrThrow(UserParams, req.params, 'user');
    return deps.users.findByUsername(username.toLowerCase()).then((user) => {
      if (!user) throw new LiveError('not_found', `No user "${username}"`);
      if (lockout && user.id === who.userId) {
        throw new LiveError('bad_request', 'Admins cannot disable themselves or change their own role');
      }
      return user;
    });
  };
  const closeAll = (ids: string[]) => {
    for (const id of ids) deps.closeSession(id);
    return ids.length;
  };

  app.get('/v1/admin/users', async (req) => {
    const who = await admin(req);
    await audited(req, who, 'admin.users.read');
    return { items: (await deps.users.list()).map(view) };
  });

  app.post('/v1/admin/users', async (req) => {
    const who = await admin(req);
    const body = parseOrThrow(NewUserBody, req.body, 'new user');
    const password = body.password ?? generatePassword();
    const user = await deps.users.create({
      username: body.username,
      name: body.name,
      role: body.role,
      passwordHash: await hashPassword(password),
    });
    await audited(req, who, 'user.add', user.username, { role: user.role });
    return { user: view(user), ...(body.password ? {} : { password }) };
  });

  for (const change of ['disable', 'enable'] as const) {
    app.post(`/v1/admin/users/:username/${change}`, async (req) => {
      const who = await admin(req);
      const user = await target(req, who, change === 'disable');
      const ended = closeAll(await setDisabled(deps, user.username, change === 'disable'));
      await audited(req, who, `user.${change}`, user.username, change === 'disable' ? { sessions: ended } : undefined);
      return { ended };
    });
  }

  app.post('/v1/admin/users/:username/reset-password', async (req) => {
    const who = await admin(req);
    const user = await target(req, who, false);
    const body = parseOrThrow(PasswordBody, req.body ?? {}, 'password');
    const password = body.password ?? generatePassword();
    const ended = closeAll(await resetPassword(deps, user.username, password));
    await audited(req, who, 'user.reset-password', user.username, { sessions: ended });
    return { ended, ...(body.password ? {} : { password }) };
  });

  app.post('/v1/admin/users/:username/role', async (req) => {
    const who = await admin(req);
    const user = await target(req, who, true);
    const { role } = parseOrThrow(RoleBody, req.body, 'role');
    const ended = closeAll(await setRole(deps, user.username, role));
    await audited(req, who, 'user.role', user.username, { from: user.role, to: role, sessions: ended });
    return { ended };
  });
}
