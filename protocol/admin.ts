// The admin console's view of the gateway: who is connected where, what each channel carries, and
// how every node is doing. Admin role only; read through `GET /v1/admin/*` (docs/protocol.md).
import { z } from 'zod';
import { DisplayName, Instant, Role } from './common';
import { Position } from './socket';

/** What the client said of itself at the handshake (`auth.client`), when it said it. */
export const ClientInfo = z.strictObject({
  /** `desktop`, `web` or another client's own name. */
  app: z.string().min(1).max(40),
  version: z.string().min(1).max(40).optional(),
});
export type ClientInfo = z.infer<typeof ClientInfo>;

export const AdminConnection = z.strictObject({
  socketId: z.string(),
  node: z.string(),
  userId: z.string(),
  name: z.string(),
  role: Role,
  sessionId: z.string().optional(),
  client: ClientInfo.optional(),
  /** The browser's or the desktop's user agent, cut to 200 characters. */
  userAgent: z.string().optional(),
  address: z.string(),
  connectedAt: Instant,
  /** The last heartbeat's round trip as the gateway timed it; absent before the first. */
  rttMs: z.number().nonnegative().optional(),
  /** Channels the socket is subscribed to. */
  channels: z.array(z.string()),
  /** The screen the console shows (presence). */
  view: z.string().optional(),
});
export type AdminConnection = z.infer<typeof AdminConnection>;

export const AdminNode = z.strictObject({
  node: z.string(),
  connections: z.number().int().nonnegative(),
  /** 99th percentile of the event loop's delay over the last interval. */
  eventLoopLagMs: z.number().nonnegative(),
  rssBytes: z.number().int().nonnegative(),
  uptimeSeconds: z.number().nonnegative(),
});
export type AdminNode = z.infer<typeof AdminNode>;

export const AdminConnections = z.strictObject({
  /** Every node that answered within the deadline; a node that did not is missing here. */
  nodes: z.array(AdminNode),
  connections: z.array(AdminConnection),
});
export type AdminConnections = z.infer<typeof AdminConnections>;

export const AdminChannel = z.strictObject({
  channel: z.string(),
  /** Sockets subscribed, on every node that answered. */
  subscribers: z.number().int().nonnegative(),
  /** Events appended per second, over the last sampling interval; absent until two samples exist. */
  eventsPerSecond: z.number().nonnegative().optional(),
  head: Position,
  /** Most events the log keeps per channel (older ones are answered with a snapshot). */
  retentionEvents: z.number().int().positive(),
});
export type AdminChannel = z.infer<typeof AdminChannel>;

export const AdminChannels = z.strictObject({ channels: z.array(AdminChannel) });
export type AdminChannels = z.infer<typeof AdminChannels>;

export const AdminHealth = z.strictObject({
  /** This node's readiness, as /readyz says it. */
  ready: z.boolean(),
  draining: z.boolean(),
  /** Each dependency (database, redis) and whether it answered. */
  checks: z.record(z.string(), z.boolean()),
  /** What is wrong with a dependency that is down, where known (`{storage: 'disk full'}`). */
  faults: z.record(z.string(), z.string()).optional(),
  mode: z.enum(['embedded', 'clustered']),
  node: z.string(),
  version: z.string(),
  nodes: z.array(AdminNode),
});
export type AdminHealth = z.infer<typeof AdminHealth>;

/** A password an admin or the `users` CLI sets: at least 8 characters, at most 256. */
export const NewPassword = z.string().min(8, 'at least 8 characters').max(256);

/** A user as the admin console lists it (never the password hash). */
export const AdminUser = z.strictObject({
  username: z.string(),
  name: z.string(),
  role: Role,
  disabled: z.boolean(),
  /** A demo account: signs in only while demo mode is on. */
  demo: z.boolean(),
});
export type AdminUser = z.infer<typeof AdminUser>;
export const AdminUsers = z.strictObject({ items: z.array(AdminUser) });
export type AdminUsers = z.infer<typeof AdminUsers>;

/** A session not ended, with its user (`GET /v1/admin/sessions`). */
export const AdminSession = z.object({
  sessionId: z.string(),
  userId: z.string(),
  username: z.string(),
  /** Milliseconds since the epoch. */
  createdAt: z.number(),
});
export const AdminSessions = z.object({ items: z.array(AdminSession) });
export type AdminSessions = z.infer<typeof AdminSessions>;

export const AdminAuditEntry = z.object({
  id: z.string(),
  /** Milliseconds since the epoch. */
  at: z.number().int(),
  action: z.string(),
  outcome: z.enum(['ok', 'failed', 'refused']),
  userId: z.string().optional(),
  username: z.string().optional(),
  address: z.string().optional(),
  subject: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AdminAuditEntry = z.infer<typeof AdminAuditEntry>;
export const AdminAuditPage = z.object({ items: z.array(AdminAuditEntry), nextCursor: z.string().optional() });
export type AdminAuditPage = z.infer<typeof AdminAuditPage>;

/** One page of a paged view (the audit log): `before` is the previous page's `nextCursor`. */
export const AdminPage = z.strictObject({
  before: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export type AdminPage = z.infer<typeof AdminPage>;

/** What the admin console reads, one view at a time (`LiveBridge.adminRead`). */
export const AdminView = z.enum(['connections', 'channels', 'health', 'sessions', 'users', 'audit']);
export type AdminView = z.infer<typeof AdminView>;

export type AdminData =
  | { view: 'connections'; data: AdminConnections }
  | { view: 'channels'; data: AdminChannels }
  | { view: 'health'; data: AdminHealth }
  | { view: 'sessions'; data: AdminSessions }
  | { view: 'users'; data: AdminUsers }
  | { view: 'audit'; data: AdminAuditPage };

/** Each view's route and the schema of its answer. */
export const ADMIN_READS = {
  connections: { path: '/v1/admin/connections', schema: AdminConnections },
  channels: { path: '/v1/admin/channels', schema: AdminChannels },
  health: { path: '/v1/admin/health', schema: AdminHealth },
  sessions: { path: '/v1/admin/sessions', schema: AdminSessions },
  users: { path: '/v1/admin/users', schema: AdminUsers },
  audit: { path: '/v1/admin/audit', schema: AdminAuditPage },
} as const satisfies Record<AdminView, { path: string; schema: z.ZodType }>;

/** The path of a read, with the page's query string when the view is paged. */
export function adminReadPath(view: AdminView, page?: AdminPage): string {
  const { path } = ADMIN_READS[view];
  if (view !== 'audit' || !page) return path;
  const q = [
    ...(page.before ? [`before=${encodeURIComponent(page.before)}`] : []),
    ...(page.limit ? [`limit=${page.limit}`] : []),
  ];
  return q.length ? `${path}?${q.join('&')}` : path;
}

const Username = z.string().trim().toLowerCase().min(2).max(64);

/** What an admin does from the console (`LiveBridge.adminAct`), each one `POST /v1/admin/...`. */
export const AdminAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('end-session'), sessionId: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('end-user-sessions'), username: Username }),
  z.strictObject({
    kind: z.literal('add-user'),
    username: Username,
    name: DisplayName,
    role: Role,
    password: NewPassword.optional(),
  }),
  z.strictObject({ kind: z.literal('disable-user'), username: Username }),
  z.strictObject({ kind: z.literal('enable-user'), username: Username }),
  z.strictObject({ kind: z.literal('reset-password'), username: Username, password: NewPassword.optional() }),
  z.strictObject({ kind: z.literal('set-role'), username: Username, role: Role }),
]);
export type AdminAction = z.infer<typeof AdminAction>;

/** The gateway's answer to an action: sessions ended, the user added, a password the gateway made. */
export const AdminActResult = z.object({
  ended: z.number().int().min(0).optional(),
  user: AdminUser.optional(),
  /** Shown once: the gateway keeps only its hash. */
  password: z.string().optional(),
});
export type AdminActResult = z.infer<typeof AdminActResult>;

/** The request an action makes. */
export function adminActRequest(action: AdminAction): { path: string; body?: object } {
  const user = (name: string, then: string) => `/v1/admin/users/${encodeURIComponent(name)}/${then}`;
  switch (action.kind) {
    case 'end-session':
      return { path: `/v1/admin/sessions/${encodeURIComponent(action.sessionId)}/end` };
    case 'end-user-sessions':
      return { path: user(action.username, 'end-sessions') };
    case 'add-user': {
      const { kind: _kind, ...body } = action;
      return { path: '/v1/admin/users', body };
    }
    case 'disable-user':
      return { path: user(action.username, 'disable') };
    case 'enable-user':
      return { path: user(action.username, 'enable') };
    case 'reset-password':
      return {
        path: user(action.username, 'reset-password'),
        body: action.password ? { password: action.password } : {},
      };
    case 'set-role':
      return { path: user(action.username, 'role'), body: { role: action.role } };
  }
}
