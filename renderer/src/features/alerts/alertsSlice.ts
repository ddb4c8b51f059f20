// Alerts and their history: loaded per channel from snapshots, kept live by events (a repeat
// counts on its alert, and is unread again), acknowledged, snoozed, read and resolved by result
// events — by the rules of protocol/alerts.ts, as the host's count and the gateway's. Every alert
// that is not resolved is kept, so the list and its counts agree; resolved ones are a bounded
// history (the newest MAX_RESOLVED).
import { createEntityAdapter, createSlice, current, isDraft, original } from '@reduxjs/toolkit';
import { alertChangesOf, subjectOfKey, type Actor, type AlertView, type LiveEvent } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface AlertRow extends Omit<AlertView, 'ackedBy'> {
  ackedBy?: Actor;
  /** The latest event of the alert, for its details. */
  lastEvent?: LiveEvent;
  resolvedAt?: string;
}

/** Resolved alerts kept for the history view; open and acknowledged ones are all kept. */
export const MAX_RESOLVED = 500;

// Newest first by lastSeenAt. Not a sorted adapter: that re-sorts everything on every add, and not
// when a repeat moves an alert's lastSeenAt. The batch restores the order once, if anything moved.
export const alertsAdapter = createEntityAdapter<AlertRow, string>({ selectId: (a) => a.alertKey });

type AlertsState = ReturnType<typeof alertsAdapter.getInitialState>;

const seenAt = (row: AlertRow | undefined): number => (row ? Date.parse(row.lastSeenAt) || 0 : 0);

/**
 * Restores newest-first order after a batch. `touched` holds the alerts whose lastSeenAt the batch
 * set (with it, in ms); the others keep their order, so they merge with the touched ones sorted. It
 * reads plain objects, never the draft: a sort through Immer's proxies drafts every alert.
 */
function sortNewestFirst(s: AlertsState, touched: Map<string, number>, all: boolean): void {
  const ids = isDraft(s.ids) ? current(s.ids) : s.ids;
  let rest: string[];
  let at: (id: string) => number;
  if (all) {
    // A snapshot replaced rows anywhere: sort everything (a snapshot is rare).
    const entities = isDraft(s.entities) ? current(s.entities) : s.entities;
    rest = [...ids];
    const times = new Map(rest.map((id) => [id, seenAt(entities[id])]));
    at = (id) => times.get(id) as number;
    rest.sort((a, b) => at(b) - at(a));
    s.ids = rest;
    return;
  }
  const before = (isDraft(s.entities) ? original(s.entities) : s.entities) as AlertsState['entities'];
  at = (id) => touched.get(id) ?? seenAt(before[id]);
  const front = [...touched.keys()].sort((a, b) => at(b) - at(a));
  rest = ids.filter((id) => !touched.has(id));
  const merged: string[] = [];
  let i = 0;
  let j = 0;
  while (i < front.length || j < rest.length) {
    const a = front[i];
    const b = rest[j];
    if (b === undefined || (a !== undefined && at(a) >= at(b))) {
      merged.push(a as string);
      i++;
    } else {
      merged.push(b);
      j++;
    }
  }
  s.ids = merged;
}

/**
 * Drops the oldest resolved alerts past the history's bound (the ids are newest first). It reads
 * plain objects, never the draft: reading every alert through Immer's proxies drafts each one.
 */
function trimResolved(s: AlertsState): void {
  const ids = isDraft(s.ids) ? current(s.ids) : s.ids;
  const entities = isDraft(s.entities) ? current(s.entities) : s.entities;
  let resolved = 0;
  const drop: string[] = [];
  for (const id of ids) {
    if (entities[id]?.state !== 'resolved') continue;
    resolved += 1;
    if (resolved > MAX_RESOLVED) drop.push(id);
  }
  if (drop.length > 0) alertsAdapter.removeMany(s, drop);
}

export const alertsSlice = createSlice({
  name: 'alerts',
  initialState: alertsAdapter.getInitialState(),
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      let resorted = false;
      // Only a snapshot or a resolution adds resolved alerts: any other batch leaves the bound held.
      let resolvedMore = false;
      const touched = new Map<string, number>();
      for (const snap of a.payload.snapshots ?? []) {
        if (!snap.alerts) continue;
        const keep = new Set(snap.alerts.map((x) => x.alertKey));
        const gone = s.ids.filter((id) => {
          const row = s.entities[id] as AlertRow;
          return row.channel === snap.channel && row.state !== 'resolved' && !keep.has(id);
        });
        alertsAdapter.removeMany(s, gone);
        // Its latest event comes with the alert (gateways before that kept none: keep what we had).
        alertsAdapter.upsertMany(
          s,
          snap.alerts.map((x) => ({ ...x, lastEvent: x.lastEvent ?? s.entities[x.alertKey]?.lastEvent })),
        );
        resorted = true;
      }
      for (const d of a.payload.events) {
        // The shared rules of protocol/alerts.ts: core's book and the gateway count by them too.
        for (const c of alertChangesOf(d.event)) {
          switch (c.op) {
            case 'seen': {
              const e = c.event;
              const row = s.entities[c.alertKey];
              // Already counted: the snapshot that loaded the alert held this event too.
              if (row?.lastEvent?.id === e.id) break;
              touched.set(c.alertKey, Date.parse(c.at) || 0);
              if (row) {
                row.count += 1;
                row.lastSeenAt = c.at;
                row.priority = c.priority;
                row.lastEvent = e;
                row.read = false;
                // A repeat may come on another channel (a system alert also on `global`).
                row.channel = d.channel;
                if (row.state === 'resolved') {
                  row.state = 'open';
                  delete row.ackedBy;
                  delete row.ackedAt;
                  delete row.resolvedAt;
                }
              } else {
                alertsAdapter.addOne(s, {
                  alertKey: c.alertKey,
                  channel: d.channel,
                  type: e.type,
                  kind: 'kind' in e.payload ? String(e.payload.kind) : e.type,
                  subject: subjectOfKey(c.alertKey),
                  ...('marketplace' in e && e.marketplace ? { marketplace: e.marketplace } : {}),
                  priority: c.priority,
                  state: 'open',
                  // The console writes its own words from the event; the gateway's title is not shown.
                  title: '',
                  count: 1,
                  firstSeenAt: c.at,
                  lastSeenAt: c.at,
                  read: false,
                  lastEvent: e,
                });
              }
              break;
            }
            case 'acknowledged': {
              const row = s.entities[c.alertKey];
              if (row && row.state === 'open') {
                row.state = 'acknowledged';
                row.ackedBy = c.by;
                row.ackedAt = c.at;
              }
              break;
            }
            case 'resolved': {
              const row = s.entities[c.alertKey];
              if (row) {
                row.state = 'resolved';
                row.resolvedAt = c.at;
                resolvedMore = true;
              }
              break;
            }
            case 'snoozed': {
              const row = s.entities[c.alertKey];
              if (row) row.snoozedUntil = c.until;
              break;
            }
            case 'read':
              for (const key of c.alertKeys) {
                const row = s.entities[key];
                if (row) row.read = true;
              }
              break;
          }
        }
      }
      if (resorted || touched.size > 0) sortNewestFirst(s, touched, resorted);
      if (resorted || resolvedMore) trimResolved(s);
    });
  },
});

export const alertsSelectors = alertsAdapter.getSelectors();
