// Marketplace API health per marketplace and component, and sync lag: what SYSTEM_ALERT and the
// syncLagSec metric last said.
import { createEntityAdapter, createSlice } from '@reduxjs/toolkit';
import type { Marketplace, SystemAlertPayload } from '../../../../protocol';
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
}

export const healthAdapter = createEntityAdapter<HealthRow, string>({
  selectId: (r) => r.key,
  sortComparer: (a, b) => Number(a.healthy) - Number(b.healthy) || a.key.localeCompare(b.key),
});

export interface SystemState extends ReturnType<typeof healthAdapter.getInitialState> {
  /** Seconds, overall and per marketplace ('*': overall). */
  syncLag: Record<string, number>;
}

export const systemSlice = createSlice({
  name: 'system',
  initialState: { ...healthAdapter.getInitialState(), syncLag: {} } as SystemState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      for (const d of a.payload.events) {
        const e = d.event;
        if (e.type === 'SYSTEM_ALERT') {
          const p = e.payload;
          healthAdapter.setOne(s, {
            key: `${p.marketplace ?? 'all'}:${p.component}`,
            marketplace: p.marketplace,
            component: p.component,
            healthy: p.kind === 'RECOVERED',
            last: p,
            at: e.occurredAt,
            priority: e.priority,
            alertKey: e.alertKey,
          });
        } else if (e.type === 'METRIC_UPDATE' && e.payload.values.syncLagSec !== undefined) {
          s.syncLag[e.payload.marketplace ?? '*'] = e.payload.values.syncLagSec;
        }
      }
    });
  },
});

export const healthSelectors = healthAdapter.getSelectors();
