import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney, formatNumber } from './format';

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
