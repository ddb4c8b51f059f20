// The socket's allowance for catch-up chunks over the live slow-consumer cap: one chunk, however
// many chunked subscribes run at once (a client asking many at once and reading nothing cannot
// raise its cap).
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { createMemoryLog } from '../log/memoryLog';
import { subscribeChannels } from './catchUp';
import type { LiveSocket } from './types';

function fakeSocket() {
  const rooms = new Set<string>();
  return {
    rooms,
    data: { identity: { userId: 'u1', role: 'admin', name: 'Yönetici', expiresAt: Date.now() + 3600_000 } },
    join: async (room: string) => void rooms.add(room),
  } as unknown as LiveSocket & { data: { replayBytes?: number } };
}

describe('catch-up chunks', () => {
  it('50 chunked subscribes at once leave the socket at most one chunk over the live cap', async () => {
    const log = createMemoryLog({ epoch: 'e1', retention: 5000 });
    for (let i = 0; i < 2000; i++) {
      await log.append('orders', { ...orderCreated(), priority: 'normal', audience: ['warehouse'] } as LiveEvent);
    }
    const socket = fakeSocket();
    const caps = { events: 500, bytes: 64 * 1024 };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        subscribeChannels(
          socket,
          log,
          { channels: [{ channel: 'orders', since: { epoch: 'e1', offset: 0 } }], replayLimit: 500 },
          caps,
        ),
      ),
    );
    expect(answers.every((a) => a[0]?.ok && a[0].more === true)).toBe(true);
    expect(socket.data.replayBytes).toBeGreaterThan(0);
    expect(socket.data.replayBytes).toBeLessThanOrEqual(caps.bytes);
  });
});
