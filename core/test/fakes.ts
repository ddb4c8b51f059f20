// Test doubles for core's ports: a clock moved by hand, an in-memory store, a network switch,
// a silent logger and a Socket.IO socket the test drives from the "server" side.
import { orderCreated } from '../../protocol/test/fixtures';
import type {
  Delivery,
  ErrorAck,
  LiveEvent,
  PresenceDelta,
  PresenceEntry,
  SessionNotice,
  SubscribeRequest,
  SubscribeResponse,
  SubscribeResult,
} from '../../protocol';
import type { Clock, KeyValueStore, LiveSocket, Logger, NetworkStatus, SocketOptions, TimerHandle } from '../ports';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

/** A clock that only moves when the test says so; timers fire in due order, ties in creation order. */
export class FakeClock implements Clock {
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  constructor(private t = 1_700_000_000_000) {}

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { id, due: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way (at its due time). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.timers.values()) {
        if (timer.due <= end && (!next || timer.due < next.due || (timer.due === next.due && timer.id < next.id)))
          next = timer;
      }
      if (!next) break;
      this.timers.delete(next.id);
      this.t = Math.max(this.t, next.due);
      next.fn();
    }
    this.t = end;
  }

  /** Due times of the timers still pending. */
  pendingDue(): number[] {
    return [...this.timers.values()].map((t) => t.due).sort((a, b) => a - b);
  }
}

export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.data.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.data.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
}

export class FakeNetwork implements NetworkStatus {
  private readonly listeners = new Set<(online: boolean) => void>();

  constructor(private up = true) {}

  online(): boolean {
    return this.up;
  }

  onChange(cb: (online: boolean) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Flips the OS network state and tells every listener. */
  set(online: boolean): void {
    this.up = online;
    for (const cb of [...this.listeners]) cb(online);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

type AnyHandler = (...args: never[]) => void;

export interface PendingSubscribe {
  request: SubscribeRequest;
  settled: boolean;
  answer(res: SubscribeResponse | ErrorAck): void;
  /** As if the acknowledgement never came (socket.io's timeout error). */
  fail(err?: Error): void;
}

/** A LiveSocket the test plays the gateway for. */
export class FakeSocket implements LiveSocket {
  connected = false;
  auth: { [key: string]: unknown };
  connectCalls = 0;
  disconnectCalls = 0;
  readonly subscribes: PendingSubscribe[] = [];
  private readonly handlers = new Map<string, AnyHandler[]>();

  constructor(
    readonly url: string,
    readonly options: SocketOptions,
    /** The fake gateway's channel heads, which its snapshots report too. */
    readonly heads: Record<string, { epoch: string; offset: number }> = {},
  ) {
    this.auth = { ...options.auth };
  }

  connect(): this {
    this.connectCalls++;
    return this;
  }

  /** Like socket.io-client: a connected socket emits `disconnect` with "io client disconnect". */
  disconnect(): this {
    this.disconnectCalls++;
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
      this.clearAcks();
    }
    return this;
  }

  on(event: string, handler: (...args: never[]) => void): this {
    const list = this.handlers.get(event) ?? [];
    list.push(handler);
    this.handlers.set(event, list);
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  /** Events the client emitted without an acknowledgement (presence:set), in order. */
  readonly emitted: [string, unknown][] = [];

  emit(event: string, arg: unknown): this {
    this.emitted.push([event, arg]);
    return this;
  }

  /** Tokens the client sent with `auth:refresh`, in order; answered `{ok: true}`. */
  readonly renewals: string[] = [];

  timeout(_ms: number) {
    return {
      emitWithAck: (event: string, arg: unknown): Promise<never> =>
        new Promise<never>((resolve, reject) => {
          if (event === 'auth:refresh') {
            this.renewals.push((arg as { token: string }).token);
            resolve({ ok: true, expiresAt: 0 } as never);
            return;
          }
          if (event !== 'subscribe') {
            reject(new Error(`FakeSocket: unexpected ${event}`));
            return;
          }
          const entry: PendingSubscribe = {
            request: arg as SubscribeRequest,
            settled: false,
            answer: (res) => {
              entry.settled = true;
              resolve(res as never);
            },
            fail: (err) => {
              entry.settled = true;
              reject(err ?? new Error('operation has timed out'));
            },
          };
          this.subscribes.push(entry);
        }),
    };
  }

  listenerCount(event: string): number {
    return this.handlers.get(event)?.length ?? 0;
  }

  // ---- the gateway's side ----

  serverConnect(): void {
    this.connected = true;
    this.fire('connect');
  }

  serverDisconnect(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
    this.clearAcks();
  }

  /** Like socket.io-client on close: unanswered acknowledgements fail at once. */
  private clearAcks(): void {
    for (const p of this.subscribes) if (!p.settled) p.fail(new Error('socket has been disconnected'));
  }

  /** A refused connection; `code` as the gateway's handshake error carries it in `data`. */
  connectError(message = 'xhr poll error', code?: string): void {
    this.fire('connect_error', Object.assign(new Error(message), code ? { data: { code, message } } : {}));
  }

  session(notice: SessionNotice): void {
    this.fire('session', notice);
  }

  deliver(d: Delivery): void {
    this.fire('event', d);
  }

  presence(entries: PresenceEntry[]): void {
    this.fire('presence', entries);
  }

  presenceDelta(delta: PresenceDelta): void {
    this.fire('presence:delta', delta);
  }

  deliverMany(ds: Delivery[]): void {
    this.fire('events', ds);
  }

  lastSubscribe(): PendingSubscribe {
    const last = this.subscribes.at(-1);
    if (!last) throw new Error('FakeSocket: no subscribe was sent');
    return last;
  }

  /** Answers the last subscribe: `heads` gives each channel's head (recovered: false, no events). */
  answerWithHeads(heads: Record<string, { epoch: string; offset: number }>): void {
    const req = this.lastSubscribe();
    Object.assign(this.heads, heads);
    const results: SubscribeResult[] = req.request.channels.map(({ channel }) => {
      const head = heads[channel] ?? { epoch: 'e1', offset: 0 };
      return { channel, ok: true, recovered: false, epoch: head.epoch, offset: head.offset };
    });
    req.answer({ results });
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const h of [...(this.handlers.get(event) ?? [])]) (h as (...a: unknown[]) => void)(...args);
  }
}

/** A LiveEvent (priority and audience set, as the gateway delivers it) with a fresh id. */
export function liveEvent(id?: string): LiveEvent {
  const e = orderCreated();
  return { ...e, ...(id ? { id } : {}), priority: 'normal', audience: [] } as LiveEvent;
}

export function delivery(channel: string, epoch: string, offset: number, event: LiveEvent = liveEvent()): Delivery {
  return { channel, epoch, offset, event };
}

/** A subscribe answer: the log of `channel` (epoch e1) replayed offsets `from` to `to`. */
export function replayed(channel: string, from: number, to: number): SubscribeResponse {
  const events = Array.from({ length: to - from + 1 }, (_, i) => delivery(channel, 'e1', from + i));
  return { results: [{ channel, ok: true, recovered: true, epoch: 'e1', offset: to, events }] };
}
