// Nothing is dropped from a healthy client's stream; a client that cannot keep up is told
// `slow_consumer` and cut off, and recovers through the channel log when it reconnects. Memory per
// socket stays bounded, and the others never wait for it.
import type { LiveNamespace, LiveSocket } from './types';

/** What engine.io keeps per connection that shows a client falling behind. */
interface EngineConnection {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: number } };
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
      if (pending.bytes <= deps.maxBytes && pending.packets <= deps.maxPackets) continue;
      deps.onCut(socket, pending);
      // Leaving the rooms stops the queue growing; the notice goes out if the client reads at all.
      socket.emit('session', {
        type: 'slow_consumer',
        message: 'The connection could not keep up; reconnect to catch up',
      });
      socket.disconnect(true);
      // A client that reads nothing never drains: drop what is queued (it is all in the channel log,
      // where this client resumes) and close the connection for good.
      const force = setTimeout(() => {
        if (socket.conn.readyState !== 'closed') socket.conn.close(true);
      }, 1000);
      force.unref();
    }
  }, deps.intervalMs ?? 250);
  timer.unref();
  return () => clearInterval(timer);
}
