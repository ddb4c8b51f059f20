// Operations: /healthz (the process serves), /readyz (it should get traffic), /metrics.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { LiveError } from '../../protocol';
import { isLoopbackName } from './hostCheck';
import { serviceTokenCheck } from './ingestRoutes';
import { withDeadline } from '../ops/circuit';

export interface Readiness {
  draining: () => boolean;
  /** Named dependency checks; each resolves true when reachable. */
  checks: Record<string, () => Promise<boolean>>;
  /** What is wrong with a dependency that is down, by name (e.g. `{storage: 'disk full'}`). */
  faults?: () => Record<string, string>;
}

/** /readyz answers within a second even when a dependency hangs: a check past this counts as down. */
const CHECK_DEADLINE_MS = 800;

/**
 * Every check run at once, each within the deadline; ready when none failed and the gateway is not
 * draining. `faults` names what is wrong where a check knows more than down (a full disk).
 */
export async function checkReadiness(readiness: Readiness) {
  const entries = await Promise.all(
    Object.entries(readiness.checks).map(
      async ([name, check]) => [name, await withDeadline(name, CHECK_DEADLINE_MS, check()).catch(() => false)] as const,
    ),
  );
  const checks: Record<string, boolean> = Object.fromEntries(entries);
  const draining = readiness.draining();
  const ready = !draining && entries.every(([, ok]) => ok);
  const faults = readiness.faults?.() ?? {};
  return { ready, draining, checks, ...(Object.keys(faults).length > 0 ? { faults } : {}) };
}

/**
 * Who may read /metrics: with a token, whoever presents it (`Authorization: Bearer`); without one,
 * only a scraper on this machine (the peer address, not a forwarded one, is loopback).
 */
function metricsAccess(token: string | undefined): (req: FastifyRequest) => boolean {
  if (token) {
    const check = serviceTokenCheck([token]);
    return (req) => check(req.headers.authorization);
  }
  return (req) => {
    const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    return isLoopbackName(peer) && req.headers['x-forwarded-for'] === undefined;
  };
}

export function registerOpsRoutes(
  app: FastifyInstance,
  deps: { readiness: Readiness; registry: Registry; metricsToken?: string },
): void {
  const mayReadMetrics = metricsAccess(deps.metricsToken);
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const state = await checkReadiness(deps.readiness);
    return reply.status(state.ready ? 200 : 503).send(state);
  });

  app.get('/metrics', async (req, reply) => {
    if (!mayReadMetrics(req)) throw new LiveError('unauthorized', 'Metrics need the metrics token');
    return reply.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
}
