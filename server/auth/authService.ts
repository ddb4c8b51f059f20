// Login, refresh and logout. Wrong password and unknown user answer the same, in the same time.
import { LiveError, type SessionUser } from '../../protocol';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords';
import { newToken, type SessionStore } from './sessionStore';
import type { TokenService } from './tokens';
import type { UserStore } from './userStore';

export const REFRESH_TTL_MS = 14 * 86_400_000;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SessionUser;
}

export interface AuthService {
  login(username: string, password: string): Promise<TokenPair>;
  refresh(refreshToken: string): Promise<TokenPair>;
  /** Resolves to the session ended, or undefined when it was already over. */
  logout(refreshToken: string): Promise<{ sessionId: string; userId: string } | undefined>;
}

export function createAuthService(deps: {
  users: UserStore;
  sessions: SessionStore;
  tokens: TokenService;
  now?: () => number;
  /** Demo accounts sign in only while this is true. */
  demoMode: boolean;
  /** Called when a password hash made with older parameters was replaced. */
  onRehashed?: (userId: string) => void;
  /** Called when a session ends (logout, token reuse): its sockets must close. */
  onRevoked: (sessionId: string, reason: 'logout' | 'reuse') => void;
}): AuthService {
  const now = deps.now ?? Date.now;
  const invalid = () => new LiveError('invalid_credentials', 'Invalid username or password');

  async function pair(user: SessionUser, sessionId: string, refreshToken: string): Promise<TokenPair> {
    const access = await deps.tokens.issue(user, sessionId);
    return { accessToken: access.token, refreshToken, expiresIn: Math.round((access.expiresAt - now()) / 1000), user };
  }

  return {
    async login(username, password) {
      const user = await deps.users.findByUsername(username.trim().toLowerCase());
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
      // A demo account outside demo mode answers like a wrong password: nothing to learn from it.
      if (!user || !ok || user.disabled || (user.demo && !deps.demoMode)) throw invalid();
      if (needsRehash(user.passwordHash)) {
        await deps.users.rehash(user.id, await hashPassword(password));
        deps.onRehashed?.(user.id);
      }
      const refreshToken = newToken();
      const sessionId = await deps.sessions.create(user.id, refreshToken, now() + REFRESH_TTL_MS);
      return pair({ id: user.id, name: user.name, role: user.role }, sessionId, refreshToken);
    },

    async refresh(refreshToken) {
      const next = newToken();
      const result = await deps.sessions.rotate(refreshToken, next, now() + REFRESH_TTL_MS);
      if (result.status === 'reused') {
        // A rotated token came back: someone holds a copy. End the whole session everywhere.
        await deps.sessions.revoke(result.sessionId, 'reuse');
        deps.onRevoked(result.sessionId, 'reuse');
        throw new LiveError('unauthorized', 'Refresh token was already used; the session has been ended');
      }
      if (result.status === 'invalid') throw new LiveError('unauthorized', 'Refresh token is invalid or expired');
      const user = await deps.users.findById(result.userId);
      if (!user || user.disabled || (user.demo && !deps.demoMode)) {
        await deps.sessions.revoke(result.sessionId, 'disabled');
        deps.onRevoked(result.sessionId, 'logout');
        throw new LiveError('unauthorized', 'The account is disabled');
      }
      return pair({ id: user.id, name: user.name, role: user.role }, result.sessionId, next);
    },

    async logout(refreshToken) {
      const session = await deps.sessions.sessionOf(refreshToken);
      if (!session) return undefined; // already over: logout is idempotent
      await deps.sessions.revoke(session.sessionId, 'logout');
      deps.onRevoked(session.sessionId, 'logout');
      return session;
    },
  };
}
