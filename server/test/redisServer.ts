// A private redis-server process on a free loopback port, for tests that stop, pause or empty Redis
// (the shared one on 6379 is never touched).
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './gatewayProcess';
import { killHard } from './killHard';
import { waitFor } from './live';

export interface RedisServer {
  port: number;
  url: string;
  /** Starts it (again, on the same port, empty). */
  start(): Promise<void>;
  /** SIGKILL: everything in it is gone. */
  kill(): Promise<void>;
}

async function answers(port: number, password?: string): Promise<boolean> {
  const c = new Redis({
    port,
    host: '127.0.0.1',
    password,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return (await c.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

export async function startRedisServer(options: { port?: number; password?: string } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
      if (options.password) args.push('--requirepass', options.password);
      child = spawn('redis-server', args, { stdio: 'ignore' });
      await waitFor(() => answers(port, options.password), 'a private redis-server');
    },
    kill: () => killHard(child),
  };
  await server.start();
  return server;
}
