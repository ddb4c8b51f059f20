// Staff actions, one contract for SQLite and PostgreSQL: each key applied once with its answer
// stored, refusals stored as answers, conflicts and invisible alerts refused without a trace.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultEvent } from '../../protocol';
import type { SqlDatabase } from '../db/database';
import {
  actor,
  ayse,
  mehmet,
  newKey,
  newPublishSpy,
  publishedBy,
  seeder,
  zeynep,
  type PublishSpy,
} from '../test/actions';
import { BACKENDS } from '../test/databases';
import type { TestDatabase } from '../test/databases';
import { newOrderNumber, systemEvent } from '../test/events';
import { createProjection } from '../projection/projection';
import { createActionService, type ActionService } from './actionService';

describe.each(BACKENDS.map((make) => [make().name, make] as const))('actions on %s', (_name, make) => {
  let backend: TestDatabase;
  let sql: SqlDatabase;
  let svc: ActionService;
  let publish: PublishSpy;
  let t = 1_700_000_000_000;
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

  it('keeps keys at least 30 days; the sweep removes only older ones', async () => {
    const alertKey = await orderAlert();
    const old = newKey();
    await svc.apply(ayse, { key: old, type: 'ALERTS_READ', alertKeys: [alertKey] });
    t += 31 * 86_400_000;
    const fresh = newKey();
    await svc.apply(ayse, { key: fresh, type: 'ALERTS_READ', alertKeys: [alertKey] });
    expect(await svc.sweep()).toBe(0);
    t += 5 * 86_400_000;
    expect(await svc.sweep()).toBe(1);
    expect((await actions()).map((a) => a.key)).toEqual([fresh]);
  });

  describe('read state', () => {
    it('ALERTS_READ marks alerts read for that user only, and tells their other devices', async () => {
      const first = await orderAlert();
      const second = await orderAlert();
      const ack = await svc.apply(ayse, { key: newKey(), type: 'ALERTS_READ', alertKeys: [first, second, first] });
      expect(ack).toEqual({ ok: true, result: { read: 3 } });
      const rows = await sql.db.selectFrom('alert_reads').selectAll().execute();
      expect(rows.map((r) => [r.alert_key, r.user_id]).sort()).toEqual(
        [
          [first, ayse.userId],
          [second, ayse.userId],
        ].sort(),
      );
      const [r] = published();
      expect(r!.channel).toBe(`user-${ayse.userId}`);
      expect(r!.event).toMatchObject({
        type: 'ALERTS_READ',
        payload: { alertKeys: [first, second, first], by: actor(ayse) },
      });
      // Reading again changes nothing and is not an error.
      expect(await svc.apply(ayse, { key: newKey(), type: 'ALERTS_READ', alertKeys: [first] })).toMatchObject({
        ok: true,
      });
      expect(await sql.db.selectFrom('alert_reads').selectAll().execute()).toHaveLength(2);
    });

    it('ALERTS_READ keeps nothing for keys that do not exist or the user may not see', async () => {
      await createProjection(sql.db, now).apply([{ event: systemEvent(), channel: 'system' }]);
      const mine = await orderAlert();
      const ack = await svc.apply(ayse, {
        key: newKey(),
        type: 'ALERTS_READ',
        alertKeys: ['API_ERROR:trendyol:orders', 'NOPE:trendyol:1', mine],
      });
      expect(ack).toEqual({ ok: true, result: { read: 1 } });
      const rows = await sql.db.selectFrom('alert_reads').selectAll().execute();
      expect(rows.map((r) => r.alert_key)).toEqual([mine]);
      expect(published()[0]?.event).toMatchObject({ payload: { alertKeys: [mine] } });
      // Nothing visible at all: nothing stored, nothing published.
      await svc.apply(ayse, { key: newKey(), type: 'ALERTS_READ', alertKeys: ['API_ERROR:trendyol:orders'] });
      expect(await sql.db.selectFrom('alert_reads').selectAll().execute()).toHaveLength(1);
      expect(published()).toHaveLength(1);
    });
  });

  describe('alerts', () => {
    it("ALERT_ACK acknowledges, publishes ALERT_ACKED on the alert's channel and stores the answer", async () => {
      const alertKey = await orderAlert();
      const key = newKey();
      const ack = await svc.apply(ayse, { key, type: 'ALERT_ACK', alertKey });
      expect(ack).toEqual({ ok: true, result: { alertKey, state: 'acknowledged', by: actor(ayse) } });
      expect(publish).toHaveBeenCalledTimes(1);
      const [r] = published();
      expect(r!.channel).toBe('orders');
      expect(ResultEvent.parse(r!.event)).toEqual(r!.event);
      expect(r!.event).toMatchObject({
        type: 'ALERT_ACKED',
        payload: { alertKey, by: actor(ayse), at: new Date(t).toISOString() },
      });
      expect(await sql.db.selectFrom('alerts').selectAll().executeTakeFirst()).toMatchObject({
        state: 'acknowledged',
        acked_by_id: ayse.userId,
        acked_by_name: ayse.name,
        acked_at: t,
      });
      const stored = await actions();
      expect(stored).toEqual([
        expect.objectContaining({ key, user_id: ayse.userId, type: 'ALERT_ACK', ok: 1, created_at: t }),
      ]);
      expect(JSON.parse(stored[0]!.result)).toEqual((ack as { result: unknown }).result);
    });

    it('the same key again returns the same answer and publishes nothing', async () => {
      const alertKey = await orderAlert();
      const req = { key: newKey(), type: 'ALERT_ACK', alertKey };
      const first = await svc.apply(ayse, req);
      t += 60_000;
      expect(await svc.apply(ayse, { ...req })).toEqual(first);
      expect(publish).toHaveBeenCalledTimes(1);
      expect(await actions()).toHaveLength(1);
      // A new key on an acknowledged alert: answered, but nothing new to publish.
      const other = await svc.apply(mehmet, { key: newKey(), type: 'ALERT_ACK', alertKey });
      expect(other).toEqual({
        ok: true,
        result: { alertKey, state: 'acknowledged', by: actor(ayse), already: true },
      });
      expect(publish).toHaveBeenCalledTimes(1);
    });

    it('the same key with another payload or by another user is idempotency_conflict', async () => {
      const alertKey = await orderAlert();
      const otherAlert = await orderAlert();
      const key = newKey();
      await svc.apply(ayse, { key, type: 'ALERT_ACK', alertKey });
      await expect(svc.apply(ayse, { key, type: 'ALERT_ACK', alertKey: otherAlert })).rejects.toMatchObject({
        code: 'idempotency_conflict',
      });
      await expect(svc.apply(ayse, { key, type: 'ALERT_SNOOZE', alertKey, minutes: 5 })).rejects.toMatchObject({
        code: 'idempotency_conflict',
      });
      await expect(svc.apply(mehmet, { key, type: 'ALERT_ACK', alertKey })).rejects.toMatchObject({
        code: 'idempotency_conflict',
      });
      expect(publish).toHaveBeenCalledTimes(1);
      expect(await actions()).toHaveLength(1);
      expect(await sql.db.selectFrom('alerts').select('state').where('alert_key', '=', otherAlert).execute()).toEqual([
        { state: 'open' },
      ]);
    });

    it('an unknown alert, or one the role may not read, is not_found and leaves no trace', async () => {
      await createProjection(sql.db, now).apply([{ event: systemEvent(), channel: 'system' }]);
      for (const [who, alertKey] of [
        [ayse, 'NOPE:trendyol:1'],
        [ayse, 'API_ERROR:trendyol:orders'],
        [mehmet, 'API_ERROR:trendyol:orders'],
      ] as const) {
        await expect(svc.apply(who, { key: newKey(), type: 'ALERT_ACK', alertKey })).rejects.toMatchObject({
          code: 'not_found',
        });
        await expect(
          svc.apply(who, { key: newKey(), type: 'ALERT_SNOOZE', alertKey, minutes: 10 }),
        ).rejects.toMatchObject({ code: 'not_found' });
      }
      expect(await actions()).toEqual([]);
      expect(await sql.db.selectFrom('alert_snoozes').selectAll().execute()).toEqual([]);
      expect(publish).not.toHaveBeenCalled();
      // The control: an admin may.
      const ack = await svc.apply(zeynep, { key: newKey(), type: 'ALERT_ACK', alertKey: 'API_ERROR:trendyol:orders' });
      expect(ack.ok).toBe(true);
      expect(published()[0]!.channel).toBe('system');
    });

    it('ALERT_SNOOZE stores a per-user snooze and publishes ALERT_SNOOZED on user-<id>', async () => {
      const alertKey = await orderAlert();
      const until = new Date(t + 30 * 60_000).toISOString();
      const ack = await svc.apply(ayse, { key: newKey(), type: 'ALERT_SNOOZE', alertKey, minutes: 30 });
      expect(ack).toEqual({ ok: true, result: { alertKey, until } });
      expect(published()).toEqual([
        { channel: `user-${ayse.userId}`, event: expect.objectContaining({ type: 'ALERT_SNOOZED' }) },
      ]);
      expect(published()[0]!.event.payload).toEqual({ alertKey, until, by: actor(ayse) });
      // Snoozing again moves this user's snooze; another user's is separate.
      await svc.apply(ayse, { key: newKey(), type: 'ALERT_SNOOZE', alertKey, minutes: 60 });
      await svc.apply(mehmet, { key: newKey(), type: 'ALERT_SNOOZE', alertKey, minutes: 5 });
      const snoozes = await sql.db.selectFrom('alert_snoozes').selectAll().orderBy('user_id').execute();
      expect(snoozes).toEqual([
        { alert_key: alertKey, user_id: ayse.userId, until: t + 60 * 60_000 },
        { alert_key: alertKey, user_id: mehmet.userId, until: t + 5 * 60_000 },
      ]);
      expect(await sql.db.selectFrom('alerts').select('state').executeTakeFirst()).toEqual({ state: 'open' });
    });
  });

  describe('orders', () => {
    it('ORDER_CLAIM claims; a second user is refused with the holder, and the refusal is the answer for good', async () => {
      const orderKey = await order();
      const claimed = await svc.apply(ayse, { key: newKey(), type: 'ORDER_CLAIM', orderKey });
      expect(claimed).toEqual({ ok: true, result: { orderKey, by: actor(ayse) } });
      expect(published()).toEqual([{ channel: 'orders', event: expect.objectContaining({ type: 'ORDER_CLAIMED' }) }]);
      expect(published()[0]!.event.payload).toMatchObject({ orderKey, by: actor(ayse) });

      const key = newKey();
      const refused = await svc.apply(mehmet, { key, type: 'ORDER_CLAIM', orderKey });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'already_claimed', details: { holder: actor(ayse) } },
      });
      expect(await actions()).toContainEqual(expect.objectContaining({ key, user_id: mehmet.userId, ok: 0 }));
      // Released since: a retry of the same key still gets the stored refusal.
      await svc.apply(ayse, { key: newKey(), type: 'ORDER_RELEASE', orderKey });
      expect(await svc.apply(mehmet, { key, type: 'ORDER_CLAIM', orderKey })).toEqual(refused);
      expect(await sql.db.selectFrom('claims').selectAll().execute()).toEqual([]);
      // The holder claiming again (new key) is told so, with nothing published.
      await svc.apply(ayse, { key: newKey(), type: 'ORDER_CLAIM', orderKey });
      const calls = publish.mock.calls.length;
      expect(await svc.apply(ayse, { key: newKey(), type: 'ORDER_CLAIM', orderKey })).toEqual({
        ok: true,
        result: { orderKey, by: actor(ayse), already: true },
      });
      expect(publish).toHaveBeenCalledTimes(calls);
    });

    it('ORDER_RELEASE: the holder and an admin may, another user is refused', async () => {
      const orderKey = await order();
      await svc.apply(ayse, { key: newKey(), type: 'ORDER_CLAIM', orderKey });
      expect(await svc.apply(mehmet, { key: newKey(), type: 'ORDER_RELEASE', orderKey })).toMatchObject({
        ok: false,
        error: { code: 'already_claimed', details: { holder: actor(ayse) } },
      });
      expect(await svc.apply(ayse, { key: newKey(), type: 'ORDER_RELEASE', orderKey })).toEqual({
        ok: true,
        result: { orderKey, released: true },
      });
      expect(published().at(-1)).toMatchObject({
        channel: 'orders',
        event: { type: 'ORDER_RELEASED', payload: { orderKey, by: actor(ayse) } },
      });
      await svc.apply(mehmet, { key: newKey(), type: 'ORDER_CLAIM', orderKey });
      expect(await svc.apply(zeynep, { key: newKey(), type: 'ORDER_RELEASE', orderKey })).toEqual({
        ok: true,
        result: { orderKey, released: true },
      });
      expect(published().at(-1)!.event).toMatchObject({ type: 'ORDER_RELEASED', payload: { by: actor(zeynep) } });
      expect(await sql.db.selectFrom('claims').selectAll().execute()).toEqual([]);
      const calls = publish.mock.calls.length;
      expect(await svc.apply(zeynep, { key: newKey(), type: 'ORDER_RELEASE', orderKey })).toEqual({
        ok: true,
        result: { orderKey, released: false },
      });
      expect(publish).toHaveBeenCalledTimes(calls);
    });

    it('ORDER_NOTE stores a note and publishes ORDER_NOTE_ADDED', async () => {
      const orderKey = await order();
      const ack = await svc.apply(mehmet, { key: newKey(), type: 'ORDER_NOTE', orderKey, text: '  Kargo gecikti  ' });
      expect(ack).toEqual({ ok: true, result: { orderKey, noteId: expect.any(String) } });
      const { noteId } = (ack as unknown as { result: { noteId: string } }).result;
      expect(await sql.db.selectFrom('order_notes').selectAll().execute()).toEqual([
        {
          id: noteId,
          order_key: orderKey,
          user_id: mehmet.userId,
          user_name: mehmet.name,
          text: 'Kargo gecikti',
          created_at: t,
        },
      ]);
      expect(published()).toEqual([
        {
          channel: 'orders',
          event: expect.objectContaining({
            type: 'ORDER_NOTE_ADDED',
            payload: { orderKey, noteId, text: 'Kargo gecikti', by: actor(mehmet), at: new Date(t).toISOString() },
          }),
        },
      ]);
    });

    it('an unknown order is not_found, with no row stored', async () => {
      const orderKey = `trendyol:${newOrderNumber()}`;
      for (const req of [
        { type: 'ORDER_CLAIM', orderKey },
        { type: 'ORDER_NOTE', orderKey, text: 'x' },
      ]) {
        await expect(svc.apply(ayse, { key: newKey(), ...req })).rejects.toMatchObject({ code: 'not_found' });
      }
      expect(await actions()).toEqual([]);
      expect(await sql.db.selectFrom('claims').selectAll().execute()).toEqual([]);
      expect(publish).not.toHaveBeenCalled();
    });

    it.each<[string, unknown]>([
      ['no key', { type: 'ALERT_ACK', alertKey: 'A:1' }],
      ['a short key', { key: 'abc', type: 'ALERT_ACK', alertKey: 'A:1' }],
      ['an unknown type', { key: newKey(), type: 'ALERT_DELETE', alertKey: 'A:1' }],
      ['an unknown field', { key: newKey(), type: 'ALERT_ACK', alertKey: 'A:1', force: true }],
      ['zero minutes', { key: newKey(), type: 'ALERT_SNOOZE', alertKey: 'A:1', minutes: 0 }],
      ['a bad order key', { key: newKey(), type: 'ORDER_CLAIM', orderKey: 'ebay:1' }],
      ['a blank note', { key: newKey(), type: 'ORDER_NOTE', orderKey: 'trendyol:1', text: '   ' }],
      ['not an object', 'ALERT_ACK'],
    ])('%s is validation_failed', async (_what, req) => {
      await expect(svc.apply(ayse, req)).rejects.toMatchObject({ code: 'validation_failed' });
      expect(await actions()).toEqual([]);
    });
  });
});
