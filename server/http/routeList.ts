// The routes a Fastify instance serves, as `METHOD /path` (the route catalogue's keys), collected
// as they are registered. HEAD twins of GET routes and routes hidden from API descriptions (the
// console's static files) are left out.
import type { FastifyInstance } from 'fastify';

export function collectRoutes(app: FastifyInstance): () => string[] {
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    if (hidden) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
  return () => [...new Set(routes)].sort();
}
