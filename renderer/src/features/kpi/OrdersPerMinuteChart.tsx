// Orders per minute over the last hour. A stream chart: no animation, pre-parsed points,
// decimation, fixed x window, updates without transitions.
import {
  Chart,
  Decimation,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
} from 'chart.js';
import { useMemo } from 'react';
import { Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { formatTime } from '../../format';
import { SERIES_WINDOW_MS } from './kpiSlice';

const EMPTY: { x: number; y: number }[] = [];

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Decimation, Filler);

export function OrdersPerMinuteChart() {
  const { t, i18n } = useTranslation();
  const points = useAppSelector((s) => s.kpi.series['*']?.ordersPerMinute) ?? EMPTY;
  const last = points.at(-1);
  const lang = i18n.language;

  const options = useMemo<ChartOptions<'line'>>(() => {
    // The x window ends at the newest sample; with none yet, Chart.js picks its own range.
    const max = last?.x;
    return {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        decimation: { enabled: true, algorithm: 'lttb', samples: 240 },
        tooltip: { intersect: false, mode: 'index' },
      },
      scales: {
        x: {
          type: 'linear',
          min: max === undefined ? undefined : max - SERIES_WINDOW_MS,
          max,
          ticks: { maxTicksLimit: 7, callback: (v) => formatTime(Number(v), lang) },
        },
        y: { type: 'linear', beginAtZero: true, suggestedMax: 10, ticks: { precision: 0 } },
      },
      elements: { point: { radius: 0 }, line: { borderWidth: 2, tension: 0 } },
    };
  }, [last?.x, lang]);

  const data = useMemo(
    () => ({
      datasets: [
        {
          label: t('kpi.ordersPerMinute'),
          data: points,
          borderColor: '#2f80ed',
          backgroundColor: 'rgba(47,128,237,0.15)',
          fill: true,
        },
      ],
    }),
    [points, t],
  );

  return (
    <section className="panel chart-panel" aria-labelledby="opm-title">
      <h2 id="opm-title">{t('kpi.chartTitle')}</h2>
      <div
        className="chart-box"
        data-testid="orders-per-minute-chart"
        data-points={points.length}
        data-last={last?.y ?? ''}
      >
        <Line data={data} options={options} updateMode="none" aria-hidden="true" />
      </div>
      <p className="sr-only" aria-live="off">
        {last ? t('kpi.chartSummary', { value: last.y, count: points.length }) : t('kpi.chartEmpty')}
      </p>
    </section>
  );
}
