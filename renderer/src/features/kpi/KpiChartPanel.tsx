// A live chart panel of one series metric: the last hour, one line per marketplace (and the total)
// when all are shown, or the chosen marketplace. The canvas is hidden from assistive technology;
// the legend beneath it gives every line's latest value in text.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { seriesColour, useChartTheme } from './chartTheme';
import { KEY_PREFIX } from './i18n';
import { OVERALL, selectChartLines, selectOverallLast, type SeriesMetric } from './kpiSelectors';
import { SERIES_WINDOW_MS } from './kpiSlice';
import { LiveLineChart, type ChartLine } from './LiveLineChart';
import './kpi.css';

/** The x window slides with the clock too, so a quiet stream visibly ages. */
const CLOCK_TICK_MS = 5000;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export interface KpiChartPanelProps {
  metric: SeriesMetric;
  title: string;
  /** Test id of the chart box, which carries data-points, data-newest, data-last and data-series. */
  testId: string;
  beginAtZero: boolean;
  integerTicks: boolean;
  formatTick: (ms: number) => string;
  formatTime: (ms: number) => string;
  formatValue: (y: number) => string;
  formatValueTick: (y: number) => string;
}

export function KpiChartPanel(props: KpiChartPanelProps) {
  const { metric, title, testId, formatValue } = props;
  const { t } = useTranslation(undefined, { keyPrefix: KEY_PREFIX });
  const { t: tAll } = useTranslation();
  // The chart follows in a later, interruptible render: a batch's tiles and feed commit first,
  // and the canvas redraw never adds to the same task (no long task from the two together).
  const lines = useDeferredValue(useAppSelector((s) => selectChartLines(s, metric)));
  const overallLast = useAppSelector((s) => selectOverallLast(s, metric));
  const allMarketplaces = useAppSelector((s) => s.ui.marketplace === 'all');
  const theme = useChartTheme();
  const now = useNow(CLOCK_TICK_MS);

  const chartLines = useMemo<ChartLine[]>(
    () =>
      lines.map((l) => ({
        label: l.scope === OVERALL ? t('chart.total') : tAll(`marketplace.${l.scope}`),
        colour: seriesColour(theme, l.scope),
        points: l.points,
        emphasis: l.scope === OVERALL,
      })),
    [lines, theme, t, tAll],
  );

  let points = 0;
  let latest = 0;
  for (const l of lines) {
    points += l.points.length;
    latest = Math.max(latest, l.points.at(-1)?.x ?? 0);
  }
  const titleId = `${testId}-title`;

  return (
    <section className="panel kpi-chart" aria-labelledby={titleId}>
      <header className="kpi-chart-head">
        <h2 id={titleId}>{title}</h2>
        <span className="kpi-chart-window">{t('chart.window')}</span>
      </header>
      <div
        className="kpi-chart-box"
        data-testid={testId}
        data-points={points}
        data-newest={latest || ''}
        data-series={lines.length}
        data-last={overallLast ?? ''}
      >
        <LiveLineChart
          lines={chartLines}
          windowEnd={Math.max(now, latest)}
          windowMs={SERIES_WINDOW_MS}
          theme={theme}
          fill={chartLines.length === 1}
          beginAtZero={props.beginAtZero}
          integerTicks={props.integerTicks}
          formatTick={props.formatTick}
          formatTime={props.formatTime}
          formatValue={formatValue}
          formatValueTick={props.formatValueTick}
        />
        {lines.length === 0 && (
          <p className="kpi-chart-empty">{allMarketplaces ? t('chart.waiting') : t('chart.noScopeData')}</p>
        )}
      </div>
      {chartLines.length > 0 && (
        <ul className="kpi-legend" aria-label={t('chart.latest')}>
          {chartLines.map((l) => (
            <li key={l.label} data-emphasis={l.emphasis || undefined}>
              <span className="kpi-swatch" style={{ backgroundColor: l.colour }} aria-hidden="true" />
              <span className="kpi-legend-name">{l.label}</span>
              <span className="kpi-legend-value">{formatValue(l.points.at(-1)?.y ?? 0)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
