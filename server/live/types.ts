// Typed Socket.IO server objects of namespace `/live`.
import type { Namespace, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol';
import type { Identity } from '../auth/tokens';

export interface SocketData {
  identity: Identity;
  expiringTimer?: NodeJS.Timeout;
  expiryTimer?: NodeJS.Timeout;
  /** Rate-limit refusals in the current strike window. */
  strikes: number;
  strikeWindowStart: number;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InterServerEvents = {};

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
