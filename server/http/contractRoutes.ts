// GET /v1/openapi.json and /v1/asyncapi.json: the contract documents, made from the zod schemas
// compiled into this gateway the first time each is asked for, then kept.
import type { FastifyInstance } from 'fastify';
import { asyncApiDocument } from '../contract/asyncapi';
import { openApiDocument } from '../contract/openapi';

export function registerContractRoutes(app: FastifyInstance, version: string): void {
  const once = (make: () => unknown) => {
    let text: string | undefined;
    return () => (text ??= JSON.stringify(make()));
  };
  const openapi = once(() => openApiDocument(version));
  const asyncapi = once(() => asyncApiDocument(version));
  app.get('/v1/openapi.json', async (_req, reply) => reply.type('application/json').send(openapi()));
  app.get('/v1/asyncapi.json', async (_req, reply) => reply.type('application/json').send(asyncapi()));
}
