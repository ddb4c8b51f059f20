// Adaptive frame batching. A channel's deliveries that arrive together (one ingest batch) always
// share `events` frames. When the event loop lags — the gateway is busy and every frame costs an
// encode and a write per socket — a channel's deliveries of the next few ms share a frame too:
// the first delivery after a quiet spell is sent at once (a lone event is never held back), and
// what follows it within the window goes out together at the window's end, in log order.
import type { Delivery } from '../../protocol';

export interface FrameBatcherOptions {
  /** Most deliveries in one `events` frame. */
  maxFrameEvents: number;
  /** Longest a delivery waits to share a frame while the loop lags (ms); 0: never waits. */
  windowMs: number;
  /** Event-loop lag (ms) from which deliveries of the next `windowMs` share a frame. */
  lagThresholdMs: number;
  /** The event loop's current lag, ms. */
  lag: () => number;
  /** Sends one frame of a channel's deliveries (length 1: an `event` frame). */
  send: (channel: string, frame: Delivery[]) => void;
}

export interface FrameBatcher {
  /** Sends deliveries in log order, each channel's in frames of at most `maxFrameEvents`. */
  push(deliveries: Delivery[]): void;
  /** Sends whatever waits for its window's end now (before a drain closes the sockets). */
  flush(): void;
  /** Frames sent and deliveries that waited for a window, since the start. */
  stats(): { frames: number; held: number };
}

function byChannel(deliveries: Delivery[]): Map<string, Delivery[]> {
  const out = new Map<string, Delivery[]>();
  for (const d of deliveries) {
    const list = out.get(d.channel);
    if (list) list.push(d);
    else out.set(d.channel, [d]);
  }
  return out;
}

export function createFrameBatcher(opts: FrameBatcherOptions): FrameBatcher {
  /** Channels with an open window, and what waits in it. */
  const waiting = new Map<string, Delivery[]>();
  let timer: NodeJS.Timeout | undefined;
  let frames = 0;
  let held = 0;

  function sendFrames(channel: string, list: Delivery[]): void {
    for (let i = 0; i < list.length; i += opts.maxFrameEvents) {
      opts.send(channel, list.slice(i, i + opts.maxFrameEvents));
      frames++;
    }
  }

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const due = [...waiting];
    waiting.clear();
    for (const [channel, list] of due) if (list.length > 0) sendFrames(channel, list);
  }

  return {
    push(deliveries) {
      let opened = false;
      for (const [channel, list] of byChannel(deliveries)) {
        const open = waiting.get(channel);
        if (open) {
          open.push(...list);
          held += list.length;
          continue;
        }
        sendFrames(channel, list);
        // With one delivery per frame a window could only add a wait.
        if (opts.windowMs > 0 && opts.maxFrameEvents > 1 && opts.lag() >= opts.lagThresholdMs) {
          waiting.set(channel, []);
          opened = true;
        }
      }
      if (opened && !timer) {
        timer = setTimeout(flush, opts.windowMs);
        timer.unref();
      }
    },
    flush,
    stats: () => ({ frames, held }),
  };
}

/**
 * The event loop's lag, sampled every `everyMs`: how late a timer fired, decaying by half each
 * sample so one slow tick does not count for long.
 */
export function watchLoopLag(everyMs = 20): { lag: () => number; stop: () => void } {
  let lag = 0;
  let expected = performance.now() + everyMs;
  const timer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(now - expected, lag / 2);
    expected = now + everyMs;
  }, everyMs);
  timer.unref();
  return { lag: () => lag, stop: () => clearInterval(timer) };
}
