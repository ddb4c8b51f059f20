// What the notification policy decides, and the preferences it decides by.
import { z } from 'zod';
import { Priority, type Priority as PriorityT } from './common';
import type { NotificationAbout } from './notificationText';
import type { SubjectTarget } from './subjects';

/** How far an event of a priority reaches the person. */
export const Reach = z.enum(['os', 'toast', 'history']);
export type Reach = z.infer<typeof Reach>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const NotificationPrefs = z.strictObject({
  /** Per priority: where it shows, and whether it plays a sound. */
  priorities: z.strictObject({
    critical: z.strictObject({ reach: Reach, sound: z.boolean() }),
    high: z.strictObject({ reach: Reach, sound: z.boolean() }),
    normal: z.strictObject({ reach: Reach, sound: z.boolean() }),
    low: z.strictObject({ reach: Reach, sound: z.boolean() }),
  }),
  /** Channels and event kinds that only go to the history (critical still rings). */
  mutedChannels: z.array(z.string().max(64)).max(32),
  mutedKinds: z.array(z.string().max(64)).max(64),
  /** Until then (ms) nothing but critical notifies (the tray's "mute for 1 hour"). */
  mutedUntil: z.number().int().min(0).optional(),
  /** Europe/Istanbul wall clock; only critical notifies inside. May wrap midnight (22:00–07:00). */
  quietHours: z.strictObject({ enabled: z.boolean(), start: HHMM, end: HHMM }),
  /** Same alert (or kind and subject) again within this window: one notification with a count. */
  collapseSeconds: z.number().int().min(0).max(3600),
  /** More than this many notifications in a minute: the rest become one summary. */
  floodPerMinute: z.number().int().min(1).max(1000),
  /** A critical alert not acknowledged is shown again this often (minutes; 0: never). */
  repeatCriticalMinutes: z.number().int().min(0).max(120),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = {
  priorities: {
    critical: { reach: 'os', sound: true },
    high: { reach: 'os', sound: true },
    normal: { reach: 'toast', sound: false },
    low: { reach: 'history', sound: false },
  },
  mutedChannels: [],
  mutedKinds: [],
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  collapseSeconds: 60,
  floodPerMinute: 20,
  repeatCriticalMinutes: 5,
};

/**
 * One thing for the host to do: show, update (a collapsed repeat), summarise (a burst) or clear a
 * notification. Commands carry data, not words: the console and the desktop write the text in the
 * reader's language from `about` (protocol/notificationText.ts).
 */
export type NotificationCommand =
  | {
      op: 'show';
      /** Stable per alert (or event): a later `update` or `clear` names it. */
      id: string;
      priority: PriorityT;
      reach: Exclude<Reach, 'history'>;
      sound: boolean;
      /** Stays until dismissed (critical), where the OS allows. */
      sticky: boolean;
      about: NotificationAbout;
      /** Where "Göster" and a click lead: the order, SKU, price or system row it is about. */
      target: SubjectTarget;
      channel: string;
      alertKey?: string;
      eventId: string;
      /** Repeats folded into this notification. */
      count: number;
      /** A repeat of an unacknowledged critical alert: the OS is told again, the console's bar pulses. */
      reminder?: boolean;
    }
  | { op: 'update'; id: string; count: number; about: NotificationAbout }
  /** `count`: notifications held back in the last minute (a rolling count, not a running total). */
  | { op: 'summary'; id: string; count: number; priority: PriorityT }
  | { op: 'clear'; id: string; reason: 'acknowledged' | 'read' | 'resolved' }
  /**
   * Open criticals arrived while the console was away (a reload, a reconnect, a replay): said once,
   * not toasted one by one. `critical`: open criticals now; `fresh`: of them, not told of before.
   */
  | { op: 'backlog'; critical: number; fresh: number };

export const PRIORITY_ORDER: readonly PriorityT[] = Priority.options;

/** What may hold back a notification or its sound beside the per-priority settings. */
export interface ReachContext {
  prefs: NotificationPrefs;
  /** The master sound switch of the settings: off silences everything but critical. */
  soundEnabled?: boolean;
  /** The OS's do-not-disturb, where the desktop can read it: on silences everything but critical. */
  doNotDisturb?: boolean;
}

/**
 * Where an alert of this priority reaches the person and whether it sounds: what the policy does and
 * what the settings page shows. Critical always reaches the OS, stays and sounds; `silenced` (mutes,
 * quiet hours) sends the rest to the history only. Low priority never sounds.
 */
export function reachOf(priority: PriorityT, ctx: ReachContext, silenced = false): { reach: Reach; sound: boolean } {
  if (priority === 'critical') return { reach: 'os', sound: true };
  if (silenced) return { reach: 'history', sound: false };
  const setting = ctx.prefs.priorities[priority];
  const audible = setting.sound && priority !== 'low' && setting.reach !== 'history';
  return { reach: setting.reach, sound: audible && ctx.soundEnabled !== false && ctx.doNotDisturb !== true };
}

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

/** Whether mutes, the tray's "mute for an hour" or quiet hours hold back everything but critical. */
export function silencedNow(prefs: NotificationPrefs, now: number, channel: string, kind: string): boolean {
  return (
    prefs.mutedChannels.includes(channel) ||
    prefs.mutedKinds.includes(kind) ||
    (prefs.mutedUntil ?? 0) > now ||
    inQuietHours(prefs, now)
  );
}
