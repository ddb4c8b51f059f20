// Numbers, money and dates as Turkish staff expect them (tr-TR, Europe/Istanbul); en-GB in English.
import type { Money } from './common';

const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'tr-TR');
const TIME_ZONE = 'Europe/Istanbul';

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;

const cache = new Map<string, Formatter>();
function cached<T extends Formatter>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

export function formatMoney(m: Money, lang: string): string {
  const f = cached(
    `money:${lang}`,
    // The lira sign in every language: staff read ₺, not TRY.
    () =>
      new Intl.NumberFormat(localeOf(lang), {
        style: 'currency',
        currency: m.currency,
        currencyDisplay: 'narrowSymbol',
      }),
  );
  return f.format(m.minor / 100);
}

export function formatNumber(n: number, lang: string, maximumFractionDigits = 0): string {
  return cached(
    `num:${lang}:${maximumFractionDigits}`,
    () => new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits }),
  ).format(n);
}

/** A number with exactly `digits` decimals and no symbol (`1.234,50` in Turkish): for spreadsheets. */
export function formatDecimal(n: number, lang: string, digits: number): string {
  return cached(
    `dec:${lang}:${digits}`,
    () => new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ).format(n);
}

/** `26.11.2026 14:05` in Turkish, `26/11/2026, 14:05` in English, always Istanbul time. */
export function formatDateTime(iso: string | number, lang: string): string {
  const f = cached(
    `dt:${lang}`,
    () =>
      new Intl.DateTimeFormat(localeOf(lang), {
        timeZone: TIME_ZONE,
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  return f.format(typeof iso === 'number' ? iso : Date.parse(iso));
}

export function formatTime(ms: number, lang: string): string {
  const f = cached(
    `t:${lang}`,
    () =>
      new Intl.DateTimeFormat(localeOf(lang), {
        timeZone: TIME_ZONE,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  return f.format(ms);
}

/** `%1,9` in Turkish, `1.9%` in English: a fraction (0.019) as a percent, one decimal at most. */
export function formatPercent(fraction: number, lang: string): string {
  return cached(
    `pct:${lang}`,
    () => new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 1 }),
  ).format(fraction);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const toMs = (t: string | number): number => (typeof t === 'number' ? t : Date.parse(t));

/** "5 dakika önce", "şimdi", "2 saat sonra" (en: "5 minutes ago", "now", "in 2 hours"). */
export function formatRelative(at: string | number, now: number, lang: string): string {
  const diff = toMs(at) - now;
  const abs = Math.abs(diff);
  const f = cached(`rel:${lang}`, () => new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' }));
  if (abs < 45_000) return f.format(0, 'second');
  if (abs < 45 * MINUTE) return f.format(Math.round(diff / MINUTE), 'minute');
  if (abs < 22 * HOUR) return f.format(Math.round(diff / HOUR), 'hour');
  return f.format(Math.round(diff / DAY), 'day');
}

/** The time alone when it is within a day of now, otherwise date and time (Istanbul). */
export function formatNear(at: string | number, now: number, lang: string): string {
  const ms = toMs(at);
  return Math.abs(ms - now) < 20 * HOUR ? formatTime(ms, lang) : formatDateTime(ms, lang);
}

const ISTANBUL_OFFSET_MS = 3 * 3_600_000; // Turkey keeps UTC+3 all year
const DAY_MS = 86_400_000;

/** The start (epoch ms) of the Istanbul day that `ms` falls in. */
export function istanbulDayStart(ms: number): number {
  return Math.floor((ms + ISTANBUL_OFFSET_MS) / DAY_MS) * DAY_MS - ISTANBUL_OFFSET_MS;
}
