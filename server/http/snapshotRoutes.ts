// GET /v1/snapshot?channels=a,b and GET /v1/alerts/counts (Bearer access token).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChannelName, parseOrThrow } from '../../protocol';
import type { createSnapshotReader } from '../projection/snapshotReader';
import { identityOf, type Authenticate } from './bearer';

export const SnapshotQuery = z.object({
  channels: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(ChannelName).min(1).max(32))
    .describe('Comma-separated channel names (1 to 32), each one the role may read'),
});

export function registerSnapshotRoutes(
  app: FastifyInstance,
  deps: { authenticate: Authenticate; snapshots: ReturnType<typeof createSnapshotReader> },
): void {
  app.get('/v1/snapshot', async (req) => {
    const identity = await identityOf(deps.authenticate, req.headers.authorization);
    const { channels } = parseOrThrow(SnapshotQuery, req.query, 'snapshot query');
    return deps.snapshots.read(identity, channels);
  });
  app.get('/v1/alerts/counts', async (req) =>
    deps.snapshots.counts(await identityOf(deps.authenticate, req.headers.authorization)),
  );
}
