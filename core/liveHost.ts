// The LiveBridge implemented over core: the same object serves Electron's main process (behind
// IPC) and the browser host (directly in the page).
import {
  LiveError,
  LoginRequest,
  defaultChannels,
  parseOrThrow,
  type LiveBridge,
  type SessionUser,
  type SoundRequest,
} from '../protocol';
import { createAuthSession } from './authSession';
import { createLiveClient, type LiveClient, type LiveClientOptions } from './liveClient';
import type { Ports } from './ports';
import { readSettings, writeSettings } from './settings';

export interface LiveHost extends LiveBridge {
  close(): void;
}

export function createLiveHost(ports: Ports, options: LiveClientOptions = {}): LiveHost {
  const client: LiveClient = createLiveClient(ports, options);
  const soundListeners = new Set<(req: SoundRequest) => void>();

  const session = createAuthSession(ports, {
    renewed: (token) => client.setToken(token),
    ended: (reason) => client.setUnauthorized(reason),
  });

  function connect(user: SessionUser): void {
    client.connect({
      server: session.server as string,
      token: session.accessToken,
      channels: defaultChannels(user.role, user.id),
      onAuthRejected: (code) => {
        if (code === 'revoked') {
          void session.end('revoked').then(() => client.setUnauthorized('revoked'));
          return;
        }
        // The token was refused or ran out: renew it, then try again; give up if renewal is refused.
        void session.renew().then((ok) => {
          if (ok) client.retryNow();
        });
      },
    });
  }

  // A refresh token kept from an earlier run signs the user back in without a password.
  const resumed = session.resume().then(
    (ok) => {
      if (ok && session.user) connect(session.user);
      return ok;
    },
    () => false,
  );

  /** Forgets the user first, so the last state the host sends already has none. */
  async function signOut(): Promise<void> {
    const done = session.logout();
    client.disconnect();
    await done;
  }

  const withUser = <T extends object>(state: T) => (session.user ? { ...state, user: session.user } : state);

  return {
    async getState() {
      await resumed;
      return withUser(client.getState());
    },
    onBatch(cb) {
      // The signed-in user belongs to the host, not the socket: add it to every state it sends.
      return client.onBatch((b) => cb(b.state ? { ...b, state: withUser(b.state) } : b));
    },
    async login(req) {
      const { server, username, password } = parseOrThrow(LoginRequest, req, 'login');
      await resumed;
      if (session.user) await signOut();
      const user = await session.login(server, username, password);
      connect(user);
      return { user };
    },
    logout: signOut,
    async act() {
      throw new LiveError('unavailable', 'Actions are not available yet');
    },
    async retryNow() {
      client.retryNow();
    },
    getSettings: () => readSettings(ports.store, ports.logger),
    setSettings: (patch) => writeSettings(ports.store, ports.logger, patch),
    onSound(cb) {
      soundListeners.add(cb);
      return () => soundListeners.delete(cb);
    },
    close() {
      session.close();
      client.close();
    },
  };
}
