// The kill test: two nodes behind a balancer, one SIGKILLed again and again while 50 clients take
// 200 events/s and send actions (each retried with its key until acknowledged). Afterwards: no
// event missed or shown twice by any client, no action lost or applied twice (checked in SQL).
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createLiveClient, type LiveClient } from '../../core/liveClient';
import { realPorts } from '../../core/test/realPorts';
import { orderKeyOf, type Delivery } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { startCluster, type TestCluster } from '../test/cluster';
import { POSTGRES_URL } from '../test/databases';
import { TEST_INGEST_TOKEN } from '../test/gatewayProcess';
import { loginAs, waitFor } from '../test/live';
import { startTcpProxy, type TcpProxy } from '../test/tcpProxy';

const STRESS = Boolean(process.env.LIVE_STRESS);
const KILLS = STRESS ? 20 : 3;
const CLIENTS = STRESS ? 50 : 20;
const RATE = 200;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: TestCluster | undefined;
let proxy: TcpProxy | undefined;
afterAll(async () => {
  await proxy?.close();
  await cluster?.dispose();
});

interface Client {
  core: LiveClient;
  shown: Delivery[];
  /** Offsets of the snapshots this client reloaded from (one at sign-in, none after). */
  snapshots: number[];
  socket(): Socket | undefined;
}

function client(url: string, token: string): Client {
  const ports = realPorts();
  const shown: Delivery[] = [];
  const snapshots: number[] = [];
  const core = createLiveClient(ports, { frameMs: 16 });
  core.onBatch((b) => {
    shown.push(...b.events);
    if (b.snapshots?.length) snapshots.push(...b.snapshots.map((x) => x.offset));
  });
  core.connect({ server: url, token, channels: ['orders'] });
  return { core, shown, snapshots, socket: () => ports.sockets.at(-1) };
}

/** Posts until told to stop, retrying a batch (same ids) until some node accepts it. */
function publisher(url: string) {
  let running = true;
  const accepted: string[] = [];
  const done = (async () => {
    const started = Date.now();
    let sent = 0;
    while (running) {
      const due = Math.floor(((Date.now() - started) * RATE) / 1000) - sent;
      if (due <= 0) {
        await pause(10);
        continue;
      }
      const events = Array.from({ length: Math.min(due, 40) }, () => orderCreated());
      for (;;) {
        try {
          const res = await fetch(`${url}/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INGEST_TOKEN}` },
            body: JSON.stringify({ events }),
          });
          if (res.status === 202) break;
        } catch {
          // the node died under the request: send the same events again
        }
        await pause(100);
      }
      accepted.push(...events.map((e) => e.id));
      sent += events.length;
    }
    return accepted;
  })();
  return { stop: () => ((running = false), done) };
}

/** Sends an action until a node acknowledges it, always with the same key. */
async function actUntilAcked(c: Client, action: Record<string, unknown>): Promise<unknown> {
  for (;;) {
    const s = c.socket();
    if (s?.connected) {
      try {
        const ack = (await s.timeout(3000).emitWithAck('action', action)) as { ok: boolean; error?: { code: string } };
        if (ack.ok || (ack.error && ack.error.code !== 'internal' && ack.error.code !== 'rate_limited')) return ack;
      } catch {
        // no answer: the node went away; retry below
      }
    }
    await pause(200);
  }
}

describe('kill test', () => {
  it(`${KILLS} SIGKILLs of a node under load: nothing missed, nothing twice, every action applied once`, async () => {
    // Every client signs in as the same user, and each reconnects after every kill it sits on: the
    // per-user connection limit (60 a minute by default, for one person's devices) is lifted too.
    const limits = 'socketRate=1000,userRate=100000,connectRate=100000,connectUserRate=100000,loginFailures=1000';
    cluster = await startCluster(2, { LIVE_LIMITS: limits });
    const nodes = cluster.nodes;
    const alive = new Set(nodes);
    proxy = await startTcpProxy(() => [...alive].map((n) => n.port));
    const url = proxy.url;

    // An order to write notes on.
    const order = orderCreated();
    await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INGEST_TOKEN}` },
      body: JSON.stringify(order),
    });
    const orderKey = orderKeyOf('trendyol', order.type === 'ORDER_NOTIFICATION' ? order.payload.orderNumber : '');

    const token = (await loginAs(url, 'depo')).accessToken;
    const clients = Array.from({ length: CLIENTS }, () => client(url, token));
    // Connected, and each at a position in the log (its first snapshot loaded): from here on,
    // every event must reach every client as an event.
    await waitFor(
      () =>
        clients.every((c) => c.core.getState().connection.state === 'connected' && c.core.getState().channels.orders),
      'all clients connected and at a position',
      60_000,
    );

    const pub = publisher(url);
    const actionKeys: string[] = [];
    let acting = true;
    const actors = clients.slice(0, 10).map(async (c, i) => {
      for (let n = 0; acting; n++) {
        const key = `kill-${i}-${n}-${order.id.slice(0, 8)}`;
        actionKeys.push(key);
        await actUntilAcked(c, { key, type: 'ORDER_NOTE', orderKey, text: `not ${i}/${n}` });
        await pause(300);
      }
    });

    for (let k = 0; k < KILLS; k++) {
      await pause(1500);
      const victim = nodes[k % nodes.length] as (typeof nodes)[number];
      alive.delete(victim);
      await victim.kill();
      await pause(700);
      await victim.start();
      alive.add(victim);
    }
    await pause(1500);
    acting = false;
    await Promise.all(actors);
    const accepted = await pub.stop();

    for (const [i, c] of clients.entries()) {
      await waitFor(
        () => accepted.every((id) => c.shown.some((d) => d.event.id === id)),
        () => {
          const { state, reason } = c.core.getState().connection;
          const why = reason ? `${state}, ${reason}` : state;
          return `client ${i}: all ${accepted.length} events (has ${c.shown.length}; snapshots at ${c.snapshots.join(',')}; ${why})`;
        },
        60_000,
      );
    }
    for (const c of clients) {
      const orders = c.shown.filter((d) => d.event.type === 'ORDER_NOTIFICATION');
      const ids = orders.map((d) => d.event.id);
      expect(new Set(ids).size).toBe(ids.length); // nothing shown twice
      expect(c.snapshots).toHaveLength(1); // the log survives the kills: replay, never a reload
      const offsets = c.shown.map((d) => d.offset);
      const first = offsets[0] as number;
      expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => first + i)); // no hole
      c.core.close();
    }

    // Every action applied exactly once, as SQL has it.
    const db = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${cluster.schema}` });
    await db.connect();
    try {
      const rows = await db.query<{ key: string }>('select key from actions where key like $1', [
        `kill-%-${order.id.slice(0, 8)}`,
      ]);
      expect(rows.rows.map((r) => r.key).sort()).toEqual([...new Set(actionKeys)].sort());
      const notes = await db.query<{ n: string }>('select count(*) as n from order_notes where order_key = $1', [
        orderKey,
      ]);
      expect(Number(notes.rows[0]?.n)).toBe(new Set(actionKeys).size);
    } finally {
      await db.end();
    }
    expect(accepted.length).toBeGreaterThan(RATE * KILLS);
  }, 900_000);
});
