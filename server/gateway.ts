// Assembles the gateway: HTTP API, Socket.IO namespace, ingest pipeline, channel logs, KPIs and the
// demo feed. Embedded mode: one process, no servers.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { Server } from 'socket.io';
import pkg from '../package.json' with { type: 'json' };
import type { GatewayConfig } from './config';
import { startDemoFeed, type DemoFeedRunner } from './demo/runner';
import { registerConsoleRoutes } from './http/consoleRoutes';
import { installErrorHandling } from './http/errors';
import { registerInfoRoutes } from './http/infoRoutes';
import { registerIngestRoutes } from './http/ingestRoutes';
import { createIngest, type Ingest } from './ingest/pipeline';
import { startKpiPublisher } from './kpi/kpiPublisher';
import { OrderKpis } from './kpi/orderKpis';
import { attachLiveNamespace } from './live/namespace';
import { createMemoryLog } from './log/memoryLog';
import { createLogger, type Logger } from './logger';

export interface Gateway {
  readonly ingest: Ingest;
  readonly logger: Logger;
  /** Listens on the configured host and port; resolves to the base URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  logger?: Logger;
  now?: () => number;
  /** How often KPIs are published (ms). */
  kpiIntervalMs?: number;
}

export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? Date.now;

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Per-request logs would drown the rest at ingest rates; errors are logged where handled.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.limits.maxIngestBytes,
  });
  const io = new Server(app.server, {
    transports: config.transports,
    serveClient: false,
    maxHttpBufferSize: config.limits.maxMessageBytes,
  });

  const log = createMemoryLog({ epoch: randomBytes(6).toString('hex'), retention: config.limits.logRetention });
  const live = attachLiveNamespace(io, { log, logger });
  const kpis = new OrderKpis(now());
  const ingest = createIngest({
    log,
    broadcast: live.broadcast,
    now,
    maxBatch: config.limits.maxBatch,
    dedupeWindow: config.limits.dedupeWindow,
    observers: [(d) => kpis.observe(d, now())],
  });

  installErrorHandling(app, logger);
  registerInfoRoutes(app, { version: pkg.version, demo: config.demo, features: ['ingest', 'kpi', 'demo-feed'] });
  registerIngestRoutes(app, { ingest, tokens: config.ingestTokens, bodyLimit: config.limits.maxIngestBytes });
  const hasConsole = await registerConsoleRoutes(app, config.consoleDir);

  const onError = (err: unknown) => logger.error({ err }, 'background task failed');
  const kpiPublisher = startKpiPublisher({ kpis, ingest, now, intervalMs: options.kpiIntervalMs ?? 1000, onError });
  let feed: DemoFeedRunner | undefined;

  return {
    ingest,
    logger,
    async start() {
      await app.listen({ host: config.host, port: config.port });
      const { port } = app.server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      const url = `http://${host}:${port}`;
      if (config.demoFeedRate > 0) {
        feed = startDemoFeed({
          ingest,
          rate: config.demoFeedRate,
          seed: config.demoSeed ?? Date.now() >>> 0,
          now,
          onError,
        });
      }
      logger.info({ url, console: hasConsole, demoFeed: config.demoFeedRate }, 'gateway listening');
      return url;
    },
    async stop() {
      feed?.stop();
      kpiPublisher.stop();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await app.close();
    },
  };
}
