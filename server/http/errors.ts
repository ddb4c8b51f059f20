// Every HTTP error leaves as {error: {code, message, details?}} with the status of its code.
import type { FastifyError, FastifyInstance } from 'fastify';
import { LiveError, type ErrorBody } from '../../protocol';
import type { Logger } from '../logger';
import { isDependencyOutage } from '../ops/outage';
import { redactTicket } from '../queries/exportTickets';

/** Maps Fastify's own errors (body too large, bad JSON, wrong content type) to our codes. */
function fromFastify(err: FastifyError): LiveError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new LiveError('payload_too_large', 'Request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new LiveError('unsupported_media_type', 'Send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new LiveError('bad_request', 'Request body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new LiveError('bad_request', 'Request body is not valid JSON');
  }
  if (err instanceof SyntaxError || err.statusCode === 400) {
    return new LiveError('bad_request', 'Request body is not valid JSON');
  }
  return undefined;
}

/** A database or Redis out of reach is a temporary condition for the caller (503), not a bug (500). */
function fromOutage(err: unknown, logger: Logger): LiveError | undefined {
  if (!isDependencyOutage(err)) return undefined;
  logger.warn({ err }, 'dependency unreachable');
  // The cause stays out of the answer: it names internal hosts and ports.
  return new LiveError('unavailable', 'A database the gateway needs cannot be reached; retry shortly', {
    retryAfterMs: 1000,
  });
}

/**
 * `classify` turns an error the gateway knows the meaning of (a full disk) into the answer for it;
 * what it does not know and what is no dependency outage is a bug: 500 `internal`, logged.
 */
export function installErrorHandling(
  app: FastifyInstance,
  logger: Logger,
  classify: (err: unknown) => LiveError | undefined = () => undefined,
): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const live = err instanceof LiveError ? err : (fromFastify(err) ?? classify(err) ?? fromOutage(err, logger));
    if (!live) {
      logger.error({ err, url: redactTicket(req.url), method: req.method }, 'request failed');
      const body: ErrorBody = { error: { code: 'internal', message: 'Internal error' } };
      return reply.status(500).send(body);
    }
    const body: ErrorBody = { error: live.toPayload() };
    const retryAfter = retryAfterSeconds(live.status, live.details);
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    return reply.status(live.status).send(body);
  });
}

/**
 * `Retry-After` (whole seconds, at least 1) for 429, 503 and 507: from `details.retryAfterMs` when the
 * refusal knows it, else 1 s — producers and proxies wait for it before retrying the same request.
 */
export function retryAfterSeconds(status: number, details?: Record<string, unknown>): number | undefined {
  if (status !== 429 && status !== 503 && status !== 507) return undefined;
  const ms = details?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 1;
}

export function notFound(): ErrorBody {
  return { error: { code: 'not_found', message: 'No such resource' } };
}
