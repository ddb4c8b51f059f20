// Socket.IO namespace `/live`: subscriptions with recovery from the channel log, and broadcast.
import type { Namespace, Server, Socket } from 'socket.io';
import {
  LiveError,
  NAMESPACE,
  SubscribeRequest,
  UnsubscribeRequest,
  parseOrThrow,
  type ClientToServerEvents,
  type Delivery,
  type ErrorAck,
  type ServerToClientEvents,
  type SubscribeResult,
} from '../../protocol';
import type { ChannelLog } from '../log/channelLog';
import type { Logger } from '../logger';

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

function errorAck(err: unknown, logger: Logger): ErrorAck {
  if (err instanceof LiveError) return { ok: false, error: err.toPayload() };
  logger.error({ err }, 'socket handler failed');
  return { ok: false, error: { code: 'internal', message: 'Internal error' } };
}

/** Wraps a handler so a missing ack, bad input or a thrown error never escapes the socket. */
function handle<A>(logger: Logger, run: (arg: unknown) => Promise<A>) {
  return (arg: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: A | ErrorAck) => void) : () => undefined;
    run(arg).then(reply, (err: unknown) => reply(errorAck(err, logger)));
  };
}

async function subscribeOne(
  socket: LiveSocket,
  log: ChannelLog,
  channel: string,
  since?: { epoch: string; offset: number },
): Promise<SubscribeResult> {
  // Join before reading: whatever is appended after the read arrives live, whatever before it is
  // in the read. The client merges the two by offset, so the seam has no gap and no duplicate.
  await socket.join(channel);
  if (since === undefined) {
    const head = await log.head(channel);
    return { channel, ok: true, recovered: false, epoch: head.epoch, offset: head.offset };
  }
  const read = await log.readSince(channel, since);
  return {
    channel,
    ok: true,
    recovered: read.recovered,
    epoch: read.head.epoch,
    offset: read.recovered && read.events.length > 0 ? (read.events.at(-1) as Delivery).offset : read.head.offset,
    ...(read.recovered ? { events: read.events } : {}),
  };
}

export function attachLiveNamespace(io: Server, deps: { log: ChannelLog; logger: Logger }) {
  const nsp: LiveNamespace = io.of(NAMESPACE);

  nsp.on('connection', (socket) => {
    socket.on(
      'subscribe',
      handle(deps.logger, async (raw) => {
        const req = parseOrThrow(SubscribeRequest, raw, 'subscribe request');
        const results = await Promise.all(req.channels.map((c) => subscribeOne(socket, deps.log, c.channel, c.since)));
        return { results };
      }),
    );
    socket.on(
      'unsubscribe',
      handle(deps.logger, async (raw) => {
        const req = parseOrThrow(UnsubscribeRequest, raw, 'unsubscribe request');
        await Promise.all(req.channels.map((c) => socket.leave(c)));
        return { ok: true };
      }),
    );
  });

  return {
    nsp,
    broadcast(delivery: Delivery): void {
      nsp.to(delivery.channel).emit('event', delivery);
    },
  };
}
