// 429 and 503 answers carry Retry-After, so producers (and proxies) know when to retry.
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveError } from '../../protocol';
import { createLogger } from '../logger';
import { installErrorHandling, retryAfterSeconds } from './errors';

const app = Fastify();
installErrorHandling(app, createLogger('silent'));
app.get('/limited', async () => {
  throw new LiveError('rate_limited', 'Too many', { retryAfterMs: 2500 });
});
app.get('/unavailable', async () => {
  throw new LiveError('unavailable', 'Redis is away');
});
app.get('/invalid', async () => {
  throw new LiveError('validation_failed', 'Bad');
});
afterAll(() => app.close());

describe('Retry-After', () => {
  it('429 says the refusal’s own wait (whole seconds, rounded up); 503 at least a second; others none', async () => {
    const limited = await app.inject('/limited');
    expect([limited.statusCode, limited.headers['retry-after']]).toEqual([429, '3']);
    const unavailable = await app.inject('/unavailable');
    expect([unavailable.statusCode, unavailable.headers['retry-after']]).toEqual([503, '1']);
    const invalid = await app.inject('/invalid');
    expect([invalid.statusCode, invalid.headers['retry-after']]).toEqual([400, undefined]);
  });

  it('never asks for zero, negative or non-numeric waits', () => {
    expect(retryAfterSeconds(429, { retryAfterMs: 0 })).toBe(1);
    expect(retryAfterSeconds(429, { retryAfterMs: -5 })).toBe(1);
    expect(retryAfterSeconds(503, { retryAfterMs: 'soon' })).toBe(1);
    expect(retryAfterSeconds(503, { retryAfterMs: 1 })).toBe(1);
    expect(retryAfterSeconds(500, { retryAfterMs: 1000 })).toBeUndefined();
  });
});
