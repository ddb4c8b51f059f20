// POST /v1/events: producers (service token) hand in one envelope or a batch, all or nothing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { LiveError } from '../../protocol';
import type { Ingest } from '../ingest/pipeline';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares against every configured token in constant time (hashing equalises lengths). */
export function serviceTokenCheck(tokens: string[]): (header: string | undefined) => boolean {
  const digests = tokens.map(digest);
  return (header) => {
    const match = /^Bearer (.+)$/.exec(header ?? '');
    if (!match) return false;
    const given = digest(match[1] as string);
    let ok = false;
    for (const d of digests) ok = timingSafeEqual(d, given) || ok;
    return ok;
  };
}

export function registerIngestRoutes(
  app: FastifyInstance,
  deps: {
    ingest: Ingest;
    tokens: string[];
    bodyLimit: number;
    /** Throws while nothing can be kept (a full disk), before anything is parsed or coalesced. */
    guard?: () => void;
  },
): void {
  const authorised = serviceTokenCheck(deps.tokens);
  app.post('/v1/events', { bodyLimit: deps.bodyLimit }, async (req, reply) => {
    if (!authorised(req.headers.authorization)) {
      throw new LiveError(
        'unauthorized',
        deps.tokens.length === 0
          ? 'Ingest is disabled: no LIVE_INGEST_TOKENS configured'
          : 'A valid service token is required',
      );
    }
    deps.guard?.();
    const accepted = await deps.ingest.ingestBody(req.body);
    return reply.status(202).send({ accepted });
  });
}
