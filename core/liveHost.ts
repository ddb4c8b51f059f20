// The LiveBridge implemented over core: the same object serves Electron's main process (behind
// IPC) and the browser host (directly in the page). It composes the session, the live client, the
// outbox of the signed-in user, the notification policy and the settings.
import {
  ADMIN_READS,
  AdminAction,
  AdminActResult,
  adminActRequest,
  AdminPage,
  adminReadPath,
  AdminView,
  DEFAULT_SETTINGS,
  LiveError,
  HttpUrl,
  QueryRequest,
  ExportRequest,
  ExportTicket,
  LoginRequest,
  defaultChannels,
  parseOrThrow,
  type AdminData,
  type ClientState,
  type FocusRequest,
  type DesktopBridge,
  type ExportBridge,
  type LiveBridge,
  type Position,
  type SessionUser,
  type Settings,
  type SoundRequest,
} from '../protocol';
import { z } from 'zod';
import { requestJson } from './apiClient';
import { serverInfo } from './authClient';
import { createAuthSession } from './authSession';
import { FrameBatcher } from './frameBatcher';
import { createLiveClient, type LiveClient, type LiveClientOptions } from './liveClient';
import { createNotificationCenter, type SoundLevel } from './notifications/center';
import { createOutbox, type Outbox } from './outbox';
import { loadQuery } from './queryLoader';
import type { Ports } from './ports';
import { readPositions } from './positions';
import { readSettings, writeSettings } from './settings';

/** Critical sounds are never quieter than this, whatever the volume slider says. */
export const CRITICAL_MIN_VOLUME = 0.5;

const NotificationId = z.string().min(1).max(160);

/**
 * Core hosts the session; what only a desktop can do (DesktopBridge) its host adds, and each host
 * saves exports its own way (ExportBridge) from core's download tickets.
 */
export interface LiveHost extends Omit<LiveBridge, keyof DesktopBridge | keyof ExportBridge> {
  /** The desktop shell asks the console to show an item. */
  focus(req: FocusRequest): void;
  /**
   * A download ticket for one export (`POST /v1/exports`) as the signed-in user, its `url` made
   * absolute: a plain GET of it, once, within a minute, streams the CSV.
   */
  exportTicket(req: ExportRequest): Promise<ExportTicket>;
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
  // Settings the store cannot give are no reason to stop: the defaults serve until it can.
  const settingsReady = readSettings(ports.store, ports.logger).then(
    (s) => (settings = s),
    (err: unknown) => ports.logger.error({ err: String(err) }, 'settings could not be read: using the defaults'),
  );
  let settingsWrites: Promise<unknown> = settingsReady;
  let outbox: Outbox | undefined;
  /**
   * The outbox of a sign-in still reading what is stored. A newer sign-in, or a sign-out, closes
   * it: its timers stop, and none of its user's actions goes out on the session that follows.
   */
  let loading: Outbox | undefined;
  /** Counts sign-outs: what a session awaited across one of them must not connect or act on it. */
  let signOuts = 0;
  /** Counts sign-ins: one that a newer one overtook while it was loading must not connect either. */
  let connects = 0;
  /** Why the host itself signed the user out (a sign-in it could not complete), until the next one. */
  let signedOutReason: string | undefined;

  const batcher = new FrameBatcher(ports.clock, options.frameMs ?? 16, () => state());
  const client: LiveClient = createLiveClient(ports, { ...options, batcher });

  const notifications = createNotificationCenter({
    clock: ports.clock,
    settings: () => settings,
    emit: (commands) => batcher.pushNotifications(commands),
    sound: playSound,
    countsChanged: () => batcher.markStateChanged(),
    doNotDisturb: () => ports.doNotDisturb?.active() === true,
    store: ports.store,
    logger: ports.logger,
  });
  client.onDelivery((d, catchUp) => notifications.onDelivery(d, catchUp));
  client.onSnapshot((snapshot) => notifications.onSnapshot(snapshot));
  client.onConnectedChange((connected) => outbox?.setConnected(connected));
  const stopDnd = ports.doNotDisturb?.onChange(() => batcher.markStateChanged());

  /**
   * The policy decided the sound (critical always; the rest as the settings say). Critical plays
   * with the sound switched off too, and never below an audible floor.
   */
  function playSound(level: SoundLevel): void {
    const volume = level === 'critical' ? Math.max(CRITICAL_MIN_VOLUME, settings.sound.volume) : settings.sound.volume;
    const req: SoundRequest = { sound: level, volume };
    for (const cb of soundListeners) cb(req);
  }

  const session = createAuthSession(ports, {
    renewed: (token) => client.setToken(token),
    ended: (reason) => client.setUnauthorized(reason),
  });

  function dndState(): ClientState['doNotDisturb'] {
    const active = ports.doNotDisturb?.active();
    return active === undefined ? 'unsupported' : active ? 'on' : 'off';
  }

  function state(): ClientState {
    const s = client.getState();
    return {
      ...s,
      // The client is idle then: the state says the user must sign in again, and why.
      ...(signedOutReason ? { connection: { ...s.connection, state: 'unauthorized', reason: signedOutReason } } : {}),
      ...(session.user ? { user: session.user } : {}),
      ...(outbox ? { outbox: outbox.state() } : {}),
      alerts: notifications.counts(),
      doNotDisturb: dndState(),
      sessionPersistent,
    };
  }

  /**
   * Connects the signed-in user, unless they signed out or another sign-in started before it was
   * done. When it cannot be done (their outbox cannot be read), signs them out, the state saying
   * why, and rejects with a typed error: a session that cannot keep its actions takes none.
   */
  async function connect(user: SessionUser): Promise<'connected' | 'signed_out' | 'superseded'> {
    const signOutsBefore = signOuts;
    const signedOut = () => signOuts !== signOutsBefore;
    const attempt = ++connects;
    const superseded = () => connects !== attempt;
    const ended = () => signedOut() || superseded();
    outbox?.close();
    outbox = undefined;
    loading?.close();
    loading = undefined;
    let next: Outbox | undefined;
    try {
      notifications.setUser({ id: user.id, role: user.role });
      next = createOutbox(
        ports,
        {
          send: (req, timeoutMs) => client.sendAction(req, timeoutMs),
          onChange: () => batcher.markStateChanged(),
          onOutcome: (outcome) => batcher.pushOutcome(outcome),
        },
        { storeKey: `outbox-${user.id}` },
      );
      loading = next;
      // Not the host's outbox before it holds what is stored: an action added meanwhile would be
      // written over the stored ones.
      await next.load();
      const positions = await readPositions(ports.store, session.server as string, user.id);
      // Signed out, or another sign-in started, meanwhile: nothing is left to connect.
      if (ended()) {
        next.close();
        return signedOut() ? 'signed_out' : 'superseded';
      }
      loading = undefined;
      outbox = next;
      signedOutReason = undefined;
      startClient(user, positions, ended);
      return 'connected';
    } catch (err) {
      next?.close();
      if (loading === next) loading = undefined;
      if (signedOut()) return 'signed_out';
      if (superseded()) return 'superseded';
      const failure =
        err instanceof LiveError ? err : new LiveError('internal', 'The sign-in could not be completed on this device');
      const reason = typeof failure.details?.reason === 'string' ? failure.details.reason : failure.code;
      ports.logger.error(
        { code: failure.code, reason, userId: user.id, err: String(err) },
        'sign-in not completed: signed out',
      );
      await signOut(reason);
      throw failure;
    }
  }

  /** The live connection of the signed-in user; `ended` tells when their session has ended. */
  function startClient(user: SessionUser, positions: Record<string, Position>, ended: () => boolean): void {
    client.connect({
      server: session.server as string,
      token: session.accessToken,
      userId: user.id,
      channels: defaultChannels(user.role, user.id),
      positions,
      onAuthRejected: (code) => {
        if (code === 'revoked') {
          // By the time it is forgotten, the user may have signed out and someone else in.
          void session.end('revoked').then(() => {
            if (!ended()) client.setUnauthorized('revoked');
          });
          return;
        }
        // The token was refused or ran out: renew it, then try again; give up if renewal is refused.
        void session.renew().then((ok) => {
          if (ok) client.retryNow();
        });
      },
    });
  }

  // A refresh token kept from an earlier run signs the user back in without a password. It never
  // rejects: a resume that fails leaves the user signed out (the state says why), the host usable.
  const resumed: Promise<void> = settingsReady
    .then(async () => {
      const ok = await session.resume().catch(() => false);
      if (ok && session.user) await connect(session.user);
    })
    .catch((err: unknown) => ports.logger.warn({ err: String(err) }, 'session not resumed'));

  /**
   * Forgets the user first, so the last state the host sends already has none; `reason` when the
   * host itself ends the session (the state says it until the next sign-in).
   */
  async function signOut(reason?: string): Promise<void> {
    signOuts++;
    signedOutReason = reason;
    const done = session.logout();
    outbox?.close();
    outbox = undefined;
    loading?.close();
    loading = undefined;
    notifications.reset();
    notifications.setUser(undefined);
    client.disconnect();
    await done;
  }

  /** Runs a request with the user's token; a token that ran out since is renewed once. */
  async function asUser<T>(request: (server: string, token: string | undefined) => Promise<T>): Promise<T> {
    await resumed;
    if (!session.user || !session.server) throw new LiveError('unauthorized', 'Sign in first');
    const server = session.server;
    try {
      return await request(server, session.accessToken);
    } catch (err) {
      if (!(err instanceof LiveError) || (err.code !== 'token_expired' && err.code !== 'unauthorized')) throw err;
      if (!(await session.renew())) throw err;
      return request(server, session.accessToken);
    }
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
      const outcome = await connect(user);
      if (outcome === 'signed_out') throw new LiveError('unauthorized', 'Signed out before the sign-in finished');
      if (outcome === 'superseded')
        throw new LiveError('unauthorized', 'Another sign-in started before this one finished');
      return { user };
    },
    serverInfo: async (server) => serverInfo(ports.http, parseOrThrow(HttpUrl, server, 'server address')),
    logout: () => signOut(),
    async act(action) {
      return (await requireOutbox()).add(action);
    },
    async query(raw) {
      const req = parseOrThrow(QueryRequest, raw, 'query');
      return asUser((server, token) => loadQuery(ports.http, server, token, req));
    },
    async exportTicket(raw) {
      const req = parseOrThrow(ExportRequest, raw, 'export');
      return asUser(async (server, token) => {
        const what = { method: 'POST', path: '/v1/exports', body: req, what: 'export ticket' } as const;
        const ticket = await requestJson(ports.http, server, token, what, ExportTicket);
        return { ...ticket, url: `${server.replace(/\/+$/, '')}${ticket.url}` };
      });
    },
    async resync() {
      client.resync();
    },
    async retryNow() {
      client.retryNow();
      outbox?.retryNow();
    },
    async notificationDismissed(id) {
      notifications.dismissed(parseOrThrow(NotificationId, id, 'notification id'));
    },
    async dismissFailed(key) {
      await (await requireOutbox()).dismiss(key);
    },
    async setView(view) {
      client.setView(view);
    },
    async adminRead(view, page) {
      const v = parseOrThrow(AdminView, view, 'admin view');
      const p = page === undefined ? undefined : parseOrThrow(AdminPage, page, 'admin page');
      const path = adminReadPath(v, p);
      const data = await asUser((server, token) =>
        requestJson(ports.http, server, token, { path, what: `admin ${v}` }, ADMIN_READS[v].schema),
      );
      return { view: v, data } as AdminData;
    },
    async adminAct(action) {
      const a = parseOrThrow(AdminAction, action, 'admin action');
      const { path, body } = adminActRequest(a);
      return asUser((server, token) =>
        requestJson(ports.http, server, token, { method: 'POST', path, body, what: `admin ${a.kind}` }, AdminActResult),
      );
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
      loading?.close();
      notifications.close();
      stopDnd?.();
      client.close();
    },
  };
}
