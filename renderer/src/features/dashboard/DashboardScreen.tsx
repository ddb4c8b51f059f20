// The dashboard: the marketplace filter, KPI tiles, the live orders-per-minute and revenue charts
// and the newest orders. Tiles and charts follow the filter.
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { KpiTiles } from '../kpi/KpiTiles';
import { formatClock } from '../kpi/kpiFormat';
import { selectScope, selectScopeUpdatedAt } from '../kpi/kpiSelectors';
import { OrdersPerMinuteChart } from '../kpi/OrdersPerMinuteChart';
import { RevenueChart } from '../kpi/RevenueChart';
import { OrderFeed } from '../orders/OrderFeed';
import { MarketplaceFilter } from './MarketplaceFilter';
import './dashboard.css';

/** Which marketplaces the figures are for and how fresh they are (re-renders alone, every report). */
function DashboardSubtitle() {
  const { t, i18n } = useTranslation();
  const marketplace = useAppSelector((s) => s.ui.marketplace);
  const updatedAt = useAppSelector(selectScopeUpdatedAt);
  return (
    <p className="dash-sub">
      <span>{marketplace === 'all' ? t('dashboard.scopeAll') : t(`marketplace.${marketplace}`)}</span>
      {updatedAt !== undefined && (
        <span className="dash-asof">{t('dashboard.asOf', { time: formatClock(updatedAt, i18n.language) })}</span>
      )}
    </p>
  );
}

// Memoised: it takes no props, so the shell's own re-renders (every batch that moves the unread
// counts) do not reach the tiles, charts and feed, which follow the store themselves.
export const DashboardScreen = memo(function DashboardScreen() {
  const { t } = useTranslation();
  const scope = useAppSelector(selectScope);
  const feedRef = useRef<HTMLDivElement>(null);
  return (
    <section className="screen dash" aria-labelledby="screen-title" data-scope={scope}>
      <header className="dash-head">
        <div className="dash-heading">
          <h1 id="screen-title">{t('nav.dashboard')}</h1>
          <DashboardSubtitle />
        </div>
        <MarketplaceFilter />
      </header>
      <KpiTiles />
      <div className="dash-charts">
        <OrdersPerMinuteChart />
        <RevenueChart />
      </div>
      {/* The feed scrolls in a region of its own that the keyboard can reach and scroll. */}
      <div ref={feedRef} className="dash-feed" role="region" aria-label={t('dashboard.feedLabel')} tabIndex={0}>
        <OrderFeed scrollRef={feedRef} />
      </div>
    </section>
  );
});
