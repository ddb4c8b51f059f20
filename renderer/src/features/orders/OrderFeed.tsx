// The dashboard's newest orders; an order number opens that order on the Orders screen.
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { formatDateTime } from '../../format';
import { focused } from '../ui/uiSlice';
import { NAMESPACE } from './i18n';
import { ordersSelectors } from './ordersSlice';
import { money } from './text';
import './orders.css';

const SHOWN = 100;

export function OrderFeed() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const orders = useAppSelector((s) => ordersSelectors.selectAll(s.orders));
  const lang = i18n.language;
  return (
    <section className="panel order-feed" aria-labelledby="orders-title">
      <h2 id="orders-title">{t('orders.title')}</h2>
      {orders.length === 0 ? (
        <p className="empty">{t('orders.empty')}</p>
      ) : (
        <ol className="order-list" data-testid="order-feed">
          {orders.slice(0, SHOWN).map((o) => (
            <li key={o.key} className="order-row" data-order-number={o.orderNumber} data-priority={o.priority}>
              <span className="order-no">
                <a
                  href="#/orders"
                  title={t(`${NAMESPACE}.feed.open`)}
                  onClick={() => dispatch(focused({ view: 'orders', item: o.key }))}
                >
                  {o.orderNumber}
                </a>
              </span>
              <span className="order-market">{o.marketplace ? t(`marketplace.${o.marketplace}`) : '—'}</span>
              <span className="order-total">{money(o.total, lang)}</span>
              <span className="order-items">{t('orders.items', { count: o.itemCount })}</span>
              <span className="order-city">{o.city ?? ''}</span>
              <span className={`order-status status-${o.status}`}>{t(`orderStatus.${o.status}`)}</span>
              <time className="order-time" dateTime={o.orderedAt}>
                {formatDateTime(o.orderedAt, lang)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
