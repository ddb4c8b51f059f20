// The signed-in session on the client: renews the access token before it expires (over HTTP,
// then on the live socket), keeps the refresh token in the host's secret store, and ends the
// session when the gateway refuses it. Tokens never reach a log line.
import { LiveError, SessionUser, type SessionUser as User } from '../protocol';
import { z } from 'zod';
import * as api from './authClient';
import type { Ports, TimerHandle } from './ports';

const SECRET_KEY = 'session';
const Persisted = z.object({ server: z.string(), refreshToken: z.string(), user: SessionUser });

/** Renew when this share of the token's life has passed (and at least a minute before expiry). */
const RENEW_AT = 0.8;
const RETRY_MS = 5_000;

export interface SessionEvents {
  /** A new access token: pass it to the live connection. */
  renewed(accessToken: string): void;
  /** The gateway will not renew: sign-in needed. */
  ended(reason: 'unauthorized' | 'revoked' | 'logout'): void;
}

export interface AuthSession {
  readonly user: User | undefined;
  readonly server: string | undefined;
  readonly accessToken: string | undefined;
  login(server: string, username: string, password: string): Promise<User>;
  /** Signs back in with the stored refresh token, if there is one that still works. */
  resume(): Promise<boolean>;
  /** Renews now (single flight); false when it could not. */
  renew(): Promise<boolean>;
  logout(): Promise<void>;
  /** Forgets the session locally (no request). */
  end(reason: 'unauthorized' | 'revoked'): Promise<void>;
  close(): void;
}

export function createAuthSession(ports: Ports, events: SessionEvents): AuthSession {
  const { clock, logger } = ports;
  let server: string | undefined;
  let user: User | undefined;
  let accessToken: string | undefined;
  let refreshToken: string | undefined;
  let timer: TimerHandle | undefined;
  let inFlight: Promise<boolean> | undefined;
  /** Bumped when the session is forgotten: an answer to a request made before then is stale. */
  let generation = 0;

  const cancel = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  function schedule(delayMs: number): void {
    cancel();
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        void renew();
      },
      Math.max(1000, delayMs),
    );
  }

  async function adopt(s: string, pair: api.TokenPair): Promise<void> {
    server = s;
    user = pair.user;
    accessToken = pair.accessToken;
    refreshToken = pair.refreshToken;
    const lifeMs = pair.expiresIn * 1000;
    schedule(Math.min(lifeMs * RENEW_AT, lifeMs - 60_000));
    await ports.secrets?.set(
      SECRET_KEY,
      JSON.stringify({ server: s, refreshToken: pair.refreshToken, user: pair.user }),
    );
  }

  async function forget(): Promise<void> {
    generation++;
    cancel();
    user = undefined;
    accessToken = undefined;
    refreshToken = undefined;
    await ports.secrets?.delete(SECRET_KEY).catch(() => undefined);
  }

  async function renewNow(): Promise<boolean> {
    if (!server || !refreshToken) return false;
    const s = server;
    const asked = generation;
    // Signed out while the request was out: its answer, good or bad, must not touch what followed.
    const stale = () => generation !== asked;
    try {
      const pair = await api.refresh(ports.http, s, refreshToken);
      if (stale()) {
        // Nobody will use the pair it gave: best effort, so that it does not stay valid either.
        await api.logout(ports.http, s, pair.refreshToken).catch(() => undefined);
        return false;
      }
      await adopt(s, pair);
      events.renewed(accessToken as string);
      return true;
    } catch (err) {
      if (stale()) return false;
      if (err instanceof LiveError && (err.code === 'unauthorized' || err.code === 'invalid_credentials')) {
        logger.warn({ code: err.code }, 'session could not be renewed: sign-in needed');
        await forget();
        events.ended('unauthorized');
        return false;
      }
      // The gateway is out of reach: try again soon, the token may still have time left.
      logger.info({ code: err instanceof LiveError ? err.code : 'internal' }, 'token renewal failed; retrying');
      schedule(RETRY_MS);
      return false;
    }
  }

  function renew(): Promise<boolean> {
    inFlight ??= renewNow().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    get user() {
      return user;
    },
    get server() {
      return server;
    },
    get accessToken() {
      return accessToken;
    },
    async login(s, username, password) {
      const pair = await api.login(ports.http, s, username, password);
      await adopt(s, pair);
      // This sign-in's user: another one that overlapped may have been adopted meanwhile.
      return pair.user;
    },
    async resume() {
      const raw = await ports.secrets?.get(SECRET_KEY).catch(() => undefined);
      if (!raw) return false;
      let stored: z.infer<typeof Persisted>;
      try {
        stored = Persisted.parse(JSON.parse(raw));
      } catch {
        await forget();
        return false;
      }
      server = stored.server;
      user = stored.user;
      refreshToken = stored.refreshToken;
      return renew();
    },
    renew,
    async logout() {
      const s = server;
      const token = refreshToken;
      await forget();
      if (s && token) {
        // Best effort: the session ends locally whatever the gateway says.
        await api.logout(ports.http, s, token).catch(() => undefined);
      }
    },
    async end() {
      await forget();
    },
    close: cancel,
  };
}
