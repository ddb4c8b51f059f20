// Operations: /healthz (the process serves), /readyz (it should get traffic), /metrics.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
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

export function registerOpsRoutes(app: FastifyInstance, deps: { readiness: Readiness; registry: Registry }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const entries = await Promise.all(
      Object.entries(deps.readiness.checks).map(
        async ([name, check]) =>
          [name, await withDeadline(name, CHECK_DEADLINE_MS, check()).catch(() => false)] as const,
      ),
    );
    const checks = Object.fromEntries(entries);
    const draining = deps.readiness.draining();
    const ready = !draining && entries.every(([, ok]) => ok);
    const faults = deps.readiness.faults?.() ?? {};
    return reply
      .status(ready ? 200 : 503)
      .send({ ready, draining, checks, ...(Object.keys(faults).length > 0 ? { faults } : {}) });
  });

  app.get('/metrics', async (_req, reply) => {
    return reply.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
}
