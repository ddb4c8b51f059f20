// The load's producer: posts new-order events to `POST /v1/events` at a steady rate, in batches
// every `tickMs`, and remembers when each left (on this process's clock, which the receivers share)
// so every delivery's latency is publish-to-receipt. Event ids carry a sequence number.
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface PublishOptions {
  /** Events per second. */
  rate: number;
  durationS: number;
  /** A batch goes out every this many ms (with what is due by then). */
  tickMs?: number;
  /** Requests allowed in flight at once; when all are busy the publisher falls behind, and says so. */
  maxInFlight?: number;
  maxBatch?: number;
  onTick?: (elapsedS: number) => void;
}

export interface PublishStats {
  /** Events the ingest endpoint accepted (202). */
  accepted: number;
  refused: number;
  requests: number;
  /** Events per second achieved over the run. */
  achievedRate: number;
  /** Events still due when the run ended (the publisher could not keep the rate). */
  behind: number;
  errors: string[];
}

/** Epoch milliseconds with sub-millisecond precision: one clock for every thread of this process. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** Send times shared with receiving threads. */
export interface SendClock {
  prefix: string;
  sentAt: Float64Array;
}

export function seqOf(prefix: string, id: string): number {
  if (!id.startsWith(prefix)) return -1;
  return Number.parseInt(id.slice(prefix.length), 16);
}

/** When the event with this id was sent (epoch ms), if it is one of the clock's. */
export function sentTime(clock: SendClock, id: string): number | undefined {
  const seq = seqOf(clock.prefix, id);
  return seq >= 0 && seq < clock.sentAt.length ? clock.sentAt[seq] : undefined;
}

export interface Batch {
  body: string;
  count: number;
}

export interface SendResult {
  status: number;
  count: number;
  /** The highest channel offset the gateway gave the batch's events (202 only). */
  lastOffset: number;
}

const MARKETPLACES = ['trendyol', 'hepsiburada', 'n11', 'amazon_tr'] as const;
const CITIES = ['İstanbul', 'Ankara', 'İzmir', 'Bursa', 'Antalya', 'Konya'];

export class Publisher {
  /**
   * When each event (by sequence number) was sent, in epoch ms with sub-millisecond precision
   * (`epochNow`), in shared memory so receivers in other threads read it directly.
   */
  readonly sentAt: Float64Array;
  private readonly prefix = `${randomBytes(4).toString('hex')}-0000-4000-8000-`;
  private seq = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });

  constructor(
    private readonly url: string,
    private readonly token: string,
    capacity: number,
  ) {
    this.sentAt = new Float64Array(new SharedArrayBuffer(capacity * Float64Array.BYTES_PER_ELEMENT));
  }

  get sent(): number {
    return this.seq;
  }

  /** The sequence number of an event id this publisher made, or -1. */
  seqOf(id: string): number {
    return seqOf(this.prefix, id);
  }

  /** What a receiver in another thread needs to time deliveries: the id prefix and the send times. */
  get clock(): SendClock {
    return { prefix: this.prefix, sentAt: this.sentAt };
  }

  private event(seq: number) {
    const marketplace = MARKETPLACES[seq % MARKETPLACES.length] as string;
    const qty = 1 + (seq % 3);
    const unit = 12_990 + (seq % 50) * 100;
    const now = new Date().toISOString();
    return {
      id: this.prefix + seq.toString(16).padStart(12, '0'),
      type: 'ORDER_NOTIFICATION',
      occurredAt: now,
      marketplace,
      payload: {
        kind: 'ORDER_CREATED',
        orderNumber: `B${seq}`,
        packageId: String(3_200_000_000 + seq),
        status: 'new',
        rawStatus: 'Created',
        orderedAt: now,
        shipBy: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        total: { minor: unit * qty, currency: 'TRY' },
        customerCity: CITIES[seq % CITIES.length],
        lines: [
          {
            sku: `TSH-PMK-BYZ-${['S', 'M', 'L'][seq % 3]}`,
            barcode: '8690000000017',
            title: 'Pamuklu Basic Tişört Beyaz',
            qty,
            unitPrice: { minor: unit, currency: 'TRY' },
          },
        ],
      },
    };
  }

  /** A batch of `count` new events (fewer at capacity), stamped as sent now. */
  batch(count: number): Batch {
    const events = [];
    const t = epochNow();
    for (let i = 0; i < count && this.seq < this.sentAt.length; i++) {
      this.sentAt[this.seq] = t;
      events.push(this.event(this.seq++));
    }
    return { body: JSON.stringify({ events }), count: events.length };
  }

  /** Posts a batch (again, after a failure: the ids are the same, so nothing is applied twice). */
  send(batch: Batch): Promise<SendResult> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.url}/v1/events`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(batch.body),
            authorization: `Bearer ${this.token}`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            let lastOffset = 0;
            if (status === 202) {
              const body = JSON.parse(Buffer.concat(chunks).toString()) as { accepted?: unknown };
              // The gateway lists each event's place; the bare baseline only counts them.
              if (Array.isArray(body.accepted)) {
                for (const a of body.accepted as { offset?: number }[])
                  lastOffset = Math.max(lastOffset, a.offset ?? 0);
              }
            }
            resolve({ status, count: batch.count, lastOffset });
          });
        },
      );
      req.on('error', reject);
      req.end(batch.body);
    });
  }

  /** Posts `count` new events at once. */
  post(count: number): Promise<SendResult> {
    return this.send(this.batch(count));
  }

  async run(options: PublishOptions): Promise<PublishStats> {
    const tickMs = options.tickMs ?? 10;
    const maxInFlight = options.maxInFlight ?? 8;
    const maxBatch = options.maxBatch ?? 500;
    const stats: PublishStats = { accepted: 0, refused: 0, requests: 0, achievedRate: 0, behind: 0, errors: [] };
    const start = performance.now();
    const end = start + options.durationS * 1000;
    const firstSeq = this.seq;
    let inFlight = 0;
    const pending = new Set<Promise<void>>();
    let lastReport = 0;
    while (performance.now() < end && this.seq < this.sentAt.length) {
      const elapsed = performance.now() - start;
      let due = Math.floor((elapsed / 1000) * options.rate) - (this.seq - firstSeq);
      while (due > 0 && inFlight < maxInFlight) {
        const n = Math.min(due, maxBatch);
        due -= n;
        inFlight++;
        stats.requests++;
        const p = this.post(n).then(
          ({ status, count }) => {
            if (status === 202) stats.accepted += count;
            else {
              stats.refused += count;
              if (stats.errors.length < 5) stats.errors.push(`HTTP ${status}`);
            }
          },
          (err: Error) => {
            stats.refused += n;
            if (stats.errors.length < 5) stats.errors.push(err.message);
          },
        );
        const tracked = p.finally(() => {
          inFlight--;
          pending.delete(tracked);
        });
        pending.add(tracked);
      }
      if (elapsed - lastReport >= 1000) {
        lastReport = elapsed;
        options.onTick?.(elapsed / 1000);
      }
      await new Promise((r) => setTimeout(r, tickMs));
    }
    const elapsedS = (performance.now() - start) / 1000;
    stats.behind = Math.max(0, Math.floor(elapsedS * options.rate) - (this.seq - firstSeq));
    await Promise.all(pending);
    stats.achievedRate = (this.seq - firstSeq) / elapsedS;
    return stats;
  }

  close(): void {
    this.agent.destroy();
  }
}
