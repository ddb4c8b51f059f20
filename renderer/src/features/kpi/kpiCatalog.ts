// The KPI tiles of the dashboard, in reading order: sales first, then fulfilment, then stock and
// sync. Each says how its figure reads, which way is better, and when it needs attention.
import type { MetricKey } from '../../../../protocol';
import type { KpiKind } from './kpiFormat';

export type Better = 'up' | 'down' | 'neither';
export type Tone = 'warn' | 'bad';
export type Direction = 'up' | 'down';
export type Mood = 'good' | 'bad' | 'neutral';

export interface KpiTileDef {
  key: MetricKey;
  kind: KpiKind;
  better: Better;
  /** Attention the value asks for, if any (shown in words on the tile, not by colour alone). */
  tone?: (value: number) => Tone | undefined;
}

/** Sync lag thresholds from the alert rules: high above 5 minutes, critical above 15. */
export const SYNC_LAG_HIGH_SEC = 5 * 60;
export const SYNC_LAG_CRITICAL_SEC = 15 * 60;

export const KPI_TILES: readonly KpiTileDef[] = [
  { key: 'ordersToday', kind: 'count', better: 'up' },
  { key: 'revenueToday', kind: 'money', better: 'up' },
  { key: 'aov', kind: 'money', better: 'up' },
  { key: 'buyboxSharePct', kind: 'percent', better: 'up' },
  { key: 'awaitingShipment', kind: 'count', better: 'neither' },
  { key: 'dueToday', kind: 'count', better: 'neither' },
  { key: 'lateShipments', kind: 'count', better: 'down', tone: (v) => (v > 0 ? 'bad' : undefined) },
  { key: 'lowStockSkus', kind: 'count', better: 'down' },
  { key: 'outOfStockSkus', kind: 'count', better: 'down', tone: (v) => (v > 0 ? 'warn' : undefined) },
  {
    key: 'syncLagSec',
    kind: 'duration',
    better: 'down',
    tone: (v) => (v >= SYNC_LAG_CRITICAL_SEC ? 'bad' : v >= SYNC_LAG_HIGH_SEC ? 'warn' : undefined),
  },
];

/** Up or down against the value before; nothing when there is no earlier value or no change. */
export function directionOf(value: number | undefined, previous: number | undefined): Direction | undefined {
  if (value === undefined || previous === undefined || value === previous) return undefined;
  return value > previous ? 'up' : 'down';
}

/** Whether a move is good news for this KPI (colours the arrow; the words say the direction). */
export function moodOf(direction: Direction, better: Better): Mood {
  if (better === 'neither') return 'neutral';
  return direction === better ? 'good' : 'bad';
}
