// Operations: /healthz (the process serves), /readyz (it should get traffic), /metrics.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface Readiness {
  draining: () => boolean;
  /** Named dependency checks; each resolves true when reachable. */
  checks: Record<string, () => Promise<boolean>>;
}

export function registerOpsRoutes(app: FastifyInstance, deps: { readiness: Readiness; registry: Registry }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const entries = await Promise.all(
      Object.entries(deps.readiness.checks).map(
        async ([name, check]) => [name, await check().catch(() => false)] as const,
      ),
    );
    const checks = Object.fromEntries(entries);
    const draining = deps.readiness.draining();
    const ready = !draining && entries.every(([, ok]) => ok);
    return reply.status(ready ? 200 : 503).send({ ready, draining, checks });
  });

  app.get('/metrics', async (_req, reply) => {
    return reply.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
}
