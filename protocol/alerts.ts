// What an alert's state is, how a delivered event changes it, and how alerts are counted. One home
// for every part that keeps alerts (the client core's book, the console's alert centre, the
// gateway's count): the header, the nav badge, the tray and the OS badge all count the same way.
import { z } from 'zod';
import { PRIORITIES, type Priority } from './common';
import type { Actor, LiveEvent, ProducerEvent } from './events';

export const AlertState = z.enum(['open', 'acknowledged', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

const PriorityCounts = z.strictObject({
  critical: z.number().int().min(0),
  high: z.number().int().min(0),
  normal: z.number().int().min(0),
  low: z.number().int().min(0),
});

/**
 * Alerts of one user, per priority. `open`: not acknowledged and not resolved — what someone must
 * still act on. `unread`: open and not yet seen by this user in the alert centre — the badge.
 */
export const AlertCounts = z.strictObject({ open: PriorityCounts, unread: PriorityCounts });
export type AlertCounts = z.infer<typeof AlertCounts>;

const zeroes = (): Record<Priority, number> => ({ critical: 0, high: 0, normal: 0, low: 0 });
export const emptyAlertCounts = (): AlertCounts => ({ open: zeroes(), unread: zeroes() });

/** What counting needs of an alert. */
export interface CountableAlert {
  priority: Priority;
  state: AlertState;
  read: boolean;
}

export function countAlerts(alerts: Iterable<CountableAlert>): AlertCounts {
  const c = emptyAlertCounts();
  for (const a of alerts) {
    if (a.state !== 'open') continue;
    c.open[a.priority] += 1;
    if (!a.read) c.unread[a.priority] += 1;
  }
  return c;
}

/** The badge: every unread open alert, whatever its priority (the alert centre says the same). */
export const unreadTotal = (c: AlertCounts): number => PRIORITIES.reduce((n, p) => n + c.unread[p], 0);

/** Every open alert, whatever its priority. */
export const openTotal = (c: AlertCounts): number => PRIORITIES.reduce((n, p) => n + c.open[p], 0);

/** Whether an open alert must never be dropped from what a client keeps: critical, or high and open. */
export const mustKeep = (a: Pick<CountableAlert, 'priority' | 'state'>): boolean =>
  a.state === 'open' && (a.priority === 'critical' || a.priority === 'high');

/** How one delivered event changes the alerts it concerns. */
export type AlertChange =
  /** Opened, or seen again (a repeat or an escalation): open and unread once more. */
  | { op: 'seen'; alertKey: string; priority: Priority; at: string; event: ProducerEvent }
  | { op: 'acknowledged'; alertKey: string; by: Actor; at: string }
  | { op: 'resolved'; alertKey: string; at: string }
  | { op: 'snoozed'; alertKey: string; until: string }
  | { op: 'read'; alertKeys: readonly string[] };

export function alertChangesOf(e: LiveEvent): AlertChange[] {
  switch (e.type) {
    case 'ALERT_ACKED':
      return [{ op: 'acknowledged', alertKey: e.payload.alertKey, by: e.payload.by, at: e.payload.at }];
    case 'ALERT_RESOLVED':
      return [{ op: 'resolved', alertKey: e.payload.alertKey, at: e.payload.at }];
    case 'ALERT_SNOOZED':
      return [{ op: 'snoozed', alertKey: e.payload.alertKey, until: e.payload.until }];
    case 'ALERTS_READ':
      // Delivered on the reader's own user channel only: they are this user's reads.
      return [{ op: 'read', alertKeys: e.payload.alertKeys }];
    case 'ORDER_CLAIMED':
    case 'ORDER_RELEASED':
    case 'ORDER_NOTE_ADDED':
    case 'METRIC_UPDATE':
      return [];
    default:
      return e.alertKey ? [{ op: 'seen', alertKey: e.alertKey, priority: e.priority, at: e.occurredAt, event: e }] : [];
  }
}
