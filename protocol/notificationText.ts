// The words of a notification — an in-app toast or the desktop's OS notification — built from the
// event's data in the reader's language. Nothing a server or producer wrote as prose is shown here,
// nor a status code: the kind names the problem, the subject says where, and a few facts say how bad.
import type { Marketplace, Money } from './common';
import type { ProducerEvent, ProducerEventType } from './events';
import { formatMoney, formatNear, formatNumber } from './format';
import { subjectOfKey } from './subjects';
import { VOCABULARY, wordOf, type Language } from './vocabulary';

/** What a notification is about: the alert (or event) and, when at hand, its latest event. */
export interface NotificationAbout {
  type: ProducerEventType;
  kind: string;
  alertKey?: string;
  marketplace?: Marketplace;
  /** The latest event of the alert, for its facts; absent when only the alert's key is known. */
  event?: ProducerEvent;
}

const PHRASES = {
  tr: {
    units: (n: string) => `${n} adet`,
    shipBy: (at: string) => `son teslim ${at}`,
    cancelBy: { customer: 'müşteri iptali', seller: 'satıcı iptali', marketplace: 'pazaryeri iptali' },
    stillListed: (where: string) => `hâlâ satışta: ${where}`,
    pushFailed: (where: string) => `gönderilemedi: ${where}`,
    winner: (price: string) => `kazanan ${price}`,
    lag: (min: number) => `gecikme ${min} dk`,
    retryAfter: (min: number) => `${min} dk sonra tekrar`,
  },
  en: {
    units: (n: string) => `${n} left`,
    shipBy: (at: string) => `ship by ${at}`,
    cancelBy: {
      customer: 'cancelled by the customer',
      seller: 'cancelled by us',
      marketplace: 'cancelled by the marketplace',
    },
    stillListed: (where: string) => `still listed: ${where}`,
    pushFailed: (where: string) => `push failed: ${where}`,
    winner: (price: string) => `winner ${price}`,
    lag: (min: number) => `lag ${min} min`,
    retryAfter: (min: number) => `retry in ${min} min`,
  },
} as const;

const minutes = (sec: number) => Math.max(1, Math.round(sec / 60));
const market = (lang: Language, m: string | undefined) =>
  m === undefined
    ? undefined
    : m === 'all'
      ? VOCABULARY[lang].words.allMarketplaces
      : wordOf(lang, 'marketplace', m, m);
const join = (parts: (string | undefined)[]) => parts.filter((p): p is string => Boolean(p)).join(' · ');

/**
 * Where an alert is, from its key alone, in two parts: the place (a marketplace, "Tüm pazaryerleri",
 * or a marketplace and a component for system alerts) and the code (an order number or a SKU).
 */
export function subjectParts(
  type: string,
  alertKey: string,
  lang: Language,
  marketplace?: string,
): { where?: string; code?: string } {
  const subject = subjectOfKey(alertKey);
  const cut = subject.indexOf(':');
  const head = cut > 0 ? subject.slice(0, cut) : undefined;
  const rest = cut > 0 ? subject.slice(cut + 1) : subject;
  switch (type) {
    case 'SYSTEM_ALERT':
      return { where: join([market(lang, head ?? marketplace), wordOf(lang, 'component', rest, rest)]) };
    case 'ORDER_NOTIFICATION':
    case 'PRICE_UPDATE': {
      const where = head === 'other' ? undefined : market(lang, head ?? marketplace);
      return where ? { where, code: rest } : { code: rest };
    }
    default:
      return { code: subject };
  }
}

/** "Trendyol · 1234567890" / "SKU-1" / "Hepsiburada · Siparişler". */
function subjectWords(about: NotificationAbout, lang: Language): string {
  const { where, code } = subjectParts(about.type, about.alertKey ?? '', lang, about.marketplace);
  return join([where, code]);
}

function factsOf(e: ProducerEvent, lang: Language, now: number): string {
  const p = PHRASES[lang];
  const money = (m: Money) => formatMoney(m, lang);
  switch (e.type) {
    case 'ORDER_NOTIFICATION': {
      const o = e.payload;
      const head = [market(lang, e.marketplace), o.orderNumber];
      if ((o.kind === 'SHIP_DEADLINE_NEAR' || o.kind === 'SHIP_DEADLINE_MISSED') && o.shipBy) {
        return join([...head, p.shipBy(formatNear(o.shipBy, now, lang))]);
      }
      if (o.kind === 'ORDER_CANCELLED' && o.cancel) return join([...head, p.cancelBy[o.cancel.by]]);
      return join([...head, wordOf(lang, 'orderStatus', o.status, o.status), money(o.total)]);
    }
    case 'INVENTORY_CHANGE': {
      const s = e.payload;
      const parts = [s.sku, p.units(formatNumber(s.available, lang))];
      const listed = s.channels.filter((c) => (c.listedQty ?? 0) > 0);
      if (s.available <= 0 && listed.length > 0) {
        parts.push(p.stillListed(listed.map((c) => `${market(lang, c.marketplace)} (${c.listedQty})`).join(', ')));
      }
      const failed = s.channels.filter((c) => c.pushStatus === 'failed');
      if (failed.length > 0) parts.push(p.pushFailed(failed.map((c) => market(lang, c.marketplace)).join(', ')));
      return join(parts);
    }
    case 'PRICE_UPDATE': {
      const q = e.payload;
      const winner = q.buybox && !q.buybox.isOurs ? p.winner(money(q.buybox.winnerPrice)) : undefined;
      return join([market(lang, q.marketplace), q.sku, money(q.salePrice), winner]);
    }
    case 'SYSTEM_ALERT': {
      const a = e.payload;
      return join([
        market(lang, a.marketplace ?? 'all'),
        wordOf(lang, 'component', a.component, a.component),
        a.lagSec !== undefined ? p.lag(minutes(a.lagSec)) : undefined,
        a.retryAfterSec !== undefined ? p.retryAfter(minutes(a.retryAfterSec)) : undefined,
      ]);
    }
    case 'METRIC_UPDATE':
      return '';
  }
}

/** Title (what happened) and body (where, and the facts that say how bad), in `lang`. */
export function notificationText(
  about: NotificationAbout,
  lang: Language,
  now: number = Date.now(),
): { title: string; body: string } {
  const title = wordOf(lang, 'kind', about.kind, about.kind);
  const body = about.event ? factsOf(about.event, lang, now) : subjectWords(about, lang);
  return { title, body };
}
