// The requests a gateway is answering. A drain waits for them, so no request answered 202 misses
// its broadcast; while draining, new POSTs are refused with 503 `draining` and `Retry-After`; a
// body that trickles in is cut off, so a slow client cannot hold a request (and a drain) open.
import type { FastifyInstance } from 'fastify';

export function trackRequests(app: FastifyInstance, opts: { draining: () => boolean; requestSeconds: number }) {
  const inFlight = new Set<object>();
  let settled: (() => void) | undefined;
  app.addHook('onRequest', async (req, reply) => {
    if (opts.draining() && req.method === 'POST') {
      return reply
        .status(503)
        .header('retry-after', '1')
        .send({ error: { code: 'draining', message: 'The gateway is shutting down; retry on another node' } });
    }
    inFlight.add(req);
    const deadline = setTimeout(() => {
      if (!req.raw.complete) req.raw.socket.destroy();
    }, opts.requestSeconds * 1000);
    deadline.unref();
    // 'close' comes when the answer is sent and also when the client went away mid-request (an
    // aborted body gets no answer at all): either way the request is over.
    reply.raw.once('close', () => {
      clearTimeout(deadline);
      if (inFlight.delete(req) && inFlight.size === 0) settled?.();
    });
  });
  return {
    /** Resolves when no request is in flight. */
    settled: (): Promise<void> =>
      inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (settled = resolve)),
  };
}
