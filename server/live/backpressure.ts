// Nothing is dropped from a healthy client's stream; a client that cannot keep up is told
// `slow_consumer` and cut off, and recovers through the channel log when it reconnects. Memory per
// socket stays bounded, and the others never wait for it. A catch-up chunk on its way (see
// catchUp.ts) is allowed on top of the live cap: it is bounded by its own.
import type { Logger } from '../logger';
import type { Metrics } from '../ops/metrics';
import type { LiveNamespace, LiveSocket } from './types';

/** What engine.io keeps per connection that shows a client falling behind. */
interface EngineConnection {
  writeBuffer?: { data?: unknown }[];
  /** Send callbacks of the packets in `writeBuffer`. */
  packetsFn?: unknown[];
  transport?: { socket?: { bufferedAmount?: number } };
}

/**
 * How long a cut client has to read what its transport already holds and then the notice, before
 * the connection is closed regardless (a client that reads nothing never gets it).
 */
export const NOTICE_GRACE_MS = 10_000;

/**
 * Drops the frames engine.io has not handed to the transport yet: all of them are in the channel
 * log, where the client resumes, and behind them the notice would never arrive on a slow link.
 */
function dropQueued(socket: LiveSocket): void {
  const conn = socket.conn as unknown as EngineConnection;
  if (conn.writeBuffer) conn.writeBuffer = [];
  if (conn.packetsFn) conn.packetsFn = [];
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * What waits to be sent to a socket: engine.io's queue (frames not yet handed to the transport,
 * which is where they pile up when the client stops reading) plus what the transport buffers.
 */
export function pendingOf(socket: LiveSocket): { packets: number; bytes: number } {
  const conn = socket.conn as unknown as EngineConnection;
  const queue = conn.writeBuffer ?? [];
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of queue) bytes += sizeOf(packet.data);
  return { packets: queue.length, bytes };
}

export function watchBackpressure(deps: {
  nsp: LiveNamespace;
  maxBytes: number;
  maxPackets: number;
  intervalMs?: number;
  onCut: (socket: LiveSocket, pending: { packets: number; bytes: number }) => void;
}): () => void {
  const timer = setInterval(() => {
    for (const socket of deps.nsp.sockets.values()) {
      const pending = pendingOf(socket);
      // A catch-up chunk has its own cap (`replayChunkBytes`) and is not counted against the live one;
      // once what waits is back under the live cap, the chunks sent so far have left.
      if (pending.bytes <= deps.maxBytes) socket.data.replayBytes = 0;
      const allowed = deps.maxBytes + (socket.data.replayBytes ?? 0);
      if (pending.bytes <= allowed && pending.packets <= deps.maxPackets) continue;
      deps.onCut(socket, pending);
      // The notice goes first: the backlog queued in front of it is dropped, so a client that reads
      // at all learns why right after what its transport already holds. Disconnecting leaves the
      // rooms: nothing queues behind the notice, and memory per socket stops growing.
      dropQueued(socket);
      socket.emit('session', {
        type: 'slow_consumer',
        message: 'The connection could not keep up; reconnect to catch up',
      });
      socket.disconnect(true);
      // A client that reads nothing never drains: after the grace, close the connection for good.
      const force = setTimeout(() => {
        if (socket.conn.readyState !== 'closed') socket.conn.close(true);
      }, NOTICE_GRACE_MS);
      force.unref();
    }
  }, deps.intervalMs ?? 250);
  timer.unref();
  return () => clearInterval(timer);
}

/** The gateway's watch: a cut is counted and logged with the user and what was waiting. */
export function watchSlowConsumers(deps: {
  nsp: LiveNamespace;
  maxBytes: number;
  maxPackets: number;
  logger: Logger;
  metrics: Metrics;
}): () => void {
  return watchBackpressure({
    ...deps,
    onCut: (socket, pending) => {
      deps.metrics.slowConsumers.inc();
      deps.logger.warn({ userId: socket.data.identity.userId, ...pending }, 'slow consumer cut off');
    },
  });
}

/**
 * Resolves once nothing waits in engine.io's queue of any of these sockets, or after `maxMs`: a
 * drain's last frames and its `draining` notice are handed to the transport before the close,
 * which would otherwise discard what is still queued behind a write in progress.
 */
export async function writesSettled(nsp: LiveNamespace, maxMs: number): Promise<void> {
  const end = Date.now() + maxMs;
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    let waiting = false;
    for (const socket of nsp.sockets.values()) {
      if (pendingOf(socket).packets > 0) {
        waiting = true;
        break;
      }
    }
    if (!waiting || Date.now() >= end) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
