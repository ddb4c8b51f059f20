// Who is on a socket, and for how long: the handshake must carry a valid access token; the socket
// is told and closed when its token expires unrenewed, or at once when its session is revoked.
import type { ExtendedError } from 'socket.io';
import { LiveError, type SessionNotice } from '../../protocol';
import type { SessionStore } from '../auth/sessionStore';
import type { Identity, TokenService } from '../auth/tokens';
import type { Logger } from '../logger';
import type { LiveNamespace, LiveSocket } from './types';

/** Internal rooms; `#` never appears in a channel name, so they cannot be subscribed to. */
export const sessionRoom = (sessionId: string) => `#sid:${sessionId}`;
export const userRoom = (userId: string) => `#uid:${userId}`;
export const roleRoom = (role: string) => `#role:${role}`;

/** Sent this long before expiry, so a client that missed its refresh can still renew. */
const EXPIRING_NOTICE_MS = 60_000;

export interface SessionGuardDeps {
  tokens: TokenService;
  sessions: Pick<SessionStore, 'isRevoked'>;
  logger: Logger;
  now: () => number;
  onAuthFailure: (code: string) => void;
}

export function handshakeError(err: unknown): ExtendedError {
  const live = err instanceof LiveError ? err : new LiveError('unauthorized', 'Authentication failed');
  const out = new Error(live.message) as ExtendedError;
  out.data = live.toPayload();
  return out;
}

export async function authenticate(token: unknown, deps: SessionGuardDeps): Promise<Identity> {
  const identity = await deps.tokens.verify(typeof token === 'string' ? token : '');
  if (identity.sessionId && (await deps.sessions.isRevoked(identity.sessionId))) {
    throw new LiveError('unauthorized', 'The session has ended');
  }
  return identity;
}

/** Tells the socket why, then closes it: the client keeps the reason. */
export function closeWith(socket: LiveSocket, notice: SessionNotice): void {
  socket.emit('session', notice);
  socket.disconnect(true);
}

/** Arms the expiry of the socket's current token; call again after every renewal. */
export function armExpiry(socket: LiveSocket, deps: Pick<SessionGuardDeps, 'now'>): void {
  const data = socket.data;
  clearTimeout(data.expiringTimer);
  clearTimeout(data.expiryTimer);
  const left = data.identity.expiresAt - deps.now();
  data.expiringTimer = setTimeout(
    () => socket.emit('session', { type: 'expiring', message: 'Access token expires soon: renew with auth:refresh' }),
    Math.max(0, left - EXPIRING_NOTICE_MS),
  );
  data.expiryTimer = setTimeout(
    () => closeWith(socket, { type: 'token_expired', message: 'Access token expired' }),
    Math.max(0, left),
  );
}

export function disarm(socket: LiveSocket): void {
  clearTimeout(socket.data.expiringTimer);
  clearTimeout(socket.data.expiryTimer);
}

/** Closes every socket of a session, on this node and (with the Redis adapter) on every other. */
export function revokeSession(nsp: LiveNamespace, sessionId: string): void {
  const room = nsp.in(sessionRoom(sessionId));
  room.emit('session', { type: 'revoked', message: 'The session was ended' });
  room.disconnectSockets(true);
}
