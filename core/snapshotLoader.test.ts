import { describe, expect, it } from 'vitest';
import { readSnapshot } from './snapshotLoader';

const alert = (alertKey: string) => ({
  alertKey,
  channel: 'inventory',
  type: 'INVENTORY_CHANGE',
  kind: 'OUT_OF_STOCK',
  subject: alertKey.slice(13),
  priority: 'critical',
  state: 'open',
  title: 'x',
  count: 1,
  firstSeenAt: '2026-12-07T10:00:00.000Z',
  lastSeenAt: '2026-12-07T10:00:00.000Z',
  read: false,
});

describe('reading a snapshot', () => {
  it('drops and reports an unreadable item instead of refusing the whole snapshot', () => {
    const body = {
      channels: [
        {
          channel: 'inventory',
          epoch: 'e1',
          offset: 3,
          alerts: [alert('OUT_OF_STOCK:SKU-1'), alert(`OUT_OF_STOCK:${'S'.repeat(128)}`), alert('OUT_OF_STOCK:SKU-2')],
        },
      ],
      presence: [],
    };
    const read = readSnapshot(body);
    expect(read?.snapshot.channels[0]?.alerts?.map((a) => a.alertKey)).toEqual([
      'OUT_OF_STOCK:SKU-1',
      'OUT_OF_STOCK:SKU-2',
    ]);
    expect(read?.snapshot.channels[0]?.offset).toBe(3);
    expect(read?.dropped).toEqual([
      { channel: 'inventory', list: 'alerts', index: 1, issue: expect.stringContaining('alertKey') },
    ]);
  });

  it('still refuses a body that is not a snapshot at all', () => {
    expect(readSnapshot({ channels: 'nope' })).toBeUndefined();
    expect(
      readSnapshot({ channels: [{ channel: 'inventory', epoch: 'e', offset: -1 }], presence: [] }),
    ).toBeUndefined();
  });
});
