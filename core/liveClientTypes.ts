// What the client's realtime session offers its host (liveClient.ts builds it): the options, the
// parameters of a connection and the session's operations.
import type {
  ActionAck,
  ActionRequest,
  ChannelSnapshot,
  ClientState,
  Delivery,
  LiveBatch,
  Position,
} from '../protocol';
import type { BackoffPolicy } from './backoff';
import type { FrameBatcher } from './frameBatcher';

export interface LiveClientOptions {
  /** Longest time events wait before they are handed to the host (one message per period). */
  frameMs?: number;
  /**
   * How long a delivery that skips ahead is held for the missing ones to arrive (in a cluster,
   * two nodes' broadcasts may cross) before the difference counts as a gap and is resynced.
   */
  reorderMs?: number;
  backoff?: BackoffPolicy;
  /** Uniform random in [0, 1) for backoff jitter. */
  random?: () => number;
  /** How long a request waits for its acknowledgement. */
  ackTimeoutMs?: number;
  /** How many event ids are remembered to drop repeats. */
  dedupeCapacity?: number;
  /** Round-trip probes while connected (0: none, and no silence watchdog). */
  pingIntervalMs?: number;
  /**
   * Silence after which a connection is held dead and reconnected (nothing heard: no pong, no
   * delivery). Defaults to two ping intervals and a quarter.
   */
  silenceMs?: number;
  /** A batcher shared with the host, so everything reaches it in one message per frame. */
  batcher?: FrameBatcher;
}

export interface ConnectParams {
  server: string;
  token?: string;
  channels: string[];
  transports?: string[];
  /** Whose positions these are (saved with them; see `readPositions`). */
  userId?: string;
  /** Where to resume each channel from: positions saved by an earlier run (`readPositions`). */
  positions?: Record<string, Position>;
  /**
   * The gateway refused the token (`unauthorized`, `token_expired`) or ended the session
   * (`revoked`). Retries stop until the host calls `setToken` + `retryNow`, or `setUnauthorized`.
   * A callback that throws is logged, and the session goes `unauthorized` (still recoverable so).
   */
  onAuthRejected?: (code: AuthRejection) => void;
}

export type AuthRejection = 'unauthorized' | 'token_expired' | 'revoked';

export interface LiveClient {
  connect(params: ConnectParams): void;
  disconnect(): void;
  retryNow(): void;
  getState(): ClientState;
  onBatch(cb: (batch: LiveBatch) => void): () => void;
  /**
   * Every delivery handed to the host, as it is handed (for the notification policy); `catchUp`
   * when the log replayed it because it was missed while away.
   */
  onDelivery(cb: (d: Delivery, catchUp: boolean) => void): () => void;
  /** Every snapshot the client reloaded a channel from. */
  onSnapshot(cb: (s: ChannelSnapshot) => void): () => void;
  /** Connected or not, as it changes. */
  onConnectedChange(cb: (connected: boolean) => void): () => void;
  /** Sends an action on the live connection; rejects when there is none or no answer comes. */
  sendAction(req: ActionRequest, timeoutMs: number): Promise<ActionAck>;
  /** Uses a renewed access token: on the live connection at once, and for every reconnect. */
  setToken(token: string): void;
  /** Gives up until the user signs in again. */
  setUnauthorized(reason: string): void;
  /** Tells the gateway which view this device shows (presence). */
  setView(view: string): void;
  /**
   * Hands the host every channel's state again (snapshots, in the next batch): a console that
   * starts, or reloads, while the session is already live. Waits for the subscription when one is
   * on its way.
   */
  resync(): void;
  /** Disconnects and releases every listener on the host's ports. */
  close(): void;
}
