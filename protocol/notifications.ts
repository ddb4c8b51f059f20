// What the notification policy decides, and the preferences it decides by.
import { z } from 'zod';
import { Priority, type Priority as PriorityT } from './common';

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

/** One thing for the host to do: show, update (collapsed repeat), or clear a notification. */
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
      title: string;
      body: string;
      channel: string;
      alertKey?: string;
      eventId: string;
      /** Repeats folded into this notification. */
      count: number;
      /** A repeat of an unacknowledged critical alert. */
      reminder?: boolean;
    }
  | { op: 'update'; id: string; count: number; body: string }
  | { op: 'summary'; id: string; count: number; priority: PriorityT }
  | { op: 'clear'; id: string; reason: 'acknowledged' | 'read' | 'resolved' };

export const PRIORITY_ORDER: readonly PriorityT[] = Priority.options;
