// Numbers, money and dates as Turkish staff expect them (tr-TR, Europe/Istanbul); en-GB in English.
import type { Money } from '../../protocol';

const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'tr-TR');
const TIME_ZONE = 'Europe/Istanbul';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
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
