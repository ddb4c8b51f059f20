// The host end to end over a fake socket: notifications and the user's alert counts in the
// batches, sounds (critical even with sounds off), closing a notification, and the signed-in
// user's outbox (acknowledged actions, refusals, one outbox per user).
import { describe, expect, it } from 'vitest';
import type { ActionAck, Delivery, LiveBatch, SoundRequest } from '../protocol';
import { CRITICAL_MIN_VOLUME, createLiveHost } from './liveHost';
import type { DoNotDisturb } from './ports';
import { ackWorld, type AckSocket } from './test/ackSocket';
import { acked, alertDelivery } from './test/alertEvents';

const SERVER = 'http://127.0.0.1:8080';
const settle = async () => {
  for (let i = 0; i < 4; i++) await new Promise<void>((r) => setImmediate(r));
};
const LOW = 'LOW_STOCK:KOT-SLM-LCV-32';

async function signedIn(username = 'depo', doNotDisturb?: DoNotDisturb) {
  const w = ackWorld();
  const host = createLiveHost({ ...w.ports, ...(doNotDisturb ? { doNotDisturb } : {}) }, { random: () => 0.5 });
  const batches: LiveBatch[] = [];
  host.onBatch((b) => batches.push(b));
  const sounds: SoundRequest[] = [];
  host.onSound((r) => sounds.push(r));
  const online = async (s: AckSocket) => {
    s.serverConnect();
    s.answerWithHeads({});
    await settle();
    w.clock.advance(16);
  };
  await host.login({ server: SERVER, username, password: 'demo' });
  await online(w.socket());
  batches.length = 0;
  const offsets: Record<string, number> = {};
  /** Delivers `d` on `channel` at that channel's next offset. */
  const deliver = (channel: string, d: Delivery) => {
    offsets[channel] = (offsets[channel] ?? 0) + 1;
    w.socket().deliver({ ...d, channel, epoch: 'e1', offset: offsets[channel] });
  };
  /** The batches of the next frame. */
  const frame = () => {
    w.clock.advance(16);
    return batches.splice(0);
  };
  return { ...w, host, batches, sounds, online, deliver, frame };
}

describe('live host: notifications', () => {
  it('an alert shows in the batch with the alert counts; ALERT_ACKED by anyone clears it', async () => {
    const t = await signedIn();
    t.deliver('inventory', alertDelivery({ priority: 'high', alertKey: LOW }));
    const [b] = t.frame();
    expect(b?.events).toHaveLength(1);
    expect(b?.notifications).toEqual([
      expect.objectContaining({ op: 'show', id: LOW, priority: 'high', reach: 'os', sound: true }),
    ]);
    expect(b?.state?.alerts).toEqual({
      open: { critical: 0, high: 1, normal: 0, low: 0 },
      unread: { critical: 0, high: 1, normal: 0, low: 0 },
    });

    t.deliver('inventory', acked(LOW));
    const [c] = t.frame();
    expect(c?.notifications).toEqual([{ op: 'clear', id: LOW, reason: 'acknowledged' }]);
    expect(c?.state?.alerts?.open.high).toBe(0);
    expect((await t.host.getState()).alerts?.unread).toEqual({ critical: 0, high: 0, normal: 0, low: 0 });
  });

  it('a critical alert asks for a sound, also with sounds off (at an audible floor); high only with them on', async () => {
    const t = await signedIn();
    t.deliver(
      'global',
      alertDelivery({ priority: 'critical', alertKey: 'API_ERROR:trendyol:orders', fixture: 'systemAlert' }),
    );
    expect(t.sounds).toEqual([{ sound: 'critical', volume: 0.8 }]);
    expect(t.frame()[0]?.notifications).toEqual([expect.objectContaining({ op: 'show', sticky: true, sound: true })]);

    await t.host.setSettings({ sound: { enabled: false, volume: 0.8 } });
    t.deliver(
      'global',
      alertDelivery({ priority: 'critical', alertKey: 'API_ERROR:n11:orders', fixture: 'systemAlert' }),
    );
    expect(t.frame()[0]?.notifications).toEqual([expect.objectContaining({ op: 'show', priority: 'critical' })]);
    expect(t.sounds).toEqual([
      { sound: 'critical', volume: 0.8 },
      { sound: 'critical', volume: 0.8 },
    ]);
    t.deliver('inventory', alertDelivery({ priority: 'high', alertKey: 'LOW_STOCK:OFF' }));
    expect(t.sounds).toHaveLength(2);
    await t.host.setSettings({ sound: { enabled: false, volume: 0 } });
    t.deliver(
      'global',
      alertDelivery({ priority: 'critical', alertKey: 'API_ERROR:hb:orders', fixture: 'systemAlert' }),
    );
    expect(t.sounds.at(-1)).toEqual({ sound: 'critical', volume: CRITICAL_MIN_VOLUME });

    await t.host.setSettings({ sound: { enabled: true, volume: 0.3 } });
    t.deliver('inventory', alertDelivery({ priority: 'high', alertKey: LOW }));
    expect(t.sounds.at(-1)).toEqual({ sound: 'high', volume: 0.3 });
    const before = t.sounds.length;
    t.deliver('inventory', alertDelivery({ priority: 'normal', alertKey: 'LOW_STOCK:N' }));
    expect(t.sounds).toHaveLength(before); // a toast makes no sound
    // A new order is no alert: the warehouse hears the new-order chime, quietly.
    t.deliver('orders', alertDelivery({ priority: 'normal', fixture: 'orderCreated', alertKey: null }));
    expect(t.sounds.at(-1)).toEqual({ sound: 'normal', volume: 0.3 });
  });

  it('a closed notification: the next repeat of its alert shows again', async () => {
    const t = await signedIn();
    t.deliver('inventory', alertDelivery({ priority: 'high', alertKey: LOW }));
    t.deliver('inventory', alertDelivery({ priority: 'high', alertKey: LOW }));
    expect(t.frame()[0]?.notifications?.map((c) => c.op)).toEqual(['show', 'update']);
    await t.host.notificationDismissed(LOW);
    t.deliver('inventory', alertDelivery({ priority: 'high', alertKey: LOW }));
    expect(t.frame()[0]?.notifications).toEqual([expect.objectContaining({ op: 'show', id: LOW })]);
    await expect(t.host.notificationDismissed('')).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('the OS’s do-not-disturb: said in the state, and only critical sounds while it is on', async () => {
    let active: boolean | undefined = true;
    const listeners = new Set<() => void>();
    const t = await signedIn('depo', {
      active: () => active,
      onChange: (cb) => {
        listeners.add(cb);
        return () => listeners.delete(cb);
      },
    });
    expect((await t.host.getState()).doNotDisturb).toBe('on');
    t.deliver('inventory', alertDelivery({ priority: 'high' }));
    t.deliver('global', alertDelivery({ priority: 'critical', fixture: 'systemAlert' }));
    expect(t.sounds.map((s) => s.sound)).toEqual(['critical']);
    active = undefined;
    for (const cb of listeners) cb();
    expect(t.frame().at(-1)?.state?.doNotDisturb).toBe('unsupported');
  });
});

describe('live host: actions', () => {
  it('act() returns the key, sends the action with it, the batch carries the outcome, nothing stays pending', async () => {
    const t = await signedIn();
    const s = t.socket();
    s.onAction = (req): ActionAck => ({ ok: true, result: { alertKey: 'alertKey' in req ? req.alertKey : '' } });
    const { key } = await t.host.act({ type: 'ALERT_ACK', alertKey: LOW });
    expect(key).toMatch(/^k-/);
    await settle();
    expect(s.actions.map((a) => a.request)).toEqual([{ type: 'ALERT_ACK', alertKey: LOW, key }]);
    expect(s.actions[0]?.timeoutMs).toBe(10_000); // the outbox's ack timeout
    const outcomes = t.frame().flatMap((b) => b.outcomes ?? []);
    expect(outcomes).toEqual([
      { key, ok: true, result: { alertKey: LOW }, action: { type: 'ALERT_ACK', alertKey: LOW } },
    ]);
    expect((await t.host.getState()).outbox).toEqual({ pending: [], failed: [] });
  });

  it('a business refusal is the answer to the action, with the action, kept for where it was made', async () => {
    const t = await signedIn();
    const error = { code: 'already_claimed' as const, message: 'Claimed', details: { holder: 'Zeynep Demir' } };
    t.socket().onAction = () => ({ ok: false, error });
    const action = { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1001' } as const;
    const { key } = await t.host.act(action);
    await settle();
    expect(t.frame().flatMap((b) => b.outcomes ?? [])).toEqual([{ key, ok: false, error, action }]);
    expect((await t.host.getState()).outbox?.failed).toEqual([expect.objectContaining({ key, action, error })]);
  });

  it('a permanent refusal shows in outbox.failed with the reason, and dismissFailed removes it', async () => {
    const t = await signedIn();
    const error = { code: 'validation_failed' as const, message: 'Bad', details: {} };
    t.socket().onAction = () => ({ ok: false, error });
    const { key } = await t.host.act({ type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1001' });
    await settle();
    expect(t.frame().flatMap((b) => b.outcomes ?? [])).toEqual([
      { key, ok: false, error, action: { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1001' } },
    ]);
    const failed = (await t.host.getState()).outbox?.failed;
    expect(failed).toEqual([
      expect.objectContaining({ key, error, action: { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1001' } }),
    ]);
    await t.host.dismissFailed(key);
    expect((await t.host.getState()).outbox?.failed).toEqual([]);
    expect(t.frame().at(-1)?.state?.outbox?.failed).toEqual([]);
  });

  it("one outbox per user: A's queued action is not sent while B is signed in, and goes when A is back", async () => {
    const w = ackWorld();
    const host = createLiveHost(w.ports, { random: () => 0.5 });
    await host.login({ server: SERVER, username: 'depo', password: 'demo' });
    const a1 = w.socket(); // never connects: the action waits
    const { key: keyA } = await host.act({ type: 'ALERT_ACK', alertKey: LOW });
    expect((await host.getState()).outbox?.pending.map((p) => p.key)).toEqual([keyA]);

    await host.login({ server: SERVER, username: 'yonetici', password: 'demo' });
    const b = w.socket();
    expect(b).not.toBe(a1);
    b.onAction = () => ({ ok: true, result: {} });
    b.serverConnect();
    b.answerWithHeads({});
    await settle();
    expect((await host.getState()).outbox).toEqual({ pending: [], failed: [] });
    const { key: keyB } = await host.act({ type: 'ALERT_ACK', alertKey: 'API_ERROR:n11:orders' });
    await settle();
    expect(b.actions.map((x) => x.request.key)).toEqual([keyB]);
    expect(a1.actions).toEqual([]);

    await host.login({ server: SERVER, username: 'depo', password: 'demo' });
    const a2 = w.socket();
    a2.onAction = () => ({ ok: true, result: {} });
    a2.serverConnect();
    a2.answerWithHeads({});
    await settle();
    expect(a2.actions.map((x) => x.request)).toEqual([{ type: 'ALERT_ACK', alertKey: LOW, key: keyA }]);
    expect((await host.getState()).outbox?.pending).toEqual([]);
    expect(b.actions).toHaveLength(1);
    host.close();
  });
});
