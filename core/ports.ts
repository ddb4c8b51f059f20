// Everything core needs from the world comes in through these ports; each host passes adapters.
import type { ClientInfo, ClientToServerEvents, ServerToClientEvents } from '../protocol';

export type TimerHandle = unknown;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Durable string key-value store (file store in Electron, localStorage in the browser). */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Where secrets (the refresh token) are kept; `persistent` says whether they survive a restart. */
export interface SecretStore extends KeyValueStore {
  persistent(): Promise<boolean>;
}

export interface NetworkStatus {
  online(): boolean;
  /** Calls back when the OS reports the network going up or down; returns the unsubscribe. */
  onChange(cb: (online: boolean) => void): () => void;
  /** Calls back when the machine wakes from sleep (Electron's powerMonitor); optional. */
  onResume?(cb: () => void): () => void;
}

export interface Logger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

type Handler<M, E extends keyof M> = M[E] extends (...args: infer A) => void ? (...args: A) => void : never;

/** The part of a Socket.IO client socket core uses; socket.io-client's Socket satisfies it. */
export interface LiveSocket {
  readonly connected: boolean;
  /** The connection's id while connected (named as `auth.previous` by the next handshake). */
  readonly id?: string;
  auth: { [key: string]: unknown } | ((cb: (data: object) => void) => void);
  connect(): unknown;
  disconnect(): unknown;
  on<E extends keyof ServerToClientEvents>(event: E, handler: Handler<ServerToClientEvents, E>): unknown;
  on(event: 'connect', handler: () => void): unknown;
  on(event: 'disconnect', handler: (reason: string) => void): unknown;
  on(event: 'connect_error', handler: (err: Error & { data?: unknown }) => void): unknown;
  timeout(ms: number): {
    emitWithAck<E extends keyof ClientToServerEvents>(
      event: E,
      arg: Parameters<ClientToServerEvents[E]>[0],
    ): Promise<Parameters<Extract<Parameters<ClientToServerEvents[E]>[1], (...a: never[]) => void>>[0]>;
  };
  removeAllListeners(): unknown;
  emit(event: 'presence:set', arg: { view: string }): unknown;
}

export interface HttpResponse {
  status: number;
  json(): Promise<unknown>;
}

/** The part of `fetch` core uses (login, refresh, snapshot). */
export type HttpFetch = (
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
) => Promise<HttpResponse>;

export interface SocketOptions {
  transports: string[];
  auth: { token?: string; client?: ClientInfo };
}

/** Makes a socket for the `/live` namespace of `url`, not yet connected, with no auto-reconnect. */
export type SocketFactory = (url: string, options: SocketOptions) => LiveSocket;

export interface Ports {
  socketFactory: SocketFactory;
  http: HttpFetch;
  store: KeyValueStore;
  /**
   * Where the refresh token is kept between runs (Electron: safeStorage). Absent: only in memory,
   * so a restart asks for the password again.
   */
  secrets?: KeyValueStore | SecretStore;
  clock: Clock;
  network: NetworkStatus;
  logger: Logger;
  /** A fresh random id (idempotency keys); hosts pass crypto.randomUUID or the like. */
  randomId: () => string;
  /** The OS's do-not-disturb, where the host can read it (the desktop; absent in the browser). */
  doNotDisturb?: DoNotDisturb;
  /** What this client is, told to the gateway at every handshake (the admin console shows it). */
  client?: ClientInfo;
}

/** Whether the OS asks apps to keep quiet (Focus, Focus Assist, a desktop's do-not-disturb). */
export interface DoNotDisturb {
  /** The last state read: undefined while unknown. */
  active(): boolean | undefined;
  /** Calls back when it changes; returns the unsubscribe. */
  onChange(cb: () => void): () => void;
}
