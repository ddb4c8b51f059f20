// A whole fake world for core's tests: the gateway's auth API, the ports wired to fakes, and gates
// that hold a request until the test answers it.
import type { HttpFetch, HttpResponse, KeyValueStore, Ports } from '../ports';
import { FakeClock, FakeNetwork, FakeSocket, MemoryStore, silentLogger } from './fakes';

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
