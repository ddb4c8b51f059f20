// A TCP proxy on loopback that can make the network go silently dead: while it blackholes, every
// byte either way is dropped and nothing is closed (no FIN, no RST), as when a Wi-Fi access point or
// a NAT forgets a connection. Connections made during the blackhole wait, as a SYN being
// retransmitted does, and go through once it heals; connections that lived through it stay dead.
import net from 'node:net';

export interface BlackholeProxy {
  /** `http://127.0.0.1:<port>`, forwarding to the upstream port. */
  url: string;
  blackhole(): void;
  heal(): void;
  /** Chunks (writes) and bytes the clients sent towards the upstream since the last reset. */
  sent(): { chunks: number; bytes: number };
  resetCounters(): void;
  close(): Promise<void>;
}

export async function startBlackholeProxy(upstreamPort: number): Promise<BlackholeProxy> {
  let dark = false;
  let chunks = 0;
  let bytes = 0;
  const pairs = new Set<{ client: net.Socket; upstream?: net.Socket; dead: boolean }>();
  const waiting = new Set<{ client: net.Socket; buffered: Buffer[] }>();

  const pipe = (client: net.Socket, buffered: Buffer[] = []) => {
    const pair: { client: net.Socket; upstream?: net.Socket; dead: boolean } = { client, dead: false };
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    pair.upstream = upstream;
    pairs.add(pair);
    for (const b of buffered) upstream.write(b);
    client.removeAllListeners('data');
    client.on('data', (b: Buffer) => {
      if (pair.dead || dark) return;
      chunks++;
      bytes += b.length;
      upstream.write(b);
    });
    upstream.on('data', (b: Buffer) => {
      if (pair.dead || dark) return;
      client.write(b);
    });
    const end = () => {
      pairs.delete(pair);
      // A dead pair's close never reaches the other side: the network is gone for it.
      if (!pair.dead) {
        client.destroy();
        upstream.destroy();
      }
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  };

  const server = net.createServer((client) => {
    client.setNoDelay(true);
    client.on('error', () => undefined);
    if (!dark) {
      pipe(client);
      return;
    }
    const w = { client, buffered: [] as Buffer[] };
    waiting.add(w);
    client.on('data', (b: Buffer) => w.buffered.push(b));
    client.on('close', () => waiting.delete(w));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    blackhole() {
      dark = true;
      for (const p of pairs) p.dead = true;
    },
    heal() {
      dark = false;
      for (const w of [...waiting]) {
        waiting.delete(w);
        if (!w.client.destroyed) pipe(w.client, w.buffered);
      }
    },
    sent: () => ({ chunks, bytes }),
    resetCounters() {
      chunks = 0;
      bytes = 0;
    },
    async close() {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream?.destroy();
      }
      for (const w of waiting) w.client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
