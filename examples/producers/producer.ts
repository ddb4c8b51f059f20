// An example producer in TypeScript (Node 20, no dependency for HTTP): posts events to the gateway
// and retries the way docs/protocol.md asks — 429 and 503 after `Retry-After`, network errors and
// timeouts with backoff — always with the same body, so the event ids make every retry harmless.
// The Redis Stream way in (clustered gateways) uses ioredis.
//
//   LIVE_URL=http://127.0.0.1:8080 LIVE_INGEST_TOKEN=… npx tsx examples/producers/producer.ts single
//   … producer.ts batch 50
//   REDIS_URL=redis://127.0.0.1:6379 LIVE_REDIS_PREFIX=meschain-live: … producer.ts stream 10
//
// Prints one JSON line: what the gateway accepted (or, for the stream, the entry id and event ids).
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** First backoff after a network error, ms; doubled each time (with jitter), capped below. */
  backoffMs: number;
  maxBackoffMs: number;
  /** The longest `Retry-After` honoured, seconds (a larger one is capped to it). */
  maxRetryAfterSec: number;
  /** Per attempt: a request that takes longer is abandoned and retried. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  backoffMs: 500,
  maxBackoffMs: 10_000,
  maxRetryAfterSec: 60,
  timeoutMs: 10_000,
};

export interface Accepted {
  id: string;
  channel: string;
  offset?: number;
  duplicate: boolean;
  coalesced?: true;
}

export class IngestRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`the gateway refused the events: ${status} ${JSON.stringify(body)}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POSTs one envelope or `{events: [...]}` and returns what was accepted. Retries 429/503 after
 * `Retry-After` and network errors with backoff; any other answer is final (a 4xx will not change).
 */
export async function postEvents(
  url: string,
  token: string,
  body: unknown,
  policy: RetryPolicy = DEFAULT_RETRY,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<Accepted[]> {
  // Serialised once: every attempt sends the very same bytes, so the same ids.
  const payload = JSON.stringify(body);
  let backoff = policy.backoffMs;
  for (let attempt = 1; ; attempt++) {
    let wait: number;
    try {
      const res = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: payload,
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      const answer: unknown = await res.json().catch(() => undefined);
      if (res.status === 202) return (answer as { accepted: Accepted[] }).accepted;
      if (res.status !== 429 && res.status !== 503) throw new IngestRefused(res.status, answer);
      const seconds = Number(res.headers.get('retry-after'));
      wait = (Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, policy.maxRetryAfterSec) : 1) * 1000;
      log(`attempt ${attempt}: ${res.status}, retrying in ${wait} ms`);
      if (attempt >= policy.attempts) throw new IngestRefused(res.status, answer);
    } catch (err) {
      if (err instanceof IngestRefused) throw err;
      // No answer (refused, reset, timeout): the events may or may not be in; the retry says which.
      if (attempt >= policy.attempts) throw err;
      wait = backoff / 2 + Math.random() * (backoff / 2);
      backoff = Math.min(backoff * 2, policy.maxBackoffMs);
      log(
        `attempt ${attempt}: ${err instanceof Error ? err.message : String(err)}, retrying in ${Math.round(wait)} ms`,
      );
    }
    await sleep(wait);
  }
}

/**
 * Adds events to the gateway's ingest stream (clustered gateways read it with a consumer group).
 * XADD either answers with the entry's id or fails; retrying a failed XADD may add the entry twice,
 * which the event ids make harmless.
 */
export async function addToStream(redis: Redis, prefix: string, events: unknown[]): Promise<string> {
  const fields = events.length === 1 ? ['event', JSON.stringify(events[0])] : ['events', JSON.stringify(events)];
  return (await redis.xadd(`${prefix}ingest`, 'MAXLEN', '~', '100000', '*', ...fields)) as string;
}

/** A believable new Trendyol order (the example's payload; yours comes from your order system). */
export function newOrder(): Record<string, unknown> {
  const now = new Date();
  const tl = (minor: number) => ({ minor, currency: 'TRY' });
  return {
    id: randomUUID(),
    type: 'ORDER_NOTIFICATION',
    occurredAt: now.toISOString(),
    marketplace: 'trendyol',
    payload: {
      kind: 'ORDER_CREATED',
      orderNumber: `EX${Math.floor(Math.random() * 1e10)}`,
      status: 'new',
      rawStatus: 'Created',
      orderedAt: now.toISOString(),
      shipBy: new Date(now.getTime() + 2 * 86_400_000).toISOString(),
      total: tl(59_980),
      customerCity: 'Ankara',
      lines: [{ sku: 'KOT-SLM-LCV-32', qty: 2, unitPrice: tl(29_990) }],
    },
  };
}

async function main(argv: string[]): Promise<void> {
  const [mode = 'single', countArg = '10'] = argv;
  const count = Math.max(1, Math.min(500, Number(countArg) || 10));
  const events = Array.from({ length: mode === 'single' ? 1 : count }, newOrder);
  if (mode === 'stream') {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 3 });
    try {
      const entry = await addToStream(redis, process.env.LIVE_REDIS_PREFIX ?? 'meschain-live:', events);
      process.stdout.write(`${JSON.stringify({ entry, ids: events.map((e) => e.id) })}\n`);
    } finally {
      redis.disconnect();
    }
    return;
  }
  const url = process.env.LIVE_URL ?? 'http://127.0.0.1:8080';
  const token = process.env.LIVE_INGEST_TOKEN;
  if (!token) throw new Error('set LIVE_INGEST_TOKEN to one of the gateway’s LIVE_INGEST_TOKENS');
  const accepted = await postEvents(url, token, mode === 'single' ? events[0] : { events });
  process.stdout.write(`${JSON.stringify({ accepted })}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`producer: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
