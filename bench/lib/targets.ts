// What a scenario runs against: the gateway (embedded, or a cluster of nodes with Redis and
// PostgreSQL) or the bare Socket.IO baseline, each a real process on loopback. Limits are raised
// the way an operator raises them, through LIVE_LIMITS; nothing in the gateway knows it is measured.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startCluster } from '../../server/test/cluster';
import {
  freePort,
  startGatewayProcess,
  TEST_INGEST_TOKEN,
  type GatewayProcess,
} from '../../server/test/gatewayProcess';
import { loginAs } from '../../server/test/live';
import { builtGatewayEntry } from './gatewayBuild';
import { ROOT } from './results';

/** Limits for load runs: many connections from one address, many sockets of one user. */
export const BENCH_LIMITS = {
  // The load's receivers share one user and one address: no connect limit may count them.
  connectRate: 10_000_000,
  connectUserRate: 10_000_000,
  connectFloodRate: 10_000_000,
  userRate: 10_000_000,
  socketRate: 10_000,
  accessTokenSeconds: 7200,
  maxBatch: 500,
};

export function limitsEnv(extra: Record<string, number> = {}): string {
  return Object.entries({ ...BENCH_LIMITS, ...extra })
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export interface GatewayMetrics {
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  heapUsedMb: number;
}

export interface Target {
  name: string;
  /** Where receivers connect, spread over in turn. */
  socketUrls: string[];
  /** Where the publisher posts. */
  ingestUrl: string;
  ingestToken: string;
  /** An access token for sockets and snapshots (none for the baseline). */
  token?: string;
  /** Whether `GET /v1/snapshot` is part of connecting. */
  snapshot: boolean;
  pids(): number[];
  /** The gateway's own event-loop delay and heap since the previous call (gateways only). */
  metrics?(): Promise<GatewayMetrics[]>;
  stop(): Promise<void>;
}

function metricValue(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? NaN);
}

export async function scrapeMetrics(url: string): Promise<GatewayMetrics> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return {
    eventLoopP99Ms: metricValue(text, 'live_process_nodejs_eventloop_lag_p99_seconds') * 1000,
    eventLoopMaxMs: metricValue(text, 'live_process_nodejs_eventloop_lag_max_seconds') * 1000,
    heapUsedMb: metricValue(text, 'live_process_nodejs_heap_size_used_bytes') / 2 ** 20,
  };
}

function gatewayTarget(name: string, nodes: GatewayProcess[], token: string, stop: () => Promise<void>): Target {
  return {
    name,
    socketUrls: nodes.map((n) => n.url),
    ingestUrl: (nodes[0] as GatewayProcess).url,
    ingestToken: TEST_INGEST_TOKEN,
    token,
    snapshot: true,
    pids: () => nodes.map((n) => n.pid()).filter((p): p is number => p !== undefined),
    metrics: () => Promise.all(nodes.map((n) => scrapeMetrics(n.url))),
    stop,
  };
}

/** Node options for a gateway: a CPU profile into `dir` when one is asked for (--profile). */
export function profileArgs(dir: string): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

export async function startGatewayTarget(
  options: { name?: string; limits?: Record<string, number>; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<Target & { process: GatewayProcess }> {
  const gw = await startGatewayProcess(
    { LIVE_LIMITS: limitsEnv(options.limits), LIVE_LOG_LEVEL: 'warn', ...options.env },
    { timeoutMs: 60_000, nodeArgs: options.nodeArgs, entry: await builtGatewayEntry() },
  );
  const { accessToken } = await loginAs(gw.url, 'satis');
  // SIGTERM first: the gateway drains and exits, and writes its CPU profile if it keeps one.
  const stop = async () => {
    await gw.stop();
    await gw.dispose();
  };
  return { ...gatewayTarget(options.name ?? 'gateway', [gw], accessToken, stop), process: gw };
}

/** Two (or more) gateway nodes sharing the local Redis and PostgreSQL under a prefix and schema of their own. */
export async function startClusterTarget(
  size: number,
  limits: Record<string, number> = {},
  nodeArgs: string[] = [],
): Promise<Target & { nodes: GatewayProcess[] }> {
  const cluster = await startCluster(
    size,
    { LIVE_LIMITS: limitsEnv(limits), LIVE_LOG_LEVEL: 'warn' },
    { nodeArgs, entry: await builtGatewayEntry() },
  );
  const { accessToken } = await loginAs((cluster.nodes[0] as GatewayProcess).url, 'satis');
  const stop = async () => {
    await Promise.all(cluster.nodes.map((n) => n.stop()));
    await cluster.dispose();
  };
  return { ...gatewayTarget(`cluster of ${size}`, cluster.nodes, accessToken, stop), nodes: cluster.nodes };
}

/** The bare Socket.IO server of bench/baseline/server.ts, in a process of its own. */
export async function startBaselineTarget(): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/baseline/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the baseline server did not start within 30 s')), 30_000);
    child.stdout.on('data', (b: Buffer) => {
      if (b.toString().includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the baseline server exited with ${code}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    name: 'bare Socket.IO',
    socketUrls: [url],
    ingestUrl: url,
    ingestToken: 'none',
    snapshot: false,
    pids: () => (child.exitCode === null && child.pid ? [child.pid] : []),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
