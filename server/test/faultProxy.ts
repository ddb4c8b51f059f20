// A TCP fault proxy for tests, put in front of PostgreSQL or Redis: it forwards bytes both ways
// until told to misbehave the way networks and servers do.
//   pause      bytes are held (both ways, new connections too) and delivered on heal: a stalled server
//   blackhole  connections are accepted but nothing ever comes back; bytes are dropped; heal cuts
//              what was blackholed (its bytes are lost) and new connections work again
//   slow       bytes flow at most `bytesPerSecond` each way
//   reset      every open connection is cut with a TCP RST at once (the proxy keeps serving)
// What a direction holds is bounded (`maxHeldBytes`): past it the proxy stops reading that side, so
// the sender sees TCP backpressure as on a real slow link, and the proxy's own memory stays small.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './gatewayProcess';

export type FaultMode = 'pass' | 'pause' | 'blackhole' | 'slow';

export interface FaultProxy {
  port: number;
  /** The target's URL with the proxy's port, e.g. `postgres://postgres@127.0.0.1:PORT/test`. */
  url(targetUrl: string): string;
  mode(): FaultMode;
  pause(): void;
  blackhole(): void;
  slow(bytesPerSecond: number): void;
  /** Cuts every open connection with a RST; resolves to how many pairs were cut. */
  reset(): number;
  /** Back to forwarding; held bytes are delivered, blackholed connections are cut. */
  heal(): void;
  /** Open client connections. */
  connections(): number;
  close(): Promise<void>;
}

interface Direction {
  from: Socket;
  to: Socket;
  held: Buffer[];
  heldBytes: number;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
  blackholed: boolean;
  directions: Direction[];
}

const TICK_MS = 20;
const MAX_HELD_BYTES = 256 * 1024;

export async function startFaultProxy(
  target: { host?: string; port: number },
  options: { maxHeldBytes?: number } = {},
): Promise<FaultProxy> {
  const maxHeld = options.maxHeldBytes ?? MAX_HELD_BYTES;
  const port = await freePort();
  const host = target.host ?? '127.0.0.1';
  const pairs = new Set<Pair>();
  let mode: FaultMode = 'pass';
  let rate = Infinity;

  function cut(pair: Pair, hard: boolean): void {
    pairs.delete(pair);
    for (const s of [pair.client, pair.upstream]) {
      if (!s || s.destroyed) continue;
      if (hard) s.resetAndDestroy();
      else s.destroy();
    }
  }

  /** Sends what a direction holds, within `budget` bytes; returns the bytes sent. */
  function flush(d: Direction, budget: number): number {
    let sent = 0;
    while (d.held.length > 0 && sent < budget) {
      const chunk = d.held[0] as Buffer;
      const room = budget - sent;
      if (chunk.length <= room) {
        d.held.shift();
        d.to.write(chunk);
        sent += chunk.length;
      } else {
        d.to.write(chunk.subarray(0, room));
        d.held[0] = chunk.subarray(room);
        sent += room;
      }
    }
    d.heldBytes -= sent;
    if (d.heldBytes < maxHeld && d.from.isPaused()) d.from.resume();
    return sent;
  }

  function pump(pair: Pair, from: Socket, to: Socket): void {
    const d: Direction = { from, to, held: [], heldBytes: 0 };
    pair.directions.push(d);
    from.on('data', (chunk: Buffer) => {
      if (pair.blackholed || mode === 'blackhole') return;
      if (mode === 'pass' && d.held.length === 0) return void to.write(chunk);
      d.held.push(chunk);
      d.heldBytes += chunk.length;
      // Full: stop reading until the tick has sent some on (the sender's TCP window closes).
      if (d.heldBytes >= maxHeld) from.pause();
    });
  }

  // Held bytes move on a tick: all of them when passing, a rate's worth when slow.
  const ticker = setInterval(() => {
    if (mode === 'pause' || mode === 'blackhole') return;
    const budget = mode === 'slow' ? Math.max(1, Math.floor((rate * TICK_MS) / 1000)) : Infinity;
    for (const pair of pairs) for (const d of pair.directions) flush(d, budget);
  }, TICK_MS);
  ticker.unref();

  const server: Server = createServer((client) => {
    const pair: Pair = { client, blackholed: mode === 'blackhole', directions: [] };
    pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => cut(pair, false));
    if (pair.blackholed) {
      client.resume(); // read and drop
      return;
    }
    const upstream = connect(target.port, host);
    pair.upstream = upstream;
    upstream.on('error', () => undefined);
    upstream.on('close', () => cut(pair, false));
    pump(pair, client, upstream);
    pump(pair, upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    port,
    url(targetUrl) {
      const u = new URL(targetUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    mode: () => mode,
    pause: () => void (mode = 'pause'),
    blackhole() {
      mode = 'blackhole';
      for (const pair of pairs) pair.blackholed = true;
    },
    slow(bytesPerSecond) {
      rate = bytesPerSecond;
      mode = 'slow';
    },
    reset() {
      const all = [...pairs];
      for (const pair of all) cut(pair, true);
      return all.length;
    },
    heal() {
      mode = 'pass';
      rate = Infinity;
      for (const pair of [...pairs]) {
        if (pair.blackholed) cut(pair, true);
        else for (const d of pair.directions) flush(d, Infinity);
      }
    },
    connections: () => pairs.size,
    async close() {
      clearInterval(ticker);
      for (const pair of [...pairs]) cut(pair, false);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
