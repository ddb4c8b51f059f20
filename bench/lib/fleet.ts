// The receivers: N socket.io-client connections (websocket), opened at a steady ramp, each
// authenticated, subscribed and (against the gateway) loaded with the channel snapshot, as the
// console connects. Every delivery is checked against its channel's offset (gaps are loss,
// repeats are duplicates) and timed against when the publisher sent it.
import { io, type Socket } from 'socket.io-client';
import type { Delivery } from '../../protocol';
import { LatencyHistogram } from './histogram';
import { progress } from './progress';
import { epochNow } from './publisher';
import type { Target } from './targets';

export interface FleetOptions {
  count: number;
  /** New connections per second while ramping. */
  rampPerSec: number;
  channels: string[];
  /** When the publisher sent an event (epoch ms, `epochNow`), by its id; undefined for others. */
  sentAt?: (id: string) => number | undefined;
  /** Connections open in turn on the target's socket URLs starting at this one (threads share them). */
  firstUrl?: number;
  quiet?: boolean;
  /** Load the snapshot as part of connecting (default: when the target serves one). */
  snapshot?: boolean;
}

interface Receiver {
  socket: Socket;
  offsets: Record<string, number>;
  received: number;
}

export class Fleet {
  readonly connectTimes = new LatencyHistogram();
  readonly latency = new LatencyHistogram();
  /** Deliveries per second while measuring. */
  readonly perSecond: number[] = [];
  receivers: Receiver[] = [];
  connectFailures = 0;
  failureReasons = new Map<string, number>();
  received = 0;
  /** Deliveries of the publisher's events (what loss is counted against). */
  published = 0;
  gaps = 0;
  duplicates = 0;
  disconnects = 0;
  private measuring = false;
  private measureStart = 0;

  constructor(
    private readonly target: Target,
    private readonly options: FleetOptions,
  ) {}

  private onDeliveries(r: Receiver, ds: Delivery[]): void {
    const now = epochNow();
    for (const d of ds) {
      const last = r.offsets[d.channel];
      if (last !== undefined && d.offset <= last) {
        this.duplicates++;
        continue;
      }
      if (last !== undefined && d.offset > last + 1) this.gaps += d.offset - last - 1;
      r.offsets[d.channel] = d.offset;
      r.received++;
      this.received++;
      const sent = this.options.sentAt?.(d.event.id);
      if (sent !== undefined) this.published++;
      if (!this.measuring) continue;
      if (sent !== undefined) this.latency.recordMs(now - sent);
      const second = Math.floor((now - this.measureStart) / 1000);
      this.perSecond[second] = (this.perSecond[second] ?? 0) + 1;
    }
  }

  private fail(reason: string): void {
    this.connectFailures++;
    this.failureReasons.set(reason, (this.failureReasons.get(reason) ?? 0) + 1);
  }

  private async connectOne(url: string): Promise<void> {
    const t0 = performance.now();
    const socket = io(`${url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
      // As the consoles connect (core/handshake.ts): presence as changes after one whole list.
      auth: this.target.token ? { token: this.target.token, presence: 'delta' } : {},
    });
    const r: Receiver = { socket, offsets: {}, received: 0 };
    socket.on('event', (d: Delivery) => this.onDeliveries(r, [d]));
    socket.on('events', (ds: Delivery[]) => this.onDeliveries(r, ds));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const ack = (await socket.timeout(60_000).emitWithAck('subscribe', {
        channels: this.options.channels.map((channel) => ({ channel })),
      })) as { results?: { channel: string; ok: boolean; offset: number }[]; error?: { code: string } };
      if (!ack.results?.every((x) => x.ok)) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
      for (const x of ack.results) {
        // Deliveries that raced ahead of the ack are already counted; the ack's head is older.
        if (r.offsets[x.channel] === undefined) r.offsets[x.channel] = x.offset;
      }
      if (this.options.snapshot ?? this.target.snapshot) {
        const res = await fetch(`${url}/v1/snapshot?channels=${this.options.channels.join(',')}`, {
          headers: { authorization: `Bearer ${this.target.token}` },
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`snapshot: HTTP ${res.status}`);
      }
      this.connectTimes.recordMs(performance.now() - t0);
      socket.on('disconnect', () => this.disconnects++);
      this.receivers.push(r);
    } catch (err) {
      socket.disconnect();
      this.fail((err as Error).message.slice(0, 120));
    }
  }

  /** Opens the connections at `rampPerSec`; resolves when each has connected or failed. */
  async connect(label = 'connecting'): Promise<void> {
    const { count, rampPerSec } = this.options;
    const bar = this.options.quiet ? undefined : progress(label, count);
    const urls = this.target.socketUrls;
    const started: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const due = t0 + (i / rampPerSec) * 1000;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      started.push(this.connectOne(urls[(i + (this.options.firstUrl ?? 0)) % urls.length] as string));
      if (i % 50 === 0) bar?.update(this.receivers.length, `${this.receivers.length} connected`);
    }
    await Promise.all(started);
    bar?.finish(`${this.receivers.length} connected, ${this.connectFailures} failed`);
  }

  /** `at`: the window's start on the epoch clock (threads measuring together share it). */
  startMeasuring(at = epochNow()): void {
    this.latency.reset();
    this.perSecond.length = 0;
    this.measureStart = at;
    this.measuring = true;
  }

  stopMeasuring(): void {
    this.measuring = false;
  }

  close(): void {
    for (const r of this.receivers) {
      r.socket.removeAllListeners();
      r.socket.disconnect();
    }
    this.receivers = [];
  }
}
