// Routing of events to channels, channel access by role (ARCHITECTURE.md), and priority ranking.
import { describe, expect, it } from 'vitest';
import { canRead, defaultChannels, routeOf, ChannelName, SHARED_CHANNELS } from './channels';
import { maxPriority, PRIORITIES, type Priority, type Role } from './common';
import type { EventInput } from './events';
import { inventoryChange, metricUpdate, orderCreated, priceUpdate, systemAlert } from './test/fixtures';

const withChannel = (e: EventInput, channel: string): EventInput => ({ ...e, channel });

describe('routeOf', () => {
  it('sends each type to its default channel', () => {
    expect(routeOf(orderCreated())).toBe('orders');
    expect(routeOf(inventoryChange())).toBe('inventory');
    expect(routeOf(priceUpdate())).toBe('prices');
    expect(routeOf(metricUpdate())).toBe('dashboard');
    expect(routeOf(systemAlert())).toBe('system');
  });

  it('sends a per-marketplace METRIC_UPDATE to analytics', () => {
    const e = metricUpdate({ ordersToday: 3 });
    const perMarket = { ...e, payload: { ...e.payload, marketplace: 'n11' } } as EventInput;
    expect(routeOf(perMarket)).toBe('analytics');
  });

  it('keeps an overall METRIC_UPDATE on dashboard even when the envelope names a marketplace', () => {
    expect(routeOf({ ...metricUpdate(), marketplace: 'trendyol' })).toBe('dashboard');
  });

  it('honours a named channel allowed for the type', () => {
    expect(routeOf(withChannel(systemAlert(), 'global'))).toBe('global');
    expect(routeOf(withChannel(systemAlert(), 'system'))).toBe('system');
    expect(routeOf(withChannel(orderCreated(), 'global'))).toBe('global');
    expect(routeOf(withChannel(metricUpdate(), 'analytics'))).toBe('analytics');
  });

  it('returns undefined for a named channel not allowed for the type', () => {
    expect(routeOf(withChannel(orderCreated(), 'prices'))).toBeUndefined();
    expect(routeOf(withChannel(metricUpdate(), 'global'))).toBeUndefined();
    expect(routeOf(withChannel(systemAlert(), 'orders'))).toBeUndefined();
    expect(routeOf(withChannel(priceUpdate(), 'user-ayse'))).toBeUndefined();
    expect(routeOf(withChannel(inventoryChange(), 'nowhere'))).toBeUndefined();
  });
});

describe('canRead: role × channel, as in the ARCHITECTURE.md table', () => {
  // warehouse → global, dashboard, orders, inventory, own user; sales → + prices, analytics; admin → all.
  const TABLE: Record<Role, Record<string, boolean>> = {
    warehouse: {
      global: true,
      dashboard: true,
      orders: true,
      inventory: true,
      prices: false,
      analytics: false,
      system: false,
      own: true,
      other: false,
    },
    sales: {
      global: true,
      dashboard: true,
      orders: true,
      inventory: true,
      prices: true,
      analytics: true,
      system: false,
      own: true,
      other: false,
    },
    admin: {
      global: true,
      dashboard: true,
      orders: true,
      inventory: true,
      prices: true,
      analytics: true,
      system: true,
      own: true,
      other: true,
    },
  };
  const USER = 'u42';
  const columns = [...SHARED_CHANNELS, 'own', 'other'] as const;
  const cells = (Object.keys(TABLE) as Role[]).flatMap((role) => columns.map((col) => [role, col] as const));

  it('the table covers every shared channel', () => {
    expect(cells).toHaveLength(3 * 9);
  });

  it.each(cells)('%s reading %s', (role, col) => {
    const channel = col === 'own' ? `user-${USER}` : col === 'other' ? 'user-u43' : col;
    expect(canRead(role, USER, channel)).toBe(TABLE[role][col]);
  });

  it('a user id that is a prefix of another does not open the other channel', () => {
    expect(canRead('warehouse', 'u4', 'user-u42')).toBe(false);
    expect(canRead('sales', 'u42', 'user-u4')).toBe(false);
  });

  it('unknown channels are readable by nobody', () => {
    for (const role of ['warehouse', 'sales', 'admin'] as const) {
      expect(canRead(role, USER, 'secrets')).toBe(false);
      expect(canRead(role, USER, 'Orders')).toBe(false);
    }
  });

  it('defaultChannels are exactly what the role may read, own user channel included', () => {
    for (const role of ['warehouse', 'sales', 'admin'] as const) {
      const expected = [...SHARED_CHANNELS.filter((c) => TABLE[role][c]), `user-${USER}`];
      expect(defaultChannels(role, USER).sort()).toEqual(expected.sort());
      for (const c of defaultChannels(role, USER)) expect(canRead(role, USER, c)).toBe(true);
    }
  });

  it('ChannelName accepts shared and user channels only', () => {
    expect(ChannelName.safeParse('orders').success).toBe(true);
    expect(ChannelName.safeParse('user-ayse_1').success).toBe(true);
    expect(ChannelName.safeParse('user-').success).toBe(false);
    expect(ChannelName.safeParse('user-a b').success).toBe(false);
    expect(ChannelName.safeParse('secrets').success).toBe(false);
  });
});

describe('maxPriority', () => {
  it('ranks critical > high > normal > low', () => {
    expect(PRIORITIES).toEqual(['critical', 'high', 'normal', 'low']);
  });

  it('picks the more urgent of any two, whatever the order', () => {
    const rank = (p: Priority) => PRIORITIES.indexOf(p);
    for (const a of PRIORITIES) {
      for (const b of PRIORITIES) {
        const expected = rank(a) <= rank(b) ? a : b;
        expect(maxPriority(a, b), `${a} vs ${b}`).toBe(expected);
        expect(maxPriority(b, a), `${b} vs ${a}`).toBe(expected);
      }
    }
  });

  it('examples', () => {
    expect(maxPriority('low', 'critical')).toBe('critical');
    expect(maxPriority('high', 'normal')).toBe('high');
    expect(maxPriority('normal', 'normal')).toBe('normal');
  });
});
