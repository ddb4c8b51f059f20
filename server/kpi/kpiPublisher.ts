// Publishes the order KPIs as METRIC_UPDATE once per tick, only when a value changed: overall to
// `dashboard`, per marketplace to `analytics`. Latest-value data, so at most one per tick each.
import { randomUUID } from 'node:crypto';
import type { EventInput, Marketplace } from '../../protocol';
import type { Ingest } from '../ingest/pipeline';
import type { KpiSource } from './orderKpis';

export interface KpiPublisher {
  /** Publishes what changed since the last tick; returns the number of updates sent. */
  tick(): Promise<number>;
  stop(): void;
}

export function startKpiPublisher(deps: {
  kpis: KpiSource;
  /** In a cluster only one node publishes; the others answer false. */
  isPublisher?: () => Promise<boolean>;
  ingest: Pick<Ingest, 'publish'>;
  now: () => number;
  intervalMs: number;
  onError: (err: unknown) => void;
}): KpiPublisher {
  const last = new Map<string, string>();

  async function tick(): Promise<number> {
    if (deps.isPublisher && !(await deps.isPublisher())) return 0;
    const now = deps.now();
    const snap = await deps.kpis.snapshot(now);
    const asOf = new Date(now).toISOString();
    const events: EventInput[] = [];
    const add = (marketplace: Marketplace | undefined, values: Record<string, number>) => {
      const key = marketplace ?? '*';
      const fingerprint = JSON.stringify(values);
      if (last.get(key) === fingerprint) return;
      last.set(key, fingerprint);
      events.push({
        id: randomUUID(),
        type: 'METRIC_UPDATE',
        occurredAt: asOf,
        ...(marketplace ? { marketplace } : {}),
        payload: { window: 'today', asOf, ...(marketplace ? { marketplace } : {}), values },
      });
    };
    add(undefined, snap.overall);
    for (const [m, values] of snap.byMarketplace) add(m, values);
    if (events.length > 0) await deps.ingest.publish(events);
    return events.length;
  }

  const timer = setInterval(() => {
    tick().catch(deps.onError);
  }, deps.intervalMs);
  timer.unref();

  return { tick, stop: () => clearInterval(timer) };
}
