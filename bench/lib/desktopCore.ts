// The desktop's main process without Electron, for the `core` scenario's memory run: the live host
// (client core, outbox, notification policy) on Node's ports with the file store main uses, signed
// in to a real gateway; each batch cloned as IPC would send it to the renderer. Every `sampleMs` it
// collects garbage and reports its heap to the parent (process.send). Started by the bench with
// --expose-gc; LIVE_BENCH_SERVER, LIVE_BENCH_DATA, LIVE_BENCH_SAMPLE_MS say where and how often.
import { mkdirSync } from 'node:fs';
import { createLiveHost } from '../../core/liveHost';
import { createFileStore } from '../../main/adapters/fileStore';
import {
  consoleLogger,
  nodeClock,
  nodeHttp,
  nodeRandomId,
  socketIoFactory,
  alwaysOnline,
} from '../../main/adapters/nodePorts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !process.send) throw new Error('run with --expose-gc as a child process with an IPC channel');
const server = process.env.LIVE_BENCH_SERVER as string;
const dataDir = process.env.LIVE_BENCH_DATA as string;
const sampleMs = Number(process.env.LIVE_BENCH_SAMPLE_MS ?? 10_000);
mkdirSync(dataDir, { recursive: true });

const host = createLiveHost({
  socketFactory: socketIoFactory,
  http: nodeHttp,
  randomId: nodeRandomId,
  store: createFileStore(dataDir),
  clock: nodeClock,
  network: alwaysOnline,
  logger: consoleLogger('error'),
});
let events = 0;
let batches = 0;
host.onBatch((b) => {
  // What IPC does to every batch on its way to the renderer.
  structuredClone(b);
  events += b.events.length;
  batches++;
});
host.onSound(() => undefined);
await host.login({ server, username: 'yonetici', password: 'demo' });

const started = performance.now();
setInterval(() => {
  void sample();
}, sampleMs);

async function sample(): Promise<void> {
  // The alerts the console counts are state it must hold: reported beside the heap.
  const open = (await host.getState()).alerts?.open;
  const openAlerts = open ? Object.values(open).reduce((a, b) => a + b, 0) : 0;
  gc?.();
  const m = process.memoryUsage();
  process.send?.({
    openAlerts,
    t: (performance.now() - started) / 1000,
    heapUsedMb: m.heapUsed / 2 ** 20,
    rssMb: m.rss / 2 ** 20,
    events,
    batches,
  });
}
process.on('disconnect', () => {
  host.close();
  process.exit(0);
});
