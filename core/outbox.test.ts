// The durable outbox, driven through a hand-answered `send`, a fake clock and an in-memory store.
import { describe, expect, it } from 'vitest';
import { LiveError, type ActionAck, type ActionOutcome, type ActionRequest } from '../protocol';
import { BUSINESS_REFUSAL_KEEP_MS, createOutbox, type OutboxOptions } from './outbox';
import { FakeClock, MemoryStore, silentLogger } from './test/fakes';

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
};
const ack = (alertKey: string) => ({ type: 'ALERT_ACK' as const, alertKey });
const refusal = (code: string, details?: Record<string, unknown>): ActionAck =>
  ({ ok: false, error: { code, message: code, ...(details ? { details } : {}) } }) as ActionAck;

interface Sent {
  req: ActionRequest;
  timeoutMs: number;
  answer(a: ActionAck): void;
  lose(): void;
}

function harness(options: OutboxOptions = {}, store = new MemoryStore(), clock = new FakeClock()) {
  let n = 0;
  const sent: Sent[] = [];
  const outcomes: ActionOutcome[] = [];
  let changes = 0;
  const ports = { store, clock, logger: silentLogger, randomId: () => `key-${String(++n).padStart(4, '0')}` };
  const outbox = createOutbox(
    ports,
    {
      send: (req, timeoutMs) =>
        new Promise<ActionAck>((resolve, reject) => {
          sent.push({ req, timeoutMs, answer: resolve, lose: () => reject(new Error('operation has timed out')) });
        }),
      onChange: () => void changes++,
      onOutcome: (o) => void outcomes.push(o),
    },
    options,
  );
  const stored = () => JSON.parse(store.data.get(options.storeKey ?? 'outbox') ?? '{"pending":[],"failed":[]}');
  const last = () => sent.at(-1) as Sent;
  return { outbox, sent, outcomes, store, clock, stored, last, changes: () => changes };
}

describe('outbox', () => {
  it('add() writes the action, with a key from randomId, before it resolves', async () => {
    const store = new MemoryStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = Object.assign(Object.create(store) as MemoryStore, {
      set: async (k: string, v: string) => {
        await gate;
        store.data.set(k, v);
      },
    });
    const h = harness({}, slow);
    let resolved = false;
    const p = h.outbox.add(ack('LOW_STOCK:sku-1')).then((r) => ((resolved = true), r));
    await settle();
    expect(resolved).toBe(false);
    expect(store.data.size).toBe(0);
    release();
    const { key } = await p;
    expect(key).toBe('key-0001');
    expect(h.stored().pending).toEqual([
      { key: 'key-0001', action: ack('LOW_STOCK:sku-1'), createdAt: h.clock.now(), attempts: 0 },
    ]);
  });

  it('refuses an invalid action with validation_failed and stores nothing', async () => {
    const h = harness();
    const err = await h.outbox.add({ type: 'ALERT_ACK' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LiveError);
    expect((err as LiveError).code).toBe('validation_failed');
    expect(h.store.data.size).toBe(0);
    expect(h.outbox.state().pending).toEqual([]);
  });

  it('sends only when connected, one at a time, in order; an ok ack removes it and reports the outcome', async () => {
    const h = harness({ ackTimeoutMs: 4321 });
    for (const s of ['a', 'b', 'c']) await h.outbox.add(ack(`LOW_STOCK:${s}`));
    await settle();
    expect(h.sent).toHaveLength(0);
    h.outbox.setConnected(true);
    await settle();
    expect(h.sent).toHaveLength(1);
    expect(h.last().req).toEqual({ ...ack('LOW_STOCK:a'), key: 'key-0001' });
    expect(h.last().timeoutMs).toBe(4321);
    // Nothing else goes while one is unanswered, whatever nudges the outbox.
    await h.outbox.add(ack('LOW_STOCK:d'));
    h.outbox.setConnected(true);
    h.outbox.retryNow();
    await settle();
    expect(h.sent).toHaveLength(1);
    h.last().answer({ ok: true, result: { n: 1 } });
    await settle();
    expect(h.outcomes).toEqual([{ key: 'key-0001', ok: true, result: { n: 1 }, action: ack('LOW_STOCK:a') }]);
    expect(h.stored().pending.map((p: { key: string }) => p.key)).toEqual(['key-0002', 'key-0003', 'key-0004']);
    expect(h.sent.map((s) => s.req.key)).toEqual(['key-0001', 'key-0002']);
    h.last().answer({ ok: true, result: {} });
    await settle();
    h.last().answer({ ok: true, result: {} });
    await settle();
    h.last().answer({ ok: true, result: {} });
    await settle();
    expect(h.sent.map((s) => s.req.key)).toEqual(['key-0001', 'key-0002', 'key-0003', 'key-0004']);
    expect(h.outbox.state().pending).toEqual([]);
    expect(h.stored().pending).toEqual([]);
  });

  it.each(['idempotency_conflict', 'validation_failed'])(
    'a permanent refusal (%s) moves the action to failed with the reason; the next one goes on',
    async (code) => {
      const h = harness();
      await h.outbox.add(ack('LOW_STOCK:a'));
      await h.outbox.add(ack('LOW_STOCK:b'));
      h.outbox.setConnected(true);
      await settle();
      h.last().answer(refusal(code));
      await settle();
      const failed = {
        key: 'key-0001',
        action: ack('LOW_STOCK:a'),
        failedAt: h.clock.now(),
        error: { code, message: code },
      };
      expect(h.outbox.state().failed).toEqual([failed]);
      expect(h.stored().failed).toEqual([failed]);
      expect(h.outcomes).toEqual([
        { key: 'key-0001', ok: false, error: { code, message: code }, action: ack('LOW_STOCK:a') },
      ]);
      expect(h.sent.map((s) => s.req.key)).toEqual(['key-0001', 'key-0002']);
      expect(h.outbox.state().pending.map((p) => p.key)).toEqual(['key-0002']);
    },
  );

  it.each(['forbidden', 'already_claimed', 'not_found'])(
    'a business refusal (%s) is the action’s answer, with the action; kept a day for where it was made',
    async (code) => {
      const h = harness();
      await h.outbox.add(ack('LOW_STOCK:a'));
      await h.outbox.add(ack('LOW_STOCK:b'));
      h.outbox.setConnected(true);
      await settle();
      h.last().answer(refusal(code));
      await settle();
      expect(h.outcomes).toEqual([
        { key: 'key-0001', ok: false, error: { code, message: code }, action: ack('LOW_STOCK:a') },
      ]);
      expect(h.outbox.state().failed.map((f) => f.key)).toEqual(['key-0001']);
      expect(h.outbox.state().pending.map((p) => p.key)).toEqual(['key-0002']);
      // A day later it is forgotten (nobody dismisses what the connection bar does not list).
      h.clock.advance(BUSINESS_REFUSAL_KEEP_MS + 1);
      h.last().answer({ ok: true, result: {} });
      await settle();
      expect(h.outbox.state().failed).toEqual([]);
      expect(h.stored().failed).toEqual([]);
    },
  );

  it('rate_limited waits retryAfterMs, even across a reconnect, then resends the same key', async () => {
    const h = harness();
    await h.outbox.add(ack('LOW_STOCK:a'));
    h.outbox.setConnected(true);
    await settle();
    h.last().answer(refusal('rate_limited', { retryAfterMs: 7000 }));
    await settle();
    expect(h.outbox.state().failed).toEqual([]);
    h.clock.advance(3000);
    h.outbox.setConnected(false);
    h.outbox.setConnected(true);
    await settle();
    h.clock.advance(3999);
    await settle();
    expect(h.sent).toHaveLength(1);
    h.clock.advance(1);
    await settle();
    expect(h.sent.map((s) => s.req.key)).toEqual(['key-0001', 'key-0001']);
  });

  it('no answer: retries the same key after backoff doubling up to the cap; a reconnect sends at once', async () => {
    const h = harness({ retryFirstMs: 1000, retryCapMs: 5000 });
    await h.outbox.add(ack('LOW_STOCK:a'));
    h.outbox.setConnected(true);
    await settle();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      h.last().lose();
      await settle();
      const before = h.sent.length;
      let waited = 0;
      while (h.sent.length === before && waited < 60_000) {
        h.clock.advance(100);
        waited += 100;
        await settle();
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(new Set(h.sent.map((s) => s.req.key))).toEqual(new Set(['key-0001']));
    expect(h.outbox.state().pending[0]?.attempts).toBe(5);

    h.last().lose();
    await settle();
    h.outbox.setConnected(false);
    h.outbox.setConnected(true);
    await settle();
    expect(h.sent).toHaveLength(7);
    expect(h.last().req.key).toBe('key-0001');
  });

  it('after a restart, a new outbox on the same store resumes pending (same keys, in order) and keeps failed', async () => {
    const store = new MemoryStore();
    const first = harness({}, store);
    for (const s of ['a', 'b', 'c']) await first.outbox.add(ack(`LOW_STOCK:${s}`));
    first.outbox.setConnected(true);
    await settle();
    first.last().answer(refusal('validation_failed'));
    await settle();
    first.outbox.close();

    const second = harness({}, store);
    await second.outbox.load();
    expect(second.outbox.state().pending.map((p) => [p.key, p.action])).toEqual([
      ['key-0002', ack('LOW_STOCK:b')],
      ['key-0003', ack('LOW_STOCK:c')],
    ]);
    expect(second.outbox.state().failed.map((f) => [f.key, f.error.code])).toEqual([['key-0001', 'validation_failed']]);
    second.outbox.setConnected(true);
    await settle();
    second.last().answer({ ok: true, result: {} });
    await settle();
    expect(second.sent.map((s) => s.req)).toEqual([
      { ...ack('LOW_STOCK:b'), key: 'key-0002' },
      { ...ack('LOW_STOCK:c'), key: 'key-0003' },
    ]);
  });

  it('skips an unreadable stored entry and keeps the rest; an unreadable file starts empty', async () => {
    const store = new MemoryStore();
    const good = (key: string) => ({ key, action: ack(`LOW_STOCK:${key}`), createdAt: 1, attempts: 0 });
    const failed = {
      key: 'f1',
      action: ack('LOW_STOCK:f'),
      failedAt: 2,
      error: { code: 'validation_failed', message: 'no' },
    };
    const data = {
      pending: [good('p1'), { key: 'p2', action: { type: 'NUKE' }, createdAt: 1, attempts: 0 }, 'junk', good('p3')],
      failed: [failed, { key: 'f2' }],
    };
    store.data.set('outbox', JSON.stringify(data));
    const h = harness({}, store);
    await h.outbox.load();
    expect(h.outbox.state().pending.map((p) => p.key)).toEqual(['p1', 'p3']);
    expect(h.outbox.state().failed).toEqual([failed]);

    store.data.set('outbox', '{not json');
    const empty = harness({}, store);
    await empty.outbox.load();
    expect(empty.outbox.state()).toEqual({ pending: [], failed: [] });
  });

  it('a store that cannot be read: load() fails with a typed error and the stored actions are never overwritten', async () => {
    const store = new MemoryStore();
    const saved = JSON.stringify({
      pending: [{ key: 'p1', action: ack('LOW_STOCK:p1'), createdAt: 1, attempts: 0 }],
      failed: [],
    });
    store.data.set('outbox', saved);
    const unreadable = Object.assign(Object.create(store) as MemoryStore, {
      get: async () => {
        throw new Error('EIO');
      },
    });
    const h = harness({}, unreadable);
    const err = await h.outbox.load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LiveError);
    expect(err).toMatchObject({ code: 'internal', details: { reason: 'outbox_unreadable' } });
    // Used anyway, it refuses rather than write a file without what it could not read.
    await expect(h.outbox.add(ack('LOW_STOCK:a'))).rejects.toMatchObject({
      code: 'internal',
      details: { reason: 'outbox_unreadable' },
    });
    expect(store.data.get('outbox')).toBe(saved);
    h.outbox.setConnected(true);
    await settle();
    expect(h.sent).toHaveLength(0);
  });

  it('dismiss removes a failed entry and persists it', async () => {
    const h = harness();
    await h.outbox.add(ack('LOW_STOCK:a'));
    h.outbox.setConnected(true);
    await settle();
    h.last().answer(refusal('validation_failed'));
    await settle();
    expect(h.stored().failed).toHaveLength(1);
    const before = h.changes();
    await h.outbox.dismiss('key-0001');
    expect(h.outbox.state().failed).toEqual([]);
    expect(h.stored().failed).toEqual([]);
    expect(h.changes()).toBeGreaterThan(before);
  });

  it('close stops sending: no send on connect nor when a retry falls due', async () => {
    const h = harness({ retryFirstMs: 1000 });
    await h.outbox.add(ack('LOW_STOCK:a'));
    h.outbox.setConnected(true);
    await settle();
    h.last().lose();
    await settle();
    h.outbox.close();
    h.clock.advance(60_000);
    h.outbox.setConnected(false);
    h.outbox.setConnected(true);
    h.outbox.retryNow();
    await settle();
    expect(h.sent).toHaveLength(1);
    expect(h.clock.pendingDue()).toEqual([]);
  });

  it('a store write that fails once does not make every later add() fail', async () => {
    const store = new MemoryStore();
    let failNext = true;
    const flaky = Object.assign(Object.create(store) as MemoryStore, {
      set: async (k: string, v: string) => {
        if (failNext) {
          failNext = false;
          throw new Error('EBUSY');
        }
        store.data.set(k, v);
      },
    });
    const h = harness({}, flaky);
    await expect(h.outbox.add(ack('LOW_STOCK:a'))).rejects.toThrow('EBUSY');
    await expect(h.outbox.add(ack('LOW_STOCK:b'))).resolves.toEqual({ key: 'key-0002' });
  });

  it('an action whose add() rejected is not sent', async () => {
    const store = new MemoryStore();
    const broken = Object.assign(Object.create(store) as MemoryStore, {
      set: async () => {
        throw new Error('ENOSPC');
      },
    });
    const h = harness({}, broken);
    await expect(h.outbox.add(ack('LOW_STOCK:a'))).rejects.toThrow('ENOSPC');
    h.outbox.setConnected(true);
    await settle();
    expect(h.sent).toHaveLength(0);
  });
});
