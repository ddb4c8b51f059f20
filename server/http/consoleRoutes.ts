// Serves the built web console at `/` (same origin as the API and the socket).
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFound } from './errors';

export async function registerConsoleRoutes(app: FastifyInstance, dir: string): Promise<boolean> {
  const hasConsole = existsSync(path.join(dir, 'index.html'));
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root: dir,
      index: 'index.html',
      wildcard: false,
      // Source maps stay on the build machine: they would hand out the whole source.
      allowedPath: (pathName) => !pathName.endsWith('.map'),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage =
      req.method === 'GET' && !req.url.startsWith('/v1/') && (req.headers.accept ?? '').includes('text/html');
    if (hasConsole && isPage) return reply.sendFile('index.html');
    return reply.status(404).send(notFound());
  });
  return hasConsole;
}
