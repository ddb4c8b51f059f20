// The newest event the console has seen, and the "son olay 3 sn önce" text made from it.
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import type { RootState } from '../../app/store';
import { lastEventText } from './connectionText';

/** The newest event the console has seen: received here, or (after a reload) as the host tells. */
export function selectLastEventAt(s: RootState): number | undefined {
  const perChannel = Object.values(s.connection.quality?.lastEventAt ?? {});
  const all = [...perChannel, ...(s.connection.lastEventAt === undefined ? [] : [s.connection.lastEventAt])];
  return all.length > 0 ? Math.max(...all) : undefined;
}

/** lastEventText, worked out again when its whole seconds change, not on every newer event. */
export function useLastEventText(lastEventAt: number | undefined, now: number, t: TFunction): string {
  const age = lastEventAt === undefined ? undefined : Math.max(0, Math.floor((now - lastEventAt) / 1000));
  // The text reads only the whole seconds between the two: (0, age s) says what the real pair says.
  return useMemo(() => lastEventText(t, age === undefined ? undefined : 0, (age ?? 0) * 1000), [t, age]);
}
