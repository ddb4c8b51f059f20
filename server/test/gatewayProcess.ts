// Starts the real gateway as a child process, on a free loopback port, for tests that need
// a process to kill and restart. Waits for /healthz; stop() sends SIGTERM, kill() sends SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const TEST_INGEST_TOKEN = 'test-ingest-token-0123456789abcdef';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface GatewayProcess {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** The running process's id (undefined before start or after exit). */
  pid(): number | undefined;
  start(): Promise<void>;
  /** SIGTERM, then waits for exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, then waits for exit. */
  kill(): Promise<void>;
  /** Stops the process if running and removes its data folder. */
  dispose(): Promise<void>;
}

export interface GatewayProcessOptions {
  port?: number;
  timeoutMs?: number;
  nodeArgs?: string[];
  dataDir?: string;
  /** A built gateway (out/server/main.js) to run instead of the sources through tsx. */
  entry?: string;
}

export async function startGatewayProcess(
  env: Record<string, string> = {},
  options: GatewayProcessOptions = {},
): Promise<GatewayProcess> {
  let port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'meschain-gw-'));
  let url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);
  let log = '';

  async function waitHealthy(): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (child?.exitCode !== null && child?.exitCode !== undefined) {
        throw new Error(`gateway exited with ${child.exitCode} before it was healthy:\n${log}`);
      }
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`gateway not healthy within ${options.timeoutMs ?? 30_000} ms:\n${log}`);
  }

  const handle: GatewayProcess = {
    url,
    port,
    dataDir,
    output: () => log,
    pid: () => (child && child.exitCode === null && child.signalCode === null ? child.pid : undefined),
    async start() {
      // Node itself runs the gateway (tsx as a loader, not a wrapper process), so a SIGKILL reaches
      // the gateway and not only a parent that would leave it running.
      child = spawn(
        process.execPath,
        [
          ...(options.nodeArgs ?? []),
          ...(options.entry ? [options.entry] : ['--import', 'tsx', path.join(ROOT, 'server/main.ts')]),
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            LIVE_HOST: '127.0.0.1',
            LIVE_PORT: String(port),
            LIVE_DATA_DIR: dataDir,
            LIVE_INGEST_TOKENS: TEST_INGEST_TOKEN,
            LIVE_LOG_LEVEL: 'warn',
            // Demo users (depo, satis, yonetici / demo) for tests that sign in.
            LIVE_DEMO: '1',
            ...env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
      child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
      const c = child;
      exited = new Promise((resolve) => c.once('exit', (code) => resolve(code)));
      await waitHealthy();
    },
    async stop() {
      if (!child || child.exitCode !== null) return child?.exitCode ?? null;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (!child || child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async dispose() {
      await handle.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // Another process may take the free port between the probe and the bind: try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      await handle.start();
      break;
    } catch (err) {
      if (options.port !== undefined || attempt >= 3 || !log.includes('EADDRINUSE')) throw err;
      port = await freePort();
      url = `http://127.0.0.1:${port}`;
      Object.assign(handle, { port, url });
      log = '';
    }
  }
  return handle;
}

export interface StartFailure {
  code: number | null;
  output: string;
  ms: number;
  /** Whether anything answered on the gateway's port while it ran. */
  listened: boolean;
}

/** Starts a gateway expected to fail its start; resolves when it exits (or kills it after `timeoutMs`). */
export async function runFailingStart(env: Record<string, string>, timeoutMs = 60_000): Promise<StartFailure> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meschain-gw-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      LIVE_HOST: '127.0.0.1',
      LIVE_PORT: String(port),
      LIVE_DATA_DIR: dataDir,
      LIVE_INGEST_TOKENS: TEST_INGEST_TOKEN,
      LIVE_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  let listened = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  let running = true;
  const probing = (async () => {
    while (running) {
      try {
        await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
        listened = true;
      } catch {
        // not listening: as it should be
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const code = await exited;
  const ms = performance.now() - started;
  running = false;
  clearTimeout(killer);
  await probing;
  rmSync(dataDir, { recursive: true, force: true });
  return { code, output, ms, listened };
}

/** POSTs events to the gateway's ingest endpoint with the test service token. */
export async function postEvents(
  url: string,
  body: unknown,
  token = TEST_INGEST_TOKEN,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (a proxy's error page): keep the text
  }
  return { status: res.status, json };
}
