// Assembles the gateway: SQL stores, keys and tokens, HTTP API, Socket.IO namespace, ingest
// pipeline, channel logs, KPIs, metrics and the demo feed. Embedded mode: one process, no servers.
import type { AddressInfo } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { Server } from 'socket.io';
import pkg from '../package.json' with { type: 'json' };
import { LiveError } from '../protocol';
import { createActionService } from './actions/actionService';
import { createAuditLog } from './audit/auditLog';
import { createAuthService } from './auth/authService';
import { seedDemoUsers } from './auth/demoUsers';
import { loadKeyRing } from './auth/jwtKeys';
import { createSessionStore } from './auth/sessionStore';
import { createTokenService } from './auth/tokens';
import { createRevocationCache } from './auth/revocationCache';
import { createUserStore } from './auth/userStore';
import { createBackends } from './backends';
import type { GatewayConfig } from './config';
import { createStorageHealth } from './db/storageHealth';
import { startHousekeeping } from './ops/housekeeping';
import { dependencyChange, openDatabaseAtStart, startOrClose } from './ops/startup';
import { startDemoFeed, type DemoFeedRunner } from './demo/runner';
import { attachLiveView } from './admin/liveView';
import { registerAdminLiveRoutes } from './http/adminLiveRoutes';
import { registerAdminRoutes } from './http/adminRoutes';
import { registerAuthRoutes } from './http/authRoutes';
import { registerConsoleRoutes } from './http/consoleRoutes';
import { registerContractRoutes } from './http/contractRoutes';
import { installErrorHandling } from './http/errors';
import { hostPolicy } from './http/hostCheck';
import { trackRequests } from './http/inFlight';
import { installJsonBody } from './http/jsonBody';
import { registerInfoRoutes } from './http/infoRoutes';
import { registerIngestRoutes } from './http/ingestRoutes';
import { registerOpsRoutes } from './http/opsRoutes';
import { registerCompression } from './http/compression';
import { collectRoutes } from './http/routeList';
import { registerExportRoutes } from './http/exportRoutes';
import { registerQueryRoutes } from './http/queryRoutes';
import { installSecurityHeaders } from './http/securityHeaders';
import { registerSnapshotRoutes } from './http/snapshotRoutes';
import { createIngest, type Ingest } from './ingest/pipeline';
import { liveRules } from './ingest/rulesFile';
import { startKpiPublisher } from './kpi/kpiPublisher';
import { memoryLimiters } from './limits/limiter';
import { createLoginLimiter } from './limits/loginLimiter';
import { watchSlowConsumers, writesSettled } from './live/backpressure';
import { watchLoopLag } from './live/frameBatcher';
import { attachLiveNamespace } from './live/namespace';
import { allowRequest, clientAddress } from './live/originCheck';
import { emitPresence, presenceBroadcaster } from './live/presence';
import { watchRevocations } from './live/revocationWatch';
import { authenticate, handshakeError, revokeSession } from './live/sessionGuard';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './ops/metrics';
import { createProjection } from './projection/projection';
import { createSnapshotReader } from './projection/snapshotReader';
import { createAlertQueries } from './queries/alertQueries';
import { createExportTickets } from './queries/exportTickets';
import { createOrderQueries } from './queries/orderQueries';
import { createStockQueries } from './queries/stockQueries';

export interface Gateway {
  readonly ingest: Ingest;
  readonly logger: Logger;
  /** Re-reads the LIVE_RULES file (SIGHUP); a bad file is refused and the rules in force stay. */
  reloadRules(): boolean;
  /** The HTTP routes served, as `METHOD /path` (each one must be in server/http/catalogue.ts). */
  routes(): string[];
  /** Listens on the configured host and port; resolves to the base URL. */
  start(): Promise<string>;
  /**
   * Graceful stop: readiness goes false, new connections and events are refused, what was
   * accepted is broadcast, sockets are told `draining` and closed. Resolves true when it all
   * finished within the drain timeout.
   */
  stop(): Promise<boolean>;
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
  const { limits } = config;
  const metrics = createMetrics();
  let listening = false;
  const backends = createBackends(
    config,
    now,
    dependencyChange(logger, 'redis', () => listening),
  );
  const { log, presence, latestMetrics, limiters } = backends;
  const startMs = limits.startTimeoutSeconds * 1000;
  // Every server is reached before anything listens: a start that cannot reach one ends in one line.
  const sql = await startOrClose(backends.close, async () => {
    await backends.ready(startMs);
    return openDatabaseAtStart(config, logger, () => listening);
  });
  await backends.start?.(sql.db);
  const users = createUserStore(sql.db, now);
  const sessions = createSessionStore(sql.db, now);
  // Handshakes and authenticated requests ask this node's memory whether a session has ended.
  const revocations = createRevocationCache(sessions, { now });
  const endSession = (sessionId: string) => {
    revocations.ended(sessionId);
    revokeSession(live.nsp, sessionId);
  };
  const audit = createAuditLog({ db: sql.db, logger, now });
  if (config.demo) await seedDemoUsers(users);
  const keys = await loadKeyRing({ file: config.jwtKeysFile, dataDir: config.dataDir });
  const tokens = createTokenService({ keys, jwksUrl: config.jwksUrl, now, ttlSec: limits.accessTokenSeconds });

  let draining = false;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Per-request logs would drown the rest at ingest rates; errors are logged where handled.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: limits.maxIngestBytes,
    // A body that trickles in is cut off: a slow client cannot hold a request (and a drain) open.
    requestTimeout: limits.requestSeconds * 1000,
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
  });
  // First of all hooks, so every route registered below is seen.
  const routes = collectRoutes(app);
  await registerCompression(app);
  const hosts = hostPolicy({ allowedOrigins: config.allowedOrigins, host: config.host, demo: config.demo });
  const io = new Server(app.server, {
    transports: config.transports,
    serveClient: false,
    maxHttpBufferSize: limits.maxMessageBytes,
    pingInterval: limits.heartbeatSeconds * 1000,
    pingTimeout: limits.heartbeatTimeoutSeconds * 1000,
    allowRequest: allowRequest({
      allowedOrigins: config.allowedOrigins,
      hosts,
      trustedProxies: config.trustedProxies,
      connections: limiters('connect-flood', { points: limits.connectFloodRate, durationSec: 60 }),
      draining: () => draining,
      onRefused: (reason) => metrics.rateLimited.inc({ limit: reason }),
    }),
  });

  const onAuthFailure = (reason: string) => metrics.authFailures.inc({ reason });
  const storage = createStorageHealth({ dataDir: config.dataDir, logger });
  const onError = (where: string) => (err: unknown) => {
    // A full or read-only disk is logged once, when it is first seen, not by every task it stops.
    if (storage.failed(err)) return;
    metrics.errors.inc({ where });
    logger.error({ err, where }, 'background task failed');
  };
  // Results of actions enter the log through the pipeline (made below) like every event.
  const actions = createActionService({ db: sql.db, now, publish: (results) => ingest.publishResults(results) });
  const presenceOut = presenceBroadcaster({
    store: presence,
    emit: (entries, delta) => emitPresence(live.nsp, entries, delta),
    onError: onError('presence'),
  });
  const loopLag = watchLoopLag();
  const live = attachLiveNamespace(io, {
    actions,
    presence,
    onPresenceChanged: () => presenceOut.changed(),
    log,
    logger,
    metrics,
    tokens,
    sessions: revocations,
    now,
    onAuthFailure,
    connectLimits: {
      known: limiters('connect-user', { points: limits.connectUserRate, durationSec: 60 }),
      unknown: limiters('connect', { points: limits.connectRate, durationSec: 60 }),
      address: (req) => clientAddress(req, config.trustedProxies),
      onRefused: () => metrics.rateLimited.inc({ limit: 'connection_rate' }),
    },
    // A socket lives on one node: its limit is that node's to keep, without a round trip to Redis
    // for every request (pings included). Per-user limits span nodes and stay shared.
    socketRate: memoryLimiters('socket', { points: limits.socketRate, durationSec: 1 }),
    userRate: limiters('user', { points: limits.userRate, durationSec: 1 }),
    maxStrikes: limits.maxStrikes,
    strikeWindowMs: 10_000,
    maxFrameEvents: limits.maxFrameEvents,
    frameBatching: { windowMs: limits.frameWindowMs, lagThresholdMs: limits.frameLagMs, lag: loopLag.lag },
    replayChunk: { events: limits.replayChunkEvents, bytes: limits.replayChunkBytes },
  });
  const { kpis } = backends;
  const rules = liveRules(config.rulesFile, config.rules, logger);
  const projection = createProjection(sql.db, now, () => rules.current().lowStockDefaultThreshold);
  const ingest = createIngest({
    log,
    broadcast: live.broadcast,
    now,
    thresholds: rules.current,
    maxBatch: limits.maxBatch,
    projection,
    observers: [
      (d, ms) => {
        metrics.eventsIn.inc({ type: d.event.type });
        metrics.publishToEmit.observe(ms / 1000);
      },
      (d) => void Promise.resolve(kpis.observe(d, now())).catch(onError('kpi')),
      (d) => void latestMetrics.record(d).catch(onError('metrics-store')),
    ],
    onDuplicate: () => metrics.duplicates.inc(),
    metricWindowMs: limits.metricWindowMs,
    onCoalesceError: onError('metric-coalesce'),
  });
  const guard = { tokens, sessions: revocations, logger, now, onAuthFailure };
  const auth = createAuthService({
    users,
    sessions,
    tokens,
    now,
    demoMode: config.demo,
    onRehashed: (userId) => void audit.record({ action: 'user.rehash', outcome: 'ok', userId }),
    onRevoked: endSession,
  });

  installErrorHandling(app, logger, (err) => storage.failed(err));
  installJsonBody(app);
  installSecurityHeaders(app, { hosts, consoleDir: config.consoleDir });
  // Only `/live` serves: the default namespace would hold unauthenticated sockets forever.
  io.of('/').use((_socket, next) => next(handshakeError(new LiveError('not_found', 'Connect to /live'))));
  // Requests in flight: a drain waits for them, so no request answered 202 misses its broadcast.
  const requests = trackRequests(app, { draining: () => draining, requestSeconds: limits.requestSeconds });
  registerInfoRoutes(app, {
    version: pkg.version,
    demo: config.demo,
    features: ['auth', 'ingest', 'kpi', 'demo-feed'],
  });
  registerContractRoutes(app, pkg.version);
  const readiness = {
    draining: () => draining,
    checks: { database: sql.ping, ...backends.checks, storage: async () => storage.fault() === undefined },
    faults: (): Record<string, string> => (storage.fault() ? { storage: storage.fault() as string } : {}),
  };
  registerOpsRoutes(app, { registry: metrics.registry, metricsToken: config.metricsToken, readiness });
  registerAuthRoutes(app, {
    auth,
    loginLimiter: createLoginLimiter(limiters, limits),
    audit,
    onLoginFailed: () => onAuthFailure('login'),
  });
  registerIngestRoutes(app, {
    ingest,
    tokens: config.ingestTokens,
    bodyLimit: limits.maxIngestBytes,
    guard: () => storage.guard(),
  });
  registerSnapshotRoutes(app, {
    authenticate: (token) => authenticate(token, guard),
    snapshots: createSnapshotReader({ db: sql.db, log, metrics: latestMetrics, presence, now }),
  });
  const liveView = attachLiveView({
    nsp: live.nsp,
    nodeId: backends.nodeId,
    clustered: backends.mode === 'clustered',
    log,
    retentionEvents: limits.logRetention,
    now,
  });
  registerAdminLiveRoutes(app, {
    authenticate: (token) => authenticate(token, guard),
    view: liveView,
    readiness,
    mode: backends.mode,
    node: backends.nodeId,
    version: pkg.version,
  });
  const exportTickets = createExportTickets(sql.db, {
    now,
    isRevoked: (id) => sessions.isRevoked(id),
    ttlMs: limits.exportTicketSeconds * 1000,
  });
  registerQueryRoutes(app, {
    authenticate: (token) => authenticate(token, guard),
    orders: createOrderQueries(sql.db, now),
    stock: createStockQueries(sql.db),
    alerts: createAlertQueries(sql.db),
    tickets: exportTickets,
    now,
  });
  registerExportRoutes(app, {
    authenticate: (token) => authenticate(token, guard),
    tickets: exportTickets,
    limiter: limiters('export', { points: limits.exportsPerMinute, durationSec: 60 }),
  });
  registerAdminRoutes(app, {
    authenticate: (token) => authenticate(token, guard),
    audit,
    sessions,
    users,
    closeSession: endSession,
  });
  const hasConsole = await registerConsoleRoutes(app, config.consoleDir);

  backends.attach(io, ingest, logger);
  const stopRevocations = watchRevocations({
    sessions,
    nsp: live.nsp,
    now,
    onError: onError('revocations'),
    onEnded: (sessionId) => revocations.ended(sessionId),
  });
  const stopBackpressure = watchSlowConsumers({
    nsp: live.nsp,
    maxBytes: limits.slowConsumerBytes,
    maxPackets: limits.slowConsumerPackets,
    logger,
    metrics,
  });
  const kpiPublisher = startKpiPublisher({
    kpis,
    isPublisher: backends.isKpiPublisher,
    ingest,
    now,
    intervalMs: options.kpiIntervalMs ?? 1000,
    onError: onError('kpi'),
  });
  const stopHousekeeping = startHousekeeping({
    sweepActions: () => actions.sweep(),
    sweepProjection: (ms) => projection.sweep(ms),
    dedupeSeconds: limits.dedupeSeconds,
    keys,
    logger,
    onError,
  });
  let feed: DemoFeedRunner | undefined;

  async function drain(): Promise<void> {
    feed?.stop();
    kpiPublisher.stop();
    presenceOut.stop();
    liveView.close();
    stopBackpressure();
    stopRevocations();
    stopHousekeeping();
    // Everything accepted is appended and broadcast before any socket is closed.
    await requests.settled();
    await ingest.idle();
    live.flush();
    loopLag.stop();
    // This node's sockets only: the others (in a cluster) keep theirs.
    live.nsp.local.emit('session', { type: 'draining', message: 'The gateway is restarting' });
    await writesSettled(live.nsp, 1000);
    live.nsp.local.disconnectSockets(true);
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await app.close();
    await backends.close();
    await sql.close();
    storage.stop();
  }

  return {
    ingest,
    logger,
    reloadRules: () => rules.reload(),
    routes,
    async start() {
      await app.listen({ host: config.host, port: config.port, backlog: limits.listenBacklog });
      listening = true;
      const { port } = app.server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      const url = `http://${host}:${port}`;
      if (config.demoFeedRate > 0) {
        feed = startDemoFeed({
          ingest,
          rate: config.demoFeedRate,
          seed: config.demoSeed ?? Date.now() >>> 0,
          now,
          onError: onError('demo-feed'),
        });
      }
      logger.info({ url, console: hasConsole, demo: config.demo, demoFeed: config.demoFeedRate }, 'gateway listening');
      return url;
    },
    async stop() {
      if (draining) return true;
      draining = true;
      logger.info('draining');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), limits.drainSeconds * 1000);
        timer.unref();
      });
      const done = await Promise.race([drain().then(() => true as const), timeout]);
      clearTimeout(timer);
      if (!done) logger.warn({ seconds: limits.drainSeconds }, 'drain timed out');
      return done;
    },
  };
}
