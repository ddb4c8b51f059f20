// The second way in for backend producers: a Redis Stream read through a consumer group, so each
// entry is taken by one node. An entry is acknowledged after its events are in the log; a node
// that dies before that leaves it pending, and another node claims it after `claimIdleMs`. Event
// ids make the retry harmless: an event already placed is answered as a duplicate, not repeated.
// Entries that can never be accepted go to a dead-letter stream with the reason.
import type { Redis } from 'ioredis';
import { LiveError } from '../../protocol';
import type { Ingest } from '../ingest/pipeline';
import type { Logger } from '../logger';

export interface StreamIngest {
  stop(): Promise<void>;
}

type Entry = [id: string, fields: string[]];

export function startStreamIngest(deps: {
  redis: Redis;
  prefix: string;
  nodeId: string;
  ingest: Pick<Ingest, 'ingestBody'>;
  logger: Logger;
  claimIdleMs?: number;
  onAccepted?: (count: number) => void;
}): StreamIngest {
  const stream = `${deps.prefix}ingest`;
  const dead = `${deps.prefix}ingest:dead`;
  const group = 'gateway';
  const reader = deps.redis.duplicate({ enableAutoPipelining: false });
  reader.on('error', () => undefined);
  const claimIdleMs = deps.claimIdleMs ?? 30_000;
  let running = true;

  async function handle([id, fields]: Entry): Promise<void> {
    const data: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) data[fields[i] as string] = fields[i + 1] as string;
    try {
      const raw = data.event ?? data.events;
      if (raw === undefined) throw new LiveError('validation_failed', 'An entry needs an `event` or `events` field');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new LiveError('bad_request', 'The entry is not valid JSON');
      }
      const accepted = await deps.ingest.ingestBody(data.events !== undefined ? { events: body } : body);
      deps.onAccepted?.(accepted.filter((a) => !a.duplicate).length);
    } catch (err) {
      if (!(err instanceof LiveError) || err.status >= 500) throw err; // try again later
      await deps.redis.xadd(
        dead,
        'MAXLEN',
        '~',
        '10000',
        '*',
        'entry',
        id,
        'error',
        JSON.stringify(err.toPayload()),
        ...fields,
      );
      deps.logger.warn({ entry: id, code: err.code }, 'ingest stream entry refused');
    }
    await deps.redis.xack(stream, group, id);
  }

  async function processAll(entries: Entry[]): Promise<void> {
    for (const entry of entries) {
      try {
        await handle(entry);
      } catch (err) {
        deps.logger.error({ err, entry: entry[0] }, 'ingest stream entry failed; it stays pending');
      }
    }
  }

  async function claimAbandoned(): Promise<void> {
    const res = (await deps.redis.xautoclaim(stream, group, deps.nodeId, claimIdleMs, '0-0', 'COUNT', 100)) as [
      string,
      Entry[],
    ];
    await processAll(res[1].filter((e) => e[1] !== null));
  }

  /** Creates the consumer group (and the stream) unless they exist; false when Redis refused. */
  async function ensureGroup(): Promise<boolean> {
    try {
      await deps.redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
      return true;
    } catch (err) {
      if (String(err).includes('BUSYGROUP')) return true;
      deps.logger.error({ err }, 'ingest stream group not created');
      return false;
    }
  }

  const loop = (async () => {
    await ensureGroup();
    let lastClaim = 0;
    while (running) {
      try {
        if (Date.now() - lastClaim > Math.min(claimIdleMs, 10_000)) {
          lastClaim = Date.now();
          await claimAbandoned();
        }
        const res = (await reader.xreadgroup(
          'GROUP',
          group,
          deps.nodeId,
          'COUNT',
          100,
          'BLOCK',
          500,
          'STREAMS',
          stream,
          '>',
        )) as [string, Entry[]][] | null;
        if (res) await processAll(res.flatMap(([, entries]) => entries));
      } catch (err) {
        if (!running) break;
        // Redis came back empty (restarted without persistence, or flushed): the group is gone.
        // It is made again from the start of the new stream, so what producers add is read.
        if (String(err).includes('NOGROUP') && (await ensureGroup())) {
          deps.logger.warn('ingest stream group re-created (Redis lost it)');
          continue;
        }
        deps.logger.warn({ err }, 'ingest stream read failed; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  })();

  return {
    async stop() {
      running = false;
      await loop;
      reader.disconnect();
    },
  };
}
