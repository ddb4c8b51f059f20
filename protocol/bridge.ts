// The desktop bridge: what the renderer may ask of its host, and the IPC channel map behind it.
import { z } from 'zod';
import { ActionInput } from './actions';
import { Role } from './common';
import type { Delivery, Position, SessionType } from './socket';

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

export interface ClientState {
  connection: ConnectionInfo;
  user?: SessionUser;
  /** The log position each subscribed channel is consistent with. */
  channels: Record<string, Position>;
}

/** One message per frame from host to renderer: new events and, when it changed, the state. */
export interface LiveBatch {
  events: Delivery[];
  state?: ClientState;
}

export const HttpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname });

export const LoginRequest = z.strictObject({
  server: HttpUrl,
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Settings = z.strictObject({
  language: z.enum(['tr', 'en']),
  theme: z.enum(['system', 'light', 'dark']),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
export const DEFAULT_SETTINGS: Settings = { language: 'tr', theme: 'system' };

export interface SoundRequest {
  sound: 'critical' | 'high' | 'normal';
  volume: number;
}

/** Exposed by the preload as `window.live`; implemented in the browser by the web host. */
export interface LiveBridge {
  getState(): Promise<ClientState>;
  onBatch(cb: (batch: LiveBatch) => void): () => void;
  login(req: LoginRequest): Promise<{ user: SessionUser }>;
  logout(): Promise<void>;
  act(action: ActionInput): Promise<{ key: string }>;
  retryNow(): Promise<void>;
  getSettings(): Promise<Settings>;
  setSettings(patch: SettingsPatch): Promise<Settings>;
  onSound(cb: (req: SoundRequest) => void): () => void;
}

/** Request/response methods: one IPC channel each, with the schema of its arguments. */
export const IPC_INVOKE = {
  getState: { channel: 'live:get-state', args: z.tuple([]) },
  login: { channel: 'live:login', args: z.tuple([LoginRequest]) },
  logout: { channel: 'live:logout', args: z.tuple([]) },
  act: { channel: 'live:act', args: z.tuple([ActionInput]) },
  retryNow: { channel: 'live:retry-now', args: z.tuple([]) },
  getSettings: { channel: 'live:get-settings', args: z.tuple([]) },
  setSettings: { channel: 'live:set-settings', args: z.tuple([SettingsPatch]) },
} as const satisfies { [M in keyof LiveBridge]?: { channel: string; args: z.ZodTuple } };

/** Subscriptions: main sends on the channel, the preload's `on*()` listens. */
export const IPC_EVENTS = {
  onBatch: 'live:batch',
  onSound: 'live:sound',
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
