// The dashboard: KPI tiles, the live orders-per-minute chart and the newest orders.
import { useTranslation } from 'react-i18next';
import { KpiTiles } from '../kpi/KpiTiles';
import { OrdersPerMinuteChart } from '../kpi/OrdersPerMinuteChart';
import { OrderFeed } from '../orders/OrderFeed';

export function DashboardScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen dashboard" aria-labelledby="screen-title">
      <h1 id="screen-title" className="sr-only">
        {t('nav.dashboard')}
      </h1>
      <KpiTiles />
      <OrdersPerMinuteChart />
      <OrderFeed />
    </section>
  );
}
