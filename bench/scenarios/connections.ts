// connections: how many idle authenticated connections one gateway holds, and the heap each one
// costs, read after a full collection through the gateway's inspector. Each connection signs in
// with a token at the handshake and subscribes to the channels a sales user's console reads.
import { Fleet } from '../lib/fleet';
import { connectInspector } from '../lib/inspector';
import { rssMb } from '../lib/proc';
import { Publisher } from '../lib/publisher';
import type { Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';
import { startGatewayTarget } from '../lib/targets';
import { freePort } from '../../server/test/gatewayProcess';

export const connections = defineScenario({
  name: 'connections',
  summary: 'idle authenticated connections one gateway holds, and heap per connection',
  help: {
    clients: 'connections to open',
    ramp: 'new connections per second',
    hold: 'seconds to hold them all before checking they are still there',
    snapshot: 'load the snapshot as part of each connect',
  },
  defaults: { clients: 10_000, ramp: 500, hold: 15, snapshot: false },
  smoke: { clients: 20, ramp: 100, hold: 1 },
  budgetS: (p) => 120 + (p.clients / p.ramp) * 3 + p.hold,
  async run(p, ctx) {
    const inspectPort = await freePort();
    const target = await startGatewayTarget({ nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] });
    ctx.onCleanup(() => target.stop());
    const pid = target.process.pid() as number;
    const heap = await connectInspector(inspectPort);
    ctx.onCleanup(() => heap.close());

    // One event through first, so what the first delivery builds (and keeps) is in the baseline.
    const publisher = new Publisher(target.ingestUrl, target.ingestToken, 100);
    ctx.onCleanup(() => publisher.close());
    await publisher.post(1);
    const heapBefore = await heap.usedAfterGc();
    const rssBefore = rssMb(pid);

    const channels = ['global', 'dashboard', 'orders', 'inventory'];
    const sentAt = (id: string) => (publisher.seqOf(id) >= 0 ? 0 : undefined);
    const fleet = new Fleet(target, { count: p.clients, rampPerSec: p.ramp, channels, sentAt, snapshot: p.snapshot });
    ctx.onCleanup(() => fleet.close());
    await fleet.connect();
    const connected = fleet.receivers.length;
    await new Promise((r) => setTimeout(r, p.hold * 1000));
    const heapAfter = await heap.usedAfterGc();
    const rssAfter = rssMb(pid);

    // Still there: every connection gets an event published now.
    const before = fleet.published;
    await publisher.post(1);
    const deadline = Date.now() + 30_000;
    while (fleet.published - before < connected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const reached = fleet.published - before;

    const perConnKb = connected > 0 ? (heapAfter - heapBefore) / connected / 1024 : 0;
    const figures: Figure[] = [
      { name: 'connections held', value: reached, unit: 'count', target: { op: '>=', value: 10_000 } },
      { name: 'connections opened', value: connected, unit: 'count' },
      { name: 'connect failures', value: fleet.connectFailures, unit: 'count' },
      { name: 'dropped while held', value: fleet.disconnects, unit: 'count' },
      { name: 'connect p50', value: fleet.connectTimes.summary().p50, unit: 'ms' },
      { name: 'connect p99', value: fleet.connectTimes.summary().p99, unit: 'ms' },
      { name: 'heap per connection', value: perConnKb, unit: 'KB', target: { op: '<=', value: 15 } },
      { name: 'heap before', value: heapBefore / 2 ** 20, unit: 'MB' },
      { name: 'heap with all connected', value: heapAfter / 2 ** 20, unit: 'MB' },
      {
        name: 'RSS per connection',
        value: connected > 0 ? ((rssAfter - rssBefore) * 1024) / connected : 0,
        unit: 'KB',
      },
      { name: 'RSS with all connected', value: Math.round(rssAfter), unit: 'MB' },
    ];
    // The figure of record is the count held at the stated scale; a smaller run says so.
    if (p.clients < 10_000) delete (figures[0] as Figure).target;
    const notes = [
      `heap read after two full collections through the inspector; ${channels.length} channels per connection`,
    ];
    if (fleet.connectFailures > 0)
      notes.push(`connect failures: ${JSON.stringify(Object.fromEntries(fleet.failureReasons))}`);
    return { figures, notes };
  },
});
