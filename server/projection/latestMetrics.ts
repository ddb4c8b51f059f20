// The latest METRIC_UPDATE of each channel and marketplace, for snapshots. Latest-value data: kept
// in memory (embedded) or Redis (clustered), never in SQL.
import type { Delivery, LiveEvent } from '../../protocol';

export interface LatestMetrics {
  record(delivery: Delivery): Promise<void>;
  latest(channel: string): Promise<LiveEvent[]>;
}

export function memoryLatestMetrics(): LatestMetrics {
  const byChannel = new Map<string, Map<string, LiveEvent>>();
  return {
    async record(d) {
      if (d.event.type !== 'METRIC_UPDATE') return;
      let m = byChannel.get(d.channel);
      if (!m) byChannel.set(d.channel, (m = new Map()));
      m.set(d.event.payload.marketplace ?? '*', d.event);
    },
    async latest(channel) {
      return [...(byChannel.get(channel)?.values() ?? [])];
    },
  };
}
