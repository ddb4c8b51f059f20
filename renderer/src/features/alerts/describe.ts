// What an alert is about, in words for its row: the subject (order, SKU, marketplace and
// component) and one line of detail from its latest event, in the console's own words. An alert
// kept from before gateways stored its event has no detail: the gateway's title is never shown.
import type { TFunction } from 'i18next';
import { subjectParts, type Language, type LiveEvent } from '../../../../protocol';
import { formatMoney, formatNear } from '../../format';
import type { AlertRow } from './alertsSlice';

/** "Kritik stok", "Buybox kaybedildi", … (the kind itself when unknown). */
export function kindLabel(t: TFunction, kind: string): string {
  return t(`alertsView.kind.${kind}`, { defaultValue: kind });
}

const language = (lang: string): Language => (lang === 'en' ? 'en' : 'tr');

/**
 * The alert's subject in two parts: where (marketplace, or marketplace and component for system
 * alerts) and the identifier (order number, SKU), the latter absent for system alerts — the same
 * words its notifications use.
 */
export function subjectPartsOf(
  lang: string,
  a: Pick<AlertRow, 'type' | 'alertKey' | 'marketplace'>,
): { where?: string; code?: string } {
  return subjectParts(a.type, a.alertKey, language(lang), a.marketplace);
}

/** The alert's subject: "Trendyol · 1234567890", "KOT-SLM-LCV-32", "Hepsiburada · Siparişler". */
export function subjectOf(lang: string, a: Pick<AlertRow, 'type' | 'alertKey' | 'marketplace'>): string {
  const { where, code } = subjectPartsOf(lang, a);
  return [where, code].filter(Boolean).join(' · ');
}

/** One line of detail from an event, in the user's language. */
export function detailOfEvent(t: TFunction, e: LiveEvent, lang: string): string {
  switch (e.type) {
    case 'INVENTORY_CHANGE': {
      const p = e.payload;
      const parts = [t('alertsView.detail.available', { count: p.available })];
      if (p.threshold !== undefined) parts.push(t('alertsView.detail.threshold', { count: p.threshold }));
      const listed = p.channels.filter((c) => (c.listedQty ?? 0) > 0);
      if (p.available <= 0 && listed.length > 0) {
        parts.push(
          t('alertsView.detail.stillListed', {
            where: listed.map((c) => `${t(`marketplace.${c.marketplace}`)} (${c.listedQty})`).join(', '),
          }),
        );
      }
      const failed = p.channels.filter((c) => c.pushStatus === 'failed');
      if (failed.length > 0) {
        parts.push(
          t('alertsView.detail.pushFailed', {
            where: failed.map((c) => t(`marketplace.${c.marketplace}`)).join(', '),
          }),
        );
      }
      return parts.join(' · ');
    }
    case 'PRICE_UPDATE': {
      const p = e.payload;
      const parts = [t('alertsView.detail.ourPrice', { price: formatMoney(p.salePrice, lang) })];
      if (p.buybox && !p.buybox.isOurs) {
        parts.push(t('alertsView.detail.winner', { price: formatMoney(p.buybox.winnerPrice, lang) }));
        parts.push(t('alertsView.detail.rank', { rank: p.buybox.rank }));
      } else if (p.buybox && p.buybox.winnerPrice.minor < p.salePrice.minor) {
        parts.push(t('alertsView.detail.competitor', { price: formatMoney(p.buybox.winnerPrice, lang) }));
      }
      // The marketplace's own reasons, said as theirs.
      if (p.rejection) parts.push(t('alertsView.detail.reasons', { reasons: p.rejection.reasons.join('; ') }));
      return parts.join(' · ');
    }
    case 'SYSTEM_ALERT': {
      const p = e.payload;
      const minutes = (sec: number) => Math.max(1, Math.round(sec / 60));
      const parts: string[] = [];
      if (p.lagSec !== undefined) parts.push(t('alertsView.detail.lag', { minutes: minutes(p.lagSec) }));
      if (p.retryAfterSec !== undefined) {
        parts.push(t('alertsView.detail.retryAfter', { minutes: minutes(p.retryAfterSec) }));
      }
      // What the integration wrote about it, said as its note.
      parts.push(t('alertsView.detail.note', { note: p.message }));
      return parts.join(' · ');
    }
    case 'ORDER_NOTIFICATION': {
      const p = e.payload;
      const parts = [t(`orderStatus.${p.status}`, { defaultValue: p.status }), formatMoney(p.total, lang)];
      // A deadline alert says the deadline first.
      if ((p.kind === 'SHIP_DEADLINE_NEAR' || p.kind === 'SHIP_DEADLINE_MISSED') && p.shipBy) {
        parts.unshift(t('alertsView.detail.shipBy', { at: formatNear(p.shipBy, Date.now(), lang) }));
      }
      if (p.cancel?.reason) parts.push(t('alertsView.detail.cancelReason', { reason: p.cancel.reason }));
      return parts.join(' · ');
    }
    default:
      return '';
  }
}

/** Detail for a row: from its latest event (none without one). */
export function detailOf(t: TFunction, a: AlertRow, lang: string): string {
  return a.lastEvent ? detailOfEvent(t, a.lastEvent, lang) : '';
}

/** Everything the free-text filter looks through, lower-cased the Turkish way. */
export function searchTextOf(t: TFunction, a: AlertRow, lang: string): string {
  return [
    a.alertKey,
    kindLabel(t, a.kind),
    subjectOf(lang, a),
    detailOf(t, a, lang),
    a.ackedBy?.name ?? '',
    a.marketplace ? t(`marketplace.${a.marketplace}`, a.marketplace) : '',
  ]
    .join(' ')
    .toLocaleLowerCase('tr');
}
