// Drives the demo feed at a steady rate through the ingest pipeline, like any other producer.
import type { Ingest } from '../ingest/pipeline';
import { DemoFeed } from './feed';

export interface DemoFeedRunner {
  stop(): void;
}

export function startDemoFeed(deps: {
  ingest: Pick<Ingest, 'publish'>;
  /** Events per second. */
  rate: number;
  seed: number;
  now: () => number;
  onError: (err: unknown) => void;
}): DemoFeedRunner {
  const feed = new DemoFeed(deps.seed);
  const tickMs = Math.max(20, Math.min(250, 1000 / deps.rate));
  const started = deps.now();
  let emitted = 0;
  let busy = false;

  const timer = setInterval(() => {
    if (busy) return;
    const now = deps.now();
    const due = Math.floor(((now - started) * deps.rate) / 1000);
    // After a stall, catch up by at most one second's worth: a demo, not a backlog.
    if (due - emitted > deps.rate) emitted = due - Math.ceil(deps.rate);
    const events = [];
    while (emitted + events.length < due) events.push(...feed.step(now));
    if (events.length === 0) return;
    emitted += events.length;
    busy = true;
    deps.ingest
      .publish(events)
      .catch(deps.onError)
      .finally(() => {
        busy = false;
      });
  }, tickMs);
  timer.unref();

  return { stop: () => clearInterval(timer) };
}
