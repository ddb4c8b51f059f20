// Connections closed for a missed heartbeat (Engine.IO's ping went unanswered for `pingTimeout`:
// a frozen or silently cut-off client) say why: the log names the user and the reason, a metric
// counts them, and the client is told when it comes back. A frozen client cannot be told at the
// time, so the closure is remembered (bounded, for a while) under the socket's id, and a
// reconnect of the same user that names it (`auth.previous`) gets the `heartbeat_timeout` notice.
import type { Logger } from '../logger';
import type { Metrics } from '../ops/metrics';
import type { LiveSocket } from './types';

/** Socket.IO's reason for a connection whose heartbeat went unanswered. */
export const PING_TIMEOUT = 'ping timeout';

export interface HeartbeatWatch {
  /** A socket disconnected (for whatever reason). */
  closed(socket: LiveSocket, reason: string): void;
  /** A socket connected: told when the connection it replaces was closed for a missed heartbeat. */
  greet(socket: LiveSocket): void;
}

export function createHeartbeatWatch(deps: {
  logger: Logger;
  metrics: Metrics;
  now: () => number;
  /** How long a closure is remembered for the reconnect to be told. */
  rememberMs?: number;
  /** Most closures remembered (the oldest go first). */
  max?: number;
}): HeartbeatWatch {
  const rememberMs = deps.rememberMs ?? 10 * 60_000;
  const max = deps.max ?? 10_000;
  /** Socket id → whose it was and when it was closed; in insertion order, the first is the oldest. */
  const closures = new Map<string, { userId: string; at: number }>();

  return {
    closed(socket, reason) {
      if (reason !== PING_TIMEOUT) return;
      const { userId } = socket.data.identity;
      deps.metrics.heartbeatClosures.inc();
      deps.logger.warn(
        { userId, socketId: socket.id, reason: 'heartbeat_timeout' },
        'connection closed: the client did not answer the heartbeat (frozen or cut off)',
      );
      closures.set(socket.id, { userId, at: deps.now() });
      if (closures.size > max) closures.delete(closures.keys().next().value as string);
    },
    greet(socket) {
      const previous = (socket.handshake.auth as { previous?: unknown } | undefined)?.previous;
      if (typeof previous !== 'string') return;
      const closure = closures.get(previous);
      // Only the same user learns about the connection it names.
      if (!closure || closure.userId !== socket.data.identity.userId) return;
      closures.delete(previous);
      if (deps.now() - closure.at > rememberMs) return;
      socket.emit('session', {
        type: 'heartbeat_timeout',
        message: 'The previous connection was closed: it did not answer the heartbeat in time',
      });
    },
  };
}
