import { describe, expect, it } from 'vitest';
import type { ClientState } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';
import { connectionSlice } from './connectionSlice';

const reduce = connectionSlice.reducer;

function state(over: Partial<ClientState> = {}): ClientState {
  return {
    connection: { state: 'connected', since: 1_000, attempt: 0 },
    channels: { orders: { epoch: 'e', offset: 1 } },
    quality: { rttMs: 20, jitterMs: 2, level: 'good' },
    outbox: { pending: [], failed: [] },
    alerts: { open: { critical: 1, high: 2, normal: 0, low: 0 }, unread: { critical: 1, high: 2, normal: 0, low: 0 } },
    presence: [{ userId: 'u1', name: 'Ayşe Yılmaz', view: 'orders', since: 1_000 }],
    ...over,
  } as ClientState;
}

const TWO_EACH = {
  open: { critical: 2, high: 2, normal: 0, low: 0 },
  unread: { critical: 2, high: 2, normal: 0, low: 0 },
};

describe('connection slice', () => {
  it('keeps the objects of the parts that did not change when the host sends its whole state again', () => {
    const first = reduce(undefined, batchReceived({ events: [], state: state() }));
    // Only the channel positions moved (as with every event): nothing the screens read changed.
    const second = reduce(
      first,
      batchReceived({ events: [], state: state({ channels: { orders: { epoch: 'e', offset: 9 } } as never }) }),
    );
    expect(second.info).toBe(first.info);
    expect(second.quality).toBe(first.quality);
    expect(second.outbox).toBe(first.outbox);
    expect(second.alerts).toBe(first.alerts);
    expect(second.presence).toBe(first.presence);

    // A part that changed is new, with its values; the others still keep theirs.
    const third = reduce(second, batchReceived({ events: [], state: state({ alerts: TWO_EACH }) }));
    expect(third.alerts).toEqual(TWO_EACH);
    expect(third.outbox).toBe(first.outbox);
    const fourth = reduce(
      third,
      batchReceived({
        events: [],
        state: state({ outbox: undefined, presence: undefined, alerts: structuredClone(TWO_EACH) }),
      }),
    );
    expect(fourth.outbox).toEqual({ pending: [], failed: [] });
    expect(fourth.presence).toEqual([]);
    expect(fourth.alerts).toBe(third.alerts);
  });
});
