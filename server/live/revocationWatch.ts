// Sessions can be ended by another process (`npm run users -- revoke`, another gateway node): every
// node looks in SQL for sessions ended since its last look and closes its own sockets of them, so
// an ended session loses its sockets everywhere within a poll interval.
import type { SessionStore } from '../auth/sessionStore';
import type { LiveNamespace } from './types';
import { sessionRoom } from './sessionGuard';

/** Ends seen this far back are looked at again, for writes that commit late or clocks apart. */
const OVERLAP_MS = 5_000;

export function watchRevocations(deps: {
  sessions: Pick<SessionStore, 'revokedSince'>;
  nsp: LiveNamespace;
  now: () => number;
  intervalMs?: number;
  onError: (err: unknown) => void;
  /** Each session seen ended, once (the node's revocation cache learns it here). */
  onEnded?: (sessionId: string) => void;
}): () => void {
  let since = deps.now() - OVERLAP_MS;
  const closed = new Map<string, number>();
  let busy = false;
  const look = async () => {
    const ended = await deps.sessions.revokedSince(since);
    for (const { sessionId, revokedAt } of ended) {
      if (closed.has(sessionId)) continue;
      closed.set(sessionId, revokedAt);
      deps.onEnded?.(sessionId);
      const room = deps.nsp.local.in(sessionRoom(sessionId));
      room.emit('session', { type: 'revoked', message: 'The session was ended' });
      room.disconnectSockets(true);
    }
    const latest = ended.at(-1)?.revokedAt;
    if (latest !== undefined) since = Math.max(since, latest - OVERLAP_MS);
    for (const [id, at] of closed) if (at < since) closed.delete(id);
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    look()
      .catch(deps.onError)
      .finally(() => (busy = false));
  }, deps.intervalMs ?? 500);
  timer.unref();
  return () => clearInterval(timer);
}
