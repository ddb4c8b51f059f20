// Builds GET /v1/snapshot: for each channel the position first, then its state, so the state holds
// at least every event up to that position (a later event may show in both: the client applies
// events idempotently, by id and by key).
import { sql, type Kysely } from 'kysely';
import {
  LiveError,
  ROLE_CHANNELS,
  canRead,
  emptyAlertCounts,
  LiveEvent,
  PRIORITIES,
  type AlertCounts,
  type AlertView,
  type OrderView,
  type ChannelSnapshot,
  type Snapshot,
} from '../../protocol';
import type { Identity } from '../auth/tokens';
import type { Database } from '../db/schema';
import type { ChannelLog } from '../log/channelLog';
import { groupByUser, presenceFor, type PresenceStore } from '../live/presence';
import { alertBase, iso, orderViews } from '../queries/views';
import type { LatestMetrics } from './latestMetrics';

/**
 * Alerts of one channel in a snapshot: every one not resolved, up to this bound. Open criticals and
 * open highs come first, so no bound ever drops one of them (a console counts and shows them all).
 */
export const MAX_SNAPSHOT_ALERTS = 5000;
/**
 * Of those, the first (open criticals and highs first) carry their latest event, up to 32 KiB each:
 * a bound on a snapshot's size however many alerts a runaway producer opened.
 */
export const MAX_SNAPSHOT_ALERT_EVENTS = 1000;
const MAX_ORDERS = 200;

/**
 * An alert's kept event, when it still reads as one: a row kept under an older schema, or damaged,
 * loses its details rather than making the whole snapshot one the client refuses.
 */
function keptEvent(json: string | null): { lastEvent?: LiveEvent } {
  if (json === null) return {};
  try {
    const parsed = LiveEvent.safeParse(JSON.parse(json));
    return parsed.success ? { lastEvent: parsed.data } : {};
  } catch {
    return {};
  }
}

export function createSnapshotReader(deps: {
  db: Kysely<Database>;
  log: ChannelLog;
  metrics: LatestMetrics;
  presence: PresenceStore;
  now?: () => number;
  /** Alerts per channel in a snapshot (MAX_SNAPSHOT_ALERTS; tests lower it). */
  maxAlerts?: number;
}) {
  const now = deps.now ?? Date.now;
  const maxAlerts = deps.maxAlerts ?? MAX_SNAPSHOT_ALERTS;

  async function alerts(channel: string, userId: string): Promise<AlertView[]> {
    const rows = await deps.db
      .selectFrom('alerts')
      .leftJoin('alert_snoozes', (j) =>
        j.onRef('alert_snoozes.alert_key', '=', 'alerts.alert_key').on('alert_snoozes.user_id', '=', userId),
      )
      .selectAll('alerts')
      .leftJoin('alert_reads', (j) =>
        j.onRef('alert_reads.alert_key', '=', 'alerts.alert_key').on('alert_reads.user_id', '=', userId),
      )
      .select(['alert_snoozes.until', 'alert_reads.read_at'])
      .where('alerts.channel', '=', channel)
      .where('alerts.state', '!=', 'resolved')
      .orderBy(sql`case when alerts.state = 'open' then 0 else 1 end`)
      .orderBy(sql`case alerts.priority when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`)
      .orderBy('alerts.last_seen_at', 'desc')
      .limit(maxAlerts)
      .execute();
    return rows.map((r, i) => ({
      ...alertBase(r),
      ...(r.until && r.until > now() ? { snoozedUntil: iso(r.until) } : {}),
      read: r.read_at !== null,
      ...(i < MAX_SNAPSHOT_ALERT_EVENTS ? keptEvent(r.last_event) : {}),
    }));
  }

  async function orders(): Promise<OrderView[]> {
    const rows = await deps.db
      .selectFrom('orders')
      .leftJoin('claims', 'claims.order_key', 'orders.order_key')
      .select(['orders.order_key', 'orders.event', 'claims.user_id', 'claims.user_name', 'claims.claimed_at'])
      .orderBy('orders.updated_at', 'desc')
      .limit(MAX_ORDERS)
      .execute();
    return orderViews(deps.db, rows);
  }

  async function channel(name: string, identity: Identity): Promise<ChannelSnapshot> {
    const head = await deps.log.head(name);
    const out: ChannelSnapshot = { channel: name, epoch: head.epoch, offset: head.offset };
    if (!name.startsWith('user-')) out.alerts = await alerts(name, identity.userId);
    if (name === 'orders') out.orders = await orders();
    if (name === 'dashboard' || name === 'analytics') {
      [out.metrics, out.metricHistory] = await Promise.all([deps.metrics.latest(name), deps.metrics.history(name)]);
    }
    return out;
  }

  return {
    /**
     * The user's open and unread alerts per priority over every channel their role reads: the count
     * each console's badge must agree with.
     */
    async counts(identity: Identity): Promise<AlertCounts> {
      const channels = [...ROLE_CHANNELS[identity.role]];
      const rows = await deps.db
        .selectFrom('alerts')
        .leftJoin('alert_reads', (j) =>
          j.onRef('alert_reads.alert_key', '=', 'alerts.alert_key').on('alert_reads.user_id', '=', identity.userId),
        )
        .select((eb) => [
          'alerts.priority',
          eb.fn.countAll<string | number>().as('open'),
          eb.fn.count<string | number>('alert_reads.read_at').as('read'),
        ])
        .where('alerts.channel', 'in', channels)
        .where('alerts.state', '=', 'open')
        .groupBy('alerts.priority')
        .execute();
      const out = emptyAlertCounts();
      for (const r of rows) {
        const p = PRIORITIES.find((x) => x === r.priority);
        if (!p) continue;
        out.open[p] = Number(r.open);
        out.unread[p] = Number(r.open) - Number(r.read);
      }
      return out;
    },
    async read(identity: Identity, channels: string[]): Promise<Snapshot> {
      const denied = channels.filter((c) => !canRead(identity.role, identity.userId, c));
      if (denied.length > 0) {
        throw new LiveError('forbidden', `Role ${identity.role} may not read ${denied.join(', ')}`, {
          channels: denied,
        });
      }
      return {
        channels: await Promise.all(channels.map((c) => channel(c, identity))),
        presence: presenceFor(identity.role, groupByUser(await deps.presence.all())),
      };
    },
  };
}
