import { describe, expect, it } from 'vitest';
import type { OrderRow } from './ordersSlice';
import {
  durationParts,
  initialsOf,
  istanbulDayEnd,
  orderMatcher,
  shipByState,
  urgencyCounter,
  NO_FILTERS,
} from './orderView';

const NOW = Date.parse('2026-11-26T11:00:00.000Z'); // 14:00 in Istanbul
const MIN = 60_000;
const row = (over: Partial<OrderRow>) =>
  ({ key: 'trendyol:1', orderNumber: '1', marketplace: 'trendyol', status: 'new', ...over }) as OrderRow;

describe('orders: ship-by and filters', () => {
  it('ends the Istanbul day at 21:00 UTC', () => {
    expect(new Date(istanbulDayEnd(NOW)).toISOString()).toBe('2026-11-26T21:00:00.000Z');
    // 23:30 Istanbul is 20:30 UTC: still the same day; 00:30 Istanbul is the next one.
    expect(istanbulDayEnd(Date.parse('2026-11-26T20:30:00Z'))).toBe(Date.parse('2026-11-26T21:00:00Z'));
    expect(istanbulDayEnd(Date.parse('2026-11-26T21:30:00Z'))).toBe(Date.parse('2026-11-27T21:00:00Z'));
  });

  it('grades the deadline: late, within 4 h, today, later; none once shipped or without one', () => {
    const at = (ms: number) => new Date(NOW + ms).toISOString();
    expect(shipByState(row({ shipBy: at(-45 * MIN - 5000) }), NOW)).toEqual({ urgency: 'late', minutes: 45 });
    expect(shipByState(row({ shipBy: at(-10_000) }), NOW)).toEqual({ urgency: 'late', minutes: 1 });
    expect(shipByState(row({ shipBy: at(135 * MIN + 30_000) }), NOW)).toEqual({ urgency: 'soon', minutes: 135 });
    expect(shipByState(row({ shipBy: at(6 * 60 * MIN) }), NOW).urgency).toBe('today');
    expect(shipByState(row({ shipBy: at(11 * 60 * MIN) }), NOW).urgency).toBe('later');
    expect(shipByState(row({ status: 'shipped', shipBy: at(-MIN) }), NOW)).toEqual({ urgency: 'closed' });
    expect(shipByState(row({}), NOW)).toEqual({ urgency: 'none' });
    expect(durationParts(26 * 60 + 5)).toEqual({ d: 1, h: 2, m: 5 });
  });

  it('"due today" counts open orders due before Istanbul midnight, late ones included', () => {
    const today = orderMatcher({ ...NO_FILTERS, shipBy: 'today' }, NOW);
    expect(today(row({ shipBy: new Date(NOW - 60 * MIN).toISOString() }))).toBe(true);
    expect(today(row({ shipBy: '2026-11-26T20:59:00.000Z' }))).toBe(true);
    expect(today(row({ shipBy: '2026-11-26T21:00:00.000Z' }))).toBe(false);
    expect(today(row({ status: 'shipped', shipBy: '2026-11-26T15:00:00.000Z' }))).toBe(false);
    expect(today(row({}))).toBe(false);
  });

  it('searches order numbers in any case, Turkish letters included', () => {
    const match = orderMatcher({ ...NO_FILTERS, search: ' ı-9 ' }, NOW);
    expect(match(row({ orderNumber: 'TYI-9' }))).toBe(true);
    expect(match(row({ orderNumber: 'TY-9' }))).toBe(false);
    expect(initialsOf('ayşe yılmaz')).toBe('AY');
    expect(initialsOf('  ilker ')).toBe('İ');
  });
});

describe('orders: the header’s late and soon counts', () => {
  /** A row whose status counts how often it is read (grading a row reads it first). */
  function watched(over: Partial<OrderRow>, reads: { n: number }): OrderRow {
    const r = row(over);
    const status = r.status;
    return Object.defineProperty({ ...r }, 'status', {
      enumerable: true,
      get: () => {
        reads.n += 1;
        return status;
      },
    }) as OrderRow;
  }

  it('grades only the rows a batch changed, and every row again once the clock moves', () => {
    const reads = { n: 0 };
    const rows = [
      watched({ key: 'a', shipBy: new Date(NOW - 5 * MIN).toISOString() }, reads),
      watched({ key: 'b', shipBy: new Date(NOW + 60 * MIN).toISOString() }, reads),
      watched({ key: 'c', shipBy: new Date(NOW + 30 * 60 * MIN).toISOString() }, reads),
    ];
    const count = urgencyCounter();
    expect(count(rows, NOW)).toEqual({ late: 1, soon: 1 });
    const first = reads.n;
    expect(first).toBeGreaterThan(0);
    // A batch replaced one row: only that one is graded.
    const changed = watched({ key: 'c', shipBy: new Date(NOW + 2 * 60 * MIN).toISOString() }, reads);
    expect(count([rows[0] as OrderRow, rows[1] as OrderRow, changed], NOW)).toEqual({ late: 1, soon: 2 });
    expect(reads.n).toBe(first + first / 3);
    // The clock's tick: all again (b is late by now).
    expect(count([rows[0] as OrderRow, rows[1] as OrderRow, changed], NOW + 61 * MIN)).toEqual({ late: 2, soon: 1 });
    expect(reads.n).toBe(first + (first / 3) * 4);
  });
});
