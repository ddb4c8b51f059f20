// The same storm against bare Socket.IO, in the same run: N plain socket.io-client connections
// (no authentication, log, catch-up or snapshot) to bench/baseline/server.ts, which is SIGKILLed
// and started again on the same port. Their retries follow the consoles' schedule while the outage
// is young (every 250–500 ms), so the time until each is connected and subscribed again after the
// server is up is what the library and this machine can do at best: the limit of the gateway's own
// figure.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { freePort } from '../../server/test/gatewayProcess';
import { killHard } from '../../server/test/killHard';
import { waitFor } from '../../server/test/live';
import { progress } from './progress';
import { ROOT } from './results';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BareStormResult {
  clients: number;
  /** Server dead → healthy again (ms). */
  restartMs: number;
  /** Time after healthy until each client was connected and subscribed again, sorted (ms). */
  backMs: number[];
}

/** A bare server that can be killed and started again on the same port. */
function bareServer(port: number) {
  let child: ChildProcess | undefined;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async start() {
      const c = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/baseline/server.ts')], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child = c;
      await waitFor(
        async () => {
          if (c.exitCode !== null) throw new Error(`the bare server exited with ${c.exitCode}`);
          return fetch(`${url}/healthz`).then(
            (r) => r.ok,
            () => false,
          );
        },
        'the bare server to be healthy',
        60_000,
      );
    },
    kill: () => killHard(child),
  };
}

export async function bareReconnectStorm(p: { clients: number; ramp: number; down: number }): Promise<BareStormResult> {
  const server = bareServer(await freePort());
  await server.start();
  const sockets: Socket[] = [];
  const subscribedAt: (number | undefined)[] = [];
  let killedAt = Infinity;
  try {
    const bar = progress('bare Socket.IO: connecting clients', p.clients);
    for (let i = 0; i < p.clients; i++) {
      await pause(1000 / p.ramp);
      const socket = io(`${server.url}/live`, {
        transports: ['websocket'],
        // The consoles' young-outage schedule: every 250–500 ms.
        reconnectionDelay: 375,
        reconnectionDelayMax: 375,
        randomizationFactor: 1 / 3,
      });
      socket.on('connect', () => {
        socket.emit('subscribe', { channels: [{ channel: 'orders' }] }, () => {
          if (performance.now() > killedAt) subscribedAt[i] ??= performance.now();
        });
      });
      sockets.push(socket);
      if (i % 50 === 0) bar.update(i);
    }
    bar.finish();
    const connectedBy = Date.now() + 60_000;
    while (sockets.some((s) => !s.connected) && Date.now() < connectedBy) await pause(50);

    killedAt = performance.now();
    await server.kill();
    await pause(p.down * 1000);
    await server.start();
    const upAt = performance.now();
    const backBy = Date.now() + 60_000;
    while (subscribedAt.filter((t) => t !== undefined).length < p.clients && Date.now() < backBy) await pause(10);
    const backMs = subscribedAt
      .filter((t): t is number => t !== undefined)
      .map((t) => Math.max(0, t - upAt))
      .sort((a, b) => a - b);
    return { clients: p.clients, restartMs: upAt - killedAt, backMs };
  } finally {
    for (const s of sockets) s.close();
    await server.kill();
  }
}

/** The time by which a share `q` of all clients was back (Infinity when fewer came back). */
export function backBy(r: BareStormResult, q: number): number {
  return r.backMs[Math.ceil(q * r.clients) - 1] ?? Infinity;
}
