// The admin console's view of the gateway: who is connected where, what each channel carries, and
// how every node is doing. Admin role only; read through `GET /v1/admin/*` (docs/protocol.md).
import { z } from 'zod';
import { Instant, Role } from './common';
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

/** What the admin console reads, one view at a time (`LiveBridge.adminRead`). */
export const AdminView = z.enum(['connections', 'channels', 'health']);
export type AdminView = z.infer<typeof AdminView>;

export type AdminData =
  | { view: 'connections'; data: AdminConnections }
  | { view: 'channels'; data: AdminChannels }
  | { view: 'health'; data: AdminHealth };

/** Each view's route and the schema of its answer. */
export const ADMIN_READS = {
  connections: { path: '/v1/admin/connections', schema: AdminConnections },
  channels: { path: '/v1/admin/channels', schema: AdminChannels },
  health: { path: '/v1/admin/health', schema: AdminHealth },
} as const satisfies Record<AdminView, { path: string; schema: z.ZodType }>;

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
