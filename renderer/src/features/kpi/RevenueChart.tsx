// Revenue today (₺, as it grew) over the last hour, per marketplace.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format';
import { KEY_PREFIX } from './i18n';
import { formatClock, formatCompactLira, formatLira } from './kpiFormat';
import { KpiChartPanel } from './KpiChartPanel';

export function RevenueChart() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: KEY_PREFIX });
  const lang = i18n.language;
  const formatTick = useCallback((ms: number) => formatTime(ms, lang), [lang]);
  const formatAt = useCallback((ms: number) => formatClock(ms, lang), [lang]);
  // The series is in lira (the slice divides the kuruş by 100).
  const formatValue = useCallback((lira: number) => formatLira(lira, lang), [lang]);
  const formatValueTick = useCallback((lira: number) => formatCompactLira(lira, lang), [lang]);
  return (
    <KpiChartPanel
      metric="revenueToday"
      title={t('chart.revenue')}
      testId="revenue-chart"
      beginAtZero={false}
      integerTicks={false}
      formatTick={formatTick}
      formatTime={formatAt}
      formatValue={formatValue}
      formatValueTick={formatValueTick}
    />
  );
}
