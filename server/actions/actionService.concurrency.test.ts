// Concurrent actions, on SQLite and PostgreSQL (two connections there stand for two gateway nodes):
// twins of one key applied once, rival claims settled by SQL with exactly one winner.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionAck } from '../../protocol';
import type { SqlDatabase } from '../db/database';
import { actor, ayse, mehmet, newKey, newPublishSpy, publishedBy, seeder, type PublishSpy } from '../test/actions';
import { BACKENDS } from '../test/databases';
import type { TestDatabase } from '../test/databases';
import { createActionService, type ActionService } from './actionService';

const ROUNDS = process.env.LIVE_STRESS ? 100 : 20;

describe.each(BACKENDS.map((make) => [make().name, make] as const))('concurrent actions on %s', (name, make) => {
  let backend: TestDatabase;
  let sql: SqlDatabase;
  let svc: ActionService;
  let publish: PublishSpy;
  const t = 1_700_000_000_000;
  const now = () => t;

  beforeEach(async () => {
    backend = make();
    sql = await backend.open();
    publish = newPublishSpy();
    svc = createActionService({ db: sql.db, now, publish });
  });
  afterEach(async () => backend.cleanup());

  const orderAlert = () => seeder(sql, now).orderAlert();
  const order = () => seeder(sql, now).order();
  const actions = () => sql.db.selectFrom('actions').selectAll().execute();
  const published = () => publishedBy(publish);

  /** One service per connection: PostgreSQL gets two, standing for two gateway nodes. */
  async function nodes(): Promise<ActionService[]> {
    if (name !== 'postgres') return [svc];
    const second = await backend.open();
    return [svc, createActionService({ db: second.db, now, publish })];
  }

  it('the same key sent 5 times at once is applied once, and every answer is the same', async () => {
    const ns = await nodes();
    const alertKey = await orderAlert();
    const orderKey = await order();
    for (const req of [
      { key: newKey(), type: 'ALERT_ACK', alertKey },
      { key: newKey(), type: 'ORDER_CLAIM', orderKey },
    ]) {
      publish.mockClear();
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) => ns[i % ns.length]!.apply(ayse, { ...req })),
      );
      expect(answers[0]!.ok).toBe(true);
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(publish).toHaveBeenCalledTimes(1);
      expect(await sql.db.selectFrom('actions').selectAll().where('key', '=', req.key).execute()).toHaveLength(1);
    }
  });

  it(`two users acknowledging an alert at once: one ALERT_ACKED (${ROUNDS} rounds)`, async () => {
    const ns = await nodes();
    for (let round = 0; round < ROUNDS; round++) {
      const alertKey = await orderAlert();
      publish.mockClear();
      const answers = await Promise.all([
        ns[0]!.apply(ayse, { key: newKey(), type: 'ALERT_ACK', alertKey }),
        ns.at(-1)!.apply(mehmet, { key: newKey(), type: 'ALERT_ACK', alertKey }),
      ]);
      const acked = published().filter((r) => r.event.type === 'ALERT_ACKED');
      expect(acked, `round ${round}: ${JSON.stringify(answers)}`).toHaveLength(1);
      const by = (acked[0]!.event.payload as { by: unknown }).by;
      for (const a of answers) expect(a).toMatchObject({ ok: true, result: { state: 'acknowledged', by } });
    }
  });

  it(`one user claiming from two devices at once gets two successes (${ROUNDS} rounds)`, async () => {
    const ns = await nodes();
    for (let round = 0; round < ROUNDS; round++) {
      const orderKey = await order();
      publish.mockClear();
      const answers = await Promise.all(
        ns
          .concat(ns)
          .slice(0, 2)
          .map((n) => n.apply(ayse, { key: newKey(), type: 'ORDER_CLAIM', orderKey })),
      );
      for (const a of answers) expect(a).toMatchObject({ ok: true, result: { orderKey, by: actor(ayse) } });
      expect(publish).toHaveBeenCalledTimes(1);
    }
  });

  it(
    `two users claiming a fresh order at once: exactly one wins (${ROUNDS} rounds)`,
    { timeout: 120_000 },
    async () => {
      const ns = await nodes();
      const wins = { [ayse.userId]: 0, [mehmet.userId]: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const orderKey = await order();
        publish.mockClear();
        const [a, b] = ns.length > 1 && round % 2 ? [ns[1]!, ns[0]!] : [ns[0]!, ns.at(-1)!];
        const answers: ActionAck[] = await Promise.all([
          a.apply(ayse, { key: newKey(), type: 'ORDER_CLAIM', orderKey }),
          b.apply(mehmet, { key: newKey(), type: 'ORDER_CLAIM', orderKey }),
        ]);
        const winners = answers.filter((x) => x.ok);
        expect(winners, `round ${round}: ${JSON.stringify(answers)}`).toHaveLength(1);
        const winner = answers[0]!.ok ? ayse : mehmet;
        const loser = answers.find((x) => !x.ok)!;
        expect(loser).toMatchObject({
          ok: false,
          error: { code: 'already_claimed', details: { holder: actor(winner) } },
        });
        expect(await sql.db.selectFrom('claims').selectAll().where('order_key', '=', orderKey).execute()).toEqual([
          expect.objectContaining({ user_id: winner.userId }),
        ]);
        expect(publish).toHaveBeenCalledTimes(1);
        wins[winner.userId]! += 1;
      }
      expect(wins[ayse.userId]! + wins[mehmet.userId]!).toBe(ROUNDS);
      expect(await actions()).toHaveLength(2 * ROUNDS);
    },
  );
});
