// Self-description: GET /v1/info.
import type { FastifyInstance } from 'fastify';

export interface Info {
  version: string;
  demo: boolean;
  features: string[];
}

export function registerInfoRoutes(app: FastifyInstance, info: Info): void {
  app.get('/v1/info', async () => info);
}
