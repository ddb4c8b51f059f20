import { describe, expect, it } from 'vitest';
import { formatClock, formatCompactLira, formatDuration, formatKpi, formatKpiDelta, type UnitWords } from './kpiFormat';

const TR: UnitWords = { hour: 'sa', minute: 'dk', second: 'sn', points: 'puan' };
const EN: UnitWords = { hour: 'h', minute: 'min', second: 's', points: 'pts' };

describe('KPI figures', () => {
  it('writes money from kuruş with the lira sign: ₺1.234,56 in Turkish, ₺1,234.56 in English', () => {
    expect(formatKpi('money', 123_456, 'tr', TR)).toBe('₺1.234,56');
    expect(formatKpi('money', 123_456, 'en', EN)).toBe('₺1,234.56');
    expect(formatKpiDelta('money', -4_000, 'tr', TR)).toBe('-₺40,00');
    expect(formatKpiDelta('money', 4_000, 'en', EN)).toBe('+₺40.00');
  });

  it('puts the percent sign first in Turkish and counts changes in points', () => {
    expect(formatKpi('percent', 12.3, 'tr', TR)).toBe('%12,3');
    expect(formatKpi('percent', 12.3, 'en', EN)).toBe('12.3%');
    expect(formatKpiDelta('percent', 1.5, 'tr', TR)).toBe('+1,5 puan');
    expect(formatKpiDelta('percent', -0.25, 'en', EN)).toBe('-0.3 pts');
  });

  it('groups counts the local way and rounds tween steps', () => {
    expect(formatKpi('count', 12_345, 'tr', TR)).toBe('12.345');
    expect(formatKpi('count', 12_345, 'en', EN)).toBe('12,345');
    expect(formatKpi('count', 9.6, 'tr', TR)).toBe('10');
    expect(formatKpiDelta('count', 3, 'tr', TR)).toBe('+3');
  });

  it('humanises durations in the largest two units', () => {
    expect(formatDuration(12, 'tr', TR)).toBe('12 sn');
    expect(formatDuration(245, 'tr', TR)).toBe('4 dk 5 sn');
    expect(formatDuration(300, 'en', EN)).toBe('5 min');
    expect(formatDuration(3720, 'en', EN)).toBe('1 h 2 min');
    expect(formatKpiDelta('duration', -90, 'tr', TR)).toBe('-1 dk 30 sn');
  });

  it('writes compact axis money and Istanbul clock time', () => {
    expect(formatCompactLira(1_250_000, 'tr')).toBe('₺1,3\u00a0Mn');
    // 09:05:07 UTC is 12:05:07 in Istanbul (UTC+3 all year).
    expect(formatClock(Date.UTC(2026, 10, 26, 9, 5, 7), 'tr')).toBe('12:05:07');
  });
});
