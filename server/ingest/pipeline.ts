// The one way into the system: validate → enrich → route → dedupe → append to the log → broadcast.
// Every producer (HTTP, the demo feed, the gateway's own KPIs) goes through here.
import { z } from 'zod';
import {
  EventInput,
  LiveError,
  TYPE_CHANNELS,
  issuesOf,
  routeOf,
  type Delivery,
  type Issue,
  type LiveEvent,
} from '../../protocol';
import type { ChannelLog } from '../log/channelLog';
import { DedupeIndex } from './dedupeIndex';
import { enrich, type PriorityThresholds } from './rules';

export interface Accepted {
  id: string;
  channel: string;
  offset: number;
  duplicate: boolean;
}

export interface IngestDeps {
  log: ChannelLog;
  broadcast: (delivery: Delivery) => void;
  now: () => number;
  thresholds?: PriorityThresholds;
  maxBatch: number;
  dedupeWindow: number;
  /** Called after each new delivery is broadcast, with ms since the request arrived. */
  observers?: ((delivery: Delivery, sinceReceiptMs: number) => void)[];
  /** Called for each event refused as already seen. */
  onDuplicate?: (id: string) => void;
}

export interface Ingest {
  /** Parses an HTTP body (one envelope or `{events: [...]}`), all or nothing. */
  ingestBody(body: unknown): Promise<Accepted[]>;
  /** Publishes events made inside the gateway; they are validated like any other. */
  publish(events: EventInput[]): Promise<Accepted[]>;
  /** Resolves once every commit started so far has been appended and broadcast. */
  idle(): Promise<void>;
}

const BatchBody = z.strictObject({ events: z.array(z.unknown()) });

interface Routed {
  event: LiveEvent;
  channel: string;
}

export function createIngest(deps: IngestDeps): Ingest {
  const index = new DedupeIndex(deps.dedupeWindow);
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
      routed.push({ event: enrich(parsed.data, now, deps.thresholds), channel });
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
  function commit(routed: Routed[]): Promise<Accepted[]> {
    const receivedAt = performance.now();
    const run = queue.then(() => commitNow(routed, receivedAt));
    queue = run.catch(() => undefined);
    return run;
  }

  async function commitNow(routed: Routed[], receivedAt: number): Promise<Accepted[]> {
    const accepted: Accepted[] = [];
    for (const { event, channel } of routed) {
      const known = index.get(event.id);
      if (known) {
        accepted.push({ id: event.id, ...known, duplicate: true });
        deps.onDuplicate?.(event.id);
        continue;
      }
      const delivery = await deps.log.append(channel, event);
      index.set(event.id, { channel, offset: delivery.offset });
      deps.broadcast(delivery);
      const elapsed = performance.now() - receivedAt;
      for (const observe of observers) observe(delivery, elapsed);
      accepted.push({ id: event.id, channel, offset: delivery.offset, duplicate: false });
    }
    return accepted;
  }

  return {
    async ingestBody(body: unknown) {
      const batch = BatchBody.safeParse(body);
      const routed = batch.success ? validate(batch.data.events, (i) => `events.${i}.`) : validate([body], () => '');
      return commit(routed);
    },
    async publish(events: EventInput[]) {
      return commit(validate(events, (i) => `events.${i}.`));
    },
    idle: () => queue.then(() => undefined),
  };
}
