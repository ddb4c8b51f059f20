// Runs the notification policy over the deliveries the client shows and keeps its state; keeps the
// book of the user's alerts (the one count every badge shows); summarises the open criticals that
// arrived while away (a reload, a reconnect, a replay) once instead of one by one; reminds of
// unacknowledged criticals; chimes for new orders when the user wants it; and hands the commands
// and the sound to play to the host.
import {
  chimeOn,
  type AlertCounts,
  type ChannelSnapshot,
  type Delivery,
  type NotificationCommand,
  type Role,
  type Settings,
} from '../../protocol';
import type { Clock, TimerHandle } from '../ports';
import { AlertBook } from './alertBook';
import { decide, dismissed, emptyPolicyState, remind, silencedNow, withSnoozes, type PolicyState } from './policy';

const REMINDER_CHECK_MS = 30_000;
/** A reload or reconnect loads every channel within this; its open criticals are summarised once. */
export const BACKLOG_SETTLE_MS = 300;
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
}): NotificationCenter {
  let state: PolicyState = emptyPolicyState();
  let user: { id: string; role: Role } | undefined;
  let reminderTimer: TimerHandle | undefined;
  let backlogTimer: TimerHandle | undefined;
  let lastChime = -Infinity;
  const book = new AlertBook();
  /** Criticals this sign-in has already told the person of (a toast or the summary). */
  const announced = new Set<string>();

  const ctx = () => {
    const s = deps.settings();
    return {
      prefs: s.notifications,
      now: deps.clock.now(),
      userId: user?.id,
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
      const r = remind(ctx(), state);
      state = r.state;
      hand(r.commands);
      armReminders();
    }, REMINDER_CHECK_MS);
  }

  /** After a reload or a catch-up settles: the open criticals nobody was told of, once. */
  function armBacklog(): void {
    if (backlogTimer !== undefined) return;
    backlogTimer = deps.clock.setTimeout(() => {
      backlogTimer = undefined;
      const fresh = book.openCriticalKeys().filter((k) => !announced.has(k));
      if (fresh.length === 0) return;
      for (const k of fresh) announced.add(k);
      deps.emit([{ op: 'backlog', critical: book.counts().open.critical, fresh: fresh.length }]);
      deps.sound('critical');
    }, BACKLOG_SETTLE_MS);
  }

  function chime(d: Delivery): void {
    const e = d.event;
    if (e.type !== 'ORDER_NOTIFICATION' || e.payload.kind !== 'ORDER_CREATED') return;
    const s = deps.settings();
    const c = ctx();
    if (!chimeOn(s, user?.role) || !s.sound.enabled || c.doNotDisturb) return;
    if (silencedNow(c, d.channel, 'ORDER_CREATED') || c.now - lastChime < CHIME_MIN_GAP_MS) return;
    lastChime = c.now;
    deps.sound('normal');
  }

  return {
    onDelivery(d, catchUp = false) {
      if (book.applyDelivery(d)) deps.countsChanged();
      const r = decide(d, ctx(), state, catchUp);
      state = r.state;
      for (const c of r.commands) if (c.op === 'show' && c.priority === 'critical') announced.add(c.id);
      hand(r.commands);
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
    },
    reset() {
      state = emptyPolicyState();
      book.reset();
      announced.clear();
      lastChime = -Infinity;
      deps.countsChanged();
    },
    close() {
      if (reminderTimer !== undefined) deps.clock.clearTimeout(reminderTimer);
      if (backlogTimer !== undefined) deps.clock.clearTimeout(backlogTimer);
      reminderTimer = undefined;
      backlogTimer = undefined;
    },
  };
}
