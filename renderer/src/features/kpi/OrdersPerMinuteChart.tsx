// Orders per minute over the last hour, per marketplace.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatTime } from '../../format';
import { KEY_PREFIX } from './i18n';
import { formatClock } from './kpiFormat';
import { KpiChartPanel } from './KpiChartPanel';

export function OrdersPerMinuteChart() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: KEY_PREFIX });
  const lang = i18n.language;
  const formatTick = useCallback((ms: number) => formatTime(ms, lang), [lang]);
  const formatAt = useCallback((ms: number) => formatClock(ms, lang), [lang]);
  const formatValue = useCallback((y: number) => formatNumber(y, lang), [lang]);
  return (
    <KpiChartPanel
      metric="ordersPerMinute"
      title={t('chart.ordersPerMinute')}
      testId="orders-per-minute-chart"
      beginAtZero
      integerTicks
      formatTick={formatTick}
      formatTime={formatAt}
      formatValue={formatValue}
      formatValueTick={formatValue}
    />
  );
}
