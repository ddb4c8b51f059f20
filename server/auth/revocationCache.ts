// Whether a session has ended, asked at every handshake and authenticated request, answered from
// this node's memory instead of SQL each time (an office reconnecting after a restart asks 1,500
// times in a second for a handful of sessions). A session ended anywhere reaches every node's
// cache through the revocation watch (the same poll that closes that node's sockets of it), and at
// once on the node that ended it; a session seen live is asked of SQL again after `liveMs`, so
// even a missed end is bounded. An ended session is remembered as ended for good.
import type { SessionStore } from './sessionStore';

export interface RevocationCache {
  isRevoked(sessionId: string): Promise<boolean>;
  /** The session has ended (seen by the revocation watch, or ended on this node). */
  ended(sessionId: string): void;
  /** SQL lookups made so far (for tests and metrics). */
  lookups(): number;
}

export function createRevocationCache(
  sessions: Pick<SessionStore, 'isRevoked'>,
  opts: { now: () => number; liveMs?: number; max?: number },
): RevocationCache {
  const liveMs = opts.liveMs ?? 30_000;
  const max = opts.max ?? 50_000;
  /** Session id → when SQL said it is live; in insertion order, the first is the oldest. */
  const live = new Map<string, number>();
  /** Ended sessions, newest last. */
  const ended = new Set<string>();
  /** One lookup in flight per session: a burst of handshakes of one session asks SQL once. */
  const asking = new Map<string, Promise<boolean>>();
  let lookups = 0;

  const remember = <K>(map: Map<K, unknown> | Set<K>, key: K) => {
    if (map.size > max) map.delete(map.keys().next().value as K);
    return key;
  };

  return {
    async isRevoked(sessionId) {
      if (ended.has(sessionId)) return true;
      const seen = live.get(sessionId);
      if (seen !== undefined && opts.now() - seen < liveMs) return false;
      const pending = asking.get(sessionId);
      if (pending) return pending;
      lookups++;
      const ask = sessions
        .isRevoked(sessionId)
        .then((revoked) => {
          // An end seen while SQL was asked wins over its answer.
          if (revoked || ended.has(sessionId)) {
            live.delete(sessionId);
            ended.add(remember(ended, sessionId));
            return true;
          }
          live.delete(sessionId);
          live.set(remember(live, sessionId), opts.now());
          return false;
        })
        .finally(() => asking.delete(sessionId));
      asking.set(sessionId, ask);
      return ask;
    },
    ended(sessionId) {
      live.delete(sessionId);
      ended.add(remember(ended, sessionId));
    },
    lookups: () => lookups,
  };
}
