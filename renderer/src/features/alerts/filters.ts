// What the alert centre's filters hold (text, priorities, channel, state) and the match they make.
import type { useTranslation } from 'react-i18next';
import type { Priority } from '../../../../protocol';
import type { AlertRow } from './alertsSlice';
import { searchTextOf } from './describe';

/** Channels that carry alerts, in the order the filter lists them. */
export const ALERT_CHANNELS = ['orders', 'inventory', 'prices', 'system', 'global'] as const;
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface AlertFilters {
  text: string;
  priorities: Priority[];
  channel: string;
  state: AlertState | 'all';
}

export const NO_FILTERS: AlertFilters = { text: '', priorities: [], channel: 'all', state: 'all' };

export const isFiltered = (f: AlertFilters) =>
  f.text.trim() !== '' || f.priorities.length > 0 || f.channel !== 'all' || f.state !== 'all';

type Translate = ReturnType<typeof useTranslation>['t'];

/** Every word of the text somewhere in the alert's words (Turkish case rules), and the rest exactly. */
export function matcher(f: AlertFilters, t: Translate, lang: string): (a: AlertRow) => boolean {
  const words = f.text.trim().toLocaleLowerCase('tr').split(/\s+/).filter(Boolean);
  return (a) =>
    (f.priorities.length === 0 || f.priorities.includes(a.priority)) &&
    (f.channel === 'all' || a.channel === f.channel) &&
    (f.state === 'all' || a.state === f.state) &&
    (words.length === 0 || ((text) => words.every((w) => text.includes(w)))(searchTextOf(t, a, lang)));
}
