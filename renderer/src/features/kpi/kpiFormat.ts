// How each kind of KPI reads: counts, money (kuruş in the data), percentages (`%12,3` in Turkish)
// and durations in words ("4 dk 5 sn"), with signed changes for the trend. Intl does the locale.
import { formatNumber } from '../../format';

export type KpiKind = 'count' | 'money' | 'percent' | 'duration';

/** The words a duration and a percentage-point change are written with, from the translations. */
export interface UnitWords {
  hour: string;
  minute: string;
  second: string;
  points: string;
}

export const EM_DASH = '—';

const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'tr-TR');
const TIME_ZONE = 'Europe/Istanbul';

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${key}:${lang}`;
  let f = formats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), options);
    formats.set(id, f);
  }
  return f;
}

// The lira sign in English too ("₺1,234.56", not "TRY 1,234.56"): shorter in a tile, and what the
// seller's staff read everywhere else.
const LIRA: Intl.NumberFormatOptions = { style: 'currency', currency: 'TRY', currencyDisplay: 'narrowSymbol' };

/** Lira with kuruş: "₺1.234,56" in Turkish, "₺1,234.56" in English. */
export const formatLira = (lira: number, lang: string): string => numberFormat('money', lang, LIRA).format(lira);

const percentFormat = (lang: string) =>
  numberFormat('pct', lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 12 s → "12 sn"; 245 s → "4 dk 5 sn"; 3720 s → "1 sa 2 dk" (the smaller unit left out when 0). */
export function formatDuration(seconds: number, lang: string, words: UnitWords): string {
  const total = Math.max(0, Math.round(seconds));
  const part = (n: number, unit: string) => `${formatNumber(n, lang)} ${unit}`;
  if (total < 60) return part(total, words.second);
  if (total < 3600) {
    const m = Math.floor(total / 60);
    const s = total % 60;
    return s === 0 ? part(m, words.minute) : `${part(m, words.minute)} ${part(s, words.second)}`;
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return m === 0 ? part(h, words.hour) : `${part(h, words.hour)} ${part(m, words.minute)}`;
}

/** The figure of a KPI. Money is in kuruş; a percentage is a number of percent (12.3 → %12,3). */
export function formatKpi(kind: KpiKind, value: number, lang: string, words: UnitWords): string {
  switch (kind) {
    case 'count':
      return formatNumber(Math.round(value), lang);
    case 'money':
      return formatLira(Math.round(value) / 100, lang);
    case 'percent':
      return percentFormat(lang).format(value / 100);
    case 'duration':
      return formatDuration(value, lang, words);
  }
}

/** A change with its sign: "+12", "-₺40,00", "+1,5 puan" (percentage points), "+5 sn". */
export function formatKpiDelta(kind: KpiKind, delta: number, lang: string, words: UnitWords): string {
  switch (kind) {
    case 'count':
      return numberFormat('dcount', lang, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(
        Math.round(delta),
      );
    case 'money':
      return numberFormat('dmoney', lang, { ...LIRA, signDisplay: 'exceptZero' }).format(Math.round(delta) / 100);
    case 'percent': {
      const n = numberFormat('dpct', lang, {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero',
      }).format(delta);
      return `${n} ${words.points}`;
    }
    case 'duration':
      return `${delta < 0 ? '-' : '+'}${formatDuration(Math.abs(delta), lang, words)}`;
  }
}

/** Axis labels of money in lira: "₺12 B", "₺1,2 Mn". */
export function formatCompactLira(lira: number, lang: string): string {
  return numberFormat('cmoney', lang, { ...LIRA, notation: 'compact', maximumFractionDigits: 1 }).format(lira);
}

const clocks = new Map<string, Intl.DateTimeFormat>();
/** 14:05:09, Istanbul time, for "as of" stamps and chart tooltips. */
export function formatClock(ms: number, lang: string): string {
  let f = clocks.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), {
      timeZone: TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(lang, f);
  }
  return f.format(ms);
}
