// The example producers of examples/producers/ run against a real gateway: single events and
// batches over HTTP, retries through a loopback stand-in that answers 503 and 429 with
// Retry-After and drops an answer after the gateway took the events (so the retry is a duplicate
// and nothing is delivered twice), and the Redis Stream way in to a clustered gateway.
// TypeScript always; Python and curl where they are installed.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../server/test/cluster';
import { startGatewayProcess, TEST_INGEST_TOKEN, type GatewayProcess } from '../server/test/gatewayProcess';
import { connectLive, waitFor, type LiveClient } from '../server/test/live';

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, 'examples/producers');
const hasPython = spawnSync('python3', ['--version']).status === 0;
const hasCurl = spawnSync('curl', ['--version']).status === 0;
const hasRedisCli = spawnSync('redis-cli', ['--version']).status === 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

const PRODUCERS = {
  typescript: (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', path.join(DIR, 'producer.ts'), ...args], env),
  python: (args: string[], env: Record<string, string>) =>
    run('python3', [path.join(DIR, 'producer.py'), ...args], env),
};

type Step = 503 | 429 | 'drop' | 'forward';

/** A loopback stand-in in front of the gateway that answers each POST by the next step. */
async function flakyFront(target: string, steps: Step[]) {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      const step = steps.shift() ?? 'forward';
      if (step === 503 || step === 429) {
        res.writeHead(step, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ error: { code: step === 503 ? 'unavailable' : 'rate_limited', message: 'later' } }));
        return;
      }
      fetch(`${target}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body }).then(
        async (answer) => {
          const text = await answer.text();
          // The gateway took the events, but the producer never hears so: its retry must be harmless.
          if (step === 'drop') return req.socket.destroy();
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(text);
        },
        () => req.socket.destroy(),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

interface Accepted {
  id: string;
  channel: string;
  offset?: number;
  duplicate: boolean;
}
const acceptedOf = (r: Run) => {
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout.trim()) as { accepted: Accepted[] }).accepted;
};

let gw: GatewayProcess;
let client: LiveClient;
beforeAll(async () => {
  gw = await startGatewayProcess();
  client = await connectLive(gw.url);
  await client.subscribe({ channels: [{ channel: 'orders' }] });
});
afterAll(async () => {
  client?.close();
  await gw?.dispose();
});
const env = () => ({ LIVE_URL: gw.url, LIVE_INGEST_TOKEN: TEST_INGEST_TOKEN });
const deliveredOnce = async (ids: string[]) => {
  for (const id of ids) await client.waitForEvent(id);
  for (const id of ids) expect(client.deliveries.filter((d) => d.event.id === id)).toHaveLength(1);
};

describe.each(Object.entries(PRODUCERS))('%s producer over HTTP', (name, producer) => {
  const skip = name === 'python' && !hasPython;

  it.skipIf(skip)('posts a single event and a batch; each is delivered once', async () => {
    const single = acceptedOf(await producer(['single'], env()));
    expect(single).toEqual([
      expect.objectContaining({ channel: 'orders', duplicate: false, offset: expect.any(Number) }),
    ]);
    const batch = acceptedOf(await producer(['batch', '25'], env()));
    expect(batch).toHaveLength(25);
    expect(batch.every((a) => !a.duplicate)).toBe(true);
    await deliveredOnce([...single, ...batch].map((a) => a.id));
  });

  it.skipIf(skip)('retries 503 and 429 after Retry-After and a dropped answer with the same ids', async () => {
    const front = await flakyFront(gw.url, [503, 429, 'drop', 'forward']);
    try {
      const started = Date.now();
      const r = await producer(['batch', '3'], { ...env(), LIVE_URL: front.url });
      const accepted = acceptedOf(r);
      // The dropped attempt placed the events; the last attempt finds them placed.
      expect(accepted.map((a) => a.duplicate)).toEqual([true, true, true]);
      expect(front.bodies).toHaveLength(4);
      expect(new Set(front.bodies).size).toBe(1);
      // Two waits of Retry-After: 1 s each.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
      expect(r.stderr).toMatch(/503/);
      expect(r.stderr).toMatch(/429/);
      await deliveredOnce(accepted.map((a) => a.id));
    } finally {
      await front.close();
    }
  });

  it.skipIf(skip)('stops at once on a refusal that retrying cannot change', async () => {
    const r = await producer(['single'], { ...env(), LIVE_INGEST_TOKEN: 'not-the-token-0123456789' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('401');
  });
});

describe.skipIf(!hasCurl)('curl producer over HTTP', () => {
  const file = path.join(DIR, 'order-created.json');
  const id = '0f8e6a52-4a8d-4f3e-9b1c-6d2f1e7a9c30';

  it('posts the example file through 503 and 429 (Retry-After); posting it again is a duplicate', async () => {
    const front = await flakyFront(gw.url, [503, 429, 'forward']);
    try {
      const first = await run(path.join(DIR, 'post-events.sh'), [file], { ...env(), LIVE_URL: front.url });
      const accepted = acceptedOf(first);
      expect(front.bodies).toHaveLength(3);
      expect(new Set(front.bodies).size).toBe(1);
      const again = acceptedOf(await run(path.join(DIR, 'post-events.sh'), [file], env()));
      expect(again).toEqual([{ ...accepted[0], duplicate: true }]);
      await deliveredOnce([id]);
    } finally {
      await front.close();
    }
  });

  it('exits non-zero with the error body on a final refusal', async () => {
    const r = await run(path.join(DIR, 'post-events.sh'), [file], {
      ...env(),
      LIVE_INGEST_TOKEN: 'wrong-token-0123456789',
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('unauthorized');
  });
});

describe('the Redis Stream way in (clustered gateway)', () => {
  let cluster: TestCluster;
  let listener: LiveClient;
  beforeAll(async () => {
    cluster = await startCluster(1);
    listener = await connectLive((cluster.nodes[0] as GatewayProcess).url);
    await listener.subscribe({ channels: [{ channel: 'orders' }] });
  });
  afterAll(async () => {
    listener?.close();
    await cluster?.dispose();
  });
  const streamEnv = () => ({ REDIS_URL: cluster.env.REDIS_URL as string, LIVE_REDIS_PREFIX: cluster.prefix });
  const delivered = (ids: string[]) =>
    waitFor(
      () => ids.every((id) => listener.deliveries.some((d) => d.event.id === id)),
      'stream events delivered',
      30_000,
    );

  it.each(Object.entries(PRODUCERS))('%s: one event and a batch through XADD', async (name, producer) => {
    if (name === 'python' && !hasPython) return;
    for (const args of [
      ['stream', '1'],
      ['stream', '5'],
    ]) {
      const r = await producer(args, streamEnv());
      expect(r.code, r.stderr).toBe(0);
      const { entry, ids } = JSON.parse(r.stdout.trim()) as { entry: string; ids: string[] };
      expect(entry).toMatch(/^\d+-\d+$/);
      expect(ids).toHaveLength(Number(args[1]));
      await delivered(ids);
    }
  });

  it.skipIf(!hasRedisCli)('curl example: --stream with redis-cli', async () => {
    const r = await run(
      path.join(DIR, 'post-events.sh'),
      ['--stream', path.join(DIR, 'order-created.json')],
      streamEnv(),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+-\d+$/);
    await delivered(['0f8e6a52-4a8d-4f3e-9b1c-6d2f1e7a9c30']);
  });
});
