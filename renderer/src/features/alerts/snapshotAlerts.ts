// What a channel's snapshot tells the slices that build rows from events (stock, prices, system):
// the latest events of its open alerts rebuild those rows as if the events had arrived live, and a
// row that only an alert of that channel stood for goes once the alert is no longer open.
import type { ChannelSnapshot, LiveEvent } from '../../../../protocol';

export interface SnapshotAlerts {
  channel: string;
  /** Keys of the channel's alerts that are not resolved. */
  open: ReadonlySet<string>;
  /** Their latest events, oldest first: the order they would have arrived in. */
  events: LiveEvent[];
}

/** The snapshots of a batch that carry alerts (user channels carry none and leave rows alone). */
export function snapshotAlertsOf(snapshots: readonly ChannelSnapshot[] | undefined): SnapshotAlerts[] {
  const out: SnapshotAlerts[] = [];
  for (const snap of snapshots ?? []) {
    if (!snap.alerts) continue;
    const events = snap.alerts.flatMap((a) => (a.lastEvent ? [a.lastEvent] : []));
    events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    out.push({ channel: snap.channel, open: new Set(snap.alerts.map((a) => a.alertKey)), events });
  }
  return out;
}

/** What the event-built rows share: where their latest event came from and the alert it was part of. */
export interface EventRow {
  channel: string;
  alertKey?: string;
  /** When the row's latest event occurred (ISO). */
  at: string;
}

/** A row the snapshot no longer stands for: made by an alert of its channel that is now resolved. */
export const outdatedBy = (snap: SnapshotAlerts, row: EventRow): boolean =>
  row.channel === snap.channel && row.alertKey !== undefined && !snap.open.has(row.alertKey);

/**
 * A snapshot's event older than what the row already shows: the row's later event opened no alert
 * (a plain stock or price change), so the snapshot does not have it, and it stays.
 */
export const olderThanRow = (e: LiveEvent, row: EventRow | undefined): boolean =>
  row !== undefined && Date.parse(e.occurredAt) < Date.parse(row.at);
