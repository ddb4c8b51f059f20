// Nothing is dropped from a healthy client's stream; a client that cannot keep up is told
// `slow_consumer` and cut off, and recovers through the channel log when it reconnects. Memory per
// socket stays bounded, and the others never wait for it.
import type { LiveNamespace, LiveSocket } from './types';

/** What engine.io keeps per connection that shows a client falling behind. */
interface EngineConnection {
  writeBuffer?: unknown[];
  transport?: { socket?: { bufferedAmount?: number } };
}

export function pendingOf(socket: LiveSocket): { packets: number; bytes: number } {
  const conn = socket.conn as unknown as EngineConnection;
  return { packets: conn.writeBuffer?.length ?? 0, bytes: conn.transport?.socket?.bufferedAmount ?? 0 };
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
