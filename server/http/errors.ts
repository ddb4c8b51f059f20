// Every HTTP error leaves as {error: {code, message, details?}} with the status of its code.
import type { FastifyError, FastifyInstance } from 'fastify';
import { LiveError, type ErrorBody } from '../../protocol';
import type { Logger } from '../logger';

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

export function installErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const live = err instanceof LiveError ? err : fromFastify(err);
    if (!live) {
      logger.error({ err, url: req.url, method: req.method }, 'request failed');
      const body: ErrorBody = { error: { code: 'internal', message: 'Internal error' } };
      return reply.status(500).send(body);
    }
    const body: ErrorBody = { error: live.toPayload() };
    return reply.status(live.status).send(body);
  });
}

export function notFound(): ErrorBody {
  return { error: { code: 'not_found', message: 'No such resource' } };
}
