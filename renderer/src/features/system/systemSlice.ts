// Marketplace API health per marketplace and component, and sync lag: what SYSTEM_ALERT and the
// syncLagSec metric last said (from live events, and from snapshots: their metrics, and the latest
// events of their open alerts, applied like live ones).
import { createEntityAdapter, createSlice } from '@reduxjs/toolkit';
import type { LiveEvent, Marketplace, SystemAlertPayload } from '../../../../protocol';
import { olderThanRow, outdatedBy, snapshotAlertsOf } from '../alerts/snapshotAlerts';
import { batchReceived } from '../live/liveActions';

export interface HealthRow {
  key: string;
  marketplace?: Marketplace;
  component: SystemAlertPayload['component'];
  healthy: boolean;
  last: SystemAlertPayload;
  at: string;
  priority: string;
  alertKey?: string;
  /** The channel the row's latest event came on (a snapshot of it may take the row back). */
  channel: string;
}

export const healthAdapter = createEntityAdapter<HealthRow, string>({
  selectId: (r) => r.key,
  sortComparer: (a, b) => Number(a.healthy) - Number(b.healthy) || a.key.localeCompare(b.key),
});

export interface SystemState extends ReturnType<typeof healthAdapter.getInitialState> {
  /** Seconds, overall and per marketplace ('*': overall). */
  syncLag: Record<string, number>;
  /** When each lag was measured (ISO), same keys as syncLag. */
  syncLagAt: Record<string, string>;
}

/** Sync lag thresholds (docs/domain.md §3; the gateway's own are in LIVE_RULES): high above 5 minutes, critical above 15. */
export const LAG_WARN_SEC = 300;
export const LAG_CRITICAL_SEC = 900;
export type LagLevel = 'ok' | 'warning' | 'critical';

export function lagLevel(seconds: number): LagLevel {
  return seconds > LAG_CRITICAL_SEC ? 'critical' : seconds > LAG_WARN_SEC ? 'warning' : 'ok';
}

function setLag(s: SystemState, scope: string, seconds: number, at: string): void {
  const before = s.syncLagAt[scope];
  // An older measurement (a snapshot after live events) does not replace a newer one.
  if (before !== undefined && Date.parse(before) > Date.parse(at)) return;
  s.syncLag[scope] = seconds;
  s.syncLagAt[scope] = at;
}

function applyMetric(s: SystemState, e: LiveEvent): void {
  if (e.type !== 'METRIC_UPDATE' || e.payload.values.syncLagSec === undefined) return;
  setLag(s, e.payload.marketplace ?? '*', e.payload.values.syncLagSec, e.payload.asOf);
}

const keyOf = (p: SystemAlertPayload) => `${p.marketplace ?? 'all'}:${p.component}`;

export const systemSlice = createSlice({
  name: 'system',
  initialState: { ...healthAdapter.getInitialState(), syncLag: {}, syncLagAt: {} } as SystemState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      // Rows this batch sets, stored together at the end (the adapter sorts once).
      const rows = new Map<string, HealthRow>();
      const current = (key: string) => rows.get(key) ?? s.entities[key];
      const apply = (e: LiveEvent, channel: string) => {
        if (e.type !== 'SYSTEM_ALERT') return applyMetric(s, e);
        const p = e.payload;
        const key = keyOf(p);
        rows.set(key, {
          key,
          marketplace: p.marketplace,
          component: p.component,
          healthy: p.kind === 'RECOVERED',
          last: p,
          at: e.occurredAt,
          priority: e.priority,
          alertKey: e.alertKey,
          channel,
        });
        // A SYNC_LAG alert says how far behind its marketplace (or everything) is.
        if (p.lagSec !== undefined) setLag(s, p.marketplace ?? '*', p.lagSec, e.occurredAt);
      };
      for (const snap of a.payload.snapshots ?? []) for (const m of snap.metrics ?? []) applyMetric(s, m);
      for (const snap of snapshotAlertsOf(a.payload.snapshots)) {
        healthAdapter.removeMany(
          s,
          s.ids.filter((id) => outdatedBy(snap, s.entities[id] as HealthRow)),
        );
        for (const e of snap.events) {
          if (e.type === 'SYSTEM_ALERT' && olderThanRow(e, current(keyOf(e.payload)))) continue;
          apply(e, snap.channel);
        }
      }
      for (const d of a.payload.events) apply(d.event, d.channel);
      if (rows.size > 0) healthAdapter.setMany(s, [...rows.values()]);
    });
  },
});

export const healthSelectors = healthAdapter.getSelectors();
