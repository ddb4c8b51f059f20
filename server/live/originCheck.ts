// Who may open a socket, decided on the HTTP request before the WebSocket upgrade: a browser's
// Origin must be our own or allow-listed; no Origin (Electron's main process, tools) passes here
// and still needs a valid token at the handshake. Connections per IP are rate-limited.
import type { IncomingMessage } from 'node:http';
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

export type AllowRequest = (
  req: IncomingMessage,
  callback: (err: string | null | undefined, success: boolean) => void,
) => void;

export function allowRequest(deps: {
  allowedOrigins: readonly string[];
  connections: Limiter;
  draining: () => boolean;
  onRefused: (reason: 'origin' | 'connection_rate') => void;
}): AllowRequest {
  return (req, callback) => {
    if (deps.draining()) {
      callback('Gateway is draining', false);
      return;
    }
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, deps.allowedOrigins)) {
      deps.onRefused('origin');
      callback('Origin not allowed', false);
      return;
    }
    deps.connections.consume(req.socket.remoteAddress ?? 'unknown').then(
      (r) => {
        if (!r.ok) deps.onRefused('connection_rate');
        callback(r.ok ? null : 'Too many connections', r.ok);
      },
      () => callback(null, true),
    );
  };
}
