// The LiveBridge implemented over core: the same object serves Electron's main process (behind
// IPC) and the browser host (directly in the page). It composes the session, the live client, the
// outbox of the signed-in user, the notification policy and the settings.
import {
  DEFAULT_SETTINGS,
  LiveError,
  HttpUrl,
  LoginRequest,
  defaultChannels,
  parseOrThrow,
  type ClientState,
  type FocusRequest,
  type LiveBridge,
  type NotificationCommand,
  type SessionUser,
  type Settings,
  type SoundRequest,
} from '../protocol';
import { serverInfo } from './authClient';
import { createAuthSession } from './authSession';
import { FrameBatcher } from './frameBatcher';
import { createLiveClient, type LiveClient, type LiveClientOptions } from './liveClient';
import { createNotificationCenter } from './notifications/center';
import { createOutbox, type Outbox } from './outbox';
import type { Ports } from './ports';
import { readPositions } from './positions';
import { readSettings, writeSettings } from './settings';

export interface LiveHost extends LiveBridge {
  /** The desktop shell asks the console to show an item. */
  focus(req: FocusRequest): void;
  close(): void;
}

export function createLiveHost(ports: Ports, options: LiveClientOptions = {}): LiveHost {
  const soundListeners = new Set<(req: SoundRequest) => void>();
  const focusListeners = new Set<(req: FocusRequest) => void>();
  let sessionPersistent = false;
  void (ports.secrets && 'persistent' in ports.secrets ? ports.secrets.persistent() : Promise.resolve(false)).then(
    (p) => (sessionPersistent = p),
    () => undefined,
  );
  let settings: Settings = DEFAULT_SETTINGS;
  const settingsReady = readSettings(ports.store, ports.logger).then((s) => (settings = s));
  let settingsWrites: Promise<unknown> = settingsReady;
  let outbox: Outbox | undefined;
  /** Counts sign-outs: what a session awaited across one of them must not connect or act on it. */
  let signOuts = 0;

  const batcher = new FrameBatcher(ports.clock, options.frameMs ?? 16, () => state());
  const client: LiveClient = createLiveClient(ports, { ...options, batcher });

  const notifications = createNotificationCenter({
    clock: ports.clock,
    settings: () => settings,
    emit: (commands) => {
      batcher.pushNotifications(commands);
      batcher.markStateChanged(); // the unread counts moved
      playSounds(commands);
    },
  });
  client.onDelivery((d) => notifications.onDelivery(d));
  client.onSnapshot((snapshot) => notifications.onSnapshot(snapshot));
  client.onConnectedChange((connected) => outbox?.setConnected(connected));

  function playSounds(commands: NotificationCommand[]): void {
    if (!settings.sound.enabled) return;
    // One sound per batch of commands: the most urgent.
    const urgent = commands
      .filter((c) => c.op === 'show' && c.sound)
      .map((c) => (c.op === 'show' ? c.priority : 'low'))
      .sort(
        (a, b) => ['critical', 'high', 'normal', 'low'].indexOf(a) - ['critical', 'high', 'normal', 'low'].indexOf(b),
      )[0];
    if (!urgent || urgent === 'low') return;
    const req: SoundRequest = { sound: urgent, volume: settings.sound.volume };
    for (const cb of soundListeners) cb(req);
  }

  const session = createAuthSession(ports, {
    renewed: (token) => client.setToken(token),
    ended: (reason) => client.setUnauthorized(reason),
  });

  function state(): ClientState {
    const s = client.getState();
    return {
      ...s,
      ...(session.user ? { user: session.user } : {}),
      ...(outbox ? { outbox: outbox.state() } : {}),
      unread: notifications.unread(),
      sessionPersistent,
    };
  }

  /** Connects the signed-in user; false when they signed out before it was done. */
  async function connect(user: SessionUser): Promise<boolean> {
    const server = session.server as string;
    const signOutsBefore = signOuts;
    const signedOut = () => signOuts !== signOutsBefore;
    notifications.setUser(user.id);
    outbox?.close();
    outbox = createOutbox(
      ports,
      {
        send: (req, timeoutMs) => client.sendAction(req, timeoutMs),
        onChange: () => batcher.markStateChanged(),
        onOutcome: (outcome) => batcher.pushOutcome(outcome),
      },
      { storeKey: `outbox-${user.id}` },
    );
    await outbox.load();
    const positions = await readPositions(ports.store, server, user.id);
    // Signed out meanwhile (the sign-out closed this outbox): nothing is left to connect.
    if (signedOut()) return false;
    client.connect({
      server,
      token: session.accessToken,
      userId: user.id,
      channels: defaultChannels(user.role, user.id),
      positions,
      onAuthRejected: (code) => {
        if (code === 'revoked') {
          // By the time it is forgotten, the user may have signed out and someone else in.
          void session.end('revoked').then(() => {
            if (!signedOut()) client.setUnauthorized('revoked');
          });
          return;
        }
        // The token was refused or ran out: renew it, then try again; give up if renewal is refused.
        void session.renew().then((ok) => {
          if (ok) client.retryNow();
        });
      },
    });
    return true;
  }

  // A refresh token kept from an earlier run signs the user back in without a password.
  const resumed = settingsReady.then(() =>
    session.resume().then(
      async (ok) => {
        if (ok && session.user) await connect(session.user);
        return ok;
      },
      () => false,
    ),
  );

  /** Forgets the user first, so the last state the host sends already has none. */
  async function signOut(): Promise<void> {
    signOuts++;
    const done = session.logout();
    outbox?.close();
    outbox = undefined;
    notifications.reset();
    notifications.setUser(undefined);
    client.disconnect();
    await done;
  }

  async function requireOutbox(): Promise<Outbox> {
    await resumed;
    if (!outbox) throw new LiveError('unauthorized', 'Sign in first');
    return outbox;
  }

  return {
    async getState() {
      await resumed;
      return state();
    },
    onBatch: (cb) => batcher.subscribe(cb),
    async login(req) {
      const { server, username, password } = parseOrThrow(LoginRequest, req, 'login');
      await resumed;
      if (session.user) await signOut();
      const user = await session.login(server, username, password);
      if (!(await connect(user))) throw new LiveError('unauthorized', 'Signed out before the sign-in finished');
      return { user };
    },
    serverInfo: async (server) => serverInfo(ports.http, parseOrThrow(HttpUrl, server, 'server address')),
    logout: signOut,
    async act(action) {
      return (await requireOutbox()).add(action);
    },
    async resync() {
      client.resync();
    },
    async retryNow() {
      client.retryNow();
      outbox?.retryNow();
    },
    async dismissFailed(key) {
      await (await requireOutbox()).dismiss(key);
    },
    async setView(view) {
      client.setView(view);
    },
    getSettings: async () => {
      await settingsReady;
      return settings;
    },
    setSettings(patch) {
      // One change at a time: each reads what the one before wrote, so none is lost.
      const run = settingsWrites.then(async () => {
        settings = await writeSettings(ports.store, ports.logger, patch);
        return settings;
      });
      settingsWrites = run.catch(() => undefined);
      return run;
    },
    onSound(cb) {
      soundListeners.add(cb);
      return () => soundListeners.delete(cb);
    },
    onFocus(cb) {
      focusListeners.add(cb);
      return () => focusListeners.delete(cb);
    },
    focus(req) {
      for (const cb of focusListeners) cb(req);
    },
    close() {
      session.close();
      outbox?.close();
      notifications.close();
      client.close();
    },
  };
}
