// A share of the receivers in a thread of its own (see fleetThreads.ts): on a two-core machine one
// thread cannot decode tens of thousands of deliveries a second without queueing them, which would
// show as the gateway's latency.
import { parentPort, workerData } from 'node:worker_threads';
import { Fleet, type FleetOptions } from './fleet';
import { sentTime, type SendClock } from './publisher';
import type { Target } from './targets';

export interface FleetWorkerData {
  entry: string;
  target: Pick<Target, 'name' | 'socketUrls' | 'token' | 'snapshot'>;
  options: Omit<FleetOptions, 'sentAt' | 'quiet'>;
  clock: SendClock;
}

export type FleetRequest =
  | { id: number; cmd: 'connect' }
  | { id: number; cmd: 'start'; at: number }
  | { id: number; cmd: 'stop' }
  | { id: number; cmd: 'counts' }
  | { id: number; cmd: 'close' };

export interface FleetCounts {
  connected: number;
  connectFailures: number;
  failureReasons: Record<string, number>;
  received: number;
  published: number;
  gaps: number;
  duplicates: number;
  disconnects: number;
  perSecond: number[];
}

export interface FleetReport extends FleetCounts {
  connectTimes: string;
  latency: string;
}

const data = workerData as FleetWorkerData;
const fleet = new Fleet(data.target as Target, {
  ...data.options,
  sentAt: (id) => sentTime(data.clock, id),
  quiet: true,
});

function counts(): FleetCounts {
  return {
    connected: fleet.receivers.length,
    connectFailures: fleet.connectFailures,
    failureReasons: Object.fromEntries(fleet.failureReasons),
    received: fleet.received,
    published: fleet.published,
    gaps: fleet.gaps,
    duplicates: fleet.duplicates,
    disconnects: fleet.disconnects,
    perSecond: [...fleet.perSecond].map((v) => v ?? 0),
  };
}

function report(): FleetReport {
  return { ...counts(), connectTimes: fleet.connectTimes.encode(), latency: fleet.latency.encode() };
}

parentPort?.on('message', (req: FleetRequest) => {
  const reply = (value: unknown) => parentPort?.postMessage({ id: req.id, value });
  switch (req.cmd) {
    case 'connect':
      void fleet.connect().then(() => reply(report()));
      break;
    case 'start':
      fleet.startMeasuring(req.at);
      reply(null);
      break;
    case 'stop':
      fleet.stopMeasuring();
      reply(report());
      break;
    case 'counts':
      reply(counts());
      break;
    case 'close':
      fleet.close();
      reply(null);
      break;
  }
});
