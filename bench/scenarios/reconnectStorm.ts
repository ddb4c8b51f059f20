// reconnect-storm: N consoles (the real client core, with its backoff and recovery) connected to a
// gateway that keeps its channel logs in Redis (clustered) or SQLite (embedded); the gateway is SIGKILLed, restarted, and every
// client must come back and catch up on what it missed, with nothing lost and nothing shown twice.
// The publisher keeps producing throughout and resends what the dead gateway did not acknowledge.
import { createLiveClient, type LiveClient } from '../../core/liveClient';
import { realPorts } from '../../core/test/realPorts';
import { backBy as bareBackBy, bareReconnectStorm } from '../lib/bareStorm';
import { LatencyHistogram } from '../lib/histogram';
import { progress } from '../lib/progress';
import { Publisher } from '../lib/publisher';
import type { Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';
import { profileArgs, startClusterTarget, startGatewayTarget } from '../lib/targets';

interface StormClient {
  core: LiveClient;
  /** `epoch:offset` of every orders delivery shown. */
  shown: Set<string>;
  duplicates: number;
  /** The highest orders offset shown or covered by a snapshot, per epoch. */
  maxOffset: Map<string, number>;
  /** The highest offset a snapshot of orders covered, per epoch. */
  covered: Map<string, number>;
  connected: boolean;
  /** Disconnected after the kill (every client should be). */
  dropped: boolean;
  backAt?: number;
  /** When it was connected again after the kill (before catching up). */
  reconnectedAt?: number;
  snapshotsAfterKill: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const reconnectStorm = defineScenario({
  name: 'reconnect-storm',
  summary: 'N client cores, the gateway SIGKILLed and restarted: time until all are back and caught up, loss',
  help: {
    clients: 'client cores (each its own socket, backoff and channel tracker)',
    ramp: 'new connections per second',
    rate: 'events per second published throughout (resent until accepted)',
    down: 'seconds the gateway stays dead',
    settle: 'seconds of steady load before the kill',
    profile: 'a folder for the restarted gateway’s CPU profile (.cpuprofile; none when empty)',
    mode: 'clustered (Redis + PostgreSQL, one node) or embedded (SQLite in the gateway process)',
    bare: '1: the same storm against bare Socket.IO afterwards, in the same run (the limit); 0: skip',
  },
  defaults: { clients: 1500, ramp: 300, rate: 20, down: 1, settle: 3, profile: '', mode: 'clustered', bare: 1 },
  reportBy: 'mode',
  choices: { mode: ['clustered', 'embedded'] },
  smoke: { clients: 10, ramp: 100, rate: 10, down: 0.2, settle: 0.5 },
  budgetS: (p) => 240 + (1 + p.bare) * (p.clients / p.ramp + p.down) + p.settle,
  async run(p, ctx) {
    const target =
      p.mode === 'embedded'
        ? await startGatewayTarget({ nodeArgs: profileArgs(p.profile) })
        : await startClusterTarget(1, {}, profileArgs(p.profile));
    ctx.onCleanup(() => target.stop());
    // Killed and started again on the same port and data folder: the log outlives the process.
    const node = 'nodes' in target ? target.nodes[0]! : target.process;
    let killedAt = Infinity;
    /** The epoch of the newest orders delivery any client was shown. */
    let lastEpoch = '';
    const shownUpTo = (c: StormClient, epoch: string) => c.maxOffset.get(epoch) ?? 0;

    // The consoles.
    const clients: StormClient[] = [];
    const bar = progress('connecting client cores', p.clients);
    for (let i = 0; i < p.clients; i++) {
      await pause(1000 / p.ramp);
      const core = createLiveClient(realPorts(), { frameMs: 16 });
      const c: StormClient = {
        core,
        shown: new Set(),
        duplicates: 0,
        maxOffset: new Map(),
        covered: new Map(),
        connected: false,
        dropped: false,
        snapshotsAfterKill: 0,
      };
      const raise = (m: Map<string, number>, epoch: string, offset: number) =>
        m.set(epoch, Math.max(m.get(epoch) ?? 0, offset));
      core.onBatch((b) => {
        for (const d of b.events) {
          if (d.channel !== 'orders') continue;
          const key = `${d.epoch}:${d.offset}`;
          if (c.shown.has(key)) c.duplicates++;
          else c.shown.add(key);
          raise(c.maxOffset, d.epoch, d.offset);
          lastEpoch = d.epoch;
        }
        for (const snap of b.snapshots ?? []) {
          if (snap.channel !== 'orders') continue;
          raise(c.covered, snap.epoch, snap.offset);
          raise(c.maxOffset, snap.epoch, snap.offset);
          if (performance.now() > killedAt) c.snapshotsAfterKill++;
        }
      });
      core.onConnectedChange((up) => {
        c.connected = up;
        if (!up && performance.now() >= killedAt) c.dropped = true;
        if (up && c.dropped && c.reconnectedAt === undefined) c.reconnectedAt = performance.now();
      });
      core.connect({ server: node.url, token: target.token, channels: ['orders'] });
      clients.push(c);
      if (i % 50 === 0) bar.update(i);
    }
    ctx.onCleanup(() => {
      for (const c of clients) c.core.close();
    });
    bar.finish();

    // The publisher: steady, and what is not acknowledged is sent again (same ids).
    const publisher = new Publisher(node.url, target.ingestToken, Math.ceil(p.rate * 600) + 1000);
    ctx.onCleanup(() => publisher.close());
    let lastAccepted = 0;
    let publishing = true;
    const sendUntilAccepted = async (count: number) => {
      const batch = publisher.batch(count);
      for (;;) {
        try {
          const res = await publisher.send(batch);
          if (res.status === 202) {
            lastAccepted = Math.max(lastAccepted, res.lastOffset);
            return;
          }
        } catch {
          // the gateway is down: the same batch again shortly
        }
        await pause(100);
      }
    };
    // Every client connected and subscribed: markers until one reached them all.
    const readyBy = Date.now() + 120_000;
    let firstOffset = 0;
    do {
      await sendUntilAccepted(1);
      firstOffset = lastAccepted;
      const markerBy = Date.now() + 1000;
      const behind = (c: StormClient) => shownUpTo(c, lastEpoch) < firstOffset;
      while (clients.some(behind) && Date.now() < markerBy) await pause(20);
    } while (clients.some((c) => shownUpTo(c, lastEpoch) < firstOffset) && Date.now() < readyBy);
    const ready = clients.filter((c) => shownUpTo(c, lastEpoch) >= firstOffset).length;
    const epochAtKill = lastEpoch;
    if (ready < clients.length) ctx.log(`${clients.length - ready} clients never received the first event`);

    const producing = (async () => {
      const started = performance.now();
      let sent = 0;
      while (publishing) {
        const due = Math.floor(((performance.now() - started) / 1000) * p.rate) - sent;
        if (due > 0) {
          await sendUntilAccepted(due);
          sent += due;
        } else await pause(10);
      }
    })();
    await pause(p.settle * 1000);

    // The kill, and the restart.
    const headAtKill = lastAccepted;
    killedAt = performance.now();
    await node.kill();
    await pause(p.down * 1000);
    await node.start();
    const upAt = performance.now();
    const restartMs = upAt - killedAt;

    const back = new LatencyHistogram();
    const waitBar = progress('clients back and caught up', clients.length);
    const backBy = upAt + 60_000;
    for (;;) {
      const now = performance.now();
      let done = 0;
      for (const c of clients) {
        // Caught up: everything up to the kill, from the log; or, when the log was lost with the
        // process (embedded: a new epoch), the new epoch's snapshot, which holds the state.
        const caughtUp =
          shownUpTo(c, epochAtKill) >= headAtKill || [...c.covered.keys()].some((e) => e !== epochAtKill);
        if (c.backAt === undefined && c.connected && c.dropped && caughtUp) {
          c.backAt = now;
          back.recordMs(Math.max(0, now - upAt));
        }
        if (c.backAt !== undefined) done++;
      }
      waitBar.update(done);
      if (done === clients.length || now > backBy) break;
      await pause(10);
    }
    waitBar.finish();

    // A little more live traffic, then everything accepted must have reached everyone.
    await pause(2000);
    publishing = false;
    await producing;
    const finalOffset = lastAccepted;
    const finalEpoch = lastEpoch;
    const drainBy = Date.now() + 30_000;
    while (clients.some((c) => shownUpTo(c, finalEpoch) < finalOffset) && Date.now() < drainBy) await pause(50);

    // Every accepted orders event must be shown, or be covered by a snapshot of its epoch.
    const ranges: [string, number, number][] =
      finalEpoch === epochAtKill
        ? [[epochAtKill, firstOffset, finalOffset]]
        : [
            [epochAtKill, firstOffset, headAtKill],
            [finalEpoch, 1, finalOffset],
          ];
    let lost = 0;
    let duplicates = 0;
    for (const c of clients) {
      duplicates += c.duplicates;
      // A snapshot of a later epoch holds the state of everything accepted before it, the old
      // epoch's last events included (the projection outlives the process; the log did not).
      const reloadedLater = [...c.covered.keys()].some((e) => e !== epochAtKill);
      for (const [epoch, from, to] of ranges) {
        if (epoch === epochAtKill && epoch !== finalEpoch && reloadedLater) continue;
        for (let o = Math.max(from, (c.covered.get(epoch) ?? 0) + 1); o <= to; o++)
          if (!c.shown.has(`${epoch}:${o}`)) lost++;
      }
    }
    const backTimes = clients.filter((c) => c.backAt !== undefined).map((c) => (c.backAt as number) - upAt);
    backTimes.sort((a, b) => a - b);
    const at = (q: number) => backTimes[Math.ceil(q * clients.length) - 1];
    const notBack = clients.length - backTimes.length;
    const reconnected = new LatencyHistogram();
    for (const c of clients)
      if (c.reconnectedAt !== undefined) reconnected.recordMs(Math.max(0, c.reconnectedAt - upAt));
    const figures: Figure[] = [
      { name: 'clients', value: clients.length, unit: 'count' },
      { name: 'gateway dead → healthy again', value: restartMs, unit: 'ms' },
      {
        name: '95% back and caught up (after up)',
        value: at(0.95) ?? Infinity,
        unit: 'ms',
        target: { op: '<=', value: 1000 },
      },
      {
        name: '100% back and caught up (after up)',
        value: at(1) ?? Infinity,
        unit: 'ms',
        target: { op: '<=', value: 2000 },
      },
      { name: 'back p50 (after up)', value: back.summary().p50, unit: 'ms' },
      { name: 'connected again p50 (after up)', value: reconnected.summary().p50, unit: 'ms' },
      { name: 'connected again p95 (after up)', value: reconnected.percentileMs(95), unit: 'ms' },
      { name: 'clients not back', value: notBack, unit: 'count' },
      { name: 'events accepted', value: ranges.reduce((n, [, from, to]) => n + to - from + 1, 0), unit: 'count' },
      { name: 'log epoch kept across the restart', value: finalEpoch === epochAtKill ? 1 : 0, unit: 'count' },
      { name: 'events lost (all clients)', value: lost, unit: 'count', target: { op: '<=', value: 0 } },
      { name: 'events shown twice', value: duplicates, unit: 'count', target: { op: '<=', value: 0 } },
      {
        name: 'snapshot reloads after the kill',
        value: clients.reduce((s, c) => s + c.snapshotsAfterKill, 0),
        unit: 'count',
      },
    ];
    const notes = [
      p.mode === 'embedded'
        ? 'embedded: channel logs, users, sessions and projections in SQLite in the gateway’s data folder: the log outlives the process'
        : 'channel logs in Redis, users and sessions in PostgreSQL: the log outlives the process',
      'the gateway runs built (as `npm run build` bundles it), not from its sources',
    ];
    // The limit: the same storm against bare Socket.IO, with the gateway's clients closed.
    if (p.bare) {
      for (const c of clients) c.core.close();
      await target.stop();
      const bare = await bareReconnectStorm({ clients: p.clients, ramp: p.ramp, down: p.down });
      figures.push(
        { name: 'bare Socket.IO: dead → healthy again', value: bare.restartMs, unit: 'ms' },
        { name: 'bare Socket.IO: 95% back (after up)', value: bareBackBy(bare, 0.95), unit: 'ms' },
        { name: 'bare Socket.IO: 100% back (after up)', value: bareBackBy(bare, 1), unit: 'ms' },
        { name: 'bare Socket.IO: clients not back', value: bare.clients - bare.backMs.length, unit: 'count' },
      );
      notes.push(
        'bare Socket.IO: plain clients (no sign-in, catch-up or snapshot) retrying every 250–500 ms as the consoles do while an outage is young; back = connected and subscribed again',
      );
    }
    if (ready < clients.length) notes.push(`${clients.length - ready} clients never received the first event`);
    return {
      figures,
      charts: [
        {
          kind: 'latency',
          title: 'reconnect-storm: time until back and caught up, after the gateway is up',
          series: [{ name: 'clients', points: back.distribution() }],
        },
      ],
      notes,
    };
  },
});
