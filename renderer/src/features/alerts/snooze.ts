// Snooze lengths as the alert centre offers them: 15 min, 1 h, or until tomorrow morning (08:00 in
// Istanbul).
const ISTANBUL_OFFSET_MS = 3 * 60 * 60_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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
