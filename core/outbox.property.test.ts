// Property: whatever the interleaving of adds, disconnects, lost acknowledgements, rate limits,
// refusals, restarts and time, a gateway that applies each key at most once (a retried key gets
// its stored answer) ends up with every action applied once, in the order added, minus the ones
// it refused for good; and the outbox ends with nothing pending.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionAck, ActionOutcome, ActionRequest } from '../protocol';
import { createOutbox, type Outbox } from './outbox';
import { FakeClock, MemoryStore, silentLogger } from './test/fakes';

const settle = async () => {
  for (let i = 0; i < 2; i++) await new Promise<void>((r) => setImmediate(r));
};

const PERMANENT = ['forbidden', 'idempotency_conflict', 'validation_failed', 'already_claimed'] as const;

type Op =
  | { t: 'add' }
  | { t: 'connect' }
  | { t: 'disconnect' }
  | { t: 'ok' }
  | { t: 'lostBefore' }
  | { t: 'lostAfter' }
  | { t: 'rateLimited'; retryAfterMs: number }
  | { t: 'refuse'; code: (typeof PERMANENT)[number] }
  | { t: 'advance'; ms: number }
  | { t: 'retryNow' }
  | { t: 'restart'; appliedBeforeCrash: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ t: 'add' as const }), weight: 4 },
  { arbitrary: fc.constant({ t: 'connect' as const }), weight: 2 },
  { arbitrary: fc.constant({ t: 'disconnect' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'ok' as const }), weight: 3 },
  { arbitrary: fc.constant({ t: 'lostBefore' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'lostAfter' as const }), weight: 1 },
  {
    arbitrary: fc.integer({ min: 0, max: 8000 }).map((retryAfterMs) => ({ t: 'rateLimited' as const, retryAfterMs })),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...PERMANENT).map((code) => ({ t: 'refuse' as const, code })), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 40_000 }).map((ms) => ({ t: 'advance' as const, ms })), weight: 2 },
  { arbitrary: fc.constant({ t: 'retryNow' as const }), weight: 1 },
  { arbitrary: fc.boolean().map((appliedBeforeCrash) => ({ t: 'restart' as const, appliedBeforeCrash })), weight: 1 },
);

interface InFlight {
  req: ActionRequest;
  resolve(a: ActionAck): void;
  reject(e: Error): void;
}

async function run(ops: Op[]) {
  const clock = new FakeClock();
  const store = new MemoryStore();
  let seq = 0;
  const ports = { store, clock, logger: silentLogger, randomId: () => `key-${String(++seq).padStart(5, '0')}` };

  // The gateway: applies each key at most once and keeps its answer.
  const answers = new Map<string, ActionAck>();
  const bodies = new Map<string, string>();
  const applied: string[] = [];
  const conflicts: string[] = [];
  const handle = (req: ActionRequest, refuse?: string): ActionAck => {
    const { key, ...body } = req;
    const prior = bodies.get(key);
    if (prior !== undefined && prior !== JSON.stringify(body)) conflicts.push(key);
    bodies.set(key, JSON.stringify(body));
    const stored = answers.get(key);
    if (stored) return stored;
    const answer: ActionAck = refuse
      ? ({ ok: false, error: { code: refuse, message: refuse } } as ActionAck)
      : { ok: true, result: { seq: applied.length } };
    if (answer.ok) applied.push(key);
    answers.set(key, answer);
    return answer;
  };

  let connected = false;
  let inflight: InFlight[] = [];
  /** Sends made while another was still unanswered (the outbox sends one at a time). */
  let overlaps = 0;
  const outcomes: ActionOutcome[] = [];
  const send = (req: ActionRequest, timeoutMs: number) =>
    new Promise<ActionAck>((resolve, reject) => {
      if (!connected) return reject(new Error('Not connected'));
      const timer = clock.setTimeout(() => {
        inflight = inflight.filter((f) => f !== entry);
        reject(new Error('operation has timed out'));
      }, timeoutMs);
      const entry: InFlight = {
        req,
        resolve: (a) => (clock.clearTimeout(timer), resolve(a)),
        reject: (e) => (clock.clearTimeout(timer), reject(e)),
      };
      if (inflight.length > 0) overlaps += 1;
      inflight.push(entry);
    });
  const make = () =>
    createOutbox(
      ports,
      { send, onChange: () => undefined, onOutcome: (o) => void outcomes.push(o) },
      { ackTimeoutMs: 10_000, retryFirstMs: 1000, retryCapMs: 30_000 },
    );
  let outbox: Outbox = make();
  await outbox.load();

  const added: string[] = [];
  const take = () => inflight.shift();
  const dropAll = () => {
    for (const f of inflight.splice(0)) f.reject(new Error('socket has been disconnected'));
  };

  for (const op of ops) {
    switch (op.t) {
      case 'add':
        added.push((await outbox.add({ type: 'ALERT_ACK', alertKey: `LOW_STOCK:sku-${added.length}` })).key);
        break;
      case 'connect':
        connected = true;
        outbox.setConnected(true);
        break;
      case 'disconnect':
        connected = false;
        dropAll();
        outbox.setConnected(false);
        break;
      case 'ok': {
        const f = take();
        f?.resolve(handle(f.req));
        break;
      }
      case 'lostBefore':
        take()?.reject(new Error('operation has timed out'));
        break;
      case 'lostAfter': {
        const f = take();
        if (f) handle(f.req);
        f?.reject(new Error('operation has timed out'));
        break;
      }
      case 'rateLimited':
        take()?.resolve({
          ok: false,
          error: { code: 'rate_limited', message: 'slow down', details: { retryAfterMs: op.retryAfterMs } },
        });
        break;
      case 'refuse': {
        const f = take();
        f?.resolve(handle(f.req, op.code));
        break;
      }
      case 'advance':
        clock.advance(op.ms);
        break;
      case 'retryNow':
        outbox.retryNow();
        break;
      case 'restart': {
        // The app dies: what was on the wire may or may not have reached the gateway.
        if (op.appliedBeforeCrash) for (const f of inflight) handle(f.req);
        connected = false;
        dropAll();
        outbox.close();
        outbox = make();
        await outbox.load();
        break;
      }
    }
    await settle();
  }

  // Back online for good; the gateway answers everything.
  connected = true;
  outbox.setConnected(true);
  for (let i = 0; i < 500 && outbox.state().pending.length > 0; i++) {
    await settle();
    const f = take();
    if (f) f.resolve(handle(f.req));
    else clock.advance(5_000);
  }
  await settle();
  return {
    overlaps,
    added,
    applied,
    answers,
    conflicts,
    outcomes,
    state: outbox.state(),
    sentKeys: [...bodies.keys()],
  };
}

describe('outbox: property', () => {
  it('any interleaving of disconnects, retries and restarts applies each action once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), async (ops) => {
        const r = await run(ops);
        expect(r.state.pending).toEqual([]);
        expect(r.conflicts).toEqual([]);
        expect(r.overlaps).toBe(0);
        // Every added action reached the gateway and got one answer.
        expect(new Set(r.sentKeys)).toEqual(new Set(r.added));
        const refused = r.added.filter((k) => r.answers.get(k)?.ok === false);
        expect(r.applied).toEqual(r.added.filter((k) => !refused.includes(k)));
        // Every refusal waits in the failed list (business ones go after a day, longer than a run).
        expect(r.state.failed.map((f) => f.key)).toEqual(refused);
        // One outcome per action, matching the gateway's answer.
        expect(r.outcomes.map((o) => o.key).sort()).toEqual([...r.added].sort());
        for (const o of r.outcomes) expect(o.ok).toBe(r.answers.get(o.key)?.ok);
      }),
      { numRuns: 300 },
    );
  });
});
