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
import type {
  Clock,
  HttpFetch,
  HttpResponse,
  KeyValueStore,
  LiveSocket,
  Logger,
  NetworkStatus,
  Ports,
  SocketOptions,
  TimerHandle,
} from '../ports';

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

interface Account {
  password: string;
  user: { id: string; name: string; role: 'warehouse' | 'sales' | 'admin' };
}

/**
 * The gateway's auth API: demo accounts, rotating refresh tokens, and switches to make the next
 * refresh fail (refused, or the network down).
 */
export class FakeAuthServer {
  readonly accounts = new Map<string, Account>([
    ['depo', { password: 'demo', user: { id: 'u-depo', name: 'Ayşe Yılmaz', role: 'warehouse' } }],
    ['yonetici', { password: 'demo', user: { id: 'u-yon', name: 'Zeynep Demir', role: 'admin' } }],
  ]);
  /** refresh token → account name, for tokens not yet used. */
  readonly live = new Map<string, string>();
  readonly calls: { path: string; body: Record<string, unknown> }[] = [];
  /** Channel heads the snapshot reports (the fake sockets' answers keep it up to date). */
  readonly heads: Record<string, { epoch: string; offset: number }> = {};
  /** Next snapshot requests to fail (network down), before one succeeds. */
  snapshotFailures = 0;
  expiresIn = 600;
  refreshMode: 'ok' | 'refuse' | 'network' = 'ok';
  private seq = 0;

  private pair(name: string) {
    const n = ++this.seq;
    const refreshToken = `rt-${n}-${'x'.repeat(24)}`;
    this.live.set(refreshToken, name);
    return {
      accessToken: `at-${n}`,
      refreshToken,
      expiresIn: this.expiresIn,
      user: (this.accounts.get(name) as Account).user,
    };
  }

  readonly http: HttpFetch = async (url, init) => {
    const parsedUrl = new URL(url);
    const path = parsedUrl.pathname;
    if (path === '/v1/snapshot') {
      this.calls.push({ path, body: { channels: parsedUrl.searchParams.get('channels') } });
      if (this.snapshotFailures > 0) {
        this.snapshotFailures -= 1;
        throw new TypeError('fetch failed');
      }
      const channels = (parsedUrl.searchParams.get('channels') ?? '').split(',');
      const json = {
        channels: channels.map((channel) => ({
          channel,
          ...(this.heads[channel] ?? { epoch: 'e1', offset: 0 }),
          alerts: [],
        })),
        presence: [],
      };
      return { status: 200, json: async () => json };
    }
    const body = JSON.parse(init.body ?? '{}') as Record<string, string>;
    this.calls.push({ path, body });
    const reply = (status: number, json: unknown) => ({ status, json: async () => json });
    const refused = (code: string, message: string) => reply(401, { error: { code, message } });
    switch (path) {
      case '/v1/auth/login': {
        const acc = this.accounts.get(String(body.username).trim());
        return acc && acc.password === body.password
          ? reply(200, this.pair(String(body.username).trim()))
          : refused('invalid_credentials', 'Invalid username or password');
      }
      case '/v1/auth/refresh': {
        if (this.refreshMode === 'network') throw new TypeError('fetch failed');
        const name = this.live.get(String(body.refreshToken));
        if (this.refreshMode === 'refuse' || !name)
          return refused('unauthorized', 'Refresh token is invalid or expired');
        this.live.delete(String(body.refreshToken));
        return reply(200, this.pair(name));
      }
      case '/v1/auth/logout':
        this.live.delete(String(body.refreshToken));
        return reply(204, undefined);
      default:
        return reply(404, { error: { code: 'not_found', message: 'No such resource' } });
    }
  };
}

export interface FakeWorld {
  ports: Ports;
  auth: FakeAuthServer;
  /** The store the session keeps its refresh token in. */
  secrets: MemoryStore;
  clock: FakeClock;
  network: FakeNetwork;
  store: MemoryStore;
  sockets: FakeSocket[];
  /** The socket the client made last. */
  socket(): FakeSocket;
}

let idSeq = 0;

export function fakeWorld(options: { online?: boolean; secrets?: MemoryStore } = {}): FakeWorld {
  const clock = new FakeClock();
  const network = new FakeNetwork(options.online ?? true);
  const store = new MemoryStore();
  const secrets = options.secrets ?? new MemoryStore();
  const auth = new FakeAuthServer();
  const sockets: FakeSocket[] = [];
  return {
    clock,
    network,
    store,
    secrets,
    auth,
    sockets,
    ports: {
      http: auth.http,
      secrets,
      randomId: () => `k-${(++idSeq).toString(36).padStart(8, '0')}`,
      socketFactory: (url, opts) => {
        const s = new FakeSocket(url, opts, auth.heads);
        sockets.push(s);
        return s;
      },
      store,
      clock,
      network,
      logger: silentLogger,
    },
    socket() {
      const s = sockets.at(-1);
      if (!s) throw new Error('no socket was made');
      return s;
    },
  };
}

/** Holds every snapshot request of `w`'s ports until the test answers it. */
export function gateSnapshots(w: Pick<FakeWorld, 'ports'>) {
  const waiting: ((res: HttpResponse) => void)[] = [];
  let requests = 0;
  const http = w.ports.http;
  w.ports.http = (url, init) => {
    if (!url.includes('/v1/snapshot')) return http(url, init);
    requests++;
    return new Promise((resolve) => waiting.push(resolve));
  };
  return {
    get requests() {
      return requests;
    },
    /** Answers the oldest open snapshot request. */
    answer(status: number, body: unknown) {
      const next = waiting.shift();
      if (!next) throw new Error('no snapshot request is open');
      next({ status, json: async () => body });
    },
  };
}

/** Makes `method` of `store` wait, for keys starting with `prefix`, until `release()`. */
export function gate(store: KeyValueStore, method: 'get' | 'delete', prefix: string) {
  let release!: () => void;
  const open = new Promise<void>((r) => (release = r));
  const original = store[method].bind(store) as (key: string) => Promise<never>;
  store[method] = async (key: string) => {
    if (key.startsWith(prefix)) await open;
    return original(key);
  };
  return release;
}
