// This screen's texts: `v('claim.claim')` reads `ordersView.claim.claim`; `t` stays for shared keys.
import { useTranslation } from 'react-i18next';
import type { Money } from '../../../../protocol';
import { NAMESPACE } from './i18n';
import { durationParts, type ShipByState } from './orderView';

export type ViewText = (key: string, options?: Record<string, unknown>) => string;

export type OrdersText = ReturnType<typeof useOrdersText>;

export function useOrdersText() {
  const { t, i18n } = useTranslation();
  const v: ViewText = (key, options) => t(`${NAMESPACE}.${key}`, options ?? {});
  return { t, v, lang: i18n.language };
}

/** `2 sa 15 dk kaldı`, `45 dk gecikti`; empty when there is no countdown to show. */
export function countdownText(state: ShipByState, v: ViewText): string {
  if (state.minutes === undefined) return '';
  const { d, h, m } = durationParts(state.minutes);
  const time =
    d > 0
      ? v('countdown.days', { d, h })
      : h > 0
        ? v('countdown.hours', { h, m })
        : m > 0
          ? v('countdown.minutes', { m })
          : v('countdown.underMinute');
  return v(state.urgency === 'late' ? 'countdown.late' : 'countdown.left', { time });
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `₺1.234,50` in Turkish and `₺1,234.50` in English: the lira sign in both (en-GB writes `TRY`). */
export function money(m: Money, lang: string): string {
  const key = `${lang}:${m.currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'tr-TR', {
      style: 'currency',
      currency: m.currency,
      currencyDisplay: 'narrowSymbol',
    });
    moneyFormats.set(key, f);
  }
  return f.format(m.minor / 100);
}
