// The bare Socket.IO baseline: the same HTTP ingest and `/live` namespace shapes as the gateway,
// and nothing else: no authentication, log, projection, validation or access control. It parses
// each POST, numbers events per channel (so receivers can count loss the same way) and broadcasts
// one event per frame. The benchmark runs it beside the gateway to show the gateway's cost as a ratio.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const httpServer = createServer();
const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });
const nsp = io.of('/live');
const offsets = new Map<string, number>();
const EPOCH = 'bare';

const CHANNEL_OF: Record<string, string> = {
  ORDER_NOTIFICATION: 'orders',
  INVENTORY_CHANGE: 'inventory',
  PRICE_UPDATE: 'prices',
  METRIC_UPDATE: 'dashboard',
  SYSTEM_ALERT: 'system',
};

nsp.on('connection', (socket) => {
  socket.on('subscribe', (req: { channels: { channel: string }[] }, ack: (r: unknown) => void) => {
    const results = req.channels.map(({ channel }) => {
      void socket.join(channel);
      return { channel, ok: true, recovered: false, epoch: EPOCH, offset: offsets.get(channel) ?? 0 };
    });
    ack({ results });
  });
});

httpServer.on('request', (req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/v1/events') {
    // Socket.IO answers its own path; everything else is not here.
    if (!req.url?.startsWith('/socket.io/')) res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { events?: unknown[] } & Record<string, unknown>;
    const events = (body.events ?? [body]) as { type: string }[];
    for (const event of events) {
      const channel = CHANNEL_OF[event.type] ?? 'global';
      const offset = (offsets.get(channel) ?? 0) + 1;
      offsets.set(channel, offset);
      nsp.to(channel).emit('event', { channel, epoch: EPOCH, offset, event });
    }
    res.writeHead(202, { 'content-type': 'application/json' }).end(`{"accepted":${events.length}}`);
  });
});

httpServer.listen(port, '127.0.0.1', () => {
  const address = httpServer.address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => {
  io.close();
  httpServer.close(() => process.exit(0));
});
