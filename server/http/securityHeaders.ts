// Headers every answer carries: the console's Content-Security-Policy as a header (the page's own
// policy, plus `frame-ancestors 'none'`, which a <meta> cannot say), no framing, no MIME sniffing,
// no referrer. And the Host check against DNS rebinding, before any route runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { LiveError } from '../../protocol';
import type { HostPolicy } from './hostCheck';

/** For answers that are not the console (JSON, metrics): nothing may load or frame them. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Probes address a node by whatever name their platform gives it, and learn nothing from it. */
const PROBES = new Set(['/healthz', '/readyz']);

/** The policy the console's index.html declares, with framing forbidden; the API's without one. */
export function consolePolicy(consoleDir: string): string {
  let html: string;
  try {
    html = readFileSync(path.join(consoleDir, 'index.html'), 'utf8');
  } catch {
    return API_POLICY;
  }
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
  return meta ? `${meta.trim().replace(/;\s*$/, '')}; frame-ancestors 'none'` : API_POLICY;
}

export function installSecurityHeaders(app: FastifyInstance, deps: { hosts: HostPolicy; consoleDir: string }): void {
  const policy = consolePolicy(deps.consoleDir);
  app.addHook('onRequest', async (req) => {
    if (PROBES.has(req.url.split('?')[0] ?? '')) return;
    if (!deps.hosts.allows(req.headers.host)) {
      throw new LiveError('misdirected_request', 'This gateway does not answer for that host name');
    }
  });
  app.addHook('onSend', async (_req, reply) => {
    // JSON gets the strictest policy. Everything else gets the console's: a 304 has no content
    // type, and the browser merges its headers into the page it revalidated.
    const isJson = String(reply.getHeader('content-type') ?? '').startsWith('application/json');
    reply.header('content-security-policy', isJson ? API_POLICY : policy);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
  });
}
