// Test helpers of the KPI feature: METRIC_UPDATE events at a given time and scope, fed to a store
// as the bridge would, and a matchMedia double for reduced motion.
import { vi } from 'vitest';
import type { EventInput, Marketplace } from '../../../../../protocol';
import { metricUpdate } from '../../../../../protocol/test/fixtures';
import type { AppStore } from '../../../app/store';
import { delivered } from '../../../test/deliveries';
import { batchReceived } from '../../live/liveActions';

export function metricAt(ms: number, values: Record<string, number>, marketplace?: Marketplace): EventInput {
  const e = metricUpdate(values);
  if (e.type !== 'METRIC_UPDATE') throw new Error('fixture');
  e.payload.asOf = new Date(ms).toISOString();
  if (marketplace) {
    e.payload.marketplace = marketplace;
    e.marketplace = marketplace;
  }
  return e;
}

export function pushMetrics(store: AppStore, ...events: EventInput[]): void {
  store.dispatch(batchReceived({ events: events.map((e) => delivered(e, e.marketplace ? 'analytics' : 'dashboard')) }));
}

/** window.matchMedia answering `reduce` for prefers-reduced-motion and "no" to anything else. */
export function mockReducedMotion(reduce: boolean): void {
  window.matchMedia = vi.fn((query: string) => ({
    matches: query.includes('prefers-reduced-motion') ? reduce : false,
    media: query,
    onchange: null,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    addListener: vi.fn(),
    removeListener: vi.fn(),
    dispatchEvent: vi.fn(() => false),
  })) as unknown as typeof window.matchMedia;
}
