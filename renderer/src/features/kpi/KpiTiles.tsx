import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { formatMoney, formatNumber } from '../../format';

export function KpiTiles() {
  const { t, i18n } = useTranslation();
  const v = useAppSelector((s) => s.kpi.values['*']) ?? {};
  const lang = i18n.language;
  const tiles = [
    { key: 'ordersToday', value: formatNumber(v.ordersToday ?? 0, lang) },
    { key: 'revenueToday', value: formatMoney({ minor: v.revenueToday ?? 0, currency: 'TRY' }, lang) },
    { key: 'aov', value: formatMoney({ minor: v.aov ?? 0, currency: 'TRY' }, lang) },
    { key: 'ordersPerMinute', value: formatNumber(v.ordersPerMinute ?? 0, lang) },
  ] as const;
  return (
    <section className="kpi-tiles" aria-label="KPI">
      {tiles.map((tile) => (
        <div className="kpi-tile" key={tile.key} data-testid={`kpi-${tile.key}`}>
          <div className="kpi-label">{t(`kpi.${tile.key}`)}</div>
          <div className="kpi-value">{tile.value}</div>
        </div>
      ))}
    </section>
  );
}
