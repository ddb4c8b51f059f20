// The one way into the system: validate → enrich → route → dedupe → append to the log → broadcast.
// Every producer (HTTP, the demo feed, the gateway's own KPIs) goes through here.
import { z } from 'zod';
import {
  EventInput,
  LiveError,
  TYPE_CHANNELS,
  issuesOf,
  routeOf,
  type AcceptedEvent,
  type Delivery,
  type Issue,
  type ProducerEvent,
} from '../../protocol';
import type { ChannelLog, Placement } from '../log/channelLog';
import type { Projected, Projection, ResultDelivery, Routed } from '../projection/projection';
import { createMetricCoalescer, type Offer } from './metricCoalescer';
import { unreadableKeys } from './readableKeys';
import { enrich, type PriorityThresholds } from './rules';

/** One accepted event as `POST /v1/events` answers it (protocol/http.ts). */
export type Accepted = AcceptedEvent;

export interface IngestDeps {
  log: ChannelLog;
  /**
   * Sends what one commit appended, in log order, at once: the namespace may put a channel's
   * deliveries into one frame.
   */
  broadcast: (deliveries: Delivery[]) => void;
  now: () => number;
  /** The alert thresholds in force (LIVE_RULES), read per batch so a reload applies at once. */
  thresholds?: () => PriorityThresholds;
  maxBatch: number;
  /** Called after each new delivery is broadcast, with ms since the request arrived. */
  observers?: ((delivery: Delivery, sinceReceiptMs: number) => void)[];
  /** Called for each event refused as already seen. */
  onDuplicate?: (id: string) => void;
  /** The SQL projection; a batch's transaction commits only after the batch entered the log. */
  projection?: Projection;
  /**
   * METRIC_UPDATE per channel and marketplace: at most one enters the log per this many ms, the
   * rest of a window merged into it (ARCHITECTURE: latest-value streams coalesced per tick). 0: off.
   */
  metricWindowMs?: number;
  /** A merged METRIC_UPDATE could not be committed (it is tried again). */
  onCoalesceError?: (err: unknown) => void;
}

export interface Ingest {
  /** Parses an HTTP body (one envelope or `{events: [...]}`), all or nothing. */
  ingestBody(body: unknown): Promise<Accepted[]>;
  /** Publishes events made inside the gateway; they are validated like any other. */
  publish(events: EventInput[]): Promise<Accepted[]>;
  /** Appends and broadcasts the gateway's own result events (ALERT_ACKED, ORDER_CLAIMED, ...). */
  publishResults(results: ResultDelivery[]): Promise<Delivery[]>;
  /** Commits what is waiting (merged metrics) at once; resolves once every commit so far is broadcast. */
  idle(): Promise<void>;
}

const BatchBody = z.strictObject({ events: z.array(z.unknown()) });

export function createIngest(deps: IngestDeps): Ingest {
  const observers = deps.observers ?? [];

  function validate(items: unknown[], prefix: (i: number) => string): Routed[] {
    if (items.length === 0)
      throw new LiveError('validation_failed', 'A batch holds at least one event', {
        issues: [{ path: 'events', message: 'empty batch' }],
      });
    if (items.length > deps.maxBatch) {
      throw new LiveError('validation_failed', `A batch holds at most ${deps.maxBatch} events`, {
        issues: [{ path: 'events', message: `${items.length} events, at most ${deps.maxBatch}` }],
      });
    }
    const issues: Issue[] = [];
    const routed: Routed[] = [];
    const now = deps.now();
    const thresholds = deps.thresholds?.();
    items.forEach((item, i) => {
      const parsed = EventInput.safeParse(item);
      if (!parsed.success) {
        for (const issue of issuesOf(parsed.error)) {
          issues.push({ path: prefix(i) + issue.path, message: issue.message });
        }
        return;
      }
      const channel = routeOf(parsed.data);
      if (channel === undefined) {
        issues.push({
          path: `${prefix(i)}channel`,
          message: `${parsed.data.type} goes to ${TYPE_CHANNELS[parsed.data.type].join(' or ')}, not "${parsed.data.channel}"`,
        });
        return;
      }
      const event = enrich(parsed.data, now, thresholds) as ProducerEvent;
      const unreadable = unreadableKeys(event);
      if (unreadable.length > 0) {
        for (const issue of unreadable) issues.push({ path: prefix(i) + issue.path, message: issue.message });
        return;
      }
      routed.push({ event, channel });
    });
    if (issues.length > 0) {
      const first = issues[0] as Issue;
      throw new LiveError('validation_failed', `Invalid event at ${first.path || '(body)'}: ${first.message}`, {
        issues,
      });
    }
    return routed;
  }

  // Commits run one after another: offsets follow arrival order and a repeated id cannot slip in
  // between the dedupe check and the append.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Appends; a repeat of a placed id (a race with another node) is not collected for broadcast. */
  async function append(channel: string, event: Delivery['event'], out: Delivery[]) {
    const appended = await deps.log.append(channel, event);
    if (!appended.duplicate) out.push(appended.delivery);
    return appended;
  }

  function broadcast(out: Delivery[]): void {
    if (out.length > 0) deps.broadcast(out);
  }

  async function commitNow(routed: Routed[], receivedAt: number): Promise<Accepted[]> {
    // The first occurrence of each id not placed before; every other one is a duplicate.
    const placements = new Map<string, Placement>();
    const fresh = new Map<string, Routed>();
    for (const r of routed) {
      if (fresh.has(r.event.id) || placements.has(r.event.id)) continue;
      const known = await deps.log.placementOf(r.event.id);
      if (known) placements.set(r.event.id, known);
      else fresh.set(r.event.id, r);
    }
    const batch = [...fresh.values()];
    // Events placed before go through the projection too: when an earlier attempt entered the log
    // but its SQL commit failed, the retry projects them (the projection skips what it has).
    const placedBefore = [
      ...new Map(routed.filter((r) => !fresh.has(r.event.id)).map((r) => [r.event.id, r])).values(),
    ];
    const out: Delivery[] = [];
    let observed = 0;
    const appendAll = async (projected: Projected) => {
      for (const { event, channel } of projected.routed) {
        if (fresh.get(event.id)?.channel !== channel || placements.has(event.id)) continue;
        const { delivery, duplicate } = await append(channel, event, out);
        placements.set(event.id, { channel: delivery.channel, offset: delivery.offset });
        if (duplicate) fresh.delete(event.id);
      }
      observed = out.length;
      for (const r of projected.results) await append(r.channel, r.event, out);
    };
    try {
      // The log first: the projection's transaction commits only after every append succeeded, so
      // no snapshot shows an event the log does not hold, and a refused batch leaves no trace.
      if (deps.projection && batch.length + placedBefore.length > 0) {
        await deps.projection.apply([...batch, ...placedBefore], appendAll);
      } else await appendAll({ routed: batch, results: [] });
    } finally {
      // What entered the log goes out even when a later step failed: nothing in the log is left
      // for the clients to find only by a gap.
      broadcast(out);
    }
    const elapsed = performance.now() - receivedAt;
    for (let i = 0; i < observed; i++) for (const observe of observers) observe(out[i] as Delivery, elapsed);
    return routed.map((r) => {
      const duplicate = fresh.get(r.event.id) !== r;
      if (duplicate) deps.onDuplicate?.(r.event.id);
      return { id: r.event.id, ...(placements.get(r.event.id) as Placement), duplicate };
    });
  }

  function commit(routed: Routed[]): Promise<Accepted[]> {
    const receivedAt = performance.now();
    return serially(() => commitNow(routed, receivedAt));
  }

  const windowMs = deps.metricWindowMs ?? 1000;
  const coalescer =
    windowMs > 0
      ? createMetricCoalescer({
          windowMs,
          now: () => performance.now(),
          commit: async (r) => {
            const [a] = await commit([r]);
            return { channel: (a as Accepted).channel, offset: (a as Accepted).offset as number };
          },
          onError: deps.onCoalesceError,
        })
      : undefined;

  /** Commits the batch; a metric that is not the first of its window is merged into the next one. */
  async function submit(routed: Routed[]): Promise<Accepted[]> {
    if (!coalescer) return commit(routed);
    const now: Routed[] = [];
    const offers: Offer[] = [];
    const seen = new Set<string>();
    for (const r of routed) {
      // A repeat of an id (in the log, or earlier in this batch) goes through the commit, which
      // answers it as a duplicate.
      const repeat = seen.has(r.event.id);
      seen.add(r.event.id);
      const coalesce = r.event.type === 'METRIC_UPDATE' && !repeat && !(await deps.log.placementOf(r.event.id));
      const offer: Offer = coalesce ? coalescer.offer(r) : { kind: 'now' };
      if (offer.kind === 'now') now.push(r);
      offers.push(offer);
    }
    const committed = now.length > 0 ? await commit(now) : [];
    let next = 0;
    return routed.map((r, i) => {
      const offer = offers[i] as Offer;
      if (offer.kind === 'now') return committed[next++] as Accepted;
      if (offer.duplicate) deps.onDuplicate?.(r.event.id);
      return offer.placed
        ? { id: r.event.id, ...offer.placed, duplicate: true }
        : { id: r.event.id, channel: r.channel, duplicate: offer.duplicate, coalesced: true };
    });
  }

  return {
    async ingestBody(body: unknown) {
      const batch = BatchBody.safeParse(body);
      const routed = batch.success ? validate(batch.data.events, (i) => `events.${i}.`) : validate([body], () => '');
      return submit(routed);
    },
    async publish(events: EventInput[]) {
      return submit(validate(events, (i) => `events.${i}.`));
    },
    publishResults: (results) =>
      serially(async () => {
        const out: Delivery[] = [];
        const fresh: Delivery[] = [];
        try {
          for (const r of results) out.push((await append(r.channel, r.event, fresh)).delivery);
        } finally {
          broadcast(fresh);
        }
        return out;
      }),
    async idle() {
      await coalescer?.flushAll();
      await queue;
    },
  };
}
