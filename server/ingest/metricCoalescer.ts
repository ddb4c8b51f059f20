// METRIC_UPDATE is latest-value data: per channel and marketplace, at most one enters the log per
// window (a second). The first of a window goes in at once; what follows within the window is
// merged (for each key, the value with the latest `asOf`) and goes in once when the window ends.
// The sender of a merged event is answered at once, `coalesced`, without an offset: its values go
// out with the merged event. A merged event that cannot be committed is tried again, not dropped.
import type { Delivery } from '../../protocol';
import type { Placement } from '../log/channelLog';
import type { Routed } from '../projection/projection';

type MetricEvent = Extract<Delivery['event'], { type: 'METRIC_UPDATE' }>;
type MetricRouted = Routed & { event: MetricEvent };

export type Offer =
  | { kind: 'now' }
  /** Merged into the window's event; `duplicate` when this id was offered before. */
  | { kind: 'merged'; duplicate: boolean; placed?: Placement };

interface Slot {
  lastCommit: number;
  pending?: { routed: MetricRouted; ids: Set<string>; timer: NodeJS.Timeout };
}

export interface MetricCoalescer {
  offer(r: Routed): Offer;
  /** Commits everything pending at once (a drain). */
  flushAll(): Promise<void>;
  stop(): void;
}

const ABSORBED_MEMORY = 10_000;
const RETRY_MS = 1000;

/** For each key, the value reported with the latest `asOf`; the envelope of the latest event. */
export function mergeMetrics(a: MetricEvent, b: MetricEvent): MetricEvent {
  const [older, newer] = Date.parse(b.payload.asOf) >= Date.parse(a.payload.asOf) ? [a, b] : [b, a];
  return { ...newer, payload: { ...newer.payload, values: { ...older.payload.values, ...newer.payload.values } } };
}

export function createMetricCoalescer(deps: {
  windowMs: number;
  /** Monotonic milliseconds. */
  now: () => number;
  /** Commits one merged event; resolves to its place. */
  commit: (r: Routed) => Promise<Placement>;
  onError?: (err: unknown) => void;
}): MetricCoalescer {
  const slots = new Map<string, Slot>();
  // Ids whose values went out inside another event: a repeat is a duplicate of that place.
  const absorbed = new Map<string, Placement>();
  let stopped = false;
  const keyOf = (r: Routed) => `${r.channel}\u0000${(r.event as MetricEvent).payload.marketplace ?? '*'}`;

  function remember(id: string, place: Placement): void {
    if (absorbed.size >= ABSORBED_MEMORY) absorbed.delete(absorbed.keys().next().value as string);
    absorbed.set(id, place);
  }

  async function flush(key: string): Promise<void> {
    const slot = slots.get(key);
    const pending = slot?.pending;
    if (!slot || !pending) return;
    clearTimeout(pending.timer);
    slot.pending = undefined;
    slot.lastCommit = deps.now();
    try {
      const place = await deps.commit(pending.routed);
      for (const id of pending.ids) remember(id, place);
    } catch (err) {
      deps.onError?.(err);
      if (stopped) return;
      // Put it back (merged with anything that came meanwhile) and try again shortly.
      const meanwhile = slot.pending as Slot['pending'];
      const routed = meanwhile
        ? { channel: pending.routed.channel, event: mergeMetrics(pending.routed.event, meanwhile.routed.event) }
        : pending.routed;
      if (meanwhile) clearTimeout(meanwhile.timer);
      slot.pending = {
        routed,
        ids: new Set([...pending.ids, ...(meanwhile?.ids ?? [])]),
        timer: setTimeout(() => void flush(key), RETRY_MS),
      };
    }
  }

  return {
    offer(r) {
      const event = r.event as MetricEvent;
      const placed = absorbed.get(event.id);
      if (placed) return { kind: 'merged', duplicate: true, placed };
      const key = keyOf(r);
      const now = deps.now();
      let slot = slots.get(key);
      if (!slot) slots.set(key, (slot = { lastCommit: -Infinity }));
      if (!slot.pending && now - slot.lastCommit >= deps.windowMs) {
        slot.lastCommit = now;
        return { kind: 'now' };
      }
      if (!slot.pending) {
        slot.pending = {
          routed: { channel: r.channel, event },
          ids: new Set([event.id]),
          timer: setTimeout(() => void flush(key), Math.max(0, slot.lastCommit + deps.windowMs - now)),
        };
        return { kind: 'merged', duplicate: false };
      }
      if (slot.pending.ids.has(event.id)) return { kind: 'merged', duplicate: true };
      slot.pending.ids.add(event.id);
      slot.pending.routed = { channel: r.channel, event: mergeMetrics(slot.pending.routed.event, event) };
      return { kind: 'merged', duplicate: false };
    },
    async flushAll() {
      await Promise.all([...slots.keys()].map((k) => flush(k)));
    },
    stop() {
      stopped = true;
      for (const slot of slots.values()) if (slot.pending) clearTimeout(slot.pending.timer);
    },
  };
}
