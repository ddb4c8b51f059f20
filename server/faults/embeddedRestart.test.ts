// An embedded gateway restarted (the whole state in its SQLite file): today's order KPIs start from
// the orders SQL holds, not from zero.
import { afterAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, waitFor } from '../test/live';
import { acceptanceFaults, produce } from '../test/producer';

const STRESS = Boolean(process.env.LIVE_STRESS);
const RESTARTS = STRESS ? 5 : 2;
const PER_RUN = STRESS ? 40 : 8;
let gw: GatewayProcess | undefined;

afterAll(async () => {
  await gw?.dispose();
});

/** Watches the dashboard channel; `until(n)` waits for an overall `ordersToday` of at least n. */
async function watchOrdersToday(url: string) {
  const c = await connectLive(url);
  await c.subscribe({ channels: [{ channel: 'dashboard' }] });
  const latest = () =>
    c.deliveries
      .map((d: Delivery) => d.event)
      .flatMap((e) => (e.type === 'METRIC_UPDATE' && !e.payload.marketplace ? [e.payload.values.ordersToday] : []))
      .filter((v): v is number => v !== undefined)
      .at(-1);
  return {
    until: (n: number) =>
      waitFor(
        () => {
          const v = latest();
          return v !== undefined && v >= n ? v : undefined;
        },
        () => `ordersToday ≥ ${n} (last ${latest()})`,
        30_000,
      ),
    close: () => c.close(),
  };
}

describe('embedded restarts', () => {
  it("keep today's order KPIs", async () => {
    gw = await startGatewayProcess();
    let total = 0;
    for (let run = 0; run <= RESTARTS; run++) {
      if (run > 0) {
        expect(await gw.stop()).toBe(0);
        await gw.start();
      }
      const dashboard = await watchOrdersToday(gw.url);
      const events = Array.from({ length: PER_RUN }, () => orderCreated());
      const record = await produce(events, { url: gw.url, concurrency: 2 });
      expect(acceptanceFaults(events, record)).toEqual({ twice: [], lost: [] });
      total += PER_RUN;
      expect(await dashboard.until(total)).toBe(total);
      dashboard.close();
    }
  }, 180_000);
});
