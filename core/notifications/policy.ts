// The notification policy: a pure function of a delivered event, the user's preferences and what was
// shown recently, to what the host does (an OS notification, an in-app toast, a sound, or nothing).
// Only alerts notify — exceptions a person must act on; routine flow (new orders, accepted prices,
// stock changes) is shown in its screen. Critical is never silenced by a setting: mutes, quiet
// hours, do-not-disturb, flood control and a sound switched off all let it through.
import {
  inQuietHours,
  reachOf,
  silencedNow,
  targetOfAlert,
  type Delivery,
  type NotificationAbout,
  type NotificationCommand,
  type NotificationPrefs,
  type Priority,
  type ProducerEvent,
  type Role,
} from '../../protocol';

interface Reminder {
  at: number;
  about: NotificationAbout;
  channel: string;
  eventId: string;
}

export interface PolicyState {
  /** Notified recently and still on screen, by notification id (the alert key): for collapsing. */
  recent: Record<string, { at: number; count: number; priority: Priority }>;
  /** When notifications were shown in the last minute: flood control. */
  shownAt: number[];
  /** When notifications were held back in the last minute: the summary's rolling count. */
  suppressedAt: number[];
  /** Notified and not yet read, acknowledged or resolved: these get a `clear` when they are. */
  shown: Record<string, Priority>;
  /** Critical alerts to remind of until acknowledged: alert key → when. */
  reminders: Record<string, Reminder>;
  /** Alerts this user snoozed: alert key → until. */
  snoozed: Record<string, number>;
}

/** A copy the decision may change freely (the caller's state stays as it was). */
function copy(s: PolicyState): PolicyState {
  return {
    recent: Object.fromEntries(Object.entries(s.recent).map(([k, v]) => [k, { ...v }])),
    shownAt: [...s.shownAt],
    suppressedAt: [...s.suppressedAt],
    shown: { ...s.shown },
    reminders: Object.fromEntries(Object.entries(s.reminders).map(([k, v]) => [k, { ...v }])),
    snoozed: { ...s.snoozed },
  };
}

export const emptyPolicyState = (): PolicyState => ({
  recent: {},
  shownAt: [],
  suppressedAt: [],
  shown: {},
  reminders: {},
  snoozed: {},
});

export interface PolicyContext {
  prefs: NotificationPrefs;
  now: number;
  /** The signed-in user: their own result events (snoozes, reads) are theirs to apply. */
  userId?: string;
  /** Their role: a notification leads to a screen the role has, else to the alert itself. */
  role?: Role;
  /** The master sound switch of the settings: off silences everything but critical. */
  soundEnabled?: boolean;
  /** The OS's do-not-disturb, where the desktop can read it: on silences everything but critical. */
  doNotDisturb?: boolean;
}

export { inQuietHours };

export const SUMMARY_ID = 'summary';
const FLOOD_WINDOW_MS = 60_000;
/** Notifications remembered as shown (until read, acknowledged or resolved), newest kept. */
export const MAX_SHOWN = 2000;
const RANK: Record<Priority, number> = { critical: 0, high: 1, normal: 2, low: 3 };

/**
 * Takes the notification away. Reading it (in the alert centre) is not handling it: a critical's
 * reminders go on until someone acknowledges it or it is resolved.
 */
function clear(
  state: PolicyState,
  id: string,
  reason: 'acknowledged' | 'read' | 'resolved',
  out: NotificationCommand[],
) {
  const wasShown = id in state.shown || id in state.recent || (reason !== 'read' && id in state.reminders);
  delete state.shown[id];
  delete state.recent[id];
  if (reason !== 'read') delete state.reminders[id];
  if (wasShown) out.push({ op: 'clear', id, reason });
}

/** Forgets what can no longer matter, so the state stays small over weeks of running. */
function prune(state: PolicyState, ctx: PolicyContext): void {
  const { now, prefs } = ctx;
  state.shownAt = state.shownAt.filter((t) => t > now - FLOOD_WINDOW_MS);
  state.suppressedAt = state.suppressedAt.filter((t) => t > now - FLOOD_WINDOW_MS);
  const horizon = Math.max(prefs.collapseSeconds * 1000, FLOOD_WINDOW_MS);
  for (const [id, r] of Object.entries(state.recent)) if (r.at <= now - horizon) delete state.recent[id];
  for (const [key, until] of Object.entries(state.snoozed)) if (until <= now) delete state.snoozed[key];
  const shown = Object.keys(state.shown);
  for (const id of shown.slice(0, Math.max(0, shown.length - MAX_SHOWN))) delete state.shown[id];
}

/** What a notification about this event says and where it leads (built into words by the reader). */
export function aboutOf(e: ProducerEvent, alertKey: string): NotificationAbout {
  return {
    type: e.type,
    kind: 'kind' in e.payload ? String(e.payload.kind) : e.type,
    alertKey,
    ...(e.marketplace ? { marketplace: e.marketplace } : {}),
    event: e,
  };
}

/**
 * Applies one delivered event: returns what to do and the next state (the input is not changed).
 * `catchUp`: the event was missed while offline and is replayed now — it changes the state (clears,
 * snoozes) but is not notified one by one; the open criticals are summarised once instead.
 */
export function decide(
  delivery: Delivery,
  ctx: PolicyContext,
  prev: PolicyState,
  catchUp = false,
): { commands: NotificationCommand[]; state: PolicyState } {
  const state = copy(prev);
  const out: NotificationCommand[] = [];
  const e = delivery.event;
  const { prefs, now } = ctx;
  prune(state, ctx);

  switch (e.type) {
    case 'METRIC_UPDATE':
      return { commands: out, state };
    case 'ALERT_ACKED':
      // Acknowledged anywhere, by anyone: it stops notifying everywhere.
      clear(state, e.payload.alertKey, 'acknowledged', out);
      return { commands: out, state };
    case 'ALERT_RESOLVED':
      clear(state, e.payload.alertKey, 'resolved', out);
      return { commands: out, state };
    case 'ALERTS_READ':
      if (e.payload.by.id === ctx.userId) for (const key of e.payload.alertKeys) clear(state, key, 'read', out);
      return { commands: out, state };
    case 'ALERT_SNOOZED':
      if (e.payload.by.id === ctx.userId) {
        const until = Date.parse(e.payload.until);
        state.snoozed[e.payload.alertKey] = until;
        // Reminders wait for the snooze to end, then resume until the alert is acknowledged.
        const reminder = state.reminders[e.payload.alertKey];
        if (reminder) reminder.at = Math.max(reminder.at, until);
      }
      return { commands: out, state };
    case 'ORDER_CLAIMED':
    case 'ORDER_RELEASED':
    case 'ORDER_NOTE_ADDED':
      return { commands: out, state };
  }

  // Routine flow — an event that opened no alert — is shown in its screen, never raised.
  const alertKey = e.alertKey;
  if (!alertKey || catchUp) return { commands: out, state };

  const priority = e.priority;
  const critical = priority === 'critical';
  const id = alertKey;
  const kind = 'kind' in e.payload ? String(e.payload.kind) : e.type;
  const snoozedUntil = state.snoozed[alertKey];
  // The person snoozed this very alert: that is their call, even for critical (the reminders come
  // back when the snooze ends).
  if (snoozedUntil !== undefined && snoozedUntil > now) return { commands: out, state };
  // No longer critical: its reminders stop.
  if (!critical) delete state.reminders[alertKey];
  const { reach, sound } = reachOf(priority, ctx, silencedNow(prefs, now, delivery.channel, kind));
  if (reach === 'history') return { commands: out, state };
  const about = aboutOf(e, alertKey);

  // The same alert again while its notification is still up: one notification, counting — unless
  // it got worse, which is news and shows (and sounds) again.
  const seen = state.recent[id];
  const inWindow = seen !== undefined && now - seen.at < prefs.collapseSeconds * 1000;
  if (seen && inWindow && RANK[priority] >= RANK[seen.priority]) {
    seen.count += 1;
    seen.at = now;
    state.shown[id] = priority;
    out.push({ op: 'update', id, count: seen.count, about });
    return { commands: out, state };
  }

  // Too many in the last minute: fold the rest into one summary (critical still shows).
  if (!critical && state.shownAt.length >= prefs.floodPerMinute) {
    state.suppressedAt.push(now);
    out.push({ op: 'summary', id: SUMMARY_ID, count: state.suppressedAt.length, priority });
    return { commands: out, state };
  }

  // Worse within the window: the notification is shown anew, still counting its repeats.
  const count = seen && inWindow ? seen.count + 1 : 1;
  state.shownAt.push(now);
  state.recent[id] = { at: now, count, priority };
  state.shown[id] = priority;
  out.push({
    op: 'show',
    id,
    priority,
    reach,
    sound,
    sticky: critical,
    about,
    target: targetOfAlert(e.type, alertKey, ctx.role),
    channel: delivery.channel,
    alertKey,
    eventId: e.id,
    count,
  });
  if (critical && prefs.repeatCriticalMinutes > 0) {
    state.reminders[alertKey] = {
      at: now + prefs.repeatCriticalMinutes * 60_000,
      about,
      channel: delivery.channel,
      eventId: e.id,
    };
  }
  return { commands: out, state };
}

/**
 * The person closed the notification (×, Esc, a swipe). Closing is not a snooze: the next repeat
 * of the alert notifies afresh instead of counting on a notification nobody sees.
 */
export function dismissed(id: string, prev: PolicyState): PolicyState {
  if (!(id in prev.recent)) return prev;
  const state = copy(prev);
  delete state.recent[id];
  return state;
}

/**
 * Critical alerts due again (still open — `isOpen` asks the alert book —, not snoozed): the OS is
 * told again with sound, and the console's bar of open criticals pulses — a reminder is not a new
 * toast.
 */
export function remind(
  ctx: PolicyContext,
  prev: PolicyState,
  isOpen: (alertKey: string) => boolean = () => true,
): { commands: NotificationCommand[]; state: PolicyState } {
  const state = copy(prev);
  const out: NotificationCommand[] = [];
  for (const [alertKey, r] of Object.entries(state.reminders)) {
    if (!isOpen(alertKey)) {
      delete state.reminders[alertKey];
      continue;
    }
    if (r.at > ctx.now) continue;
    const snoozedUntil = state.snoozed[alertKey];
    if (snoozedUntil !== undefined && snoozedUntil > ctx.now) {
      r.at = snoozedUntil;
      continue;
    }
    out.push({
      op: 'show',
      id: alertKey,
      priority: 'critical',
      reach: 'os',
      sound: true,
      sticky: true,
      about: r.about,
      target: targetOfAlert(r.about.type, alertKey, ctx.role),
      channel: r.channel,
      alertKey,
      eventId: r.eventId,
      count: state.recent[alertKey]?.count ?? 1,
      reminder: true,
    });
    r.at = ctx.now + ctx.prefs.repeatCriticalMinutes * 60_000;
    state.shown[alertKey] = 'critical';
  }
  return { commands: out, state };
}

/** A snapshot's snoozes of this user: they hold for reminders and later repeats alike. */
export function withSnoozes(
  alerts: readonly { alertKey: string; snoozedUntil?: string }[],
  prev: PolicyState,
): PolicyState {
  const snoozes = alerts.filter((a) => a.snoozedUntil !== undefined);
  if (snoozes.length === 0) return prev;
  const state = copy(prev);
  for (const a of snoozes) state.snoozed[a.alertKey] = Date.parse(a.snoozedUntil as string);
  return state;
}

/**
 * Open criticals that came while away (a snapshot, a replay) are reminded of like those that came
 * live: each without a reminder yet gets one, the first due a repeat period from now.
 */
export function remindLater(
  alerts: readonly { alertKey: string; about: NotificationAbout; channel: string }[],
  ctx: PolicyContext,
  prev: PolicyState,
): PolicyState {
  const due = alerts.filter((a) => !(a.alertKey in prev.reminders));
  if (due.length === 0 || ctx.prefs.repeatCriticalMinutes === 0) return prev;
  const state = copy(prev);
  for (const a of due) {
    state.reminders[a.alertKey] = {
      at: ctx.now + ctx.prefs.repeatCriticalMinutes * 60_000,
      about: a.about,
      channel: a.channel,
      eventId: a.about.event?.id ?? a.alertKey,
    };
  }
  return state;
}
