// The desktop bridge: what the renderer may ask of its host, and the IPC channel map behind it.
import { z } from 'zod';
import { ActionInput } from './actions';
import { AdminAction, AdminPage, AdminView, type AdminActResult, type AdminData } from './admin';
import type { AlertCounts } from './alerts';
import { Role } from './common';
import { ProxyAuthAnswer, type DesktopBridge } from './desktop';
import type { ErrorPayload } from './errors';
import { DEFAULT_NOTIFICATION_PREFS, NotificationPrefs, silencedNow, type NotificationCommand } from './notifications';
import { ExportJobId, type ExportBridge } from './exports';
import { ExportRequest, QueryRequest, type QueryAnswer } from './queries';
import type { ChannelSnapshot } from './snapshot';
import type { SubjectTarget } from './subjects';
import type { Delivery, Position, PresenceEntry, SessionType } from './socket';

export const CONNECTION_STATES = [
  'idle',
  'connecting',
  'connected',
  'reconnecting',
  'offline',
  'unauthorized',
  'draining',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface ConnectionInfo {
  state: ConnectionState;
  /** Clock time (ms) of the last state change. */
  since: number;
  /** Reconnect attempts since the last successful connection. */
  attempt: number;
  /** When the next reconnect attempt is due, while reconnecting. */
  nextRetryAt?: number;
  /** Why the last connection ended: a server `session` type or a transport reason. */
  reason?: SessionType | string;
  server?: string;
}

export const SessionUser = z.object({ id: z.string(), name: z.string(), role: Role });
export type SessionUser = z.infer<typeof SessionUser>;

/** Connection quality as data (thresholds in core/quality.ts). */
export interface Quality {
  level: 'excellent' | 'good' | 'poor' | 'offline';
  /** Smoothed round trip of the client's pings, ms. */
  rttMs?: number;
  /** Smoothed variation between consecutive round trips, ms. */
  jitterMs?: number;
  /** Pings in a row without an answer. */
  missedPongs: number;
  /** Reconnections since sign-in. */
  reconnects: number;
  /** Per channel: when its newest event arrived (clock ms). */
  lastEventAt: Record<string, number>;
}

/** An action the gateway refused for good: kept, with the reason, until the user dismisses it. */
export interface FailedAction {
  key: string;
  action: ActionInput;
  failedAt: number;
  error: ErrorPayload;
}

export interface OutboxState {
  /** Waiting to be sent or acknowledged, oldest first. */
  pending: { key: string; action: ActionInput; createdAt: number; attempts: number }[];
  failed: FailedAction[];
}

/** What became of an action. */
export type ActionOutcome = (
  { key: string; ok: true; result: Record<string, unknown> } | { key: string; ok: false; error: ErrorPayload }
) & {
  /** The action itself, so a console that did not send it (restarted since) can say where it failed. */
  action?: ActionInput;
};

export interface ClientState {
  connection: ConnectionInfo;
  user?: SessionUser;
  /** The log position each subscribed channel is consistent with. */
  channels: Record<string, Position>;
  quality?: Quality;
  /** Whether the session survives a restart (its refresh token is in the OS keystore). */
  sessionPersistent?: boolean;
  outbox?: OutboxState;
  /**
   * This user's open and unread alerts per priority: the one count the console's header and nav
   * badge, the tray and the OS badge all show (the gateway's `GET /v1/alerts/counts` counts alike).
   */
  alerts?: AlertCounts;
  /**
   * The operating system's do-not-disturb, where the desktop can read it: while `on`, only
   * critical alerts make a sound. `unsupported`: this OS (or the browser) does not say.
   */
  doNotDisturb?: 'on' | 'off' | 'unsupported';
  /** Who else is online. */
  presence?: PresenceEntry[];
}

/**
 * One message per frame from host to renderer: new events, channels reloaded from a snapshot,
 * action outcomes, notifications, and — when it changed — the state.
 */
export interface LiveBatch {
  events: Delivery[];
  /** Channels whose state was reloaded: replace what is shown of them (events follow after). */
  snapshots?: ChannelSnapshot[];
  outcomes?: ActionOutcome[];
  notifications?: NotificationCommand[];
  state?: ClientState;
}

export const HttpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname });

export const LoginRequest = z.strictObject({
  server: HttpUrl,
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** What a gateway says of itself (`GET /v1/info`): the sign-in form shows a hint for a demo server. */
export const ServerInfo = z.object({
  version: z.string(),
  demo: z.boolean(),
  features: z.array(z.string()),
});
export type ServerInfo = z.infer<typeof ServerInfo>;

export const Settings = z.strictObject({
  language: z.enum(['tr', 'en']),
  theme: z.enum(['system', 'light', 'dark']),
  notifications: NotificationPrefs,
  sound: z.strictObject({ enabled: z.boolean(), volume: z.number().min(0).max(1) }),
  /** Desktop only: start with the OS session; closing the window keeps the app in the tray. */
  startAtLogin: z.boolean(),
  keepInTray: z.boolean(),
  /**
   * A short chime when a new order arrives (new orders never raise an alert). `auto`: by role —
   * on for warehouse staff, who pick what comes in, off for sales and admins.
   */
  newOrderChime: z.enum(['auto', 'on', 'off']),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
export const DEFAULT_SETTINGS: Settings = {
  language: 'tr',
  theme: 'system',
  notifications: DEFAULT_NOTIFICATION_PREFS,
  sound: { enabled: true, volume: 0.8 },
  startAtLogin: false,
  keepInTray: true,
  newOrderChime: 'auto',
};

/** Whether the new-order chime is on for this user (by role when `auto`). */
export function chimeOn(settings: Pick<Settings, 'newOrderChime'>, role: Role | undefined): boolean {
  return settings.newOrderChime === 'auto' ? role === 'warehouse' : settings.newOrderChime === 'on';
}

/**
 * Whether a new order arriving now plays the chime: on for the user, sounds on, the OS not in
 * do-not-disturb, the orders channel and new orders not muted, not in quiet hours. The policy plays
 * it by this rule and the settings page shows it by this rule.
 */
export function chimePlays(
  settings: Pick<Settings, 'newOrderChime' | 'sound' | 'notifications'>,
  role: Role | undefined,
  now: number,
  doNotDisturb: boolean,
): boolean {
  return (
    chimeOn(settings, role) &&
    settings.sound.enabled &&
    !doNotDisturb &&
    !silencedNow(settings.notifications, now, 'orders', 'ORDER_CREATED')
  );
}

export interface SoundRequest {
  /** `normal` is also the new-order chime. */
  sound: 'critical' | 'high' | 'normal';
  volume: number;
}

/** Exposed by the preload as `window.live`; implemented in the browser by the web host. */
export interface LiveBridge extends DesktopBridge, ExportBridge {
  getState(): Promise<ClientState>;
  onBatch(cb: (batch: LiveBatch) => void): () => void;
  login(req: LoginRequest): Promise<{ user: SessionUser }>;
  /**
   * Asks a gateway what it is, before signing in (the desktop's page may not reach other origins
   * itself). Rejects with `unavailable` when it cannot be reached or is not a MesChain Live gateway.
   */
  serverInfo(server: string): Promise<ServerInfo>;
  logout(): Promise<void>;
  act(action: ActionInput): Promise<{ key: string }>;
  retryNow(): Promise<void>;
  /**
   * Sends every channel's state again (snapshots) in a coming batch. A console calls it once when it
   * starts, so a reloaded page or a window opened on a live session is complete, not only what
   * arrives from then on.
   */
  resync(): Promise<void>;
  getSettings(): Promise<Settings>;
  setSettings(patch: SettingsPatch): Promise<Settings>;
  onSound(cb: (req: SoundRequest) => void): () => void;
  /**
   * The person closed a notification (its ×, Esc, a swipe): closing is not a snooze, so a repeat or
   * an escalation of the same alert notifies again.
   */
  notificationDismissed(id: string): Promise<void>;
  /** Removes a failed action from the list (the user has seen why). */
  dismissFailed(key: string): Promise<void>;
  /** What this device shows now, for presence (e.g. `orders`). */
  setView(view: string): Promise<void>;
  /** The desktop asks the console to show an item (a notification was clicked). */
  onFocus(cb: (req: FocusRequest) => void): () => void;
  /** One view of the admin console, read from the gateway as the signed-in admin (`page`: audit). */
  adminRead(view: AdminView, page?: AdminPage): Promise<AdminData>;
  /** An admin action (end sessions, add or change users) as the signed-in admin. */
  adminAct(action: AdminAction): Promise<AdminActResult>;
  /**
   * Runs a query over the gateway's stored orders, stock or alerts as the signed-in user (the host
   * holds the token and renews it once when it ran out). Rejects with the gateway's error.
   */
  query(req: QueryRequest): Promise<QueryAnswer>;
}

export interface FocusRequest {
  id: string;
  alertKey?: string;
  eventId?: string;
  /** The row the notification was about; absent: the alert centre at `alertKey`. */
  target?: SubjectTarget;
}

/** Request/response methods: one IPC channel each, with the schema of its arguments. */
export const IPC_INVOKE = {
  getState: { channel: 'live:get-state', args: z.tuple([]) },
  login: { channel: 'live:login', args: z.tuple([LoginRequest]) },
  serverInfo: { channel: 'live:server-info', args: z.tuple([HttpUrl]) },
  logout: { channel: 'live:logout', args: z.tuple([]) },
  act: { channel: 'live:act', args: z.tuple([ActionInput]) },
  retryNow: { channel: 'live:retry-now', args: z.tuple([]) },
  resync: { channel: 'live:resync', args: z.tuple([]) },
  getSettings: { channel: 'live:get-settings', args: z.tuple([]) },
  setSettings: { channel: 'live:set-settings', args: z.tuple([SettingsPatch]) },
  dismissFailed: { channel: 'live:dismiss-failed', args: z.tuple([z.string().min(1).max(128)]) },
  notificationDismissed: { channel: 'live:notification-dismissed', args: z.tuple([z.string().min(1).max(160)]) },
  setView: { channel: 'live:set-view', args: z.tuple([z.string().trim().min(1).max(64)]) },
  adminRead: { channel: 'live:admin-read', args: z.tuple([AdminView, AdminPage.optional()]) },
  adminAct: { channel: 'live:admin-act', args: z.tuple([AdminAction]) },
  query: { channel: 'live:query', args: z.tuple([QueryRequest]) },
  exportCsv: { channel: 'live:export-csv', args: z.tuple([ExportRequest, ExportJobId]) },
  cancelExport: { channel: 'live:cancel-export', args: z.tuple([ExportJobId]) },
  getDesktop: { channel: 'live:get-desktop', args: z.tuple([]) },
  reportProblem: { channel: 'live:report-problem', args: z.tuple([]) },
  installUpdate: { channel: 'live:install-update', args: z.tuple([]) },
  answerProxyAuth: { channel: 'live:answer-proxy-auth', args: z.tuple([ProxyAuthAnswer]) },
  print: { channel: 'live:print', args: z.tuple([]) },
} as const satisfies { [M in keyof LiveBridge]?: { channel: string; args: z.ZodTuple } };

/** Subscriptions: main sends on the channel, the preload's `on*()` listens. */
export const IPC_EVENTS = {
  onBatch: 'live:batch',
  onSound: 'live:sound',
  onFocus: 'live:focus',
  onUpdate: 'live:update',
  onProxyAuth: 'live:proxy-auth',
  onExportProgress: 'live:export-progress',
} as const satisfies { [M in keyof LiveBridge]?: string };

export type InvokeMethod = keyof typeof IPC_INVOKE;
export type EventMethod = keyof typeof IPC_EVENTS;
export type InvokeChannel = (typeof IPC_INVOKE)[InvokeMethod]['channel'];

/** Channel name → signature, so a renamed channel or changed argument fails to compile on both sides. */
export type IpcInvokeMap = {
  [M in InvokeMethod as (typeof IPC_INVOKE)[M]['channel']]: {
    args: Parameters<LiveBridge[M]>;
    result: Awaited<ReturnType<LiveBridge[M]>>;
  };
};
export type IpcEventMap = {
  [M in EventMethod as (typeof IPC_EVENTS)[M]]: Parameters<Parameters<LiveBridge[M]>[0]>[0];
};

/** Every method of the bridge, for the allow-list check of the preload. */
export const BRIDGE_METHODS = [...Object.keys(IPC_INVOKE), ...Object.keys(IPC_EVENTS)].sort() as (
  InvokeMethod | EventMethod
)[];
