// presence: an office of distinct users (each its own console asking for presence as changes)
// joins and then leaves at a steady rate, while watching consoles follow who is online. What each
// change costs every console on the wire (changes against the whole list a console that did not ask
// for changes still gets), how soon a join or a leave is shown, and the gateway's CPU meanwhile.
import { io, type Socket } from 'socket.io-client';
import type { PresenceDelta, PresenceEntry } from '../../protocol';
import { loadKeyRing } from '../../server/auth/jwtKeys';
import { createTokenService } from '../../server/auth/tokens';
import { LatencyHistogram } from '../lib/histogram';
import { processCpu } from '../lib/proc';
import { progress } from '../lib/progress';
import { defineScenario } from '../lib/scenario';
import { startGatewayTarget } from '../lib/targets';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(ok: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > end) return false;
    await pause(50);
  }
  return true;
}

/** What one console received of presence: messages, bytes (as JSON), and when each user came and went. */
interface Received {
  messages: number;
  bytes: number;
  joinedAt: Map<string, number>;
  leftAt: Map<string, number>;
}

function received(): Received {
  return { messages: 0, bytes: 0, joinedAt: new Map(), leftAt: new Map() };
}

function listen(socket: Socket, r: Received): void {
  socket.on('presence', (entries: PresenceEntry[]) => {
    r.messages++;
    r.bytes += JSON.stringify(entries).length;
    const now = performance.now();
    const present = new Set(entries.map((e) => e.userId));
    for (const id of present) if (!r.joinedAt.has(id)) r.joinedAt.set(id, now);
    for (const id of r.joinedAt.keys()) if (!present.has(id) && !r.leftAt.has(id)) r.leftAt.set(id, now);
  });
  socket.on('presence:delta', (d: PresenceDelta) => {
    r.messages++;
    r.bytes += JSON.stringify(d).length;
    const now = performance.now();
    for (const e of d.upsert) if (!r.joinedAt.has(e.userId)) r.joinedAt.set(e.userId, now);
    for (const id of d.remove) if (!r.leftAt.has(id)) r.leftAt.set(id, now);
  });
}

function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(`${url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export const presence = defineScenario({
  name: 'presence',
  summary: 'distinct users joining and leaving: presence bytes per change per console, time until shown',
  help: {
    users: 'distinct users, each one console that joins, shows a screen, then leaves',
    rate: 'joins (then leaves) per second',
    watchers: 'consoles that follow presence as changes all along (one more takes whole lists)',
  },
  defaults: { users: 1500, rate: 100, watchers: 5 },
  smoke: { users: 30, rate: 30, watchers: 2 },
  budgetS: (p) => 180 + (2 * p.users) / p.rate,
  async run(p, ctx) {
    const target = await startGatewayTarget();
    ctx.onCleanup(() => target.stop());
    const url = target.socketUrls[0] as string;
    // Distinct users need tokens of their own: signed with the gateway's own keys, without a login
    // session (as an external issuer's tokens come), so no user is created or logs in.
    const tokens = createTokenService({
      keys: await loadKeyRing({ dataDir: target.process.dataDir }),
      ttlSec: 7200,
    });
    const issued = await Promise.all(
      Array.from({ length: p.users }, async (_, i) => {
        const user = {
          id: `office-${i}`,
          name: `Personel ${i}`,
          role: i % 2 ? ('warehouse' as const) : ('sales' as const),
        };
        return { userId: user.id, token: (await tokens.issue(user, '')).token };
      }),
    );

    const sockets: Socket[] = [];
    ctx.onCleanup(() => sockets.forEach((s) => s.close()));
    const watchers: Received[] = [];
    for (let i = 0; i < p.watchers; i++) {
      const r = received();
      const s = await connect(url, { token: target.token, presence: 'delta' });
      listen(s, r);
      sockets.push(s);
      watchers.push(r);
    }
    const whole = received();
    const wholeSocket = await connect(url, { token: target.token });
    listen(wholeSocket, whole);
    sockets.push(wholeSocket);
    await pause(1000);
    const base = [...watchers, whole].map((r) => ({ messages: r.messages, bytes: r.bytes }));
    const office: Received[] = [];
    const cpu = processCpu(target.process.pid() as number);
    await target.metrics?.(); // the event-loop window starts here

    // Joining: one console per user, paced; each shows the orders screen once in.
    const joinStart = new Map<string, number>();
    const users: Socket[] = [];
    let bar = progress('joining', p.users);
    const started = performance.now();
    for (const [i, u] of issued.entries()) {
      const due = started + (i * 1000) / p.rate;
      if (due > performance.now()) await pause(due - performance.now());
      joinStart.set(u.userId, performance.now());
      const s = await connect(url, { token: u.token, presence: 'delta' });
      const r = received();
      listen(s, r);
      office.push(r);
      s.emit('presence:set', { view: 'orders' });
      users.push(s);
      sockets.push(s);
      bar.update(i + 1);
    }
    bar.finish();
    const allJoined = await until(() => watchers.every((w) => issued.every((u) => w.joinedAt.has(u.userId))), 60_000);
    const joinCpu = cpu.cpuPct();

    // Leaving: each console closes, paced.
    cpu.restart();
    const leaveStart = new Map<string, number>();
    bar = progress('leaving', p.users);
    const leaving = performance.now();
    for (const [i, s] of users.entries()) {
      const due = leaving + (i * 1000) / p.rate;
      if (due > performance.now()) await pause(due - performance.now());
      leaveStart.set((issued[i] as { userId: string }).userId, performance.now());
      s.close();
      bar.update(i + 1);
    }
    bar.finish();
    const allLeft = await until(() => watchers.every((w) => issued.every((u) => w.leftAt.has(u.userId))), 60_000);
    const leaveCpu = cpu.cpuPct();
    const loop = (await target.metrics?.())?.[0];

    const joinShown = new LatencyHistogram();
    const leaveShown = new LatencyHistogram();
    for (const w of watchers) {
      for (const u of issued) {
        const j = w.joinedAt.get(u.userId);
        const l = w.leftAt.get(u.userId);
        if (j !== undefined) joinShown.recordMs(j - (joinStart.get(u.userId) as number));
        if (l !== undefined) leaveShown.recordMs(l - (leaveStart.get(u.userId) as number));
      }
    }
    const changes = 2 * p.users;
    const deltaBytes =
      watchers.reduce((sum, w, i) => sum + w.bytes - (base[i] as { bytes: number }).bytes, 0) / watchers.length;
    const deltaMessages =
      watchers.reduce((sum, w, i) => sum + w.messages - (base[i] as { messages: number }).messages, 0) /
      watchers.length;
    const wholeBytes = whole.bytes - (base[watchers.length] as { bytes: number }).bytes;
    const officeBytes = office.reduce((sum, r) => sum + r.bytes, 0);
    const seenBy = (pick: (w: Received) => Map<string, number>) =>
      Math.min(...watchers.map((w) => issued.filter((u) => pick(w).has(u.userId)).length));
    const j = joinShown.summary();
    const l = leaveShown.summary();
    return {
      figures: [
        {
          name: 'users joined, seen by every watcher',
          value: seenBy((w) => w.joinedAt),
          unit: 'count',
          target: { op: '>=', value: p.users },
        },
        {
          name: 'users left, seen by every watcher',
          value: seenBy((w) => w.leftAt),
          unit: 'count',
          target: { op: '>=', value: p.users },
        },
        { name: 'join to shown p50', value: j.p50, unit: 'ms' },
        { name: 'join to shown p99', value: j.p99, unit: 'ms' },
        { name: 'leave to shown p99', value: l.p99, unit: 'ms' },
        { name: 'changes console: bytes per join or leave', value: deltaBytes / changes, unit: 'count' },
        { name: 'changes console: messages', value: deltaMessages, unit: 'count' },
        { name: 'whole-list console: bytes per join or leave', value: wholeBytes / changes, unit: 'count' },
        { name: 'whole-list / changes bytes', value: deltaBytes > 0 ? wholeBytes / deltaBytes : 0, unit: 'ratio' },
        { name: 'office consoles: presence received, total', value: officeBytes / 1024, unit: 'KB' },
        { name: 'gateway CPU while joining', value: joinCpu, unit: 'pct' },
        { name: 'gateway CPU while leaving', value: leaveCpu, unit: 'pct' },
        ...(loop ? [{ name: 'gateway event-loop delay p99', value: loop.eventLoopP99Ms, unit: 'ms' as const }] : []),
      ],
      charts: [
        {
          kind: 'latency',
          title: 'presence: join to shown on a watching console',
          series: [{ name: 'join', points: joinShown.distribution() }],
        },
      ],
      notes: [
        `${p.users} distinct users joining then leaving at ${p.rate}/s, ${p.watchers} consoles following changes and one taking whole lists`,
        `every user's console asks for changes too; all of presence is read as JSON text length`,
        ...(allJoined && allLeft ? [] : ['not every join or leave was seen within 60 s']),
      ],
    };
  },
});
