// The notification policy: a pure function of an event, the user's preferences and what was shown
// recently, to what the host does (an OS notification, an in-app toast, a sound, the badge, or only
// the history). Critical is never silenced by a setting: mutes, quiet hours and flood control pass it.
import {
  PRIORITIES,
  type ChannelSnapshot,
  type Delivery,
  type NotificationCommand,
  type NotificationPrefs,
  type Priority,
  type Reach,
} from '../../protocol';
import { describeEvent, titleOf } from './describe';

interface Reminder {
  at: number;
  title: string;
  body: string;
  channel: string;
  eventId: string;
}

export interface PolicyState {
  /** Shown recently, by notification id (the alert key, or the event id): for collapsing. */
  recent: Record<string, { at: number; count: number }>;
  /** When notifications were shown in the last minute: flood control. */
  shownAt: number[];
  /** Notifications folded into the current summary. */
  suppressed: number;
  /** Shown and not yet read, acknowledged or resolved: id → priority. */
  unread: Record<string, Priority>;
  /** Critical alerts to show again until acknowledged: alert key → when. */
  reminders: Record<string, Reminder>;
  /** Alerts this user snoozed: alert key → until. */
  snoozed: Record<string, number>;
}

/** A copy the decision may change freely (the caller's state stays as it was). */
function copy(s: PolicyState): PolicyState {
  return {
    recent: Object.fromEntries(Object.entries(s.recent).map(([k, v]) => [k, { ...v }])),
    shownAt: [...s.shownAt],
    suppressed: s.suppressed,
    unread: { ...s.unread },
    reminders: Object.fromEntries(Object.entries(s.reminders).map(([k, v]) => [k, { ...v }])),
    snoozed: { ...s.snoozed },
  };
}

export const emptyPolicyState = (): PolicyState => ({
  recent: {},
  shownAt: [],
  suppressed: 0,
  unread: {},
  reminders: {},
  snoozed: {},
});

export interface PolicyContext {
  prefs: NotificationPrefs;
  now: number;
  language: 'tr' | 'en';
  /** The signed-in user: their own result events (snoozes, reads) are theirs to apply. */
  userId?: string;
}

export const SUMMARY_ID = 'summary';

const ISTANBUL_OFFSET_MIN = 180;

/** Whether `now` falls in the quiet hours (Istanbul wall clock; the range may wrap midnight). */
export function inQuietHours(prefs: NotificationPrefs, now: number): boolean {
  if (!prefs.quietHours.enabled) return false;
  const minuteOfDay = (Math.floor(now / 60_000) + ISTANBUL_OFFSET_MIN) % 1440;
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const start = toMin(prefs.quietHours.start);
  const end = toMin(prefs.quietHours.end);
  return start <= end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

function clear(
  state: PolicyState,
  id: string,
  reason: 'acknowledged' | 'read' | 'resolved',
  out: NotificationCommand[],
) {
  const wasShown = id in state.unread || id in state.recent || id in state.reminders;
  delete state.unread[id];
  delete state.reminders[id];
  delete state.recent[id];
  if (wasShown) out.push({ op: 'clear', id, reason });
}

/** Applies one delivered event: returns what to do and the next state (the input is not changed). */
export function decide(
  delivery: Delivery,
  ctx: PolicyContext,
  prev: PolicyState,
): { commands: NotificationCommand[]; state: PolicyState } {
  const state = copy(prev);
  const out: NotificationCommand[] = [];
  const e = delivery.event;
  const { prefs, now } = ctx;
  state.shownAt = state.shownAt.filter((t) => t > now - 60_000);
  if (state.shownAt.length === 0) state.suppressed = 0;

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

  const priority = e.priority;
  const critical = priority === 'critical';
  const alertKey = e.alertKey;
  const id = alertKey ?? e.id;
  const setting = prefs.priorities[priority];
  let reach: Reach = setting.reach;
  let sound = setting.sound;
  const kind = 'kind' in e.payload ? String(e.payload.kind) : e.type;
  const snoozedUntil = alertKey ? state.snoozed[alertKey] : undefined;
  const silenced =
    prefs.mutedChannels.includes(delivery.channel) ||
    prefs.mutedKinds.includes(kind) ||
    (prefs.mutedUntil ?? 0) > now ||
    inQuietHours(prefs, now);
  if (snoozedUntil !== undefined && snoozedUntil > now) {
    // The person snoozed this very alert: that is their call, even for critical (the reminders
    // come back when the snooze ends).
    reach = 'history';
    sound = false;
  } else if (critical) {
    // Whatever the settings say, critical reaches the person, with sound, and stays.
    reach = 'os';
    sound = true;
  } else if (silenced) {
    reach = 'history';
    sound = false;
  }
  if (reach === 'history') return { commands: out, state };

  // The same alert again within the window: one notification, counting.
  const seen = state.recent[id];
  if (seen && now - seen.at < prefs.collapseSeconds * 1000) {
    seen.count += 1;
    seen.at = now;
    state.unread[id] = priority;
    out.push({ op: 'update', id, count: seen.count, body: describeEvent(e, ctx.language).body });
    return { commands: out, state };
  }

  // Too many in the last minute: fold the rest into one summary (critical still shows).
  if (!critical && state.shownAt.length >= prefs.floodPerMinute) {
    state.suppressed += 1;
    out.push({ op: 'summary', id: SUMMARY_ID, count: state.suppressed, priority });
    return { commands: out, state };
  }

  const text = describeEvent(e, ctx.language);
  state.shownAt.push(now);
  state.recent[id] = { at: now, count: 1 };
  state.unread[id] = priority;
  out.push({
    op: 'show',
    id,
    priority,
    reach,
    sound,
    sticky: critical,
    title: text.title,
    body: text.body,
    channel: delivery.channel,
    ...(alertKey ? { alertKey } : {}),
    eventId: e.id,
    count: 1,
  });
  if (critical && alertKey && prefs.repeatCriticalMinutes > 0) {
    state.reminders[alertKey] = {
      at: now + prefs.repeatCriticalMinutes * 60_000,
      title: text.title,
      body: text.body,
      channel: delivery.channel,
      eventId: e.id,
    };
  }
  return { commands: out, state };
}

/** Critical alerts due again (not acknowledged, not snoozed): shown again, with sound. */
export function remind(ctx: PolicyContext, prev: PolicyState): { commands: NotificationCommand[]; state: PolicyState } {
  const state = copy(prev);
  const out: NotificationCommand[] = [];
  for (const [alertKey, r] of Object.entries(state.reminders)) {
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
      title: r.title,
      body: r.body,
      channel: r.channel,
      alertKey,
      eventId: r.eventId,
      count: state.recent[alertKey]?.count ?? 1,
      reminder: true,
    });
    r.at = ctx.now + ctx.prefs.repeatCriticalMinutes * 60_000;
    state.unread[alertKey] = 'critical';
  }
  return { commands: out, state };
}

/**
 * A channel reloaded from a snapshot: its open, unread, high or critical alerts that were not
 * notified yet (they happened while the log could not replay to us) are notified now, each as an
 * event of its priority would be — the same settings, mutes and flood control apply.
 */
export function fromSnapshot(
  snapshot: ChannelSnapshot,
  ctx: PolicyContext,
  prev: PolicyState,
): { commands: NotificationCommand[]; state: PolicyState } {
  const state = copy(prev);
  const out: NotificationCommand[] = [];
  const { prefs, now } = ctx;
  state.shownAt = state.shownAt.filter((t) => t > now - 60_000);
  for (const alert of snapshot.alerts ?? []) {
    if (alert.snoozedUntil) state.snoozed[alert.alertKey] = Date.parse(alert.snoozedUntil);
    if (alert.state !== 'open' || alert.read || (alert.priority !== 'critical' && alert.priority !== 'high')) continue;
    const id = alert.alertKey;
    if (id in state.recent || id in state.unread) continue;
    if (alert.snoozedUntil && Date.parse(alert.snoozedUntil) > now) continue;
    const critical = alert.priority === 'critical';
    const silenced =
      prefs.mutedChannels.includes(snapshot.channel) ||
      prefs.mutedKinds.includes(alert.kind) ||
      (prefs.mutedUntil ?? 0) > now ||
      inQuietHours(prefs, now);
    const setting = prefs.priorities[alert.priority];
    const reach: Reach = critical ? 'os' : silenced ? 'history' : setting.reach;
    if (reach === 'history') continue;
    if (!critical && state.shownAt.length >= prefs.floodPerMinute) {
      state.suppressed += 1;
      out.push({ op: 'summary', id: SUMMARY_ID, count: state.suppressed, priority: alert.priority });
      continue;
    }
    const title = titleOf(alert.kind, ctx.language);
    state.shownAt.push(now);
    state.recent[id] = { at: now, count: alert.count };
    state.unread[id] = alert.priority;
    out.push({
      op: 'show',
      id,
      priority: alert.priority,
      reach,
      sound: critical || setting.sound,
      sticky: critical,
      title,
      body: alert.title,
      channel: snapshot.channel,
      alertKey: id,
      eventId: id,
      count: alert.count,
    });
    if (critical && prefs.repeatCriticalMinutes > 0) {
      state.reminders[id] = {
        at: now + prefs.repeatCriticalMinutes * 60_000,
        title,
        body: alert.title,
        channel: snapshot.channel,
        eventId: id,
      };
    }
  }
  return { commands: out, state };
}

/** Unread notifications per priority: the tray badge. */
export function unreadCounts(state: PolicyState): Record<Priority, number> {
  const counts = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const p of Object.values(state.unread)) counts[p] += 1;
  return counts;
}
