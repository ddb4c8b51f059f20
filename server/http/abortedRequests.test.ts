// Requests that end before their body does leave nothing behind: after many aborted POSTs the
// gateway still serves, and a SIGTERM drains at once and exits 0 (an aborted request used to stay
// "in flight" forever, so every drain waited its full time and exited 1). Real gateway processes.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayProcess } from '../test/gatewayProcess';
import { TEST_INGEST_TOKEN, postEvents } from '../test/gatewayProcess';
import { orderEvent } from '../test/events';
import { MODES, startInMode } from '../test/modes';

const ABORTED = process.env.LIVE_STRESS === '1' ? 20_000 : 300;
const DRAIN_SECONDS = 20;

/** Sends the head and part of the body of a POST, then drops the connection. */
function abortedPost(port: number): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(
        'POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
          `authorization: Bearer ${TEST_INGEST_TOKEN}\r\ncontent-length: 50000\r\n\r\n{"events":[`,
        () => setTimeout(() => s.destroy(), 5),
      );
    });
    s.on('close', () => resolve());
    s.on('error', () => resolve());
  });
}

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startInMode(mode, { LIVE_LIMITS: `drainSeconds=${DRAIN_SECONDS}` });
  }, 120_000);
  afterAll(async () => gw?.dispose());

  it(`${ABORTED} aborted POSTs: the gateway keeps serving and then drains at once`, async () => {
    for (let done = 0; done < ABORTED; done += 100) {
      await Promise.all(Array.from({ length: Math.min(100, ABORTED - done) }, () => abortedPost(gw.port)));
    }
    const ok = await postEvents(gw.url, orderEvent());
    expect(ok.status).toBe(202);
    const t = Date.now();
    expect(await gw.stop()).toBe(0);
    // Far below the drain's limit: nothing was left waiting.
    expect(Date.now() - t).toBeLessThan((DRAIN_SECONDS * 1000) / 2);
  }, 600_000);
});
