// Typed Socket.IO server objects of namespace `/live`.
import type { Namespace, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol';
import type { NodeView } from '../admin/liveView';
import type { Identity } from '../auth/tokens';

export interface SocketData {
  identity: Identity;
  expiringTimer?: NodeJS.Timeout;
  expiryTimer?: NodeJS.Timeout;
  /** Rate-limit refusals in the current strike window. */
  strikes: number;
  strikeWindowStart: number;
  /**
   * Bytes of catch-up chunks sent since the client last asked for one: the backpressure watch
   * allows them on top of the live cap (a chunk is bounded, and the next waits for the client).
   */
  replayBytes?: number;
}

/** Between the nodes of a cluster (through the adapter). */
interface InterServerEvents {
  /** Each node answers with its own connections and load (the admin console). */
  'admin:view': (ack: (view: NodeView) => void) => void;
}

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
