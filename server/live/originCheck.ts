// Who may open a socket, decided on the HTTP request before the WebSocket upgrade: a browser's
// Origin must be our own or allow-listed; no Origin (Electron's main process, tools) passes here
// and still needs a valid token at the handshake. Connections per IP are rate-limited.
import type { IncomingMessage } from 'node:http';
import type { HostPolicy } from '../http/hostCheck';
import type { Limiter } from '../limits/limiter';

export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*')) return true;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  // Same origin: the web console the gateway serves itself.
  if (host !== undefined && o.host === host && (o.protocol === 'http:' || o.protocol === 'https:')) return true;
  return allowed.some((a) => a.replace(/\/$/, '') === o.origin);
}

/** The client's address: the socket's peer, or what a trusted proxy says it forwarded for. */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trustedProxies.includes(peer)) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  // The nearest address that is not one of our proxies.
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const a = forwarded[i] as string;
    if (!trustedProxies.includes(a)) return a;
  }
  return peer;
}

export type AllowRequest = (
  req: IncomingMessage,
  callback: (err: string | null | undefined, success: boolean) => void,
) => void;

export function allowRequest(deps: {
  allowedOrigins: readonly string[];
  /** The socket's HTTP requests are checked like every other (DNS rebinding). */
  hosts: HostPolicy;
  connections: Limiter;
  trustedProxies: readonly string[];
  draining: () => boolean;
  onRefused: (reason: 'origin' | 'host' | 'connection_rate') => void;
}): AllowRequest {
  return (req, callback) => {
    if (deps.draining()) {
      callback('Gateway is draining', false);
      return;
    }
    if (!deps.hosts.allows(req.headers.host)) {
      deps.onRefused('host');
      callback('Host not allowed', false);
      return;
    }
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, deps.allowedOrigins)) {
      deps.onRefused('origin');
      callback('Origin not allowed', false);
      return;
    }
    deps.connections.consume(clientAddress(req, deps.trustedProxies)).then(
      (r) => {
        if (!r.ok) deps.onRefused('connection_rate');
        callback(r.ok ? null : 'Too many connections', r.ok);
      },
      () => callback(null, true),
    );
  };
}
