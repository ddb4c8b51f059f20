// The durable outbox of staff actions. An action gets its idempotency key when it is created and
// is on disk before `add` resolves; it is sent in order while connected, retried (same key) after
// an unanswered send with backoff, paced by the gateway's `retryAfterMs`, and moved to a failed
// list with the reason when the gateway refuses it for good. It survives restarts; a store it
// cannot read is never written over, and a stored outbox that does not all parse is copied aside
// first.
import { z } from 'zod';
import {
  ActionInput,
  BUSINESS_REFUSALS,
  ErrorPayload,
  LiveError,
  parseOrThrow,
  type ActionAck,
  type ActionOutcome,
  type ActionRequest,
  type FailedAction,
  type OutboxState,
} from '../protocol';
import { keepCorruptCopy, type CorruptCopy } from './corruptCopy';
import type { Ports, TimerHandle } from './ports';

/** `details.reason` of the error when the stored outbox cannot be read (the store failed). */
const OUTBOX_UNREADABLE = 'outbox_unreadable';

/** How long a business refusal is kept for the place where the action was made to say it. */
export const BUSINESS_REFUSAL_KEEP_MS = 24 * 3600_000;

/** Refusals that will not change on retry: the action is given up, with the reason kept. */
export const PERMANENT_REFUSALS = new Set([
  'forbidden',
  'idempotency_conflict',
  'validation_failed',
  'already_claimed',
  'not_found',
  'bad_request',
  'payload_too_large',
  'unknown_channel',
]);

const Pending = z.object({
  key: z.string(),
  action: ActionInput,
  createdAt: z.number(),
  attempts: z.number().int().min(0),
});
const Failed = z.object({ key: z.string(), action: ActionInput, failedAt: z.number(), error: ErrorPayload });
const Stored = z.object({ pending: z.array(z.unknown()), failed: z.array(z.unknown()) });

export interface OutboxOptions {
  /** Store key; one outbox per user, so actions never go out under someone else's name. */
  storeKey?: string;
  /** How long a send waits for its acknowledgement. */
  ackTimeoutMs?: number;
  /** Retry delays after unanswered sends: first, then doubling up to the cap. */
  retryFirstMs?: number;
  retryCapMs?: number;
}

export interface Outbox {
  /** Reads what a previous run left; call once before use. */
  load(): Promise<void>;
  add(action: unknown): Promise<{ key: string }>;
  setConnected(connected: boolean): void;
  /** Sends the next action now, skipping any wait. */
  retryNow(): void;
  dismiss(key: string): Promise<void>;
  state(): OutboxState;
  close(): void;
}

export function createOutbox(
  ports: Pick<Ports, 'store' | 'clock' | 'logger' | 'randomId'>,
  deps: {
    /** Sends one action; rejects when there is no answer (timeout, disconnect). */
    send: (req: ActionRequest, timeoutMs: number) => Promise<ActionAck>;
    onChange: () => void;
    onOutcome: (outcome: ActionOutcome) => void;
  },
  options: OutboxOptions = {},
): Outbox {
  const { store, clock, logger } = ports;
  const KEY = options.storeKey ?? 'outbox';
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const retryFirstMs = options.retryFirstMs ?? 1000;
  const retryCapMs = options.retryCapMs ?? 30_000;
  let pending: OutboxState['pending'] = [];
  let failed: FailedAction[] = [];
  let connected = false;
  let sending = false;
  let notBefore = 0;
  /** The wait comes from the gateway's retryAfterMs: a reconnect does not cut it short. */
  let paced = false;
  let timer: TimerHandle | undefined;
  let closed = false;
  // Writes happen one after another, each with the whole current state.
  let writes: Promise<void> = Promise.resolve();
  /** The stored actions could not be read: a write would replace them with what is in memory. */
  let unreadable: LiveError | undefined;

  /** Business refusals say where the action was made for a day, then go (nobody dismisses them). */
  function forgetAnswered(): void {
    const since = clock.now() - BUSINESS_REFUSAL_KEEP_MS;
    failed = failed.filter((f) => !BUSINESS_REFUSALS.has(f.error.code) || f.failedAt > since);
  }

  function persist(): Promise<void> {
    if (unreadable) return Promise.reject(unreadable);
    const snapshot = JSON.stringify({ pending, failed });
    // A failed write must not block every later one: each starts after the previous settled.
    const write = writes.catch(() => undefined).then(() => store.set(KEY, snapshot));
    writes = write;
    return write;
  }

  /** Refuses every later write, so what is stored stays as it is; returns the error to throw. */
  function refuseWrites(message: string): LiveError {
    unreadable = new LiveError('internal', message, { reason: OUTBOX_UNREADABLE });
    return unreadable;
  }

  /**
   * Copies a stored outbox that does not all parse aside (see `keepCorruptCopy`), so that what the
   * next write replaces is not lost; if the copy cannot be written, the original is left as it is
   * and every write is refused.
   */
  async function keepCorrupt(raw: string, what: string, fields: Record<string, unknown> = {}): Promise<void> {
    let copy: CorruptCopy;
    try {
      copy = await keepCorruptCopy(ports, KEY, raw, clock.now());
    } catch (err) {
      logger.error(
        { key: KEY, ...fields, err: String(err) },
        `${what}, and no copy could be kept: left as it is, nothing written`,
      );
      throw refuseWrites(
        'The actions saved on this device could not be read, and no copy of them could be kept. They are left as they are; try again.',
      );
    }
    logger.error(
      { key: KEY, ...fields, backupKey: copy.backupKey, existing: copy.existing },
      `${what}: kept under backupKey`,
    );
  }

  function schedule(at: number): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        void pump();
      },
      Math.max(0, at - clock.now()),
    );
  }

  async function pump(): Promise<void> {
    if (closed || sending || !connected) return;
    const next = pending[0];
    if (!next) return;
    if (clock.now() < notBefore) return schedule(notBefore);
    sending = true;
    let ack: ActionAck | undefined;
    try {
      ack = await deps.send({ ...next.action, key: next.key } as ActionRequest, ackTimeoutMs);
    } catch {
      ack = undefined;
    }
    sending = false;
    if (closed || pending[0]?.key !== next.key) return void pump();
    if (!ack || (!ack.ok && !PERMANENT_REFUSALS.has(ack.error.code))) {
      // No answer, or a passing refusal (rate limit, unavailable): the same key goes again later.
      next.attempts += 1;
      const retryAfter = ack && !ack.ok ? ack.error.details?.retryAfterMs : undefined;
      paced = typeof retryAfter === 'number';
      const wait =
        typeof retryAfter === 'number' ? retryAfter : Math.min(retryCapMs, retryFirstMs * 2 ** (next.attempts - 1));
      notBefore = clock.now() + wait;
      logger.info(
        { key: next.key, attempts: next.attempts, code: ack && !ack.ok ? ack.error.code : 'no_answer' },
        'action will be retried',
      );
      deps.onChange();
      return schedule(notBefore);
    }
    pending.shift();
    notBefore = 0;
    paced = false;
    if (ack.ok) {
      deps.onOutcome({ key: next.key, ok: true, result: ack.result, action: next.action });
    } else {
      // Kept with the reason, so a console opened later can say it where the action was made; a
      // business refusal (someone else holds the order, the alert is gone) is no connection
      // trouble and is forgotten after a day (forgetAnswered).
      failed.push({ key: next.key, action: next.action, failedAt: clock.now(), error: ack.error });
      deps.onOutcome({ key: next.key, ok: false, error: ack.error, action: next.action });
    }
    forgetAnswered();
    await persist().catch((err: unknown) =>
      logger.error({ err: String(err) }, 'outbox not saved; it will be on the next change'),
    );
    deps.onChange();
    void pump();
  }

  return {
    async load() {
      let raw: string | undefined;
      try {
        raw = await store.get(KEY);
      } catch (err) {
        logger.error({ key: KEY, err: String(err) }, 'outbox could not be read: left as it is, nothing written');
        throw refuseWrites('The actions saved on this device could not be read. They are left as they are; try again.');
      }
      if (raw === undefined) return;
      let stored: z.infer<typeof Stored>;
      try {
        stored = Stored.parse(JSON.parse(raw));
      } catch {
        // The next write replaces the corrupt text: keep it under a key of its own first.
        await keepCorrupt(raw, 'outbox file unreadable, starting empty');
        return;
      }
      // Keep every entry that still parses; report the others rather than fail them all.
      let skipped = 0;
      const keep = <T>(items: unknown[], schema: z.ZodType<T>): T[] =>
        items.flatMap((item) => {
          const r = schema.safeParse(item);
          if (!r.success) skipped++;
          return r.success ? [r.data] : [];
        });
      const kept = { pending: keep(stored.pending, Pending), failed: keep(stored.failed, Failed) };
      // The next write leaves the skipped entries out: the text they are in is copied first.
      if (skipped > 0) await keepCorrupt(raw, 'outbox entries unreadable, skipped', { skipped });
      pending = [...kept.pending, ...pending];
      failed = [...kept.failed, ...failed];
      forgetAnswered();
      deps.onChange();
      void pump();
    },

    async add(raw) {
      const action = parseOrThrow(ActionInput, raw, 'action');
      const key = ports.randomId();
      const entry = { key, action, createdAt: clock.now(), attempts: 0 };
      pending.push(entry);
      try {
        await persist();
      } catch (err) {
        // Not on disk, so not accepted: it must not go out later behind the user's back.
        pending = pending.filter((p) => p !== entry);
        throw err;
      }
      deps.onChange();
      void pump();
      return { key };
    },

    setConnected(value) {
      connected = value;
      if (!value) return;
      // Back online: what waited for lack of an answer goes now.
      if (!paced) notBefore = 0;
      void pump();
    },

    retryNow() {
      notBefore = 0;
      void pump();
    },

    async dismiss(key) {
      const before = failed.length;
      failed = failed.filter((f) => f.key !== key);
      if (failed.length === before) return;
      await persist();
      deps.onChange();
    },

    state: () => ({ pending: pending.map((p) => ({ ...p })), failed: [...failed] }),

    close() {
      closed = true;
      if (timer !== undefined) clock.clearTimeout(timer);
    },
  };
}
