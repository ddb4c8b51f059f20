// Operations: /healthz (the process serves), /readyz (it should get traffic), /metrics.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface Readiness {
  draining: () => boolean;
  /** Named dependency checks; each resolves true when reachable. */
  checks: Record<string, () => Promise<boolean>>;
}

/** Every check run at once; ready when none failed and the gateway is not draining. */
export async function checkReadiness(readiness: Readiness) {
  const entries = await Promise.all(
    Object.entries(readiness.checks).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
  );
  const checks: Record<string, boolean> = Object.fromEntries(entries);
  const draining = readiness.draining();
  const ready = !draining && entries.every(([, ok]) => ok);
  return { ready, draining, checks };
}

export function registerOpsRoutes(app: FastifyInstance, deps: { readiness: Readiness; registry: Registry }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const state = await checkReadiness(deps.readiness);
    return reply.status(state.ready ? 200 : 503).send(state);
  });

  app.get('/metrics', async (_req, reply) => {
    return reply.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
}
