// The user's alerts as far as counting needs them: loaded per channel from snapshots, kept live by
// deliveries. Its counts are the one number the console's header and nav badge, the tray and the OS
// badge show; they follow the rules of protocol/alerts.ts, as the gateway's count does.
import {
  alertChangesOf,
  countAlerts,
  mustKeep,
  type AlertCounts,
  type AlertState,
  type ChannelSnapshot,
  type Delivery,
  type LiveEvent,
  type NotificationAbout,
  type Priority,
  type ProducerEvent,
} from '../../protocol';
import { aboutOf } from './policy';

/** An alert's kept event, when it is a producer's (what its notifications describe). */
const isProducerEvent = (e: LiveEvent): e is ProducerEvent =>
  e.type === 'ORDER_NOTIFICATION' ||
  e.type === 'INVENTORY_CHANGE' ||
  e.type === 'PRICE_UPDATE' ||
  e.type === 'SYSTEM_ALERT';

interface Entry {
  channel: string;
  priority: Priority;
  state: AlertState;
  read: boolean;
  /** Its latest event's id: the same event again (in a snapshot and live) is not seen twice. */
  lastEventId?: string;
  /**
   * What it is about, for a critical's reminders (its latest event when at hand). Only an open
   * critical keeps it: nothing else is reminded of, and an event per open alert is what made the
   * book grow with every alert a long shift leaves open.
   */
  about?: NotificationAbout;
}

/** Only what reminds keeps what it is about; every other alert is counted by its fields alone. */
const remindable = (priority: Priority, state: AlertState): boolean => priority === 'critical' && state === 'open';

/** Far above what a gateway's snapshot sends per channel; only a runaway producer gets near it. */
export const MAX_BOOK_ALERTS = 50_000;

export class AlertBook {
  /** Alert key → entry, oldest first (a repeat moves its alert to the end). */
  private readonly entries = new Map<string, Entry>();
  private cached: AlertCounts | undefined;

  /** A channel reloaded: its alerts are what the snapshot says (user channels carry none). */
  applySnapshot(snapshot: ChannelSnapshot): void {
    if (!snapshot.alerts) return;
    const before = new Map(this.entries);
    for (const [key, e] of this.entries) if (e.channel === snapshot.channel) this.entries.delete(key);
    for (const a of snapshot.alerts) {
      if (a.state === 'resolved') continue;
      const event = a.lastEvent && isProducerEvent(a.lastEvent) ? a.lastEvent : undefined;
      const lastEventId = a.lastEvent?.id ?? before.get(a.alertKey)?.lastEventId;
      this.entries.set(a.alertKey, {
        channel: a.channel,
        priority: a.priority,
        state: a.state,
        read: a.read,
        // An alert kept without its event (older rows) keeps the one already seen live.
        ...(lastEventId ? { lastEventId } : {}),
        ...(remindable(a.priority, a.state)
          ? {
              about: {
                type: a.type as NotificationAbout['type'],
                kind: a.kind,
                alertKey: a.alertKey,
                ...(a.marketplace ? { marketplace: a.marketplace as NotificationAbout['marketplace'] } : {}),
                ...(event ? { event } : {}),
              },
            }
          : {}),
      });
    }
    this.changed();
  }

  /** Applies a delivery; true when the counts may have moved. */
  applyDelivery(d: Delivery): boolean {
    const changes = alertChangesOf(d.event);
    for (const c of changes) {
      switch (c.op) {
        case 'seen': {
          const before = this.entries.get(c.alertKey);
          // Already counted: the snapshot that loaded the alert held this event too.
          if (before?.lastEventId === c.event.id) break;
          this.entries.delete(c.alertKey);
          // A repeat keeps an acknowledgement; anything seen again is unread again.
          const state = before?.state ?? 'open';
          this.entries.set(c.alertKey, {
            channel: d.channel,
            priority: c.priority,
            state,
            read: false,
            lastEventId: c.event.id,
            ...(remindable(c.priority, state) ? { about: aboutOf(c.event, c.alertKey) } : {}),
          });
          break;
        }
        case 'acknowledged': {
          const e = this.entries.get(c.alertKey);
          if (e && e.state === 'open') {
            e.state = 'acknowledged';
            delete e.about;
          }
          break;
        }
        case 'resolved':
          this.entries.delete(c.alertKey);
          break;
        case 'read':
          for (const key of c.alertKeys) {
            const e = this.entries.get(key);
            if (e) e.read = true;
          }
          break;
        case 'snoozed':
          break;
      }
    }
    if (changes.length === 0) return false;
    this.changed();
    return true;
  }

  counts(): AlertCounts {
    this.cached ??= countAlerts(this.entries.values());
    return this.cached;
  }

  /** Keys of the open (not acknowledged) critical alerts. */
  openCriticalKeys(): string[] {
    const keys: string[] = [];
    for (const [key, e] of this.entries) if (e.state === 'open' && e.priority === 'critical') keys.push(key);
    return keys;
  }

  /** The open (not acknowledged) criticals, with what each is about and its channel. */
  openCriticals(): { alertKey: string; about: NotificationAbout; channel: string }[] {
    const out: { alertKey: string; about: NotificationAbout; channel: string }[] = [];
    for (const [alertKey, e] of this.entries) {
      if (e.about && remindable(e.priority, e.state)) out.push({ alertKey, about: e.about, channel: e.channel });
    }
    return out;
  }

  /** The alert's state as far as this book knows (undefined: not held, or resolved). */
  stateOf(alertKey: string): AlertState | undefined {
    return this.entries.get(alertKey)?.state;
  }

  /** Whether it is an open (not acknowledged) critical. */
  isOpenCritical(alertKey: string): boolean {
    const e = this.entries.get(alertKey);
    return e?.state === 'open' && e.priority === 'critical';
  }

  /** What an open critical is about, for its reminders (undefined for any other alert). */
  aboutOf(alertKey: string): NotificationAbout | undefined {
    return this.entries.get(alertKey)?.about;
  }

  reset(): void {
    this.entries.clear();
    this.changed();
  }

  private changed(): void {
    this.cached = undefined;
    if (this.entries.size <= MAX_BOOK_ALERTS) return;
    // Oldest first, never an open critical or high: those are what the counts exist for.
    for (const [key, e] of this.entries) {
      if (this.entries.size <= MAX_BOOK_ALERTS) break;
      if (!mustKeep(e)) this.entries.delete(key);
    }
  }
}
