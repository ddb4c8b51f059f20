// What the admin console shows of the live side: every connection on every node (user, client,
// address, round trip, channels, screen), each shared channel's subscribers, rate and log head, and
// each node's load. A node answers for its own sockets; the others answer through the adapter
// (Redis when clustered), and a node that does not answer in time is left out, never waited for.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Socket as EngineSocket } from 'engine.io';
import {
  ClientInfo,
  PresenceSet,
  SHARED_CHANNELS,
  type AdminChannels,
  type AdminConnection,
  type AdminConnections,
  type AdminNode,
} from '../../protocol';
import type { ChannelLog } from '../log/channelLog';
import type { LiveNamespace, LiveSocket } from '../live/types';

/** One node's answer: its load, its connections and how many of its sockets are in each channel. */
export interface NodeView {
  node: AdminNode;
  connections: AdminConnection[];
  rooms: Record<string, number>;
}

export interface LiveViewDeps {
  nsp: LiveNamespace;
  nodeId: string;
  /** Other nodes share the adapter (Redis); embedded, this node is the only one. */
  clustered: boolean;
  log: ChannelLog;
  retentionEvents: number;
  now: () => number;
}

const USER_AGENT_MAX = 200;
/** Head samples older than this are dropped; rates are measured over the oldest one kept. */
const RATE_HORIZON_MS = 30_000;
/** A rate needs two samples at least this far apart. */
const RATE_MIN_SPAN_MS = 1_000;
const LAG_INTERVAL_MS = 5_000;
/** The other nodes' answers are waited for this long at most; the late ones are left out. */
const NODES_DEADLINE_MS = 2_000;

/** What each socket of this node said and measured beyond its identity. */
interface SocketExtras {
  connectedAt: number;
  client?: ClientInfo;
  rttMs?: number;
  view?: string;
}

function clientOf(auth: unknown): ClientInfo | undefined {
  const raw = auth !== null && typeof auth === 'object' && 'client' in auth ? auth.client : undefined;
  const parsed = ClientInfo.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Times each heartbeat: from the ping the gateway sends to the pong that answers it. */
function timeHeartbeats(conn: EngineSocket, extras: SocketExtras, now: () => number): void {
  let sentAt: number | undefined;
  conn.on('packetCreate', (packet: { type: string }) => {
    if (packet.type === 'ping') sentAt = now();
  });
  conn.on('heartbeat', () => {
    if (sentAt === undefined) return;
    extras.rttMs = Math.max(0, now() - sentAt);
    sentAt = undefined;
  });
}

function isChannelRoom(room: string, socketId: string): boolean {
  return room !== socketId && !room.startsWith('#');
}

export function attachLiveView(deps: LiveViewDeps) {
  const { nsp, nodeId, now } = deps;
  const extras = new WeakMap<LiveSocket, SocketExtras>();
  const started = now();

  nsp.on('connection', (socket) => {
    const mine: SocketExtras = { connectedAt: now(), client: clientOf(socket.handshake.auth) };
    extras.set(socket, mine);
    timeHeartbeats(socket.conn, mine, now);
    socket.on('presence:set', (raw: unknown) => {
      const parsed = PresenceSet.safeParse(raw);
      if (parsed.success) mine.view = parsed.data.view;
    });
  });

  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  let lagMs = 0;
  let lagReadAt = now();
  const eventLoopLagMs = (): number => {
    if (now() - lagReadAt >= LAG_INTERVAL_MS || lagMs === 0) {
      lagMs = lag.count > 0 ? lag.percentile(99) / 1e6 : 0;
      lag.reset();
      lagReadAt = now();
    }
    return Math.round(lagMs * 10) / 10;
  };

  function connectionOf(socket: LiveSocket): AdminConnection {
    const { identity } = socket.data;
    const mine = extras.get(socket) ?? { connectedAt: now() };
    const ua = socket.handshake.headers['user-agent'];
    return {
      socketId: socket.id,
      node: nodeId,
      userId: identity.userId,
      name: identity.name,
      role: identity.role,
      ...(identity.sessionId ? { sessionId: identity.sessionId } : {}),
      ...(mine.client ? { client: mine.client } : {}),
      ...(ua ? { userAgent: ua.slice(0, USER_AGENT_MAX) } : {}),
      address: socket.handshake.address,
      connectedAt: new Date(mine.connectedAt).toISOString(),
      ...(mine.rttMs !== undefined ? { rttMs: mine.rttMs } : {}),
      channels: [...socket.rooms].filter((r) => isChannelRoom(r, socket.id)).sort(),
      ...(mine.view ? { view: mine.view } : {}),
    };
  }

  function local(): NodeView {
    const connections: AdminConnection[] = [];
    const rooms: Record<string, number> = {};
    for (const socket of nsp.sockets.values()) {
      if (!socket.data.identity) continue;
      const c = connectionOf(socket);
      connections.push(c);
      for (const ch of c.channels) rooms[ch] = (rooms[ch] ?? 0) + 1;
    }
    return {
      node: {
        node: nodeId,
        connections: connections.length,
        eventLoopLagMs: eventLoopLagMs(),
        rssBytes: process.memoryUsage.rss(),
        uptimeSeconds: Math.round((now() - started) / 1000),
      },
      connections,
      rooms,
    };
  }

  nsp.on('admin:view', (ack: (view: NodeView) => void) => ack(local()));

  /** This node's view and those of the other nodes that answered. */
  async function all(): Promise<NodeView[]> {
    const others = !deps.clustered
      ? []
      : await new Promise<NodeView[]>((resolve) => {
          const late = setTimeout(() => resolve([]), NODES_DEADLINE_MS);
          nsp.serverSideEmit('admin:view', (_err: Error | null, views: NodeView[]) => {
            clearTimeout(late);
            resolve(views ?? []);
          });
        });
    return [local(), ...others.filter((v) => v?.node?.node && v.node.node !== nodeId)];
  }

  async function connections(): Promise<AdminConnections> {
    const views = await all();
    return {
      nodes: views.map((v) => v.node),
      connections: views
        .flatMap((v) => v.connections)
        .sort((a, b) => a.name.localeCompare(b.name, 'tr') || a.connectedAt.localeCompare(b.connectedAt)),
    };
  }

  const samples: { at: number; heads: Record<string, number> }[] = [];
  async function channels(): Promise<AdminChannels> {
    const [views, heads] = await Promise.all([
      all(),
      Promise.all(SHARED_CHANNELS.map(async (ch) => [ch, await deps.log.head(ch)] as const)),
    ]);
    const at = now();
    while (samples.length > 0 && at - (samples[0]?.at ?? at) > RATE_HORIZON_MS) samples.shift();
    const base = samples[0];
    samples.push({ at, heads: Object.fromEntries(heads.map(([ch, p]) => [ch, p.offset])) });
    const span = base ? at - base.at : 0;
    return {
      channels: heads.map(([channel, head]) => {
        const before = base?.heads[channel];
        const rate =
          span >= RATE_MIN_SPAN_MS && before !== undefined && head.offset >= before
            ? Math.round(((head.offset - before) / span) * 10_000) / 10
            : undefined;
        return {
          channel,
          subscribers: views.reduce((n, v) => n + (v.rooms[channel] ?? 0), 0),
          ...(rate !== undefined ? { eventsPerSecond: rate } : {}),
          head,
          retentionEvents: deps.retentionEvents,
        };
      }),
    };
  }

  async function nodes(): Promise<AdminNode[]> {
    return (await all()).map((v) => v.node);
  }

  return { connections, channels, nodes, close: () => lag.disable() };
}

export type LiveView = ReturnType<typeof attachLiveView>;
