// The LiveBridge implemented over core: the same object serves Electron's main process (behind
// IPC) and the browser host (directly in the page).
import {
  LiveError,
  LoginRequest,
  SHARED_CHANNELS,
  parseOrThrow,
  type LiveBridge,
  type SessionUser,
  type SoundRequest,
} from '../protocol';
import { createLiveClient, type LiveClient, type LiveClientOptions } from './liveClient';
import type { Ports } from './ports';
import { readSettings, writeSettings } from './settings';

export interface LiveHost extends LiveBridge {
  close(): void;
}

export function createLiveHost(ports: Ports, options: LiveClientOptions = {}): LiveHost {
  const client: LiveClient = createLiveClient(ports, options);
  const soundListeners = new Set<(req: SoundRequest) => void>();
  let user: SessionUser | undefined;

  return {
    async getState() {
      return { ...client.getState(), ...(user ? { user } : {}) };
    },
    onBatch(cb) {
      // The signed-in user belongs to the host, not the socket: add it to every state it sends.
      return client.onBatch((b) => cb(b.state && user ? { ...b, state: { ...b.state, user } } : b));
    },
    async login(req) {
      const { server, username } = parseOrThrow(LoginRequest, req, 'login');
      user = { id: username, name: username, role: 'admin' };
      client.connect({ server, channels: [...SHARED_CHANNELS] });
      return { user };
    },
    async logout() {
      user = undefined;
      client.disconnect();
    },
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
    close: () => client.close(),
  };
}
