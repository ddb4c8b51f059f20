// Runs the notification policy over the deliveries the client shows and keeps its state; keeps the
// book of the user's alerts (the one count every badge shows, and each alert's state, which decides
// whether it may still notify); summarises the open criticals that arrived while away (a reload, a
// reconnect, a replay) once instead of one by one; reminds of unacknowledged criticals however they
// arrived; chimes for new orders when the user wants it; and hands the commands and the sound to
// play to the host.
import {
  alertChangesOf,
  chimePlays,
  type AlertCounts,
  type ChannelSnapshot,
  type Delivery,
  type NotificationCommand,
  type Role,
  type Settings,
} from '../../protocol';
import type { Clock, KeyValueStore, Logger, TimerHandle } from '../ports';
import { AlertBook } from './alertBook';
import { decide, dismissed, emptyPolicyState, remind, remindLater, withSnoozes, type PolicyState } from './policy';

const REMINDER_CHECK_MS = 30_000;
/** A reload or reconnect loads every channel within this of the last one; its criticals are said once. */
export const BACKLOG_SETTLE_MS = 300;
/** However long channels keep arriving, the summary waits no longer than this. */
export const BACKLOG_MAX_WAIT_MS = 3000;
/** At most one new-order chime this often: at a hundred orders a minute it is a pulse, not a din. */
export const CHIME_MIN_GAP_MS = 30_000;

export type SoundLevel = 'critical' | 'high' | 'normal';

export interface NotificationCenter {
  /** A delivery; `catchUp` when it was missed while offline and is replayed now. */
  onDelivery(d: Delivery, catchUp?: boolean): void;
  /** A channel reloaded from a snapshot: its alerts and the user's snoozes. */
  onSnapshot(snapshot: ChannelSnapshot): void;
  /** The person closed a notification: the next repeat of its alert notifies afresh. */
  dismissed(id: string): void;
  /** The user's open and unread alerts per priority. */
  counts(): AlertCounts;
  setUser(user: { id: string; role: Role } | undefined): void;
  reset(): void;
  close(): void;
}

export function createNotificationCenter(deps: {
  clock: Clock;
  settings: () => Settings;
  emit: (commands: NotificationCommand[]) => void;
  /** The most urgent sound of what was just notified. */
  sound: (level: SoundLevel) => void;
  /** The counts may have moved. */
  countsChanged: () => void;
  /** Whether the OS's do-not-disturb is on (where the desktop can tell). */
  doNotDisturb?: () => boolean;
  /**
   * Where the criticals already told of are kept, so a reload or a restart of the same sign-in
   * does not announce them again.
   */
  store?: KeyValueStore;
  logger?: Logger;
}): NotificationCenter {
  let state: PolicyState = emptyPolicyState();
  let user: { id: string; role: Role } | undefined;
  let reminderTimer: TimerHandle | undefined;
  let backlogTimer: TimerHandle | undefined;
  let backlogSince: number | undefined;
  let lastChime = -Infinity;
  const book = new AlertBook();
  /** Open criticals this sign-in has already told the person of (a toast or the summary). */
  const announced = new Set<string>();
  let announcedLoaded: Promise<void> = Promise.resolve();

  const storeKey = () => (user ? `announced-${user.id}` : undefined);
  function saveAnnounced(): void {
    const key = storeKey();
    if (!key || !deps.store) return;
    deps.store
      .set(key, JSON.stringify([...announced]))
      .catch((err: unknown) => deps.logger?.warn({ err: String(err) }, 'announced criticals not saved'));
  }
  /** Only open criticals stay announced: one that ended and comes back is news again. */
  function pruneAnnounced(): void {
    let changed = false;
    for (const k of announced) {
      if (!book.isOpenCritical(k)) {
        announced.delete(k);
        changed = true;
      }
    }
    if (changed) saveAnnounced();
  }

  const ctx = () => {
    const s = deps.settings();
    return {
      prefs: s.notifications,
      now: deps.clock.now(),
      userId: user?.id,
      role: user?.role,
      soundEnabled: s.sound.enabled,
      doNotDisturb: deps.doNotDisturb?.() ?? false,
    };
  };

  function hand(commands: NotificationCommand[]): void {
    if (commands.length === 0) return;
    deps.emit(commands);
    const levels = commands.flatMap((c) => (c.op === 'show' && c.sound && c.priority !== 'low' ? [c.priority] : []));
    const level = (['critical', 'high', 'normal'] as const).find((p) => levels.includes(p));
    if (level) deps.sound(level);
  }

  function armReminders(): void {
    if (reminderTimer !== undefined || Object.keys(state.reminders).length === 0) return;
    reminderTimer = deps.clock.setTimeout(() => {
      reminderTimer = undefined;
      const r = remind(ctx(), state, (key) => book.stateOf(key) === 'open');
      state = r.state;
      hand(r.commands);
      armReminders();
    }, REMINDER_CHECK_MS);
  }

  /**
   * After a reload or a catch-up settles (no more channels for a moment, or the longest wait):
   * the open criticals nobody was told of, once; and every open critical gets its reminders.
   */
  function armBacklog(): void {
    const now = deps.clock.now();
    backlogSince ??= now;
    if (backlogTimer !== undefined) deps.clock.clearTimeout(backlogTimer);
    const wait = Math.min(BACKLOG_SETTLE_MS, Math.max(0, backlogSince + BACKLOG_MAX_WAIT_MS - now));
    backlogTimer = deps.clock.setTimeout(() => void settleBacklog(), wait);
  }

  async function settleBacklog(): Promise<void> {
    backlogTimer = undefined;
    backlogSince = undefined;
    await announcedLoaded;
    pruneAnnounced();
    const c = ctx();
    const snoozed = (k: string) => (state.snoozed[k] ?? 0) > c.now;
    const open = book.openCriticals().filter((a) => !snoozed(a.alertKey));
    state = remindLater(open, c, state);
    armReminders();
    const fresh = open.filter((a) => !announced.has(a.alertKey));
    if (fresh.length === 0) return;
    for (const a of fresh) announced.add(a.alertKey);
    saveAnnounced();
    deps.emit([{ op: 'backlog', critical: book.counts().open.critical, fresh: fresh.length }]);
    deps.sound('critical');
  }

  function stopTimers(): void {
    if (reminderTimer !== undefined) deps.clock.clearTimeout(reminderTimer);
    if (backlogTimer !== undefined) deps.clock.clearTimeout(backlogTimer);
    reminderTimer = undefined;
    backlogTimer = undefined;
    backlogSince = undefined;
  }

  function chime(d: Delivery): void {
    const e = d.event;
    if (e.type !== 'ORDER_NOTIFICATION' || e.payload.kind !== 'ORDER_CREATED') return;
    const c = ctx();
    if (!chimePlays(deps.settings(), user?.role, c.now, c.doNotDisturb)) return;
    if (c.now - lastChime < CHIME_MIN_GAP_MS) return;
    lastChime = c.now;
    deps.sound('normal');
  }

  return {
    onDelivery(d, catchUp = false) {
      if (book.applyDelivery(d)) deps.countsChanged();
      const e = d.event;
      // Acknowledged (a repeat keeps the acknowledgement): it no longer notifies anyone.
      const acknowledged = 'alertKey' in e && e.alertKey !== undefined && book.stateOf(e.alertKey) === 'acknowledged';
      if (!acknowledged) {
        const r = decide(d, ctx(), state, catchUp);
        state = r.state;
        const criticals = r.commands.filter(
          (c) => c.op === 'show' && c.priority === 'critical' && !announced.has(c.id),
        );
        for (const c of criticals) if (c.op === 'show') announced.add(c.id);
        if (criticals.length > 0) saveAnnounced();
        hand(r.commands);
      }
      if (alertChangesOf(e).some((c) => c.op === 'resolved' || c.op === 'acknowledged')) pruneAnnounced();
      armReminders();
      if (catchUp) armBacklog();
      else chime(d);
    },
    onSnapshot(snapshot) {
      book.applySnapshot(snapshot);
      deps.countsChanged();
      state = withSnoozes(snapshot.alerts ?? [], state);
      armBacklog();
    },
    dismissed(id) {
      state = dismissed(id, state);
    },
    counts: () => book.counts(),
    setUser(next) {
      user = next;
      announced.clear();
      const key = storeKey();
      if (!key || !deps.store) return;
      const store = deps.store;
      announcedLoaded = store
        .get(key)
        .then(
          (raw) => {
            if (user?.id !== next?.id || raw === undefined) return;
            const keys: unknown = JSON.parse(raw);
            if (Array.isArray(keys)) for (const k of keys.slice(0, 10_000)) if (typeof k === 'string') announced.add(k);
          },
          (err: unknown) => deps.logger?.warn({ err: String(err) }, 'announced criticals not read'),
        )
        .catch(() => undefined);
    },
    reset() {
      stopTimers();
      state = emptyPolicyState();
      book.reset();
      announced.clear();
      lastChime = -Infinity;
      deps.countsChanged();
    },
    close: stopTimers,
  };
}
