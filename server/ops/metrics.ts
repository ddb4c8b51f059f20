// Prometheus metrics of one gateway (its own registry, so several gateways can share a process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'live_process_' });
  // These three are gauges named like counters, which Prometheus' own lint refuses.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(`live_process_${name}`);
  }
  const m = {
    registry,
    connections: new Gauge({
      name: 'live_connections',
      help: 'Open sockets by role',
      labelNames: ['role'] as const,
      registers: [registry],
    }),
    subscriptions: new Gauge({
      name: 'live_subscriptions',
      help: 'Channel subscriptions held by sockets of this node',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    eventsIn: new Counter({
      name: 'live_events_in_total',
      help: 'Events accepted by ingest',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    duplicates: new Counter({
      name: 'live_events_duplicate_total',
      help: 'Ingested events refused as already seen',
      registers: [registry],
    }),
    eventsOut: new Counter({
      name: 'live_events_out_total',
      help: 'Event deliveries emitted to sockets of this node',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    publishToEmit: new Histogram({
      name: 'live_publish_to_emit_seconds',
      help: 'From ingest receipt to broadcast',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'live_rate_limited_total',
      help: 'Requests refused by a rate limit',
      labelNames: ['limit'] as const,
      registers: [registry],
    }),
    authFailures: new Counter({
      name: 'live_auth_failures_total',
      help: 'Refused logins, refreshes and handshakes',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    slowConsumers: new Counter({
      name: 'live_slow_consumers_total',
      help: 'Sockets cut off for not keeping up',
      registers: [registry],
    }),
    heartbeatClosures: new Counter({
      name: 'live_heartbeat_closures_total',
      help: 'Connections closed because the client did not answer the heartbeat (frozen or cut off)',
      registers: [registry],
    }),
    errors: new Counter({
      name: 'live_errors_total',
      help: 'Unexpected errors',
      labelNames: ['where'] as const,
      registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
