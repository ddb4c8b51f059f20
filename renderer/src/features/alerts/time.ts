// Time as operations staff read it: "5 dakika önce" beside the exact Istanbul time, a clock that
// ticks for relative times, and snooze lengths (15 min, 1 h, until tomorrow morning).
import { useEffect, useState } from 'react';
import { formatDateTime, formatTime } from '../../format';

const ISTANBUL_OFFSET_MS = 3 * 60 * 60_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const rtfCache = new Map<string, Intl.RelativeTimeFormat>();
function rtf(lang: string): Intl.RelativeTimeFormat {
  let f = rtfCache.get(lang);
  if (!f) {
    f = new Intl.RelativeTimeFormat(lang === 'en' ? 'en-GB' : 'tr-TR', { numeric: 'auto' });
    rtfCache.set(lang, f);
  }
  return f;
}

const toMs = (t: string | number): number => (typeof t === 'number' ? t : Date.parse(t));

/** "5 dakika önce", "şimdi", "2 saat sonra" (en: "5 minutes ago", "now", "in 2 hours"). */
export function formatRelative(at: string | number, now: number, lang: string): string {
  const diff = toMs(at) - now;
  const abs = Math.abs(diff);
  const f = rtf(lang);
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

/** A clock for relative times: re-renders every `intervalMs`. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(h);
  }, [intervalMs]);
  return now;
}

export const SNOOZE_OPTIONS = ['m15', 'h1', 'tomorrow'] as const;
export type SnoozeOption = (typeof SNOOZE_OPTIONS)[number];

/** Minutes until tomorrow 08:00 in Istanbul, within what the gateway takes (1–1440). */
export function minutesUntilTomorrowMorning(now: number): number {
  const local = now + ISTANBUL_OFFSET_MS;
  const target = Math.floor(local / DAY) * DAY + DAY + 8 * HOUR;
  return Math.min(24 * 60, Math.max(1, Math.ceil((target - local) / MINUTE)));
}

export function snoozeMinutes(option: SnoozeOption, now: number): number {
  switch (option) {
    case 'm15':
      return 15;
    case 'h1':
      return 60;
    case 'tomorrow':
      return minutesUntilTomorrowMorning(now);
  }
}
