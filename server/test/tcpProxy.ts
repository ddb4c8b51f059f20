// A small TCP load balancer for tests, standing in for nginx: each new connection goes to the next
// backend that accepts it (round robin), so clients of a killed node land on a live one.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './gatewayProcess';

export interface TcpProxy {
  url: string;
  close(): Promise<void>;
}

export async function startTcpProxy(backends: () => number[]): Promise<TcpProxy> {
  const port = await freePort();
  const open = new Set<Socket>();
  let next = 0;

  function dial(client: Socket, tries: number): void {
    const ports = backends();
    if (tries >= ports.length * 2 || ports.length === 0) {
      client.destroy();
      return;
    }
    const target = ports[next++ % ports.length] as number;
    const upstream = connect(target, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      open.add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      // A backend that refuses (a killed node): try the next one.
      if (!connected) dial(client, tries + 1);
    });
    upstream.once('close', () => {
      open.delete(upstream);
      if (connected) client.destroy();
    });
  }

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.on('error', () => undefined);
    client.on('close', () => open.delete(client));
    dial(client, 0);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
