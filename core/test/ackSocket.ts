// A FakeSocket that also takes the acknowledged requests the existing fake refuses: `live:ping`
// (round-trip probes) and `action` (the outbox's sends). The test answers them by hand, or lets
// `onAction` answer actions at once; an unanswered request fails after its timeout on the fake
// clock, and every pending one fails when the connection closes, like socket.io-client.
import type { ActionAck, ActionRequest, ErrorAck } from '../../protocol';
import type { SocketOptions } from '../ports';
import { FakeSocket, type FakeClock } from './fakes';
import { fakeWorld, type FakeWorld } from './fakeWorld';

export interface PendingAck<Req, Res> {
  request: Req;
  sentAt: number;
  timeoutMs: number;
  settled: boolean;
  answer(res: Res): void;
  fail(err?: Error): void;
}

type PongAnswer = { t: number; serverTime: number } | ErrorAck;

export class AckSocket extends FakeSocket {
  readonly pings: PendingAck<{ t: number }, PongAnswer>[] = [];
  readonly actions: PendingAck<ActionRequest, ActionAck>[] = [];
  /** Answers each action at once when it returns an ack (the gateway applying it); else it waits. */
  onAction?: (req: ActionRequest) => ActionAck | undefined;

  constructor(
    url: string,
    options: SocketOptions,
    heads: Record<string, { epoch: string; offset: number }>,
    private readonly clock: FakeClock,
  ) {
    super(url, options, heads);
  }

  override timeout(ms: number) {
    const base = super.timeout(ms);
    return {
      emitWithAck: (event: string, arg: unknown): Promise<never> => {
        if (event === 'live:ping') return this.track(this.pings, arg as { t: number }, ms);
        if (event === 'action') {
          const req = arg as ActionRequest;
          const p = this.track(this.actions, req, ms);
          const now = this.onAction?.(req);
          if (now) this.actions.at(-1)?.answer(now);
          return p;
        }
        return base.emitWithAck(event, arg);
      },
    };
  }

  /** Pings not yet answered or timed out. */
  openPings(): PendingAck<{ t: number }, PongAnswer>[] {
    return this.pings.filter((p) => !p.settled);
  }

  /** Answers the oldest open ping (the server's pong). */
  pong(): void {
    const p = this.openPings()[0];
    if (!p) throw new Error('AckSocket: no open ping');
    p.answer({ t: p.request.t, serverTime: this.clock.now() });
  }

  override disconnect(): this {
    super.disconnect();
    this.failAll();
    return this;
  }

  override serverDisconnect(reason?: string): void {
    super.serverDisconnect(reason);
    this.failAll();
  }

  private failAll(): void {
    for (const p of [...this.pings, ...this.actions]) if (!p.settled) p.fail(new Error('socket has been disconnected'));
  }

  private track<Req, Res>(list: PendingAck<Req, Res>[], request: Req, timeoutMs: number): Promise<never> {
    return new Promise<never>((resolve, reject) => {
      const entry: PendingAck<Req, Res> = {
        request,
        sentAt: this.clock.now(),
        timeoutMs,
        settled: false,
        answer: (res) => {
          if (entry.settled) return;
          entry.settled = true;
          this.clock.clearTimeout(timer);
          resolve(res as never);
        },
        fail: (err) => {
          if (entry.settled) return;
          entry.settled = true;
          this.clock.clearTimeout(timer);
          reject(err ?? new Error('operation has timed out'));
        },
      };
      const timer = this.clock.setTimeout(() => entry.fail(new Error('operation has timed out')), timeoutMs);
      list.push(entry);
    });
  }
}

export interface AckWorld extends FakeWorld {
  socket(): AckSocket;
}

/** fakeWorld() whose socket factory makes AckSockets. */
export function ackWorld(options: Parameters<typeof fakeWorld>[0] = {}): AckWorld {
  const w = fakeWorld(options);
  w.ports.socketFactory = (url, opts) => {
    const s = new AckSocket(url, opts, w.auth.heads, w.clock);
    w.sockets.push(s);
    return s;
  };
  return {
    ...w,
    socket() {
      const s = w.sockets.at(-1);
      if (!(s instanceof AckSocket)) throw new Error('no AckSocket was made');
      return s;
    },
  };
}
