import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney, formatNear, formatNumber, formatPercent, formatRelative } from './format';

describe('Turkish formats', () => {
  it('money in tr-TR with the lira sign, kuruş as decimals', () => {
    expect(formatMoney({ minor: 123_456, currency: 'TRY' }, 'tr')).toBe('₺1.234,56');
    expect(formatMoney({ minor: -123_450, currency: 'TRY' }, 'tr')).toBe('-₺1.234,50');
    expect(formatMoney({ minor: 123_456, currency: 'TRY' }, 'en')).toBe('₺1,234.56');
  });

  it('dates in Europe/Istanbul, 24 h, with dots', () => {
    expect(formatDateTime('2026-11-26T11:05:00Z', 'tr')).toBe('26.11.2026 14:05');
    // 21:30 UTC is already the next day in Istanbul.
    expect(formatDateTime('2026-11-26T21:30:00Z', 'tr')).toBe('27.11.2026 00:30');
  });

  it('English uses en-GB forms', () => {
    expect(formatDateTime('2026-11-26T11:05:00Z', 'en')).toBe('26/11/2026, 14:05');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234567, 'tr')).toBe('1.234.567');
  });
});

describe('relative times and percents', () => {
  const now = Date.parse('2026-11-26T11:05:00Z');
  const MIN = 60_000;

  it('says how long ago or until, in the largest whole unit', () => {
    expect(formatRelative(now - 30_000, now, 'tr')).toBe('şimdi');
    expect(formatRelative(new Date(now - 5 * MIN).toISOString(), now, 'tr')).toBe('5 dakika önce');
    expect(formatRelative(now + 2 * 60 * MIN, now, 'tr')).toBe('2 saat sonra');
    expect(formatRelative(now - 3 * 24 * 60 * MIN, now, 'tr')).toBe('3 gün önce');
    expect(formatRelative(now - 5 * MIN, now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(now - 24 * 60 * MIN, now, 'en')).toBe('yesterday');
  });

  it('gives the time alone within a day, otherwise date and time (Istanbul)', () => {
    expect(formatNear(now + 60 * MIN, now, 'tr')).toBe('15:05');
    expect(formatNear('2026-11-28T11:05:00Z', now, 'tr')).toBe('28.11.2026 14:05');
  });

  it('writes percents the Turkish way, one decimal at most', () => {
    expect(formatPercent(0.019, 'tr')).toBe('%1,9');
    expect(formatPercent(0.01234, 'en')).toBe('1.2%');
  });
});
