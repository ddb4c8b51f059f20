// An order's notes cannot grow the orders snapshot without bound: it carries the latest
// SNAPSHOT_NOTES_PER_ORDER of them and how many there are. Notes added through the socket of a
// real gateway process, embedded and clustered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_NOTES_PER_ORDER, Snapshot, orderKeyOf } from '../../protocol';
import type { GatewayProcess } from '../test/gatewayProcess';
import { postEvents } from '../test/gatewayProcess';
import { orderEvent } from '../test/events';
import { connectLive, loginAs } from '../test/live';
import { MODES, startInMode } from '../test/modes';

const NOTES = SNAPSHOT_NOTES_PER_ORDER + 7;

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startInMode(mode);
  }, 120_000);
  afterAll(async () => gw?.dispose());

  it(`an order with ${NOTES} notes: the snapshot has the latest ${SNAPSHOT_NOTES_PER_ORDER} and the count`, async () => {
    const event = orderEvent({ orderNumber: 'TY-NOTES-1' });
    expect((await postEvents(gw.url, event)).status).toBe(202);
    const orderKey = orderKeyOf('trendyol', 'TY-NOTES-1');
    const client = await connectLive(gw.url);
    try {
      for (let i = 1; i <= NOTES; i++) {
        const ack = (await client.socket
          .timeout(15_000)
          .emitWithAck('action', { key: `note-key-${mode}-${i}`, type: 'ORDER_NOTE', orderKey, text: `not ${i}` })) as {
          ok: boolean;
        };
        expect(ack.ok).toBe(true);
      }
    } finally {
      client.close();
    }
    const { accessToken } = await loginAs(gw.url, 'depo');
    const res = await fetch(`${gw.url}/v1/snapshot?channels=orders`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const snap = Snapshot.parse(await res.json());
    const order = snap.channels[0]?.orders?.find((o) => o.orderKey === orderKey);
    expect(order?.notesTotal).toBe(NOTES);
    expect(order?.notes.map((n) => n.text)).toEqual(
      Array.from({ length: SNAPSHOT_NOTES_PER_ORDER }, (_, i) => `not ${NOTES - SNAPSHOT_NOTES_PER_ORDER + i + 1}`),
    );
  }, 60_000);
});
