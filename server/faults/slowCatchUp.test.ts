// Catch-up over a slow link: a console offline while producers keep posting comes back through a
// fault proxy that carries 1 MB/s (with a bounded buffer, so the gateway feels the backpressure as
// on a real slow link). The console's core pulls the replay in chunks and merges it with live
// deliveries by offset: every accepted event is shown once, in order, with no hole; the catch-up
// is never cut as a slow consumer, and the gateway's memory stays bounded. 30 s offline with
// LIVE_STRESS=1, 10 s otherwise.
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery, EventInput } from '../../protocol';
import { inventoryChange, orderCreated } from '../../protocol/test/fixtures';
import { createLiveClient, type LiveClient } from '../../core/liveClient';
import type { LiveSocket } from '../../core/ports';
import { realPorts } from '../../core/test/realPorts';
import type { Socket } from 'socket.io-client';
import { startFaultProxy, type FaultProxy } from '../test/faultProxy';
import { startCluster } from '../test/cluster';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { loginAs, waitFor } from '../test/live';

const STRESS = Boolean(process.env.LIVE_STRESS);
const OFFLINE_MS = STRESS ? 30_000 : 10_000;
const LINK_BYTES_PER_SECOND = 1_000_000;
const BATCH = 20;
const BATCH_EVERY_MS = 200;
const CHANNELS = ['orders', 'inventory'];
// The live cap is far below the backlog; chunks are the default (500 events, 256 KiB).
const CHUNK_BYTES = 256 * 1024;
const LIMITS = ['logRetention=20000', 'slowConsumerBytes=262144', 'socketRate=1000', 'userRate=2000'].join(',');

/** The gateway of the case being run, and the proxy in front of it. */
let gw: GatewayProcess;
let proxy: FaultProxy;
let client: LiveClient | undefined;
const disposers: (() => Promise<void>)[] = [];

/** Embedded (the log in SQLite) and clustered (Redis Streams, read chunk by chunk with XRANGE). */
const GATEWAYS: [string, () => Promise<GatewayProcess>][] = [
  [
    'embedded',
    async () => {
      const g = await startGatewayProcess({ LIVE_LIMITS: LIMITS });
      disposers.push(() => g.dispose());
      return g;
    },
  ],
  [
    'clustered',
    async () => {
      const c = await startCluster(1, { LIVE_LIMITS: LIMITS });
      disposers.push(() => c.dispose());
      return c.nodes[0] as GatewayProcess;
    },
  ],
];

afterEach(async () => {
  client?.close();
  client = undefined;
  await proxy?.close();
  for (const dispose of disposers.splice(0)) await dispose();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** An order with many lines (about 6 kB in the log), so the backlog is megabytes. */
function bigOrder(): EventInput {
  const e = orderCreated();
  const payload = e.payload as { lines: unknown[] };
  payload.lines = Array.from({ length: 32 }, () => payload.lines[0]);
  return e;
}

/** Posts a batch every 200 ms until stopped; every accepted offset is recorded per channel. */
function startProducers() {
  const accepted = new Map<string, Set<number>>(CHANNELS.map((c) => [c, new Set()]));
  let running = true;
  const done = (async () => {
    while (running) {
      const events = Array.from({ length: BATCH }, (_, i) => (i % 4 === 0 ? inventoryChange() : bigOrder()));
      // The same batch again after a refusal: the ids make the retry count once.
      for (let attempt = 0; attempt < 20; attempt++) {
        const res = await postEvents(gw.url, { events });
        if (res.status === 202) {
          for (const a of (res.json as { accepted: { channel: string; offset: number }[] }).accepted)
            accepted.get(a.channel)?.add(a.offset);
          break;
        }
        await pause(200);
      }
      await pause(BATCH_EVERY_MS);
    }
  })();
  return {
    accepted,
    async stop() {
      running = false;
      await done;
    },
  };
}

describe.each(GATEWAYS)('catch-up over a slow link (%s)', (_kind, start) => {
  it(
    `offline ${OFFLINE_MS / 1000} s, back on a 1 MB/s link: every accepted event once, in order, never cut`,
    async () => {
      gw = await start();
      proxy = await startFaultProxy({ port: gw.port });
      const { accessToken } = await loginAs(gw.url);
      const shown = new Map<string, number[]>(CHANNELS.map((c) => [c, []]));
      let replayedCount = 0;
      let replayedBytes = 0;
      // The largest frame that came down the link: a chunk, never the whole backlog.
      let largestFrame = 0;
      const ports = realPorts();
      const make = ports.socketFactory;
      ports.socketFactory = (url, options) => {
        const s = make(url, options) as unknown as Socket;
        s.io.on('open', () =>
          s.io.engine.on('packet', (p: { data?: unknown }) => {
            if (typeof p.data === 'string') largestFrame = Math.max(largestFrame, Buffer.byteLength(p.data));
          }),
        );
        return s as unknown as LiveSocket;
      };
      client = createLiveClient(ports);
      client.onDelivery((d: Delivery, catchUp) => {
        shown.get(d.channel)?.push(d.offset);
        if (catchUp) {
          replayedCount++;
          replayedBytes += Buffer.byteLength(JSON.stringify(d));
        }
      });
      const server = `http://127.0.0.1:${proxy.port}`;
      client.connect({ server, token: accessToken, channels: CHANNELS });
      await waitFor(() => Object.keys(client!.getState().channels).length === CHANNELS.length, 'first subscribe');

      const producers = startProducers();
      await pause(2000);
      // Away: positions kept, as a console closed and reopened.
      const positions = client.getState().channels;
      client.disconnect();
      await pause(OFFLINE_MS);
      const missedCount = [...producers.accepted.values()].reduce((n, s) => n + s.size, 0);

      proxy.slow(LINK_BYTES_PER_SECOND);
      const rssBefore = await metric('live_process_process_resident_memory_bytes');
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        void metric('live_process_process_resident_memory_bytes').then((v) => (rssPeak = Math.max(rssPeak, v)));
      }, 500);
      const started = performance.now();
      client.connect({ server, token: accessToken, channels: CHANNELS, positions });
      try {
        // Caught up: everything accepted so far is shown (producers still posting meanwhile).
        const target = new Map(CHANNELS.map((c) => [c, Math.max(0, ...(producers.accepted.get(c) ?? []))]));
        await waitFor(
          () => CHANNELS.every((c) => (shown.get(c)?.at(-1) ?? 0) >= (target.get(c) as number)),
          () => `catch-up (shown ${CHANNELS.map((c) => `${c} ${shown.get(c)?.at(-1)}/${target.get(c)}`).join(', ')})`,
          180_000,
        );
        const catchUpMs = performance.now() - started;
        await producers.stop();
        // The last batches arrive live, through the same slow link.
        await waitFor(
          () => CHANNELS.every((c) => (shown.get(c)?.at(-1) ?? 0) >= Math.max(...(producers.accepted.get(c) ?? [0]))),
          'the last live deliveries',
          60_000,
        );
        clearInterval(sampler);
        for (const c of CHANNELS) {
          const offsets = shown.get(c) as number[];
          const seen = new Set(offsets);
          expect(offsets.length - seen.size, `${c}: shown twice`).toBe(0);
          const lost = [...(producers.accepted.get(c) as Set<number>)].filter((o) => !seen.has(o));
          expect(lost, `${c}: accepted, never shown`).toEqual([]);
          expect(offsets, `${c}: in order`).toEqual([...offsets].sort((a, b) => a - b));
        }
        expect(await metric('live_slow_consumers_total')).toBe(0);
        // The replay came in chunks of the gateway's cap and the client's request (500 events), not
        // in one answer of megabytes.
        expect(largestFrame).toBeLessThan(2 * CHUNK_BYTES);
        expect(client.getState().quality?.reconnects).toBe(0);
        // Per socket: a chunk on its way, not the backlog (generous: RSS also holds the log itself).
        expect(rssPeak - rssBefore).toBeLessThan(150 * 1024 * 1024);
        console.info(
          `catch-up (${_kind}): ${missedCount} accepted before reconnect, ${replayedCount} replayed (${Math.round(replayedBytes / 1e3)} kB), ` +
            `${Math.round(catchUpMs)} ms to catch up at 1 MB/s; largest frame ${largestFrame} B; gateway RSS ${Math.round(rssBefore / 1e6)} → peak ` +
            `${Math.round(rssPeak / 1e6)} MB`,
        );
      } finally {
        clearInterval(sampler);
        await producers.stop();
      }
    },
    STRESS ? 400_000 : 200_000,
  );
});
