// A producer for fault tests: posts each event until the gateway accepts it (202), retrying the same
// event (same id) after a refusal or a lost answer, as a well-behaved MesChain-Sync producer does.
// It records every answer, so a test can check that nothing accepted was lost or counted twice.
import type { EventInput } from '../../protocol';
import { TEST_INGEST_TOKEN } from './gatewayProcess';

export interface AcceptedPlacement {
  id: string;
  channel: string;
  offset?: number;
  duplicate: boolean;
}

export interface ProducerRecord {
  /** Every 202 answer's placements, in the order received (a retry may add a duplicate). */
  accepted: AcceptedPlacement[];
  /** How often each status (or `network` for no answer) was seen. */
  statuses: Record<string, number>;
  /** Error codes of refusals, with how often. */
  codes: Record<string, number>;
  /** Refusals that came without `Retry-After` though their status asks for a retry. */
  missingRetryAfter: number;
  /** Slowest answer, ms. */
  slowestMs: number;
}

export interface ProducerOptions {
  url: string;
  concurrency?: number;
  /** Per request: an answer slower than this counts as lost and is retried. */
  requestTimeoutMs?: number;
  /** Gives up on one event after this long (the test then fails on the missing id). */
  giveUpMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits before a retry, unless the retry would come after the producer gives up anyway. */
const pauseUnlessPast = (deadline: number, ms: number) => (Date.now() + ms < deadline ? sleep(ms) : undefined);

export function emptyRecord(): ProducerRecord {
  return { accepted: [], statuses: {}, codes: {}, missingRetryAfter: 0, slowestMs: 0 };
}

/** Posts `events` (each until accepted), `concurrency` at a time. */
export async function produce(
  events: EventInput[],
  options: ProducerOptions,
  record: ProducerRecord = emptyRecord(),
): Promise<ProducerRecord> {
  const queue = [...events];
  const count = (k: string, into: Record<string, number>) => (into[k] = (into[k] ?? 0) + 1);
  async function postUntilAccepted(event: EventInput): Promise<void> {
    const deadline = Date.now() + (options.giveUpMs ?? 120_000);
    while (Date.now() < deadline) {
      const started = performance.now();
      try {
        const res = await fetch(`${options.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INGEST_TOKEN}` },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30_000),
        });
        record.slowestMs = Math.max(record.slowestMs, performance.now() - started);
        count(String(res.status), record.statuses);
        const body = (await res.json().catch(() => ({}))) as {
          accepted?: AcceptedPlacement[];
          error?: { code: string };
        };
        if (res.status === 202 && body.accepted) {
          record.accepted.push(...body.accepted);
          return;
        }
        if (body.error) count(body.error.code, record.codes);
        const retryAfter = Number(res.headers.get('retry-after'));
        if ([429, 503, 507].includes(res.status) && !retryAfter) record.missingRetryAfter++;
        await pauseUnlessPast(deadline, Math.min(retryAfter > 0 ? retryAfter * 1000 : 200, 1000));
      } catch {
        record.slowestMs = Math.max(record.slowestMs, performance.now() - started);
        count('network', record.statuses);
        await pauseUnlessPast(deadline, 200);
      }
    }
  }
  await Promise.all(
    Array.from({ length: options.concurrency ?? 2 }, async () => {
      for (let e = queue.shift(); e; e = queue.shift()) await postUntilAccepted(e);
    }),
  );
  return record;
}

/** Ids accepted as new more than once (must be none), and ids never accepted (must be none). */
export function acceptanceFaults(events: EventInput[], record: ProducerRecord): { twice: string[]; lost: string[] } {
  const fresh = new Map<string, number>();
  const seen = new Set<string>();
  for (const a of record.accepted) {
    seen.add(a.id);
    if (!a.duplicate) fresh.set(a.id, (fresh.get(a.id) ?? 0) + 1);
  }
  return {
    twice: [...fresh].filter(([, n]) => n > 1).map(([id]) => id),
    lost: events.map((e) => e.id).filter((id) => !seen.has(id)),
  };
}
