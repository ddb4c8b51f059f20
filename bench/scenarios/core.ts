// core: how many events per second the client core takes in (offset tracking, dedupe by id,
// reordering window) and hands to its host, and that the host gets at most one message per frame.
// The socket is the test fake the core's own tests use, fed as fast as the core takes it, so the
// figure is the core's, not the network's.
import { createLiveClient } from '../../core/liveClient';
import { fakeWorld, liveEvent } from '../../core/test/fakes';
import { nodeClock } from '../../main/adapters/nodePorts';
import type { Delivery } from '../../protocol';
import { LatencyHistogram } from '../lib/histogram';
import { progress } from '../lib/progress';
import type { Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const core = defineScenario({
  name: 'core',
  summary: 'events/s the client core takes in and hands to its host in frame batches',
  help: {
    duration: 'measured seconds',
    frameEvents: 'deliveries per socket frame (1: `event` frames; more: `events`)',
    frameMs: 'the host frame period the core batches to',
    chunk: 'deliveries fed between two turns of the event loop',
  },
  defaults: { duration: 10, frameEvents: 20, frameMs: 16, chunk: 200 },
  smoke: { duration: 1 },
  budgetS: (p) => 60 + p.duration * 2,
  async run(p) {
    const world = fakeWorld();
    const client = createLiveClient({ ...world.ports, clock: nodeClock }, { frameMs: p.frameMs, pingIntervalMs: 0 });
    const batchTimes: number[] = [];
    const batchGap = new LatencyHistogram();
    let handed = 0;
    client.onBatch((b) => {
      const now = performance.now();
      const last = batchTimes.at(-1);
      if (last !== undefined) batchGap.recordMs(now - last);
      batchTimes.push(now);
      handed += b.events.length;
    });
    client.connect({ server: 'http://core.bench', token: 't', channels: ['orders'] });
    const socket = world.socket();
    socket.serverConnect();
    await pause(10);
    socket.answerWithHeads({ orders: { epoch: 'e1', offset: 0 } });
    await pause(50);
    batchTimes.length = 0;
    handed = 0;

    // One template event; each delivery is a copy with an id of its own, as the dedupe needs.
    const template = liveEvent();
    const idPrefix = template.id.slice(0, 24);
    let offset = 0;
    const next = (): Delivery => {
      offset++;
      return {
        channel: 'orders',
        epoch: 'e1',
        offset,
        event: { ...template, id: idPrefix + offset.toString(16).padStart(12, '0') },
      };
    };

    const bar = progress('feeding the core', p.duration);
    const start = performance.now();
    const end = start + p.duration * 1000;
    let lastTick = 0;
    while (performance.now() < end) {
      for (let fed = 0; fed < p.chunk; fed += p.frameEvents) {
        if (p.frameEvents <= 1) socket.deliver(next());
        else socket.deliverMany(Array.from({ length: p.frameEvents }, next));
      }
      // Let timers run (the frame flush), as a busy socket still yields between reads.
      await new Promise((r) => setImmediate(r));
      const s = Math.floor((performance.now() - start) / 1000);
      if (s > lastTick) {
        lastTick = s;
        bar.update(s, `${Math.round(handed / s / 1000)}k events/s`);
      }
    }
    const fedS = (performance.now() - start) / 1000;
    const deadline = Date.now() + 5000;
    while (handed < offset && Date.now() < deadline) await pause(p.frameMs);
    bar.finish();
    // What closing flushes is not a frame of the run.
    const times = batchTimes.slice();
    client.close();

    const rate = handed / fedS;
    // Host messages closer together than 90% of a frame would be two in one frame.
    const tooClose = times.slice(1).filter((t, i) => t - (times[i] as number) < p.frameMs * 0.9).length;
    const figures: Figure[] = [
      {
        name: 'events handed to the host/s',
        value: Math.round(rate),
        unit: 'per_s',
        target: { op: '>=', value: 20_000 },
      },
      { name: 'events fed', value: offset, unit: 'count' },
      { name: 'events lost', value: offset - handed, unit: 'count', target: { op: '<=', value: 0 } },
      { name: 'host messages', value: times.length, unit: 'count' },
      { name: 'host messages/s', value: times.length / fedS, unit: 'per_s' },
      { name: 'events per host message', value: handed / Math.max(1, times.length), unit: 'count' },
      { name: 'host messages in the same frame', value: tooClose, unit: 'count', target: { op: '<=', value: 0 } },
      { name: 'gap between host messages p50', value: batchGap.summary().p50, unit: 'ms' },
    ];
    return { figures, notes: [`${p.frameEvents} deliveries per socket frame, ${p.frameMs} ms host frames`] };
  },
});
